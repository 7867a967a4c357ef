// The writer: every part well-formed for python's ElementTree, the package
// sound for python's zipfile, values read back unchanged by our reader, the
// same bytes every time, and every refusal.

import XCTest
@testable import LedgerWorkbook

final class XLSXWriterTests: XCTestCase {
    func testEveryPartParsesInPython() throws {
        let parts = try XLSXWriter.parts(Workbooks.sample)
        XCTAssertEqual(parts.map(\.name), [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml",
            "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
            "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
        ])
        let bytes = try XLSXWriter.write(Workbooks.sample)
        let roots = try Python.run("""
        import xml.etree.ElementTree as ET
        z = zipfile.ZipFile(io.BytesIO(frames()[0]))
        assert z.testzip() is None
        for name in z.namelist():
            emit(ET.fromstring(z.read(name)).tag.encode())
        """, inputs: [bytes])
        let main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        XCTAssertEqual(roots.map { String(decoding: $0, as: UTF8.self) }, [
            "{http://schemas.openxmlformats.org/package/2006/content-types}Types",
            "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships",
            "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties",
            "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties",
            "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}Properties",
            main + "workbook", "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships",
            main + "styleSheet", main + "sst", main + "worksheet", main + "worksheet",
        ])
    }

    func testPythonSeesTheCellsAndTheView() throws {
        let bytes = try XLSXWriter.write(Workbooks.sample)
        let answers = try Python.run("""
        import xml.etree.ElementTree as ET
        M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
        z = zipfile.ZipFile(io.BytesIO(frames()[0]))
        strings = [''.join(t.text or '' for t in si.iter(M + 't')) for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
        sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
        for c in sheet.iter(M + 'c'):
            v = c.find(M + 'v')
            value = '' if v is None else (strings[int(v.text)] if c.get('t') == 's' else v.text)
            emit((c.get('r') + '=' + value).encode('utf-8'))
        pane = sheet.find(M + 'sheetViews/' + M + 'sheetView/' + M + 'pane')
        emit((pane.get('state') + ' ' + pane.get('topLeftCell')).encode())
        emit(sheet.find(M + 'autoFilter').get('ref').encode())
        wb = ET.fromstring(z.read('xl/workbook.xml'))
        emit(wb.find(M + 'definedNames/' + M + 'definedName').text.encode('utf-8'))
        """, inputs: [bytes]).map { String(decoding: $0, as: UTF8.self) }
        XCTAssertTrue(answers.contains("C2=14757499.81"))
        XCTAssertTrue(answers.contains("B2=INSTALACIÓN DE MEDIDORES"))
        XCTAssertTrue(answers.contains("F2=1"))
        XCTAssertTrue(answers.contains("F4="), "a styled empty cell is written without a value")
        XCTAssertTrue(answers.contains("B5=Recibos \"entregados\" <a domicilio> & más"))
        XCTAssertTrue(answers.contains("H5=bell_x0007_char"), "forbidden characters are escaped as ST_Xstring")
        XCTAssertEqual(answers.suffix(3), ["frozen A2", "A1:M5", "'Quarter view'!$A$1:$M$5"])
    }

    func testRoundTripThroughOurReader() throws {
        let book = Workbooks.sample
        let read = try XLSXReader.read(try XLSXWriter.write(book))
        XCTAssertEqual(read.sheetNames, ["Quarter view", "Año 'x' b"])
        XCTAssertEqual(read.title, "Snapshot 2017-Q1")
        XCTAssertEqual(read.customProperties, book.properties.custom)
        for (sheet, readSheet) in zip(book.sheets, read.sheets) {
            XCTAssertEqual(readSheet.kind, .worksheet)
            XCTAssertTrue(readSheet.formulaCells.isEmpty)
            XCTAssertTrue(readSheet.dateCells.isEmpty, "none of our formats is a date")
            XCTAssertTrue(readSheet.mergedRanges.isEmpty)
            XCTAssertEqual(readSheet.grid.map { $0.map { $0 } }, expectedGrid(sheet))
        }
        XCTAssertEqual(read.sheets[0].cell(at: CellReference(row: 5, column: 8))?.value, .text("bell\u{7}char"))
        XCTAssertEqual(read.sheets[0].cell(at: CellReference(row: 5, column: 9))?.value, .text("literal _x0041_ escape"))
        XCTAssertEqual(read.sheets[0].cell(at: CellReference(row: 5, column: 4))?.value, .text("cr\r\nlf"))
    }

