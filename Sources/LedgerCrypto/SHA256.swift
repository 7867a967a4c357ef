// SHA-256 (FIPS 180-4), the project's one SHA-256, written by hand because
// the project takes no packages and Foundation on Linux has no hash. The
// ledger's hash chain (LedgerCore's ChainHash), OpenSSH key fingerprints and
// "sha256" SSH signatures all use it. The block compression runs on the
// CPU's SHA instructions when present (C target CSHA256) and on the portable
// Swift code below otherwise; both are tested against the NIST vectors and
// python3's hashlib.
import CSHA256

/// A 32-byte SHA-256 digest.
public struct Digest256: Hashable, Sendable {
    public var bytes: (UInt64, UInt64, UInt64, UInt64)

    public static func == (a: Digest256, b: Digest256) -> Bool {
        a.bytes.0 == b.bytes.0 && a.bytes.1 == b.bytes.1 && a.bytes.2 == b.bytes.2 && a.bytes.3 == b.bytes.3
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(bytes.0); hasher.combine(bytes.1); hasher.combine(bytes.2); hasher.combine(bytes.3)
    }

    /// The all-zero digest: the `prev` of the first event.
    public static let zero = Digest256(bytes: (0, 0, 0, 0))

    /// The 32 bytes, most significant first (as hex writes them).
    public var byteArray: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for word in [bytes.0, bytes.1, bytes.2, bytes.3] {
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return out
    }

    init(words: [UInt32]) {
        func pair(_ i: Int) -> UInt64 { UInt64(words[i]) << 32 | UInt64(words[i + 1]) }
        bytes = (pair(0), pair(2), pair(4), pair(6))
    }
    public init(bytes: (UInt64, UInt64, UInt64, UInt64)) { self.bytes = bytes }

    /// Lowercase hexadecimal, 64 characters, as written in the journal.
    public var hex: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            writeHex(into: UnsafeMutableRawBufferPointer(buffer))
            return 64
        }
    }

    /// Writes the 64 lowercase hex digits into the first 64 bytes of `out`.
    public func writeHex(into out: UnsafeMutableRawBufferPointer) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { d in
            var i = 0
            for word in [bytes.0, bytes.1, bytes.2, bytes.3] {
                var shift = 60
                while shift >= 0 {
                    out[i] = d[Int((word >> UInt64(shift)) & 0xF)]
                    i += 1
                    shift -= 4
                }
            }
        }
    }

    /// Parses 64 lowercase hex digits; nil for anything else.
    public init?<C: Collection>(hex: C) where C.Element == UInt8 {
        guard hex.count == 64 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        var i = 0
        for c in hex {
            let v: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = UInt64(c - UInt8(ascii: "a") + 10)
            default: return nil
            }
            words[i / 16] = words[i / 16] << 4 | v
            i += 1
        }
        bytes = (words[0], words[1], words[2], words[3])
    }

    public init?(hex: String) {
        var s = hex
        guard let d = s.withUTF8({ Digest256(hex: $0) }) else { return nil }
        self = d
    }
}

/// Incremental SHA-256.
public struct SHA256: Sendable {
    /// True when the CPU's SHA instructions are used.
    public static let usesHardware: Bool = csha256_hardware_available() == 1

    private var state: [UInt32] = SHA256.initialState
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    private let hardware: Bool

    /// The initial hash value H(0) (FIPS 180-4, section 5.3.3).
    public static let initialState: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]

    /// - Parameter portable: force the portable Swift compression (for tests).
    public init(portable: Bool = false) {
        hardware = !portable && SHA256.usesHardware
        pending.reserveCapacity(64)
    }

    public mutating func update(_ data: UnsafeRawBufferPointer) {
        guard data.count > 0 else { return }
        length &+= UInt64(data.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, data.count)
            pending.append(contentsOf: data[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compress($0.baseAddress!, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let whole = (data.count - offset) / 64
        if whole > 0 {
            compress(data.baseAddress! + offset, blocks: whole)
            offset += whole * 64
        }
        if offset < data.count { pending.append(contentsOf: data[offset...]) }
    }

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    public mutating func finalize() -> Digest256 {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { compress($0.baseAddress!, blocks: tail.count / 64) }
        pending.removeAll()
        return Digest256(words: state)
    }

    public static func hash(_ data: UnsafeRawBufferPointer) -> Digest256 {
        var h = SHA256()
        h.update(data)
        return h.finalize()
    }

    public static func hash<S: Sequence>(_ bytes: S) -> Digest256 where S.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalize()
    }

    /// The digest of `bytes`; `portable` forces the Swift compression (tests).
    public static func hash(_ bytes: [UInt8], portable: Bool) -> Digest256 {
        var h = SHA256(portable: portable)
        h.update(bytes)
        return h.finalize()
    }

    /// Compresses `blocks` whole 64-byte blocks of `data` into `state` (8
    /// words), on the CPU's SHA instructions when `hardware` (only when
    /// `usesHardware`), else the portable code: for callers that pad their
    /// own message (the journal's chain hash).
    @inlinable @inline(__always)
    public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ data: UnsafeRawPointer, blocks: Int, hardware: Bool) {
        if hardware {
            csha256_hardware_compress(state, data.assumingMemoryBound(to: UInt8.self), blocks)
        } else {
            portableCompress(state, data, blocks: blocks)
        }
    }

    private mutating func compress(_ data: UnsafeRawPointer, blocks: Int) {
        let hw = hardware
        state.withUnsafeMutableBufferPointer { s in
            if hw {
                csha256_hardware_compress(s.baseAddress!, data.assumingMemoryBound(to: UInt8.self), blocks)
            } else {
                SHA256.portableCompress(s.baseAddress!, data, blocks: blocks)
            }
        }
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The FIPS 180-4 compression function, section 6.2.2.
    @usableFromInline
    static func portableCompress(_ state: UnsafeMutablePointer<UInt32>, _ data: UnsafeRawPointer, blocks: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            k.withUnsafeBufferPointer { k in
                var block = data
                for _ in 0..<blocks {
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t * 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let s0 = w[t - 15].rotateRight(7) ^ w[t - 15].rotateRight(18) ^ (w[t - 15] >> 3)
                        let s1 = w[t - 2].rotateRight(17) ^ w[t - 2].rotateRight(19) ^ (w[t - 2] >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var a = state[0], b = state[1], c = state[2], d = state[3]
                    var e = state[4], f = state[5], g = state[6], h = state[7]
                    for t in 0..<64 {
                        let s1 = e.rotateRight(6) ^ e.rotateRight(11) ^ e.rotateRight(25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[t] &+ w[t]
                        let s0 = a.rotateRight(2) ^ a.rotateRight(13) ^ a.rotateRight(22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        h = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ t2
                    }
                    state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
                    state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
                    block += 64
                }
            }
        }
    }
}

extension UInt32 {
    @inline(__always) func rotateRight(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}
