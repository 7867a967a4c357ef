// The figures of docs/FIGURES.md as a table of cases: prorated targets kept
// exact until shown, compliance in both directions with missing and zero
// cases, and budget-only rows. Each row of a table says what the quarter
// and the year to date must show.

import XCTest
@testable import LedgerCore

final class FiguresTableTests: XCTestCase {
    // MARK: Prorating (issue 13, item 1)

    /// Annual target 124, no schedule: a quarter is 124 x 3 / 12 = 31 and the
    /// year 124, not 3 x 10.33 and 12 x 10.33; year-end compliance and
    /// progress are the same figure.
    func testProratedTargetsAreExactAndRoundedOnlyForDisplay() {
        var b = StateBuilder()
        b.define("REG", target: "124")
        for m in 1...12 { b.read("REG", String(format: "2017-%02d", m), "10") }
        let q1 = b.row("REG", "2017-Q1")
        XCTAssertEqual(q1.quarter.programmed?.description, "31.00")
        XCTAssertEqual(q1.quarter.compliance?.description, "96.77", "30 / 31")
        let q4 = b.row("REG", "2017-Q4")
        XCTAssertEqual(q4.yearToDate.programmed?.description, "124.00")
        XCTAssertEqual(q4.yearToDate.compliance?.description, "96.77", "120 / 124")
        XCTAssertEqual(q4.progress?.description, "96.77")
        XCTAssertEqual(q4.yearToDate.compliance, q4.progress, "year-end compliance and progress agree")
        // One month is shown rounded (10.33), but judged exactly: 10 / (124 / 12) = 96.77, not 10 / 10.33 = 96.81.
        let state = b.state.indicators["REG"]!
        XCTAssertEqual(Figures.programmed(for: .month(2017, 1), of: state)?.description, "10.33")
        let month = Figures.compliance(executed: DecimalNumber(10), programmed: Figures.exactProgrammed(for: .month(2017, 1), of: state), direction: .ascending)
        XCTAssertEqual(month?.description, "96.77")
        // The status view through December says the same.
        let status = Views.status(of: b.state).rows.first { $0.heading.id == "REG" }!
        XCTAssertEqual(status.toDate.programmed?.description, "124.00")
        XCTAssertEqual(status.toDate.compliance, status.progress)
    }

    func testExplicitAndProratedMonthsMixExactly() {
        var b = StateBuilder()
        b.define("MIX", target: "100")
        try! b.apply(.changeTarget(indicator: "MIX", change: .period(.month(2017, 2), DecimalNumber("20")!), reason: "r"))
        // January and March are 100 / 12 each: 16.666... + 20 = 36.67, rounded once.
        XCTAssertEqual(b.row("MIX", "2017-Q1").quarter.programmed?.description, "36.67")
        XCTAssertEqual(b.row("MIX", "2017-Q4").yearToDate.programmed?.description, "111.67", "11 x 100 / 12 + 20")
    }

    // MARK: Compliance and status in both directions (issue 13, item 2)

    struct Case {
        var name: String
        var direction: Direction
        var aggregation: Aggregation = .sum
        /// Monthly targets (all twelve the same), or nil for annual / 12.
        var monthly: String?
        var annual: String = "60"
        /// January to March; nil is a month not reported.
        var readings: [String?]
        var ceiling: Bool = false
        var quarter: (String?, Status)
        /// Year to date at the end of Q4 (April to December never reported).
        var year: (String?, Status)?
    }

