// SSH signatures as `ssh-keygen -Y sign` makes them (OpenSSH PROTOCOL.sshsig):
// the signature blob (section 2), the data actually signed (section 3),
// parsing with typed errors, building a blob from a public key and a raw
// Ed25519 signature (what ssh-agent returns), and verification. Armor (the
// `-----BEGIN SSH SIGNATURE-----` text, section 1) is in SSHSignatureArmor.swift.

/// Why bytes are not an SSHSIG signature this program accepts.
public enum SSHSignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not `-----BEGIN SSH SIGNATURE-----`, base64, `-----END SSH SIGNATURE-----`.
    case notArmored
    /// The armored body is not strict base64.
    case badBase64(Base64Error)
    /// The blob does not start with "SSHSIG".
    case badMagic
    /// A version other than 1.
    case unsupportedVersion(UInt32)
    /// A hash algorithm other than "sha512" or "sha256".
    case unsupportedHashAlgorithm(String)
    /// The signing key is not Ed25519 (the type is named).
    case unsupportedKeyType(String)
    /// The signature is not "ssh-ed25519" (the algorithm is named).
    case unsupportedSignatureType(String)
    /// The Ed25519 signature is not 64 bytes.
    case badSignatureLength(Int)
    /// The namespace is empty (PROTOCOL.sshsig forbids it).
    case emptyNamespace
    /// The public key inside is malformed.
    case badPublicKey(SSHPublicKeyError)
    /// The blob ends early.
    case truncated
    /// Bytes follow the last field.
    case trailingBytes
    /// A text field (namespace, hash algorithm) is not UTF-8.
    case invalidUTF8

    public var description: String {
        switch self {
        case .notArmored: return "not an SSH signature (expected -----BEGIN SSH SIGNATURE-----)"
        case .badBase64(let e): return "the signature is not valid base64: \(e)"
        case .badMagic: return "not an SSHSIG signature (bad magic)"
        case .unsupportedVersion(let v): return "unsupported SSHSIG version \(v)"
        case .unsupportedHashAlgorithm(let h): return "unsupported hash algorithm \(h)"
        case .unsupportedKeyType(let t): return "signed with a \(t) key: only ssh-ed25519 keys are accepted"
        case .unsupportedSignatureType(let t): return "unsupported signature algorithm \(t)"
        case .badSignatureLength(let n): return "an Ed25519 signature is 64 bytes, not \(n)"
        case .emptyNamespace: return "the signature's namespace is empty"
        case .badPublicKey(let e): return "bad public key in the signature: \(e)"
        case .truncated: return "truncated SSH signature"
        case .trailingBytes: return "unexpected bytes after the SSH signature"
        case .invalidUTF8: return "a text field of the signature is not UTF-8"
        }
    }
}

/// An SSHSIG signature by an Ed25519 key.
public struct SSHSignature: Equatable, Sendable {
    /// The hash applied to the message before signing (PROTOCOL.sshsig section 2).
    public enum HashAlgorithm: String, Sendable, CaseIterable {
        case sha256, sha512

        /// The digest of `message` with this algorithm.
        public func digest(_ message: [UInt8]) -> [UInt8] {
            switch self {
            case .sha256: return SHA256.hash(message).byteArray
            case .sha512: return SHA512.hash(message)
            }
        }
    }

    /// The six bytes every blob and every signed-data string starts with.
    public static let magic: [UInt8] = Array("SSHSIG".utf8)
    /// The only version defined.
    public static let version: UInt32 = 1

    /// The key that made the signature. Verification proves that the holder
    /// of this key signed; the caller decides whether it is the key it expects.
    public var publicKey: SSHPublicKey
    /// The domain the signature is for (`ssh-keygen -n`): a signature for one
    /// namespace never verifies for another.
    public var namespace: String
    /// Reserved for future use; ignored as PROTOCOL.sshsig says (OpenSSH
    /// signs and verifies with it empty whatever the blob holds).
    public var reserved: [UInt8]
    public var hashAlgorithm: HashAlgorithm
    /// The raw 64-byte Ed25519 signature (R || S).
    public var signature: [UInt8]

    /// A signature from its parts, e.g. a raw signature an agent returned.
    public init(publicKey: SSHPublicKey, namespace: String, hashAlgorithm: HashAlgorithm = .sha512,
                signature: [UInt8], reserved: [UInt8] = []) throws {
        guard !namespace.isEmpty else { throw SSHSignatureError.emptyNamespace }
        guard signature.count == Ed25519.signatureLength else { throw SSHSignatureError.badSignatureLength(signature.count) }
        self.publicKey = publicKey
        self.namespace = namespace
        self.reserved = reserved
        self.hashAlgorithm = hashAlgorithm
        self.signature = signature
    }

    /// The data the key signs (PROTOCOL.sshsig section 3): "SSHSIG",
    /// string namespace, string reserved (empty), string hash algorithm,
    /// string H(message). This is what goes to `ssh-agent` to be signed.
    public static func signedData(message: [UInt8], namespace: String, hashAlgorithm: HashAlgorithm = .sha512) -> [UInt8] {
        signedData(digest: hashAlgorithm.digest(message), namespace: namespace, hashAlgorithm: hashAlgorithm)
    }

