// The store on the in-memory storage: the same append, read, repair, seal
// and cache code as on disk, run in-process with no temporary directories.

import XCTest
import LedgerCore
@testable import LedgerStore

final class InMemoryLedgerTests: XCTestCase {
    let author = Author(actor: "ana", osUser: "u")
    var clock = Timestamp(year: 2017, month: 1, day: 2)

    /// A clock that moves an hour per call.
    func tick() -> Timestamp {
        clock = Timestamp(microseconds: clock.microseconds + 3_600_000_000)
        return clock
    }

    func definition(_ id: String, year: Int = 2017) -> Command {
        .defineIndicator(IndicatorDefinition(id: id, name: "N", unit: "U", year: year, annualTarget: DecimalNumber(12)))
    }

    func reading(_ id: String, _ month: Int, value: Int? = nil, year: Int = 2017) -> Command {
        .recordReading(indicator: id, period: .month(year, month), measurement: .value(DecimalNumber(value ?? month)),
                       note: nil, postClose: false, reason: nil)
    }

    /// A created in-memory ledger with indicator I defined.
    func openLedger(_ configuration: LedgerConfiguration = LedgerConfiguration()) throws -> Ledger {
        let ledger = Ledger.inMemory(configuration: configuration)
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        _ = try ledger.append([(definition("I"), nil)], by: author, clock: tick).get()
        return ledger
    }

    func append(_ ledger: Ledger, _ commands: [Command]) throws -> Result<[Receipt], BatchRefusal> {
        try ledger.append(commands.map { ($0, nil) }, by: author, clock: tick)
    }

    func journalBytes(_ ledger: Ledger) throws -> [UInt8] { try ledger.storage.events.readAll("journal.jsonl") }

