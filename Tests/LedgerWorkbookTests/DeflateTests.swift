// The compressor: our streams read back by our decompressor and by python's
// zlib, the same bytes every time, and a ratio close to zlib's on XML.

import XCTest
@testable import LedgerWorkbook

final class DeflateTests: XCTestCase {
    let levels: [Deflate.Level] = [.stored, .fast, .default, .best]

    func testRoundTripThroughOurInflate() throws {
        for item in TestData.corpus {
            for level in levels {
                let stream = Deflate.compress(item.bytes, level: level)
                XCTAssertEqual(try Inflate.decompress(stream, outputLimit: item.bytes.count), item.bytes, "\(item.name) at \(level)")
            }
        }
    }

    func testPythonReadsOurStreams() throws {
        var inputs: [[UInt8]] = []
        var streams: [[UInt8]] = []
        for item in TestData.corpus {
            for level in levels {
                inputs.append(item.bytes)
                streams.append(Deflate.compress(item.bytes, level: level))
            }
        }
        let back = try Python.run("""
        for s in frames():
            d = zlib.decompressobj(-15)
            out = d.decompress(s) + d.flush()
            assert d.eof and d.unused_data == b'', 'stream does not end where its input does'
            assert zlib.decompress(s, -15) == out
            emit(out)
        """, inputs: streams)
        XCTAssertEqual(back.count, inputs.count)
        for (i, (input, output)) in zip(inputs, back).enumerated() {
            XCTAssertEqual(output, input, "\(TestData.corpus[i / levels.count].name) at \(levels[i % levels.count])")
        }
    }

    func testSameInputSameBytes() {
        for item in TestData.corpus {
            XCTAssertEqual(Deflate.compress(item.bytes), Deflate.compress(item.bytes), item.name)
        }
    }

    func testRatioOnXMLIsCloseToZlib() throws {
        let xml = TestData.xml(rows: 20_000)
        let ours = Deflate.compress(xml)
        let theirs = try Python.run("""
        for f in frames():
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            emit(c.compress(f) + c.flush())
        """, inputs: [xml])[0]
        XCTAssertLessThan(Double(ours.count), Double(theirs.count) * 1.10, "ours \(ours.count), zlib level 6 \(theirs.count), input \(xml.count)")
        XCTAssertLessThan(ours.count, xml.count / 5)
    }

    func testIncompressibleDataCostsLittle() {
        var random = SeededBytes(seed: 99)
        let data = random.bytes(200_000)
        let stream = Deflate.compress(data)
        // Stored blocks: 5 bytes of header per block of 32,768 tokens, and a byte of slack.
        XCTAssertLessThanOrEqual(stream.count, data.count + 5 * (data.count / 32768 + 1) + 1)
    }

    func testHuffmanLengthsRespectTheLimit() {
        // Fibonacci frequencies make an unlimited Huffman code 30 bits deep.
        var freq = [Int](repeating: 0, count: 40)
        var a = 1, b = 1
        for i in 0..<32 { freq[i] = a; (a, b) = (b, a + b) }
        let lengths = HuffmanBuilder.lengths(frequencies: freq, maxLength: 15)
        XCTAssertEqual(lengths.max(), 15)
        var kraft = 0
        for l in lengths where l > 0 { kraft += 1 << (15 - Int(l)) }
        XCTAssertEqual(kraft, 1 << 15, "a complete code")
        XCTAssertEqual(lengths[32..<40].allSatisfy { $0 == 0 }, true)
        // One symbol alone still gets a partner, so the code stays complete.
        let lone = HuffmanBuilder.lengths(frequencies: [0, 0, 5, 0], maxLength: 15)
        XCTAssertEqual(lone, [1, 0, 1, 0])
    }
}
