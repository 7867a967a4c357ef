// The decompressor: RFC 1951's own code examples, hand-made stored, fixed and
// dynamic blocks, every length and distance code, python's zlib output at
// every level and strategy, and every kind of malformed stream.

import XCTest
@testable import LedgerWorkbook

final class InflateTests: XCTestCase {
    // MARK: RFC 1951 section 3.2.2

    func testCanonicalCodesOfTheRFCExample() {
        // "(3, 3, 3, 3, 3, 2, 4, 4)" for A..H gives 010 011 100 101 110 00 1110 1111.
        let lengths: [UInt8] = [3, 3, 3, 3, 3, 2, 4, 4]
        let expected = ["010", "011", "100", "101", "110", "00", "1110", "1111"]
        let codes = HuffmanBuilder.codes(lengths: lengths)
        for (i, text) in expected.enumerated() {
            // Codes come bit-reversed, ready to be sent least significant bit first.
            let sent = String((0..<text.count).map { (codes[i] >> UInt16($0)) & 1 == 1 ? "1" : "0" })
            XCTAssertEqual(sent, text, "symbol \(i)")
        }
        // And the decoding table reads each of them back.
        var table = [UInt16](repeating: 0, count: 1 << 15)
        let bits = table.withUnsafeMutableBufferPointer { InflateTables.build(lengths[...], into: $0.baseAddress!, allowsSingleCode: false) }
        XCTAssertEqual(bits, 4)
        for (i, text) in expected.enumerated() {
            var index = 0
            for (k, c) in text.enumerated() where c == "1" { index |= 1 << k }
            let entry = table[index]
            XCTAssertEqual(Int(entry >> 4), i)
            XCTAssertEqual(Int(entry & 15), text.count)
        }
    }

    func testRFCSecondExampleAndIncompleteCodes() {
        // "(2, 1, 3, 3)": B = 0, A = 10, C = 110, D = 111.
        let codes = HuffmanBuilder.codes(lengths: [2, 1, 3, 3])
        XCTAssertEqual(codes, [0b01, 0b0, 0b011, 0b111])
        var table = [UInt16](repeating: 0, count: 1 << 15)
        table.withUnsafeMutableBufferPointer { t in
            XCTAssertNil(InflateTables.build([1, 1, 1][...], into: t.baseAddress!, allowsSingleCode: true), "over-subscribed")
            XCTAssertNil(InflateTables.build([2, 2, 2][...], into: t.baseAddress!, allowsSingleCode: true), "incomplete")
            XCTAssertEqual(InflateTables.build([0, 1, 0][...], into: t.baseAddress!, allowsSingleCode: true), 1, "one code of one bit")
            XCTAssertNil(InflateTables.build([0, 1, 0][...], into: t.baseAddress!, allowsSingleCode: false))
            XCTAssertEqual(InflateTables.build([0, 0][...], into: t.baseAddress!, allowsSingleCode: true), 0, "no codes at all")
        }
    }

    // MARK: hand-made blocks

    func testStoredBlocks() throws {
        XCTAssertEqual(try Inflate.decompress([0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8), outputLimit: 100), Array("hello".utf8))
        // A non-final stored block, an empty one, then a final one.
        let stream: [UInt8] = [0x00, 0x02, 0x00, 0xFD, 0xFF, 0x61, 0x62, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x01, 0x01, 0x00, 0xFE, 0xFF, 0x63]
        XCTAssertEqual(try Inflate.decompress(stream, outputLimit: 100), Array("abc".utf8))
        // A stored block after a fixed block starts at the next byte boundary.
        var p = BitPacker()
        p.bits(0, 1); p.bits(1, 2); p.fixed(0x78); p.fixed(256)
        p.bits(1, 1); p.bits(0, 2)
        var bytes = p.bytes
        bytes += [0x02, 0x00, 0xFD, 0xFF, 0x79, 0x7A]
        XCTAssertEqual(try Inflate.decompress(bytes, outputLimit: 100), Array("xyz".utf8))
    }

