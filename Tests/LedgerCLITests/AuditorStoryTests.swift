// Seed 000's story end to end: INSTALACION DE MEDIDORES programmed 300 a
// month, reprogrammed to 350 for February and 420 for March; readings 542,
// 262, 419; an observation; later a correction of February to 300 by
// another actor. The auditor asks what was reported at each time, what is
// said now, and who changed it.

import Foundation
import XCTest

final class AuditorStoryTests: XCTestCase {
    /// The recorded times of each step (Mexico City, UTC-6 in 2017).
    static let steps: [(String, [String])] = [
        ("2017-02-06T10:00:00-06:00", ["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"]),
        ("2017-03-06T10:00:00-06:00", ["append", "target", "--indicator", "MED", "--period", "2017-02", "--value", "350", "--reason", "Reprogramación autorizada"]),
        ("2017-03-06T10:01:00-06:00", ["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"]),
        ("2017-03-06T10:02:00-06:00", ["append", "observation", "--indicator", "MED", "--period", "2017-02", "--text", "NO SE CUMPLIO LA META POR FALTA DE MATERIAL"]),
        ("2017-04-05T10:00:00-06:00", ["append", "target", "--indicator", "MED", "--period", "2017-03", "--value", "420", "--reason", "Reprogramación autorizada"]),
        ("2017-04-05T10:01:00-06:00", ["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419"]),
        ("2017-05-15T10:00:00-06:00", ["append", "correction", "--indicator", "MED", "--period", "2017-02", "--value", "300", "--reason", "Error de captura", "--actor", "luis"]),
    ]