    func testWithoutCreateThereIsNoLedger() throws {
        let ledger = Ledger.inMemory()
        XCTAssertFalse(ledger.exists)
        XCTAssertThrowsError(try ledger.state()) { XCTAssertEqual($0 as? StoreError, .noLedger(directory: "memory")) }
        XCTAssertThrowsError(try append(ledger, [reading("I", 1)])) { XCTAssertEqual($0 as? StoreError, .noLedger(directory: "memory")) }
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        XCTAssertTrue(ledger.exists)
        XCTAssertThrowsError(try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)) {
            XCTAssertEqual($0 as? StoreError, .ledgerExists(path: "memory/events/journal.jsonl"))
        }
    }

    func testAppendsAreDecidedAndRefusalsWriteNothing() throws {
        let ledger = try openLedger()
        XCTAssertEqual(try append(ledger, [reading("I", 1)]).get().map(\.seq), [3])
        let before = try journalBytes(ledger)
        guard case .failure(let refused) = try append(ledger, [reading("I", 1, value: 7)]) else { return XCTFail("a second reading was accepted") }
        XCTAssertEqual(refused.refusals.map(\.1), [.readingExists(indicator: "I", period: .month(2017, 1), seq: 3)])
        guard case .failure(let unknown) = try append(ledger, [reading("J", 1)]) else { return XCTFail("an unknown indicator was accepted") }
        XCTAssertEqual(unknown.refusals.map(\.1), [.unknownIndicator("J")])
        XCTAssertEqual(try journalBytes(ledger), before, "refusals wrote nothing")
        // A dry run decides without writing.
        XCTAssertEqual(try ledger.append([(reading("I", 2), nil)], by: author, clock: tick, dryRun: true).get(), [])
        XCTAssertEqual(try journalBytes(ledger), before)
        // A correction is decided against the reading in force.
        let correction = Command.correctReading(indicator: "I", period: .month(2017, 1), measurement: .value(DecimalNumber(9)), reason: "typo", postClose: false)
        XCTAssertEqual(try append(ledger, [correction]).get().map(\.seq), [4])
        let (state, read) = try ledger.state()
        XCTAssertEqual(state.indicators["I"]?.readings[.month(2017, 1)]?.measurement, .value(DecimalNumber(9)))
        XCTAssertEqual(read.cursor.seq, 4)
        XCTAssertEqual(try ledger.verify().seq, 4)
    }

    func testABatchIsAllOrNothing() throws {
        let ledger = try openLedger()
        let before = try journalBytes(ledger)
        // The fourth row repeats the second: the batch is refused whole, naming that row.
        guard case .failure(let refused) = try append(ledger, [reading("I", 1), reading("I", 2), reading("I", 3), reading("I", 2)]) else {
            return XCTFail("a batch with a duplicate row was accepted")
        }
        XCTAssertEqual(refused.refusals.map(\.0), [3])
        XCTAssertEqual(try journalBytes(ledger), before)
        // Rows see the rows before them: a definition then its readings.
        let receipts = try append(ledger, [definition("J"), reading("J", 1), reading("I", 1)]).get()
        XCTAssertEqual(receipts.map(\.seq), [3, 4, 5])
        var mores: [Int] = []
        try ledger.scan { mores.append($0.more) }
        XCTAssertEqual(mores, [0, 0, 2, 1, 0])
    }

    func testATornTailIsRefusedUntilRepaired() throws {
        let ledger = try openLedger()
        _ = try append(ledger, [reading("I", 1)]).get()
        let whole = try journalBytes(ledger)
        // A crash mid-append: half a line after the last whole one.
        let half = Array(#"{"v":1,"seq":4,"at":"2017-02-01T00:00:00.000000Z","actor":"ana""#.utf8)
        let journal = try ledger.storage.events.open("journal.jsonl", .append)
        try journal.append(half)
        XCTAssertThrowsError(try append(ledger, [reading("I", 2)])) { error in
            XCTAssertEqual(error as? StoreError, .tornTail(path: "memory/events/journal.jsonl", offset: Int64(whole.count), bytes: Int64(half.count), seq: 4))
        }
        let (state, read) = try ledger.state()
        XCTAssertEqual(read.tornOffset, Int64(whole.count), "reads see the torn tail")
        XCTAssertEqual(state.head.seq, 3, "and fold only the whole events")
        let outcome = try ledger.repair()
        XCTAssertEqual(outcome.keptAt, "memory/events/journal.torn-4-at-byte-\(whole.count)")
        XCTAssertEqual(outcome.bytes, Int64(half.count))
        XCTAssertEqual(try ledger.storage.events.readAll("journal.torn-4-at-byte-\(whole.count)"), half)
        XCTAssertEqual(try journalBytes(ledger), whole)
        XCTAssertEqual(try append(ledger, [reading("I", 2)]).get().map(\.seq), [4])
        XCTAssertEqual(try ledger.repair().keptAt, nil, "nothing more to repair")
    }

    func testAnAppendThatRunsOutOfRoomTakesItsBytesBack() throws {
        let ledger = try openLedger()
        let before = try journalBytes(ledger)
        let events = ledger.storage.events as! MemoryFolder
        events.fileSizeLimit = Int64(before.count + 100)
        XCTAssertThrowsError(try append(ledger, (1...12).map { reading("I", $0) })) { error in
            guard case StoreError.io("write", "memory/events/journal.jsonl", _, EFBIG)? = error as? StoreError else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try journalBytes(ledger), before, "the part that fitted was taken back")
        events.fileSizeLimit = nil
        XCTAssertEqual(try append(ledger, (1...12).map { reading("I", $0) }).get().count, 12)
        XCTAssertEqual(try ledger.verify().seq, 14)
    }

    func testAStateReadThroughACheckpointEqualsAFullReplay() throws {
        let ledger = try openLedger(LedgerConfiguration(replayThreshold: 5))
        for m in 1...12 { _ = try append(ledger, [reading("I", m)]).get() }
        let (first, _) = try ledger.state()
        let trail = Checkpoints.candidates(in: try ledger.currentCacheFolder())
        XCTAssertEqual(trail.map(\.seq), [14], "the long replay left a checkpoint at the head")
        _ = try append(ledger, [definition("J"), reading("J", 1)]).get()
        // Another ledger on the same storage (as another process) starts from it.
        let other = Ledger(storage: ledger.storage)
        var scratch = LedgerState()
        try other.scan { scratch.apply($0) }
        XCTAssertEqual(try other.state().0, scratch)
        let journal = try other.openJournal(writable: false)
        let best = Checkpoints.best(in: try other.currentCacheFolder(), journal: journal, journalSize: try journal.size(), cut: nil, years: nil)
        XCTAssertEqual(best?.0, first)
        XCTAssertEqual(best?.1.seq, 14)
    }

    func testTheFactsIndexIsKeptInMemoryAndRebuiltWhenDamaged() throws {
        let ledger = try openLedger()
        _ = try append(ledger, (1...3).map { reading("I", $0) }).get()
        let cache = try ledger.currentCacheFolder()
        XCTAssertTrue(cache.exists(FactsIndex.fileName))
        let journal = try ledger.openJournal(writable: false)
        let (index, _) = try FactsIndex.open(in: cache, journal: journal, journalSize: try journal.size(), heldBatchLimit: 4096)
        XCTAssertFalse(index.wasRebuilt, "the index the appends kept is trusted as it is")
        XCTAssertEqual(IndexedFacts(index: index, journal: journal).readingInForce("I", .month(2017, 2))?.seq, 4)
        // Zero every slot: the decisions stay right, through a rebuild.
        var bytes = try cache.readAll(FactsIndex.fileName)
        for i in FactsIndex.headerSize..<bytes.count { bytes[i] = 0 }
        try cache.writeAtomically(FactsIndex.fileName, bytes, durable: false)
        guard case .failure(let refused) = try append(ledger, [reading("I", 2)]) else { return XCTFail("a second reading was accepted") }
        XCTAssertEqual(refused.refusals.map(\.1), [.readingExists(indicator: "I", period: .month(2017, 2), seq: 4)])
        XCTAssertEqual(try append(ledger, [reading("I", 4)]).get().map(\.seq), [6])
    }

    func testLedgersOnOneStorageExcludeEachOtherAcrossThreads() throws {
        let ledger = try openLedger(LedgerConfiguration(lockTimeout: 30))
        let storage = ledger.storage
        let threads = 4, each = 12
        let results = UnsafeMutableBufferPointer<[Int64]>.allocate(capacity: threads)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            // Each thread its own Ledger, as each process its own.
            let mine = Ledger(storage: storage, configuration: LedgerConfiguration(lockTimeout: 30))
            var seqs: [Int64] = []
            // Clocks a few seconds apart, as machines are: a thread behind the last event records with its reading kept.
            var now = Timestamp(year: 2017, month: 3, day: 1, second: t)
            for m in 1...each {
                now = now.next
                let stamp = now
                let command = Command.addObservation(indicator: "I", period: .month(2017, m), text: "thread \(t)")
                if let receipts = try? mine.append([(command, nil)], by: author, clock: { stamp }).get() { seqs += receipts.map(\.seq) }
                _ = try? mine.state()   // readers among the writers
            }
            results[t] = seqs
        }
        let all = results.flatMap { $0 }
        XCTAssertEqual(all.count, threads * each, "every append went through")
        XCTAssertEqual(Set(all), Set(3...Int64(2 + threads * each)), "each got its own seq")
        XCTAssertEqual(try ledger.verify().seq, Int64(2 + threads * each))
    }

    func testALockHeldElsewhereTimesOut() throws {
        let ledger = try openLedger()
        var held: (any StorageLock)? = try ledger.storage.events.lock(".lock", .exclusive, timeout: 1)
        let impatient = Ledger(storage: ledger.storage, configuration: LedgerConfiguration(lockTimeout: 0.05))
        XCTAssertThrowsError(try append(impatient, [reading("I", 1)])) {
            XCTAssertEqual($0 as? StoreError, .lockTimeout(path: "memory/events/.lock", seconds: 1))
        }
        XCTAssertNotNil(held)
        held = nil
        XCTAssertEqual(try append(impatient, [reading("I", 1)]).get().map(\.seq), [3], "free once let go")
    }

    func testSnapshotFilesInMemory() throws {
        let ledger = try openLedger()
        XCTAssertEqual(ledger.snapshotFileNames(), [])
        try ledger.writeSnapshot("2017-Q1_x.json", Array("{}".utf8))
        XCTAssertEqual(ledger.snapshotFileNames(), ["2017-Q1_x.json"])
        XCTAssertEqual(try ledger.readSnapshot("2017-Q1_x.json"), Array("{}".utf8))
        XCTAssertNil(try ledger.readSnapshot("other"))
        XCTAssertEqual(ledger.snapshotPath("a"), "memory/snapshots/a")
    }
}

