// The project's one SHA-256 lives in LedgerCrypto (with the CPU's SHA
// instructions from CSHA256), beside the SHA-512 and Ed25519 the core's
// signature rules use. The core names its digest and hasher through these
// aliases, so its clients (the store, the application, the tests) keep
// writing `Digest256` and `SHA256` without importing LedgerCrypto.
import LedgerCrypto

/// A 32-byte SHA-256 digest: event hashes, the chain's head, file digests.
public typealias Digest256 = LedgerCrypto.Digest256

/// Incremental SHA-256 (FIPS 180-4).
public typealias SHA256 = LedgerCrypto.SHA256
