// What the key path a user gives means (`--key FILE` / `$LEDGER_KEY`): a
// `.pub` file says "the agent holds the private key"; any other path is a
// private key file that ssh-keygen will read. Such a file readable or
// writable by group or others is refused before ssh-keygen runs, as
// OpenSSH refuses it ("UNPROTECTED PRIVATE KEY FILE! Permissions 0644 ...
// are too open"). This file never reads a private key: it stats it, and
// reads the public key next to it.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LedgerCrypto

/// Why a key path cannot be used to sign.
public enum KeyFileError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case notAFile(String)
    case unreadable(path: String, reason: String)
    /// Group or others may read or write the private key (mode in octal as `ls` shows it).
    case permissionsTooOpen(path: String, mode: UInt32)
    /// The private key has no `.pub` beside it to say which key it is.
    case publicKeyMissing(privateKey: String, expected: String)
    case badPublicKey(path: String, error: SSHPublicKeyError)
    /// A `.pub` path was given but no agent socket is known.
    case noAgent(String)

    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such key file"
        case .notAFile(let p): return "\(p): not a regular file"
        case .unreadable(let p, let reason): return "\(p): \(reason)"
        case .permissionsTooOpen(let p, let mode):
            return "\(p): permissions \(String(mode, radix: 8).leftPadded(to: 4)) are too open: a private key must not be "
                + "accessible by others (chmod 600 \(p))"
        case .publicKeyMissing(let key, let expected):
            return "\(key): no public key \(expected) beside it (make it with: ssh-keygen -y -f \(key) > \(expected))"
        case .badPublicKey(let p, let e): return "\(p): \(e)"
        case .noAgent(let p): return "\(p) names a public key, so the agent must hold the private key, but SSH_AUTH_SOCK is not set"
        }
    }
}

/// Where the private key of a signing key is.
public enum KeyReference: Equatable, Sendable {
    /// The agent holds it; this is its public key (from the `.pub` file given).
    case agent(SSHPublicKey)
    /// A private key file (permissions checked) and its public key (from the `.pub` beside it).
    case privateKeyFile(path: String, publicKey: SSHPublicKey)
}

public enum KeyFile {
    /// What `path` means: a `.pub` file names an agent-held key; anything else
    /// is a private key file, refused if its permissions are too open.
    public static func resolve(_ path: String) throws -> KeyReference {
        if path.hasSuffix(".pub") { return .agent(try readPublicKey(path)) }
        try checkPermissions(privateKey: path)
        let publicPath = path + ".pub"
        guard exists(publicPath) else { throw KeyFileError.publicKeyMissing(privateKey: path, expected: publicPath) }
        return .privateKeyFile(path: path, publicKey: try readPublicKey(publicPath))
    }

    /// Refuses a private key file that is missing, not a regular file, or
    /// that group or others may access in any way (mode & 077), as OpenSSH does.
    public static func checkPermissions(privateKey path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw KeyFileError.notFound(path) }
            throw KeyFileError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw KeyFileError.notAFile(path) }
        let mode = UInt32(info.st_mode) & 0o7777
        guard mode & 0o077 == 0 else { throw KeyFileError.permissionsTooOpen(path: path, mode: mode) }
    }

    /// The Ed25519 public key on the first line of a `.pub` file.
    public static func readPublicKey(_ path: String) throws -> SSHPublicKey {
        let bytes = try readSmallFile(path)
        let firstLine = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).first ?? []
        do {
            return try SSHPublicKey(line: String(decoding: firstLine, as: UTF8.self))
        } catch let error as SSHPublicKeyError {
            throw KeyFileError.badPublicKey(path: path, error: error)
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The whole of a file up to 64 KiB (a public key line is well under 1 KiB).
    private static func readSmallFile(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw KeyFileError.notFound(path) }
            throw KeyFileError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while out.count < 65536 {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n > 0 { out += buffer[0..<n]; continue }
            if n == 0 { break }
            if errno == EINTR { continue }
            throw KeyFileError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
