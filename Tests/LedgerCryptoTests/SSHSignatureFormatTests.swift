// The SSHSIG blob and armor taken apart field by field: each way a blob
// can be wrong gives its own typed error, truncation anywhere is
// `truncated`, and the armor accepts what ssh-keygen and the protocol's
// own example write.
import LedgerCrypto
import XCTest

final class SSHSignatureFormatTests: XCTestCase {
    let seed = [UInt8](repeating: 0x11, count: 32)
    let message = Array("mensaje".utf8)

    func makeSignature() throws -> SSHSignature {
        try SSHSignature.sign(message: message, namespace: "ledger", seed: seed)
    }

    /// A blob with one field replaced.
    func blob(magic: [UInt8] = SSHSignature.magic, version: UInt32 = 1, key: [UInt8]? = nil, namespace: String = "ledger",
              reserved: [UInt8] = [], hash: String = "sha512", signature: [UInt8]? = nil) throws -> [UInt8] {
        let good = try makeSignature()
        var writer = SSHWriter()
        writer.writeRaw(magic)
        writer.writeUInt32(version)
        writer.writeString(key ?? good.publicKey.blob)
        writer.writeString(namespace)
        writer.writeString(reserved)
        writer.writeString(hash)
        writer.writeString(signature ?? SSHSignature.encodeSignature(good.signature))
        return writer.bytes
    }

    func refuses(_ bytes: [UInt8], _ expected: SSHSignatureError, line: UInt = #line) {
        XCTAssertThrowsError(try SSHSignature(blob: bytes), line: line) {
            XCTAssertEqual($0 as? SSHSignatureError, expected, line: line)
        }
    }

    func testBlobFieldsAndRoundTrip() throws {
        let good = try makeSignature()
        XCTAssertEqual(try blob(), good.blob)
        XCTAssertEqual(Array(good.blob[0..<6]), Array("SSHSIG".utf8))
        XCTAssertEqual(try SSHSignature(blob: good.blob), good)
        XCTAssertEqual(try SSHSignature(armored: good.armored), good)
        // Signed data: "SSHSIG", namespace, empty reserved, hash name, H(message).
        var expected = SSHWriter()
        expected.writeRaw(Array("SSHSIG".utf8))
        expected.writeString("ledger")
        expected.writeString([UInt8]())
        expected.writeString("sha512")
        expected.writeString(SHA512.hash(message))
        XCTAssertEqual(SSHSignature.signedData(message: message, namespace: "ledger"), expected.bytes)
    }

    func testEachWrongFieldHasItsError() throws {
        refuses(try blob(magic: Array("SSHSIH".utf8)), .badMagic)
        refuses(try blob(version: 2), .unsupportedVersion(2))
        refuses(try blob(version: 0), .unsupportedVersion(0))
        refuses(try blob(hash: "sha1"), .unsupportedHashAlgorithm("sha1"))
        refuses(try blob(hash: "SHA512"), .unsupportedHashAlgorithm("SHA512"))
        refuses(try blob(namespace: ""), .emptyNamespace)
        var rsa = SSHWriter()
        rsa.writeString("ssh-rsa")
        rsa.writeString([1, 0, 1])
        rsa.writeString([0xc0, 0xff, 0xee])
        refuses(try blob(key: rsa.bytes), .unsupportedKeyType("ssh-rsa"))
        var shortKey = SSHWriter()
        shortKey.writeString("ssh-ed25519")
        shortKey.writeString([UInt8](repeating: 1, count: 31))
        refuses(try blob(key: shortKey.bytes), .badPublicKey(.badKeyLength(31)))
        var rsaSignature = SSHWriter()
        rsaSignature.writeString("rsa-sha2-512")
        rsaSignature.writeString([UInt8](repeating: 0, count: 64))
        refuses(try blob(signature: rsaSignature.bytes), .unsupportedSignatureType("rsa-sha2-512"))
        let good = try makeSignature()
        refuses(try blob(signature: SSHSignature.encodeSignature(Array(good.signature.dropLast()))), .badSignatureLength(63))
        refuses(try blob() + [0], .trailingBytes)
        refuses(try blob(signature: SSHSignature.encodeSignature(good.signature) + [0]), .trailingBytes)
        XCTAssertThrowsError(try SSHSignature(publicKey: good.publicKey, namespace: "", signature: good.signature)) {
            XCTAssertEqual($0 as? SSHSignatureError, .emptyNamespace)
        }
    }

