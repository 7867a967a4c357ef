// Issue 11, finding 3: anyone could set the recorded time. LEDGER_CLOCK
// back-dated a post-close correction under an earlier published digest;
// one event dated 2099 pushed every later honest event to 2099 for good;
// and LEDGER_CLOCK=9999-12-31T23:00:00-05:00 wrote a year-10000 time the
// ledger could not read back (every command then said the journal was
// altered, and appends went on). Now LEDGER_CLOCK is honoured only on a
// ledger made with `init --demo`, which says so everywhere; a clock behind
// the last event is kept in the journal (a little) or refused (a lot); a
// time the journal cannot hold is refused; verify lists both.

import Foundation
import XCTest

final class ClockTests: XCTestCase {
    /// A ledger made on the system clock (not a demonstration), with MED.
    func realLedger() throws -> Sandbox {
        let s = try Sandbox()
        s.ok(["init", "--entity", "COMAPA", "--timezone", "America/Mexico_City"])
        s.ok(["append", "indicator", "--id", "MED", "--name", "MEDIDORES", "--unit", "MEDIDORES", "--year", "2017", "--annual-target", "3600"])
        return s
    }

    func testLEDGER_CLOCKIsRefusedOnALedgerNotMadeForDemonstration() throws {
        let s = try realLedger()
        let before = s.journalBytes()
        for command in [["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], ["quarter", "2017-Q1"],
                        ["verify"], ["snapshot", "2017-Q1"]] {
            let r = s.run(command, env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
            XCTAssertEqual(r.code, 1, "\(command): \(r.err)")
            XCTAssertTrue(r.err.contains("not made with `ledger init --demo`"), r.err)
        }
        XCTAssertEqual(s.journalBytes(), before, "nothing written")
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.path("snapshots/2017-Q1")))
        // init accepts LEDGER_CLOCK only with --demo.
        let other = try Sandbox()
        let r = other.run(["init", "--entity", "X"], env: ["LEDGER_CLOCK": "2017-01-02T09:00:00-06:00"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.contains("--demo"), r.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.path("events")), "nothing created")
        other.ok(["init", "--entity", "X", "--demo"], env: ["LEDGER_CLOCK": "2017-01-02T09:00:00-06:00"])
        XCTAssertTrue(String(decoding: other.journalBytes(), as: UTF8.self).hasPrefix("{\"v\":2,\"seq\":1,\"at\":\"2017-01-02T15:00:00.000000Z\""))
    }

    /// The attack of the issue: after a digest is published and the quarter
    /// closed, a correction dated before the close, under the digest.
    func testAPostCloseCorrectionCannotBeBackDated() throws {
        let s = try realLedger()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
        let digest = try XCTUnwrap(s.ok(["digest"]).split(separator: "\n").last.map(String.init))
        s.ok(["append", "close", "--quarter", "2017-Q1"])
        let before = s.journalBytes()
        let r = s.run(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "300", "--reason", "x",
                       "--post-close"], env: ["LEDGER_CLOCK": "2017-02-01T00:00:00Z"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertEqual(s.journalBytes(), before)
        s.ok(["verify", "--digest", digest])
    }

    func testAnEventDated2099IsFlaggedAndDoesNotCarryLaterEventsAlong() throws {
        XCTAssertEqual(try realLedger().run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1"],
                                            env: ["LEDGER_CLOCK": "2099-01-01T00:00:00Z"]).code, 1, "not on a real ledger")
        // On a demonstration ledger it can be recorded...
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2099-01-01T00:00:00Z"])
        // ...and verify, on this machine's clock, says it is in the future.
        let v = s.ok(["verify"])
        XCTAssertTrue(v.contains("1 event(s) are dated after this machine's clock") && v.contains("3 (2099-01-01T00:00:00.000000Z)"), v)
        let json = s.ok(["verify", "--json"])
        XCTAssertTrue(json.contains("\"dated_after_now\":[{\"seq\":3,\"at\":\"2099-01-01T00:00:00.000000Z\"}]"), json)
        XCTAssertTrue(json.contains("\"demo\":true"), json)
        // A later honest clock is not silently pushed to 2099: the append is refused, saying why.
        let before = s.journalBytes()
        for env in [["LEDGER_CLOCK": "2017-03-01T00:00:00Z"], [:]] {
            let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"], env: env)
            XCTAssertEqual(r.code, 1, r.err)
            XCTAssertTrue(r.err.contains("before the last event (event 3, recorded at 2099-01-01T00:00:00.000000Z)") && r.err.contains("ledger verify"), r.err)
        }
        XCTAssertEqual(s.journalBytes(), before)
    }

