// OpenSSH public key lines: keys made by ssh-keygen, comments, authorized_keys
// options, fingerprints equal to `ssh-keygen -l`, and every other key type
// refused by name.
import LedgerCrypto
import XCTest

final class SSHPublicKeyTests: XCTestCase {
    func testKeygenKeyParsesAndFingerprintMatches() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        let keyPath = try ssh.makeKey(in: directory, comment: "ana@planeacion example")
        let line = try directory.read("id_ed25519.pub")
        let key = try SSHPublicKey(line: line)
        XCTAssertEqual(key.comment, "ana@planeacion example")
        XCTAssertEqual(key.key.count, 32)
        XCTAssertEqual(key.line + "\n", line)
        XCTAssertEqual(key.fingerprint, try ssh.fingerprint(of: keyPath + ".pub"))
        XCTAssertTrue(key.fingerprint.hasPrefix("SHA256:"))
        XCTAssertFalse(key.fingerprint.hasSuffix("="))
        // The public key is the one of the private key's seed.
        XCTAssertEqual(Ed25519.publicKey(seed: try OpenSSH.seed(fromPrivateKeyFile: keyPath)), key.key)
        XCTAssertTrue(Ed25519.isValidPublicKey(key.key))
        XCTAssertTrue(key.isValidEd25519Key)
        // The identity point parses as a key line (OpenSSH takes it too) but is no usable key.
        let identity = try SSHPublicKey(ed25519: [1] + [UInt8](repeating: 0, count: 31))
        XCTAssertEqual(try SSHPublicKey(line: identity.line).key, identity.key)
        XCTAssertFalse(identity.isValidEd25519Key)
    }

    func testFingerprintOfOurOwnKeyLineMatchesKeygen() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        var random = SeededGenerator(seed: 99)
        for _ in 0..<3 {
            let key = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: random.bytes(32)), comment: "bench")
            let file = try directory.write("ours.pub", key.line + "\n")
            XCTAssertEqual(key.fingerprint, try ssh.fingerprint(of: file))
        }
    }

    func testLineForms() throws {
        let key = try SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 7, count: 32)))
        let b64 = Base64.encode(key.blob)
        XCTAssertEqual(try SSHPublicKey(line: "ssh-ed25519 \(b64)").comment, "")
        XCTAssertEqual(try SSHPublicKey(line: "  ssh-ed25519\t\(b64)  luis  \r\n").comment, "luis")
        XCTAssertEqual(try SSHPublicKey(line: "ssh-ed25519 \(b64) two words").comment, "two words")
        // authorized_keys options, with a quoted value holding spaces and an escaped quote.
        let withOptions = try SSHPublicKey(line: #"restrict,command="echo \"hi there\"" ssh-ed25519 \#(b64) ops"#)
        XCTAssertEqual(withOptions.key, key.key)
        XCTAssertEqual(withOptions.comment, "ops")
        XCTAssertEqual(try SSHPublicKey(line: "no-pty ssh-ed25519 \(b64)"), key)
        // Equality is the key; the comment is a label.
        XCTAssertEqual(try SSHPublicKey(line: "ssh-ed25519 \(b64) a"), try SSHPublicKey(line: "ssh-ed25519 \(b64) b"))
        XCTAssertEqual(try SSHPublicKey(blob: key.blob), key)
    }

    func testOtherKeyTypesAreRefusedByName() throws {
        let ssh = try OpenSSH()
        let directory = try TemporaryDirectory()
        _ = try ssh.makeKey(in: directory, name: "id_ecdsa", type: "ecdsa")
        _ = try ssh.makeKey(in: directory, name: "id_rsa", type: "rsa", bits: 1024)
        XCTAssertThrowsError(try SSHPublicKey(line: try directory.read("id_ecdsa.pub"))) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .unsupportedKeyType("ecdsa-sha2-nistp256"))
        }
        XCTAssertThrowsError(try SSHPublicKey(line: try directory.read("id_rsa.pub"))) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .unsupportedKeyType("ssh-rsa"))
        }
        // Security-key types (no hardware here: the blob is built by hand).
        var writer = SSHWriter()
        writer.writeString("sk-ssh-ed25519@openssh.com")
        writer.writeString([UInt8](repeating: 1, count: 32))
        writer.writeString("ssh:")
        let sk = "sk-ssh-ed25519@openssh.com " + Base64.encode(writer.bytes) + " yubikey"
        XCTAssertThrowsError(try SSHPublicKey(line: sk)) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .unsupportedKeyType("sk-ssh-ed25519@openssh.com"))
        }
        XCTAssertThrowsError(try SSHPublicKey(line: "sk-ecdsa-sha2-nistp256@openssh.com AAAA")) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .unsupportedKeyType("sk-ecdsa-sha2-nistp256@openssh.com"))
        }
        // A type we have never heard of, whose blob names itself, is still named.
        var future = SSHWriter()
        future.writeString("ssh-future@example.org")
        future.writeString([1, 2, 3])
        XCTAssertThrowsError(try SSHPublicKey(line: "ssh-future@example.org " + Base64.encode(future.bytes))) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .unsupportedKeyType("ssh-future@example.org"))
        }
        // The blob of another type behind the ssh-ed25519 name.
        XCTAssertThrowsError(try SSHPublicKey(line: "ssh-ed25519 " + Base64.encode(future.bytes))) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .typeMismatch(line: "ssh-ed25519", blob: "ssh-future@example.org"))
        }
    }

    func testMalformedLines() {
        let good = try! SSHPublicKey(ed25519: [UInt8](repeating: 9, count: 32))
        func refuses(_ line: String, _ expected: SSHPublicKeyError, file: StaticString = #filePath, line number: UInt = #line) {
            XCTAssertThrowsError(try SSHPublicKey(line: line), file: file, line: number) {
                XCTAssertEqual($0 as? SSHPublicKeyError, expected, line, file: file, line: number)
            }
        }
        refuses("", .malformedLine)
        refuses("   \n", .malformedLine)
        refuses("ssh-ed25519", .malformedLine)
        refuses("hello world", .malformedLine)
        refuses("ssh-ed25519 AAAA!AAA", .badBase64(.invalidCharacter(offset: 4)))
        refuses("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA", .badBase64(.invalidLength(26)))
        var short = SSHWriter()
        short.writeString("ssh-ed25519")
        short.writeString([UInt8](repeating: 1, count: 31))
        refuses("ssh-ed25519 " + Base64.encode(short.bytes), .badKeyLength(31))
        refuses("ssh-ed25519 " + Base64.encode(good.blob + [0]), .malformedBlob(.trailingBytes(1)))
        refuses("ssh-ed25519 " + Base64.encode(Array(good.blob.dropLast())), .malformedBlob(.truncated))
        XCTAssertThrowsError(try SSHPublicKey(ed25519: [1, 2, 3])) {
            XCTAssertEqual($0 as? SSHPublicKeyError, .badKeyLength(3))
        }
    }
}
