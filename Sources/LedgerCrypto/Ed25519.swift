// Ed25519 (RFC 8032) for Swift callers, on the C target CEd25519. The ledger
// only ever verifies; signing in process exists for tests and for the
// benchmark's synthetic ledgers (members sign through ssh-agent or
// ssh-keygen, see LedgerSigning). A `PreparedKey` checks many signatures
// by one key faster (verify's members).
import CEd25519

/// Ed25519 signatures: strict verification, and key derivation and signing from a seed.
public enum Ed25519 {
    /// Length of a public key, of a seed, and of a signature, in bytes.
    public static let publicKeyLength = 32
    public static let seedLength = 32
    public static let signatureLength = 64

    /// True when `signature` (R || S) is a valid signature of `message` by
    /// `publicKey`, under the strict rules of Sources/CEd25519/README.md:
    /// S < L, a canonical public key on the curve and not of small order,
    /// and R equal to the canonical encoding of [S]B - [k]A. Wrong lengths are false.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        return message.withUnsafeBytes { m in
            let base = m.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return withPointer(base) { ced25519_verify(signature, $0, m.count, publicKey) == 1 }
        }
    }

    /// True when `publicKey` is 32 bytes that `verify` would accept as a key:
    /// canonical, on the curve, not of small order.
    public static func isValidPublicKey(_ publicKey: [UInt8]) -> Bool {
        publicKey.count == publicKeyLength && ced25519_public_key_is_valid(publicKey) == 1
    }

    /// The public key of a 32-byte seed (RFC 8032 section 5.1.5).
    /// For tests and the benchmark's synthetic ledgers only: the ledger never reads a user's private key.
    public static func publicKey(seed: [UInt8]) -> [UInt8] {
        precondition(seed.count == seedLength, "an Ed25519 seed is 32 bytes")
        var key = [UInt8](repeating: 0, count: publicKeyLength)
        ced25519_public_key(&key, seed)
        return key
    }

    /// The signature of `message` by a 32-byte seed (RFC 8032 section 5.1.6),
    /// computed in constant time. For tests and the benchmark's synthetic
    /// ledgers only: the ledger never reads a user's private key.
    public static func sign(message: [UInt8], seed: [UInt8]) -> [UInt8] {
        precondition(seed.count == seedLength, "an Ed25519 seed is 32 bytes")
        var signature = [UInt8](repeating: 0, count: signatureLength)
        message.withUnsafeBytes { m in
            let base = m.baseAddress?.assumingMemoryBound(to: UInt8.self)
            withPointer(base) { ced25519_sign(&signature, $0, m.count, seed) }
        }
        return signature
    }

    /// A public key checked once (as `verify` checks it) with its small
    /// multiples computed: many signatures by the same key (a ledger's
    /// member) are then checked in about half the time. Its `verify` gives the
    /// same answer as `Ed25519.verify` with the key, for every input.
    public final class PreparedKey: @unchecked Sendable {
        /// The 32-byte key.
        public let publicKey: [UInt8]
        /// Written once, by the initializer; only read afterwards (any thread).
        private let prepared: UnsafeMutablePointer<ced25519_prepared_key>

        /// Nil when `publicKey` is not a key `verify` accepts (wrong length,
        /// not canonical, not on the curve, of small order).
        public init?(publicKey: [UInt8]) {
            guard publicKey.count == Ed25519.publicKeyLength else { return nil }
            let prepared = UnsafeMutablePointer<ced25519_prepared_key>.allocate(capacity: 1)
            guard ced25519_prepare_key(prepared, publicKey) == 1 else {
                prepared.deallocate()
                return nil
            }
            self.prepared = prepared
            self.publicKey = publicKey
        }

        deinit { prepared.deallocate() }

        /// `Ed25519.verify(signature:message:publicKey:)` with this key.
        public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
            guard signature.count == signatureLength else { return false }
            return message.withUnsafeBytes { m in
                let base = m.baseAddress?.assumingMemoryBound(to: UInt8.self)
                return withPointer(base) { ced25519_verify_prepared(signature, $0, m.count, prepared) == 1 }
            }
        }
    }

    /// Calls `body` with `pointer`, or with a valid pointer to nothing when it is nil (an empty message).
    fileprivate static func withPointer<R>(_ pointer: UnsafePointer<UInt8>?, _ body: (UnsafePointer<UInt8>) -> R) -> R {
        if let pointer { return body(pointer) }
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { body($0) }
    }
}
