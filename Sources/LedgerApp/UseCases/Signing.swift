// Which key signs what a session appends (`--key FILE` or $LEDGER_KEY),
// turned into the store's `BatchSigning`: through ssh-agent when the path
// names a `.pub` the agent holds, else `ssh-keygen -Y sign` on the private
// key file (OpenSSH asks its passphrase itself). No private key is read.

import LedgerCore
import LedgerStore
import LedgerCrypto
import LedgerSigning

/// The key a session signs with: a key path as the user gave it, and the
/// agent's socket ($SSH_AUTH_SOCK) for a `.pub` path.
public struct SigningKey: Sendable {
    public var path: String
    public var agentSocket: String?

    public init(path: String, agentSocket: String?) {
        self.path = path
        self.agentSocket = agentSocket
    }
}

extension Session {
    /// The store's signing of a batch with the session's key; nil without a key.
    func batchSigning() throws -> BatchSigning? {
        if let signer { return Session.batchSigning(signer) }
        guard let key = signingKey else { return nil }
        return try Session.batchSigning(try makeSigner(keyPath: key.path, agentSocket: key.agentSocket))
    }

    /// A `Signer` (agent, key file, or a seed in tests) as the store signs
    /// batches. A key file's ssh-keygen can be begun early, while the batch
    /// is decided (`KeygenSigner.begin`: it asks nobody anything; when it
    /// cannot sign, the ordinary `sign` does, asking a passphrase if need be).
    public static func batchSigning(_ signer: any Signer) -> BatchSigning {
        var begin: (() -> StartedSignature?)?
        if let keygen = signer as? KeygenSigner {
            begin = {
                guard let early = keygen.begin(namespace: SignedBatch.namespace) else { return nil }
                return StartedSignature(finish: { early.finish(message: $0)?.blob }, cancel: { early.cancel() })
            }
        }
        return BatchSigning(publicKey: signer.publicKey, sign: { message in
            try signer.sign(message: message, namespace: SignedBatch.namespace).blob
        }, begin: begin)
    }

    /// A public key given on the command line: the line itself
    /// (`ssh-ed25519 AAAA… comment`) or the path of a `.pub` file.
    public static func publicKey(_ text: String) throws -> SSHPublicKey {
        var line = text.trimmingSpaces
        let looksLikeALine = line.contains(" ") && !line.hasPrefix("/") && !line.hasPrefix(".")
        if !looksLikeALine {
            let bytes: [UInt8]
            do { bytes = try InputFile.read(line) } catch { throw Refusal.publicKeyRefused(.unreadable("\(line): cannot be read")) }
            line = String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self).trimmingSpaces
        }
        do {
            return try SSHPublicKey(line: line)
        } catch SSHPublicKeyError.unsupportedKeyType(let type) {
            throw Refusal.publicKeyRefused(.notEd25519(type))
        } catch {
            throw Refusal.publicKeyRefused(.unreadable("\(error)"))
        }
    }
}
