// The one interface the ledger's append path needs to sign: a public key,
// and SSHSIG signatures of messages by it. Two real implementations (the
// agent, a key file through ssh-keygen) and one for tests and benchmarks
// (a seed in memory); `makeSigner` picks between the real ones from the
// key path the user gave.
import LedgerCrypto

/// Something that signs ledger messages with one Ed25519 SSH key.
public protocol Signer: Sendable {
    /// The key whose signatures this signer makes.
    var publicKey: SSHPublicKey { get }
    /// An SSHSIG signature of `message` for `namespace`.
    func sign(message: [UInt8], namespace: String) throws -> SSHSignature
}

/// Signs through ssh-agent: the agent holds the private key.
public struct AgentSigner: Signer {
    public let client: SSHAgentClient
    public let publicKey: SSHPublicKey

    public init(client: SSHAgentClient, publicKey: SSHPublicKey) {
        self.client = client
        self.publicKey = publicKey
    }

    public func sign(message: [UInt8], namespace: String) throws -> SSHSignature {
        try client.signature(message: message, namespace: namespace, publicKey: publicKey)
    }
}

/// Signs in process with a 32-byte seed. For tests and the benchmark's
/// synthetic ledgers only: the ledger never reads a user's private key.
public struct SeedSigner: Signer {
    private let seed: [UInt8]
    public let publicKey: SSHPublicKey

    public init(seed: [UInt8], comment: String = "") throws {
        precondition(seed.count == Ed25519.seedLength, "an Ed25519 seed is 32 bytes")
        self.seed = seed
        publicKey = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: seed), comment: comment)
    }

    public func sign(message: [UInt8], namespace: String) throws -> SSHSignature {
        try SSHSignature.sign(message: message, namespace: namespace, seed: seed)
    }
}

/// The signer for the key path the user named (`--key FILE` or `$LEDGER_KEY`):
/// a `.pub` path means the agent at `agentSocket` holds the private key;
/// any other path is a private key file, signed with by ssh-keygen after
/// its permissions are checked.
public func makeSigner(keyPath: String, agentSocket: String?) throws -> any Signer {
    switch try KeyFile.resolve(keyPath) {
    case .agent(let publicKey):
        guard let agentSocket, !agentSocket.isEmpty else { throw KeyFileError.noAgent(keyPath) }
        return AgentSigner(client: SSHAgentClient(socketPath: agentSocket), publicKey: publicKey)
    case .privateKeyFile(let path, let publicKey):
        return KeygenSigner(keyFile: path, publicKey: publicKey)
    }
}
