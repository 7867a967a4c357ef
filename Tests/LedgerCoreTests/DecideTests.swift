// decide(): each rule of the journal issue, as a refusal or an event.

import XCTest
@testable import LedgerCore

final class DecideTests: XCTestCase {
    func refusal(_ command: Command, _ b: StateBuilder) -> Refusal? {
        if case .failure(let r) = Decider.decide(command, facts: b.state) { return r }
        return nil
    }

    func reading(_ id: String, _ p: String, _ v: String = "1", postClose: Bool = false, reason: String? = nil) -> Command {
        .recordReading(indicator: id, period: Period(p)!, measurement: .value(DecimalNumber(v)!), note: nil, postClose: postClose, reason: reason)
    }

    func testRules() {
        var b = StateBuilder()
        b.define("MED", target: "3600")
        b.define("TRIM", target: "4", frequency: .quarterly)
        b.define("COB", target: "95", aggregation: .ratio)
        b.read("MED", "2017-01", "542")
        XCTAssertEqual(refusal(reading("NOPE", "2017-01"), b), .unknownIndicator("NOPE"))
        XCTAssertEqual(refusal(reading("MED", "2017-01"), b), .readingExists(indicator: "MED", period: .month(2017, 1), seq: 5))
        XCTAssertEqual(refusal(reading("TRIM", "2017-03"), b), .periodNotOfFrequency(indicator: "TRIM", period: .month(2017, 3), frequency: .quarterly))
        XCTAssertEqual(refusal(reading("MED", "2018-01"), b), .periodOutsideYear(indicator: "MED", period: .month(2018, 1), year: 2017))
        XCTAssertEqual(refusal(reading("COB", "2017-01"), b), .ratioNeedsParts(indicator: "COB"))
        XCTAssertEqual(refusal(.changeTarget(indicator: "MED", change: .annual(DecimalNumber(1)), reason: nil), b), .reasonRequired("target"))
        XCTAssertEqual(refusal(.correctReading(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(5)), reason: " ", postClose: false), b), .reasonRequired("correction"))
        XCTAssertEqual(refusal(.correctReading(indicator: "MED", period: .month(2017, 2), measurement: .value(DecimalNumber(5)), reason: "r", postClose: false), b), .noReadingToCorrect(indicator: "MED", period: .month(2017, 2)))
        XCTAssertEqual(refusal(.correctReading(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(542)), reason: "r", postClose: false), b), .correctionChangesNothing(indicator: "MED", period: .month(2017, 1)))
        XCTAssertEqual(refusal(.defineIndicator(IndicatorDefinition(id: "MED", name: "x", unit: "u", year: 2017, annualTarget: .zero)), b), .indicatorExists("MED"))
        XCTAssertEqual(refusal(.open(LedgerSettings(entity: "again")), b), .alreadyOpened)
        XCTAssertEqual(refusal(reading("MED", "2017-01"), StateBuilder.unopened), .notOpened)
    }

    func testCloseThenRefusedThenPostCloseAcceptedAndMarked() throws {
        var b = StateBuilder()
        b.define("MED", target: "3600", plan: "POA")
        b.read("MED", "2017-01", "542")
        try b.apply(.closeQuarter(quarter: .quarter(2017, 1), plan: nil))
        XCTAssertEqual(refusal(.closeQuarter(quarter: .quarter(2017, 1), plan: nil), b), .alreadyClosed(quarter: .quarter(2017, 1), plan: nil))
        XCTAssertEqual(refusal(.closeQuarter(quarter: .quarter(2017, 1), plan: "POA"), b), .alreadyClosed(quarter: .quarter(2017, 1), plan: "POA"))
        XCTAssertEqual(refusal(reading("MED", "2017-02"), b), .quarterIsClosed(indicator: "MED", period: .month(2017, 2), quarter: .quarter(2017, 1)))
        XCTAssertEqual(refusal(reading("MED", "2017-02", postClose: true), b), .reasonRequired("post-close"))
        XCTAssertEqual(refusal(reading("MED", "2017-04", postClose: true, reason: "r"), b), .notClosed(indicator: "MED", period: .month(2017, 4)))
        try b.apply(reading("MED", "2017-02", postClose: true, reason: "Entregado tarde"))
        try b.apply(.correctReading(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(500)), reason: "Auditoría", postClose: true))
        let row = b.row("MED", "2017-Q1")
        XCTAssertTrue(row.marks.postClose)
        XCTAssertTrue(row.marks.corrected)
        XCTAssertEqual(b.events.last?.reason, "Auditoría")
        XCTAssertTrue(Views.quarter(.quarter(2017, 1), of: b.state).isClosed)
    }

    func testBatchFactsSeeEarlierRows() {
        let b = StateBuilder()
        let def = IndicatorDefinition(id: "NEW", name: "n", unit: "u", year: 2017, annualTarget: DecimalNumber(12))
        let ok = BatchFacts.decideAll([(.defineIndicator(def), nil), (reading("NEW", "2017-01"), nil)], base: b.state, headSeq: b.state.head.seq)
        XCTAssertEqual((try? ok.get())?.count, 2)
        let dup = BatchFacts.decideAll([(.defineIndicator(def), nil), (reading("NEW", "2017-01"), nil), (reading("NEW", "2017-01"), "f:3")], base: b.state, headSeq: b.state.head.seq)
        guard case .failure(let refusal) = dup else { return XCTFail() }
        XCTAssertEqual(refusal.refusals.map(\.0), [2])
    }
}

extension StateBuilder {
    static var unopened: StateBuilder {
        var b = StateBuilder()
        b.state = LedgerState()
        return b
    }
}
