// Exact decimals, periods and timestamps: the values every figure is made of.

import XCTest
@testable import LedgerCore

final class DecimalNumberTests: XCTestCase {
    func testRoundTripsDigitForDigit() {
        for text in ["14757499.81", "239415", "0", "-0.5", "0.000000001", "100.50", "999999999999999999", "11792305.84"] {
            XCTAssertEqual(DecimalNumber(text)?.description, text)
        }
    }

    func testRefusesWhatIsNotAPlainDecimal() {
        for text in ["", "-", ".", "5.", "1,234", "1e5", "25%", " 1", "1 ", "--1", "0x10", "1.2.3", "NaN", "١٢"] {
            XCTAssertNil(DecimalNumber(text), text)
        }
        XCTAssertEqual(DecimalNumber.parse("1234567890123456789"), .failure(.tooManyDigits))
        XCTAssertEqual(DecimalNumber.parse("0.1234567891"), .failure(.tooManyDecimals))
    }

    func testArithmeticIsExact() {
        let a = DecimalNumber("0.1")!, b = DecimalNumber("0.2")!
        XCTAssertEqual((a + b).description, "0.3")
        XCTAssertEqual(DecimalNumber("14757499.81")! + DecimalNumber("0.19")!, DecimalNumber(14757500))
        XCTAssertEqual((DecimalNumber("11792305.84")! - DecimalNumber("11729359.93")!).description, "62945.91")
        XCTAssertEqual(DecimalNumber("1.50")!, DecimalNumber("1.5")!)
        XCTAssertEqual(Set([DecimalNumber("1.50")!, DecimalNumber("1.5")!]).count, 1)
    }

    func testPercentRoundsHalfAwayFromZero() {
        // seed 001: 3,088.52 accrued of 36,300.00 modified is 8.508 %.
        XCTAssertEqual(DecimalNumber("3088.52")!.percent(of: DecimalNumber("36300.00")!)?.description, "8.51")
        XCTAssertEqual(DecimalNumber(1).percent(of: DecimalNumber(8))?.description, "12.50")
        XCTAssertEqual(DecimalNumber(2).percent(of: DecimalNumber(3))?.description, "66.67")
        XCTAssertNil(DecimalNumber(2).percent(of: .zero))
    }

    func testGroupedText() {
        XCTAssertEqual(DecimalNumber("14757499.81")!.grouped, "14,757,499.81")
        XCTAssertEqual(DecimalNumber("-1234")!.grouped, "-1,234")
        XCTAssertEqual(DecimalNumber("999")!.grouped, "999")
    }
}


final class PeriodTests: XCTestCase {
    func testParsesEveryFrequency() {
        XCTAssertEqual(Period("2017-03"), .month(2017, 3))
        XCTAssertEqual(Period("2017-Q1"), .quarter(2017, 1))
        XCTAssertEqual(Period("2017-H2"), .half(2017, 2))
        XCTAssertEqual(Period("2017"), .year(2017))
        for p in ["2017-03", "2017-Q4", "2017-H1", "2017"] { XCTAssertEqual(Period(p)?.description, p) }
    }

    func testRefusesInvalidPeriods() {
        for p in ["2017-13", "2017-00", "2017-Q5", "2017-Q0", "2017-H3", "17-01", "2017-3", "2017-003", "2017/03", "", "abcd"] {
            XCTAssertNil(Period(p), p)
        }
    }

    func testMonthsAndContainment() {
        XCTAssertEqual(Period.quarter(2017, 2).months, 4...6)
        XCTAssertEqual(Period.half(2017, 2).periods(of: .quarterly), [.quarter(2017, 3), .quarter(2017, 4)])
        XCTAssertEqual(Period.quarter(2017, 1).periods(of: .monthly).map(\.description), ["2017-01", "2017-02", "2017-03"])
        XCTAssertEqual(Period.quarter(2017, 1).periods(of: .semiannual), [])
        XCTAssertTrue(Period.year(2017).contains(.month(2017, 12)))
    }
}

final class TimestampTests: XCTestCase {
    func testFormatsAndParsesUTCWithMicroseconds() {
        let t = Timestamp(year: 2017, month: 4, day: 10, hour: 15, minute: 4, second: 5, microsecond: 123456)
        XCTAssertEqual(t.description, "2017-04-10T15:04:05.123456Z")
        XCTAssertEqual(Timestamp(parsing: t.description), t)
        XCTAssertEqual(Timestamp(parsing: "2017-04-10T10:04:05.123456-05:00"), t)
        XCTAssertEqual(Timestamp(parsing: "2017-04-10 15:04Z"), Timestamp(year: 2017, month: 4, day: 10, hour: 15, minute: 4))
        for bad in ["2017-04-10", "2017-02-30T00:00Z", "2017-04-10T25:00Z", "2017-04-10T10:00", "x"] {
            XCTAssertNil(Timestamp(parsing: bad), bad)
        }
    }

    func testCivilCalendarRoundTripsOverCenturies() {
        var days = Timestamp.days(year: 1900, month: 1, day: 1)
        let end = Timestamp.days(year: 2101, month: 1, day: 1)
        while days < end {
            let (y, m, d) = Timestamp.civil(days: days)
            XCTAssertEqual(Timestamp.days(year: y, month: m, day: d), days)
            days += 17
        }
        XCTAssertEqual(Timestamp.days(year: 1970, month: 1, day: 1), 0)
        XCTAssertEqual(Timestamp.days(year: 2000, month: 3, day: 1), 11017)
    }
}