    func testFixedBlockWithOverlappingMatch() throws {
        var p = BitPacker()
        p.bits(1, 1); p.bits(1, 2)
        p.fixed(Int(UInt8(ascii: "a")))
        p.fixed(264)          // length 10
        p.code("00000")       // distance 1: copies overlap themselves
        p.fixed(256)
        XCTAssertEqual(try Inflate.decompress(p.bytes, outputLimit: 100), [UInt8](repeating: 0x61, count: 11))
    }

    func testEveryLengthAndDistanceCode() throws {
        // 33,000 literals, then one match per length code and per distance
        // code with its largest extra value, checked against a plain copy.
        var random = SeededBytes(seed: 285)
        let literals = random.bytes(33_000)
        var p = BitPacker()
        p.bits(1, 1); p.bits(1, 2)
        var expected = [UInt8]()
        for b in literals { p.fixed(Int(b)); expected.append(b) }
        let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
        func match(_ lengthCode: Int, _ lengthBits: Int, _ distanceCode: Int, _ distanceBits: Int) {
            p.fixed(257 + lengthCode)
            p.bits(lengthBits, lengthExtra[lengthCode])
            p.code(p.binary(distanceCode, 5))
            p.bits(distanceBits, distanceExtra[distanceCode])
            let length = lengthBase[lengthCode] + lengthBits
            let distance = distanceBase[distanceCode] + distanceBits
            for _ in 0..<length { expected.append(expected[expected.count - distance]) }
        }
        for l in 0..<29 { match(l, (1 << lengthExtra[l]) - 1, l % 30, 0) }
        for d in 0..<30 { match(d % 29, 0, d, (1 << distanceExtra[d]) - 1) }
        for d in 0..<30 { match(28 - d % 29, 0, d, 0) }
        p.fixed(256)
        XCTAssertEqual(try Inflate.decompress(p.bytes, outputLimit: 1 << 20), expected)
    }

