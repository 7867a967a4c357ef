// How a batch is signed (FORMAT.md, "Signatures"): its last line is a
// `batch_signed` event whose SSH signature (OpenSSH's SSHSIG, namespace
// `SignedBatch.namespace`) covers the exact bytes of the batch's other
// lines, each with its newline, as they stand in the journal (their hashes
// included). The chain then covers the signature too, a batch signs once,
// and anyone checks it with `sed -n 'A,Bp'` and `ssh-keygen -Y verify`.
//
// `SignedMessage` gathers those bytes as verify reads them; a
// `SignatureCheck` is the Ed25519 verification left to do, pure, so that
// verify can run many at once on every core.

import LedgerCrypto

/// The signature line's data: who signed, from which event, and the SSHSIG blob.
public struct BatchSignature: Equatable, Sendable {
    /// The member's name (also the line's actor, and every covered event's).
    public var signer: String
    /// The first event the signature covers: the batch's first. It covers
    /// every event from there up to the one before the signature line.
    public var fromSeq: Int64
    /// The SSHSIG blob (PROTOCOL.sshsig section 2); base64 in the journal.
    public var blob: [UInt8]

    public init(signer: String, fromSeq: Int64, blob: [UInt8]) {
        self.signer = signer
        self.fromSeq = fromSeq
        self.blob = blob
    }
}

public enum SignedBatch {
    /// The SSHSIG namespace of every ledger signature (`ssh-keygen -n`): a
    /// signature made for anything else (git commits, files) never verifies
    /// as a ledger's, and the reverse.
    public static let namespace = "ledger-poa@v2"
}

/// The bytes a batch's signature covers, gathered line by line: held while
/// the batch is small, hashed as it goes once it is large (either hash an
/// SSHSIG signature may name), so memory stays bounded whatever the batch.
public struct SignedMessage: Sendable {
    /// Bytes held before switching to hashing as they come.
    static let holdLimit = 1 << 22
    private var held: [UInt8] = []
    private var hashing: (SHA512, SHA256)?
    public private(set) var lines = 0

    public init() {}

    /// Adds one line (without its newline); the message holds it with its newline.
    public mutating func add(line: UnsafeRawBufferPointer) {
        lines += 1
        if hashing == nil, held.count + line.count + 1 > SignedMessage.holdLimit {
            var h = (SHA512(), SHA256())
            held.withUnsafeBytes { h.0.update($0); h.1.update($0) }
            held = []
            hashing = h
        }
        if hashing != nil {
            hashing!.0.update(line)
            hashing!.1.update(line)
            let nl: [UInt8] = [0x0A]
            hashing!.0.update(nl)
            hashing!.1.update(nl)
        } else {
            held.append(contentsOf: line)
            held.append(0x0A)
        }
    }

    /// The message's digest with `algorithm` (what SSHSIG signs over).
    public func digest(_ algorithm: SSHSignature.HashAlgorithm) -> [UInt8] {
        if var h = hashing {
            switch algorithm {
            case .sha512: return h.0.finalize()
            case .sha256: return h.1.finalize().byteArray
            }
        }
        return algorithm.digest(held)
    }

    /// Empties the message for the next batch, keeping the memory it held
    /// (verify starts one per batch: most are a few lines). Only for a
    /// message no signature check shares: a signed batch's bytes go whole
    /// to its check, and the replay starts a fresh message instead
    /// (emptying a shared buffer in place would allocate one of the same
    /// capacity).
    public mutating func reset() {
        held.removeAll(keepingCapacity: true)
        hashing = nil
        lines = 0
    }

    /// Bytes held in memory (0 once hashing as they come).
    public var heldCount: Int { held.count }

    /// The message itself, while it is held (tests, small batches).
    public var bytes: [UInt8]? { hashing == nil ? held : nil }
}

/// One signature left to verify: pure, so any thread may run it.
public struct SignatureCheck: Sendable {
    /// The signature line's seq.
    public var seq: Int64
    /// The member named as its signer.
    public var signer: String
    /// What the signature covers: SSHSIG's signed data, or a batch's bytes
    /// whose digest is still to be taken. Verify queues the bytes, so the
    /// SHA-512 of every signed batch (about the whole journal) is taken on
    /// the threads that check signatures, not on the one replaying the rules.
    private var covered: Covered
    /// R || S.
    public var signature: [UInt8]
    /// The signer's 32-byte Ed25519 key.
    public var publicKey: [UInt8]
    /// The same key prepared (`Ed25519.PreparedKey`), when the caller has
    /// one: verify prepares each member's key once for all its signatures.
    public var preparedKey: Ed25519.PreparedKey?

    private enum Covered: Sendable {
        case signedData([UInt8])
        case batch(SignedMessage, SSHSignature.HashAlgorithm, namespace: String)
    }

    public init(seq: Int64, signer: String, signedData: [UInt8], signature: [UInt8], publicKey: [UInt8],
                preparedKey: Ed25519.PreparedKey? = nil) {
        self.seq = seq
        self.signer = signer
        self.covered = .signedData(signedData)
        self.signature = signature
        self.publicKey = publicKey
        self.preparedKey = preparedKey
    }

    /// A check over a batch's bytes, hashed with `hashAlgorithm` when checked.
    public init(seq: Int64, signer: String, batch: SignedMessage, hashAlgorithm: SSHSignature.HashAlgorithm, namespace: String,
                signature: [UInt8], publicKey: [UInt8], preparedKey: Ed25519.PreparedKey? = nil) {
        self.seq = seq
        self.signer = signer
        self.covered = .batch(batch, hashAlgorithm, namespace: namespace)
        self.signature = signature
        self.publicKey = publicKey
        self.preparedKey = preparedKey
    }

    /// PROTOCOL.sshsig's signed data over the batch's bytes.
    public var signedData: [UInt8] {
        switch covered {
        case .signedData(let data): return data
        case .batch(let message, let algorithm, let namespace):
            return SSHSignature.signedData(digest: message.digest(algorithm), namespace: namespace, hashAlgorithm: algorithm)
        }
    }

    /// True when the signature verifies (strict Ed25519, Sources/CEd25519/README.md).
    public func verify() -> Bool {
        verify(signedData: signedData)
    }

    /// The Ed25519 check over `data`, with the prepared key when it is this check's key.
    private func verify(signedData data: [UInt8]) -> Bool {
        if let preparedKey, preparedKey.publicKey == publicKey {
            return preparedKey.verify(signature: signature, message: data)
        }
        return Ed25519.verify(signature: signature, message: data, publicKey: publicKey)
    }

    /// `verify()` of each check, in order. The SHA-512 of the batches held
    /// in memory is taken many at once (`SHA512.hash(many:)`, eight
    /// batches at a time on a CPU with AVX-512), the same digests as one by one.
    public static func verify(_ checks: ArraySlice<SignatureCheck>) -> [Bool] {
        var hashed: [Int] = []
        var messages: [[UInt8]] = []
        for (i, check) in zip(checks.indices, checks) {
            if case .batch(let message, .sha512, _) = check.covered, let bytes = message.bytes {
                hashed.append(i)
                messages.append(bytes)
            }
        }
        let digests = SHA512.hash(many: messages)
        var next = 0
        return zip(checks.indices, checks).map { i, check in
            guard next < hashed.count, hashed[next] == i, case .batch(_, _, let namespace) = check.covered else { return check.verify() }
            let data = SSHSignature.signedData(digest: digests[next], namespace: namespace, hashAlgorithm: .sha512)
            next += 1
            return check.verify(signedData: data)
        }
    }
}
