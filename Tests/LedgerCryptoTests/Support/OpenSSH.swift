// OpenSSH's own tools as the other side of every cross-check: keys made by
// ssh-keygen, signatures made and verified by `ssh-keygen -Y`, fingerprints
// printed by `ssh-keygen -l`. Also a reader of the test's own unencrypted
// private key file (openssh-key-v1, PROTOCOL.key), so in-process signing
// can be compared with ssh-keygen's byte for byte. That reader lives here,
// in the tests, on purpose: the ledger never reads a private key.
import Foundation
import LedgerCrypto
import XCTest

struct OpenSSH {
    let keygen: String

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        keygen = try Tools.require("ssh-keygen", file: file, line: line)
    }

    /// A new key without passphrase in `directory`; returns the private key path.
    func makeKey(in directory: TemporaryDirectory, name: String = "id_ed25519", type: String = "ed25519",
                 bits: Int? = nil, comment: String = "ana@ledger") throws -> String {
        let path = directory.path + "/" + name
        var arguments = ["-q", "-t", type, "-N", "", "-C", comment, "-f", path]
        if let bits { arguments += ["-b", String(bits)] }
        let result = try Tools.run(keygen, arguments)
        XCTAssertEqual(result.status, 0, "ssh-keygen -t \(type): \(result.stderr)")
        return path
    }

    /// `ssh-keygen -Y sign -f key -n namespace` with the message on stdin: the armored signature.
    func sign(key: String, namespace: String, message: [UInt8], options: [String] = []) throws -> String {
        let result = try Tools.run(keygen, ["-Y", "sign", "-f", key, "-n", namespace] + options.flatMap { ["-O", $0] }, stdin: message)
        XCTAssertEqual(result.status, 0, "ssh-keygen -Y sign: \(result.stderr)")
        return result.out
    }

    /// `ssh-keygen -Y verify` of `armored` against an allowed_signers file naming `key` as `identity`.
    func verify(armored: String, key: SSHPublicKey, identity: String = "ana@ledger", namespace: String,
                message: [UInt8], in directory: TemporaryDirectory) throws -> ToolResult {
        let signers = try directory.write("allowed_signers", "\(identity) \(key.line)\n")
        let signature = try directory.write("message.sig", armored)
        return try Tools.run(keygen, ["-Y", "verify", "-f", signers, "-I", identity, "-n", namespace, "-s", signature], stdin: message)
    }

    /// `ssh-keygen -Y check-novalidate`: the signature is good, whoever made it.
    func checkNoValidate(armored: String, namespace: String, message: [UInt8], in directory: TemporaryDirectory) throws -> ToolResult {
        let signature = try directory.write("check.sig", armored)
        return try Tools.run(keygen, ["-Y", "check-novalidate", "-n", namespace, "-s", signature], stdin: message)
    }

    /// The fingerprint field of `ssh-keygen -l -f file`.
    func fingerprint(of file: String) throws -> String {
        let result = try Tools.run(keygen, ["-l", "-f", file])
        XCTAssertEqual(result.status, 0, result.stderr)
        let fields = result.out.split(separator: " ")
        return fields.count > 1 ? String(fields[1]) : ""
    }

    /// The 32-byte seed of an unencrypted openssh-key-v1 Ed25519 private key file.
    static func seed(fromPrivateKeyFile path: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        var reader = SSHReader(try Base64.decode(String(body)))
        let magic = Array("openssh-key-v1".utf8) + [0]
        XCTAssertEqual(try reader.readBytes(magic.count), magic)
        XCTAssertEqual(try reader.readText(), "none", "cipher: the test key must be unencrypted")
        XCTAssertEqual(try reader.readText(), "none", "kdf")
        _ = try reader.readString()                  // kdf options
        XCTAssertEqual(try reader.readUInt32(), 1)   // one key
        _ = try reader.readString()                  // public key blob
        var secret = SSHReader(try reader.readString())
        XCTAssertEqual(try secret.readUInt32(), try secret.readUInt32(), "check words")
        XCTAssertEqual(try secret.readText(), "ssh-ed25519")
        let publicKey = try secret.readString()
        let privateKey = try secret.readString()     // seed || public key
        XCTAssertEqual(Array(privateKey[32...]), publicKey)
        return Array(privateKey[0..<32])
    }
}
