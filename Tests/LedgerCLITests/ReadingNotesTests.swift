// Issue 13, item 12: the note a reading is recorded with (`append reading
// --note`) is shown wherever the reading is: history, log, export (journal
// and state), replay, and the quarter view. (The snapshot: SnapshotTests.)

import Foundation
import XCTest

final class ReadingNotesTests: XCTestCase {
    func testTheNoteIsShownEverywhere() throws {
        let s = try Sandbox()
        s.makeMedidores()
        let note = "Dato preliminar: el reporte de la cuadrilla norte llega el día 12, con las instalaciones de fin de mes"
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542", "--note", note],
             env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        XCTAssertTrue(s.ok(["history", "MED"]).contains("note: " + note), "history shows it in full")
        XCTAssertTrue(s.ok(["history", "MED", "--lang", "es"]).contains("nota: " + note))
        XCTAssertTrue(s.ok(["log"]).contains("note: " + note))
        XCTAssertTrue(s.ok(["log", "--json"]).contains("\"note\":\"\(note)\""))
        XCTAssertTrue(s.ok(["log", "--csv"]).contains(note))
        XCTAssertTrue(s.ok(["export", "journal"]).contains("\"note\":\"\(note)\""))
        XCTAssertTrue(s.ok(["export", "state", "--csv"]).contains(note))
        XCTAssertTrue(s.ok(["replay", "--until", "2017-12-31"]).contains("[note: \(note)]"))
        let q = s.ok(["quarter", "2017-Q1"], env: ["COLUMNS": "300"])
        XCTAssertTrue(q.contains(note), q)
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q1", "--json"]).utf8)) as! [String: Any]
        let notes = (json["indicators"] as! [[String: Any]])[0]["notes"] as? [[String: Any]]
        XCTAssertEqual(notes?.first?["text"] as? String, note)
        XCTAssertEqual(notes?.first?["period"] as? String, "2017-01")
        // The board's snapshot: its JSON and its page.
        s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        let files = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots"))
        let page = try String(contentsOfFile: s.path("snapshots/" + files.first { $0.hasSuffix(".es.html") }!), encoding: .utf8)
        XCTAssertTrue(page.contains("nota de la lectura: " + note), "the page shows the note")
        let snapshot = try String(contentsOfFile: s.path("snapshots/" + files.first { $0.hasSuffix(".json") }!), encoding: .utf8)
        XCTAssertTrue(snapshot.contains("\"notes\":[{\"period\":\"2017-01\",\"text\":\"\(note)\""), snapshot)
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }
}