    /// What the reader should give for a sheet we wrote: values where
    /// written, nil for empty cells (trailing ones dropped).
    func expectedGrid(_ sheet: Worksheet) -> [[ReadValue?]] {
        var grid: [[ReadValue?]] = sheet.rows.map { row in
            var line: [ReadValue?] = row.map { cell in
                switch cell.value {
                case .empty: return nil
                case .text(let s): return .text(s)
                case .number(let n): return .number(n)
                case .boolean(let b): return .boolean(b)
                }
            }
            while let last = line.last, last == nil { line.removeLast() }
            return line
        }
        while let last = grid.last, last.isEmpty { grid.removeLast() }
        return grid
    }

    func testLargeSheetRoundTrip() throws {
        let book = Workbooks.large(rows: 2_000)
        let bytes = try XLSXWriter.write(book)
        let read = try XLSXReader.read(bytes)
        XCTAssertEqual(read.sheets[0].grid, expectedGrid(book.sheets[0]))
        XCTAssertEqual(try XLSXWriter.write(Workbooks.large(rows: 2_000)), bytes)
    }

    func testSameInputSameBytes() throws {
        let a = try XLSXWriter.write(Workbooks.sample)
        let b = try XLSXWriter.write(Workbooks.sample)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(try XLSXWriter.write(Workbooks.sample, level: .stored), a, "the level is honoured")
        var changed = Workbooks.sample
        changed.sheets[0].rows[1][2] = .number("14757499.82", style: CellStyle(numberFormat: .twoDecimals))
        XCTAssertNotEqual(try XLSXWriter.write(changed), a)
    }

    func testStylesAreNumberedByFirstUse() throws {
        let parts = try XLSXWriter.parts(Workbooks.sample)
        let styles = try XMLElement.parse(parts.first { $0.name == "xl/styles.xml" }!.data)
        let ns: Set<String> = [Workbooks.mainNamespace]
        let xfs = styles.child("cellXfs", in: ns)!.children("xf", in: ns)
        // plain, header, #,##0.00, 0.00%, green, wrap, #,##0, 0.00"%", yellow, 0.000, red
        XCTAssertEqual(xfs.map { $0.attribute("numFmtId")! }, ["0", "0", "4", "10", "0", "0", "3", "164", "0", "165", "0"])
        XCTAssertEqual(xfs.map { $0.attribute("fontId")! }, ["0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0"])
        XCTAssertEqual(xfs.map { $0.attribute("fillId")! }, ["0", "2", "0", "0", "3", "0", "0", "0", "4", "0", "5"])
        let formats = styles.child("numFmts", in: ns)!.children("numFmt", in: ns).map { $0.attribute("formatCode")! }
        XCTAssertEqual(formats, ["0.00\"%\"", "0.000"])
        let fills = styles.child("fills", in: ns)!.children("fill", in: ns)
        XCTAssertEqual(fills.count, 6)
        XCTAssertEqual(fills[3].children.first?.children.first?.attribute("rgb"), "FFC6EFCE")
    }

