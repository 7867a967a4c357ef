// The figures of LEDGER.md, one rule at a time, on folded states.

import LedgerToolSupport
import XCTest
@testable import LedgerCore

/// Builds states by deciding commands, as the ledger does, with a clock
/// that ticks a minute per event.
struct StateBuilder {
    var state = LedgerState()
    var events: [RecordedEvent] = []
    var clock = Timestamp(year: 2017, month: 1, day: 2)

    init(bands: StatusBands = .standard) {
        try! apply(.open(LedgerSettings(entity: "Prueba", timeZone: "UTC", bands: bands)))
    }

    mutating func apply(_ command: Command, actor: String = "ana") throws {
        let pending = try Decider.decide(command, facts: state).get()
        clock = Timestamp(microseconds: clock.microseconds + 60_000_000)
        let (line, hash) = EventCodec.encode(seq: state.head.seq + 1, at: clock, actor: actor, osUser: "u", pending: pending,
                                             more: 0, previous: state.head.hash)
        let event = try EventCodec.decode(line: Array(line.dropLast()))
        XCTAssertEqual(event.hash, hash)
        events.append(event)
        state.apply(event)
    }

    mutating func define(_ id: String, target: String, frequency: Frequency = .monthly, aggregation: Aggregation = .sum,
                         direction: Direction = .ascending, monthly: [String]? = nil, owner: String? = nil, plan: String = "",
                         hierarchy: [PlanLevel] = [], bands: StatusBands? = nil) {
        try! apply(.defineIndicator(IndicatorDefinition(
            id: id, name: id, unit: "U", frequency: frequency, year: 2017, annualTarget: DecimalNumber(target)!,
            monthlyTargets: monthly?.map { DecimalNumber($0)! }, aggregation: aggregation, direction: direction,
            ownerCode: owner, plan: plan, hierarchy: hierarchy, bands: bands)))
    }

    mutating func read(_ id: String, _ period: String, _ value: String) {
        try! apply(.recordReading(indicator: id, period: Period(period)!, measurement: .value(DecimalNumber(value)!), note: nil, postClose: false, reason: nil))
    }

    mutating func ratio(_ id: String, _ period: String, _ n: String, _ d: String) {
        try! apply(.recordReading(indicator: id, period: Period(period)!, measurement: .ratio(numerator: DecimalNumber(n)!, denominator: DecimalNumber(d)!), note: nil, postClose: false, reason: nil))
    }

    func row(_ id: String, _ q: String) -> QuarterRow {
        Views.quarter(Period(q)!, of: state).rows.first { $0.heading.id == id }!
    }
}

final class FiguresTests: XCTestCase {
    func testSumIndicatorQuarterIsTheSumOfItsMonths() {
        var b = StateBuilder()
        b.define("RECIBOS", target: "2842236")
        b.read("RECIBOS", "2017-01", "239415")
        b.read("RECIBOS", "2017-02", "239710")
        b.read("RECIBOS", "2017-03", "240037")
        let r = b.row("RECIBOS", "2017-Q1")
        XCTAssertEqual(r.quarter.executed, DecimalNumber("719162"))
        XCTAssertEqual(r.quarter.programmed, DecimalNumber("710559"), "annual / 12 a month, three months")
        XCTAssertEqual(r.quarter.compliance?.description, "101.21")
        XCTAssertEqual(r.quarter.status, .green)
        XCTAssertEqual(r.progress?.description, "25.30")
    }

    func testRatioIsSumOfNumeratorsOverSumOfDenominatorsNeverAMeanOfPercentages() {
        var b = StateBuilder()
        b.define("COB", target: "95", aggregation: .ratio)
        b.ratio("COB", "2017-01", "90", "100")     // 90 %
        b.ratio("COB", "2017-02", "10", "10")      // 100 %
        b.ratio("COB", "2017-03", "900", "1000")   // 90 %
        let r = b.row("COB", "2017-Q1")
        XCTAssertEqual(r.quarter.executed?.description, "90.09", "1000/1110, not the mean 93.33")
        XCTAssertEqual(r.quarter.programmed, DecimalNumber("95"))
    }

    func testLastAndAverage() {
        var b = StateBuilder()
        b.define("PADRON", target: "1000", aggregation: .last)
        b.define("TIEMPO", target: "10", aggregation: .average)
        for (m, v) in [("01", "900"), ("02", "950"), ("03", "980")] { b.read("PADRON", "2017-\(m)", v) }
        for (m, v) in [("01", "9"), ("02", "12"), ("03", "10")] { b.read("TIEMPO", "2017-\(m)", v) }
        XCTAssertEqual(b.row("PADRON", "2017-Q1").quarter.executed, DecimalNumber("980"))
        XCTAssertEqual(b.row("PADRON", "2017-Q1").quarter.programmed, DecimalNumber("1000"))
        XCTAssertEqual(b.row("TIEMPO", "2017-Q1").quarter.executed?.description, "10.33")
    }

    func testDescendingComplianceIsProgrammedOverExecuted() {
        var b = StateBuilder()
        b.define("QUEJAS", target: "120", direction: .descending)
        b.read("QUEJAS", "2017-01", "5")
        b.read("QUEJAS", "2017-02", "10")
        b.read("QUEJAS", "2017-03", "15")
        // programmed 30, executed 30 -> 100; fewer complaints would be better.
        XCTAssertEqual(b.row("QUEJAS", "2017-Q1").quarter.compliance?.description, "100.00")
        b.define("Q2", target: "120", direction: .descending)
        b.read("Q2", "2017-01", "10")
        b.read("Q2", "2017-02", "15")
        b.read("Q2", "2017-03", "15")
        XCTAssertEqual(b.row("Q2", "2017-Q1").quarter.compliance?.description, "75.00", "30 programmed / 40 executed")
        XCTAssertEqual(b.row("Q2", "2017-Q1").quarter.status, .yellow)
    }

