// The reader: workbooks saved by LibreOffice (committed fixtures, made by
// Fixtures/make_fixtures.py), parts written the way Excel and other programs
// write them, and every way a workbook can be damaged or not a workbook.

import XCTest
@testable import LedgerWorkbook

final class XLSXReaderTests: XCTestCase {
    // MARK: LibreOffice fixtures

    func testTemplateSavedByLibreOffice() throws {
        let book = try XLSXReader.read(try Workbooks.fixture("plantilla.xlsx"))
        XCTAssertEqual(book.sheetNames, ["indicadores", "lecturas"])
        let indicators = try XCTUnwrap(book.sheet(named: "indicadores"))
        XCTAssertEqual(indicators.rows.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(indicators.rows[0].cells.count, 24)
        XCTAssertEqual(indicators.rows[0].cells[3].value, .text("año"))
        XCTAssertEqual(indicators.grid[1].prefix(6), [.text("MED-INST"), .text("INSTALACIÓN DE MEDIDORES"), .text("INSTALACIONES"), .number("2017"), .number("3600"), .number("300")])
        // REZ-CONV has no monthly targets: columns F..Q are missing, not empty strings.
        let rez = indicators.rows[2]
        XCTAssertEqual(rez.cells.map(\.column), [1, 2, 3, 4, 5, 18, 19, 20, 21, 22, 23, 24])
        XCTAssertEqual(rez.cells[9].value, .text("COORDINACIÓN DE RECUPERACIÓN DE REZAGOS"))
        XCTAssertEqual(indicators.cell(at: CellReference("E4")!)?.value, .number("14757499.81"))
        XCTAssertEqual(indicators.cell(at: CellReference("U2")!)?.value, .text("307"), "a code typed as text stays text")

        let readings = try XCTUnwrap(book.sheet(named: "LECTURAS"), "names match without case")
        XCTAssertEqual(readings.grid, [
            [.text("indicador"), .text("periodo"), .text("valor"), .text("nota")],
            [.text("MED-INST"), .text("2017-01"), .number("542")],
            [.text("MED-INST"), .text("2017-02"), .number("262"), .text("NO SE CUMPLIÓ CON LA META PORQUE NO TENÍAN MATERIAL")],
            [.text("REZ-CONV"), .text("2017-01"), nil, .text("sin lectura: la celda de valor queda vacía")],
            [.text("PRES-MOD"), .text("2017-Q1"), .number("3689374.95"), .text("año fiscal 2017, ¿devengado?")],
        ])
        for sheet in book.sheets {
            XCTAssertEqual(sheet.formulaCells, [])
            XCTAssertEqual(sheet.mergedRanges, [])
            XCTAssertEqual(sheet.dateCells, [])
            XCTAssertEqual(sheet.visibility, .visible)
        }
    }

    func testFormulaIsFlagged() throws {
        let sheet = try XLSXReader.read(try Workbooks.fixture("formula.xlsx")).sheets[0]
        XCTAssertEqual(sheet.formulaCells, [CellReference("B4")!, CellReference("B5")!])
        XCTAssertEqual(sheet.cell(at: CellReference("B4")!), ReadCell(row: 4, column: 2, value: .number("804"), formula: "SUM(B2:B3)"))
        XCTAssertEqual(sheet.cell(at: CellReference("B5")!)?.value, .error("#DIV/0!"))
        XCTAssertEqual(sheet.cell(at: CellReference("B2")!)?.formula, nil)
    }

    func testMergedCellsAndHiddenSheetAreFlagged() throws {
        let book = try XLSXReader.read(try Workbooks.fixture("merged.xlsx"))
        XCTAssertEqual(book.sheets.map(\.name), ["indicadores", "notas"])
        XCTAssertEqual(book.sheets[0].mergedRanges, [CellRange("A1:C1")!])
        XCTAssertEqual(book.sheets[0].grid[0], [.text("POA 2017 - GERENCIA COMERCIAL")])
        XCTAssertEqual(book.sheets[0].grid[2], [.text("MED-INST"), .text("INSTALACIÓN DE MEDIDORES"), .number("3600")])
        XCTAssertEqual(book.sheets[1].visibility, .hidden)
        XCTAssertEqual(book.sheets[1].grid, [[.text("oculta")]])
    }

    func testDateIsFlagged() throws {
        let sheet = try XLSXReader.read(try Workbooks.fixture("date.xlsx")).sheets[0]
        XCTAssertEqual(sheet.dateCells, [CellReference("B2")!, CellReference("D2")!])
        XCTAssertEqual(sheet.cell(at: CellReference("B2")!)?.value, .number("42825"), "31/03/2017 as a serial number")
        XCTAssertEqual(sheet.cell(at: CellReference("C2")!)?.isDate, false)
    }

    func testWorkbookSavedFromCSV() throws {
        let book = try XLSXReader.read(try Workbooks.fixture("from-csv.xlsx"))
        XCTAssertEqual(book.sheetNames, ["lecturas"])
        XCTAssertEqual(book.sheets[0].grid, [
            [.text("indicador"), .text("periodo"), .text("valor"), .text("nota")],
            [.text("MED-INST"), .text("2017-01"), .number("542")],
            [.text("MED-INST"), .text("2017-02"), .number("262"), .text("NO SE CUMPLIÓ CON LA META")],
            [.text("FAC-RECIBOS"), .text("2017-01"), .number("239415"), .text("SE PRESENTÓ UN AUMENTO DE 2,562 RECIBOS")],
            [.text("FAC-CAPTURA"), .text("2017-01"), .number("99.75")],
        ])
    }

    // MARK: other writers' habits

    func testExcelHabits() throws {
        // Shared strings with rich-text runs and a phonetic run (not part of
        // the text), an inline string, cells and rows without `r`, a shared
        // formula, a formula string, booleans, an error, an ISO date cell,
        // prefixed elements, and a styled number in a custom date format.
        let strings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(Workbooks.mainNamespace)" count="3" uniqueCount="3">\
        <si><t>plain</t></si>\
        <si><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve">text</t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si>\
        <si><t>&lt;tag&gt; &amp; &#xF1;&#241; <![CDATA[<raw>]]> _x000D_</t></si></sst>
        """
        let styles = """
        <styleSheet xmlns="\(Workbooks.mainNamespace)"><numFmts count="2"><numFmt numFmtId="170" formatCode="d/m/yyyy;@"/>\
        <numFmt numFmtId="171" formatCode="#,##0.00 &quot;días&quot;"/></numFmts>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="14"/></cellXfs></styleSheet>
        """
        let sheet = """
        <x:worksheet xmlns:x="\(Workbooks.mainNamespace)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
          <x:sheetData>
            <x:row r="2" spans="1:4">
              <x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="D2" t="s"><x:v> 2 </x:v></x:c>
            </x:row>
            <x:row>
              <x:c r="A3" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c>
              <x:c r="B3"><x:f t="shared" ref="B3:B4" si="0">A1*2</x:f><x:v>4</x:v></x:c>
              <x:c r="C3" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c>
              <x:c r="D3" t="b"><x:v>1</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c>
              <x:c r="F3" t="d"><x:v>2017-03-31T00:00:00</x:v></x:c>
              <x:c r="G3" s="1"><x:v>42825</x:v></x:c><x:c r="H3" s="2"><x:v>3.5</x:v></x:c><x:c r="I3" s="3"><x:v>1</x:v></x:c>
              <x:c r="J3" s="1"/><x:c r="K3"><x:f>NOW()</x:f></x:c>
            </x:row>
            <x:row r="4"><x:c r="B4"><x:f t="shared" si="0"/><x:v>6</x:v></x:c></x:row>
          </x:sheetData>
          <mc:AlternateContent><mc:Choice Requires="x14"><x:c r="Z9"><x:v>99</x:v></x:c></mc:Choice></mc:AlternateContent>
          <x:mergeCells count="2"><x:mergeCell ref="A10:B10"/><x:mergeCell ref="C10"/></x:mergeCells>
        </x:worksheet>
        """
        let book = try XLSXReader.read(try Workbooks.minimal(sheet: sheet, strings: strings, styles: styles))
        let s = book.sheets[0]
        XCTAssertEqual(s.rows.map(\.number), [2, 3, 4])
        XCTAssertEqual(s.rows[0].cells.map(\.value), [.text("plain"), .text("rich text"), .text("<tag> & ññ <raw> \r")])
        XCTAssertEqual(s.rows[0].cells.map(\.column), [1, 2, 4])
        XCTAssertEqual(s.rows[1].cells.map(\.value), [
            .text("inline"), .number("4"), .text("ab"), .boolean(true), .error("#N/A"), .date("2017-03-31T00:00:00"),
            .number("42825"), .number("3.5"), .number("1"), .empty,
        ])
        XCTAssertEqual(s.rows[1].cells.map(\.column), [1, 2, 3, 4, 5, 6, 7, 8, 9, 11], "J3 has a style and nothing else")
        XCTAssertEqual(s.formulaCells.map(\.description), ["B3", "C3", "K3", "B4"])
        XCTAssertEqual(s.cell(at: CellReference("B4")!)?.formula, "", "a cell sharing B3's formula")
        XCTAssertEqual(s.cell(at: CellReference("C3")!)?.formula, "\"a\"&\"b\"")
        XCTAssertEqual(s.dateCells.map(\.description), ["F3", "G3", "I3"])
        XCTAssertEqual(s.mergedRanges.map(\.description), ["A10:B10", "C10"])
        XCTAssertNil(s.cell(at: CellReference("Z9")!), "content in other namespaces is not read")
    }

    func testStrictOpenXMLAndOtherLayouts() throws {
        // Strict namespaces, absolute targets, upper-case part names in the
        // relationships, a chart sheet and a very hidden sheet.
        let strict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
        let bytes = try Workbooks.package([
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/Book/Workbook.XML"/>\
            <Relationship Id="r2" Type="http://example.com/x" Target="https://example.com/" TargetMode="External"/></Relationships>
            """),
            ("book/workbook.xml", """
            <workbook xmlns="\(strict)" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">\
            <workbookPr date1904="1"/><sheets><sheet name="Datos" sheetId="1" r:id="a"/><sheet name="Gráfica" sheetId="2" r:id="b"/>\
            <sheet name="Oculta" sheetId="3" state="veryHidden" r:id="c"/></sheets></workbook>
            """),
            ("book/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="a" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="sheets/../sheets/one%20sheet.xml"/>\
            <Relationship Id="b" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/chartsheet" Target="charts/c.xml"/>\
            <Relationship Id="c" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/book/sheets/one sheet.xml"/>\
            </Relationships>
            """),
            ("book/sheets/one sheet.xml", "<worksheet xmlns=\"\(strict)\"><sheetData><row><c><v>7</v></c></row></sheetData></worksheet>"),
        ])
        let book = try XLSXReader.read(bytes)
        XCTAssertEqual(book.sheetNames, ["Datos", "Gráfica", "Oculta"])
        XCTAssertEqual(book.sheets.map(\.kind), [.worksheet, .chartsheet, .worksheet])
        XCTAssertEqual(book.sheets.map(\.visibility), [.visible, .visible, .veryHidden])
        XCTAssertEqual(book.sheets[0].grid, [[.number("7")]])
        XCTAssertTrue(book.usesDate1904)
    }

    // MARK: refusals

    func expect(_ bytes: [UInt8], _ check: (XLSXReadError) -> Bool, line: UInt = #line) {
        XCTAssertThrowsError(try XLSXReader.read(bytes), line: line) { error in
            guard let e = error as? XLSXReadError else { return XCTFail("\(error)", line: line) }
            XCTAssertTrue(check(e), "\(e)", line: line)
        }
    }

    let row = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\">%@</row></sheetData></worksheet>"
    func sheet(_ cells: String) -> String { row.replacingOccurrences(of: "%@", with: cells) }

    func testWhatIsNotAWorkbook() throws {
        expect(Array("indicador,periodo,valor\n".utf8)) { if case .notXLSX = $0 { return true }; return false }
        expect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)) {
            if case .notXLSX(let what) = $0 { return what.contains(".xls") }; return false
        }
        let ods = try ZipWriter.archive([ZipEntry(name: "mimetype", data: Array("application/vnd.oasis.opendocument.spreadsheet".utf8), method: .stored),
                                         ZipEntry(name: "content.xml", data: Array("<office:document-content/>".utf8))])
        expect(ods) { if case .notXLSX(let what) = $0 { return what.contains(".ods") }; return false }
        let docx = try Workbooks.package([
            ("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """),
            ("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"),
        ])
        expect(docx) { if case .notXLSX(let what) = $0 { return what.contains("document") }; return false }
    }

    func testDamagedWorkbooks() throws {
        let good = try XLSXWriter.write(Workbooks.sample)
        var cut = good
        cut.removeLast(40)
        expect(cut) { if case .archive = $0 { return true }; if case .notXLSX = $0 { return true }; return false }

        var withoutSheet = try XLSXWriter.parts(Workbooks.sample)
        withoutSheet.removeAll { $0.name == "xl/worksheets/sheet2.xml" }
        expect(try ZipWriter.archive(withoutSheet)) { $0 == .missingPart("xl/worksheets/sheet2.xml") }

        expect(try Workbooks.minimal(sheet: "<worksheet xmlns=\"\(Workbooks.mainNamespace)\"><sheetData><row></sheetData></worksheet>")) {
            if case .malformedXML(part: "xl/worksheets/sheet1.xml", let e) = $0 { return e.reason == .mismatchedEndTag(expected: "row", found: "sheetData") }
            return false
        }
        // An external entity: refused at the DOCTYPE, never resolved.
        let xxe = """
        <?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <sst xmlns="\(Workbooks.mainNamespace)"><si><t>&x;</t></si></sst>
        """
        expect(try Workbooks.minimal(sheet: sheet("<c t=\"s\"><v>0</v></c>"), strings: xxe)) {
            if case .malformedXML(part: "xl/sharedStrings.xml", let e) = $0 { return e.reason == .doctypeNotAllowed }
            return false
        }
        let strings = "<sst xmlns=\"\(Workbooks.mainNamespace)\"><si><t>a</t></si></sst>"
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"A1\" t=\"s\"><v>1</v></c>"), strings: strings)) {
            $0 == .badSharedStringIndex(sheet: "Hoja1", cell: "A1", index: "1")
        }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"B1\"><v>1,5</v></c>"))) { $0 == .badValue(sheet: "Hoja1", cell: "B1", text: "1,5") }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"B1\" t=\"b\"><v>2</v></c>"))) { $0 == .badValue(sheet: "Hoja1", cell: "B1", text: "2") }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"B1\"><v>1</v></c><c r=\"B1\"><v>2</v></c>"))) { $0 == .duplicateCell(sheet: "Hoja1", cell: "B1") }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"1B\"><v>1</v></c>"))) { $0 == .badCellReference(sheet: "Hoja1", text: "1B") }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"B2\"><v>1</v></c>"))) { if case .malformedPart = $0 { return true }; return false }
        expect(try Workbooks.minimal(sheet: sheet("<c r=\"B1\" t=\"zz\"><v>1</v></c>"))) { if case .malformedPart = $0 { return true }; return false }
        expect(try Workbooks.minimal(sheet: sheet(""), workbook: "<workbook xmlns=\"\(Workbooks.mainNamespace)\"><sheets/></workbook>")) {
            if case .malformedPart = $0 { return true }; return false
        }
        // A relationship to a part that is not there.
        var dangling = try XLSXWriter.parts(Workbooks.sample)
        dangling.removeAll { $0.name == "xl/sharedStrings.xml" }
        expect(try ZipWriter.archive(dangling)) { $0 == .missingPart("xl/sharedStrings.xml") }
        // A sheet that inflates past the caller's limit: refused before inflating.
        let big = try XLSXWriter.write(Workbooks.large(rows: 500))
        XCTAssertThrowsError(try XLSXReader.read(big, limits: ZipLimits(maxTotalSize: 100_000))) {
            guard case .archive(.totalSizeLimitExceeded(_, 100_000))? = $0 as? XLSXReadError else { return XCTFail("\($0)") }
        }
    }

    func testNoDamageIsHalfRead() throws {
        // A changed byte anywhere either is refused or reads the same values.
        let good = try XLSXWriter.write(Workbooks.sample)
        let expected = try XLSXReader.read(good)
        var random = SeededBytes(seed: 1907)
        for _ in 0..<300 {
            var bad = good
            bad[Int(random.next() % UInt64(good.count))] ^= UInt8(1 + random.next() % 255)
            if let read = try? XLSXReader.read(bad) { XCTAssertEqual(read, expected) }
        }
    }

    func testCellReferences() {
        for (text, row, column) in [("A1", 1, 1), ("Z9", 9, 26), ("AA10", 10, 27), ("XFD1048576", 1_048_576, 16_384), ("b7", 7, 2)] {
            let ref = CellReference(text)
            XCTAssertEqual(ref, CellReference(row: row, column: column), text)
            XCTAssertEqual(ref?.description, text.uppercased())
        }
        for bad in ["", "A", "1", "A0", "A01", "XFE1", "A1048577", "1A", "$A$1", "A1B", "AAAA1", "A 1"] {
            XCTAssertNil(CellReference(bad), bad)
        }
        XCTAssertEqual(CellRange("C3:A1")?.description, "A1:C3")
        XCTAssertNil(CellRange("A1:B2:C3"))
        XCTAssertTrue(CellRange("A1:C3")!.contains(CellReference("B2")!))
    }

    func testDateFormatCodes() {
        for code in ["d/m/yyyy", "DD/MM/YYYY", "[$-80A]dd/mm/yyyy", "hh:mm", "[h]:mm:ss", "[mm]:ss", "mmm-yy", "yyyy\"年\"m\"月\"", "h AM/PM"] {
            XCTAssertTrue(DateFormats.isDate(code), code)
        }
        for code in ["General", "0", "#,##0.00", "0.00%", "0.00\"%\"", "#,##0 \"días\"", "[Red]#,##0", "[$€-2] #,##0.00", "0.00E+00", "\\d0", "_-* #,##0_-", "[>=100]0;0.0"] {
            XCTAssertFalse(DateFormats.isDate(code), code)
        }
    }
}