    func testRefusals() {
        func refuses(_ book: Workbook, _ error: XLSXWriteError, line: UInt = #line) {
            XCTAssertThrowsError(try XLSXWriter.write(book), line: line) { XCTAssertEqual($0 as? XLSXWriteError, error, line: line) }
        }
        func sheet(_ rows: [[Cell]], name: String = "s") -> Workbook { Workbook(sheets: [Worksheet(name: name, rows: rows)]) }
        refuses(Workbook(sheets: []), .noSheets)
        for bad in ["", "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'quoted'", "History", "history",
                    String(repeating: "x", count: 32), "tab\there"] {
            refuses(sheet([], name: bad), .invalidSheetName(bad))
        }
        XCTAssertTrue(XLSXWriter.isValidSheetName(String(repeating: "ñ", count: 31)))
        XCTAssertTrue(XLSXWriter.isValidSheetName("Año 'x' b"))
        refuses(Workbook(sheets: [Worksheet(name: "Datos"), Worksheet(name: "DATOS")]), .duplicateSheetName("DATOS"))
        for bad in ["1,000", "1.", ".5", "1e", "--1", "0x10", "NaN", " 1", "١٢"] {
            refuses(sheet([[.empty, .number(bad)]]), .invalidNumber(sheet: "s", cell: "B1", text: bad))
        }
        refuses(sheet([[.text(String(repeating: "a", count: 32_768))]]), .textTooLong(sheet: "s", cell: "A1"))
        refuses(sheet([[.text("x", style: CellStyle(fill: Fill(rgb: "GREEN1")))]]), .invalidColor("GREEN1"))
        refuses(sheet([[.number("1", style: CellStyle(numberFormat: .custom("")))]]), .invalidNumberFormat(""))
        refuses(Workbook(sheets: [Worksheet(name: "s", columnWidths: [300])]), .invalidColumnWidth(sheet: "s", column: 1))
        refuses(sheet([Array(repeating: Cell.empty, count: 16_385)]), .sheetTooLarge(sheet: "s"))
        refuses(Workbook(sheets: [Worksheet(name: "s")], properties: DocumentProperties(created: "2017-04-10 12:00")), .invalidTimestamp("2017-04-10 12:00"))
        refuses(Workbook(sheets: [Worksheet(name: "s")], properties: DocumentProperties(custom: [CustomProperty(name: "a", value: "1"), CustomProperty(name: "A", value: "2")])),
                .invalidCustomProperty("A"))
    }

    func testNumbersAreWrittenAsGiven() throws {
        for good in ["0", "-0", "007", "14757499.81", "-3", "1.5E-3", "2e+10", "123456789012345678901234567890"] {
            XCTAssertTrue(SheetWriter.isDecimal(good), good)
        }
        let read = try XLSXReader.read(try XLSXWriter.write(Workbook(sheets: [Worksheet(name: "n", rows: [[.number("0.10"), .number("007")]])])))
        XCTAssertEqual(read.sheets[0].rows[0].cells.map(\.value), [.number("0.10"), .number("007")])
    }

    func testCellTextEscapes() {
        XCTAssertEqual(CellText.escape("plain"), "plain")
        XCTAssertEqual(CellText.escape("a\u{1}b"), "a_x0001_b")
        XCTAssertEqual(CellText.escape("_x0041_"), "_x005F_x0041_")
        XCTAssertEqual(CellText.escape("_X0041_"), "_x005F_X0041_")
        XCTAssertEqual(CellText.escape("_x00G1_ _x"), "_x00G1_ _x")
        XCTAssertEqual(CellText.escape("\u{FFFE}"), "_xFFFE_")
        for s in Workbooks.tricky + ["_x005F_x0041_", "__x0041__", "\u{FFFF}\u{0}\u{1F}"] {
            XCTAssertEqual(CellText.unescape(CellText.escape(s)), s, s.debugDescription)
        }
        XCTAssertEqual(CellText.unescape("_xD83D__xDE00_"), "😀")
        XCTAssertEqual(CellText.unescape("_xD83D_"), "_xD83D_", "a lone surrogate stays as written")
        XCTAssertEqual(CellText.unescape("_X0041_"), "_X0041_", "only a lowercase x starts an escape")
    }
}
