// The state codec behind checkpoints: a folded state, written as a global
// section and one section per fiscal year, reads back equal to itself,
// whole or year by year; truncated, corrupted or foreign bytes are refused
// (never a trap), so the Store can rebuild from the journal instead.

import LedgerToolSupport
import XCTest
@testable import LedgerCore

final class StateCodecTests: XCTestCase {
    /// A state with every kind of fact the codec carries, over two fiscal years.
    func richState() throws -> LedgerState {
        var b = StateBuilder(bands: StatusBands(green: DecimalNumber(90), yellow: DecimalNumber("70.5")!, ceiling: DecimalNumber(120)))
        b.define("PROG", target: "1000", owner: "301", plan: "POA", hierarchy: [PlanLevel(level: "programa", value: "E001")])
        b.define("MED", target: "3600", owner: "301", plan: "POA", hierarchy: [PlanLevel(level: "programa", value: "E001"), PlanLevel(level: "actividad", value: "A1")])
        b.define("COB", target: "95.5", aggregation: .ratio, direction: .descending, plan: "POA",
                 bands: StatusBands(green: DecimalNumber(99), yellow: DecimalNumber(90)))
        b.define("TRIM", target: "4", frequency: .quarterly, monthly: ["0", "0", "1", "0", "0", "1", "0", "0", "1", "0", "0", "1"])
        b.read("MED", "2017-01", "542")
        b.read("MED", "2017-02", "300.25")
        b.ratio("COB", "2017-01", "12345678.9012", "7")
        b.read("TRIM", "2017-Q1", "1")
        try b.apply(.correctReading(indicator: "MED", period: Period("2017-02")!, measurement: .value(DecimalNumber(310)), reason: "Error de captura", postClose: false))
        try b.apply(.changeTarget(indicator: "MED", change: .annual(DecimalNumber(4000)), reason: "Reprogramación"))
        try b.apply(.changeTarget(indicator: "MED", change: .period(Period("2017-03")!, DecimalNumber(350)), reason: "Ajuste"))
        try b.apply(.addObservation(indicator: "MED", period: Period("2017-01")!, text: "Entregado tarde · año"))
        try b.apply(.recordBudget(indicator: "PROG", period: Period("2017-Q1")!,
                                  figures: BudgetFigures(modified: DecimalNumber(1_000_000), accrued: DecimalNumber("250000.50")!, paid: DecimalNumber(200_000),
                                                         approved: DecimalNumber(900_000), committed: nil, exercised: DecimalNumber(200_001))))
        try b.apply(.recordBudget(indicator: "MED", period: Period("2017-Q1")!,
                                  figures: BudgetFigures(modified: DecimalNumber(500), accrued: DecimalNumber(100), paid: .zero)))
        try b.apply(.closeQuarter(quarter: .quarter(2017, 1), plan: "POA"))
        try b.apply(.recordReading(indicator: "MED", period: Period("2017-03")!, measurement: .value(DecimalNumber(1)), note: "nota",
                                   postClose: true, reason: "Entregado tarde"))
        try b.apply(.defineIndicator(IndicatorDefinition(id: "NEXT", name: "Next year", unit: "U", year: 2018, annualTarget: DecimalNumber(12))))
        try b.apply(.recordReading(indicator: "NEXT", period: Period("2018-01")!, measurement: .value(DecimalNumber(1)), note: nil,
                                   postClose: false, reason: nil))
        XCTAssertEqual(b.state.knownYears, [2017, 2018])
        return b.state
    }

    /// Global section plus each year's, decoded as the Store reads a checkpoint.
    func roundTrip(_ s: LedgerState, years: Set<Int>? = nil) throws -> LedgerState {
        var decoded = try StateCodec.decodeGlobal(StateCodec.encodeGlobal(s), years: years)
        for y in (years ?? s.knownYears).sorted(by: >) {  // out of order on purpose
            try StateCodec.decodeYear(StateCodec.encodeYear(s, y), into: &decoded)
        }
        StateCodec.sortIndicatorOrder(&decoded)
        return decoded
    }

    func testAFoldedStateRoundTrips() throws {
        let s = try richState()
        let back = try roundTrip(s)
        XCTAssertEqual(back, s)
        XCTAssertEqual(back.indicatorOrder, ["PROG", "MED", "COB", "TRIM", "NEXT"])
        XCTAssertEqual(Views.quarter(.quarter(2017, 1), of: back), Views.quarter(.quarter(2017, 1), of: s))
    }

    func testEncodingIsDeterministic() throws {
        let s = try richState()
        let back = try roundTrip(s)
        XCTAssertEqual(StateCodec.encodeGlobal(back), StateCodec.encodeGlobal(s))
        for y in [2017, 2018] { XCTAssertEqual(StateCodec.encodeYear(back, y), StateCodec.encodeYear(s, y)) }
    }

    func testOneFiscalYearAloneIsTheStateFoldedForThatYear() throws {
        let s = try richState()
        let only2018 = try roundTrip(s, years: [2018])
        XCTAssertEqual(only2018.indicatorOrder, ["NEXT"])
        XCTAssertEqual(only2018.years, [2018])
        XCTAssertEqual(only2018.knownYears, [2017, 2018], "the years known are global")
        XCTAssertEqual(only2018.head, s.head)
        XCTAssertEqual(only2018.closes, s.closes)
        XCTAssertEqual(only2018.indicators["NEXT"], s.indicators["NEXT"])
        // A year with no indicators is an empty section.
        XCTAssertEqual(StateCodec.encodeYear(s, 2030), [StateCodec.version, 0])
    }

