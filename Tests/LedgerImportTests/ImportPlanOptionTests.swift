// Issue 13, item 13: `import csv FILE --plan NAME` does what its help says:
// the indicators land in that plan (over the sheet's plan column, said in a
// finding), keep the sheet's ids, and readings imported with --plan go only
// to that plan's indicators. And `--numbers` tells the importer how the file
// writes numbers, where the file itself cannot.

import XCTest
import LedgerCLI
import LedgerCore

final class ImportPlanOptionTests: XCTestCase {
    var directory = ""
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples").path

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.path + "/ledger-import-plan-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        XCTAssertEqual(run(["init", "--entity", "COMAPA Gerencia Comercial"]).code, 0)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    @discardableResult
    func run(_ arguments: [String], lang: String = "en") -> (code: Int32, out: String, err: String) {
        let out = BufferSink(), err = BufferSink()
        let code = LedgerCLI.run(["--ledger", directory, "--lang", lang] + arguments, environment: ["LEDGER_ACTOR": "ana"],
                                 console: Console(out: out, err: err))
        return (code, out.text, err.text)
    }

    func json(_ text: String) throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }

    func testThePlanOptionNamesThePlanAndKeepsTheIds() throws {
        let r = run(["import", "csv", Self.examples + "/indicadores.csv", "--plan", "POA 2025"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("the plan column says \"POA 2017\"; every indicator of the file was imported under --plan \"POA 2025\""), r.out)
        let status = try json(run(["status", "--plan", "POA 2025", "--json"]).out)
        let ids = (status["indicators"] as! [[String: Any]]).map { $0["indicator"] as! String }
        XCTAssertEqual(ids, ["MED-INST", "FAC-RECIBOS", "FAC-CAPTURA", "REZ-CONV"], "the sheet's ids, unprefixed")
        XCTAssertEqual(run(["status", "--plan", "POA 2017"]).code, 1, "nothing landed in the column's plan")
        // Readings with the same --plan go in; with another plan they are refused.
        let other = run(["import", "csv", Self.examples + "/lecturas.csv", "--plan", "POA 2026", "--dry-run"])
        XCTAssertEqual(other.code, 1)
        XCTAssertTrue(other.err.contains("MED-INST belongs to plan \"POA 2025\", not to --plan \"POA 2026\""), other.err)
        let readings = run(["import", "csv", Self.examples + "/lecturas.csv", "--plan", "POA 2025"])
        XCTAssertEqual(readings.code, 0, readings.err)
        XCTAssertTrue(readings.out.contains("6 reading"), readings.out)
        // Without --plan, the column's plan, as before.
        let help = run(["import", "--help"])
        XCTAssertTrue(help.out.contains("csv keeps the sheet's ids"), help.out)
    }

    func testTheNumbersOptionReadsADecimalCommaFile() throws {
        try "id,nombre,unidad,año,meta_anual\nREC,RECAUDACION,PESOS,2017,\"1.571\"\n".write(toFile: directory + "/ind.csv", atomically: true, encoding: .utf8)
        // Nothing in the file tells: read with a decimal point, and said.
        let guessed = run(["import", "csv", directory + "/ind.csv", "--dry-run"])
        XCTAssertTrue(guessed.out.contains("is 1.571 with a decimal point or 1571 with a decimal comma"), guessed.out)
        let told = run(["import", "csv", directory + "/ind.csv", "--numbers", "1.234,56"])
        XCTAssertEqual(told.code, 0, told.err)
        XCTAssertFalse(told.out.contains("decimal point or"), told.out)
        let row = (try json(run(["status", "--json"]).out)["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual((row["annual_target"] as? NSNumber)?.stringValue, "1571")
        XCTAssertEqual(run(["import", "csv", directory + "/ind.csv", "--numbers", "1 234"]).code, 2)
    }
}
