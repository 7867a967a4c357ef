// Base64 (RFC 4648 section 10 vectors, strictness, python3's base64 on
// random data) and the SSH wire reader's bounds.
import LedgerCrypto
import XCTest

final class Base64AndWireTests: XCTestCase {
    func testRFC4648Vectors() throws {
        let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                       ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(try Base64.decode(encoded), Array(plain.utf8))
            let unpadded = encoded.replacingOccurrences(of: "=", with: "")
            XCTAssertEqual(Base64.encode(Array(plain.utf8), padded: false), unpadded)
            XCTAssertEqual(try Base64.decode(unpadded, padded: false), Array(plain.utf8))
        }
    }

    func testRandomDataAgainstPython() throws {
        var random = SeededGenerator(seed: 4648)
        let inputs = (0..<60).map { random.bytes($0) }
        let output = try Tools.python("""
        import base64, sys
        for line in sys.stdin.read().split("\\n"):
            if line:
                data = bytes.fromhex(line) if line != "-" else b""
                print(base64.b64encode(data).decode() or "-")
        """, stdin: Array(inputs.map { $0.isEmpty ? "-" : Hex.encode($0) }.joined(separator: "\n").utf8))
        let lines = output.split(separator: "\n").map { $0 == "-" ? "" : String($0) }
        XCTAssertEqual(lines.count, inputs.count)
        for (input, expected) in zip(inputs, lines) {
            XCTAssertEqual(Base64.encode(input), expected)
            XCTAssertEqual(try Base64.decode(expected), input)
        }
    }

    func testStrictDecodingRefusals() {
        func refuses(_ text: String, padded: Bool = true, _ expected: Base64Error, line: UInt = #line) {
            XCTAssertThrowsError(try Base64.decode(text, padded: padded), line: line) {
                XCTAssertEqual($0 as? Base64Error, expected, text, line: line)
            }
        }
        refuses("Zg=", .invalidLength(3))
        refuses("Zg", .invalidLength(2))
        refuses("Zh==", .nonCanonicalEnding)        // "Zg==" is the only encoding of "f"
        refuses("Zm9=", .nonCanonicalEnding)
        refuses("Zm9v\n", .invalidLength(5))
        refuses("Zm 9", .invalidCharacter(offset: 2))
        refuses("Zg==Zg==", .invalidCharacter(offset: 2))
        refuses("Z===", .invalidCharacter(offset: 1))
        refuses("Zm-v", .invalidCharacter(offset: 2))   // the URL alphabet is not accepted
        refuses("Zg==", padded: false, .invalidCharacter(offset: 2))
        refuses("Z", padded: false, .invalidLength(1))
        refuses("Zh", padded: false, .nonCanonicalEnding)
    }

    func testWireReaderBounds() throws {
        var writer = SSHWriter()
        writer.writeUInt32(0xdeadbeef)
        writer.writeString("héllo")
        writer.writeString([UInt8]())
        writer.writeByte(7)
        var reader = SSHReader(writer.bytes)
        XCTAssertEqual(try reader.readUInt32(), 0xdeadbeef)
        XCTAssertEqual(try reader.readText(), "héllo")
        XCTAssertEqual(try reader.readString(), [])
        XCTAssertEqual(try reader.readByte(), 7)
        XCTAssertNoThrow(try reader.expectEnd())
        XCTAssertThrowsError(try reader.readByte()) { XCTAssertEqual($0 as? SSHWireError, .truncated) }

        // A length beyond the data, even a huge one, is `truncated`, never a crash.
        for bytes: [UInt8] in [[0, 0, 0, 5, 1, 2], [0xff, 0xff, 0xff, 0xff], [0, 0, 0], [0x80, 0, 0, 0, 1]] {
            var r = SSHReader(bytes)
            XCTAssertThrowsError(try r.readString()) { XCTAssertEqual($0 as? SSHWireError, .truncated) }
        }
        var bad = SSHReader([0, 0, 0, 2, 0xc3, 0x28])
        XCTAssertThrowsError(try bad.readText()) { XCTAssertEqual($0 as? SSHWireError, .invalidUTF8) }
        var extra = SSHReader([1, 2])
        _ = try extra.readByte()
        XCTAssertThrowsError(try extra.expectEnd()) { XCTAssertEqual($0 as? SSHWireError, .trailingBytes(1)) }
    }
}
