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
        JournalReader.heldBatchLimit = 3
        defer { JournalReader.heldBatchLimit = 4096 }
        var reread: [Int64] = []
        try ledger.scan { reread.append($0.seq) }
        XCTAssertEqual(reread, held)
        XCTAssertEqual(reread, Array(1...14))
        XCTAssertEqual(try ledger.state().0.indicators["I"]?.readings.count, 12)
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
        let index = try FactsIndex.open(path: ledger.paths.factsIndex, journal: journal, journalSize: size).0
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

/// RELIABILITY.md, defect 5: the facts index trusted its slots blindly
/// (only its header is checksummed). The bad-input campaign's corrupted
/// caches found an index whose slots were all 0xFF made every append probe
/// forever (a hang), and zeroed slots made appends refuse ("not opened") or
/// accept a second reading for a period. Slots now carry checks, lookups are
/// bounded, answers are checked against the journal, and a damaged index is
/// rebuilt before anything is decided.
final class FactsIndexCorruptionTests: XCTestCase {
    var directory: String!
    var ledger: Ledger!
    let author = Author(actor: "ana", osUser: "root")
    var clock = Timestamp(year: 2017, month: 2, day: 6)

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "ledger-corrupt-\(UInt64.random(in: 0...UInt64.max))"
        ledger = Ledger(paths: LedgerPaths(directory: directory))
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)], by: author, clock: tick).get()
        for m in 1...3 { _ = try ledger.append([(reading(m), nil)], by: author, clock: tick).get() }
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func tick() -> Timestamp {
        clock = clock.next
        return clock
    }

    func reading(_ month: Int) -> Command {
        .recordReading(indicator: "I", period: .month(2017, month), measurement: .value(DecimalNumber(month)), note: nil, postClose: false, reason: nil)
    }

    /// What the ledger decides, without writing: the second reading of
    /// 2017-02 is refused naming seq 4, and one for 2017-05 would go in.
    func assertDecisionsAreRight(file: StaticString = #filePath, line: UInt = #line) throws {
        let second = try ledger.append([(reading(2), nil)], by: author, clock: tick, dryRun: true)
        guard case .failure(let refusal) = second else { return XCTFail("a second reading for 2017-02 was accepted", file: file, line: line) }
        XCTAssertEqual(refusal.refusals.first?.1, .readingExists(indicator: "I", period: .month(2017, 2), seq: 4), file: file, line: line)
        XCTAssertNoThrow(try ledger.append([(reading(5), nil)], by: author, clock: tick, dryRun: true).get(), file: file, line: line)
    }

    func corruptSlots(_ body: (inout [UInt8]) -> Void) throws {
        var bytes = try FileSystem.readAll(ledger.paths.factsIndex)
        body(&bytes)
        let f = try FileHandle(path: ledger.paths.factsIndex, flags: O_WRONLY)
        try f.writeAll(bytes)
    }

    func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    func setWord(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    /// The offsets of the slots in use.
    func usedSlots(_ bytes: [UInt8]) -> [Int] {
        stride(from: FactsIndex.headerSize, to: bytes.count, by: FactsIndex.slotSize).filter { word(bytes, $0) != 0 }
    }

    func testSlotsFullOfOnesAreRebuiltNotProbedForever() throws {
        try corruptSlots { bytes in
            for i in FactsIndex.headerSize..<bytes.count { bytes[i] = 0xFF }
        }
        try assertDecisionsAreRight()
    }

    func testZeroedSlotsAreNotTakenForEmptyOnes() throws {
        try corruptSlots { bytes in
            for offset in usedSlots(bytes) { for i in offset..<(offset + FactsIndex.slotSize) { bytes[i] = 0 } }
        }
        try assertDecisionsAreRight()
    }

    func testASlotThatPointsAtAnotherEventIsCaughtByTheJournal() throws {
        // Swap the payloads of two reading slots and make their checks right again:
        // only the journal line each points to can tell.
        try corruptSlots { bytes in
            // Readings of January and February (seqs 3 and 4); seq 5 is also the
            // indicator's history slot (its last event), so it is left alone.
            let readings = usedSlots(bytes).filter { (3...4).contains(word(bytes, $0 + 16)) }
            XCTAssertEqual(readings.count, 2)
            let (x, y) = (readings[0], readings[1])
            let (px, py) = ((word(bytes, x + 16), word(bytes, x + 24)), (word(bytes, y + 16), word(bytes, y + 24)))
            for (offset, payload) in [(x, py), (y, px)] {
                let i = (offset - FactsIndex.headerSize) / FactsIndex.slotSize
                let a = word(bytes, offset), bHigh = word(bytes, offset + 8) & 0xFFFF_FFFF_0000_0000
                setWord(&bytes, offset + 16, payload.0)
                setWord(&bytes, offset + 24, payload.1)
                setWord(&bytes, offset + 8, bHigh | FactsIndex.check(i, a, bHigh, payload.0, payload.1))
            }
        }
        try assertDecisionsAreRight()
    }

    func testRandomDamageToTheSlotsNeverChangesADecision() throws {
        let original = try FileSystem.readAll(ledger.paths.factsIndex)
        var seed: UInt64 = 20171  // fixed, so that a failure reproduces
        for _ in 0..<200 {
            try corruptSlots { bytes in
                bytes = original
                for _ in 0..<(1 + Int(seed % 16)) {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    let at = FactsIndex.headerSize + Int((seed >> 33) % UInt64(bytes.count - FactsIndex.headerSize))
                    bytes[at] ^= UInt8(1 << ((seed >> 20) % 8))
                }
            }
            try assertDecisionsAreRight()
        }
    }
}
