// `diff` names, for each changed figure, the events that made it, and only
// those: a target change and a reading of the same month are credited to
// the programmed and the executed figure respectively (issue 13, item 6).

import XCTest
@testable import LedgerCore

final class DiffAttributionTests: XCTestCase {
    func testEachChangeNamesTheEventsThatMadeIt() throws {
        var b = StateBuilder()
        b.define("MED", target: "3600")
        b.read("MED", "2017-01", "542")
        let before = b.state
        let from = b.events.count
        try b.apply(.changeTarget(indicator: "MED", change: .period(.month(2017, 2), DecimalNumber("350")!), reason: "Reprogramación de febrero"))
        b.read("MED", "2017-02", "262")
        try b.apply(.addObservation(indicator: "MED", period: .month(2017, 2), text: "FALTA DE MATERIAL"))
        try b.apply(.correctReading(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber("540")!),
                                    reason: "Error de captura", postClose: false), actor: "luis")
        try b.apply(.changeTarget(indicator: "MED", change: .annual(DecimalNumber("4800")!), reason: "Ampliación de meta"))
        b.define("NUEVO", target: "12")
        let between = Array(b.events[from...])
        let changes = DiffView.changes(before: before, after: b.state, between: between, quarter: .quarter(2017, 1))
        func change(_ indicator: String, _ period: String?, _ figure: String) -> FigureChange? {
            changes.first { $0.indicator == indicator && $0.period?.description == period && $0.figure == figure }
        }
        func reasons(_ indicator: String, _ period: String?, _ figure: String) -> [String] {
            change(indicator, period, figure)?.reasons.map { $0 ?? "(no reason)" } ?? ["(no such change)"]
        }
        // February: the target change made the programmed value, the reading the executed one.
        XCTAssertEqual(reasons("MED", "2017-02", "programmed"), ["Reprogramación de febrero"])
        XCTAssertEqual(reasons("MED", "2017-02", "executed"), ["(no reason)"], "the reading, not the target change or the observation")
        XCTAssertEqual(change("MED", "2017-02", "executed")?.events.map(\.seq), [between[1].seq])
        XCTAssertEqual(reasons("MED", "2017-02", "observations"), ["(no reason)"])
        XCTAssertEqual(change("MED", "2017-02", "observations")?.events.map(\.seq), [between[2].seq])
        // January: corrected by luis; its programmed value rescaled by the annual change (it has no explicit target).
        XCTAssertEqual(reasons("MED", "2017-01", "executed"), ["Error de captura"])
        XCTAssertEqual(change("MED", "2017-01", "executed")?.events.map(\.actor), ["luis"])
        XCTAssertEqual(reasons("MED", "2017-01", "programmed"), ["Ampliación de meta"])
        // The annual target change names itself, and only itself.
        XCTAssertEqual(reasons("MED", nil, "annual_target"), ["Ampliación de meta"])
        // The quarter's figures: programmed by the two target changes, executed by the two readings.
        XCTAssertEqual(reasons("MED", "2017-Q1", "quarter_programmed"), ["Reprogramación de febrero", "Ampliación de meta"])
        XCTAssertEqual(reasons("MED", "2017-Q1", "quarter_executed"), ["(no reason)", "Error de captura"])
        XCTAssertEqual(change("MED", "2017-Q1", "quarter_compliance_pct")?.events.count, 4, "both target changes and both readings")
        // A new indicator's annual target names its definition.
        XCTAssertEqual(change("NUEVO", nil, "annual_target")?.events.map(\.seq), [between[5].seq])
        XCTAssertEqual(change("NUEVO", "2017-01", "programmed")?.events.map(\.seq), [between[5].seq])
    }

    func testAnAnnualChangeDoesNotClaimMonthsWithTheirOwnTarget() throws {
        var b = StateBuilder()
        b.define("M", target: "1200", monthly: Array(repeating: "100", count: 12))
        let before = b.state
        let from = b.events.count
        try b.apply(.changeTarget(indicator: "M", change: .annual(DecimalNumber("1500")!), reason: "Ampliación"))
        try b.apply(.changeTarget(indicator: "M", change: .period(.month(2017, 3), DecimalNumber("130")!), reason: "Marzo"))
        let changes = DiffView.changes(before: before, after: b.state, between: Array(b.events[from...]), quarter: .quarter(2017, 1))
        XCTAssertEqual(changes.first { $0.figure == "programmed" }?.reasons, ["Marzo"], "every month has its own target: the annual change rescales none")
        XCTAssertEqual(changes.first { $0.figure == "annual_target" }?.reasons, ["Ampliación"])
        XCTAssertEqual(changes.first { $0.figure == "quarter_programmed" }?.reasons, ["Marzo"])
    }
}
