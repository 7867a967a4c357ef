// Rules editions: a ledger keeps the rules it was opened under, so a rule
// added later (look-alike names, the CONAC order of budget moments: edition
// 2) never fails a journal that kept the rules of its day, and verify of a
// journal written years ago still passes. The opening says its edition;
// one that says none is edition 1.

import XCTest
@testable import LedgerCore

final class RuleEditionTests: XCTestCase {
    typealias B = ForgeryBuilder
    let q1 = Period.quarter(2017, 1)

    func opening(_ edition: Int) -> RecordedEvent {
        let (line, _) = EventCodec.encode(seq: 1, at: Timestamp(year: 2017, month: 1, day: 2), actor: "ana", osUser: "u",
                                          pending: PendingEvent(.ledgerOpened(LedgerSettings(entity: "Prueba", rulesEdition: edition))),
                                          more: 0, previous: .zero)
        return try! EventCodec.decode(line: Array(line.dropLast()))
    }

    func testTheOpeningSaysItsEditionFromTwoOn() throws {
        for edition in LedgerSettings.rulesEditions {
            let (line, _) = EventCodec.encode(seq: 1, at: Timestamp(year: 2017, month: 1, day: 2), actor: "ana", osUser: "u",
                                              pending: PendingEvent(.ledgerOpened(LedgerSettings(entity: "Prueba", rulesEdition: edition))),
                                              more: 0, previous: .zero)
            let text = String(decoding: line, as: UTF8.self)
            // Edition 1 is the opening of every journal before editions: no field, version 1.
            XCTAssertEqual(text.contains("\"rules\":"), edition != 1, text)
            XCTAssertEqual(text.hasPrefix("{\"v\":1,"), edition == 1, text)
            let body = Array(line.dropLast())
            for decoded in [try EventCodec.decode(line: body), try XCTUnwrap(body.withUnsafeBytes { EventCodec.decodeCanonical(line: $0) })] {
                guard case .ledgerOpened(let s) = decoded.payload else { return XCTFail("not an opening") }
                XCTAssertEqual(s.rulesEdition, edition)
            }
        }
    }

    func testAnEditionThisBuildDoesNotKnowIsRefusedOnReading() throws {
        let (line, _) = EventCodec.encode(seq: 1, at: Timestamp(year: 2017, month: 1, day: 2), actor: "ana", osUser: "u",
                                          pending: PendingEvent(.ledgerOpened(LedgerSettings(entity: "Prueba"))), more: 0, previous: .zero)
        let text = String(decoding: line.dropLast(), as: UTF8.self)
        XCTAssertTrue(text.contains(",\"rules\":\(LedgerSettings.currentRulesEdition)"))
        for other in ["1", "\(LedgerSettings.currentRulesEdition + 1)", "0", "-2"] {
            let forged = Array(text.replacingOccurrences(of: ",\"rules\":\(LedgerSettings.currentRulesEdition)", with: ",\"rules\":" + other).utf8)
            XCTAssertThrowsError(try EventCodec.decode(line: forged), other)
            XCTAssertNil(forged.withUnsafeBytes { EventCodec.decodeCanonical(line: $0) }, other)
        }
    }

    /// What edition 2 added, decided against each edition: refused under 2,
    /// recorded under 1 (the rules of its day), and replayed by verify alike.
    func testTheRulesOfEachEdition() throws {
        let outOfOrder = BudgetFigures(modified: DecimalNumber(100), accrued: DecimalNumber(50), paid: DecimalNumber(60))
        let lookAlike = IndicatorDefinition(id: "M\u{415}D", name: "n", unit: "u", year: 2017, annualTarget: DecimalNumber(12), plan: "POA 2017")
        let hidden = "texto\u{202E}oculto"
        for edition in LedgerSettings.rulesEditions {
            var b = ForgeryBuilder(rulesEdition: edition)
            try b.define("MED")
            let commands: [Command] = [
                .recordBudget(indicator: "MED", period: q1, figures: outOfOrder),
                .defineIndicator(lookAlike),
                .addObservation(indicator: "MED", period: .month(2017, 1), text: hidden),
            ]
            for command in commands {
                let decided = Decider.decide(command, facts: b.facts)
                if edition >= 2 {
                    guard case .failure = decided else { return XCTFail("edition \(edition) recorded \(command)") }
                    // A forger's line that says the same is named by verify.
                    var forger = b
                    let pending = try Decider.decide(command, facts: ForgeryBuilder(rulesEdition: 1).factsWith(b.events.dropFirst())).get()
                    XCTAssertNotNil(forger.breach(pending), "\(command)")
                } else {
                    XCTAssertNoThrow(try b.decide(command), "edition 1 refused \(command)")
                }
            }
            // A look-alike actor, likewise.
            let reading = Command.recordReading(indicator: "MED", period: .month(2017, 2), measurement: B.value(1), note: nil, postClose: false, reason: nil)
            if edition >= 2 {
                XCTAssertThrowsError(try b.decide(reading, actor: "Ana"))
            } else {
                XCTAssertNoThrow(try b.decide(reading, actor: "Ana"))
            }
        }
    }

    /// An edition-1 journal replays clean whatever it holds that edition 2
    /// refuses; the facts say the edition of the opening.
    func testReplayKeepsTheEditionOfTheOpening() {
        for edition in LedgerSettings.rulesEditions {
            var facts = FoldedFacts()
            XCTAssertEqual(facts.rulesEdition, LedgerSettings.currentRulesEdition, "before the opening: the current edition")
            facts.apply(opening(edition))
            XCTAssertEqual(facts.rulesEdition, edition)
            var batch = BatchFacts(base: facts, headSeq: 1)
            XCTAssertEqual(batch.rulesEdition, edition)
            batch.add(PendingEvent(.indicatorDefined(IndicatorDefinition(id: "X", name: "n", unit: "u", year: 2017, annualTarget: DecimalNumber(1), plan: "P"))))
            XCTAssertEqual(batch.rulesEdition, edition)
        }
    }
}

extension ForgeryBuilder {
    /// Facts of an edition-1 opening followed by `events` (to decide what a
    /// forger would write, past edition 2's rules).
    func factsWith(_ events: ArraySlice<RecordedEvent>) -> FoldedFacts {
        var f = ForgeryBuilder(rulesEdition: 1).facts
        for e in events { f.apply(e) }
        return f
    }
}
