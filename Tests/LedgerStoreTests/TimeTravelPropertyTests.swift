// The laws of the read side, on random journals (seeded, so a failure
// reproduces), run in-process on the in-memory storage:
// - a state as of T equals the state of the journal cut after T;
// - as of the end equals now;
// - a state read through checkpoints equals a replay from scratch, for
//   every year scope;
// - damaged or stale checkpoints are never trusted;
// - history through the index's links equals a full read.
// TimeTravelOnDiskTests runs the checkpoint law on files too, so both
// storages are held to it.

import LedgerToolSupport
import XCTest
import LedgerCore
@testable import LedgerStore

/// Random ledgers and journal cuts for the laws, on a storage of the
/// caller's choice.
struct RandomLedgers {
    /// Makes the (not yet created) ledger named `name`.
    var make: (String) -> Ledger

    /// Ledgers that checkpoint after 15 replayed events, so short journals leave a trail.
    static let configuration = LedgerConfiguration(replayThreshold: 15)

    static let inMemory = RandomLedgers { name in
        Ledger.inMemory(LedgerPaths(directory: "memory/\(name)"), configuration: configuration)
    }

    /// A random ledger of `count` appends (single events and small batches),
    /// recorded over 2017 with a clock that jumps between 1 s and 3 days.
    func randomLedger(seed: UInt64, count: Int) throws -> (Ledger, [Timestamp]) {
        var rng = SplitMix64(seed: seed)
        let ledger = make("l\(seed)")
        let author = Author(actor: "ana", osUser: "u")
        var clock = Timestamp(year: 2017, month: 1, day: 2)
        var times: [Timestamp] = []
        func tick() -> Timestamp {
            clock = Timestamp(microseconds: clock.microseconds + Int64.random(in: 1_000_000...259_200_000_000, using: &rng))
            times.append(clock)
            return clock
        }
        _ = try ledger.create(LedgerSettings(entity: "E"), by: author, clock: tick)
        var state = LedgerState()
        try ledger.scan { state.apply($0) }
        let aggregations: [Aggregation] = [.sum, .last, .average, .ratio]
        let frequencies: [Frequency] = [.monthly, .monthly, .quarterly, .semiannual, .annual]
        var ids: [String] = []
        for n in 0..<count {
            var commands: [(Command, String?)] = []
            for _ in 0..<(Int.random(in: 0...4, using: &rng) == 0 ? Int.random(in: 2...5, using: &rng) : 1) {
                let roll = Int.random(in: 0..<100, using: &rng)
                if ids.isEmpty || roll < 8 {
                    let id = "I\(ids.count)"
                    let agg = aggregations.randomElement(using: &rng)!
                    commands.append((.defineIndicator(IndicatorDefinition(
                        id: id, name: id, unit: "U", frequency: frequencies.randomElement(using: &rng)!, year: Int.random(in: 0..<4, using: &rng) == 0 ? 2018 : 2017,
                        annualTarget: DecimalNumber(Int.random(in: 1...5000, using: &rng)), aggregation: agg,
                        direction: Bool.random(using: &rng) ? .ascending : .descending, ownerCode: "30\(Int.random(in: 1...3, using: &rng))")), nil))
                    ids.append(id)
                    continue
                }
                let id = ids.randomElement(using: &rng)!
                guard let def = state.indicators[id]?.definition ?? commands.lazy.compactMap({ c -> IndicatorDefinition? in
                    if case .defineIndicator(let d) = c.0, d.id == id { return d }
                    return nil
                }).first else { continue }
                let periods = Period.year(def.year).periods(of: def.frequency)
                let readings = state.indicators[id]?.readings ?? [:]
                let batchPeriods = commands.compactMap { c -> Period? in
                    if case .recordReading(let i, let p, _, _, _, _, _) = c.0, i == id { return p }
                    return nil
                }
                let open = periods.filter { readings[$0] == nil && !batchPeriods.contains($0) }
                let value = DecimalNumber(mantissa: Int128(Int.random(in: 0...99999, using: &rng)), scale: Int.random(in: 0...2, using: &rng))
                let m: LedgerCore.Measurement = def.aggregation == .ratio ? .ratio(numerator: value, denominator: DecimalNumber(Int.random(in: 1...99999, using: &rng))) : .value(value)
                let period = periods.randomElement(using: &rng)!
                switch roll {
                case 8..<60:
                    guard let p = open.randomElement(using: &rng) else { continue }
                    commands.append((.recordReading(indicator: id, period: p, measurement: m, note: nil, postClose: false, reason: nil), nil))
                case 60..<72:
                    guard let p = readings.keys.sorted().randomElement(using: &rng), !batchPeriods.contains(p) else { continue }
                    commands.append((.correctReading(indicator: id, period: p, measurement: m, reason: "fix \(n)", postClose: false), nil))
                case 72..<80: commands.append((.changeTarget(indicator: id, change: Bool.random(using: &rng) ? .annual(value) : .period(period, value), reason: "reprog"), nil))
                case 80..<95: commands.append((.addObservation(indicator: id, period: period, text: "obs \(n)"), nil))
                default: commands.append((.recordBudget(indicator: id, period: .quarter(def.year, Int.random(in: 1...4, using: &rng)), figures: BudgetFigures(modified: value, accrued: value, paid: .zero)), nil))
                }
            }
            // Refused batches (a duplicate reading, a correction of nothing) are part of the test: they write nothing.
            if case .success = try ledger.append(commands, by: author, clock: tick) {
                state = try ledger.state().0
            }
        }
        XCTAssertGreaterThan(state.head.seq, Int64(count / 2), "most appends were accepted, so the laws are tested on real journals")
        XCTAssertGreaterThan(state.indicators.values.map(\.readings.count).reduce(0, +), count / 5)
        return (ledger, times)
    }