/// Sealing in memory: the seal event is decided like any other.
final class InMemorySealTests: XCTestCase {
    let author = Author(actor: "ana", osUser: "u")
    var clock = Timestamp(year: 2017, month: 1, day: 2)

    func at(_ year: Int, _ month: Int) { clock = Timestamp(year: year, month: month, day: 2) }
    func tick() -> Timestamp {
        clock = Timestamp(microseconds: clock.microseconds + 3_600_000_000)
        return clock
    }

    func readings(_ id: String, _ year: Int, _ months: ClosedRange<Int>) -> [(Command, String?)] {
        months.map { (.recordReading(indicator: id, period: .month(year, $0), measurement: .value(DecimalNumber($0)), note: nil, postClose: false, reason: nil), nil) }
    }

    func define(_ id: String, _ year: Int) -> [(Command, String?)] {
        [(.defineIndicator(IndicatorDefinition(id: id, name: "N", unit: "U", year: year, annualTarget: DecimalNumber(12))), nil)]
    }

    /// A ledger with 2017's events (seqs 1 to 14) and 2018's after them.
    func ledgerOverTwoYears() throws -> Ledger {
        let ledger = Ledger.inMemory()
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        _ = try ledger.append(define("A", 2017) + readings("A", 2017, 1...12), by: author, clock: tick).get()
        at(2018, 1)
        _ = try ledger.append(define("B", 2018) + readings("B", 2018, 1...6), by: author, clock: tick).get()
        return ledger
    }

