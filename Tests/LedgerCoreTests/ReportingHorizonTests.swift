// The calendar a view weighs periods by (issue 13, item 11): which months
// had ended and which were past their reporting deadline at a cut, in the
// ledger's zone, at the edges that matter: the last instant of a month, the
// deadline day, a month shorter than the deadline, December into January.

import XCTest
@testable import LedgerCore

final class ReportingHorizonTests: XCTestCase {
    /// The horizon at a local time in a zone `offset` hours from UTC.
    func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 12, _ min: Int = 0, _ s: Int = 0, _ us: Int = 0, offset: Int64 = -6,
            deadline: Int = 10) -> ReportingHorizon {
        let local = Timestamp(year: y, month: m, day: d, hour: h, minute: min, second: s, microsecond: us)
        let utc = Timestamp(microseconds: local.microseconds - offset * 3600 * 1_000_000)
        return ReportingHorizon.at(utc, offsetSeconds: offset * 3600, deadline: ReportingDeadline(day: deadline))
    }

    func testEndedAndOverdue() {
        let march10 = at(2017, 3, 10)
        XCTAssertTrue(march10.hasEnded(.month(2017, 2)))
        XCTAssertFalse(march10.hasEnded(.month(2017, 3)), "March has not ended on 10 March")
        XCTAssertTrue(march10.isOverdue(.month(2017, 1)))
        XCTAssertFalse(march10.isOverdue(.month(2017, 2)), "February may be reported until the end of 10 March")
        XCTAssertTrue(at(2017, 3, 10, 23, 59, 59, 999_999).isOverdue(.month(2017, 2)), "at the last instant of the 10th it is due")
        XCTAssertTrue(at(2017, 3, 11, 0).isOverdue(.month(2017, 2)))
        // A month ends at its last instant.
        XCTAssertTrue(at(2017, 3, 31, 23, 59, 59, 999_999).hasEnded(.month(2017, 3)))
        XCTAssertFalse(at(2017, 3, 31, 23, 59, 59, 999_998).hasEnded(.month(2017, 3)))
        // Quarters, halves and years end and fall due with their last month.
        XCTAssertFalse(at(2017, 4, 5).isOverdue(.quarter(2017, 1)))
        XCTAssertTrue(at(2017, 4, 11).isOverdue(.quarter(2017, 1)))
        XCTAssertTrue(at(2018, 1, 11).isOverdue(.year(2017)))
        XCTAssertFalse(at(2018, 1, 10).isOverdue(.year(2017)))
        XCTAssertTrue(at(2018, 1, 10).hasEnded(.year(2017)))
    }

    func testTheDeadlineInAShortMonthAndTheZone() {
        // A deadline day of 31 in February's window closes on its last day.
        XCTAssertFalse(at(2017, 2, 27, deadline: 31).isOverdue(.month(2017, 1)))
        XCTAssertTrue(at(2017, 2, 28, 23, 59, 59, 999_999, deadline: 31).isOverdue(.month(2017, 1)))
        XCTAssertEqual(at(2017, 2, 1).deadlineDate(of: .month(2017, 1)), CivilDate(year: 2017, month: 2, day: 10))
        XCTAssertEqual(at(2017, 2, 1, deadline: 31).deadlineDate(of: .month(2017, 1)), CivilDate(year: 2017, month: 2, day: 28))
        XCTAssertEqual(at(2017, 2, 1).deadlineDate(of: .quarter(2017, 4)), CivilDate(year: 2018, month: 1, day: 10))
        // The same instant is the 10th in Mexico City and already the 11th in UTC.
        let instant = Timestamp(year: 2017, month: 3, day: 11, hour: 3)
        XCTAssertFalse(ReportingHorizon.at(instant, offsetSeconds: -6 * 3600).isOverdue(.month(2017, 2)))
        XCTAssertTrue(ReportingHorizon.at(instant, offsetSeconds: 0).isOverdue(.month(2017, 2)))
        XCTAssertTrue(ReportingHorizon.everything.isOverdue(.month(9999, 12)))
    }
}
