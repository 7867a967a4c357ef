// ZIP archives: ours opened by python's zipfile, python's read by ours, and
// damaged archives refused with the error that names the damage.

import XCTest
@testable import LedgerWorkbook

final class ZipTests: XCTestCase {
    let sample: [ZipEntry] = [
        ZipEntry(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
        ZipEntry(name: "xl/worksheets/sheet1.xml", data: TestData.xml(rows: 500)),
        ZipEntry(name: "stored/random.bin", data: SeededBytes.bytes(seed: 5, 3_000), method: .stored),
        ZipEntry(name: "empty.txt", data: []),
        ZipEntry(name: "año/lecturas.csv", data: Array("indicador,periodo,valor\nMED-INST,2017-01,542\n".utf8)),
    ]

    func testRoundTrip() throws {
        let bytes = try ZipWriter.archive(sample, comment: Array("ledger".utf8))
        let archive = try ZipReader.read(bytes)
        XCTAssertEqual(archive.entries, sample)
        XCTAssertEqual(archive.comment, Array("ledger".utf8))
        XCTAssertEqual(try ZipWriter.archive(sample, comment: Array("ledger".utf8)), bytes, "same entries, same bytes")
    }

    func testPythonOpensOurArchives() throws {
        let bytes = try ZipWriter.archive(sample)
        let report = try Python.run("""
        z = zipfile.ZipFile(io.BytesIO(frames()[0]))
        assert z.testzip() is None
        for i in z.infolist():
            assert i.date_time == (1980, 1, 1, 0, 0, 0), i.date_time
            emit(i.filename.encode('utf-8'))
            emit(bytes([i.compress_type]))
            emit(z.read(i))
        """, inputs: [bytes])
        XCTAssertEqual(report.count, sample.count * 3)
        for (i, entry) in sample.enumerated() {
            XCTAssertEqual(String(decoding: report[3 * i], as: UTF8.self), entry.name)
            XCTAssertEqual(Int(report[3 * i + 1][0]), Int(entry.method.rawValue))
            XCTAssertEqual(report[3 * i + 2], entry.data, entry.name)
        }
    }

    func testWeReadPythonsArchives() throws {
        let archives = try Python.run("""
        text = ('<row r="1"><c r="A1"><v>14757499.81</v></c></row>' * 2000).encode()
        def make(target, method, **kw):
            with zipfile.ZipFile(target, 'w', method, **kw) as z:
                z.comment = b'made by python'
                z.writestr('xl/sheet.xml', text)
                z.writestr('a\\u00f1o.txt', 'se\\u00f1al'.encode('utf-8'))
                z.writestr('empty', b'')
                z.writestr(zipfile.ZipInfo('folder/'), b'')
        for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            b = io.BytesIO(); make(b, method); emit(b.getvalue())
        b = io.BytesIO(); make(b, zipfile.ZIP_DEFLATED, compresslevel=9); emit(b.getvalue())
        # Written to a stream that cannot seek: sizes go in data descriptors (flag bit 3).
        class Unseekable(io.RawIOBase):
            def __init__(self): self.buf = bytearray()
            def writable(self): return True
            def write(self, b): self.buf += b; return len(b)
            def seekable(self): return False
        u = Unseekable(); make(u, zipfile.ZIP_DEFLATED); emit(bytes(u.buf))
        """)
        XCTAssertEqual(archives.count, 4)
        let text = Array(String(repeating: "<row r=\"1\"><c r=\"A1\"><v>14757499.81</v></c></row>", count: 2000).utf8)
        for (i, bytes) in archives.enumerated() {
            let archive = try ZipReader.read(bytes)
            XCTAssertEqual(archive.entries.map(\.name), ["xl/sheet.xml", "año.txt", "empty", "folder/"], "archive \(i)")
            XCTAssertEqual(archive.entry(named: "xl/sheet.xml")?.data, text)
            XCTAssertEqual(archive.entry(named: "año.txt")?.data, Array("señal".utf8))
            XCTAssertEqual(archive.entry(named: "empty")?.data, [])
            XCTAssertEqual(archive.entry(named: "xl/sheet.xml")?.method, i == 0 ? .stored : .deflated)
            XCTAssertEqual(archive.comment, Array("made by python".utf8))
        }
        XCTAssertEqual(archives[3][6] & 0x08, 0x08, "the unseekable archive uses data descriptors")
    }

    // MARK: damage

    func expect(_ bytes: [UInt8], _ error: ZipError, limits: ZipLimits = .default, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ZipReader.read(bytes, limits: limits), file: file, line: line) {
            XCTAssertEqual($0 as? ZipError, error, file: file, line: line)
        }
    }

