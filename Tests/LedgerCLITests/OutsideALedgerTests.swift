// Issue 13, item 14: outside a ledger every command gives the same answer
// (there is no ledger here, exit 1) and prints nothing before it; and item
// 10's other half: a command run with --json that fails prints the failure
// as one JSON document on stdout, never half a report.

import Foundation
import XCTest

final class OutsideALedgerTests: XCTestCase {
    /// Every command that needs a ledger, as a user would first try it.
    static let commands: [[String]] = [
        ["status"], ["quarter", "2017-Q1"], ["history", "MED"], ["log"], ["log", "--json"],
        ["replay", "--until", "2017-01-01"], ["diff", "--from", "2017-01-01", "--to", "2017-02-01"],
        ["export"], ["export", "--csv"], ["export", "state"], ["verify"], ["verify", "--json"], ["digest"], ["digest", "--json"],
        ["repair"], ["seal", "--year", "2017"], ["snapshot", "2017-Q1"],
        ["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1"],
        ["append", "close", "--quarter", "2017-Q1"], ["append", "--file", "lote.csv"],
        ["import", "csv", "indicadores.csv"], ["pending"], ["export", "xlsx", "a.xlsx", "--quarter", "2017-Q1"],
        ["export", "pnt", "a.csv", "--quarter", "2017-Q1"], ["append", "deadline", "--day", "12"],
        ["append", "amend", "--indicator", "MED", "--name", "X", "--reason", "y"],
    ]

    func testEveryCommandSaysThereIsNoLedgerHere() throws {
        let s = try Sandbox()
        try s.write("lote.csv", "type,indicator,period,value\nreading,MED,2017-01,1\n")
        try s.write("indicadores.csv", "id,name,unit,year,annual_target\nMED,MEDIDORES,MEDIDORES,2017,12\n")
        for args in Self.commands {
            let r = s.run(args)
            XCTAssertEqual(r.code, 1, "ledger \(args.joined(separator: " ")): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("ledger: there is no ledger here"), "ledger \(args.joined(separator: " ")): \(r.err)")
            if args.contains("--json") {
                let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
                XCTAssertEqual(json?["ok"] as? Bool, false, "ledger \(args.joined(separator: " ")): \(r.out)")
                XCTAssertEqual((json?["error"] as? [String: Any])?["code"] as? String, "no-ledger")
            } else {
                XCTAssertEqual(r.out, "", "ledger \(args.joined(separator: " ")) printed before failing")
            }
        }
        // Nothing was created on the way (no events/, no lock file).
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.path("events")))
        // In Spanish too, and for a ledger directory named elsewhere.
        let es = s.run(["status", "--lang", "es"])
        XCTAssertTrue(es.err.hasPrefix("ledger: no hay ledger aquí"), es.err)
        let named = s.run(["append", "close", "--quarter", "2017-Q1", "--ledger", "/nonexistent/poa"])
        XCTAssertEqual(named.code, 1)
        XCTAssertTrue(named.err.contains("there is no ledger in /nonexistent/poa"), named.err)
    }

    /// Item 10: `import … --json` refused prints the refusal as JSON on stdout.
    func testARefusedImportPrintsTheRefusalAsJSON() throws {
        let s = try Sandbox()
        s.makeMedidores()
        try s.write("lecturas.csv", "indicator,period,value\nNOPE,2017-01,5\n")
        let r = s.run(["import", "csv", "lecturas.csv", "--json"])
        XCTAssertEqual(r.code, 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        XCTAssertEqual(json["ok"] as? Bool, false)
        XCTAssertEqual(json["exit_code"] as? Int, 1)
        let error = json["error"] as! [String: Any]
        XCTAssertEqual(error["kind"] as? String, "refused")
        XCTAssertTrue((error["message_en"] as? String ?? "").contains("nothing to import"), r.out)
        XCTAssertTrue((error["details"] as? [String] ?? []).contains { $0.contains("lecturas.csv:2") }, r.out)
        XCTAssertFalse(r.err.isEmpty, "the sentence still goes to stderr")
        // A file that is not the layout: the same.
        try s.write("basura.csv", "hello\n")
        let layout = s.run(["import", "csv", "basura.csv", "--json"])
        XCTAssertEqual(layout.code, 1)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(layout.out.utf8)) as? [String: Any])?["ok"] as? Bool, false, layout.out)
    }

    /// A report that fails part-way prints nothing of itself.
    func testADamagedJournalLeavesNoHalfReportOnStdout() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-01T10:00:00-06:00"])
        var bytes = [UInt8](s.journalBytes())
        let last = bytes.lastIndex(of: UInt8(ascii: "5"))!
        bytes[last] = UInt8(ascii: "6")
        try Data(bytes).write(to: s.journal)
        for args in [["log", "--json"], ["export"], ["export", "--csv"], ["log"]] {
            let r = s.run(args)
            XCTAssertEqual(r.code, 3, "ledger \(args.joined(separator: " ")): \(r.err)")
            if args.contains("--json") || args == ["export"] {
                // export's default is JSON, but only --json asks for JSON failures.
                if args.contains("--json") {
                    let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
                    XCTAssertEqual((json?["error"] as? [String: Any])?["code"] as? String, "damaged", r.out)
                } else {
                    XCTAssertEqual(r.out, "")
                }
            } else {
                XCTAssertEqual(r.out, "", "ledger \(args.joined(separator: " "))")
            }
        }
    }
}