    /// A dynamic block by hand: A, B, end of block and length 3 get two-bit
    /// codes; one distance code (distance 1) of one bit, which RFC 1951 allows.
    func dynamicBlock(header: (inout BitPacker) -> Void = { _ in }) -> [UInt8] {
        var p = BitPacker()
        p.bits(1, 1); p.bits(2, 2)
        p.bits(1, 5)    // HLIT: 258 codes
        p.bits(0, 5)    // HDIST: 1 code
        p.bits(14, 4)   // HCLEN: 18 code length code lengths
        // In the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1: 18 -> 1 bit, 2 -> 2, 1 -> 2.
        for l in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] { p.bits(l, 3) }
        // Code length code: 18 = "0", 1 = "10", 2 = "11".
        p.code("0"); p.bits(65 - 11, 7)                     // 65 zeros
        p.code("11"); p.code("11")                          // A, B: 2 bits
        p.code("0"); p.bits(138 - 11, 7)                    // 138 zeros
        p.code("0"); p.bits(51 - 11, 7)                     // 51 zeros: up to 255
        p.code("11"); p.code("11")                          // 256, 257: 2 bits
        p.code("10")                                        // distance code 0: 1 bit
        header(&p)
        // A = 00, B = 01, 256 = 10, 257 = 11; distance 1 = 0.
        p.code("00"); p.code("01"); p.code("11"); p.code("0"); p.code("00"); p.code("10")
        return p.bytes
    }

    func testDynamicBlock() throws {
        XCTAssertEqual(try Inflate.decompress(dynamicBlock(), outputLimit: 100), Array("ABBBBA".utf8))
    }

    // MARK: python's zlib at every level

    func testPythonStreamsAtEveryLevelAndStrategy() throws {
        let corpus = TestData.corpus
        let outputs = try Python.run("""
        inputs = frames()
        strategies = [zlib.Z_DEFAULT_STRATEGY, zlib.Z_FILTERED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FIXED]
        for level in range(10):
            for data in inputs:
                c = zlib.compressobj(level, zlib.DEFLATED, -15)
                emit(c.compress(data) + c.flush())
        for s in strategies:
            for data in inputs:
                c = zlib.compressobj(6, zlib.DEFLATED, -15, 9, s)
                emit(c.compress(data) + c.flush())
        for data in inputs:
            # Small windows and memory levels make shorter blocks and other trees.
            c = zlib.compressobj(9, zlib.DEFLATED, -9, 1)
            emit(c.compress(data) + c.flush())
        """, inputs: corpus.map(\.bytes))
        XCTAssertEqual(outputs.count, corpus.count * 16)
        for (i, stream) in outputs.enumerated() {
            let item = corpus[i % corpus.count]
            let label = "\(item.name), run \(i / corpus.count)"
            XCTAssertEqual(try Inflate.decompress(stream, outputLimit: item.bytes.count), item.bytes, label)
            if !item.bytes.isEmpty {
                XCTAssertThrowsError(try Inflate.decompress(stream, outputLimit: item.bytes.count - 1), label) {
                    XCTAssertEqual($0 as? InflateError, .outputLimitExceeded(limit: item.bytes.count - 1))
                }
            }
        }
    }

    // MARK: refusals

    func expect(_ stream: [UInt8], _ error: InflateError, limit: Int = 1 << 20, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Inflate.decompress(stream, outputLimit: limit), file: file, line: line) {
            XCTAssertEqual($0 as? InflateError, error, file: file, line: line)
        }
    }

    func testMalformedStreams() {
        expect([], .truncated)
        expect([0x07], .reservedBlockType)
        expect([0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5], .storedLengthMismatch)
        expect([0x01, 0x05, 0x00, 0xFA, 0xFF, 1, 2], .truncated)
        expect([0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8) + [0], .trailingData(bytes: 1))

        var far = BitPacker()
        far.bits(1, 1); far.bits(1, 2); far.fixed(0x61); far.fixed(257); far.code("00001"); far.fixed(256)
        expect(far.bytes, .distanceTooFarBack(distance: 2, available: 1))

        var symbol286 = BitPacker()
        symbol286.bits(1, 1); symbol286.bits(1, 2); symbol286.fixed(286); symbol286.fixed(256)
        expect(symbol286.bytes, .invalidSymbol)

        var distance30 = BitPacker()
        distance30.bits(1, 1); distance30.bits(1, 2); distance30.fixed(0x61); distance30.fixed(257); distance30.code("11110"); distance30.fixed(256)
        expect(distance30.bytes, .invalidSymbol)

        var tooMany = BitPacker()
        tooMany.bits(1, 1); tooMany.bits(2, 2); tooMany.bits(30, 5); tooMany.bits(0, 5); tooMany.bits(0, 4)
        tooMany.bits(0, 30)
        expect(tooMany.bytes, .tooManyCodes)

        var lone = BitPacker()  // the code length code: one code of one bit
        lone.bits(1, 1); lone.bits(2, 2); lone.bits(0, 5); lone.bits(0, 5); lone.bits(0, 4)
        for l in [1, 0, 0, 0] { lone.bits(l, 3) }
        lone.bits(0, 40)
        expect(lone.bytes, .invalidCodeLengthCode)

        var repeatFirst = BitPacker()  // 16 and 0 with one bit each; 16 comes first
        repeatFirst.bits(1, 1); repeatFirst.bits(2, 2); repeatFirst.bits(0, 5); repeatFirst.bits(0, 5); repeatFirst.bits(0, 4)
        for l in [1, 0, 0, 1] { repeatFirst.bits(l, 3) }
        repeatFirst.code("1"); repeatFirst.bits(0, 2)
        repeatFirst.bits(0, 40)
        expect(repeatFirst.bytes, .invalidCodeLengthRepeat)

        var noEnd = BitPacker()  // all 258 + 1 lengths zero: no end-of-block code
        noEnd.bits(1, 1); noEnd.bits(2, 2); noEnd.bits(1, 5); noEnd.bits(0, 5); noEnd.bits(0, 4)
        for l in [0, 0, 1, 1] { noEnd.bits(l, 3) }   // 0 = "0", 18 = "1"
        noEnd.code("1"); noEnd.bits(127, 7)
        noEnd.code("1"); noEnd.bits(110, 7)
        noEnd.bits(0, 40)
        expect(noEnd.bytes, .missingEndOfBlock)

        var overrun = BitPacker()  // 18 asking for 138 zeros where only 100 remain
        overrun.bits(1, 1); overrun.bits(2, 2); overrun.bits(1, 5); overrun.bits(0, 5); overrun.bits(0, 4)
        for l in [0, 0, 1, 1] { overrun.bits(l, 3) }
        overrun.code("1"); overrun.bits(127, 7)
        overrun.code("1"); overrun.bits(127, 7)
        overrun.bits(0, 40)
        expect(overrun.bytes, .invalidCodeLengthRepeat)
    }

    func testEveryPrefixOfAStreamIsTruncated() throws {
        let corpus = TestData.corpus
        let streams = try Python.run("""
        for data in frames():
            for level in (0, 1, 6):
                c = zlib.compressobj(level, zlib.DEFLATED, -15)
                emit(c.compress(data) + c.flush())
            c = zlib.compressobj(6, zlib.DEFLATED, -15, 9, zlib.Z_FIXED)
            emit(c.compress(data) + c.flush())
        """, inputs: [corpus[3].bytes, Array(corpus[4].bytes.prefix(3000)), corpus[2].bytes])
        for stream in streams {
            for cut in 0..<stream.count {
                XCTAssertThrowsError(try Inflate.decompress(stream[..<cut], outputLimit: 1 << 20), "cut at \(cut) of \(stream.count)") {
                    XCTAssertEqual($0 as? InflateError, .truncated, "cut at \(cut) of \(stream.count)")
                }
            }
        }
        XCTAssertThrowsError(try Inflate.decompress(dynamicBlock().dropLast(), outputLimit: 100))
    }

    func testGarbageEndsInTypedErrors() throws {
        // Random bytes and damaged valid streams: each ends in an error or in
        // output within the limit; none traps or hangs. Random bytes almost
        // never make a stream that ends exactly where its input does.
        var random = SeededBytes(seed: 404)
        var refusedRandom = 0
        for _ in 0..<2000 {
            let input = random.bytes(1 + Int(random.next() % 600))
            do {
                let out = try Inflate.decompress(input, outputLimit: 100_000)
                XCTAssertLessThanOrEqual(out.count, 100_000)
            } catch {
                refusedRandom += 1
            }
        }
        XCTAssertGreaterThan(refusedRandom, 1980)

        let valid = Deflate.compress(Array(TestData.corpus[4].bytes.prefix(20_000)))
        for _ in 0..<1000 {
            var input = valid
            for _ in 0..<(1 + Int(random.next() % 4)) {
                input[Int(random.next() % UInt64(input.count))] ^= UInt8(1 << (random.next() % 8))
            }
            if let out = try? Inflate.decompress(input, outputLimit: 100_000) { XCTAssertLessThanOrEqual(out.count, 100_000) }
        }
    }

    func testOutputLimitStopsABomb() {
        let bomb = Deflate.compress([UInt8](repeating: 0, count: 10_000_000), level: .best)
        XCTAssertLessThan(bomb.count, 20_000)
        expect(bomb, .outputLimitExceeded(limit: 1_000_000), limit: 1_000_000)
        XCTAssertEqual(try Inflate.decompress(bomb, outputLimit: 10_000_000).count, 10_000_000)
        XCTAssertEqual(try Inflate.decompress(Deflate.compress([]), outputLimit: 0), [])
    }
}
