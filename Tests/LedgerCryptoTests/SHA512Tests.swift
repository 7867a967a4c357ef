// SHA-512 (and the internal SHA-256) against the FIPS 180-4 example
// vectors, python3's hashlib on every length from 0 to 300 bytes, and
// themselves fed in pieces.
@testable import LedgerCrypto
import XCTest

final class SHA512Tests: XCTestCase {
    static let fips448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    static let fips896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

    /// A deterministic message of `length` bytes (every byte value occurs).
    static func message(_ length: Int) -> [UInt8] { (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) } }

    func testFIPSVectors() {
        let vectors: [([UInt8], String)] = [
            ([], "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
            (Array("abc".utf8), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
            (Array(Self.fips448.utf8), "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
            (Array(Self.fips896.utf8), "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
            ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
        ]
        for (message, expected) in vectors {
            XCTAssertEqual(Hex.encode(SHA512.hash(message)), expected, "length \(message.count)")
        }
    }

    func testOneMillionAInPieces() {
        var hash = SHA512()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(piece) }
        XCTAssertEqual(Hex.encode(hash.finalize()), "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")
    }

    func testEveryLengthTo300AgainstPythonHashlib() throws {
        let output = try Tools.python("""
        import hashlib
        for n in range(301):
            m = bytes((i * 7 + 3) % 256 for i in range(n))
            print(hashlib.sha512(m).hexdigest(), hashlib.sha256(m).hexdigest())
        """)
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.count, 301)
        for (n, line) in lines.enumerated() {
            let fields = line.split(separator: " ").map(String.init)
            let message = Self.message(n)
            XCTAssertEqual(Hex.encode(SHA512.hash(message)), fields[0], "SHA-512, length \(n)")
            XCTAssertEqual(Hex.encode(SHA256.hash(message).byteArray), fields[1], "SHA-256, length \(n)")
            XCTAssertEqual(Hex.encode(SHA256.hash(message, portable: true).byteArray), fields[1], "portable SHA-256, length \(n)")
        }
    }

    func testIncrementalEqualsOneShotAtEverySplit() {
        let message = Self.message(300)
        let expected = SHA512.hash(message)
        for split in 0...message.count {
            var hash = SHA512()
            hash.update(Array(message[..<split]))
            hash.update([])
            hash.update(Array(message[split...]))
            XCTAssertEqual(hash.finalize(), expected, "split at \(split)")
        }
        // Byte by byte, across several block boundaries.
        var hash = SHA512()
        for byte in message { hash.update([byte]) }
        XCTAssertEqual(hash.finalize(), expected)
    }

    func testSHA256FIPSVectorsOnBothPaths() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (Self.fips448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ]
        for (text, expected) in vectors {
            XCTAssertEqual(Hex.encode(SHA256.hash(Array(text.utf8)).byteArray), expected)
            XCTAssertEqual(Hex.encode(SHA256.hash(Array(text.utf8), portable: true).byteArray), expected)
        }
    }
}