    /// The state of a copy of the journal holding only events recorded by
    /// `cut`, read without caches (the copy is in memory).
    func truncatedState(_ ledger: Ledger, cut: Timestamp) throws -> LedgerState {
        let bytes = try ledger.storage.events.readAll("journal.jsonl")
        // Whole batches only: a batch is in the cut when its last event is.
        var out: [UInt8] = []
        var pending: [UInt8] = []
        for line in bytes.split(separator: 0x0A) {
            let event = try EventCodec.decode(line: Array(line))
            if event.at > cut { break }
            pending += line
            pending.append(0x0A)
            if event.more == 0 {
                out += pending
                pending = []
            }
        }
        let copy = Ledger.inMemory()
        try copy.storage.root.create()
        try copy.storage.events.create()
        try copy.storage.events.writeAtomically("journal.jsonl", out, durable: false)
        var state = LedgerState()
        try copy.scan { state.apply($0) }
        return state
    }

    /// Checkpoint + the rest = a full replay, now and at many cuts.
    func checkCheckpointsGiveTheSameStateAsAFullReplay(seed: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        let (ledger, times) = try randomLedger(seed: seed, count: 150)
        // Reads at several cuts have left a trail of checkpoints.
        for t in stride(from: 10, to: times.count, by: 25) { _ = try ledger.state(cut: times[t]) }
        _ = try ledger.state()
        let trail = Checkpoints.candidates(in: try ledger.currentCacheFolder())
        XCTAssertGreaterThan(trail.count, 2, "reads left checkpoints", file: file, line: line)
        var scratch = LedgerState()
        try ledger.scan { scratch.apply($0) }
        XCTAssertEqual(try ledger.state().0, scratch, file: file, line: line)
        for t in stride(from: 5, to: times.count, by: 13) {
            var expected = LedgerState()
            try ledger.scan(cut: times[t]) { expected.apply($0) }
            XCTAssertEqual(try ledger.state(cut: times[t]).0, expected, "cut \(t)", file: file, line: line)
        }
        // A read that starts at a checkpoint replays from its cursor, not from event 1.
        let size = try ledger.journalSize()
        let journal = try ledger.openJournal(writable: false)
        guard let (saved, cursor) = Checkpoints.best(in: try ledger.currentCacheFolder(), journal: journal, journalSize: size, cut: nil, years: nil) else {
            return XCTFail("no checkpoint to start from", file: file, line: line)
        }
        XCTAssertGreaterThan(cursor.seq, 1, file: file, line: line)
        var rest = saved
        _ = try ledger.advance(&rest, from: cursor, cut: nil) { _, _ in }
        XCTAssertEqual(rest, scratch, "checkpoint + the rest = full replay", file: file, line: line)
    }
}