    static func story() throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        for (clock, args) in steps { s.ok(args, env: ["LEDGER_CLOCK": clock]) }
        return s
    }

    func quarter(_ s: Sandbox, asOf: String?) throws -> [String: Any] {
        let out = s.ok(["quarter", "2017-Q1", "--json"] + (asOf.map { ["--as-of", $0] } ?? []))
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        return (json["indicators"] as! [[String: Any]])[0]
    }

    func testTheQuarterAtEachRecordedTime() throws {
        let s = try Self.story()
        // (as of, programmed, executed, corrected). A month counts once it is
        // reported or its reporting deadline (the 10th of the next month) has
        // passed: on 31 January nothing is due yet; on 6 March February has
        // been reprogrammed but not reported (its deadline is 10 March), so
        // only January counts; by 31 March February is in.
        let expected: [(String, String?, String?, Bool)] = [
            ("2017-01-31", nil, nil, false),
            ("2017-02-06T10:00:00-06:00", "300", "542", false),
            ("2017-03-06T10:00:30-06:00", "300", "542", false),
            ("2017-03-31", "650", "804", false),
            ("2017-04-10", "1070", "1223", false),
            ("2017-05-15T09:59:59-06:00", "1070", "1223", false),
            ("2017-05-15", "1070", "1261", true),
        ]
        for (asOf, programmed, executed, corrected) in expected {
            let row = try quarter(s, asOf: asOf)
            XCTAssertEqual((row["programmed"] as? NSNumber)?.stringValue, programmed, "programmed as of \(asOf)")
            XCTAssertEqual((row["executed"] as? NSNumber)?.stringValue, executed, "executed as of \(asOf)")
            XCTAssertEqual(row["corrected"] as? Bool, corrected, "corrected as of \(asOf)")
        }
        let now = try quarter(s, asOf: nil)
        XCTAssertEqual((now["executed"] as? NSNumber)?.stringValue, "1261")
        XCTAssertEqual((now["compliance_pct"] as? NSNumber)?.stringValue, "117.85")
        XCTAssertEqual(now["status"] as? String, "green")
        XCTAssertEqual((now["observations"] as? [[String: Any]])?.first?["text"] as? String, "NO SE CUMPLIO LA META POR FALTA DE MATERIAL")
    }

    func testHistoryTellsWhoChangedWhat() throws {
        let s = try Self.story()
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["history", "MED", "--json"]).utf8)) as! [String: Any]
        let events = json["events"] as! [[String: Any]]
        XCTAssertEqual(events.map { $0["type"] as! String }, ["indicator", "reading", "target", "reading", "observation", "target", "reading", "correction"])
        let targets = events.filter { $0["type"] as? String == "target" }
        XCTAssertEqual(targets.map { $0["value"] as? String }, ["350", "420"])
        XCTAssertEqual(targets.map { $0["previous_value"] as? String }, ["300", "300"])
        let correction = events.last!
        XCTAssertEqual(correction["actor"] as? String, "luis")
        XCTAssertEqual(correction["previous_value"] as? String, "262")
        XCTAssertEqual(correction["value"] as? String, "300")
        XCTAssertEqual(correction["reason"] as? String, "Error de captura")
        XCTAssertEqual(correction["at"] as? String, "2017-05-15T16:00:00.000000Z")
        // As of the close of Q1's reporting, the correction had not happened.
        let before = try JSONSerialization.jsonObject(with: Data(s.ok(["history", "MED", "--as-of", "2017-04-10", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual((before["events"] as! [Any]).count, 7)
        XCTAssertEqual(s.run(["history", "NOPE"]).code, 1)
    }

    func testDiffAcrossTheCorrection() throws {
        let s = try Self.story()
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["diff", "--from", "2017-04-10", "--to", "2017-06-01", "--quarter", "2017-Q1", "--json"]).utf8)) as! [String: Any]
        let changes = json["changes"] as! [[String: Any]]
        let executed = changes.first { $0["figure"] as? String == "executed" }!
        XCTAssertEqual(executed["period"] as? String, "2017-02")
        XCTAssertEqual(executed["before"] as? String, "262")
        XCTAssertEqual(executed["after"] as? String, "300")
        let event = (executed["events"] as! [[String: Any]])[0]
        XCTAssertEqual(event["seq"] as? Int, 9)
        XCTAssertEqual(event["actor"] as? String, "luis")
        XCTAssertEqual(event["reason"] as? String, "Error de captura")
        XCTAssertEqual(Set(changes.map { $0["figure"] as! String }), ["executed", "quarter_executed", "quarter_compliance_pct"])
        // Nothing changed between two times with no event between them.
        let none = try JSONSerialization.jsonObject(with: Data(s.ok(["diff", "--from", "2017-04-10", "--to", "2017-05-01", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual((none["changes"] as! [Any]).count, 0)
    }

    func testReplayShowsEachChangeAndTheStateAtT() throws {
        let s = try Self.story()
        let out = s.ok(["replay", "--until", "2017-03-31"])
        XCTAssertTrue(out.contains("MED 2017-02 programmed 300 -> 350 (Reprogramación autorizada)"), out)
        XCTAssertTrue(out.contains("MED 2017-02 executed - -> 262"), out)
        XCTAssertFalse(out.contains("419"), "nothing after the cut")
        let all = s.ok(["replay", "--until", "2017-12-31"])
        XCTAssertTrue(all.contains("luis: MED 2017-02 executed 262 -> 300 (Error de captura)"), all)
    }

    func testExportJournalAndState() throws {
        let s = try Self.story()
        let journal = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "journal", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual((journal["events"] as! [Any]).count, 9)
        XCTAssertEqual(s.ok(["export", "journal", "--csv"]).split(whereSeparator: \.isNewline).count, 10)
        let state = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "state"]).utf8)) as! [String: Any]
        let rows = state["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.count, 12, "one row per month of MED")
        let february = rows.first { $0["period"] as? String == "2017-02" }!
        XCTAssertEqual((february["programmed"] as? NSNumber)?.stringValue, "350")
        XCTAssertEqual((february["executed"] as? NSNumber)?.stringValue, "300")
        XCTAssertEqual(february["corrected"] as? Bool, true)
        let before = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "state", "--as-of", "2017-04-10"]).utf8)) as! [String: Any]
        let feb = (before["rows"] as! [[String: Any]]).first { $0["period"] as? String == "2017-02" }!
        XCTAssertEqual((feb["executed"] as? NSNumber)?.stringValue, "262")
        XCTAssertEqual(s.run(["export", "everything"]).code, 2)
    }

    /// Golden files for the table, JSON and CSV of one quarter in both
    /// languages. Re-record with LEDGER_RECORD_GOLDEN=1 after a deliberate change.
    func testGoldenQuarterReports() throws {
        let s = try Self.story()
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let record = ProcessInfo.processInfo.environment["LEDGER_RECORD_GOLDEN"] == "1"
        let cases: [(String, [String])] = [
            ("quarter-2017-Q1.en.txt", ["quarter", "2017-Q1", "--lang", "en"]),
            ("quarter-2017-Q1.es.txt", ["quarter", "2017-Q1", "--lang", "es"]),
            ("quarter-2017-Q1-as-of-2017-04-10.en.txt", ["quarter", "2017-Q1", "--as-of", "2017-04-10", "--lang", "en"]),
            ("quarter-2017-Q1.json", ["quarter", "2017-Q1", "--json"]),
            ("quarter-2017-Q1.en.csv", ["quarter", "2017-Q1", "--csv", "--lang", "en"]),
            ("quarter-2017-Q1.es.csv", ["quarter", "2017-Q1", "--csv", "--lang", "es"]),
            ("status.es.txt", ["status", "--lang", "es"]),
            ("history-MED.en.txt", ["history", "MED", "--lang", "en"]),
        ]
        for (name, args) in cases {
            let out = s.ok(args)
            let file = golden.appendingPathComponent(name)
            // Bytes, not strings: the CSV's byte-order mark is part of the contract.
            if record {
                try Data(out.utf8).write(to: file)
            } else {
                let expected = try Data(contentsOf: file)
                XCTAssertEqual(Data(out.utf8), expected, "\(name) differs from the golden file; if the change is deliberate, re-record with LEDGER_RECORD_GOLDEN=1 swift test")
            }
        }
    }
}
