// The generator in seconds: a small ledger through the real append path,
// its counts and mix, and determinism (same seed, same clock: the same bytes).

import XCTest
import LedgerCore
import LedgerStore
@testable import LedgerBench

final class GeneratorTests: XCTestCase {
    var directories: [String] = []

    func temporaryDirectory() -> String {
        let d = NSTemporaryDirectory() + "ledger-bench-\(UInt64.random(in: 0...UInt64.max))"
        directories.append(d)
        return d
    }

    override func tearDown() {
        for d in directories { try? FileManager.default.removeItem(atPath: d) }
    }

    /// Signed ledgers (issue 12): one signature per batch, or one per event;
    /// every event covered, every signature valid, the rules kept.
    func testSignedLedgersVerifyWithEverySignatureValid() throws {
        for signing in [GeneratorSigning.batch, .event] {
            let dir = temporaryDirectory()
            let made = try Generator.generate(events: 2_000, seed: 7, into: dir, signing: signing)
            XCTAssertTrue((1_999...2_000).contains(made.events), "\(signing): \(made.events)")
            XCTAssertEqual(made.counts.reduce(0) { $0 + $1.1 }, made.events)
            let ledger = Ledger(paths: LedgerPaths(directory: dir))
            var replay = RuleReplay()
            var breaches = 0, signatures = 0, unsigned = 0
            var signedBatch = false
            try ledger.scan { event in
                if replay.check(event) != nil { breaches += 1 }
                if case .batchSigned = event.payload { signatures += 1; signedBatch = true }
                if event.more == 0 { if !signedBatch { unsigned += 1 }; signedBatch = false }
            }
            XCTAssertEqual(breaches, 0, "\(signing)")
            XCTAssertEqual(unsigned, 0, "\(signing)")
            XCTAssertEqual(signatures, made.count(of: .batchSigned))
            let checks = replay.takeChecks()
            XCTAssertEqual(checks.count, signatures)
            XCTAssertTrue(checks.allSatisfy { $0.verify() }, "\(signing)")
            if signing == .event { XCTAssertGreaterThan(signatures, made.events * 2 / 5) } else { XCTAssertLessThan(signatures, made.events / 5) }
        }
    }

    func testGeneratesExactlyTheEventsAskedForWithARealisticMix() throws {
        let dir = temporaryDirectory()
        let made = try Generator.generate(events: 2_000, seed: 7, into: dir)
        XCTAssertEqual(made.events, 2_000)
        XCTAssertEqual(made.counts.reduce(0) { $0 + $1.1 }, 2_000)
        // The journal holds them, verified, and the manifest says where it ends.
        let ledger = Ledger(paths: LedgerPaths(directory: dir))
        let head = try ledger.verify()
        XCTAssertEqual(head.seq, 2_000)
        XCTAssertEqual(made.head, head.digest)
        XCTAssertEqual(try ledger.journalSize(), made.journalBytes)
        // Every event is one the rules would have recorded (what `ledger verify` replays).
        var replay = RuleReplay()
        var breaches = 0
        try ledger.scan { event in if replay.check(event) != nil { breaches += 1 } }
        XCTAssertEqual(breaches, 0)
        // Every kind of event is there, in roughly the proportions of issue 6.
        // (Sealing is an operation on storage, not an event of a plan's life;
        // the office's settings of format 2, a deadline, a unit's contact and
        // an amended definition, are rare and outside issue 6's mix.)
        for type in EventType.allCases where type != .segmentSealed && type.formatVersion == 1 { XCTAssertGreaterThan(made.count(of: type), 0, "\(type)") }
        func share(_ t: EventType) -> Double { Double(made.count(of: t)) / 2_000 }
        XCTAssertEqual(share(.observationAdded), 0.20, accuracy: 0.05)
        XCTAssertEqual(share(.targetChanged), 0.05, accuracy: 0.025)
        XCTAssertEqual(share(.readingCorrected), 0.03, accuracy: 0.02)
        XCTAssertGreaterThan(share(.readingRecorded), 0.5)
        // Every aggregation and frequency, post-close adjustments, many actors.
        let (state, _) = try ledger.state()
        let definitions = state.indicators.values.map(\.definition)
        XCTAssertEqual(Set(definitions.map(\.aggregation)), Set(Aggregation.allCases))
        XCTAssertEqual(Set(definitions.map(\.frequency)), Set(Frequency.allCases))
        XCTAssertTrue(state.indicators.values.contains { $0.readings.values.contains { $0.isPostClose } })
        XCTAssertGreaterThanOrEqual(made.actors, 10)
        XCTAssertNotNil(state.indicators[made.busiestIndicator])
        XCTAssertNotNil(Period(made.reportQuarter))
        // The manifest reads back.
        XCTAssertEqual(GeneratedLedger(manifest: made.manifest), made)
    }

