// Issue 13, item 11: missing months are not hidden. An as-of view weighs
// only the months due by its cut (reported, or past their reporting
// deadline), text and CSV say which months are missing or awaited, and
// `quarter` and `status` agree for the same cut. The README's own example
// (`quarter 2017-Q1 --as-of 2017-03-10` on the shipped ledger) painted 10
// of 17 indicators red because March, not over on 10 March, counted as
// nothing executed.

import Foundation
import XCTest

final class MissingMonthsTests: XCTestCase {
    func json(_ text: String) throws -> [String: Any] { try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }

    func testTheREADMEsAsOfViewWeighsOnlyTheMonthsDue() throws {
        let s = try ShippedLedgerTests.shipped()
        let q = try json(s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-10", "--plan", "POA 2017", "--json"]))
        let rows = q["indicators"] as! [[String: Any]]
        let monthly = rows.filter { $0["frequency"] as? String == "monthly" }
        XCTAssertGreaterThan(monthly.count, 10)
        for r in monthly {
            XCTAssertEqual(r["awaiting"] as? [String], ["2017-03"], "\(r["indicator"]!): March had not ended")
            XCTAssertEqual(r["missing"] as? [String], [], "\(r["indicator"]!)")
        }
        let red = monthly.filter { $0["status"] as? String == "red" }.count
        XCTAssertLessThan(red, 4, "judged on January and February, not on a March not yet due")
        let med = rows.first { $0["indicator"] as? String == "POA2017-307-INSTALACION-MEDIDORES" }!
        XCTAssertEqual((med["programmed"] as? NSNumber)?.stringValue, "650", "January's 300 and February's 350")
        XCTAssertEqual((med["executed"] as? NSNumber)?.stringValue, "804")
        // Text and CSV say it plainly.
        let text = s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-10", "--plan", "POA 2017"])
        XCTAssertTrue(text.contains("  POA2017-307-INSTALACION-MEDIDORES · awaiting 2017-03"), text)
        let csv = s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-10", "--plan", "POA 2017", "--csv"])
        XCTAssertTrue(csv.contains(",missing,awaiting,"), csv)
        XCTAssertTrue(csv.contains("POA2017-307-INSTALACION-MEDIDORES"), csv)
    }

    func testQuarterAndStatusAgreeAtEveryCut() throws {
        let s = try ShippedLedgerTests.shipped()
        // Within the quarter's reporting, status counts "to date" by itself; later, through March.
        for (cut, through) in [("2017-02-20", nil), ("2017-03-10", nil), ("2017-04-08", nil), ("2017-04-11", nil), ("2018-01-01", "2017-03")] {
            let q = try json(s.ok(["quarter", "2017-Q1", "--as-of", cut, "--plan", "POA 2017", "--json"]))
            let st = try json(s.ok(["status", "--as-of", cut, "--plan", "POA 2017", "--json"] + (through.map { ["--through", $0] } ?? [])))
            let status = Dictionary(uniqueKeysWithValues: (st["indicators"] as! [[String: Any]]).map { ($0["indicator"] as! String, $0) })
            for r in q["indicators"] as! [[String: Any]] {
                let id = r["indicator"] as! String
                guard let other = status[id] else { continue }  // defined after the cut
                XCTAssertEqual(r["ytd_compliance_pct"] as? NSNumber, other["compliance_pct"] as? NSNumber, "\(id) as of \(cut)")
                XCTAssertEqual(r["ytd_status"] as? String, other["status"] as? String, "\(id) as of \(cut)")
                XCTAssertEqual(r["ytd_programmed"] as? NSNumber, other["programmed"] as? NSNumber, "\(id) as of \(cut)")
            }
        }
    }

    func testAMonthPastItsDeadlineUnreportedIsMissing() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "300"], env: ["LEDGER_CLOCK": "2017-02-05T10:00:00-06:00"])
        // 9 February: January is in, February has not ended.
        var row = (try json(s.ok(["quarter", "2017-Q1", "--as-of", "2017-02-09", "--json"]))["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["awaiting"] as? [String], ["2017-02", "2017-03"])
        XCTAssertEqual(row["status"] as? String, "green")
        // 8 March: February ended but may still be reported until the 10th.
        row = (try json(s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-08", "--json"]))["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["awaiting"] as? [String], ["2017-02", "2017-03"])
        XCTAssertEqual((row["programmed"] as? NSNumber)?.stringValue, "300")
        // 11 March: February is overdue, missing, and counts (as zero, for a sum).
        row = (try json(s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-11", "--json"]))["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["missing"] as? [String], ["2017-02"])
        XCTAssertEqual(row["awaiting"] as? [String], ["2017-03"])
        XCTAssertEqual((row["programmed"] as? NSNumber)?.stringValue, "600")
        XCTAssertEqual(row["status"] as? String, "red")
        XCTAssertTrue(s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-11"]).contains("MED · missing 2017-02 · awaiting 2017-03"))
        XCTAssertTrue(s.ok(["status", "--as-of", "2017-03-11", "--csv"]).contains(",red,2017-02,,"), "status counts through the month due, and says it is missing")
    }
}
