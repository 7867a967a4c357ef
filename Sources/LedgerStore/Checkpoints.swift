// State checkpoints: the folded state at some journal position, cached in
// events/.cache/state-<seq>.v1 so reports need not replay all of history.
// A trail of them (not only the newest) lets an as-of report in the past
// start near its cut instead of at the beginning.
//
// A checkpoint is a cache, never trusted blindly. Before use: its payload's
// SHA-256 must match, and the journal line ending at its offset must carry
// its head hash (so it describes a prefix of today's journal). Anything
// else and the file is deleted and the next candidate tried; with none, the
// journal is replayed from the start. Files are written to a temporary
// name and renamed, so a reader never sees half a checkpoint.

import LedgerCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Checkpoints {
    static let magic: [UInt8] = Array("LGRCKPT1".utf8)
    static let headerSize = 8 + 8 + 8 + 8 + 32 + 8 + 32
    /// How many checkpoints the trail keeps; the ones dropped are those
    /// whose neighbours are closest, so the trail stays spread over history.
    static let trailLength = 12
    /// A read that replays more events than this after its checkpoint leaves a new one.
    static var replayThreshold = 2000

    struct Header {
        var cursor: JournalCursor
        var payloadLength: Int
        var payloadHash: Digest256
    }

    static func fileName(seq: Int64) -> String { "state-\(seq).v1" }

    /// The checkpoints in `directory`, newest (highest seq) first.
    static func candidates(in directory: String) -> [(path: String, seq: Int64)] {
        FileSystem.listDirectory(directory).compactMap { name -> (String, Int64)? in
            guard name.hasPrefix("state-"), name.hasSuffix(".v1"),
                  let seq = Int64(name.dropFirst(6).dropLast(3)) else { return nil }
            return (directory + "/" + name, seq)
        }.sorted { $0.1 > $1.1 }
    }

    static func encodeHeader(_ h: Header) -> [UInt8] {
        var w = BinaryWriter(capacity: headerSize)
        w.raw(magic)
        w.fixed64(UInt64(bitPattern: h.cursor.seq))
        w.fixed64(UInt64(bitPattern: h.cursor.offset))
        w.fixed64(UInt64(bitPattern: h.cursor.at.microseconds))
        for word in [h.cursor.hash.bytes.0, h.cursor.hash.bytes.1, h.cursor.hash.bytes.2, h.cursor.hash.bytes.3] { w.fixed64(word) }
        w.fixed64(UInt64(h.payloadLength))
        for word in [h.payloadHash.bytes.0, h.payloadHash.bytes.1, h.payloadHash.bytes.2, h.payloadHash.bytes.3] { w.fixed64(word) }
        return w.bytes
    }

    static func decodeHeader(_ bytes: [UInt8]) -> Header? {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
        return bytes.withUnsafeBytes { b -> Header? in
            var r = BinaryReader(b, position: 8)
            guard let seq = try? r.fixed64(), let offset = try? r.fixed64(), let at = try? r.fixed64(),
                  let h0 = try? r.fixed64(), let h1 = try? r.fixed64(), let h2 = try? r.fixed64(), let h3 = try? r.fixed64(),
                  let length = try? r.fixed64(), let p0 = try? r.fixed64(), let p1 = try? r.fixed64(), let p2 = try? r.fixed64(),
                  let p3 = try? r.fixed64(), length < UInt64(Int.max) else { return nil }
            return Header(cursor: JournalCursor(seq: Int64(bitPattern: seq), hash: Digest256(bytes: (h0, h1, h2, h3)),
                                                at: Timestamp(microseconds: Int64(bitPattern: at)), offset: Int64(bitPattern: offset)),
                          payloadLength: Int(length), payloadHash: Digest256(bytes: (p0, p1, p2, p3)))
        }
    }

    /// Writes the state at `cursor`. Failures are ignored: a checkpoint is
    /// an optimisation, and a read-only ledger simply does without.
    static func write(_ state: LedgerState, at cursor: JournalCursor, in directory: String) {
        guard cursor.seq > 0 else { return }
        if !FileSystem.isDirectory(directory) { try? FileSystem.makeDirectory(directory) }
        let payload = StateCodec.encode(state)
        let header = Header(cursor: cursor, payloadLength: payload.count, payloadHash: SHA256.hash(payload))
        try? FileSystem.writeAtomically(directory + "/" + fileName(seq: cursor.seq), encodeHeader(header) + payload, durable: false)
        prune(directory)
    }

    /// Keeps the trail at `trailLength` files: always the newest; among the
    /// rest, drops the one closest to its older neighbour.
    static func prune(_ directory: String) {
        var files = candidates(in: directory)
        while files.count > trailLength {
            // files is newest first; compare each (except the newest) with the next older.
            var victim = 1
            var smallest = Int64.max
            for i in 1..<files.count {
                let gap = files[i].seq - (i + 1 < files.count ? files[i + 1].seq : 0)
                if gap < smallest { smallest = gap; victim = i }
            }
            FileSystem.remove(files[victim].path)
            files.remove(at: victim)
        }
    }

    /// The newest valid checkpoint at or before `cut` (any, without a cut),
    /// with its state and cursor. Invalid files are deleted on the way.
    static func best(in directory: String, journal: FileHandle, journalSize: Int64, cut: Timestamp?) -> (LedgerState, JournalCursor)? {
        for candidate in candidates(in: directory) {
            guard let file = try? FileHandle(path: candidate.path, flags: O_RDONLY),
                  let head = try? file.read(count: headerSize, at: 0), let header = decodeHeader(head),
                  header.cursor.seq == candidate.seq else {
                FileSystem.remove(candidate.path)
                continue
            }
            if let cut, header.cursor.at > cut { continue }
            guard header.cursor.offset <= journalSize,
                  (try? JournalTail.lineEnds(journal, at: header.cursor.offset, withHash: header.cursor.hash)) == true else {
                // It names a journal that is not (a prefix of) this one.
                FileSystem.remove(candidate.path)
                continue
            }
            guard let size = try? file.size(), size == Int64(headerSize + header.payloadLength),
                  let payload = try? file.read(count: header.payloadLength, at: Int64(headerSize)),
                  payload.count == header.payloadLength, SHA256.hash(payload) == header.payloadHash,
                  let state = try? StateCodec.decode(payload), state.head == header.cursor.head else {
                FileSystem.remove(candidate.path)
                continue
            }
            return (state, header.cursor)
        }
        return nil
    }
}
