// verify's replay of the rules (issue 11, item 2), in the core: events
// written past decide (a forger writes the line and recomputes its hash)
// are each named with the rule they break; events decide made always pass.

import LedgerToolSupport
import XCTest
@testable import LedgerCore

/// A journal written event by event, honestly (through decide) or not
/// (any payload), replayed by RuleReplay as verify does.
struct ForgeryBuilder {
    var events: [RecordedEvent] = []
    var facts = FoldedFacts()
    var clock = Timestamp(year: 2017, month: 1, day: 2)

    init(rulesEdition: Int = LedgerSettings.currentRulesEdition) {
        try! decide(.open(LedgerSettings(entity: "Prueba", rulesEdition: rulesEdition)))
    }

    /// The event as the journal would hold it (encoded, then read back).
    mutating func event(_ pending: PendingEvent, actor: String = "ana") -> RecordedEvent {
        clock = Timestamp(microseconds: clock.microseconds + 60_000_000)
        let previous = events.last?.hash ?? .zero
        let (line, _) = EventCodec.encode(seq: Int64(events.count + 1), at: clock, actor: actor, osUser: "u", pending: pending,
                                          more: 0, previous: previous)
        return try! EventCodec.decode(line: Array(line.dropLast()))
    }

    /// Decides `command` as an append would, and writes the event.
    mutating func decide(_ command: Command, actor: String = "ana") throws {
        let pending = try Decider.decide(command, facts: facts).get()
        try append(event(pending, actor: actor))
    }

    /// Writes `event` after checking it as verify does; throws its breach.
    mutating func append(_ e: RecordedEvent) throws {
        var replay = RuleReplay()
        for old in events { XCTAssertNil(replay.check(old)) }
        if let breach = replay.check(e) { throw Breach(breach: breach) }
        events.append(e)
        facts.apply(e)
    }

    /// The breach verify reports for a forged `pending` written next.
    mutating func breach(_ pending: PendingEvent, actor: String = "ana") -> RuleBreach? {
        let e = event(pending, actor: actor)
        var replay = RuleReplay()
        for old in events { _ = replay.check(old) }
        return replay.check(e)
    }

    struct Breach: Error { var breach: RuleBreach }

    mutating func define(_ id: String, plan: String = "POA 2017", owner: String? = nil, aggregation: Aggregation = .sum) throws {
        try decide(.defineIndicator(IndicatorDefinition(id: id, name: "n", unit: "u", year: 2017, annualTarget: DecimalNumber(12),
                                                        aggregation: aggregation, ownerCode: owner, plan: plan)))
    }

    static func value(_ v: Int) -> LedgerCore.Measurement { .value(DecimalNumber(v)) }
}

final class RuleCheckTests: XCTestCase {
    typealias B = ForgeryBuilder
    let jan = Period.month(2017, 1), feb = Period.month(2017, 2)

    func base() throws -> ForgeryBuilder {
        var b = ForgeryBuilder()
        try b.define("MED", owner: "307")
        try b.decide(.recordReading(indicator: "MED", period: jan, measurement: B.value(280), note: nil, postClose: false, reason: nil))
        return b
    }