/// The laws, in memory.
final class TimeTravelPropertyTests: XCTestCase {
    let ledgers = RandomLedgers.inMemory

    func randomLedger(seed: UInt64, count: Int) throws -> (Ledger, [Timestamp]) {
        try ledgers.randomLedger(seed: seed, count: count)
    }

    func testStateAsOfTEqualsTheJournalCutAfterT() throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let (ledger, times) = try randomLedger(seed: seed, count: 120)
            var rng = SplitMix64(seed: seed * 101)
            for k in 0..<12 {
                let pick = times.randomElement(using: &rng)!
                // Exactly at an event, or between two.
                let cut = Bool.random(using: &rng) ? pick : Timestamp(microseconds: pick.microseconds - 1)
                let (asOf, _) = try ledger.state(cut: cut)
                let truncated = try ledgers.truncatedState(ledger, cut: cut)
                XCTAssertEqual(asOf, truncated, "seed \(seed), cut \(cut), pick \(k)")
                // And the quarter view (what an auditor sees) agrees.
                XCTAssertEqual(Views.quarter(.quarter(2017, 2), of: asOf), Views.quarter(.quarter(2017, 2), of: truncated))
            }
            // As of the end equals now.
            XCTAssertEqual(try ledger.state(cut: Timestamp.distantFuture).0, try ledger.state().0)
        }
    }

    func testCheckpointsGiveTheSameStateAsAFullReplay() throws {
        try ledgers.checkCheckpointsGiveTheSameStateAsAFullReplay(seed: 42)
    }

    /// A state holding one year equals the full state with the other years'
    /// indicators left out, through checkpoints of either scope.
    func testYearScopedStatesAgreeWithTheFullState() throws {
        let (ledger, times) = try randomLedger(seed: 21, count: 150)
        // Start without checkpoints, so the scoped reads write their own.
        let folder = try ledger.currentCacheFolder()
        for c in Checkpoints.candidates(in: folder) { folder.remove(c.name) }
        for t in stride(from: 20, to: times.count, by: 30) + [times.count - 1] {
            for year in [2017, 2018] {
                let (scoped, _) = try ledger.state(cut: times[t], years: [year])
                var full = LedgerState()
                try ledger.scan(cut: times[t]) { full.apply($0) }
                XCTAssertEqual(scoped.indicatorOrder, full.indicatorOrder.filter { full.indicators[$0]!.definition.year == year }, "cut \(t), year \(year)")
                for id in scoped.indicatorOrder { XCTAssertEqual(scoped.indicators[id], full.indicators[id]) }
                XCTAssertEqual(scoped.head, full.head)
                XCTAssertEqual(scoped.closes, full.closes)
                XCTAssertEqual(scoped.knownYears, full.knownYears)
                XCTAssertEqual(Views.quarter(.quarter(year, 2), of: scoped), Views.quarter(.quarter(year, 2), of: full))
            }
        }
        XCTAssertTrue(Checkpoints.candidates(in: try ledger.currentCacheFolder()).contains { $0.scope == "2017" })
    }

    func testDamagedOrForeignCheckpointsAreNotTrusted() throws {
        let (ledger, _) = try randomLedger(seed: 7, count: 80)
        _ = try ledger.state()
        let cache = try ledger.currentCacheFolder()
        var trail = Checkpoints.candidates(in: cache)
        XCTAssertFalse(trail.isEmpty)
        var scratch = LedgerState()
        try ledger.scan { scratch.apply($0) }
        // Flip a byte in the payload of the newest checkpoint: the checksum catches it.
        var bytes = try cache.readAll(trail[0].name)
        bytes[bytes.count - 3] ^= 0x40
        try cache.writeAtomically(trail[0].name, bytes, durable: false)
        XCTAssertEqual(try ledger.state().0, scratch)
        // A checkpoint of another journal (valid in itself) names a head this journal lacks.
        let (other, _) = try randomLedger(seed: 8, count: 80)
        _ = try other.state()
        trail = Checkpoints.candidates(in: try other.currentCacheFolder())
        for c in Checkpoints.candidates(in: cache) { cache.remove(c.name) }
        try cache.writeAtomically(trail[0].name, try other.currentCacheFolder().readAll(trail[0].name), durable: false)
        XCTAssertEqual(try ledger.state().0, scratch)
        XCTAssertFalse(cache.exists(trail[0].name), "the foreign checkpoint was deleted")
        // Garbage of every size.
        for size in [0, 10, 200, 5000] {
            try cache.writeAtomically("state-3-all.v2", [UInt8](repeating: 0xA5, count: size), durable: false)
            XCTAssertEqual(try ledger.state().0, scratch)
        }
    }

    /// history's shortcut (the facts index's links) gives exactly the events
    /// a full read finds, and a damaged links file only costs the shortcut.
    func testHistoryThroughLinksEqualsAFullRead() throws {
        let (ledger, times) = try randomLedger(seed: 33, count: 120)
        var all: [String: [RecordedEvent]] = [:]
        try ledger.scan { e in if let id = e.payload.indicator { all[id, default: []].append(e) } }
        XCTAssertGreaterThan(all.count, 3)
        for (id, expected) in all {
            XCTAssertEqual(try ledger.eventsThroughLinks(id), expected, "links for \(id)")
            XCTAssertEqual(try ledger.events(about: id), expected)
            let cut = times[times.count / 2]
            XCTAssertEqual(try ledger.events(about: id, cut: cut), expected.filter { $0.at <= cut })
        }
        // Damage the links: every answer still right, through the full read.
        let cache = try ledger.currentCacheFolder()
        let links = FactsIndex.fileName + ".links"
        var bytes = try cache.readAll(links)
        for i in stride(from: 3, to: bytes.count, by: 37) { bytes[i] ^= 0x5A }
        try cache.writeAtomically(links, bytes, durable: false)
        for (id, expected) in all { XCTAssertEqual(try ledger.events(about: id), expected, "after damage: \(id)") }
        cache.remove(links)
        for (id, expected) in all { XCTAssertEqual(try ledger.events(about: id), expected, "without links: \(id)") }
        // The first miss rebuilt them: the shortcut works again.
        for (id, expected) in all { XCTAssertEqual(try ledger.eventsThroughLinks(id), expected, "rebuilt links: \(id)") }
    }
}

/// The checkpoint law on files: the disk's storage obeys it too.
final class TimeTravelOnDiskTests: XCTestCase {
    var root: String!

    override func setUp() {
        root = NSTemporaryDirectory() + "ledger-laws-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testCheckpointsGiveTheSameStateAsAFullReplay() throws {
        let root = self.root!
        let onDisk = RandomLedgers { name in
            let paths = LedgerPaths(directory: root + "/" + name)
            return Ledger(storage: .files(paths, caches: .account(directory: root + "/home/.cache/ledger")), configuration: RandomLedgers.configuration)
        }
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        try onDisk.checkCheckpointsGiveTheSameStateAsAFullReplay(seed: 42)
        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/home/.cache/ledger")
        XCTAssertTrue(folders.contains { FileManager.default.fileExists(atPath: root + "/home/.cache/ledger/\($0)/facts.v1") },
                      "the ledger's caches were on disk, in the account's cache folder")
    }
}

