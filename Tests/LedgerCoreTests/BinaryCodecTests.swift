// The binary writer and the bounds-checked reader the checkpoints are made
// of: every kind of value round-trips, the encodings match the published
// base-128 varint and zigzag vectors (Protocol Buffers' encoding guide), and
// truncated or damaged input is refused with an offset, never a trap.

import XCTest
@testable import LedgerCore

final class BinaryCodecTests: XCTestCase {
    /// Runs `read` over `bytes`; the error, if any.
    func readError(_ bytes: [UInt8], _ read: (inout BinaryReader) throws -> Void) -> BinaryReaderError? {
        bytes.withUnsafeBytes { buffer in
            var r = BinaryReader(buffer)
            do {
                try read(&r)
                return nil
            } catch {
                return error as? BinaryReaderError
            }
        }
    }

    /// Reads `bytes` with `read`, which must consume all of them.
    func decoded<T>(_ bytes: [UInt8], _ read: (inout BinaryReader) throws -> T) throws -> T {
        try bytes.withUnsafeBytes { buffer in
            var r = BinaryReader(buffer)
            let value = try read(&r)
            XCTAssertTrue(r.isAtEnd, "\(bytes.count - r.position) bytes left")
            return value
        }
    }

    // MARK: Encodings

    func testUnsignedVarintsMatchThePublishedEncoding() {
        func encoded(_ v: UInt64) -> [UInt8] {
            var w = BinaryWriter()
            w.uvarint(v)
            return w.bytes
        }
        XCTAssertEqual(encoded(0), [0x00])
        XCTAssertEqual(encoded(1), [0x01])
        XCTAssertEqual(encoded(127), [0x7F])
        XCTAssertEqual(encoded(128), [0x80, 0x01])
        XCTAssertEqual(encoded(150), [0x96, 0x01])
        XCTAssertEqual(encoded(300), [0xAC, 0x02])
        XCTAssertEqual(encoded(UInt64.max), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    func testSignedVarintsAreZigzag() {
        func zigzag(_ v: Int64) -> UInt64 {
            var w = BinaryWriter()
            w.varint(v)
            return (try? decoded(w.bytes) { try $0.uvarint() }) ?? .max
        }
        XCTAssertEqual(zigzag(0), 0)
        XCTAssertEqual(zigzag(-1), 1)
        XCTAssertEqual(zigzag(1), 2)
        XCTAssertEqual(zigzag(-2), 3)
        XCTAssertEqual(zigzag(2_147_483_647), 4_294_967_294)
        XCTAssertEqual(zigzag(-2_147_483_648), 4_294_967_295)
        XCTAssertEqual(zigzag(.max), UInt64.max - 1)
        XCTAssertEqual(zigzag(.min), UInt64.max)
    }

    func testFixed64IsLittleEndian() {
        var w = BinaryWriter()
        w.fixed64(0x0102_0304_0506_0708)
        XCTAssertEqual(w.bytes, [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01])
    }

    func testStringsAreLengthPrefixedUTF8() {
        var w = BinaryWriter()
        w.string("año")
        w.optionalString(nil)
        w.optionalString("")
        XCTAssertEqual(w.bytes, [4, 0x61, 0xC3, 0xB1, 0x6F, 0, 1, 0])
    }

    // MARK: Round trips

    func testEveryKindOfValueRoundTrips() throws {
        let unsigned: [UInt64] = [0, 1, 127, 128, 255, 16_383, 16_384, 1 << 35, UInt64.max - 1, .max]
        let signed: [Int64] = [0, 1, -1, 63, -64, 64, -65, 1_000_000, -1_000_000, .max, .min, .max - 1, .min + 1]
        let strings = ["", "a", "Mantenimiento a la red de agua potable", "año · 2017", "🚰 agua", String(repeating: "x", count: 300)]
        var w = BinaryWriter(capacity: 16)
        for v in unsigned { w.uvarint(v) }
        for v in signed { w.varint(v) }
        for v in [0, 42, -42, Int.max, Int.min] { w.int(v) }
        for b in [true, false] { w.bool(b) }
        for s in strings { w.string(s) }
        for s in [nil, "", "x"] as [String?] { w.optionalString(s) }
        w.raw([0, 0xFF, 0x80])
        for v in [0, 1, 0xDEAD_BEEF_CAFE_F00D, UInt64.max] as [UInt64] { w.fixed64(v) }
        w.byte(0x7E)

        try w.bytes.withUnsafeBytes { buffer in
            var r = BinaryReader(buffer)
            for v in unsigned { XCTAssertEqual(try r.uvarint(), v) }
            for v in signed { XCTAssertEqual(try r.varint(), v) }
            for v in [0, 42, -42, Int.max, Int.min] { XCTAssertEqual(try r.int(), v) }
            for b in [true, false] { XCTAssertEqual(try r.bool(), b) }
            for s in strings { XCTAssertEqual(try r.string(), s) }
            for s in [nil, "", "x"] as [String?] { XCTAssertEqual(try r.optionalString(), s) }
            XCTAssertEqual(try r.raw(3), [0, 0xFF, 0x80])
            for v in [0, 1, 0xDEAD_BEEF_CAFE_F00D, UInt64.max] as [UInt64] { XCTAssertEqual(try r.fixed64(), v) }
            XCTAssertFalse(r.isAtEnd)
            XCTAssertEqual(try r.byte(), 0x7E)
            XCTAssertTrue(r.isAtEnd)
            XCTAssertEqual(r.position, buffer.count)
        }
    }

    func testAReaderCanStartPartWay() throws {
        let value = try ([0xAA, 0xBB, 0xAC, 0x02] as [UInt8]).withUnsafeBytes { buffer -> UInt64 in
            var r = BinaryReader(buffer, position: 2)
            return try r.uvarint()
        }
        XCTAssertEqual(value, 300)
    }

    // MARK: Damaged input

    func testEveryTruncationIsRefusedWithoutATrap() {
        var w = BinaryWriter()
        w.uvarint(300)
        w.varint(-123_456_789)
        w.string("año")
        w.optionalString("x")
        w.bool(true)
        w.fixed64(.max)
        w.raw([1, 2, 3])
        let whole = w.bytes
        func readAll(_ r: inout BinaryReader) throws {
            _ = try r.uvarint(); _ = try r.varint(); _ = try r.string(); _ = try r.optionalString()
            _ = try r.bool(); _ = try r.fixed64(); _ = try r.raw(3)
        }
        XCTAssertNil(readError(whole, readAll))
        for cut in 0..<whole.count {
            let error = readError(Array(whole.prefix(cut)), readAll)
            XCTAssertNotNil(error, "a prefix of \(cut) bytes was read whole")
            if let error {
                XCTAssertTrue(["unexpected end", "count larger than the data"].contains(error.message), "\(cut): \(error.message)")
                XCTAssertLessThanOrEqual(error.offset, cut)
            }
        }
    }

    func testErrorsSayWhatAndWhere() {
        XCTAssertEqual(readError([]) { _ = try $0.byte() }, BinaryReaderError(offset: 0, message: "unexpected end"))
        XCTAssertEqual(readError([0x80, 0x80]) { _ = try $0.uvarint() }, BinaryReaderError(offset: 2, message: "unexpected end"))
        XCTAssertEqual(readError([UInt8](repeating: 0x80, count: 11)) { _ = try $0.uvarint() },
                       BinaryReaderError(offset: 11, message: "varint too long"))
        XCTAssertEqual(readError([2]) { _ = try $0.bool() }, BinaryReaderError(offset: 1, message: "bad boolean"))
        XCTAssertEqual(readError([2, 0xC3, 0x28]) { _ = try $0.string() }, BinaryReaderError(offset: 1, message: "invalid UTF-8"))
        XCTAssertEqual(readError([5, 0x61, 0x62]) { _ = try $0.string() }, BinaryReaderError(offset: 1, message: "count larger than the data"))
        XCTAssertEqual(readError([1, 2, 3]) { _ = try $0.raw(4) }, BinaryReaderError(offset: 0, message: "unexpected end"))
        XCTAssertEqual(readError([1, 2, 3, 4, 5, 6, 7]) { _ = try $0.fixed64() }, BinaryReaderError(offset: 7, message: "unexpected end"))
    }

    func testACountIsBoundedByWhatIsLeft() throws {
        // Three bytes follow the count: three items of one byte fit, two of two bytes do not.
        XCTAssertEqual(try decoded([3, 0, 0, 0]) { r -> Int in let n = try r.count(); _ = try r.raw(3); return n }, 3)
        XCTAssertEqual(readError([4, 0, 0, 0]) { _ = try $0.count() }, BinaryReaderError(offset: 1, message: "count larger than the data"))
        XCTAssertEqual(readError([2, 0, 0, 0]) { _ = try $0.count(minimumBytes: 2) },
                       BinaryReaderError(offset: 1, message: "count larger than the data"))
        // A damaged count as large as a varint can say is refused, not allocated.
        XCTAssertNotNil(readError([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) { _ = try $0.count() })
    }
}
