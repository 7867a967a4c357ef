// Blobs pinned to a journal position: bytes a caller computed from the
// journal, kept under the caller's key with the position they were
// computed from, and handed back only while they still describe the
// journal. The store does not know what the bytes are (the CLI keeps a
// rendered report in them: an auditor asks the same quarter again and
// again, and while the journal has not moved the answer is the same bytes).
//
// Like every cache here a blob is checked before use, never trusted: the
// journal line at the pinned offset must still carry the pinned hash, and
// a blob that is not settled is used only while nothing has been appended
// since. A settled blob is reused after later appends: the caller says it
// is settled when no later append can change it (a report cut at T, made
// when an event recorded after T already existed). It pins that event too
// (the first after the cut: its seq, where its line ends, its hash), so it
// is served only by a journal that still holds the same history up to and
// including it: a blob copied from another ledger sharing a prefix, or
// from a backup restored with another continuation, is never served.
//
// The files are `report-<24 hex of SHA-256(key)>.v2` in the cache folder
// (the account's own, CacheLocation); at most `keep` are kept.

import LedgerCore

enum PinnedBlobs {
    static let magic: [UInt8] = Array("LGRVIEW2".utf8)
    static let keep = 64
    static let prefix = "report-"

    static func name(_ key: String) -> String {
        prefix + SHA256.hash(Array(key.utf8)).hex.prefix(24) + ".v2"
    }

    static func writeCursor(_ c: JournalCursor, _ w: inout BinaryWriter) {
        w.fixed64(UInt64(bitPattern: c.seq))
        w.fixed64(UInt64(bitPattern: c.offset))
        for word in [c.hash.bytes.0, c.hash.bytes.1, c.hash.bytes.2, c.hash.bytes.3] { w.fixed64(word) }
    }

    static func readCursor(_ r: inout BinaryReader) throws -> (seq: Int64, offset: Int64, hash: Digest256) {
        let seq = Int64(bitPattern: try r.fixed64()), offset = Int64(bitPattern: try r.fixed64())
        let hash = Digest256(bytes: (try r.fixed64(), try r.fixed64(), try r.fixed64(), try r.fixed64()))
        return (seq, offset, hash)
    }

    /// True when the journal's line ending at `offset` carries `hash` (offset 0: the empty journal).
    static func holds(_ journal: some ReadableBytes, _ journalSize: Int64, offset: Int64, hash: Digest256) -> Bool {
        guard offset >= 0, offset <= journalSize else { return false }
        return offset == 0 || (try? JournalTail.lineEnds(journal, at: offset, withHash: hash)) == true
    }

    /// The bytes kept for `key`, if they still describe this journal.
    static func lookup(_ folder: any StorageFolder, key: String, journal: some ReadableBytes, journalSize: Int64) -> [UInt8]? {
        guard let bytes = try? folder.readAll(name(key)), bytes.count > 8 + 48 + 1 + 8 + 8 + 32,
              Array(bytes[0..<8]) == magic else { return nil }
        return bytes.withUnsafeBytes { b -> [UInt8]? in
            var r = BinaryReader(b, position: 8)
            guard let pinned = try? readCursor(&r), let settled = try? r.bool() else { return nil }
            var after: (seq: Int64, offset: Int64, hash: Digest256)?
            if settled {
                guard let a = try? readCursor(&r), a.seq > pinned.seq, a.offset > pinned.offset else { return nil }
                after = a
            }
            guard let keyLength = try? r.fixed64(), keyLength < 1 << 20, let storedKey = try? r.raw(Int(keyLength)),
                  storedKey == Array(key.utf8), let outputLength = try? r.fixed64(), outputLength == UInt64(b.count - r.position - 32),
                  let output = try? r.raw(Int(outputLength)), let check = try? r.raw(32),
                  Array(SHA256.hash(Array(b[0..<(b.count - 32)])).hex.utf8.prefix(32)) == check else { return nil }
            guard holds(journal, journalSize, offset: pinned.offset, hash: pinned.hash) else { return nil }
            if let after {
                guard holds(journal, journalSize, offset: after.offset, hash: after.hash) else { return nil }
            } else {
                guard pinned.offset == journalSize else { return nil }
            }
            return output
        }
    }

    /// Keeps `bytes` for `key`, computed from the journal up to `cursor`;
    /// settled by `firstAfterCut` (the first event recorded after the cut)
    /// when given. Failures are ignored: this is a cache.
    static func store(_ folder: any StorageFolder, key: String, cursor: JournalCursor, firstAfterCut: JournalCursor?, bytes output: [UInt8]) {
        var w = BinaryWriter(capacity: output.count + 256)
        w.raw(magic)
        writeCursor(cursor, &w)
        w.bool(firstAfterCut != nil)
        if let firstAfterCut { writeCursor(firstAfterCut, &w) }
        let k = Array(key.utf8)
        w.fixed64(UInt64(k.count))
        w.raw(k)
        w.fixed64(UInt64(output.count))
        w.raw(output)
        var file = w.bytes
        file += Array(SHA256.hash(file).hex.utf8.prefix(32))
        let own = name(key)
        try? folder.writeAtomically(own, file, durable: false)
        let blobs = folder.names().filter { $0.hasPrefix(prefix) }
        if blobs.count > keep {
            for other in blobs where other != own { folder.remove(other) }
        }
    }
}

extension Ledger {
    /// The bytes kept under `key` by `keepPinnedBlob`, while they still
    /// describe the journal: the journal is unchanged up to where they were
    /// pinned, and nothing was appended since unless they are settled (then
    /// the journal still holds the event that settled them).
    public func pinnedBlob(key: String) throws -> [UInt8]? {
        let (journal, size) = try openForReading()
        return PinnedBlobs.lookup(cacheFolder(journal), key: key, journal: journal, journalSize: size)
    }

    /// Keeps `bytes` under `key`, computed from the journal as `read` (a
    /// read's result) found it. A read that stopped at its cut settles them
    /// (no later append can change them) by the event that stopped it. Do not
    /// keep bytes computed from a read that found a torn tail. Failures are
    /// ignored: this is a cache.
    public func keepPinnedBlob(key: String, _ bytes: [UInt8], read: JournalReadResult) {
        guard let journal = try? openJournal(writable: false) else { return }
        PinnedBlobs.store(cacheFolder(journal), key: key, cursor: read.cursor, firstAfterCut: read.stoppedAtCut ? read.firstAfterCut : nil, bytes: bytes)
    }
}
