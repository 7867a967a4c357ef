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

/// The facts index after appends: trusted and reused, not rebuilt.
final class FactsIndexReuseTests: XCTestCase {
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "ledger-index-\(UInt64.random(in: 0...UInt64.max))"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func inode(_ path: String) -> UInt64 {
        var st = stat()
        return stat(path, &st) == 0 ? UInt64(st.st_ino) : 0
    }

    /// Found while reading the index's crash story for the crash campaign
    /// (RELIABILITY.md, defect 1): the
    /// offsets recorded for the second and later events of a batch counted
    /// the batch's earlier lines twice, so after any batch the index's
    /// header pointed past the journal and every later append rebuilt the
    /// whole index from the journal, an O(history) append.
    func testIndexIsReusedAfterABatch() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        var clock = Timestamp(year: 2017, month: 2, day: 6)
        let tick: () -> Timestamp = { clock = clock.next; return clock }
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        let batch: [(Command, String?)] = [(.defineIndicator(def), nil)] + (1...3).map { m in
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)
        }
        _ = try ledger.append(batch, by: author, clock: tick).get()
        let index = ledger.paths.factsIndex
        let before = inode(index)
        XCTAssertNotEqual(before, 0)
        _ = try ledger.append([(.recordReading(indicator: "I", period: .month(2017, 4), measurement: .value(DecimalNumber(4)), note: nil, postClose: false, reason: nil), nil)],
                              by: author, clock: tick).get()
        XCTAssertEqual(inode(index), before, "the index was rebuilt instead of reused")
        // And what it answers for the batch's events is right: a second reading is refused, naming the first.
        let again = try ledger.append([(.recordReading(indicator: "I", period: .month(2017, 3), measurement: .value(DecimalNumber(9)), note: nil, postClose: false, reason: nil), nil)],
                                      by: author, clock: tick)
        guard case .failure(let refusal) = again else { return XCTFail("a second reading for 2017-03 was accepted") }
        XCTAssertEqual(refusal.refusals.first?.1, .readingExists(indicator: "I", period: .month(2017, 3), seq: 5))
    }
}

final class FactsIndexBootTests: XCTestCase {
    /// RELIABILITY.md, defect 2: the boot id was read as "the whole file",
    /// and /proc files have a size of 0, so it was always empty and an
    /// index written before a power cut (pages perhaps never on disk) was
    /// trusted after the reboot instead of rebuilt.
    func testBootIDIsReadFromProc() throws {
        #if os(Linux)
        let text = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        XCTAssertEqual(FactsIndex.bootID.count, 36)
        XCTAssertEqual(FactsIndex.bootID, String(text.prefix(36)))
        #endif
    }
}

final class OutOfRoomTests: XCTestCase {
    var directory: String!

    override func setUp() {
        directory = NSTemporaryDirectory() + "ledger-room-\(UInt64.random(in: 0...UInt64.max))"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs `body` with writes past `bytes` refused (EFBIG), as a full disk
    /// or `ulimit -f` would refuse them.
    private func withFileSizeLimit<T>(_ bytes: Int, _ body: () throws -> T) rethrows -> T {
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        var old = rlimit()
        getrlimit(resource, &old)
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: old.rlim_max)
        let previous = signal(SIGXFSZ, SIG_IGN)
        setrlimit(resource, &limit)
        defer {
            setrlimit(resource, &old)
            signal(SIGXFSZ, previous)
        }
        return try body()
    }

    /// RELIABILITY.md, defect 3: on a full disk the batch's write stopped
    /// partway, the append reported the I/O error (exit 4), and the part
    /// that had reached the file stayed: a torn tail that made every later
    /// append refuse until `ledger repair`.
    func testAnAppendThatRunsOutOfRoomLeavesTheJournalAsItWas() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        var clock = Timestamp(year: 2017, month: 2, day: 6)
        let tick: () -> Timestamp = { clock = clock.next; return clock }
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)], by: author, clock: tick).get()
        let before = try FileSystem.readAll(ledger.paths.journal)
        let batch: [(Command, String?)] = (1...12).map { m in
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)
        }
        XCTAssertThrowsError(try withFileSizeLimit(before.count + 100) { try ledger.append(batch, by: author, clock: tick) }) { error in
            guard case StoreError.io(let operation, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "write")
        }
        let after = try FileSystem.readAll(ledger.paths.journal)
        XCTAssertTrue(after == before, "the journal went from \(before.count) to \(after.count) bytes")
        XCTAssertEqual(try ledger.verify().seq, 2)
        // With room again, the same batch goes through.
        XCTAssertEqual(try ledger.append(batch, by: author, clock: tick).get().count, 12)
    }

    /// The same for `init`: a first event that does not fit leaves an empty
    /// journal, so that `init` can be run again.
    func testAnInitThatRunsOutOfRoomCanBeRunAgain() throws {
        let ledger = Ledger(paths: LedgerPaths(directory: directory))
        let author = Author(actor: "ana", osUser: "root")
        let t = Timestamp(year: 2017, month: 2, day: 6)
        XCTAssertThrowsError(try withFileSizeLimit(100) { try ledger.create(LedgerSettings(entity: "X"), by: author, clock: { t }) })
        XCTAssertEqual(try FileSystem.readAll(ledger.paths.journal).count, 0)
        XCTAssertEqual(try ledger.create(LedgerSettings(entity: "X"), by: author, clock: { t }).seq, 1)
    }
}
