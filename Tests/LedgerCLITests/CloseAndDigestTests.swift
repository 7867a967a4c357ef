// The quarterly routine's other two acts, from the command line: closing a
// quarter (once; later values only as marked post-close adjustments), and
// publishing a digest that later proves the journal still holds that history.

import Foundation
import XCTest

final class CloseAndDigestTests: XCTestCase {
    func testCloseThenRefusedThenPostCloseAcceptedAndMarked() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        s.ok(["append", "close", "--quarter", "2017-Q1", "--actor", "planeacion"])

        let journal = s.journalBytes()
        func refused(_ args: [String], saying text: String, line: UInt = #line) {
            let r = s.run(args)
            XCTAssertEqual(r.code, 1, "\(args): \(r.err)", line: line)
            XCTAssertTrue(r.err.contains(text), "\(args) should say \"\(text)\": \(r.err)", line: line)
            XCTAssertEqual(s.journalBytes(), journal, "nothing written by \(args)", line: line)
        }
        refused(["append", "close", "--quarter", "2017-Q1"], saying: "2017-Q1 is already closed; a quarter is closed once")
        refused(["append", "close", "--quarter", "2017-Q1", "--plan", "POA 2017"], saying: "already closed")
        refused(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419"],
                saying: "2017-Q1 is closed, so MED 2017-03 cannot change silently; if this is a post-close adjustment, add --post-close --reason TEXT")
        refused(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "500", "--reason", "Auditoría"],
                saying: "--post-close")
        refused(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419", "--post-close"], saying: "needs a reason")
        refused(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "300", "--post-close", "--reason", "x"],
                saying: "the quarter of MED 2017-04 is open")
        let es = s.run(["--lang", "es", "append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419"])
        XCTAssertTrue(es.err.contains("2017-Q1 está cerrado"), es.err)

        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419", "--post-close", "--reason", "Entregado tarde"])
        s.ok(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "500", "--reason", "Auditoría", "--post-close"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "300"])
        s.ok(["verify"])

        // quarter: closed, marked P (and C for the correction).
        let q = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q1", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(q["closed"] as? Bool, true)
        let row = (q["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["post_close"] as? Bool, true)
        XCTAssertEqual(row["corrected"] as? Bool, true)
        let text = s.ok(["quarter", "2017-Q1"])
        XCTAssertTrue(text.contains("The quarter is closed."), text)
        XCTAssertTrue(text.split(separator: "\n").contains { $0.contains("MED") && $0.hasSuffix("  CP") }, "marks column: \(text)")
        // The next quarter is open and unmarked.
        let q2 = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q2", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(q2["closed"] as? Bool, false)
        XCTAssertEqual((q2["indicators"] as! [[String: Any]])[0]["post_close"] as? Bool, false)

        // status: marked P.
        let status = try JSONSerialization.jsonObject(with: Data(s.ok(["status", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual((status["indicators"] as! [[String: Any]])[0]["post_close"] as? Bool, true)
        XCTAssertTrue(s.ok(["status"]).contains("  CP  "), s.ok(["status"]))

        // history: the two adjustments flagged, with their reasons; nothing else.
        let h = try JSONSerialization.jsonObject(with: Data(s.ok(["history", "MED", "--json"]).utf8)) as! [String: Any]
        let events = h["events"] as! [[String: Any]]
        XCTAssertEqual(events.filter { $0["post_close"] as? Bool == true }.map { $0["reason"] as? String }, ["Entregado tarde", "Auditoría"])
        XCTAssertEqual(events.filter { $0["post_close"] as? Bool == true }.map { $0["period"] as? String }, ["2017-03", "2017-01"])
        let historyText = s.ok(["history", "MED"])
        // Each post-close row ("yes") is followed by its reason, in full.
        let lines = historyText.split(separator: "\n")
        XCTAssertEqual(lines.indices.filter { lines[$0].hasSuffix("yes") && $0 + 1 < lines.count && lines[$0 + 1].contains("reason: Entregado tarde") }.count, 1, historyText)
        XCTAssertTrue(s.ok(["log", "--type", "close"]).contains("planeacion"))

        // snapshot: closed, marked, the close named.
        s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        let name = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".json") }!
        let snap = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + name)))) as! [String: Any]
        XCTAssertEqual(snap["closed"] as? Bool, true)
        XCTAssertEqual((snap["indicators"] as! [[String: Any]])[0]["post_close"] as? Bool, true)
        XCTAssertEqual((snap["closes"] as! [[String: Any]]).map { $0["actor"] as? String }, ["planeacion"])
        let html = try String(contentsOfFile: s.path("snapshots/" + name.replacingOccurrences(of: ".json", with: ".es.html")), encoding: .utf8)
        XCTAssertTrue(html.contains("<span class=\"mark post\" title=\"ajuste posterior al cierre\">P</span>"))
        XCTAssertTrue(html.contains("<b>Cerrado</b>"))
        XCTAssertTrue(html.contains("por planeacion (evento 5)"), "who closed, and when")
    }

    /// Closing one plan leaves the others open; closing all of them after
    /// is still possible once.
    func testClosingOnePlan() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "indicator", "--id", "POI", "--name", "OTRA", "--unit", "X", "--year", "2017", "--annual-target", "12", "--plan", "POI 2017"])
        s.ok(["append", "close", "--quarter", "2017-Q1", "--plan", "POI 2017"])
        XCTAssertEqual(s.run(["append", "reading", "--indicator", "POI", "--period", "2017-02", "--value", "1"]).code, 1)
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        XCTAssertEqual(s.run(["append", "close", "--quarter", "2017-Q1", "--plan", "POA 2071"]).code, 1)
        s.ok(["append", "close", "--quarter", "2017-Q1"])
        XCTAssertEqual(s.run(["append", "close", "--quarter", "2017-Q1"]).code, 1)
        XCTAssertEqual(s.run(["append", "close", "--quarter", "2017-03"]).code, 1)
    }

    func testDigestHoldsAfterAppendsAndFailsAfterARewriteOfThePast() throws {
        let s = try AuditorStoryTests.story()
        // Published at the board meeting after Q1 (the head is the May correction, event 9).
        let out = s.ok(["digest"], env: [:])
        let lines = out.split(separator: "\n")
        let published = String(lines.last!)
        XCTAssertTrue(published.hasPrefix("9:"), out)
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["digest", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(json["digest"] as? String, published)
        XCTAssertEqual(json["seq"] as? Int, 9)

        // It holds after more appends.
        for m in 4...6 {
            s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "300"])
        }
        XCTAssertTrue(s.ok(["verify", "--digest", published]).contains("ok: the journal extends the digest at seq 9."))
        let appended = s.ok(["digest"]).split(separator: "\n").last.map(String.init)!
        XCTAssertTrue(appended.hasPrefix("12:"))

        // A rewrite of the past that recomputes every later hash: the chain
        // alone checks out; the published digest does not.
        let original = s.journalBytes()
        try JournalRewriter.rewrite(s.journal, line: 3) { $0.replacingOccurrences(of: "\"value\":\"542\"", with: "\"value\":\"642\"") }
        XCTAssertTrue(s.ok(["verify"]).contains("ok: 12 events, chain intact."))
        let r = s.run(["verify", "--digest", published])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.contains("does not extend the digest \(published)"), r.err)
        XCTAssertTrue(r.err.contains("rewritten"), r.err)
        XCTAssertEqual(s.run(["verify", "--digest", appended]).code, 3, "every later digest fails too")
        let forged = try JournalRewriter.hash(s.journal, line: 9)
        XCTAssertNotEqual("9:" + forged, published)
        s.ok(["verify", "--digest", "9:" + forged])

        // The same change without recomputing: the chain names the event.
        var bytes = original
        bytes[bytes.range(of: Data("\"value\":\"542\"".utf8))!.lowerBound + 9] = UInt8(ascii: "6")
        try bytes.write(to: s.journal)
        let damaged = s.run(["verify", "--digest", published])
        XCTAssertEqual(damaged.code, 3)
        XCTAssertTrue(damaged.err.contains("journal.jsonl:3: event 3 is damaged"), damaged.err)

        try original.write(to: s.journal)
        s.ok(["verify", "--digest", published])
        XCTAssertEqual(s.run(["verify", "--digest", "13:" + String(repeating: "a", count: 64)]).code, 3, "a digest beyond the head")
    }
}