    func testATimeTheJournalCannotHoldIsNeverWritten() throws {
        let s = try Sandbox()
        s.makeMedidores()
        let before = s.journalBytes()
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"],
                      env: ["LEDGER_CLOCK": "9999-12-31T23:00:00-05:00"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.contains("10000-01-01T04:00:00.000000Z, a time the journal cannot hold"), r.err)
        XCTAssertEqual(s.journalBytes(), before)
        for command in [["verify"], ["digest"], ["quarter", "2017-Q1"], ["status"]] { s.ok(command) }
        let other = try Sandbox()
        XCTAssertEqual(other.run(["init", "--demo", "--entity", "X"], env: ["LEDGER_CLOCK": "9999-12-31T23:00:00-05:00"]).code, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: other.journal.path))
    }

    func testAClockALittleBehindIsKeptInTheJournalAndListedByVerify() throws {
        let s = try Sandbox()
        s.makeMedidores(clock: "2017-01-02T09:00:00-06:00")
        // makeMedidores appends the indicator at the same clock as init: not after it.
        let lines = String(decoding: s.journalBytes(), as: UTF8.self).split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("{\"v\":2,\"seq\":1,\"at\":\"2017-01-02T15:00:00.000000Z\",\"actor\""), String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("{\"v\":2,\"seq\":2,\"at\":\"2017-01-02T15:00:00.000001Z\",\"clock\":\"2017-01-02T15:00:00.000000Z\","), String(lines[1]))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-01-02T08:55:00-06:00"])
        XCTAssertEqual(s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"],
                             env: ["LEDGER_CLOCK": "2017-01-02T08:45:00-06:00"]).code, 1, "15 minutes behind: refused")
        let v = s.ok(["verify"])
        XCTAssertTrue(v.contains("2 event(s) were recorded while the clock read earlier than the event before them"), v)
        XCTAssertTrue(v.contains("3 (2017-01-02T15:00:00.000002Z, clock 2017-01-02T14:55:00.000000Z)"), v)
        XCTAssertTrue(v.contains("note: this is a demonstration ledger"), v)
    }

    func testADemonstrationLedgerSaysSoInEveryReportAndSnapshot() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: ["LEDGER_CLOCK": "2017-02-06T10:00:00-06:00"])
        let mark = "Demonstration ledger (init --demo)"
        for command in [["quarter", "2017-Q1"], ["status"], ["history", "MED"], ["log"], ["diff", "--from", "2017-01-01", "--to", "2017-03-01"],
                        ["replay", "--until", "2017-03-01"]] {
            XCTAssertTrue(s.ok(command).contains(mark), "\(command)")
            XCTAssertTrue(s.ok(["--lang", "es"] + command).contains("Ledger de demostración (init --demo)"), "\(command) es")
        }
        for command in [["quarter", "2017-Q1", "--json"], ["status", "--json"], ["history", "MED", "--json"], ["log", "--json"],
                        ["diff", "--from", "2017-01-01", "--to", "2017-03-01", "--json"], ["replay", "--until", "2017-03-01", "--json"],
                        ["export", "--json"], ["export", "state", "--json"]] {
            XCTAssertTrue(s.ok(command).contains("\"demo\":true"), "\(command)")
        }
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-03-01", "--lang", "es"])
        let files = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots"))
        let json = String(decoding: try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + files.first { $0.hasSuffix(".json") }!))), as: UTF8.self)
        let html = String(decoding: try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + files.first { $0.hasSuffix(".html") }!))), as: UTF8.self)
        XCTAssertTrue(json.contains("\"demo\":true"))
        XCTAssertTrue(html.contains("<p class=\"demo\">Ledger de demostración (init --demo)"))
        // A real ledger says none of it.
        let r = try realLedger()
        for command in [["quarter", "2017-Q1"], ["quarter", "2017-Q1", "--json"], ["log", "--json"], ["verify"], ["verify", "--json"]] {
            let out = r.ok(command)
            XCTAssertFalse(out.contains("Demonstration") || out.contains("\"demo\":true") || out.contains("demonstration"), "\(command): \(out)")
        }
    }
}
