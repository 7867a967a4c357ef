// SSHSIG signatures across the two implementations: ssh-keygen signs and we
// verify (and refuse another namespace or message); we sign and
// `ssh-keygen -Y verify` / `check-novalidate` accept; both produce the same
// bytes for the same key and message; sha256 and sha512 both ways.
import LedgerCrypto
import XCTest

final class SSHSignatureOpenSSHTests: XCTestCase {
    let namespace = "ledger@example.org"
    let message = Array("{\"seq\":7,\"type\":\"reading\",\"value\":\"542\"}\n".utf8)

    func testKeygenSignatureVerifiesHereAndNowhereElse() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let key = try SSHPublicKey(line: try directory.read("id_ed25519.pub"))
        let armored = try ssh.sign(key: keyPath, namespace: namespace, message: message)
        let signature = try SSHSignature(armored: armored)
        XCTAssertEqual(signature.publicKey, key)
        XCTAssertEqual(signature.namespace, namespace)
        XCTAssertEqual(signature.hashAlgorithm, .sha512)
        XCTAssertTrue(signature.verify(message: message, namespace: namespace))
        XCTAssertTrue(signature.verify(message: message, namespace: namespace, signer: key))
        XCTAssertFalse(signature.verify(message: message, namespace: "file"))
        XCTAssertFalse(signature.verify(message: message, namespace: ""))
        XCTAssertFalse(signature.verify(message: message + [0x0a], namespace: namespace))
        XCTAssertFalse(signature.verify(message: [], namespace: namespace))
        let stranger = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 3, count: 32)))
        XCTAssertFalse(signature.verify(message: message, namespace: namespace, signer: stranger))
        // Our armor of the parsed blob is ssh-keygen's file, byte for byte.
        XCTAssertEqual(signature.armored, armored)
        XCTAssertEqual(try SSHSignature(blob: signature.blob), signature)
    }

    func testInProcessSignatureIsKeygensByteForByte() throws {
        // Ed25519 is deterministic, so the same seed and message give the same SSHSIG.
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory)
        let seed = try OpenSSH.seed(fromPrivateKeyFile: keyPath)
        for hash in SSHSignature.HashAlgorithm.allCases {
            let ours = try SSHSignature.sign(message: message, namespace: namespace, seed: seed, hashAlgorithm: hash)
            let theirs = try ssh.sign(key: keyPath, namespace: namespace, message: message, options: ["hashalg=\(hash.rawValue)"])
            XCTAssertEqual(ours.armored, theirs, hash.rawValue)
            XCTAssertTrue(try SSHSignature(armored: theirs).verify(message: message, namespace: namespace), hash.rawValue)
        }
    }

    func testKeygenVerifiesOurSignatures() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        var random = SeededGenerator(seed: 1)
        for hash in SSHSignature.HashAlgorithm.allCases {
            let seed = random.bytes(32)
            let message = random.bytes(500)
            let signature = try SSHSignature.sign(message: message, namespace: namespace, seed: seed, hashAlgorithm: hash)
            let good = try ssh.verify(armored: signature.armored, key: signature.publicKey, namespace: namespace,
                                      message: message, in: directory)
            XCTAssertEqual(good.status, 0, "\(hash): \(good.stderr)")
            XCTAssertTrue(good.out.contains("Good \"\(namespace)\" signature for ana@ledger"), good.out)
            let check = try ssh.checkNoValidate(armored: signature.armored, namespace: namespace, message: message, in: directory)
            XCTAssertEqual(check.status, 0, check.stderr)
            // ...and refuses it for another namespace or message, as we do.
            let otherNamespace = try ssh.verify(armored: signature.armored, key: signature.publicKey, namespace: "git",
                                                message: message, in: directory)
            XCTAssertNotEqual(otherNamespace.status, 0)
            let otherMessage = try ssh.verify(armored: signature.armored, key: signature.publicKey, namespace: namespace,
                                              message: message + [1], in: directory)
            XCTAssertNotEqual(otherMessage.status, 0)
        }
    }

    func testSignatureFromAgentStylePartsIsAcceptedByKeygen() throws {
        // What the agent path does: sign the signed-data blob, wrap the raw
        // 64 bytes with the public key into an SSHSIG blob.
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let seed = [UInt8](repeating: 0x42, count: 32)
        let key = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: seed), comment: "agent")
        let data = SSHSignature.signedData(message: message, namespace: namespace)
        let raw = Ed25519.sign(message: data, seed: seed)
        let encoded = SSHSignature.encodeSignature(raw)
        let signature = try SSHSignature(publicKey: key, namespace: namespace,
                                         signature: try SSHSignature.decodeSignature(encoded))
        let result = try ssh.verify(armored: signature.armored, key: key, namespace: namespace, message: message, in: directory)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testOtherKeyTypesSignaturesAreRefusedByName() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        for (type, bits, name) in [("ecdsa", nil, "ecdsa-sha2-nistp256"), ("rsa", 1024, "ssh-rsa")] as [(String, Int?, String)] {
            let keyPath = try ssh.makeKey(in: directory, name: "id_" + type, type: type, bits: bits)
            let armored = try ssh.sign(key: keyPath, namespace: namespace, message: message)
            XCTAssertThrowsError(try SSHSignature(armored: armored)) {
                XCTAssertEqual($0 as? SSHSignatureError, .unsupportedKeyType(name))
            }
        }
    }
}