    func testSealMovesAYearToASegmentAndTheChainStillVerifies() throws {
        let ledger = try ledgerOverTwoYears()
        var before = LedgerState()
        try ledger.scan { before.apply($0) }
        let events = ledger.storage.events
        let whole = try events.readAll("journal.jsonl")
        let outcome = try XCTUnwrap(try ledger.seal(before: Timestamp(year: 2018, month: 1, day: 1), by: author, clock: tick))
        XCTAssertEqual(outcome.segment.file, "journal.000000001-000000014.jsonl")
        XCTAssertEqual(outcome.receipt.seq, 22)
        let segment = try events.readAll(outcome.segment.file)
        XCTAssertEqual(segment, Array(whole[0..<segment.count]), "the segment holds the sealed lines byte for byte")
        XCTAssertEqual(outcome.segment.sha256, SHA256.hash(segment))
        XCTAssertEqual(try SegmentedJournal.firstSeq(try events.open("journal.jsonl", .read)), 15)
        let check = try ledger.verifyChain(all: true) { _ in }
        XCTAssertEqual(check.sealedSegments, 1)
        XCTAssertEqual(check.result.cursor.seq, 22)
        // The figures are the same; only the head moved, to the seal.
        let (after, _) = try ledger.state()
        XCTAssertEqual(after.indicators, before.indicators)
        XCTAssertEqual(after.head.seq, 22)
        XCTAssertNil(try ledger.seal(before: Timestamp(year: 2018, month: 1, day: 1), by: author, clock: tick), "nothing new to seal")

        // A second seal lists both segments; appends go on deciding against the index.
        at(2019, 1)
        _ = try ledger.append(readings("B", 2018, 7...8), by: author, clock: tick).get()
        let second = try XCTUnwrap(try ledger.seal(before: Timestamp(year: 2019, month: 1, day: 1), by: author, clock: tick))
        XCTAssertEqual(second.segment.firstSeq, 15)
        var lastSeal: [SegmentRecord] = []
        try ledger.scan { if case .segmentSealed(let s) = $0.payload { lastSeal = s } }
        XCTAssertEqual(lastSeal, [outcome.segment, second.segment])
        XCTAssertEqual(try ledger.verifyChain(all: true) { _ in }.sealedSegments, 2)
        guard case .failure(let refused) = try ledger.append(readings("B", 2018, 8...8), by: author, clock: tick) else {
            return XCTFail("a sealed reading was recorded again")
        }
        XCTAssertEqual(refused.refusals.map(\.1), [.readingExists(indicator: "B", period: .month(2018, 8), seq: 24)])
    }