    /// The signed data for a message whose digest (by `hashAlgorithm`) is
    /// `digest`: for callers that hash a long message as it streams by.
    public static func signedData(digest: [UInt8], namespace: String, hashAlgorithm: HashAlgorithm = .sha512) -> [UInt8] {
        var writer = SSHWriter()
        writer.writeRaw(magic)
        writer.writeString(namespace)
        writer.writeString([UInt8]())
        writer.writeString(hashAlgorithm.rawValue)
        writer.writeString(digest)
        return writer.bytes
    }

    /// True when this is a valid signature of `message` for `namespace` by
    /// `publicKey`: the namespace matches exactly, and the Ed25519 signature
    /// verifies (strictly) over the signed data.
    public func verify(message: [UInt8], namespace expected: String) -> Bool {
        guard !expected.isEmpty, namespace == expected else { return false }
        let data = SSHSignature.signedData(message: message, namespace: expected, hashAlgorithm: hashAlgorithm)
        return Ed25519.verify(signature: signature, message: data, publicKey: publicKey.key)
    }

    /// `verify(message:namespace:)`, and the signer is `signer`.
    public func verify(message: [UInt8], namespace expected: String, signer: SSHPublicKey) -> Bool {
        publicKey == signer && verify(message: message, namespace: expected)
    }

    // MARK: The signature blob

    /// The blob (PROTOCOL.sshsig section 2): "SSHSIG", uint32 version,
    /// string public key, string namespace, string reserved, string hash
    /// algorithm, string signature (string "ssh-ed25519", string 64 bytes).
    public var blob: [UInt8] {
        var writer = SSHWriter()
        writer.writeRaw(SSHSignature.magic)
        writer.writeUInt32(SSHSignature.version)
        writer.writeString(publicKey.blob)
        writer.writeString(namespace)
        writer.writeString(reserved)
        writer.writeString(hashAlgorithm.rawValue)
        writer.writeString(SSHSignature.encodeSignature(signature))
        return writer.bytes
    }

    /// A signature from its blob, refusing anything but version 1, an
    /// Ed25519 key and signature, sha256 or sha512, and a non-empty namespace.
    public init(blob: [UInt8]) throws {
        var reader = SSHReader(blob)
        do {
            guard try reader.readBytes(SSHSignature.magic.count) == SSHSignature.magic else {
                throw SSHSignatureError.badMagic
            }
            let version = try reader.readUInt32()
            guard version == SSHSignature.version else { throw SSHSignatureError.unsupportedVersion(version) }
            let keyBlob = try reader.readString()
            let key: SSHPublicKey
            do {
                key = try SSHPublicKey(blob: keyBlob)
            } catch SSHPublicKeyError.unsupportedKeyType(let type) {
                throw SSHSignatureError.unsupportedKeyType(type)
            } catch let error as SSHPublicKeyError {
                throw SSHSignatureError.badPublicKey(error)
            }
            let namespace = try reader.readText()
            let reserved = try reader.readString()
            let hashName = try reader.readText()
            guard let hash = HashAlgorithm(rawValue: hashName) else {
                throw SSHSignatureError.unsupportedHashAlgorithm(hashName)
            }
            let raw = try SSHSignature.decodeSignature(try reader.readString())
            guard reader.isAtEnd else { throw SSHSignatureError.trailingBytes }
            try self.init(publicKey: key, namespace: namespace, hashAlgorithm: hash, signature: raw, reserved: reserved)
        } catch let error as SSHWireError {
            switch error {
            case .truncated: throw SSHSignatureError.truncated
            case .trailingBytes: throw SSHSignatureError.trailingBytes
            case .invalidUTF8: throw SSHSignatureError.invalidUTF8
            }
        }
    }

    /// An Ed25519 signature in SSH encoding (RFC 8709 section 6): string
    /// "ssh-ed25519", string the 64 bytes. This is what ssh-agent returns.
    public static func encodeSignature(_ raw: [UInt8]) -> [UInt8] {
        var writer = SSHWriter()
        writer.writeString(SSHPublicKey.ed25519Type)
        writer.writeString(raw)
        return writer.bytes
    }

    /// The 64 raw bytes of an SSH-encoded Ed25519 signature.
    public static func decodeSignature(_ encoded: [UInt8]) throws -> [UInt8] {
        var reader = SSHReader(encoded)
        do {
            let type = try reader.readText()
            guard type == SSHPublicKey.ed25519Type else { throw SSHSignatureError.unsupportedSignatureType(type) }
            let raw = try reader.readString()
            guard reader.isAtEnd else { throw SSHSignatureError.trailingBytes }
            guard raw.count == Ed25519.signatureLength else { throw SSHSignatureError.badSignatureLength(raw.count) }
            return raw
        } catch let error as SSHWireError {
            throw error == .truncated ? SSHSignatureError.truncated : SSHSignatureError.invalidUTF8
        }
    }

    // MARK: Signing in process (tests and benchmark only)

    /// Signs `message` for `namespace` with a 32-byte Ed25519 seed, as
    /// `ssh-keygen -Y sign` would with that key. For tests and the benchmark's
    /// synthetic ledgers only: the ledger never reads a user's private key.
    public static func sign(message: [UInt8], namespace: String, seed: [UInt8],
                            hashAlgorithm: HashAlgorithm = .sha512) throws -> SSHSignature {
        let key = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: seed))
        let data = signedData(message: message, namespace: namespace, hashAlgorithm: hashAlgorithm)
        return try SSHSignature(publicKey: key, namespace: namespace, hashAlgorithm: hashAlgorithm,
                                signature: Ed25519.sign(message: data, seed: seed))
    }
}
