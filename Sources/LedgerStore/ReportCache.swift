// A cache of rendered reports: the bytes a report printed, keyed by the
// command that asked for it, and pinned to the journal position it was
// computed from. An auditor asks the same quarter again and again; while
// the journal has not moved (or, for a cut in the past, while the past it
// read is unchanged) the answer is the same bytes.
//
// Like every cache here it is checked before use, never trusted: the
// journal line at the pinned offset must still carry the pinned hash, and
// a report of "now" is used only while nothing has been appended since. A
// report cut at T is reused after later appends only when, at the time it
// was made, an event recorded after T already existed: then no later
// append can change what was recorded by T.

import LedgerCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ReportCache {
    static let magic: [UInt8] = Array("LGRVIEW1".utf8)
    static let keep = 64

    static func path(_ paths: LedgerPaths, _ key: String) -> String {
        let h = SHA256.hash(Array(key.utf8)).hex.prefix(24)
        return paths.cache + "/report-\(h).v1"
    }

    /// The cached output for `key`, if it still describes this journal.
    static func lookup(_ paths: LedgerPaths, key: String, journal: some JournalBytes, journalSize: Int64) -> [UInt8]? {
        guard let bytes = try? FileSystem.readAll(path(paths, key)), bytes.count > 8 + 8 + 8 + 32 + 1 + 8,
              Array(bytes[0..<8]) == magic else { return nil }
        return bytes.withUnsafeBytes { b -> [UInt8]? in
            var r = BinaryReader(b, position: 8)
            guard let seq = try? r.fixed64(), let offset = try? r.fixed64(), let h0 = try? r.fixed64(), let h1 = try? r.fixed64(),
                  let h2 = try? r.fixed64(), let h3 = try? r.fixed64(), let settled = try? r.bool(),
                  let keyLength = try? r.fixed64(), keyLength < 1 << 20, let storedKey = try? r.raw(Int(keyLength)),
                  storedKey == Array(key.utf8), let outputLength = try? r.fixed64(), outputLength == UInt64(b.count - r.position - 32),
                  let output = try? r.raw(Int(outputLength)), let check = try? r.raw(32) else { return nil }
            _ = seq
            let at = Int64(bitPattern: offset)
            guard at <= journalSize, settled || at == journalSize,
                  at == 0 || (try? JournalTail.lineEnds(journal, at: at, withHash: Digest256(bytes: (h0, h1, h2, h3)))) == true,
                  Array(SHA256.hash(Array(b[0..<(b.count - 32)])).hex.utf8.prefix(32)) == check else { return nil }
            return output
        }
    }

    /// Keeps `output` for `key`, computed from the journal up to `cursor`;
    /// `settled` when no append can change it any more (see above).
    static func store(_ paths: LedgerPaths, key: String, cursor: JournalCursor, settled: Bool, output: [UInt8]) {
        var w = BinaryWriter(capacity: output.count + 256)
        w.raw(magic)
        w.fixed64(UInt64(bitPattern: cursor.seq))
        w.fixed64(UInt64(bitPattern: cursor.offset))
        for word in [cursor.hash.bytes.0, cursor.hash.bytes.1, cursor.hash.bytes.2, cursor.hash.bytes.3] { w.fixed64(word) }
        w.bool(settled)
        let k = Array(key.utf8)
        w.fixed64(UInt64(k.count))
        w.raw(k)
        w.fixed64(UInt64(output.count))
        w.raw(output)
        var file = w.bytes
        file += Array(SHA256.hash(file).hex.utf8.prefix(32))
        if !FileSystem.isDirectory(paths.cache) { try? FileSystem.makeDirectory(paths.cache) }
        try? FileSystem.writeAtomically(path(paths, key), file, durable: false)
        let reports = FileSystem.listDirectory(paths.cache).filter { $0.hasPrefix("report-") }
        if reports.count > keep {
            for name in reports where paths.cache + "/" + name != path(paths, key) { FileSystem.remove(paths.cache + "/" + name) }
        }
    }
}

extension Ledger {
    /// A report's bytes: from the report cache when they still describe the
    /// journal, else made by `make` from the state at `cut` (of `years`) and kept.
    public func report(key: String, cut: Timestamp?, years: Set<Int>?, _ make: (LedgerState) throws -> String) throws -> String {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        if let hit = ReportCache.lookup(paths, key: key, journal: journal, journalSize: size) {
            return String(decoding: hit, as: UTF8.self)
        }
        let (state, result) = try self.state(cut: cut, years: years)
        let output = try make(state)
        if result.tornOffset == nil {
            ReportCache.store(paths, key: key, cursor: result.cursor, settled: result.stoppedAtCut, output: Array(output.utf8))
        }
        return output
    }
}