    func testASecondReadingWithoutACorrection() throws {
        var b = try base()
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: jan, measurement: B.value(300), note: nil, postClose: false))),
                       .refused(.readingExists(indicator: "MED", period: jan, seq: 3)))
    }

    func testAReadingForAClosedQuarterWithoutTheFlagAndReason() throws {
        var b = try base()
        try b.decide(.closeQuarter(quarter: .quarter(2017, 1), plan: nil))
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: B.value(1), note: nil, postClose: false))),
                       .refused(.quarterIsClosed(indicator: "MED", period: feb, quarter: .quarter(2017, 1))))
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: B.value(1), note: nil, postClose: true))),
                       .refused(.reasonRequired("post-close")))
        XCTAssertNil(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: B.value(1), note: nil, postClose: true), reason: "tarde")))
        // The flag on an open quarter is a mark that lies.
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: .month(2017, 4), measurement: B.value(1), note: nil, postClose: true), reason: "x")),
                       .refused(.notClosed(indicator: "MED", period: .month(2017, 4))))
    }

    func testACorrectionNamingTheWrongReading() throws {
        var b = try base()
        try b.decide(.correctReading(indicator: "MED", period: jan, measurement: B.value(290), reason: "captura", postClose: false))
        XCTAssertEqual(b.breach(PendingEvent(.readingCorrected(indicator: "MED", period: jan, measurement: B.value(295), corrects: 3, postClose: false), reason: "otra")),
                       .correctsAnotherReading(indicator: "MED", period: jan, names: 3, inForce: 4))
        XCTAssertNil(b.breach(PendingEvent(.readingCorrected(indicator: "MED", period: jan, measurement: B.value(295), corrects: 4, postClose: false), reason: "otra")))
        XCTAssertEqual(b.breach(PendingEvent(.readingCorrected(indicator: "MED", period: jan, measurement: B.value(290), corrects: 4, postClose: false), reason: "igual")),
                       .refused(.correctionChangesNothing(indicator: "MED", period: jan)))
        XCTAssertEqual(b.breach(PendingEvent(.readingCorrected(indicator: "MED", period: feb, measurement: B.value(1), corrects: 3, postClose: false), reason: "nada")),
                       .refused(.noReadingToCorrect(indicator: "MED", period: feb)))
        XCTAssertEqual(b.breach(PendingEvent(.readingCorrected(indicator: "MED", period: jan, measurement: B.value(1), corrects: 4, postClose: false))),
                       .refused(.reasonRequired("correction")))
    }

    func testEventsAboutUnknownIndicatorsAndOtherRefusals() throws {
        var b = try base()
        XCTAssertEqual(b.breach(PendingEvent(.observationAdded(indicator: "NOPE", period: jan, text: "x"))), .refused(.unknownIndicator("NOPE")))
        XCTAssertEqual(b.breach(PendingEvent(.targetChanged(indicator: "MED", change: .annual(DecimalNumber(20))))), .refused(.reasonRequired("target")))
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: .month(2018, 1), measurement: B.value(1), note: nil, postClose: false))),
                       .refused(.periodOutsideYear(indicator: "MED", period: .month(2018, 1), year: 2017)))
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: .value(DecimalNumber(-5)), note: nil, postClose: false))),
                       .refused(.negativeValue("value")))
        XCTAssertEqual(b.breach(PendingEvent(.indicatorDefined(IndicatorDefinition(id: "MED", name: "n", unit: "u", year: 2017, annualTarget: .zero)))),
                       .refused(.indicatorExists("MED")))
        XCTAssertEqual(b.breach(PendingEvent(.quarterClosed(quarter: .quarter(2017, 1), plan: "OTRO"))), .refused(.unknownPlan("OTRO")))
        XCTAssertEqual(b.breach(PendingEvent(.ledgerOpened(LedgerSettings(entity: "otra")))), .refused(.alreadyOpened))
        // A reason where the rules record none.
        XCTAssertEqual(b.breach(PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: B.value(1), note: nil, postClose: false), reason: "porque sí")),
                       .reasonNotRecorded("porque sí"))
    }

    /// A name that looks like another, or holds a character no name may, and
    /// a budget out of CONAC's order: refused in every line.
    func testLookAlikesInvisibleNamesAndBudgetOrder() throws {
        var b = try base()
        let twin = PendingEvent(.indicatorDefined(IndicatorDefinition(id: "M\u{415}D", name: "n", unit: "u", year: 2017, annualTarget: .zero, plan: "POA 2017")))
        XCTAssertEqual(b.breach(twin), .refused(.lookAlike(.indicator, given: "M\u{415}D", existing: "MED")))
        let reading = PendingEvent(.readingRecorded(indicator: "MED", period: feb, measurement: B.value(1), note: nil, postClose: false))
        XCTAssertEqual(b.breach(reading, actor: "Ana"), .refused(.lookAlike(.actor, given: "Ana", existing: "ana")))
        XCTAssertEqual(b.breach(reading, actor: "an\u{200B}a"), .refused(.invalidName(field: "actor", .invisible(0x200B, at: 3))))
        let plan = PendingEvent(.indicatorDefined(IndicatorDefinition(id: "OTRO", name: "n", unit: "u", year: 2017, annualTarget: .zero, plan: "P\u{41E}A 2017")))
        XCTAssertEqual(b.breach(plan), .refused(.lookAlike(.plan, given: "P\u{41E}A 2017", existing: "POA 2017")))
        let owner = PendingEvent(.indicatorDefined(IndicatorDefinition(id: "OTRO", name: "n", unit: "u", year: 2017, annualTarget: .zero, ownerCode: "3O7", plan: "POA 2017")))
        XCTAssertEqual(b.breach(owner), .refused(.lookAlike(.owner, given: "3O7", existing: "307")))
        let long = PendingEvent(.indicatorDefined(IndicatorDefinition(id: String(repeating: "X", count: 5000), name: "n", unit: "u", year: 2017, annualTarget: .zero)))
        XCTAssertEqual(b.breach(long), .refused(.invalidName(field: "id", .tooLong(limit: 64, length: 5000))))
        // A budget out of CONAC's order.
        let budget = PendingEvent(.budgetRecorded(indicator: "MED", period: jan, figures: BudgetFigures(modified: DecimalNumber(10), accrued: DecimalNumber(20), paid: DecimalNumber(5))))
        if case .refused(.budgetMomentsOutOfOrder)? = b.breach(budget) {} else { XCTFail("a budget out of order passed") }
    }

    func testSealsFollowTheSealsBeforeThem() throws {
        var b = try base()
        func segment(_ first: Int64, _ last: Int64) -> SegmentRecord {
            SegmentRecord(file: SegmentRecord.fileName(first: first, last: last), firstSeq: first, lastSeq: last, bytes: 100, sha256: .zero)
        }
        XCTAssertNil(b.breach(PendingEvent(.segmentSealed(segments: [segment(1, 3)]))))
        let s23 = segment(2, 3)
        XCTAssertEqual(b.breach(PendingEvent(.segmentSealed(segments: [s23]))),
                       .refused(.segmentRefused(file: s23.file, .doesNotFollow(expectedFirstSeq: 1))), "decided as a seal command")
        XCTAssertEqual(b.breach(PendingEvent(.segmentSealed(segments: [segment(1, 4)]))), .sealNotBefore(lastSeq: 4), "it ends at the seal itself")
        // (A seal that lists no segment, or a segment whose name disagrees with its range, does not even
        // decode: the chain reader names it as damage.)
        try b.append(b.event(PendingEvent(.segmentSealed(segments: [segment(1, 3)]))))
        XCTAssertEqual(b.breach(PendingEvent(.segmentSealed(segments: [segment(4, 4)]))), .sealListDiffers, "it drops the first")
        XCTAssertNil(b.breach(PendingEvent(.segmentSealed(segments: [segment(1, 3), segment(4, 4)]))))
    }

    /// Seeded: every event decide accepts replays without a breach, and a
    /// command decide refuses, forced into the journal, is named with the
    /// very refusal decide gave.
    func testDecidedEventsAlwaysPassAndForcedRefusalsAreNamed() throws {
        var rng = SplitMix64(seed: 11)
        var b = ForgeryBuilder()
        let ids = ["A", "B", "R"]
        try b.define("A", plan: "P1")
        try b.define("B", plan: "P2")
        try b.define("R", plan: "P1", aggregation: .ratio)
        var accepted = 0, refused = 0
        // The same journal folded into a LedgerState: decide must answer the same from both.
        var state = LedgerState()
        for e in b.events { state.apply(e) }
        for _ in 0..<600 {
            let id = ids[Int(rng.next() % 3)]
            let p = Period.month(2017, Int(rng.next() % 12) + 1)
            let v = DecimalNumber(Int(rng.next() % 5))
            let m: LedgerCore.Measurement = rng.next() % 2 == 0 ? .value(v) : .ratio(numerator: v, denominator: DecimalNumber(Int(rng.next() % 3)))
            let command: Command
            switch rng.next() % 7 {
            case 0: command = .recordReading(indicator: id, period: p, measurement: m, note: nil, postClose: rng.next() % 4 == 0, reason: rng.next() % 2 == 0 ? "r" : nil)
            case 1: command = .correctReading(indicator: id, period: p, measurement: m, reason: rng.next() % 5 == 0 ? nil : "c", postClose: rng.next() % 4 == 0)
            case 2: command = .closeQuarter(quarter: .quarter(2017, Int(rng.next() % 4) + 1), plan: ["P1", "P2", nil][Int(rng.next() % 3)])
            case 3: command = .addObservation(indicator: id, period: p, text: "obs")
            case 4: command = .changeTarget(indicator: id, change: .period(p, v), reason: "t")
            case 5: command = .recordBudget(indicator: id, period: p, figures: BudgetFigures(modified: v, accrued: DecimalNumber(Int(rng.next() % 5)), paid: .zero))
            default:
                let newID = ["C", "c", "\u{421}", "D", "d0", "dO", "E"][Int(rng.next() % 7)] + String(rng.next() % 3)
                command = .defineIndicator(IndicatorDefinition(id: newID, name: "n", unit: "u", frequency: rng.next() % 2 == 0 ? .monthly : .quarterly,
                                                               year: 2017, annualTarget: v, aggregation: rng.next() % 2 == 0 ? .sum : .ratio,
                                                               plan: ["P1", "P2", "p1", "P3"][Int(rng.next() % 4)]))
            }
            // FoldedFacts keeps only what decide reads of a definition: if a rule starts reading more, this differs.
            XCTAssertEqual(Decider.decide(command, facts: b.facts), Decider.decide(command, facts: state), "\(command)")
            switch Decider.decide(command, facts: b.facts) {
            case .success(let pending):
                try b.append(b.event(pending))
                state.apply(b.events.last!)
                accepted += 1
            case .failure(let refusal):
                // What a forger would write for it: the payload as decide would have made it.
                guard let forced = Self.forced(command, b.facts) else { continue }
                XCTAssertEqual(b.breach(forced), .refused(refusal), "\(command)")
                refused += 1
            }
        }
        XCTAssertGreaterThan(accepted, 100)
        XCTAssertGreaterThan(refused, 100)
    }

    /// The event a command would record, written without asking decide.
    static func forced(_ c: Command, _ facts: FoldedFacts) -> PendingEvent? {
        switch c {
        case .recordReading(let id, let p, let m, let note, let postClose, let reason, _):
            return PendingEvent(.readingRecorded(indicator: id, period: p, measurement: m, note: note, postClose: postClose), reason: postClose ? reason : nil)
        case .correctReading(let id, let p, let m, let reason, let postClose, _):
            return PendingEvent(.readingCorrected(indicator: id, period: p, measurement: m, corrects: facts.readingInForce(id, p)?.seq ?? 1, postClose: postClose), reason: reason)
        case .closeQuarter(let q, let plan): return PendingEvent(.quarterClosed(quarter: q, plan: plan))
        case .addObservation(let id, let p, let t): return PendingEvent(.observationAdded(indicator: id, period: p, text: t))
        case .changeTarget(let id, let change, let reason, _): return PendingEvent(.targetChanged(indicator: id, change: change), reason: reason)
        case .recordBudget(let id, let p, let f): return PendingEvent(.budgetRecorded(indicator: id, period: p, figures: f))
        default: return nil
        }
    }
}
