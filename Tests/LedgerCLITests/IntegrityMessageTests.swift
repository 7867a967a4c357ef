// Issue 13, item 15: integrity messages that do not mislead. A typo in a
// hand-copied digest is told from a rewrite; a digest past the journal's
// end says so; a journal cut short in the middle of a batch is not called a
// crash mid-append, and `repair` never moves whole events aside without
// saying so and how to put them back; `verify --json` prints the finding;
// and the messages are Spanish throughout in Spanish.

import Foundation
import XCTest

final class IntegrityMessageTests: XCTestCase {
    func ledgerWithEvents() throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        for (m, v) in [("01", "542"), ("02", "262"), ("03", "419")] {
            s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-\(m)", "--value", v])
        }
        return s
    }

    func digest(_ s: Sandbox) -> (seq: Int, hash: String) {
        let line = s.ok(["digest"]).split(separator: "\n").last!
        let parts = line.split(separator: ":")
        return (Int(parts[0])!, String(parts[1]))
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    func testADigestTypoIsToldFromARewrite() throws {
        let s = try ledgerWithEvents()
        let (seq, hash) = digest(s)
        var chars = Array(hash)
        chars[10] = chars[10] == "a" ? "b" : "a"
        let typo = s.run(["verify", "--digest", "\(seq):\(String(chars))"])
        XCTAssertEqual(typo.code, 3)
        XCTAssertTrue(typo.err.contains("in 1 character(s), at position(s) 11: most likely a typo in the copy"), typo.err)
        XCTAssertFalse(typo.err.contains("history up to it was rewritten"), typo.err)
        let asJSON = s.run(["verify", "--digest", "\(seq):\(String(chars))", "--json"])
        let error = try json(asJSON.out)["error"] as! [String: Any]
        XCTAssertEqual(error["code"] as? String, "digest-typo")
        XCTAssertEqual(error["seq"] as? Int, seq)
        // The hash of another event: the seq was miscopied.
        let seqTypo = s.run(["verify", "--digest", "\(seq - 1):\(hash)"])
        XCTAssertTrue(seqTypo.err.contains("is the journal's hash of event \(seq), not of event \(seq - 1): the seq was miscopied"), seqTypo.err)
        // A wholly different hash: rewritten.
        let other = String(repeating: "ab", count: 32)
        let rewritten = s.run(["verify", "--digest", "\(seq):\(other)"])
        XCTAssertTrue(rewritten.err.contains("was rewritten"), rewritten.err)
        // Past the end: no "(it has - at that seq)".
        let beyond = s.run(["verify", "--digest", "\(seq + 40):\(hash)"])
        XCTAssertEqual(beyond.code, 3)
        XCTAssertTrue(beyond.err.contains("names event \(seq + 40), but the journal ends at event \(seq)"), beyond.err)
        XCTAssertFalse(beyond.err.contains("it has -"), beyond.err)
        // A digest shortened as guides print it is a usage error that says so.
        let short = s.run(["verify", "--digest", "\(seq):\(hash.prefix(8))…\(hash.suffix(5))"])
        XCTAssertEqual(short.code, 2)
        XCTAssertTrue(short.err.contains("shortened"), short.err)
        // And in Spanish.
        XCTAssertTrue(s.run(["verify", "--digest", "\(seq):\(String(chars))", "--lang", "es"]).err.contains("lo más probable es un error al copiarlo"))
    }

    func testAJournalCutShortInABatchIsNotCalledACrashAndRepairSaysWhatItMoves() throws {
        let s = try ledgerWithEvents()
        // A batch of 20 events (6 to 25), then the journal cut in the middle of the batch's 13th line.
        var batch = "type,indicator,period,text\n"
        for i in 1...20 { batch += "observation,MED,2017-0\(i % 9 + 1),nota \(i)\n" }
        try s.write("lote.csv", batch)
        s.ok(["append", "--file", "lote.csv"])
        let full = s.journalBytes()
        let lines = full.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let keep = lines.prefix(5 + 12).reduce(0) { $0 + $1.count + 1 } + 30
        try full.prefix(keep).write(to: s.journal)
        let v = s.run(["verify"])
        XCTAssertEqual(v.code, 3)
        XCTAssertTrue(v.err.contains("the journal ends in an incomplete batch: events 6 to 17 are whole, but their batch of 20 events lacks its last 8 (part of event 18 follows)"), v.err)
        XCTAssertFalse(v.err.contains("left by a crash"), v.err)
        let vj = try json(s.run(["verify", "--json"]).out)
        XCTAssertEqual((vj["error"] as? [String: Any])?["code"] as? String, "incomplete-batch")
        XCTAssertTrue(s.run(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "1"]).err.contains("incomplete batch"))
        let r = s.run(["repair"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("moved 12 whole events (seq 6 to 17, of a batch of 20 that lacks its last 8) and 30 bytes of event 18, "), r.out)
        XCTAssertTrue(r.out.contains("To put them back as they were: cat events/journal.torn-6-at-byte-"), r.out)
        XCTAssertEqual(s.run(["verify"]).code, 0)
        // Put back as the message says: the journal is as it was, incomplete again.
        let side = try FileManager.default.contentsOfDirectory(atPath: s.path("events")).first { $0.hasPrefix("journal.torn-") }!
        var restored = s.journalBytes()
        restored.append(try Data(contentsOf: URL(fileURLWithPath: s.path("events/" + side))))
        XCTAssertEqual(restored, full.prefix(keep))
        // Part of a single event only: an incomplete event, said as such.
        let t = try ledgerWithEvents()
        var bytes = t.journalBytes()
        bytes.append(contentsOf: Array("{\"v\":1,\"seq\":6,".utf8))
        try bytes.write(to: t.journal)
        let torn = t.run(["verify"])
        XCTAssertTrue(torn.err.contains("the journal ends in an incomplete event 6"), torn.err)
        XCTAssertTrue(t.run(["repair"]).out.contains("moved 15 bytes of an incomplete event to"))
    }

    func testDamageIsSpanishThroughoutAndJSON() throws {
        let s = try ledgerWithEvents()
        var text = String(decoding: s.journalBytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"542\"", with: "\"543\"")
        try text.write(to: s.journal, atomically: true, encoding: .utf8)
        let es = s.run(["verify", "--lang", "es"])
        XCTAssertEqual(es.code, 3)
        XCTAssertTrue(es.err.contains("el evento 3 está dañado: sus bytes no coinciden con su hash: el evento se alteró"), es.err)
        XCTAssertFalse(es.err.contains("its bytes"), es.err)
        let j = try json(s.run(["verify", "--json"]).out)
        XCTAssertEqual(j["ok"] as? Bool, false)
        let error = j["error"] as! [String: Any]
        XCTAssertEqual(error["code"] as? String, "damaged")
        XCTAssertEqual(error["seq"] as? Int, 3)
        XCTAssertEqual(error["file"] as? String, "events/journal.jsonl")
    }
}
