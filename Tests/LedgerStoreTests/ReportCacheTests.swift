// The report cache answers a repeated question without folding, and never
// answers with bytes the journal no longer supports.

import XCTest
import LedgerCore
@testable import LedgerStore

final class ReportCacheTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = NSTemporaryDirectory() + "ledger-cache-\(UInt64.random(in: 0...UInt64.max))" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testRepeatsAreServedAndAppendsInvalidateNowButNotASettledPast() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "u")
        var t = Timestamp(year: 2017, month: 1, day: 2)
        let clock = { () -> Timestamp in t = Timestamp(microseconds: t.microseconds + 3_600_000_000); return t }
        _ = try ledger.create(LedgerSettings(entity: "E"), by: author, clock: clock)
        _ = try ledger.append([(.defineIndicator(IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))), nil)], by: author, clock: clock).get()
        func read(_ m: Int) throws {
            _ = try ledger.append([(.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)], by: author, clock: clock).get()
        }
        try read(1)
        let past = t
        try read(2)
        var folds = 0
        func now() throws -> String {
            try ledger.report(key: "now", cut: nil, years: [2017]) { s in folds += 1; return "\(s.indicators["I"]!.readings.count)" }
        }
        func asOfPast() throws -> String {
            try ledger.report(key: "past", cut: past, years: [2017]) { s in folds += 1; return "\(s.indicators["I"]!.readings.count)" }
        }
        XCTAssertEqual(try now(), "2"); XCTAssertEqual(folds, 1)
        XCTAssertEqual(try now(), "2"); XCTAssertEqual(folds, 1, "served from the cache")
        XCTAssertEqual(try asOfPast(), "1"); XCTAssertEqual(folds, 2)
        try read(3)
        XCTAssertEqual(try now(), "3", "an append invalidates a report of now"); XCTAssertEqual(folds, 3)
        XCTAssertEqual(try asOfPast(), "1"); XCTAssertEqual(folds, 3, "the past was settled: a later event existed when it was made")

        // A damaged cache file is not used.
        for name in try FileManager.default.contentsOfDirectory(atPath: ledger.paths.cache) where name.hasPrefix("report-") {
            var bytes = try Data(contentsOf: URL(fileURLWithPath: ledger.paths.cache + "/" + name))
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: ledger.paths.cache + "/" + name))
        }
        XCTAssertEqual(try now(), "3"); XCTAssertEqual(try asOfPast(), "1"); XCTAssertEqual(folds, 5)

        // A journal rewritten under the cache (same length, other bytes) is not trusted either.
        let journal = URL(fileURLWithPath: ledger.paths.journal)
        var bytes = try Data(contentsOf: journal)
        let i = bytes.count - 10
        bytes[i] = bytes[i] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try bytes.write(to: journal)
        XCTAssertThrowsError(try now(), "the damaged journal is read, not the cached answer")
    }
}
