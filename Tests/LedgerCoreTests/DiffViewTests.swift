// The diff view over a whole history: every changed figure, each naming the
// events that made it, in time linear in the events. (A diff from
// 2017-01-01 to 2999-12-31 over 20,000 events once took over 120 s, because
// every changed figure filtered every event: RELIABILITY.md, defect 13.
// Each figure now looks at its own indicator's events only.)

import XCTest
@testable import LedgerCore

final class DiffViewTests: XCTestCase {
    private func history(indicators: Int) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        var at = Timestamp(year: 2017, month: 1, day: 2)
        func add(_ payload: EventPayload) {
            at = at.next
            events.append(RecordedEvent(seq: Int64(events.count + 1), at: at, actor: "ana", osUser: "ana", payload: payload,
                                        reason: nil, source: nil, more: 0, previousHash: .zero, hash: .zero))
        }
        add(.ledgerOpened(LedgerSettings(entity: "X")))
        for i in 0..<indicators {
            add(.indicatorDefined(IndicatorDefinition(id: "I\(i)", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))))
            for m in 1...12 {
                add(.readingRecorded(indicator: "I\(i)", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false))
            }
        }
        return events
    }

    func testAWholeHistoryDiffIsNotQuadratic() {
        let events = history(indicators: 1500)  // 19,501 events, 37,500 changed figures
        let after = LedgerState.fold(events)
        let start = Date()
        let changes = DiffView.changes(before: LedgerState(), after: after, between: events)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(changes.count, 1500 * 25)  // per indicator: the annual target, 12 programmed, 12 executed
        // Each figure names the events that made it: an executed value its reading,
        // a programmed value its indicator's definition (issue 13, item 6).
        let march = changes.first { $0.indicator == "I7" && $0.figure == "executed" && $0.period == .month(2017, 3) }
        let definition: Int64 = 1 + 7 * 13 + 1
        XCTAssertEqual(march?.events.map(\.seq), [definition + 3])
        let programmed = changes.first { $0.indicator == "I7" && $0.figure == "programmed" && $0.period == .month(2017, 3) }
        XCTAssertEqual(programmed?.events.map(\.seq), [definition])
        // Quadratic, this took minutes in a debug build; linear, well under a second a thousand figures.
        XCTAssertLessThan(seconds, 30, "diff over \(events.count) events took \(seconds) s")
    }
}
