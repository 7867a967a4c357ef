// OpenSSH Ed25519 public keys: the line of a `.pub` file or of an
// authorized_keys / allowed_signers file (`ssh-ed25519 AAAA… comment`,
// optionally after authorized_keys options), the key blob inside it
// (RFC 8709 section 4: string "ssh-ed25519", string key), and the
// fingerprint `ssh-keygen -l` prints. Only Ed25519 keys are accepted; any
// other type is refused by name, so the ledger can say "only Ed25519 keys".

/// Why a text or blob is not an OpenSSH Ed25519 public key.
public enum SSHPublicKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key of another type (`ssh-rsa`, `ecdsa-sha2-nistp256`, `sk-ssh-ed25519@openssh.com`, ...).
    case unsupportedKeyType(String)
    /// The line has no `TYPE BASE64` pair.
    case malformedLine
    /// The key field is not strict base64.
    case badBase64(Base64Error)
    /// The type named on the line is not the type inside the blob.
    case typeMismatch(line: String, blob: String)
    /// The key is not 32 bytes.
    case badKeyLength(Int)
    /// The blob is not the SSH encoding of a key.
    case malformedBlob(SSHWireError)

    public var description: String {
        switch self {
        case .unsupportedKeyType(let type): return "unsupported key type \(type): only ssh-ed25519 keys are accepted"
        case .malformedLine: return "not an OpenSSH public key line (expected: ssh-ed25519 AAAA... [comment])"
        case .badBase64(let e): return "the key is not valid base64: \(e)"
        case .typeMismatch(let line, let blob): return "the line says \(line) but the key inside is \(blob)"
        case .badKeyLength(let n): return "an Ed25519 key is 32 bytes, not \(n)"
        case .malformedBlob(let e): return "malformed key blob: \(e)"
        }
    }
}