    func testASealThatDoesNotFollowTheLastOneIsRefused() throws {
        let ledger = try ledgerOverTwoYears()
        let bytes = try ledger.storage.events.readAll("journal.jsonl")
        func record(_ first: Int64, _ last: Int64) -> SegmentRecord {
            SegmentRecord(file: SegmentRecord.fileName(first: first, last: last), firstSeq: first, lastSeq: last, bytes: 100, sha256: SHA256.hash(bytes))
        }
        let refusal = { (command: Command) throws -> Refusal? in
            guard case .failure(let r) = try ledger.append([(command, nil)], by: self.author, clock: self.tick) else { return nil }
            return r.refusals.first?.1
        }
        XCTAssertEqual(try refusal(.sealSegment(record(5, 14))), .segmentRefused(file: "journal.000000005-000000014.jsonl", .doesNotFollow(expectedFirstSeq: 1)))
        var misnamed = record(1, 14)
        misnamed.file = "journal.jsonl"
        XCTAssertEqual(try refusal(.sealSegment(misnamed)), .segmentRefused(file: "journal.jsonl", .malformed))
        // In one batch, the second seal must follow the first.
        let batch: [(Command, String?)] = [(.sealSegment(record(1, 4)), nil), (.sealSegment(record(1, 9)), nil), (.sealSegment(record(5, 9)), nil)]
        guard case .failure(let refused) = try ledger.append(batch, by: author, clock: tick, dryRun: true) else { return XCTFail("accepted") }
        XCTAssertEqual(refused.refusals.map(\.0), [1])
        XCTAssertEqual(refused.refusals.first?.1, .segmentRefused(file: "journal.000000001-000000009.jsonl", .doesNotFollow(expectedFirstSeq: 5)))
        // A folded state does not keep the seals: a seal cannot be decided against it.
        let (state, _) = try ledger.state()
        guard case .failure(.segmentRefused(_, .sealsUnknown)) = Decider.decide(.sealSegment(record(1, 14)), facts: state) else {
            return XCTFail("a seal was decided against a folded state")
        }
        XCTAssertEqual(try ledger.storage.events.readAll("journal.jsonl"), bytes, "nothing was written")
    }

    /// A crash after the segment file was written but before the active
    /// file was cut leaves both holding the sealed events; `repair` cuts.
    func testRepairFinishesASealCutShortByACrash() throws {
        let ledger = try ledgerOverTwoYears()
        let events = ledger.storage.events
        let uncut = try events.readAll("journal.jsonl")
        let outcome = try XCTUnwrap(try ledger.seal(before: Timestamp(year: 2018, month: 1, day: 1), by: author, clock: tick))
        let cut = try events.readAll("journal.jsonl")
        let sealLine = Array(cut[(uncut.count - Int(outcome.segment.bytes))...])
        // The active file as it was just before step (3): the sealed events still in it.
        try events.writeAtomically("journal.jsonl", uncut + sealLine, durable: false)
        // Readers use the active file alone (the overlapping segment is ignored); verify says to repair.
        XCTAssertEqual(try ledger.state().0.head.seq, 22)
        XCTAssertThrowsError(try ledger.verifyChain(all: false) { _ in }) { error in
            guard case StoreError.damaged(let d)? = error as? StoreError else { return XCTFail("\(error)") }
            XCTAssertTrue(d.message.contains("run `ledger repair`"), d.message)
        }
        XCTAssertEqual(try ledger.repair().keptAt, nil)
        XCTAssertEqual(try events.readAll("journal.jsonl"), cut, "the cut was finished")
        XCTAssertEqual(try ledger.verifyChain(all: true) { _ in }.sealedSegments, 1)
    }
}
