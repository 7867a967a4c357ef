// `export xlsx` end to end: the workbook opened by python's zipfile and
// xml.etree (an outside reader), its numbers stored as numbers with the
// users' formats, the status as cell colour, a frozen header row, widths
// that fit, the journal's head and digest in it; the same bytes on every
// run; an existing file replaced only with --force.

import Foundation
import XCTest
import LedgerWorkbook

final class WorkbookExportTests: XCTestCase {
    typealias Sheet = [String: Any]

    func read(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(try PythonCheck.json(PythonCheck.readWorkbook, [path]) as? [String: Any])
    }

    func cell(_ workbook: [String: Any], _ sheet: String, _ ref: String) -> [Any]? {
        (((workbook["sheets"] as? [String: Any])?[sheet] as? [String: Any])?["cells"] as? [String: Any])?[ref] as? [Any]
    }

    func testTheStorysQuarterAsAWorkbook() throws {
        let s = try AuditorStoryTests.story()
        let out = s.ok(["export", "xlsx", "q1.xlsx", "--quarter", "2017-Q1", "--lang", "es"])
        let digest = try XCTUnwrap(out.split(separator: "\n").last.map(String.init))
        let wb = try read(s.path("q1.xlsx"))
        XCTAssertEqual(wb["order"] as? [String], ["Trimestre 2017-Q1", "Estado", "Historial", "Diario"])
        let q = "Trimestre 2017-Q1"
        // Headers, then MED: numbers are numbers (no t="s"), in their formats; the status is the fill.
        XCTAssertEqual(cell(wb, q, "A1")?[1] as? String, "Unidad")
        XCTAssertEqual(cell(wb, q, "C2")?[1] as? String, "MED")
        XCTAssertEqual(cell(wb, q, "G2")?.prefix(3).map { "\($0)" }, ["n", "3600", "#,##0"])
        XCTAssertEqual(cell(wb, q, "J2")?.prefix(3).map { "\($0)" }, ["n", "1261", "#,##0"])
        XCTAssertEqual(cell(wb, q, "K2")?.map { "\($0)" }, ["n", "117.85", "0.00\"%\"", "FFC6EFCE"])
        XCTAssertEqual(cell(wb, q, "L2")?.map { "\($0)" }, ["s", "verde", "General", "FFC6EFCE"])
        let sheet = try XCTUnwrap((wb["sheets"] as? [String: Any])?[q] as? [String: Any])
        XCTAssertEqual(sheet["frozen"] as? Bool, true)
        let widths = try XCTUnwrap(sheet["widths"] as? [String: Double])
        XCTAssertEqual(widths["4"], 26, "the name column fits INSTALACION DE MEDIDORES")
        // The quarter's events, oldest first, with the values before.
        XCTAssertEqual(cell(wb, "Historial", "A9")?[1] as? String, "9")
        XCTAssertEqual(cell(wb, "Historial", "G9")?[1] as? String, "300")
        XCTAssertEqual(cell(wb, "Historial", "H9")?[1] as? String, "262")
        XCTAssertEqual(cell(wb, "Historial", "I9")?[1] as? String, "Error de captura")
        // The head and the digest: on the last sheet and as a document property.
        XCTAssertEqual((wb["custom"] as? [String: String])?["ledger-digest"], digest)
        let facts = (1...12).compactMap { cell(wb, "Diario", "B\($0)")?[1] as? String }
        XCTAssertTrue(facts.contains(digest), "\(facts)")
        XCTAssertTrue(facts.contains("ledger verify --digest \(digest)"), "\(facts)")
        // Our own reader agrees.
        let ours = try XLSXReader.read(Array(Data(contentsOf: URL(fileURLWithPath: s.path("q1.xlsx")))))
        XCTAssertEqual(ours.sheets.map(\.name), wb["order"] as? [String])
        XCTAssertTrue(ours.sheets.allSatisfy { $0.formulaCells.isEmpty && $0.dateCells.isEmpty })
    }

    /// A snapshot's workbook is the same sheets, naming its file, and opens
    /// in python like the export.
    func testTheSnapshotsWorkbook() throws {
        let s = try AuditorStoryTests.story()
        let out = s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "en"])
        let digest = try XCTUnwrap(out.split(separator: "\n").last.map(String.init))
        let wb = try read(s.path("snapshots/\(SnapshotTests.april).en.xlsx"))
        XCTAssertEqual(wb["order"] as? [String], ["Quarter 2017-Q1", "Status", "Events", "Journal"])
        XCTAssertEqual((wb["custom"] as? [String: String])?["ledger-digest"], digest)
        XCTAssertEqual((wb["custom"] as? [String: String])?["ledger-snapshot"], "snapshots/\(SnapshotTests.april).en.xlsx")
        XCTAssertEqual(cell(wb, "Quarter 2017-Q1", "J2")?[1] as? String, "1223", "as of 10 April, before the May correction")
        XCTAssertNil(cell(wb, "Events", "A9"), "seven events of the quarter by T, after the header")
        XCTAssertEqual(cell(wb, "Events", "A8")?[1] as? String, "8")
    }

    func testTheSameBytesEveryTimeAndForceToReplace() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["export", "xlsx", "a.xlsx", "--quarter", "2017-Q1", "--as-of", "2017-04-10"])
        // Later events do not change a workbook as of a past time.
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-03", "--text", "Cierre de marzo"], env: ["LEDGER_CLOCK": "2017-06-01T10:00:00-06:00"])
        s.ok(["export", "xlsx", "b.xlsx", "--quarter", "2017-Q1", "--as-of", "2017-04-10"])
        let a = try Data(contentsOf: URL(fileURLWithPath: s.path("a.xlsx")))
        XCTAssertEqual(a, try Data(contentsOf: URL(fileURLWithPath: s.path("b.xlsx"))))
        let refused = s.run(["export", "xlsx", "a.xlsx", "--quarter", "2017-Q1"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("a.xlsx already exists; give another name, or add --force to replace it."), refused.err)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: s.path("a.xlsx"))), a, "nothing was written")
        s.ok(["export", "xlsx", "a.xlsx", "--quarter", "2017-Q1", "--force"])
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: s.path("a.xlsx"))), a, "replaced with today's figures")
        // Without --quarter: the quarter of the latest reading.
        XCTAssertTrue(s.ok(["export", "xlsx", "c.xlsx"]).contains("(2017-Q1,"))
        XCTAssertEqual(s.run(["export", "xlsx", "c.xls"]).code, 2)
        XCTAssertEqual(s.run(["export", "xlsx", "d.xlsx", "--quarter", "2017-03"]).code, 2)
        XCTAssertEqual(s.run(["export", "xlsx", "no/such/folder/e.xlsx", "--quarter", "2017-Q1"]).code, 1)
    }
}