    static let cases: [Case] = [
        // Less is better.
        Case(name: "target 5, readings 4 and 5, March missing", direction: .descending, monthly: "5", readings: ["4", "5", nil],
             quarter: (nil, .red), year: (nil, .red)),
        Case(name: "target 5, readings 4, 5, 5", direction: .descending, monthly: "5", readings: ["4", "5", "5"],
             quarter: ("107.14", .green)),
        Case(name: "target 5, readings 6, 6, 6", direction: .descending, monthly: "5", readings: ["6", "6", "6"],
             quarter: ("83.33", .yellow)),
        Case(name: "target 5, readings 9, 9, 9", direction: .descending, monthly: "5", readings: ["9", "9", "9"],
             quarter: ("55.56", .red)),
        Case(name: "executed 0 against a positive target", direction: .descending, monthly: "5", readings: ["0", "0", "0"],
             quarter: (nil, .green)),
        Case(name: "executed 0 against a positive target, with a ceiling", direction: .descending, monthly: "5", readings: ["0", "0", "0"],
             ceiling: true, quarter: (nil, .red)),
        Case(name: "target 0 met with 0", direction: .descending, monthly: "0", annual: "0", readings: ["0", "0", "0"],
             quarter: ("100.00", .green), year: (nil, .red)),
        Case(name: "target 0 exceeded", direction: .descending, monthly: "0", annual: "0", readings: ["0", "1", "0"],
             quarter: ("0.00", .red)),
        Case(name: "everything missing, descending", direction: .descending, monthly: "5", readings: [nil, nil, nil],
             quarter: (nil, .none), year: (nil, .none)),
        Case(name: "a level, descending, an earlier month missing", direction: .descending, aggregation: .last, annual: "5",
             readings: [nil, "7", "4"], quarter: ("125.00", .green)),
        Case(name: "a level, descending, the last month missing", direction: .descending, aggregation: .last, annual: "5",
             readings: ["4", "4", nil], quarter: (nil, .red)),
        // More is better.
        Case(name: "target 5, readings 4 and 5, March missing", direction: .ascending, monthly: "5", readings: ["4", "5", nil],
             quarter: ("60.00", .red), year: ("15.00", .red)),
        Case(name: "target 5, readings 6, 6, 3", direction: .ascending, monthly: "5", readings: ["6", "6", "3"],
             quarter: ("100.00", .green)),
        Case(name: "executed 0 against a positive target", direction: .ascending, monthly: "5", readings: ["0", "0", "0"],
             quarter: ("0.00", .red)),
        Case(name: "target 0", direction: .ascending, monthly: "0", annual: "0", readings: ["0", "1", "0"],
             quarter: (nil, .none)),
        Case(name: "everything missing, ascending", direction: .ascending, monthly: "5", readings: [nil, nil, nil],
             quarter: (nil, .none), year: (nil, .none)),
        Case(name: "a level, ascending, the last month missing", direction: .ascending, aggregation: .last, annual: "100",
             readings: ["90", "95", nil], quarter: (nil, .red)),
        Case(name: "an average, ascending, a month missing", direction: .ascending, aggregation: .average, annual: "10",
             readings: ["12", nil, "12"], quarter: (nil, .red)),
    ]

    func testComplianceAndStatusTable() {
        for (i, c) in Self.cases.enumerated() {
            let bands = StatusBands(green: DecimalNumber(90), yellow: DecimalNumber(70), ceiling: c.ceiling ? DecimalNumber(130) : nil)
            var b = StateBuilder(bands: bands)
            let id = "C\(i)"
            b.define(id, target: c.annual, aggregation: c.aggregation, direction: c.direction,
                     monthly: c.monthly.map { Array(repeating: $0, count: 12) })
            for (m, v) in c.readings.enumerated() { if let v { b.read(id, "2017-0\(m + 1)", v) } }
            let q = b.row(id, "2017-Q1").quarter
            XCTAssertEqual(q.compliance?.description, c.quarter.0, "\(c.direction) \(c.name): quarter compliance")
            XCTAssertEqual(q.status, c.quarter.1, "\(c.direction) \(c.name): quarter status")
            XCTAssertEqual(q.missing.map(\.description), c.readings.enumerated().filter { $0.element == nil }.map { "2017-0\($0.offset + 1)" },
                           "\(c.direction) \(c.name): missing months are listed")
            if let year = c.year {
                let ytd = b.row(id, "2017-Q4").yearToDate
                XCTAssertEqual(ytd.compliance?.description, year.0, "\(c.direction) \(c.name): year-to-date compliance")
                XCTAssertEqual(ytd.status, year.1, "\(c.direction) \(c.name): year-to-date status")
            }
        }
    }

