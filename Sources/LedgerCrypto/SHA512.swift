// SHA-512 (FIPS 180-4) for Swift callers: Ed25519 and SSHSIG hash with it.
// The work is done by the C target CEd25519, which the RFC 8032 signatures
// need anyway; this file only moves bytes across.
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
}
