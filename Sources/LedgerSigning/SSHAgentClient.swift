// A client of ssh-agent (draft-miller-ssh-agent, sections 3 and 4.4-4.5;
// OpenSSH PROTOCOL.agent): it lists the agent's identities and asks it to
// sign the SSHSIG signed data for one of them, which is how `ssh-keygen -Y
// sign` uses an agent. The private key never leaves the agent. The socket
// path is a parameter: the caller reads $SSH_AUTH_SOCK.
import LedgerCrypto

/// Why the agent could not be used.
public enum SSHAgentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path does not fit in a Unix socket address.
    case socketPathTooLong(String)
    /// No agent listens there (no such file, connection refused, no permission...).
    case cannotConnect(path: String, reason: String)
    /// The agent did not answer in time (a stopped or stuck agent).
    case timedOut(path: String, step: String)
    /// The agent closed the connection mid-conversation.
    case connectionClosed(path: String)
    /// The agent answered SSH_AGENT_FAILURE (e.g. the user declined a confirmation).
    case refused
    /// The agent does not hold the key with this fingerprint.
    case keyNotInAgent(fingerprint: String)
    /// An answer of another type than the one the request calls for.
    case unexpectedReply(UInt8)
    /// An answer that does not parse, or a signature that does not verify.
    case malformedReply(String)

    public var description: String {
        switch self {
        case .socketPathTooLong(let p): return "the agent socket path is too long: \(p)"
        case .cannotConnect(let p, let reason): return "no ssh-agent at \(p): \(reason)"
        case .timedOut(let p, let step): return "ssh-agent at \(p) did not respond in time (\(step))"
        case .connectionClosed(let p): return "ssh-agent at \(p) closed the connection"
        case .refused: return "ssh-agent refused to sign"
        case .keyNotInAgent(let fp): return "ssh-agent does not hold the key \(fp) (add it with ssh-add)"
        case .unexpectedReply(let t): return "unexpected ssh-agent reply type \(t)"
        case .malformedReply(let why): return "malformed ssh-agent reply: \(why)"
        }
    }
}

/// A key the agent holds.
public struct SSHAgentIdentity: Equatable, Sendable {
    /// The public key blob, of any type.
    public var blob: [UInt8]
    public var comment: String
    /// The key type named in the blob (`ssh-ed25519`, `ssh-rsa`, ...).
    public var keyType: String
    /// The key, when it is an Ed25519 key; nil for any other type.
    public var publicKey: SSHPublicKey? { try? SSHPublicKey(blob: blob, comment: comment) }
}

/// Talks to the ssh-agent listening on a Unix socket. One connection per request.
public struct SSHAgentClient: Sendable {
    /// Message numbers (draft-miller-ssh-agent section 5.1).
    enum Message: UInt8 {
        case failure = 5
        case requestIdentities = 11
        case identitiesAnswer = 12
        case signRequest = 13
        case signResponse = 14
    }

    /// OpenSSH's limit on an agent message.
    static let maximumMessage = 256 * 1024

    public let socketPath: String
    /// Seconds to connect.
    public let connectTimeout: Double
    /// Seconds for the agent to answer one request (it may ask its user to confirm).
    public let replyTimeout: Double

    public init(socketPath: String, connectTimeout: Double = 5, replyTimeout: Double = 30) {
        self.socketPath = socketPath
        self.connectTimeout = connectTimeout
        self.replyTimeout = replyTimeout
    }