    func testTruncationAnywhereIsTruncated() throws {
        let bytes = try makeSignature().blob
        for length in 0..<bytes.count {
            refuses(Array(bytes[0..<length]), .truncated)
        }
    }

    func testReservedIsKeptButIgnoredAsTheProtocolSays() throws {
        // OpenSSH signs and verifies with an empty reserved field whatever the blob says.
        let withReserved = try SSHSignature(blob: try blob(reserved: [1, 2, 3]))
        XCTAssertEqual(withReserved.reserved, [1, 2, 3])
        XCTAssertTrue(withReserved.verify(message: message, namespace: "ledger"))
        XCTAssertEqual(try SSHSignature(blob: withReserved.blob).reserved, [1, 2, 3])
    }

    func testArmorVariants() throws {
        let good = try makeSignature()
        let armored = good.armored
        let lines = armored.split(separator: "\n")
        XCTAssertEqual(lines.first, "-----BEGIN SSH SIGNATURE-----")
        XCTAssertEqual(lines.last, "-----END SSH SIGNATURE-----")
        XCTAssertTrue(lines.dropFirst().dropLast().dropLast().allSatisfy { $0.count == 70 })
        XCTAssertTrue(armored.hasSuffix("-----END SSH SIGNATURE-----\n"))
        // CRLF, no final newline, trailing blank lines, 76-column wrapping, one long line.
        XCTAssertEqual(try SSHSignature(armored: armored.replacingOccurrences(of: "\n", with: "\r\n")), good)
        XCTAssertEqual(try SSHSignature(armored: String(armored.dropLast())), good)
        XCTAssertEqual(try SSHSignature(armored: armored + "\n  \n"), good)
        let body = Base64.encode(good.blob)
        var wrapped76 = "-----BEGIN SSH SIGNATURE-----\n"
        var rest = Substring(body)
        while !rest.isEmpty { wrapped76 += rest.prefix(76) + "\n"; rest = rest.dropFirst(76) }
        wrapped76 += "-----END SSH SIGNATURE-----\n"
        XCTAssertEqual(try SSHSignature(armored: wrapped76), good)
        XCTAssertEqual(try SSHSignature(armored: "-----BEGIN SSH SIGNATURE-----\n\(body)\n-----END SSH SIGNATURE-----"), good)

        for bad in ["", "hello", "junk\n" + armored, String(armored.dropFirst()),
                    armored.replacingOccurrences(of: "-----END SSH SIGNATURE-----", with: ""),
                    armored.replacingOccurrences(of: "SSH SIGNATURE", with: "PGP SIGNATURE")] {
            XCTAssertThrowsError(try SSHSignature(armored: bad)) {
                XCTAssertEqual($0 as? SSHSignatureError, .notArmored)
            }
        }
        var damaged = Array(armored.utf8)
        damaged[40] = UInt8(ascii: "*")
        XCTAssertThrowsError(try SSHSignature(armored: String(decoding: damaged, as: UTF8.self))) {
            guard case .badBase64 = $0 as? SSHSignatureError else { return XCTFail("\($0)") }
        }
    }

    func testTheProtocolDocumentsOwnExampleIsRefused() {
        // PROTOCOL.sshsig section 1's example predates the hash_algorithm
        // field: the 83-byte signature string sits where the hash name should
        // be (not UTF-8), and the signature field is missing. No current
        // verifier accepts it; we say why rather than crash or guess.
        let example = """
        -----BEGIN SSH SIGNATURE-----
        U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgJKxoLBJBivUPNTUJUSslQTt2hD
        jozKvHarKeN8uYFqgAAAADZm9vAAAAAAAAAFMAAAALc3NoLWVkMjU1MTkAAABAKNC4IEbt
        Tq0Fb56xhtuE1/lK9H9RZJfON4o6hE9R4ZGFX98gy0+fFJ/1d2/RxnZky0Y7GojwrZkrHT
        FgCqVWAQ==
        -----END SSH SIGNATURE-----
        """
        XCTAssertThrowsError(try SSHSignature(armored: example)) {
            XCTAssertEqual($0 as? SSHSignatureError, .invalidUTF8)
        }
    }
}
