// The workbook renderers on hand-built views: numbers in the format their
// decimals ask for, the status as the fill, a text past Excel's cell limit
// cut rather than refused, and the same bytes for the same view; the board's
// charts' coordinates exact and within the chart.

import LedgerReports
import LedgerWorkbook
import XCTest
@testable import LedgerCore
@testable import LedgerReports

final class WorkbookRendererTests: XCTestCase {
    func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    func testNumbersKeepTheirDecimalsInTheirFormat() {
        XCTAssertEqual(SheetBuilder.number(d("3600")).style.numberFormat, .integer)
        XCTAssertEqual(SheetBuilder.number(d("14757499.81")).style.numberFormat, .twoDecimals)
        XCTAssertEqual(SheetBuilder.number(d("0.5")).style.numberFormat, .twoDecimals)
        XCTAssertEqual(SheetBuilder.number(d("1.2345")).style.numberFormat, .custom("#,##0.0000"))
        XCTAssertEqual(SheetBuilder.number(d("1.2345")).value, .number("1.2345"), "the value itself is never rounded")
        XCTAssertEqual(SheetBuilder.percent(d("117.85"), fill: .green).style, CellStyle(numberFormat: .percentSign, fill: .green))
        XCTAssertEqual(SheetBuilder.value("542").value, .number("542"))
        XCTAssertEqual(SheetBuilder.value("modified 10 accrued 5 paid 5").value, .text("modified 10 accrued 5 paid 5"))
        XCTAssertEqual(SheetBuilder.value("07").value, .text("07"), "a code with a leading zero stays text")
    }

    func testTextPastExcelsLimitIsCut() throws {
        XCTAssertEqual(SheetBuilder.clipped("corto"), "corto")
        let long = String(repeating: "ñ", count: 40_000)
        let cut = SheetBuilder.clipped(long)
        XCTAssertEqual(cut.utf16.count, 32_767)
        XCTAssertTrue(cut.hasSuffix("…"))
        let astral = String(repeating: "😀", count: 20_000)  // two UTF-16 units each
        XCTAssertLessThanOrEqual(SheetBuilder.clipped(astral).utf16.count, 32_767)
        // A workbook with such a text is written, and reads back cut.
        var sheet = SheetBuilder(name: "Hoja", columns: [SheetColumn(header: "texto", wraps: true)])
        sheet.add([SheetBuilder.text(astral, wraps: true)])
        let bytes = try XLSXWriter.write(Workbook(sheets: [sheet.worksheet]))
        let back = try XLSXReader.read(bytes)
        guard case .text(let t)? = back.sheets.first?.cell(at: CellReference(row: 2, column: 1))?.value else { return XCTFail() }
        XCTAssertTrue(t.hasSuffix("…") && t.utf16.count <= 32_767)
        // Widths fit the text, wrapped columns within bounds.
        XCTAssertEqual(sheet.worksheet.columnWidths, [SheetBuilder.wrapWidth])
    }

    func testChartCoordinatesAreExactAndInside() throws {
        let points = (1...3).map { m in
            PeriodPoint(period: .month(2017, m), programmed: d("300"), executed: m == 2 ? nil : d("\(250 * m)"),
                        cumulativeProgrammed: d("\(300 * m)"), cumulativeExecuted: d("\(250 * m)"),
                        isCorrected: m == 3, isPostClose: false, isReprogrammed: false, document: nil)
        }
        let svg = try XCTUnwrap(BoardCharts.indicator(points, quarter: .quarter(2017, 1), language: .es, unit: "PIEZAS"))
        // The tallest value (900 programmed by March) touches the top of the plot; 750 executed is 5/6 of it.
        XCTAssertTrue(svg.contains("<circle class=\"p\" cx=\"49\" cy=\"11\" r=\"2\">"), svg)
        XCTAssertTrue(svg.contains("<rect class=\"e\" x=\"44\" y=\"16.5\" width=\"10\" height=\"27.5\">"), svg)
        XCTAssertEqual(svg.components(separatedBy: "<rect class=\"e\"").count - 1, 2, "February has no reading: no bar")
        XCTAssertTrue(svg.contains("<path class=\"none\""))
        XCTAssertTrue(svg.contains(">C</text>"))
        XCTAssertFalse(svg.contains("e+") || svg.contains("E+"), "no floating-point notation")
        XCTAssertNil(BoardCharts.indicator([], quarter: .quarter(2017, 1), language: .es, unit: "X"))
        XCTAssertEqual(BoardCharts.unitBar(UnitTotals(ownerCode: "1", ownerName: nil, indicators: 3, green: 2, yellow: 0, red: 1, none: 0, meanCompliance: nil), width: 90),
                       "<svg class=\"ubar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"10\"><rect class=\"s-green\" x=\"0\" y=\"0\" width=\"60\" height=\"10\"></rect><rect class=\"s-red\" x=\"60\" y=\"0\" width=\"30\" height=\"10\"></rect></svg>")
    }
}
