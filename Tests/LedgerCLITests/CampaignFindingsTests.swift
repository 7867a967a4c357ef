// Defects the reliability campaigns found in what the CLI says (RELIABILITY.md), each reproduced here.

import Foundation
import XCTest

final class CampaignFindingsTests: XCTestCase {
    /// RELIABILITY.md, defect 7: a --lang other than es or en exited 2 with
    /// nothing on stderr: its message was buffered and never flushed.
    func testAnUnknownLanguageSaysSo() throws {
        let sandbox = try Sandbox()
        for value in ["fr", "", "--unit"] {
            let r = sandbox.run(["--lang", value, "verify"])
            XCTAssertEqual(r.code, 2)
            XCTAssertEqual(r.err, "ledger: --lang must be es or en.\n", "--lang \(value.debugDescription)")
        }
    }

    /// RELIABILITY.md, defect 8: a journal cut inside a batch (or ending in
    /// half a line) was reported with a byte offset only; the tamper
    /// campaign asks every report to name the first affected event. It is
    /// the first event of the incomplete batch.
    func testATornTailNamesItsFirstEvent() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        try sandbox.write("b.csv", "type,indicator,period,value\nreading,MED,2017-01,262\nreading,MED,2017-02,280\nreading,MED,2017-03,301\n")
        sandbox.ok(["append", "--file", "b.csv"])
        var bytes = [UInt8](sandbox.journalBytes())
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        bytes.removeSubrange((lines[3] + 20)...)  // into the batch's second event (seq 4)
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        let r = sandbox.run(["verify"])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.hasPrefix("ledger: events/journal.jsonl:3: the journal ends in an incomplete event 3 ("), r.err)
        XCTAssertTrue(sandbox.run(["--lang", "es", "verify"]).err.contains("journal.jsonl:3: el diario termina en un evento 3 incompleto"))
    }

    /// RELIABILITY.md, defect 9: an unexpected argument or unknown option
    /// was echoed whole, so a pasted 50 KB value became a 50 KB error line.
    func testUsageErrorsClipWhatTheyEcho() throws {
        let sandbox = try Sandbox()
        let long = String(repeating: "ñ", count: 20_000)
        for arguments in [["verify", long], ["verify", "--" + long], ["verify", "-" + long]] {
            let r = sandbox.run(arguments)
            XCTAssertEqual(r.code, 2)
            let widest = r.err.split(separator: "\n").map(\.utf8.count).max() ?? 0
            XCTAssertLessThan(widest, 200, r.err.prefix(300) + "...")
        }
    }
}