    /// The keys the agent holds (SSH_AGENTC_REQUEST_IDENTITIES).
    public func identities() throws -> [SSHAgentIdentity] {
        var reader = try request([Message.requestIdentities.rawValue], expecting: .identitiesAnswer)
        do {
            let count = try reader.readUInt32()
            guard count <= 4096 else { throw SSHAgentError.malformedReply("\(count) identities") }
            var identities: [SSHAgentIdentity] = []
            for _ in 0..<count {
                let blob = try reader.readString()
                let comment = String(decoding: try reader.readString(), as: UTF8.self)
                var keyReader = SSHReader(blob)
                let type = String(decoding: try keyReader.readString(), as: UTF8.self)
                identities.append(SSHAgentIdentity(blob: blob, comment: comment, keyType: type))
            }
            try reader.expectEnd()
            return identities
        } catch let error as SSHWireError {
            throw SSHAgentError.malformedReply("identities: \(error)")
        }
    }

    /// The agent's signature of `data` with the key `keyBlob`, in SSH encoding
    /// (string algorithm, string signature) (SSH_AGENTC_SIGN_REQUEST).
    public func sign(data: [UInt8], keyBlob: [UInt8], flags: UInt32 = 0) throws -> [UInt8] {
        var writer = SSHWriter()
        writer.writeByte(Message.signRequest.rawValue)
        writer.writeString(keyBlob)
        writer.writeString(data)
        writer.writeUInt32(flags)
        var reader = try request(writer.bytes, expecting: .signResponse)
        do {
            let signature = try reader.readString()
            try reader.expectEnd()
            return signature
        } catch let error as SSHWireError {
            throw SSHAgentError.malformedReply("signature: \(error)")
        }
    }

    /// An SSHSIG signature of `message` for `namespace` by `publicKey`, made
    /// by the agent over the signed data, as `ssh-keygen -Y sign` does, and
    /// checked here before it is returned.
    public func signature(message: [UInt8], namespace: String, publicKey: SSHPublicKey,
                          hashAlgorithm: SSHSignature.HashAlgorithm = .sha512) throws -> SSHSignature {
        let data = SSHSignature.signedData(message: message, namespace: namespace, hashAlgorithm: hashAlgorithm)
        let encoded: [UInt8]
        do {
            encoded = try sign(data: data, keyBlob: publicKey.blob)
        } catch SSHAgentError.refused {
            // Say why when we can: most often the key was never added.
            if let held = try? identities(), !held.contains(where: { $0.blob == publicKey.blob }) {
                throw SSHAgentError.keyNotInAgent(fingerprint: publicKey.fingerprint)
            }
            throw SSHAgentError.refused
        }
        let raw: [UInt8]
        do {
            raw = try SSHSignature.decodeSignature(encoded)
        } catch {
            throw SSHAgentError.malformedReply("\(error)")
        }
        let signature = try SSHSignature(publicKey: publicKey, namespace: namespace, hashAlgorithm: hashAlgorithm, signature: raw)
        guard signature.verify(message: message, namespace: namespace) else {
            throw SSHAgentError.malformedReply("the agent's signature does not verify")
        }
        return signature
    }

    /// Sends one message (uint32 length, then the body) and reads the answer,
    /// which must be `expecting` (or SSH_AGENT_FAILURE, thrown as `refused`).
    private func request(_ body: [UInt8], expecting: Message) throws -> SSHReader {
        let connection = try AgentConnection(path: socketPath, timeout: connectTimeout)
        var framed = SSHWriter()
        framed.writeString(body)
        let deadline = AgentConnection.now() + replyTimeout
        try connection.send(framed.bytes, until: deadline)
        let header = try connection.receive(4, until: deadline)
        let length = Int(UInt32(header[0]) << 24 | UInt32(header[1]) << 16 | UInt32(header[2]) << 8 | UInt32(header[3]))
        guard length >= 1, length <= SSHAgentClient.maximumMessage else {
            throw SSHAgentError.malformedReply("a message of \(length) bytes")
        }
        let answer = try connection.receive(length, until: deadline)
        if answer[0] == Message.failure.rawValue { throw SSHAgentError.refused }
        guard answer[0] == expecting.rawValue else { throw SSHAgentError.unexpectedReply(answer[0]) }
        return SSHReader(Array(answer.dropFirst()))
    }
}
