// Signing with a key file through ssh-keygen, the key-file rules (too-open
// permissions refused before ssh-keygen runs, `.pub` means the agent), and
// the process spawning underneath (large input and output, exit codes, a
// child that ignores its input).
import Foundation
import LedgerCrypto
@testable import LedgerSigning
import XCTest

final class KeygenSignerTests: XCTestCase {
    let namespace = "ledger"

    func testSignsWithTheKeyFile() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let signer = try KeygenSigner(keyFile: keyPath, keygen: ssh.keygen)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))
        XCTAssertEqual(signer.publicKey, key)
        let seed = try OpenSSH.seed(fromPrivateKeyFile: keyPath)
        for message in [[UInt8](), Array("una lectura".utf8), [UInt8](repeating: 0x61, count: 1 << 20)] {
            let signature = try signer.sign(message: message, namespace: namespace)
            XCTAssertTrue(signature.verify(message: message, namespace: namespace, signer: key))
            XCTAssertEqual(signature, try SSHSignature.sign(message: message, namespace: namespace, seed: seed))
            let verified = try ssh.verify(armored: signature.armored, key: key, namespace: namespace, message: message, in: directory)
            XCTAssertEqual(verified.status, 0, verified.stderr)
        }
        // Found on PATH by name, as the ledger will run it.
        let byName = try makeSigner(keyPath: keyPath, agentSocket: nil)
        XCTAssertTrue(byName is KeygenSigner)
        XCTAssertTrue(try byName.sign(message: [1, 2, 3], namespace: namespace).verify(message: [1, 2, 3], namespace: namespace))
    }

    func testTooOpenKeyFileIsRefusedBeforeKeygenRuns() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))
        for mode in [0o644, 0o640, 0o604, 0o660, 0o602, 0o610] {
            XCTAssertEqual(chmod(keyPath, mode_t(mode)), 0)
            // An ssh-keygen that does not exist: had it been run, the error would say so.
            let signer = KeygenSigner(keyFile: keyPath, publicKey: key, keygen: directory.path + "/no-such-ssh-keygen")
            XCTAssertThrowsError(try signer.sign(message: [1], namespace: namespace)) {
                XCTAssertEqual($0 as? KeyFileError, .permissionsTooOpen(path: keyPath, mode: UInt32(mode)))
            }
            XCTAssertThrowsError(try KeygenSigner(keyFile: keyPath)) {
                XCTAssertEqual($0 as? KeyFileError, .permissionsTooOpen(path: keyPath, mode: UInt32(mode)))
            }
            XCTAssertThrowsError(try makeSigner(keyPath: keyPath, agentSocket: nil))
        }
        XCTAssertTrue("\(KeyFileError.permissionsTooOpen(path: "k", mode: 0o644))".contains("permissions 0644 are too open"))
        // 0600 and 0400 are fine.
        for mode in [0o600, 0o400] {
            XCTAssertEqual(chmod(keyPath, mode_t(mode)), 0)
            XCTAssertNoThrow(try KeyFile.checkPermissions(privateKey: keyPath))
        }
    }

    func testKeyPathMeanings() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))
        XCTAssertEqual(try KeyFile.resolve(keyPath + ".pub"), .agent(key))
        XCTAssertEqual(try KeyFile.resolve(keyPath), .privateKeyFile(path: keyPath, publicKey: key))
        XCTAssertThrowsError(try makeSigner(keyPath: keyPath + ".pub", agentSocket: nil)) {
            XCTAssertEqual($0 as? KeyFileError, .noAgent(keyPath + ".pub"))
        }
        XCTAssertThrowsError(try KeyFile.resolve(directory.path + "/missing")) {
            XCTAssertEqual($0 as? KeyFileError, .notFound(directory.path + "/missing"))
        }
        XCTAssertThrowsError(try KeyFile.resolve(directory.path)) {
            XCTAssertEqual($0 as? KeyFileError, .notAFile(directory.path))
        }
        // A private key without its .pub: we cannot know which key it is without reading it.
        let lonely = try directory.write("lonely", "not read", mode: 0o600)
        XCTAssertThrowsError(try KeyFile.resolve(lonely)) {
            XCTAssertEqual($0 as? KeyFileError, .publicKeyMissing(privateKey: lonely, expected: lonely + ".pub"))
        }
        // A .pub of another key type.
        _ = try ssh.makeKey(in: directory, name: "id_ecdsa", type: "ecdsa")
        XCTAssertThrowsError(try KeyFile.resolve(directory.path + "/id_ecdsa.pub")) {
            XCTAssertEqual($0 as? KeyFileError, .badPublicKey(path: directory.path + "/id_ecdsa.pub",
                                                              error: .unsupportedKeyType("ecdsa-sha2-nistp256")))
        }
    }

    func testKeygenFailuresAreTypedAndKeepItsMessage() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))

        let missing = KeygenSigner(keyFile: keyPath, publicKey: key, keygen: "ssh-keygen-that-is-not-installed")
        XCTAssertThrowsError(try missing.sign(message: [1], namespace: namespace)) {
            XCTAssertEqual($0 as? KeygenSignerError, .keygenMissing("ssh-keygen-that-is-not-installed"))
        }

        let garbage = try directory.write("garbage", "this is not a key\n", mode: 0o600)
        _ = try directory.write("garbage.pub", key.line + "\n")
        XCTAssertThrowsError(try KeygenSigner(keyFile: garbage, keygen: ssh.keygen).sign(message: [1], namespace: namespace)) {
            guard case .keygenFailed(let code, let stderr) = $0 as? KeygenSignerError else { return XCTFail("\($0)") }
            XCTAssertNotEqual(code, 0)
            XCTAssertFalse(stderr.isEmpty, "ssh-keygen's own message is kept")
        }

        // The .pub beside the key names another key: the signature is refused.
        let otherKey = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 8, count: 32)))
        let mismatched = KeygenSigner(keyFile: keyPath, publicKey: otherKey, keygen: ssh.keygen)
        XCTAssertThrowsError(try mismatched.sign(message: [1], namespace: namespace)) {
            XCTAssertEqual($0 as? KeygenSignerError, .otherKey(expected: otherKey.fingerprint, actual: key.fingerprint))
        }
        XCTAssertThrowsError(try KeygenSigner(keyFile: keyPath, publicKey: key).sign(message: [1], namespace: "")) {
            XCTAssertEqual($0 as? SSHSignatureError, .emptyNamespace)
        }
    }

    /// The early ssh-keygen (started before its message, while an append is
    /// decided) signs what it is given later, as the ordinary way would; with
    /// a key that has a passphrase it gives up at once and asks nobody, even
    /// where askpass is forced, and the ordinary way then asks once.
    func testAnEarlyKeygenSignsWhatItIsGivenLaterAndNeverAsks() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let signer = try KeygenSigner(keyFile: keyPath, keygen: ssh.keygen)
        let seed = try OpenSSH.seed(fromPrivateKeyFile: keyPath)
        for message in [[UInt8](), Array("una lectura\n".utf8), [UInt8](repeating: 0x61, count: 1 << 20)] {
            let early = try XCTUnwrap(signer.begin(namespace: namespace))
            let signature = try XCTUnwrap(early.finish(message: message))
            XCTAssertEqual(signature, try SSHSignature.sign(message: message, namespace: namespace, seed: seed))
            XCTAssertNil(early.finish(message: message), "finished once")
        }
        // Cancelled unfed: nothing signed, nothing left running.
        signer.begin(namespace: namespace)?.cancel()

        // A key with a passphrase, askpass forced in our environment: the early one asks nothing.
        let locked = directory.path + "/locked"
        XCTAssertEqual(try Tools.run(ssh.keygen, ["-q", "-t", "ed25519", "-N", "sesame", "-C", "locked", "-f", locked]).status, 0)
        let asked = directory.path + "/asked"
        let askpass = try directory.write("askpass.sh", "#!/bin/sh\necho \"$1\" >> '\(asked)'\necho sesame\n", mode: 0o700)
        let saved: [(String, String?)] = ["SSH_ASKPASS", "SSH_ASKPASS_REQUIRE", "DISPLAY"].map { name in (name, ProcessInfo.processInfo.environment[name]) }
        defer { for (name, value) in saved { if let value { setenv(name, value, 1) } else { unsetenv(name) } } }
        setenv("SSH_ASKPASS", askpass, 1)
        setenv("SSH_ASKPASS_REQUIRE", "force", 1)
        setenv("DISPLAY", ":0", 1)
        let lockedSigner = try KeygenSigner(keyFile: locked, keygen: ssh.keygen)
        let early = try XCTUnwrap(lockedSigner.begin(namespace: namespace))
        XCTAssertNil(early.finish(message: [1, 2, 3]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: asked), "the early ssh-keygen asked for the passphrase")
        let signature = try lockedSigner.sign(message: [1, 2, 3], namespace: namespace)
        XCTAssertTrue(signature.verify(message: [1, 2, 3], namespace: namespace, signer: lockedSigner.publicKey))
        XCTAssertEqual(try String(contentsOfFile: asked, encoding: .utf8).split(separator: "\n").count, 1, "the ordinary way asks once")
    }
}
