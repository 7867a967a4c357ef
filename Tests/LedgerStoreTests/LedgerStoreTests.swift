// The store in-process: appends with an injected clock, reads and folds.

import XCTest
#if canImport(Glibc)
import Glibc
#endif
import LedgerCore
@testable import LedgerStore

final class LedgerStoreTests: XCTestCase {
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "ledger-store-\(UInt64.random(in: 0...UInt64.max))"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testRecordedTimeIsStrictlyIncreasingEvenWhenTheClockStandsStill() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        let fixed = Timestamp(year: 2017, month: 2, day: 6)
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: { fixed })
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        let commands: [(Command, String?)] = [(.defineIndicator(def), nil)] + (1...12).map { m in
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), "batch:\(m)")
        }
        let receipts = try ledger.append(commands, by: author, clock: { fixed }).get()
        XCTAssertEqual(receipts.map(\.seq), Array(2...14))
        let times = receipts.map(\.at)
        XCTAssertEqual(times.first, fixed.next)
        XCTAssertTrue(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        let (state, result) = try ledger.state()
        XCTAssertEqual(result.cursor.seq, 14)
        XCTAssertEqual(state.indicators["I"]?.readings.count, 12)
        XCTAssertEqual(try ledger.verify().seq, 14)
        // The batch is one unit in the journal: `more` counts down to 0.
        var mores: [Int] = []
        try ledger.scan { mores.append($0.more) }
        XCTAssertEqual(mores, [0] + Array((0...12).reversed()))
    }

    /// A batch longer than the reader holds in memory is re-read from the
    /// file when it completes: the same events, in the same order.
    func testLongBatchesAreReadAgainNotHeld() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        let t0 = Timestamp(year: 2017, month: 1, day: 2)
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: { t0 })
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)] + (1...12).map { m in
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)
        }, by: author, clock: { t0 }).get()
        var held: [Int64] = []
        try ledger.scan { held.append($0.seq) }
        // The same files, read by a ledger that holds at most 3 events of a batch.
        let paths = LedgerPaths(directory: directory)
        let small = Ledger(storage: .files(paths), configuration: LedgerConfiguration(heldBatchLimit: 3))
        var reread: [Int64] = []
        try small.scan { reread.append($0.seq) }
        XCTAssertEqual(reread, held)
        XCTAssertEqual(reread, Array(1...14))
        XCTAssertEqual(try small.state().0.indicators["I"]?.readings.count, 12)
    }

    func testAsOfCutSeesOnlyWholeBatchesRecordedByThen() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        let t0 = Timestamp(year: 2017, month: 1, day: 2)
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: { t0 })
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)], by: author, clock: { t0 }).get()
        let t1 = Timestamp(year: 2017, month: 2, day: 6)
        _ = try ledger.append((1...3).map { m in
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)
        }, by: author, clock: { t1 }).get()
        // A cut inside the batch (after its first event) sees none of it.
        let (state, _) = try ledger.state(cut: t1.next)
        XCTAssertEqual(state.indicators["I"]?.readings.count, 0)
        XCTAssertEqual(try ledger.state(cut: t1.next.next.next).0.indicators["I"]?.readings.count, 3)
    }
}

final class FactsIndexTests: XCTestCase {
    /// After a batch, the index covers the whole journal (no rebuild needed)
    /// and points at the right lines: the values it reads back are the batch's.
    func testIndexIsCurrentAfterABatchAndPointsAtTheRightLines() throws {
        let directory = NSTemporaryDirectory() + "ledger-index-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        var t = Timestamp(year: 2017, month: 1, day: 2)
        let clock = { () -> Timestamp in t = t.next; return t }
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: clock)
        let defs: [(Command, String?)] = (0..<50).map { i in
            (.defineIndicator(IndicatorDefinition(id: "I\(i)", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))), nil)
        }
        _ = try ledger.append(defs, by: author, clock: clock).get()
        let readings: [(Command, String?)] = (0..<50).flatMap { i in (1...12).map { m in
            (Command.recordReading(indicator: "I\(i)", period: .month(2017, m), measurement: .value(DecimalNumber(i * 100 + m)), note: nil, postClose: false, reason: nil), String?.none)
        } }
        _ = try ledger.append(readings, by: author, clock: clock).get()
        let journal = try FileHandle(path: ledger.paths.journal, flags: O_RDONLY)
        let size = try journal.size()
        let index = try FactsIndex.open(in: try ledger.currentCacheFolder(), journal: journal, journalSize: size, heldBatchLimit: 4096).0
        XCTAssertFalse(index.wasRebuilt, "the index written by the batch is trusted as it is")
        XCTAssertEqual(index.cursor.offset, size)
        XCTAssertEqual(index.cursor.seq, 1 + 50 + 600)
        let facts = IndexedFacts(index: index, journal: journal)
        for i in [0, 17, 49] {
            for m in [1, 7, 12] {
                XCTAssertEqual(facts.readingInForce("I\(i)", .month(2017, m))?.measurement, .value(DecimalNumber(i * 100 + m)))
            }
            XCTAssertEqual(facts.definition(of: "I\(i)")?.id, "I\(i)")
        }
    }
}

