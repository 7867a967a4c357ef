// Signing with a private key file through OpenSSH itself:
// `ssh-keygen -Y sign -f KEYFILE -n NAMESPACE`, the message on its stdin,
// the armored signature on its stdout. If the key has a passphrase,
// ssh-keygen asks for it on the terminal: this program never sees the
// passphrase or the private key. The key file's permissions are checked
// before ssh-keygen runs, and the signature it prints is parsed and
// verified before it is returned.
import LedgerCrypto
import LedgerToolSupport

/// Why ssh-keygen did not give us a signature.
public enum KeygenSignerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// ssh-keygen is not installed (or not on PATH).
    case keygenMissing(String)
    /// ssh-keygen could not be started.
    case cannotRun(String, errno: Int32)
    /// ssh-keygen failed; its exit code (nil: killed by a signal) and what it said on stderr.
    case keygenFailed(exitCode: Int32?, stderr: String)
    /// Its output is not an SSH signature we accept.
    case unexpectedOutput(SSHSignatureError)
    /// It signed with another key than the one expected (fingerprints).
    case otherKey(expected: String, actual: String)
    /// Its signature does not verify.
    case signatureDoesNotVerify

    public var description: String {
        switch self {
        case .keygenMissing(let k): return "\(k) not found: install OpenSSH's client to sign with a key file"
        case .cannotRun(let k, let e): return "cannot run \(k) (errno \(e))"
        case .keygenFailed(let code, let stderr):
            let how = code.map { "exit \($0)" } ?? "killed by a signal"
            return "ssh-keygen failed (\(how)): \(stderr.trimmingTrailingNewlines)"
        case .unexpectedOutput(let e): return "ssh-keygen printed something unexpected: \(e)"
        case .otherKey(let expected, let actual): return "ssh-keygen signed with \(actual), not \(expected)"
        case .signatureDoesNotVerify: return "the signature ssh-keygen made does not verify"
        }
    }
}

/// Signs by running `ssh-keygen -Y sign` on a private key file.
public struct KeygenSigner: Signer {
    /// The private key file, given to ssh-keygen (never read here).
    public let keyFile: String
    public let publicKey: SSHPublicKey
    /// The ssh-keygen to run: a path, or a name looked up on PATH.
    public let keygen: String

    /// A signer for `keyFile` whose public key is already known.
    public init(keyFile: String, publicKey: SSHPublicKey, keygen: String = "ssh-keygen") {
        self.keyFile = keyFile
        self.publicKey = publicKey
        self.keygen = keygen
    }

    /// A signer for `keyFile`, its permissions checked and its public key
    /// read from `keyFile.pub`.
    public init(keyFile: String, keygen: String = "ssh-keygen") throws {
        try KeyFile.checkPermissions(privateKey: keyFile)
        let publicPath = keyFile + ".pub"
        let publicKey: SSHPublicKey
        do {
            publicKey = try KeyFile.readPublicKey(publicPath)
        } catch KeyFileError.notFound {
            throw KeyFileError.publicKeyMissing(privateKey: keyFile, expected: publicPath)
        }
        self.init(keyFile: keyFile, publicKey: publicKey, keygen: keygen)
    }

    public func sign(message: [UInt8], namespace: String) throws -> SSHSignature {
        guard !namespace.isEmpty else { throw SSHSignatureError.emptyNamespace }
        // Again at each signature: the file may have changed since.
        try KeyFile.checkPermissions(privateKey: keyFile)
        let result: PipedOutcome
        do {
            result = try PipedProcess.run(keygen, arguments: ["-Y", "sign", "-f", keyFile, "-n", namespace], input: message)
        } catch PipedProcessError.notFound(let name) {
            throw KeygenSignerError.keygenMissing(name)
        } catch PipedProcessError.cannotStart(let name, let error) {
            throw KeygenSignerError.cannotRun(name, errno: error)
        }
        let stderr = String(decoding: result.stderr, as: UTF8.self)
        guard result.exitCode == 0 else { throw KeygenSignerError.keygenFailed(exitCode: result.exitCode, stderr: stderr) }
        let signature: SSHSignature
        do {
            signature = try SSHSignature(armored: String(decoding: result.stdout, as: UTF8.self))
        } catch let error as SSHSignatureError {
            throw KeygenSignerError.unexpectedOutput(error)
        }
        guard signature.publicKey == publicKey else {
            throw KeygenSignerError.otherKey(expected: publicKey.fingerprint, actual: signature.publicKey.fingerprint)
        }
        guard signature.verify(message: message, namespace: namespace) else { throw KeygenSignerError.signatureDoesNotVerify }
        return signature
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
