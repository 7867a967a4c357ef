// CONAC's order of the budget's moments: typed budgets that break it are
// refused (issue 13, item 7); the importers' side is in LedgerImportTests.

import XCTest
@testable import LedgerCore

final class BudgetMomentsTests: XCTestCase {
    func budget(_ modified: String, _ accrued: String, _ paid: String, approved: String? = nil, committed: String? = nil,
                exercised: String? = nil) -> BudgetFigures {
        BudgetFigures(modified: DecimalNumber(modified)!, accrued: DecimalNumber(accrued)!, paid: DecimalNumber(paid)!,
                      approved: approved.map { DecimalNumber($0)! }, committed: committed.map { DecimalNumber($0)! },
                      exercised: exercised.map { DecimalNumber($0)! })
    }

    func decide(_ f: BudgetFigures) -> Refusal? {
        var b = StateBuilder()
        b.define("P101", target: "0", frequency: .quarterly)
        if case .failure(let r) = Decider.decide(.recordBudget(indicator: "P101", period: .quarter(2017, 1), figures: f), facts: b.state) { return r }
        return nil
    }

    func testTheOrderOfTheMoments() {
        // (figures, the moment out of order and the one it exceeds; nil when in order)
        let cases: [(BudgetFigures, (BudgetMoment, BudgetMoment)?)] = [
            (budget("14757499.81", "11792305.84", "11729359.93"), nil),  // seed 001, programa 101
            (budget("100", "100", "100"), nil),                            // equal is in order
            (budget("100", "0", "0"), nil),
            (budget("100", "50", "60"), (.paid, .accrued)),                // paid greater than accrued
            (budget("100", "150", "10"), (.accrued, .modified)),
            (budget("100", "150", "160"), (.accrued, .modified)),          // the first break is named
            (budget("100", "50", "40", committed: "60"), nil),
            (budget("100", "50", "40", committed: "120"), (.committed, .modified)),
            (budget("100", "50", "40", committed: "45"), (.accrued, .committed)),
            (budget("100", "50", "40", exercised: "45"), nil),
            (budget("100", "50", "40", exercised: "55"), (.exercised, .accrued)),
            (budget("100", "50", "48", exercised: "45"), (.paid, .exercised)),
            (budget("100", "50", "40", approved: "80"), nil),              // the modified budget may exceed the approved one
            (budget("100", "50", "40", approved: "120"), nil),             // or fall short of it
        ]
        for (i, (f, expected)) in cases.enumerated() {
            let found = f.momentOutOfOrder
            XCTAssertEqual(found?.moment, expected?.0, "case \(i)")
            XCTAssertEqual(found?.exceeds, expected?.1, "case \(i)")
            if let (m, e) = expected {
                XCTAssertEqual(decide(f), .budgetMomentsOutOfOrder(indicator: "P101", period: .quarter(2017, 1), moment: m, amount: f.amount(m)!,
                                                                    exceeds: e, limit: f.amount(e)!), "case \(i)")
            } else {
                XCTAssertNil(decide(f), "case \(i)")
            }
        }
    }

    func testABatchRefusesTheRowThatBreaksTheOrder() {
        var b = StateBuilder()
        b.define("P101", target: "0", frequency: .quarterly)
        let rows: [(Command, String?)] = [
            (.recordBudget(indicator: "P101", period: .quarter(2017, 1), figures: budget("100", "50", "40")), "f.csv:2"),
            (.recordBudget(indicator: "P101", period: .quarter(2017, 2), figures: budget("100", "50", "51")), "f.csv:3"),
        ]
        guard case .failure(let refusal) = BatchFacts.decideAll(rows, base: b.state, headSeq: b.state.head.seq) else { return XCTFail("accepted") }
        XCTAssertEqual(refusal.refusals.map(\.0), [1])
    }
}
