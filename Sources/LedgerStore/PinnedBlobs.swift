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
// when an event recorded after T already existed).
//
// The files are `report-<24 hex of SHA-256(key)>.v1` in the cache folder,
// the name and format they have always had; at most `keep` are kept.

import LedgerCore

enum PinnedBlobs {
    static let magic: [UInt8] = Array("LGRVIEW1".utf8)
    static let keep = 64
    static let prefix = "report-"

    static func name(_ key: String) -> String {
        prefix + SHA256.hash(Array(key.utf8)).hex.prefix(24) + ".v1"
    }

    /// The bytes kept for `key`, if they still describe this journal.
    static func lookup(_ folder: any StorageFolder, key: String, journal: some ReadableBytes, journalSize: Int64) -> [UInt8]? {
        guard let bytes = try? folder.readAll(name(key)), bytes.count > 8 + 8 + 8 + 32 + 1 + 8,
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

    /// Keeps `bytes` for `key`, computed from the journal up to `cursor`;
    /// `settled` when no append can change them any more. Failures are
    /// ignored: this is a cache.
    static func store(_ folder: any StorageFolder, key: String, cursor: JournalCursor, settled: Bool, bytes output: [UInt8]) {
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
        try? folder.create()
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
    /// pinned, and nothing was appended since unless they are settled.
    public func pinnedBlob(key: String) throws -> [UInt8]? {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        return PinnedBlobs.lookup(storage.cache, key: key, journal: journal, journalSize: size)
    }

    /// Keeps `bytes` under `key`, computed from the journal up to `cursor`
    /// (a read's `JournalReadResult.cursor`). `settled`: no later append can
    /// change them (a read that stopped at its cut: an event recorded after
    /// the cut already existed). Do not keep bytes computed from a read that
    /// found a torn tail. Failures are ignored: this is a cache.
    public func keepPinnedBlob(key: String, _ bytes: [UInt8], cursor: JournalCursor, settled: Bool) {
        PinnedBlobs.store(storage.cache, key: key, cursor: cursor, settled: settled, bytes: bytes)
    }
}
