// SHA-256 against the FIPS 180-4 / NIST example vectors, on both the
// portable Swift compression and the CPU's SHA instructions.

import LedgerToolSupport
import XCTest
@testable import LedgerCore

final class SHA256Tests: XCTestCase {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    func digest(_ bytes: [UInt8], portable: Bool) -> String {
        var h = SHA256(portable: portable)
        h.update(bytes)
        return h.finalize().hex
    }

    func testNISTVectorsPortable() {
        for (input, expected) in Self.vectors {
            XCTAssertEqual(digest(Array(input.utf8), portable: true), expected, "portable: \(input)")
        }
    }

    func testNISTVectorsHardwareWhenAvailable() throws {
        try XCTSkipUnless(SHA256.usesHardware, "this CPU has no SHA instructions; the portable path is tested above")
        for (input, expected) in Self.vectors {
            XCTAssertEqual(digest(Array(input.utf8), portable: false), expected, "hardware: \(input)")
        }
    }

    func testOneMillionA() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        XCTAssertEqual(digest(million, portable: true), expected)
        XCTAssertEqual(digest(million, portable: false), expected)
    }

    /// Feeding the same bytes in random pieces gives the same digest, and
    /// both implementations agree on every length around block boundaries.
    func testIncrementalAndBoundaries() {
        var rng = SplitMix64(seed: 7)
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let whole = digest(bytes, portable: true)
            XCTAssertEqual(digest(bytes, portable: false), whole, "length \(length)")
            var h = SHA256()
            var i = 0
            while i < length {
                let n = Int.random(in: 1...70, using: &rng)
                let piece = Array(bytes[i..<min(length, i + n)])
                piece.withUnsafeBytes { h.update($0) }
                i += n
            }
            XCTAssertEqual(h.finalize().hex, whole, "pieces, length \(length)")
        }
    }

    /// The chain rule's fast path equals SHA-256 of previous hex + body.
    func testChainHashEqualsPlainSHA256() {
        var rng = SplitMix64(seed: 11)
        let previous = SHA256.hash(Array("seed".utf8))
        for length in [0, 1, 54, 55, 56, 63, 64, 65, 200, 333] {
            let body = (0..<length).map { _ in UInt8.random(in: 32...126, using: &rng) }
            let expected = SHA256.hash(Array(previous.hex.utf8) + body)
            XCTAssertEqual(ChainHash.of(previous: previous, body: body), expected, "length \(length)")
        }
    }

    func testHexRoundTrip() {
        let d = SHA256.hash(Array("abc".utf8))
        XCTAssertEqual(Digest256(hex: d.hex), d)
        XCTAssertNil(Digest256(hex: "xyz"))
        XCTAssertNil(Digest256(hex: String(repeating: "A", count: 64)), "upper case is not the journal's form")
    }
}