    func testAnEmptyStateRoundTrips() throws {
        let empty = LedgerState()
        XCTAssertEqual(try roundTrip(empty), empty)
        let opened = StateBuilder().state
        XCTAssertEqual(try roundTrip(opened), opened)
    }

    func testARandomStateRoundTrips() throws {
        var rng = SplitMix64(seed: 2017)
        var b = StateBuilder()
        for i in 0..<20 {
            b.define("I\(i)", target: String(Int.random(in: 1...100_000, using: &rng)), aggregation: [.sum, .average, .last].randomElement(using: &rng)!)
        }
        for month in 1...12 {
            for i in 0..<20 where Bool.random(using: &rng) {
                let value = DecimalNumber(mantissa: Int128(Int.random(in: 0...9_999_999, using: &rng)), scale: Int.random(in: 0...4, using: &rng))
                try b.apply(.recordReading(indicator: "I\(i)", period: .month(2017, month), measurement: .value(value), note: nil, postClose: false, reason: nil))
            }
        }
        XCTAssertEqual(try roundTrip(b.state), b.state)
    }

    // MARK: Damaged bytes

    func testTruncatedSectionsAreRefused() throws {
        let s = try richState()
        let global = StateCodec.encodeGlobal(s)
        for cut in 0..<global.count {
            XCTAssertThrowsError(try StateCodec.decodeGlobal(Array(global.prefix(cut)), years: nil), "global cut at \(cut)")
        }
        let year = StateCodec.encodeYear(s, 2017)
        for cut in 0..<year.count {
            var into = LedgerState()
            XCTAssertThrowsError(try StateCodec.decodeYear(Array(year.prefix(cut)), into: &into), "2017 cut at \(cut)")
        }
    }

    func testTrailingBytesAnotherVersionAndDuplicatesAreRefused() throws {
        let s = try richState()
        let global = StateCodec.encodeGlobal(s)
        let year = StateCodec.encodeYear(s, 2017)
        func message(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch { return (error as? BinaryReaderError)?.message }
        }
        XCTAssertEqual(message { _ = try StateCodec.decodeGlobal(global + [0], years: nil) }, "trailing bytes")
        XCTAssertEqual(message { _ = try StateCodec.decodeGlobal([StateCodec.version &+ 1] + global.dropFirst(), years: nil) },
                       "another state codec version")
        var into = LedgerState()
        XCTAssertEqual(message { try StateCodec.decodeYear(year + [0], into: &into) }, "trailing bytes")
        into = LedgerState()
        XCTAssertEqual(message { try StateCodec.decodeYear([StateCodec.version &+ 1] + year.dropFirst(), into: &into) }, "another state codec version")
        into = LedgerState()
        try StateCodec.decodeYear(year, into: &into)
        XCTAssertEqual(message { try StateCodec.decodeYear(year, into: &into) }, "duplicate indicator")
    }

    func testCorruptedBytesNeverTrapAndNeverPassForTheOriginal() throws {
        let s = try richState()
        let global = StateCodec.encodeGlobal(s)
        let year = StateCodec.encodeYear(s, 2017)
        // Flip every byte (skipping the version) in turn: each decode either
        // throws or yields something other than the original state.
        for i in 1..<global.count {
            var damaged = global
            damaged[i] ^= 0xFF
            if let decoded = try? StateCodec.decodeGlobal(damaged, years: []) {
                var original = try StateCodec.decodeGlobal(global, years: [])
                original.years = decoded.years
                XCTAssertNotEqual(decoded, original, "global byte \(i)")
            }
        }
        var original = LedgerState()
        try StateCodec.decodeYear(year, into: &original)
        for i in 1..<year.count {
            var damaged = year
            damaged[i] ^= 0xFF
            var decoded = LedgerState()
            if (try? StateCodec.decodeYear(damaged, into: &decoded)) != nil {
                XCTAssertNotEqual(decoded, original, "2017 byte \(i)")
            }
        }
    }

    func testBadFieldValuesAreRefused() {
        var w = BinaryWriter()
        StateCodec.period(.month(2017, 3), &w)
        var bytes = w.bytes
        bytes[bytes.count - 2] = 13  // month 13
        XCTAssertThrowsError(try bytes.withUnsafeBytes { b in var r = BinaryReader(b); _ = try StateCodec.period(&r) })
        bytes[bytes.count - 2] = 2
        bytes[bytes.count - 1] = 3  // a quarter starting in February
        XCTAssertThrowsError(try bytes.withUnsafeBytes { b in var r = BinaryReader(b); _ = try StateCodec.period(&r) })
        XCTAssertThrowsError(try ([31, 0, 0] as [UInt8]).withUnsafeBytes { b in var r = BinaryReader(b); _ = try StateCodec.decimal(&r) }, "scale 31")
        XCTAssertThrowsError(try ([2, 2, 0] as [UInt8]).withUnsafeBytes { b in var r = BinaryReader(b); _ = try StateCodec.decimal(&r) }, "kind 2")
        XCTAssertThrowsError(try ([2] as [UInt8]).withUnsafeBytes { b in var r = BinaryReader(b); _ = try StateCodec.measurement(&r) })
    }

    func testLargeMantissasRoundTrip() throws {
        for d in [DecimalNumber(mantissa: Int128(Int64.max) + 1, scale: 2), DecimalNumber(mantissa: -(Int128(1) << 100), scale: 30),
                  DecimalNumber(mantissa: Int128(Int64.min), scale: 0), DecimalNumber(mantissa: .max, scale: 5)] {
            var w = BinaryWriter()
            StateCodec.decimal(d, &w)
            let back = try w.bytes.withUnsafeBytes { b in var r = BinaryReader(b); return try StateCodec.decimal(&r) }
            XCTAssertEqual(back, d)
        }
    }
}
