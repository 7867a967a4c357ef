// Typed budgets that break CONAC's order of moments are refused, in both
// languages, and nothing is written (issue 13, item 7).

import Foundation
import XCTest

final class BudgetMomentsCLITests: XCTestCase {
    func testPaidAboveAccruedIsRefused() throws {
        let s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "indicator", "--id", "P101", "--name", "PROGRAMA 101", "--unit", "MXN", "--year", "2017",
              "--annual-target", "0", "--frequency", "quarterly"])
        let before = s.journalBytes()
        let en = s.run(["append", "budget", "--indicator", "P101", "--period", "2017-Q1", "--modified", "1000", "--accrued", "500", "--paid", "600"])
        XCTAssertEqual(en.code, 1, en.err)
        XCTAssertTrue(en.err.contains("paid 600 above accrued 500"), en.err)
        let es = s.run(["append", "budget", "--indicator", "P101", "--period", "2017-Q1", "--modified", "1000", "--accrued", "500",
                        "--paid", "400", "--committed", "450", "--lang", "es"])
        XCTAssertEqual(es.code, 1, es.err)
        XCTAssertTrue(es.err.contains("devengado 500 mayor que comprometido 450"), es.err)
        XCTAssertEqual(s.journalBytes(), before, "nothing written")
        s.ok(["append", "budget", "--indicator", "P101", "--period", "2017-Q1", "--modified", "1000", "--accrued", "500", "--paid", "400"])
    }
}