/// An Ed25519 public key as OpenSSH writes it. Two values are equal when
/// their keys are: the comment is a label, not part of the key.
public struct SSHPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The key type name on the wire and in `.pub` files.
    public static let ed25519Type = "ssh-ed25519"

    /// Key types OpenSSH knows that this program refuses by name.
    static let otherKnownTypes: Set<String> = [
        "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "ssh-xmss@openssh.com",
        "ssh-ed25519-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com", "ssh-dss-cert-v01@openssh.com",
        "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
        "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
        "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "ssh-xmss-cert-v01@openssh.com",
    ]

    /// The 32-byte Ed25519 public key.
    public let key: [UInt8]
    /// The comment after the key on its line (often user@host); empty when none.
    public var comment: String

    /// A key from its 32 bytes.
    public init(ed25519 key: [UInt8], comment: String = "") throws {
        guard key.count == Ed25519.publicKeyLength else { throw SSHPublicKeyError.badKeyLength(key.count) }
        self.key = key
        self.comment = comment
    }

    /// A key from its SSH blob: string "ssh-ed25519", string key, nothing after.
    public init(blob: [UInt8], comment: String = "") throws {
        var reader = SSHReader(blob)
        let key: [UInt8]
        do {
            let type = String(decoding: try reader.readString(), as: UTF8.self)
            guard type == SSHPublicKey.ed25519Type else { throw SSHPublicKeyError.unsupportedKeyType(type) }
            key = try reader.readString()
            try reader.expectEnd()
        } catch let error as SSHWireError {
            throw SSHPublicKeyError.malformedBlob(error)
        }
        try self.init(ed25519: key, comment: comment)
    }

    /// A key from a `.pub` file's line or an authorized_keys line:
    /// `[options] ssh-ed25519 BASE64 [comment]`. Surrounding whitespace
    /// (and a final newline) is ignored.
    public init(line: String) throws {
        let text = Array(line.utf8)
        let tokens = SSHPublicKey.splitFields(text, from: 0)
        guard let first = tokens.first else { throw SSHPublicKeyError.malformedLine }
        if let key = try SSHPublicKey.parseKey(text, tokens: tokens) {
            self = key
            return
        }
        // Not a key at the start: authorized_keys options, then the key.
        let afterOptions = SSHPublicKey.endOfOptions(text, from: first.lowerBound)
        let rest = SSHPublicKey.splitFields(text, from: afterOptions)
        if !rest.isEmpty, let key = try SSHPublicKey.parseKey(text, tokens: rest) {
            self = key
            return
        }
        throw SSHPublicKeyError.malformedLine
    }

    /// The SSH blob: string "ssh-ed25519", string key.
    public var blob: [UInt8] {
        var writer = SSHWriter()
        writer.writeString(SSHPublicKey.ed25519Type)
        writer.writeString(key)
        return writer.bytes
    }

    /// The fingerprint as `ssh-keygen -l` prints it: `SHA256:` and the
    /// unpadded base64 of SHA-256 of the blob.
    public var fingerprint: String {
        "SHA256:" + Base64.encode(SHA256.hash(blob).byteArray, padded: false)
    }

    /// True when the 32 bytes are a key `Ed25519.verify` accepts: canonical,
    /// on the curve, not of small order. Parsing does not check it (neither
    /// does OpenSSH); check it before registering a member's key, because
    /// with a small-order key anyone can forge signatures that ssh-keygen accepts.
    public var isValidEd25519Key: Bool { Ed25519.isValidPublicKey(key) }

    /// The `.pub` line: `ssh-ed25519 BASE64`, then the comment if any.
    public var line: String {
        let base = SSHPublicKey.ed25519Type + " " + Base64.encode(blob)
        return comment.isEmpty ? base : base + " " + comment
    }

    public var description: String { line }

    public static func == (a: SSHPublicKey, b: SSHPublicKey) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    // MARK: Parsing a line

    private static func isSpace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
    }

    /// The whitespace-separated fields of `text` from `start`, as ranges.
    private static func splitFields(_ text: [UInt8], from start: Int) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var i = start
        while i < text.count {
            while i < text.count, isSpace(text[i]) { i += 1 }
            let begin = i
            while i < text.count, !isSpace(text[i]) { i += 1 }
            if i > begin { fields.append(begin..<i) }
        }
        return fields
    }

    /// Where authorized_keys options starting at `start` end: the first
    /// whitespace outside double quotes (a backslash escapes a quote).
    private static func endOfOptions(_ text: [UInt8], from start: Int) -> Int {
        var i = start
        var quoted = false
        while i < text.count {
            let c = text[i]
            if quoted, c == UInt8(ascii: "\\"), i + 1 < text.count {
                i += 2
                continue
            }
            if c == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted, isSpace(c) { break }
            i += 1
        }
        return i
    }

    /// The key when `tokens` start with `TYPE BASE64`; nil when the first
    /// token is not a key type at all (so it may be options); throws when it
    /// is a key, but not a good Ed25519 one.
    private static func parseKey(_ text: [UInt8], tokens: [Range<Int>]) throws -> SSHPublicKey? {
        let type = String(decoding: text[tokens[0]], as: UTF8.self)
        let isEd25519 = type == ed25519Type
        if !isEd25519, otherKnownTypes.contains(type) { throw SSHPublicKeyError.unsupportedKeyType(type) }
        guard tokens.count >= 2 else {
            if isEd25519 { throw SSHPublicKeyError.malformedLine }
            return nil
        }
        let blob: [UInt8]
        do {
            blob = try Base64.decode(Array(text[tokens[1]]))
        } catch let error as Base64Error {
            if isEd25519 { throw SSHPublicKeyError.badBase64(error) }
            return nil
        }
        var reader = SSHReader(blob)
        guard let inner = try? reader.readString() else {
            if isEd25519 { throw SSHPublicKeyError.malformedBlob(.truncated) }
            return nil
        }
        let innerType = String(decoding: inner, as: UTF8.self)
        if !isEd25519 {
            // An unknown name followed by a blob of that very type is a key
            // type we do not know; anything else may be authorized_keys options.
            if innerType == type { throw SSHPublicKeyError.unsupportedKeyType(type) }
            return nil
        }
        guard innerType == type else { throw SSHPublicKeyError.typeMismatch(line: type, blob: innerType) }
        let comment: String
        if tokens.count > 2 {
            comment = String(decoding: text[tokens[2].lowerBound..<tokens[tokens.count - 1].upperBound], as: UTF8.self)
        } else {
            comment = ""
        }
        return try SSHPublicKey(blob: blob, comment: comment)
    }
}
