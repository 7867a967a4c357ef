// The journal as the campaigns see it: bytes split into lines, a few
// fields of a line read by name, and the events across the sealed segments
// and the active file. Nothing here interprets a journal beyond its line
// structure and those fields, so the campaigns judge the ledger from outside.
// (Not LedgerStore's `JournalBytes`, which reads a journal file by offsets.)

import LedgerToolSupport

/// A journal split at its newlines.
struct JournalLines {
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
        let active = JournalLines((try? Files.read("\(dir)/journal.jsonl")) ?? [])
        let activeEvents = active.lines.map(LineFields.init)
        let first = activeEvents.first?.seq ?? Int64.max
        // Segments named journal.<first>-<last>.jsonl; one overlapping the active file is an interrupted seal's leftover.
        let segments = Files.list(dir).compactMap { name -> (Int64, String)? in
            guard name.hasPrefix("journal."), name.hasSuffix(".jsonl"), name != "journal.jsonl" else { return nil }
            let range = name.dropFirst(8).dropLast(6).split(separator: "-")
            guard range.count == 2, let last = Int64(range[1]), last < first else { return nil }
            return (last, name)
        }.sorted { $0.0 < $1.0 }
        events = segments.flatMap { JournalLines((try? Files.read("\(dir)/\($0.1)")) ?? []).lines.map(LineFields.init) } + activeEvents
        fragment = active.fragment.count
    }

    /// seq -> hash, for acknowledged-event checks.
    var hashes: [Int64: String] {
        var map: [Int64: String] = [:]
        for e in events { if let s = e.seq, let h = e.hash { map[s] = h } }
        return map
    }
}