    /// Offsets of an archive we wrote: the end record and the central directory.
    func layout(_ bytes: [UInt8]) -> (end: Int, directory: Int) {
        let end = bytes.count - 22 - bytes.le16(bytes.count - 2)
        return (end, bytes.le32(end + 16))
    }

    func patch32(_ bytes: inout [UInt8], _ at: Int, _ v: Int) {
        for k in 0..<4 { bytes[at + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
    }

    func testDamagedArchivesAreRefused() throws {
        let one = [ZipEntry(name: "sheet.xml", data: TestData.xml(rows: 200))]
        let good = try ZipWriter.archive(one)
        let (end, directory) = layout(good)
        let name = "sheet.xml"

        // A flipped byte inside the compressed data.
        var flipped = good
        flipped[30 + name.utf8.count + 200] ^= 0x10
        XCTAssertThrowsError(try ZipReader.read(flipped)) { error in
            switch error as? ZipError {
            case .corruptData(name, _), .crcMismatch(name, _, _), .sizeMismatch(name, _, _): break
            default: XCTFail("\(error)")
            }
        }

        // A wrong CRC, the same in both headers.
        var wrongCRC = good
        let crc = good.le32(14)
        patch32(&wrongCRC, 14, crc ^ 1)
        patch32(&wrongCRC, directory + 16, crc ^ 1)
        expect(wrongCRC, .crcMismatch(name, declared: UInt32(crc ^ 1), actual: UInt32(crc)))

        // Headers that disagree.
        var disagree = good
        patch32(&disagree, directory + 16, crc ^ 1)
        expect(disagree, .malformedLocalHeader(name))

        // The central directory pointing past the end of the file.
        var past = good
        patch32(&past, end + 16, good.count + 100)
        expect(past, .centralDirectoryOutOfBounds(offset: good.count + 100, size: end - directory, end: end))

        // An entry whose data runs into the central directory.
        var longer = good
        let size = good.le32(18)
        patch32(&longer, 18, size + 1000)
        patch32(&longer, directory + 20, size + 1000)
        expect(longer, .entryOutOfBounds(name))

        // Truncated anywhere: refused, never half-read.
        for cut in stride(from: 0, to: good.count, by: 7) {
            XCTAssertThrowsError(try ZipReader.read(Array(good[..<cut])), "cut at \(cut)")
        }
        expect([], .notAZipArchive)
        expect(SeededBytes.bytes(seed: 3, 5000), .notAZipArchive)

        // Flags and methods.
        var encrypted = good
        encrypted[6] |= 1
        encrypted[directory + 8] |= 1
        expect(encrypted, .encryptedEntry(name))
        var bzip2 = good
        bzip2[8] = 12
        bzip2[directory + 10] = 12
        expect(bzip2, .unsupportedMethod(name, method: 12))
        var zip64 = good
        patch32(&zip64, end + 16, 0xFFFF_FFFF)
        expect(zip64, .zip64NotSupported)
    }

    func testZipBombsStop() throws {
        let zeros = [UInt8](repeating: 0, count: 12_000_000)
        let bomb = try ZipWriter.archive([ZipEntry(name: "bomb", data: zeros)])
        XCTAssertLessThan(bomb.count, 30_000)
        expect(bomb, .totalSizeLimitExceeded(declared: 12_000_000, limit: 10_000_000), limits: ZipLimits(maxTotalSize: 10_000_000))

        // Declaring a small size does not help: inflating stops at the declared size.
        var liar = bomb
        let (_, directory) = layout(bomb)
        patch32(&liar, 22, 1000)
        patch32(&liar, directory + 24, 1000)
        expect(liar, .sizeMismatch("bomb", declared: 1000, actual: nil))

        // Many small entries count together.
        let many = try ZipWriter.archive((0..<20).map { ZipEntry(name: "part\($0)", data: [UInt8](repeating: 1, count: 100_000)) })
        expect(many, .totalSizeLimitExceeded(declared: 2_000_000, limit: 1_000_000), limits: ZipLimits(maxTotalSize: 1_000_000))
        expect(many, .tooManyEntries(count: 20, limit: 10), limits: ZipLimits(maxEntryCount: 10))
    }

    func testOverlappingAndDuplicateEntries() throws {
        // An entry whose local header sits inside another entry's data: the
        // overlapping-files bomb. The outer entry stores a whole inner archive.
        let inner = try ZipWriter.archive([ZipEntry(name: "b", data: Array("inner".utf8), method: .stored)])
        let (innerEnd, innerDirectory) = layout(inner)
        var outer = try ZipWriter.archive([ZipEntry(name: "a", data: inner, method: .stored)])
        let (outerEnd, outerDirectory) = layout(outer)
        var record = Array(inner[innerDirectory..<innerEnd])
        patch32(&record, 42, 30 + 1)  // b's header, inside a's data
        var rebuilt = Array(outer[..<outerEnd]) + record
        let count = 2
        rebuilt += [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, UInt8(count), 0, UInt8(count), 0]
        rebuilt.appendLE32(outerEnd - outerDirectory + record.count)
        rebuilt.appendLE32(outerDirectory)
        rebuilt += [0, 0]
        outer = rebuilt
        expect(outer, .overlappingEntries("a", "b"))

        let twice = try Python.run("""
        import warnings
        warnings.simplefilter('ignore')
        b = io.BytesIO()
        with zipfile.ZipFile(b, 'w') as z:
            z.writestr('x', b'1'); z.writestr('x', b'2')
        emit(b.getvalue())
        """)[0]
        expect(twice, .duplicateName("x"))
    }

    func testNoDamageIsHalfRead() throws {
        // Any changed byte either is refused or leaves every entry intact
        // (a changed date, version or attribute is not damage).
        let good = try ZipWriter.archive(sample, comment: Array("c".utf8))
        var random = SeededBytes(seed: 77)
        var refused = 0
        for _ in 0..<400 {
            var bad = good
            let at = Int(random.next() % UInt64(good.count))
            bad[at] ^= UInt8(1 + random.next() % 255)
            do {
                let archive = try ZipReader.read(bad)
                XCTAssertEqual(archive.entries, sample, "byte \(at) changed, yet read")
            } catch is ZipError {
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 300)
    }

    func testWriterRefusals() {
        XCTAssertThrowsError(try ZipWriter.archive([ZipEntry(name: "a", data: []), ZipEntry(name: "a", data: [])])) {
            XCTAssertEqual($0 as? ZipError, .duplicateName("a"))
        }
        for bad in ["", "/etc/passwd", "a\\b", "nul\u{0}"] {
            XCTAssertThrowsError(try ZipWriter.archive([ZipEntry(name: bad, data: [])])) {
                XCTAssertEqual($0 as? ZipError, .invalidNameForWriting(bad))
            }
        }
    }

    func testCodePage437Names() {
        XCTAssertEqual(ZipReader.cp437High.count, 128)
        XCTAssertEqual(ZipReader.decodeName([0x61, 0xA4, 0x6F][...], isUTF8: false), "año")
        XCTAssertNil(ZipReader.decodeName([0x61, 0xA4, 0x6F][...], isUTF8: true))
    }
}
