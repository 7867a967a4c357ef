// Signing with a private key file through OpenSSH itself:
// `ssh-keygen -Y sign -f KEYFILE -n NAMESPACE`, the message on its stdin,
// the armored signature on its stdout. If the key has a passphrase,
// ssh-keygen asks for it on the terminal: this program never sees the
// passphrase or the private key. The key file's permissions are checked
// before ssh-keygen runs, and the signature it prints is parsed and
// verified before it is returned.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

extension KeygenSigner {
    /// Starts `ssh-keygen -Y sign` now, before the message is known: it
    /// loads the key while the caller decides what to sign, and signs what
    /// `EarlyKeygenSignature.finish` gives it. This early ssh-keygen asks
    /// nobody anything: it runs in a session of its own (no terminal), with
    /// an empty passphrase given (`-P ''`: a key with a passphrase fails at
    /// once, silently), without the agent ($SSH_AUTH_SOCK dropped) and
    /// without askpass ($DISPLAY, $WAYLAND_DISPLAY, $SSH_ASKPASS dropped,
    /// SSH_ASKPASS_REQUIRE=never). When it cannot sign, the caller signs
    /// the ordinary way (`sign`), which may ask the passphrase. Nil when
    /// the key file's permissions refuse it or ssh-keygen cannot start (the
    /// ordinary way then says why).
    public func begin(namespace: String) -> EarlyKeygenSignature? {
        guard !namespace.isEmpty, (try? KeyFile.checkPermissions(privateKey: keyFile)) != nil else { return nil }
        guard let child = try? PipedProcess.start(keygen, arguments: ["-Y", "sign", "-f", keyFile, "-n", namespace, "-P", ""],
                                                  environment: KeygenSigner.quietEnvironment(), detached: true) else { return nil }
        return EarlyKeygenSignature(child: child, signer: self, namespace: namespace)
    }

    /// Variables that would let ssh-keygen reach a person or an agent.
    static let askingVariables: Set<String> = ["SSH_AUTH_SOCK", "DISPLAY", "WAYLAND_DISPLAY", "SSH_ASKPASS", "SSH_ASKPASS_REQUIRE"]

    /// Our environment without `askingVariables`, with SSH_ASKPASS_REQUIRE=never.
    static func quietEnvironment() -> [String] {
        var out: [String] = []
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            let name = String(s.prefix { $0 != "=" })
            if !askingVariables.contains(name) { out.append(s) }
            p += 1
        }
        out.append("SSH_ASKPASS_REQUIRE=never")
        return out
    }
}

/// An ssh-keygen started before its message (`KeygenSigner.begin`).
/// Finished once, or cancelled; dropped unfinished, it is killed and
/// reaped (`PipedChild`).
public final class EarlyKeygenSignature {
    private let child: PipedChild
    private let signer: KeygenSigner
    private let namespace: String

    init(child: PipedChild, signer: KeygenSigner, namespace: String) {
        self.child = child
        self.signer = signer
        self.namespace = namespace
    }

    /// How long the early ssh-keygen may take once it has its message; a
    /// slower one is killed and the ordinary way signs instead.
    public static let patience = 10.0

    /// The signature of `message` (parsed, by the expected key, verified),
    /// or nil when this ssh-keygen did not make one: a passphrase needed,
    /// the key file changed, ssh-keygen failed or took too long.
    public func finish(message: [UInt8]) -> SSHSignature? {
        guard (try? KeyFile.checkPermissions(privateKey: signer.keyFile)) != nil,
              let result = child.finish(input: message, deadline: Monotonic.now() + EarlyKeygenSignature.patience),
              result.exitCode == 0,
              let signature = try? SSHSignature(armored: String(decoding: result.stdout, as: UTF8.self)),
              signature.publicKey == signer.publicKey, signature.namespace == namespace,
              signature.verify(message: message, namespace: namespace) else { return nil }
        return signature
    }

    /// Kills and reaps the early ssh-keygen (a refusal, a dry run, an error).
    public func cancel() { child.kill() }
}
