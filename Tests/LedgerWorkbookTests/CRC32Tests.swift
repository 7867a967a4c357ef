// CRC-32 against its published check value and against python's zlib.crc32.

import XCTest
@testable import LedgerWorkbook

final class CRC32Tests: XCTestCase {
    func testCheckValue() {
        // The catalogue check value of CRC-32/ISO-HDLC.
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
    }

    func testIncrementalEqualsOneShot() {
        var random = SeededBytes(seed: 32)
        let data = random.bytes(10_000)
        for split in [0, 1, 7, 8, 9, 4_999, 9_999, 10_000] {
            var crc = CRC32()
            crc.update(data[..<split])
            crc.update(data[split...])
            XCTAssertEqual(crc.value, CRC32.checksum(data), "split at \(split)")
        }
    }

    func testRandomBuffersAgainstPython() throws {
        var random = SeededBytes(seed: 0xC0FFEE)
        var inputs: [[UInt8]] = (0..<40).map { random.bytes($0) }
        inputs += [random.bytes(1 << 20), random.bytes(65_537), Array(random.bytes(1_003)[3...])]
        let answers = try Python.run("""
        for f in frames():
            emit(struct.pack('<I', zlib.crc32(f) & 0xffffffff))
        """, inputs: inputs)
        XCTAssertEqual(answers.count, inputs.count)
        for (input, answer) in zip(inputs, answers) {
            let expected = UInt32(answer[0]) | UInt32(answer[1]) << 8 | UInt32(answer[2]) << 16 | UInt32(answer[3]) << 24
            XCTAssertEqual(CRC32.checksum(input), expected, "\(input.count) bytes")
        }
    }
}
