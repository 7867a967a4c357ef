// The laws of the read side, on random journals (seeded, so a failure
// reproduces):
// - a state as of T equals the state of the journal cut after T;
// - a state read through checkpoints equals a replay from scratch;
// - damaged or stale checkpoints are never trusted.

import LedgerToolSupport
import XCTest
import LedgerCore
@testable import LedgerStore

final class TimeTravelPropertyTests: XCTestCase {
    var root: String!

    override func setUp() {
        root = NSTemporaryDirectory() + "ledger-laws-\(UInt64.random(in: 0...UInt64.max))"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        Checkpoints.replayThreshold = 15
    }

    override func tearDown() {
        Checkpoints.replayThreshold = 2000
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A random ledger of `count` appends (single events and small batches),
    /// recorded over 2017 with a clock that jumps between 1 s and 3 days.
    func randomLedger(seed: UInt64, count: Int) throws -> (Ledger, [Timestamp]) {
        var rng = SplitMix64(seed: seed)
        let ledger = Ledger(paths: LedgerPaths(directory: root + "/l\(seed)"))
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

    /// The state of a copy of the journal holding only events recorded by `cut`, read without caches.
    func truncatedState(_ ledger: Ledger, cut: Timestamp, name: String) throws -> LedgerState {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: ledger.paths.journal))
        // Whole batches only: a batch is in the cut when its last event is.
        var out = Data()
        var pending = Data()
        for line in bytes.split(separator: 0x0A) {
            let event = try EventCodec.decode(line: Array(line))
            if event.at > cut { break }
            pending.append(line)
            pending.append(0x0A)
            if event.more == 0 {
                out.append(pending)
                pending = Data()
            }
        }
        let copy = Ledger(paths: LedgerPaths(directory: root + "/cut-\(name)"))
        try FileManager.default.createDirectory(atPath: copy.paths.events, withIntermediateDirectories: true)
        try out.write(to: URL(fileURLWithPath: copy.paths.journal))
        var state = LedgerState()
        try copy.scan { state.apply($0) }
        try FileManager.default.removeItem(atPath: copy.paths.directory)
        return state
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
                XCTAssertEqual(asOf, try truncatedState(ledger, cut: cut, name: "\(seed)-\(k)"), "seed \(seed), cut \(cut)")
                // And the quarter view (what an auditor sees) agrees.
                XCTAssertEqual(Views.quarter(.quarter(2017, 2), of: asOf), Views.quarter(.quarter(2017, 2), of: try truncatedState(ledger, cut: cut, name: "v\(seed)-\(k)")))
            }
            // As of the end equals now.
            XCTAssertEqual(try ledger.state(cut: Timestamp.distantFuture).0, try ledger.state().0)
        }
    }

    func testCheckpointsGiveTheSameStateAsAFullReplay() throws {
        let (ledger, times) = try randomLedger(seed: 42, count: 150)
        // Reads at several cuts have left a trail of checkpoints.
        for t in stride(from: 10, to: times.count, by: 25) { _ = try ledger.state(cut: times[t]) }
        _ = try ledger.state()
        let trail = Checkpoints.candidates(in: ledger.paths.cache)
        XCTAssertGreaterThan(trail.count, 2, "reads left checkpoints")
        var scratch = LedgerState()
        try ledger.scan { scratch.apply($0) }
        XCTAssertEqual(try ledger.state().0, scratch)
        for t in stride(from: 5, to: times.count, by: 13) {
            var expected = LedgerState()
            try ledger.scan(cut: times[t]) { expected.apply($0) }
            XCTAssertEqual(try ledger.state(cut: times[t]).0, expected)
        }
    }

    /// A state holding one year equals the full state with the other years'
    /// indicators left out, through checkpoints of either scope.
    func testYearScopedStatesAgreeWithTheFullState() throws {
        let (ledger, times) = try randomLedger(seed: 21, count: 150)
        // Start without checkpoints, so the scoped reads write their own.
        for c in Checkpoints.candidates(in: ledger.paths.cache) { try FileManager.default.removeItem(atPath: c.path) }
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
        XCTAssertTrue(Checkpoints.candidates(in: ledger.paths.cache).contains { $0.scope == "2017" })
    }

    func testDamagedOrForeignCheckpointsAreNotTrusted() throws {
        let (ledger, _) = try randomLedger(seed: 7, count: 80)
        _ = try ledger.state()
        var trail = Checkpoints.candidates(in: ledger.paths.cache)
        XCTAssertFalse(trail.isEmpty)
        var scratch = LedgerState()
        try ledger.scan { scratch.apply($0) }
        // Flip a byte in the payload of the newest checkpoint: the checksum catches it.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: trail[0].path))
        bytes[bytes.count - 3] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: trail[0].path))
        XCTAssertEqual(try ledger.state().0, scratch)
        // A checkpoint of another journal (valid in itself) names a head this journal lacks.
        let (other, _) = try randomLedger(seed: 8, count: 80)
        _ = try other.state()
        trail = Checkpoints.candidates(in: other.paths.cache)
        for c in Checkpoints.candidates(in: ledger.paths.cache) { try FileManager.default.removeItem(atPath: c.path) }
        try FileManager.default.copyItem(atPath: trail[0].path, toPath: ledger.paths.cache + "/" + URL(fileURLWithPath: trail[0].path).lastPathComponent)
        XCTAssertEqual(try ledger.state().0, scratch)
        // Garbage of every size.
        for size in [0, 10, 200, 5000] {
            try Data(repeating: 0xA5, count: size).write(to: URL(fileURLWithPath: ledger.paths.cache + "/state-3-all.v2"))
            XCTAssertEqual(try ledger.state().0, scratch)
        }
    }
}

extension TimeTravelPropertyTests {
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
        let links = ledger.paths.factsIndex + ".links"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: links))
        for i in stride(from: 3, to: bytes.count, by: 37) { bytes[i] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: links))
        for (id, expected) in all { XCTAssertEqual(try ledger.events(about: id), expected, "after damage: \(id)") }
        try FileManager.default.removeItem(atPath: links)
        for (id, expected) in all { XCTAssertEqual(try ledger.events(about: id), expected, "without links: \(id)") }
        // The first miss rebuilt them: the shortcut works again.
        for (id, expected) in all { XCTAssertEqual(try ledger.eventsThroughLinks(id), expected, "rebuilt links: \(id)") }
    }
}
