// Defects the reliability campaigns found in the store (RELIABILITY.md,
// "Defects found and fixed"), each reproduced in-process.

import XCTest
import LedgerCore
@testable import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// A fresh ledger with one monthly indicator I, in a temporary directory
/// removed afterwards, and a clock that ticks a microsecond per call.
class FreshLedgerTestCase: XCTestCase {
    var directory: String!
    var ledger: Ledger!
    let author = Author(actor: "ana", osUser: "root")
    var clock = Timestamp(year: 2017, month: 2, day: 6)

    func tick() -> Timestamp {
        clock = clock.next
        return clock
    }

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "ledger-store-\(UInt64.random(in: 0...UInt64.max))"
        ledger = Ledger(paths: LedgerPaths(directory: directory))
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates the ledger and defines I.
    func openWithIndicator() throws {
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)], by: author, clock: tick).get()
    }

    func reading(_ month: Int, value: Int? = nil) -> Command {
        .recordReading(indicator: "I", period: .month(2017, month), measurement: .value(DecimalNumber(value ?? month)),
                       note: nil, postClose: false, reason: nil)
    }

    func append(_ commands: [Command], dryRun: Bool = false) throws -> Result<[Receipt], BatchRefusal> {
        try ledger.append(commands.map { ($0, nil) }, by: author, clock: tick, dryRun: dryRun)
    }
}

/// Defect 2.
final class FactsIndexBootTests: XCTestCase {
    /// The boot id was read as "the whole file", and /proc files have a
    /// size of 0, so it was always empty and an index written before a power
    /// cut (pages perhaps never on disk) was trusted after the reboot
    /// instead of rebuilt.
    func testBootIDIsReadFromProc() throws {
        #if os(Linux)
        let text = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        XCTAssertEqual(POSIXFolder.bootID.count, 36)
        XCTAssertEqual(POSIXFolder.bootID, String(text.prefix(36)))
        #endif
    }
}

/// Defect 3: writes that run out of room.
final class OutOfRoomTests: FreshLedgerTestCase {
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

    /// On a full disk the batch's write stopped partway, the append reported
    /// the I/O error (exit 4), and the part that had reached the file stayed:
    /// a torn tail that made every later append refuse until `ledger repair`.
    func testAnAppendThatRunsOutOfRoomLeavesTheJournalAsItWas() throws {
        try openWithIndicator()
        let before = try FileSystem.readAll(ledger.paths.journal)
        let batch = (1...12).map { reading($0) }
        XCTAssertThrowsError(try withFileSizeLimit(before.count + 100) { try append(batch) }) { error in
            guard case StoreError.io(let operation, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "write")
        }
        let after = try FileSystem.readAll(ledger.paths.journal)
        XCTAssertTrue(after == before, "the journal went from \(before.count) to \(after.count) bytes")
        XCTAssertEqual(try ledger.verify().seq, 2)
        // With room again, the same batch goes through.
        XCTAssertEqual(try append(batch).get().count, 12)
    }

    /// The same for `init`: a first event that does not fit leaves an empty
    /// journal, so that `init` can be run again.
    func testAnInitThatRunsOutOfRoomCanBeRunAgain() throws {
        XCTAssertThrowsError(try withFileSizeLimit(100) { try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick) })
        XCTAssertEqual(try FileSystem.readAll(ledger.paths.journal).count, 0)
        XCTAssertEqual(try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick).seq, 1)
    }
}

/// Defect 5: the facts index trusted its slots blindly (only its header is
/// checksummed). The bad-input campaign's corrupted caches found an index
/// whose slots were all 0xFF made every append probe forever (a hang), and
/// zeroed slots made appends refuse ("not opened") or read a reading's slot
/// as empty. Slots now carry checks, lookups are bounded, answers are
/// checked against the journal, and a damaged index is rebuilt before
/// anything is decided.
final class FactsIndexCorruptionTests: FreshLedgerTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try openWithIndicator()
        for m in 1...3 { _ = try append([reading(m)]).get() }
    }

    /// What the ledger decides, without writing: the second reading of
    /// 2017-02 is refused naming seq 4, and one for 2017-05 would go in.
    func assertDecisionsAreRight(file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .failure(let refusal) = try append([reading(2)], dryRun: true) else {
            return XCTFail("a second reading for 2017-02 was accepted", file: file, line: line)
        }
        XCTAssertEqual(refusal.refusals.first?.1, .readingExists(indicator: "I", period: .month(2017, 2), seq: 4), file: file, line: line)
        XCTAssertNoThrow(try append([reading(5)], dryRun: true).get(), file: file, line: line)
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
