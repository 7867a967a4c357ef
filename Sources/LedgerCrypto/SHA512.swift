// SHA-512 (FIPS 180-4) for Swift callers: Ed25519 and SSHSIG hash with it.
// The work is done by the C target CEd25519, which the RFC 8032 signatures
// need anyway; this file only moves bytes across. `hash(many:)` hashes
// many messages at once (eight at a time with AVX-512: verify's batches).
import CEd25519

/// SHA-512, incremental or in one call.
public struct SHA512: Sendable {
    private var context = ced25519_sha512_ctx()

    /// The length of a digest in bytes.
    public static let digestLength = 64

    public init() {
        ced25519_sha512_init(&context)
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        ced25519_sha512_update(&context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 64-byte digest of everything added. The value is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: SHA512.digestLength)
        ced25519_sha512_final(&context, &digest)
        return digest
    }

    /// The 64-byte SHA-512 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { hash($0) }
    }

    /// The 64-byte SHA-512 digest of `bytes`.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestLength)
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        digest.withUnsafeMutableBufferPointer { out in
            if let base {
                ced25519_sha512(out.baseAddress!, base, bytes.count)
            } else {
                var empty: UInt8 = 0
                ced25519_sha512(out.baseAddress!, &empty, 0)
            }
        }
        return digest
    }

    /// The SHA-512 digest of each message, in order: the same digests as
    /// `hash` of each, computed many at once (CEd25519's
    /// `ced25519_sha512_many`: eight messages in the lanes of AVX-512
    /// registers when the CPU has them).
    public static func hash(many messages: [[UInt8]]) -> [[UInt8]] {
        var digests = [UInt8](repeating: 0, count: digestLength * messages.count)
        var start = 0
        digests.withUnsafeMutableBufferPointer { out in
            while start < messages.count {
                // A window of messages whose bytes stay pinned while the C code reads them.
                let end = min(messages.count, start + manyWindow)
                var pinned: [UnsafePointer<UInt8>?] = []
                pinned.reserveCapacity(end - start)
                withPointers(messages[start..<end], &pinned) { pointers in
                    let lengths = messages[start..<end].map(\.count)
                    pointers.withUnsafeBufferPointer { p in
                        ced25519_sha512_many(out.baseAddress! + digestLength * start, p.baseAddress!, lengths, end - start)
                    }
                }
                start = end
            }
        }
        return (0..<messages.count).map { Array(digests[(digestLength * $0)..<(digestLength * ($0 + 1))]) }
    }

    /// How many messages `hash(many:)` hands to C together; the lanes take
    /// the next one as each finishes, so only a window's end leaves some idle.
    static let manyWindow = 128

    /// How many messages this machine hashes at once: 8 with AVX-512, else 1.
    public static var lanes: Int { Int(ced25519_sha512_lanes()) }

    /// Calls `body` with a pointer to each message's bytes (nested, so every one stays valid during the call).
    private static func withPointers(_ rest: ArraySlice<[UInt8]>, _ pointers: inout [UnsafePointer<UInt8>?],
                                     _ body: ([UnsafePointer<UInt8>?]) -> Void) {
        guard let first = rest.first else { return body(pointers) }
        first.withUnsafeBufferPointer { bytes in
            // An empty message is never read; any valid pointer will do.
            pointers.append(bytes.baseAddress ?? UnsafePointer(emptyMessage))
            withPointers(rest.dropFirst(), &pointers, body)
        }
    }

    /// What an empty message points at.
    private static let emptyMessage = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
}
