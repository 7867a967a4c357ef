// Issue 13, item 17 (the reports' half): a report naming an indicator or
// plan that does not exist, or a time before the ledger began, says so
// (exit 1) instead of printing an empty report with exit 0; the reports
// take --plan and --owner (log, diff, replay, export too) and --csv (replay
// too); `today` and `now` are times, as `diff --help` suggests.

import Foundation
import XCTest

final class ReportOptionsTests: XCTestCase {
    func twoPlans() throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "indicator", "--id", "COB", "--name", "COBRANZA", "--unit", "ACCIONES", "--year", "2017", "--annual-target", "12",
              "--owner", "501", "--owner-name", "GERENCIA DE COBRANZA", "--plan", "POI 2017"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "300"])
        s.ok(["append", "reading", "--indicator", "COB", "--period", "2017-01", "--value", "1"])
        return s
    }

    func testAReportOfNothingSaysSo() throws {
        let s = try Sandbox()   // recorded now, by the machine's clock
        s.ok(["init", "--entity", "COMAPA Gerencia Comercial"])
        s.ok(["append", "indicator", "--id", "MED", "--name", "MEDIDORES", "--unit", "MEDIDORES", "--year", "2017", "--annual-target", "3600"])
        for args in [["quarter", "2017-Q1", "--as-of", "2017-04-10"], ["status", "--as-of", "2017-04-10"], ["history", "MED", "--as-of", "2017-04-10"],
                     ["replay", "--until", "2017-03-31"], ["diff", "--from", "2017-04-10", "--to", "2017-06-01"], ["export", "--as-of", "2017-04-10"]] {
            let r = s.run(args)
            XCTAssertEqual(r.code, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains("nothing had been recorded by"), "\(args): \(r.err)")
            XCTAssertEqual(r.out, "")
        }
        let t = try twoPlans()
        for args in [["log", "--plan", "POA 2025"], ["diff", "--from", "2017-01-01", "--to", "now", "--plan", "POA 2025"],
                     ["replay", "--until", "now", "--owner", "999"], ["export", "--plan", "POA 2025"], ["export", "state", "--owner", "999"]] {
            let r = t.run(args)
            XCTAssertEqual(r.code, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains("there is no plan named POA 2025") || r.err.contains("no indicator belongs to unit 999"), r.err)
        }
    }

    func testTodayAndNowAreTimes() throws {
        let s = try twoPlans()
        XCTAssertEqual(s.run(["diff", "--from", "2017-01-01", "--to", "today"]).code, 0)
        XCTAssertEqual(s.run(["quarter", "2017-Q1", "--as-of", "now", "--json"]).code, 0)
        XCTAssertEqual(s.run(["log", "--since", "hoy"]).code, 0)
        XCTAssertTrue(s.run(["diff", "--help"]).out.contains("today"))
        XCTAssertEqual(s.run(["quarter", "2017-Q1", "--as-of", "yesterday"]).code, 2)
    }

    func testPlanAndOwnerNarrowEveryReport() throws {
        let s = try twoPlans()
        let log = try JSONSerialization.jsonObject(with: Data(s.ok(["log", "--plan", "POI 2017", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(Set((log["events"] as! [[String: Any]]).compactMap { $0["indicator"] as? String }), ["COB"])
        XCTAssertFalse(s.ok(["log", "--owner", "307"]).contains("COB"))
        let diff = try JSONSerialization.jsonObject(with: Data(s.ok(["diff", "--from", "2017-01-01", "--to", "now", "--owner", "501", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(Set((diff["changes"] as! [[String: Any]]).map { $0["indicator"] as! String }), ["COB"])
        let replay = s.ok(["replay", "--until", "now", "--plan", "POA 2017", "--csv"])
        XCTAssertTrue(replay.hasPrefix("\u{FEFF}seq,at,actor,type,indicator"), replay)
        XCTAssertTrue(replay.contains(",MED,"))
        XCTAssertFalse(replay.contains(",COB,"))
        XCTAssertTrue(s.ok(["replay", "--until", "now", "--json"]).contains("\"state\":"))
        let journal = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "--plan", "POI 2017"]).utf8)) as! [String: Any]
        XCTAssertEqual(Set((journal["events"] as! [[String: Any]]).compactMap { $0["indicator"] as? String }), ["COB"])
        let state = try JSONSerialization.jsonObject(with: Data(s.ok(["export", "state", "--owner", "307"]).utf8)) as! [String: Any]
        XCTAssertEqual(Set((state["rows"] as! [[String: Any]]).map { $0["indicator"] as! String }), ["MED"])
        XCTAssertTrue(s.ok(["status", "--plan", "POI 2017", "--csv"]).contains("COB"))
    }
}