    func testTheSameSeedGivesAByteIdenticalJournal() throws {
        let a = temporaryDirectory(), b = temporaryDirectory(), c = temporaryDirectory()
        let first = try Generator.generate(events: 2_000, seed: 11, into: a)
        let second = try Generator.generate(events: 2_000, seed: 11, into: b)
        let other = try Generator.generate(events: 2_000, seed: 12, into: c)
        let journalA = try XCTUnwrap(FileManager.default.contents(atPath: a + "/events/journal.jsonl"))
        let journalB = try XCTUnwrap(FileManager.default.contents(atPath: b + "/events/journal.jsonl"))
        XCTAssertEqual(journalA, journalB)
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first.head, other.head)
    }

    func testShapeGrowsBodiesAndYearsWithSize() {
        XCTAssertEqual(GeneratorShape.forEvents(2_000).years, 1)
        XCTAssertEqual(GeneratorShape.forEvents(10_000).years, 2)
        let big = GeneratorShape.forEvents(1_000_000)
        XCTAssertEqual(big.years, 10)
        XCTAssertGreaterThan(big.bodies, 100)
    }
}

/// The signed ledgers the bench caches (issue 15): deterministic, and their
/// manifests say how they are signed.
final class SignedGeneratorTests: XCTestCase {
    var directories: [String] = []

    func temporaryDirectory() -> String {
        let d = NSTemporaryDirectory() + "ledger-bench-signed-\(UInt64.random(in: 0...UInt64.max))"
        directories.append(d)
        return d
    }

    override func tearDown() {
        for d in directories { try? FileManager.default.removeItem(atPath: d) }
    }

    func testTheSameSeedGivesAByteIdenticalSignedJournal() throws {
        for signing in [GeneratorSigning.batch, .event] {
            let a = temporaryDirectory(), b = temporaryDirectory()
            let first = try Generator.generate(events: 1_000, seed: 5, into: a, signing: signing)
            let second = try Generator.generate(events: 1_000, seed: 5, into: b, signing: signing)
            let journalA = try XCTUnwrap(FileManager.default.contents(atPath: a + "/events/journal.jsonl"))
            let journalB = try XCTUnwrap(FileManager.default.contents(atPath: b + "/events/journal.jsonl"))
            XCTAssertEqual(journalA, journalB, "\(signing)")
            XCTAssertEqual(first, second, "\(signing)")
            XCTAssertEqual(first.signing, signing.rawValue)
            XCTAssertGreaterThan(first.count(of: .batchSigned), 0)
            // The manifest carries the signing, and a manifest written before it had one is read by its counts.
            XCTAssertEqual(GeneratedLedger(manifest: first.manifest), first)
            let old = first.manifest.split(separator: "\n").filter { !$0.hasPrefix("signing=") }.joined(separator: "\n") + "\n"
            XCTAssertEqual(GeneratedLedger(manifest: old)?.signing, signing.rawValue, "\(signing)")
        }
    }

    func testAnUnsignedManifestSaysNone() throws {
        let made = try Generator.generate(events: 1_000, seed: 5, into: temporaryDirectory())
        XCTAssertEqual(made.signing, "none")
        XCTAssertEqual(made.count(of: .batchSigned), 0)
        let old = made.manifest.split(separator: "\n").filter { !$0.hasPrefix("signing=") }.joined(separator: "\n") + "\n"
        XCTAssertEqual(GeneratedLedger(manifest: old)?.signing, "none")
    }
}