    func testPeriodsWithNothingDueAreNotApplicableNotZero() {
        var b = StateBuilder()
        b.define("SEM", target: "2", frequency: .semiannual)
        b.define("ANUAL", target: "1", frequency: .annual)
        let q1 = b.row("SEM", "2017-Q1")
        XCTAssertFalse(q1.quarter.isApplicable)
        XCTAssertNil(q1.quarter.programmed)
        XCTAssertEqual(q1.quarter.status, .none)
        XCTAssertTrue(b.row("SEM", "2017-Q2").quarter.isApplicable)
        XCTAssertEqual(b.row("SEM", "2017-Q2").quarter.programmed, DecimalNumber("1"))
        XCTAssertFalse(b.row("ANUAL", "2017-Q3").quarter.isApplicable)
        XCTAssertEqual(b.row("ANUAL", "2017-Q4").quarter.programmed, DecimalNumber("1"))
    }

    func testTargetChangesReplaceAPeriodAndAnnualChangesRescaleTheOthers() {
        var b = StateBuilder()
        b.define("MED", target: "3600")
        try! b.apply(.changeTarget(indicator: "MED", change: .period(.month(2017, 2), DecimalNumber("350")!), reason: "r"))
        XCTAssertEqual(b.row("MED", "2017-Q1").quarter.programmed, DecimalNumber("950"))
        try! b.apply(.changeTarget(indicator: "MED", change: .annual(DecimalNumber("4800")!), reason: "r"))
        // January and March rescale to 400; February keeps its explicit 350.
        XCTAssertEqual(b.row("MED", "2017-Q1").quarter.programmed, DecimalNumber("1150"))
        XCTAssertEqual(b.row("MED", "2017-Q1").heading.approvedTarget, DecimalNumber("3600"))
        XCTAssertEqual(b.row("MED", "2017-Q1").heading.annualTarget, DecimalNumber("4800"))
        XCTAssertTrue(b.row("MED", "2017-Q1").marks.reprogrammed)
    }

    func testStatusBandsCeilingAndOverrides() {
        let bands = StatusBands(green: DecimalNumber(90), yellow: DecimalNumber(70), ceiling: DecimalNumber(130))
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("90"), bands: bands), .green)
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("89.99"), bands: bands), .yellow)
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("70"), bands: bands), .yellow)
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("69.99"), bands: bands), .red)
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("130"), bands: bands), .green)
        XCTAssertEqual(Figures.status(compliance: DecimalNumber("130.01"), bands: bands), .red, "over the ceiling is flagged")
        XCTAssertEqual(Figures.status(compliance: nil, bands: bands), .none)
        var b = StateBuilder()
        b.define("X", target: "12", bands: StatusBands(green: DecimalNumber(100), yellow: DecimalNumber(95)))
        b.read("X", "2017-01", "0.97")
        XCTAssertEqual(b.row("X", "2017-Q1").quarter.status, .red, "only January reported: 0.97 of 3")
    }

    func testBudgetFinancialProgressAndWeightInTheProgram() {
        var b = StateBuilder()
        b.define("P101", target: "0", hierarchy: [PlanLevel(level: "programa", value: "101")])
        b.define("A01", target: "12", hierarchy: [PlanLevel(level: "programa", value: "101"), PlanLevel(level: "actividad", value: "01")])
        try! b.apply(.recordBudget(indicator: "P101", period: .quarter(2017, 1), figures: BudgetFigures(modified: DecimalNumber("14757499.81")!, accrued: DecimalNumber("11792305.84")!, paid: DecimalNumber("11729359.93")!)))
        try! b.apply(.recordBudget(indicator: "A01", period: .quarter(2017, 1), figures: BudgetFigures(modified: DecimalNumber("36300.00")!, accrued: DecimalNumber("3088.52")!, paid: DecimalNumber("0.00")!)))
        let budget = b.row("A01", "2017-Q1").budget!
        XCTAssertEqual(budget.financialProgress?.description, "8.51")
        XCTAssertEqual(budget.weight?.description, "0.25", "the seed prints .246 %")
        XCTAssertEqual(b.row("P101", "2017-Q1").budget?.financialProgress?.description, "79.91")
    }

    func testTheSumOfTheQuartersIsTheYearForSumIndicators() {
        var rng = SplitMix64(seed: 3)
        for round in 0..<20 {
            var b = StateBuilder()
            let monthly = (0..<12).map { _ in String(Int.random(in: 0...500, using: &rng)) }
            b.define("S\(round)", target: String(Int.random(in: 1...9000, using: &rng)), monthly: Bool.random(using: &rng) ? monthly : nil)
            for m in 1...12 where Bool.random(using: &rng) {
                b.read("S\(round)", String(format: "2017-%02d", m), "\(Int.random(in: 0...999, using: &rng)).\(Int.random(in: 0...99, using: &rng))")
            }
            let quarters = (1...4).map { b.row("S\(round)", "2017-Q\($0)") }
            let executed = quarters.compactMap(\.quarter.executed).reduce(DecimalNumber.zero, +)
            let programmed = quarters.compactMap(\.quarter.programmed).reduce(DecimalNumber.zero, +)
            XCTAssertEqual(executed, quarters[3].yearToDate.executed ?? .zero, "round \(round)")
            XCTAssertEqual(programmed, quarters[3].yearToDate.programmed, "round \(round)")
        }
    }
}
