// File helpers for the campaigns: whole-file bytes, directory copies for
// oracles and reproducers, and the journal split into lines. Nothing here
// interprets a journal beyond its line structure and a few fields read by
// name, so the campaigns judge the ledger from outside.

import Foundation
import LedgerCore
#if canImport(Glibc)
import Glibc
#endif

struct FileError: Error, CustomStringConvertible {
    var description: String
}

public func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw FileError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return bytes
}

public func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw FileError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            throw FileError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        done += n
    }
}

public func writeFile(_ path: String, _ text: String) throws {
    try writeFile(path, Array(text.utf8))
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

func makeDirectories(_ path: String) {
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
}

func removeTree(_ path: String) {
    // Undo what fault cases may have left: a read-only directory would stop the removal.
    // Only real directories are touched: chmod follows symlinks, and a case may leave one to /dev/zero.
    if isRealDirectory(path) {
        chmod(path, 0o755)
        for relative in (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? [] where isRealDirectory("\(path)/\(relative)") {
            chmod("\(path)/\(relative)", 0o755)
        }
    }
    try? FileManager.default.removeItem(atPath: path)
}

/// What lstat says a path is (symlinks are not followed).
func fileType(_ path: String) -> mode_t? {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : nil
}

func isRealDirectory(_ path: String) -> Bool { fileType(path) == S_IFDIR }

/// Copies a directory tree; `skip` names relative paths (and everything
/// under them) to leave out. Symlinks are copied as symlinks, never followed.
func copyTree(_ from: String, _ to: String, skip: Set<String> = []) throws {
    removeTree(to)
    makeDirectories(to)
    for relative in (try FileManager.default.subpathsOfDirectory(atPath: from)).sorted() {
        if skip.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) { continue }
        let source = "\(from)/\(relative)"
        switch fileType(source) {
        case S_IFDIR: makeDirectories("\(to)/\(relative)")
        case S_IFREG: try writeFile("\(to)/\(relative)", try readFile(source))
        case S_IFLNK:
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: source) { symlink(target, "\(to)/\(relative)") }
        default: continue
        }
    }
}

/// The regular files under `dir` (symlinks not followed), as relative paths, sorted.
func filesUnder(_ dir: String) -> [String] {
    guard let all = try? FileManager.default.subpathsOfDirectory(atPath: dir) else { return [] }
    return all.filter { fileType("\(dir)/\($0)") == S_IFREG }.sorted()
}

/// A journal split at its newlines.
struct JournalBytes {
    /// Every line that ends with a newline, without it.
    var lines: [[UInt8]]
    /// Bytes after the last newline (a torn tail, or nothing).
    var fragment: [UInt8]

    init(_ bytes: [UInt8]) {
        var lines: [[UInt8]] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            lines.append(Array(bytes[start..<i]))
            start = i + 1
        }
        self.lines = lines
        fragment = Array(bytes[start...])
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        for l in lines { out += l; out.append(0x0A) }
        return out + fragment
    }
}

/// One journal line's fields that the campaigns look at, read by name.
struct LineFields {
    var seq: Int64?
    var hash: String?
    var more: Int
    var source: String?

    init(_ line: [UInt8]) {
        seq = LineFields.number(line, key: "\"seq\":").map(Int64.init)
        more = LineFields.number(line, key: "\"more\":") ?? 0
        hash = LineFields.string(line, key: "\"hash\":\"")
        source = LineFields.string(line, key: "\"source\":\"")
    }

    static func find(_ line: [UInt8], _ key: String) -> Int? {
        let k = Array(key.utf8)
        guard line.count >= k.count else { return nil }
        var i = 0
        while i <= line.count - k.count {
            if line[i] == k[0] && line[i..<(i + k.count)].elementsEqual(k) { return i + k.count }
            i += 1
        }
        return nil
    }

    static func number(_ line: [UInt8], key: String) -> Int? {
        guard var i = find(line, key) else { return nil }
        var n = 0
        var digits = 0
        while i < line.count, line[i] >= 0x30, line[i] <= 0x39, digits < 18 {
            n = n * 10 + Int(line[i] - 0x30)
            i += 1
            digits += 1
        }
        return digits > 0 ? n : nil
    }

    static func string(_ line: [UInt8], key: String) -> String? {
        guard let i = find(line, key) else { return nil }
        var j = i
        while j < line.count, line[j] != UInt8(ascii: "\"") { j += 1 }
        return String(decoding: line[i..<j], as: UTF8.self)
    }
}

/// The events of a ledger's journal as the campaigns see them: seq, hash,
/// batch position and source, in order, across the sealed segment files
/// (events/journal.FIRST-LAST.jsonl) that end before the active file
/// starts, then the active events/journal.jsonl.
struct JournalSummary {
    var events: [LineFields]
    var fragment: Int

    init(ledger: String) {
        let dir = "\(ledger)/events"
        let active = JournalBytes((try? readFile("\(dir)/journal.jsonl")) ?? [])
        let activeEvents = active.lines.map(LineFields.init)
        let first = activeEvents.first?.seq ?? Int64.max
        // Segments named journal.<first>-<last>.jsonl; one overlapping the active file is an interrupted seal's leftover.
        let segments = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).compactMap { name -> (Int64, String)? in
            guard name.hasPrefix("journal."), name.hasSuffix(".jsonl"), name != "journal.jsonl" else { return nil }
            let range = name.dropFirst(8).dropLast(6).split(separator: "-")
            guard range.count == 2, let last = Int64(range[1]), last < first else { return nil }
            return (last, name)
        }.sorted { $0.0 < $1.0 }
        events = segments.flatMap { JournalBytes((try? readFile("\(dir)/\($0.1)")) ?? []).lines.map(LineFields.init) } + activeEvents
        fragment = active.fragment.count
    }

    /// seq -> hash, for acknowledged-event checks.
    var hashes: [Int64: String] {
        var map: [Int64: String] = [:]
        for e in events { if let s = e.seq, let h = e.hash { map[s] = h } }
        return map
    }
}