    /// The figures: 166.67 % green for the quarter and 666.67 % for
    /// the year came from counting March as zero in a less-is-better
    /// indicator. A missing month never makes a figure better than any
    /// value it could have had.
    func testAMissingMonthNeverImprovesADescendingFigure() {
        for march in ["0", "3", "6", "50"] {
            var complete = StateBuilder()
            complete.define("D", target: "60", direction: .descending, monthly: Array(repeating: "5", count: 12))
            complete.read("D", "2017-01", "4")
            complete.read("D", "2017-02", "5")
            complete.read("D", "2017-03", march)
            var missing = StateBuilder()
            missing.define("D", target: "60", direction: .descending, monthly: Array(repeating: "5", count: 12))
            missing.read("D", "2017-01", "4")
            missing.read("D", "2017-02", "5")
            let known = complete.row("D", "2017-Q1").quarter, unknown = missing.row("D", "2017-Q1").quarter
            XCTAssertLessThanOrEqual(rank(unknown.status), rank(known.status), "March \(march)")
            if let c = unknown.compliance { XCTAssertLessThanOrEqual(c, known.compliance ?? c, "March \(march)") }
        }
    }

    func rank(_ s: Status) -> Int {
        switch s {
        case .red: return 0
        case .none: return 1
        case .yellow: return 2
        case .green: return 3
        }
    }

    // MARK: Budget-only rows (issue 13, item 10)

    func testBudgetOnlyRowsAreNotApplicableNotProgrammedZero() {
        var b = StateBuilder()
        b.define("P101", target: "0", frequency: .quarterly, hierarchy: [PlanLevel(level: "programa", value: "101")])
        b.define("A01", target: "12", frequency: .quarterly,
                 hierarchy: [PlanLevel(level: "programa", value: "101"), PlanLevel(level: "actividad", value: "01")])
        try! b.apply(.recordBudget(indicator: "P101", period: .quarter(2017, 1), figures: BudgetFigures(
            modified: DecimalNumber("1000")!, accrued: DecimalNumber("500")!, paid: DecimalNumber("400")!)))
        try! b.apply(.recordBudget(indicator: "A01", period: .quarter(2017, 1), figures: BudgetFigures(
            modified: DecimalNumber("100")!, accrued: DecimalNumber("50")!, paid: DecimalNumber("40")!)))
        b.read("A01", "2017-Q1", "0")
        let program = b.row("P101", "2017-Q1")
        XCTAssertFalse(program.quarter.isApplicable, "n/a, not programmed 0.00")
        XCTAssertNil(program.quarter.programmed)
        XCTAssertEqual(program.quarter.missing, [], "no quarter is missing where nothing is measured")
        XCTAssertFalse(program.yearToDate.isApplicable)
        XCTAssertEqual(program.quarter.status, .none)
        XCTAssertEqual(program.budget?.financialProgress?.description, "50.00", "its budget is still shown")
        let status = Views.status(of: b.state).rows.first { $0.heading.id == "P101" }!
        XCTAssertFalse(status.toDate.isApplicable)
        XCTAssertEqual(status.toDate.missing, [])
        // The activity beside it, with a target of 12, is measured as before.
        let activity = b.row("A01", "2017-Q1")
        XCTAssertTrue(activity.quarter.isApplicable)
        XCTAssertEqual(activity.quarter.programmed?.description, "3.00")
        XCTAssertEqual(activity.budget?.weight?.description, "10.00")
        // A zero-target indicator with no budget keeps its periods (a real zero target).
        b.define("CERO", target: "0", frequency: .quarterly, direction: .descending)
        XCTAssertTrue(b.row("CERO", "2017-Q1").quarter.isApplicable)
        XCTAssertEqual(b.row("CERO", "2017-Q1").quarter.missing, [.quarter(2017, 1)])
    }
}
