// Forged caches with valid internal checks: what someone who can write a
// cache folder can make without any key, since the checks are unkeyed
// SHA-256 (checkpoints, pinned blobs) or hashes anyone can recompute (the
// facts index's header). The forgeries are made from real cache files:
// - a checkpoint with one reading changed, each section re-encoded and its
//   SHA-256 recomputed in the table of contents (the format of
//   LedgerStore/Checkpoints.swift, read and written with the core's
//   StateCodec);
// - a pinned blob (a kept report) with bytes of its output replaced and
//   its trailing check recomputed;
// - a facts index that claims to cover more of the journal than it holds:
//   its header's journal position patched to the head and its checksum
//   recomputed, so the facts of the last events are missing from it.
// The campaigns and the CLI tests plant them where another account could
// have, and where the account itself keeps them, and check that no figure
// changes and that `verify` never accepts a forged one.

import LedgerCore

public enum CacheForgery {
    /// The file name prefixes of the cache kinds.
    public static let checkpointPrefix = "state-"
    public static let pinnedBlobPrefix = "report-"
    public static let factsIndexName = "facts.v1"

    // MARK: Checkpoints

    static let checkpointMagic = Array("LGRCKPT2".utf8)
    static let fixedHeader = 80
    static let tocEntry = 56

    /// The checkpoint `bytes` with `change` applied to the state it holds,
    /// every section re-encoded and its SHA-256 recomputed; nil when the
    /// bytes are not a checkpoint this build writes.
    public static func checkpoint(_ bytes: [UInt8], _ change: (inout LedgerState) -> Void) -> [UInt8]? {
        guard bytes.count >= fixedHeader, Array(bytes[0..<8]) == checkpointMagic else { return nil }
        return bytes.withUnsafeBytes { b -> [UInt8]? in
            var r = BinaryReader(b, position: 72)
            guard let count = try? r.fixed64(), count > 0, count < 10_000, fixedHeader + Int(count) * tocEntry <= bytes.count else { return nil }
            var sections: [(year: UInt64, bytes: [UInt8])] = []
            for i in 0..<Int(count) {
                var t = BinaryReader(b, position: fixedHeader + i * tocEntry)
                guard let year = try? t.fixed64(), let offset = try? t.fixed64(), let length = try? t.fixed64(),
                      Int(offset) + Int(length) <= bytes.count else { return nil }
                sections.append((year, Array(bytes[Int(offset)..<Int(offset + length)])))
            }
            let years = Set(sections.dropFirst().map { Int(Int64(bitPattern: $0.year)) })
            guard var state = try? StateCodec.decodeGlobal(sections[0].bytes, years: years) else { return nil }
            for s in sections.dropFirst() { guard (try? StateCodec.decodeYear(s.bytes, into: &state)) != nil else { return nil } }
            StateCodec.sortIndicatorOrder(&state)
            change(&state)
            var payloads: [(UInt64, [UInt8])] = [(sections[0].year, StateCodec.encodeGlobal(state))]
            for s in sections.dropFirst() { payloads.append((s.year, StateCodec.encodeYear(state, Int(Int64(bitPattern: s.year))))) }
            var w = BinaryWriter(capacity: bytes.count + 1024)
            w.raw(Array(bytes[0..<fixedHeader]))
            var offset = UInt64(fixedHeader + payloads.count * tocEntry)
            for (year, p) in payloads {
                let h = SHA256.hash(p)
                w.fixed64(year); w.fixed64(offset); w.fixed64(UInt64(p.count))
                w.fixed64(h.bytes.0); w.fixed64(h.bytes.1); w.fixed64(h.bytes.2); w.fixed64(h.bytes.3)
                offset += UInt64(p.count)
            }
            for (_, p) in payloads { w.raw(p) }
            return w.bytes
        }
    }

    /// Sets the reading in force of `indicator` for `period` to `value`.
    public static func setReading(_ indicator: String, _ period: Period, to value: DecimalNumber) -> (inout LedgerState) -> Void {
        { state in state.indicators[indicator]?.readings[period]?.measurement = .value(value) }
    }

    // MARK: Pinned blobs

    /// The pinned blob `bytes` with the first `old` in it replaced by `new`
    /// (the same length) and its trailing check (32 hex digits of the
    /// SHA-256 of what precedes it) recomputed; nil when `old` is not there.
    public static func pinnedBlob(_ bytes: [UInt8], replacing old: [UInt8], with new: [UInt8]) -> [UInt8]? {
        guard old.count == new.count, bytes.count > 32 + old.count else { return nil }
        var body = Array(bytes.dropLast(32))
        guard let at = (0...(body.count - old.count)).first(where: { body[$0..<($0 + old.count)].elementsEqual(old) }) else { return nil }
        body.replaceSubrange(at..<(at + old.count), with: new)
        return body + Array(SHA256.hash(body).hex.utf8.prefix(32))
    }

    /// The pinned blob `bytes` with the byte at `at` (in its output) made
    /// `byte`, and its trailing check recomputed.
    public static func pinnedBlob(_ bytes: [UInt8], at: Int, byte: UInt8) -> [UInt8] {
        var body = Array(bytes.dropLast(32))
        body[at] = byte
        return body + Array(SHA256.hash(body).hex.utf8.prefix(32))
    }

    // MARK: Facts index

    /// The facts index `bytes` (built for a prefix of a journal) made to
    /// claim it covers the journal up to `seq` at byte `offset` whose last
    /// event has `hash` and time `at`: its header's position patched and its
    /// checksum (FNV-1a over the first 128 bytes) recomputed. The facts of
    /// the events it never saw are missing from it.
    public static func factsIndex(_ bytes: [UInt8], claiming seq: Int64, offset: Int64, at: Timestamp, hash: Digest256) -> [UInt8]? {
        guard bytes.count >= 4096 else { return nil }
        var out = bytes
        func put(_ v: UInt64, _ at: Int) { for i in 0..<8 { out[at + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) } }
        put(UInt64(bitPattern: seq), 32)
        put(UInt64(bitPattern: offset), 40)
        put(UInt64(bitPattern: at.microseconds), 48)
        put(hash.bytes.0, 56); put(hash.bytes.1, 64); put(hash.bytes.2, 72); put(hash.bytes.3, 80)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in out[0..<128] {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        put(h, 128)
        return out
    }
}
