// A ledger keeps the rules edition it was opened under (FORMAT.md, "Rules
// editions"): `init` writes today's edition in the opening, and a journal
// whose opening names none (every journal written before editions) is
// replayed by edition 1's rules, so what edition 2 added (look-alike names,
// invisible characters, the CONAC order of budget moments) does not fail
// it years later, while the same line in a ledger of today's edition does.

import Foundation
import LedgerCore
import XCTest

final class RuleEditionVerifyTests: XCTestCase {
    /// A ledger with MED, its opening turned into one written before
    /// editions when `old` (hashes recomputed, as that build wrote them).
    func ledger(old: Bool) throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        let opening = try JournalRewriter.read(s.journal)[0]
        XCTAssertTrue(opening.contains(",\"rules\":\(LedgerSettings.currentRulesEdition)"), opening)
        if old {
            try JournalRewriter.rewrite(s.journal, line: 1) { $0.replacingOccurrences(of: ",\"rules\":\(LedgerSettings.currentRulesEdition)", with: "") }
            XCTAssertEqual(s.run(["verify"]).code, 0)
        }
        s.checksRulesAtTheEnd = false
        return s
    }

    func testWhatEditionTwoAddedFailsOnlyALedgerOfEditionTwo() throws {
        let twin = { (line: String) in line.replacingOccurrences(of: "\"id\":\"MED\"", with: "\"id\":\"M\u{415}D\"") }
        for old in [true, false] {
            let s = try ledger(old: old)
            try JournalRewriter.append(s.journal, copying: 2, twin)
            let r = s.run(["verify"])
            if old {
                XCTAssertEqual(r.code, 0, "edition 1 has no look-alike rule: \(r.err)")
            } else {
                XCTAssertEqual(r.code, 3, r.out)
                XCTAssertTrue(r.err.contains("event 3 breaks the ledger's rules") && r.err.contains("looks like MED"), r.err)
            }
        }
    }

    /// Appends to an old ledger are decided by its edition too, so that
    /// what it accepts, verify accepts; the rules of every edition (a second
    /// reading without a correction) still hold.
    func testAnOldLedgerKeepsItsRulesForAppends() throws {
        let s = try ledger(old: true)
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-01", "--text", "texto\u{202E}oculto"],
             env: ["LEDGER_CLOCK": "2017-02-01T10:00:00-06:00"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "280"], env: ["LEDGER_CLOCK": "2017-02-02T10:00:00-06:00"])
        let again = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "290"],
                          env: ["LEDGER_CLOCK": "2017-02-03T10:00:00-06:00"])
        XCTAssertEqual(again.code, 1, again.out)
        XCTAssertEqual(s.run(["verify"]).code, 0)
        let today = try ledger(old: false)
        let refused = today.run(["append", "observation", "--indicator", "MED", "--period", "2017-01", "--text", "texto\u{202E}oculto"],
                                env: ["LEDGER_CLOCK": "2017-02-01T10:00:00-06:00"])
        XCTAssertEqual(refused.code, 1, refused.out)
    }
}
