// Journal format version 2 (FORMAT.md): the office's events (a reporting
// deadline, a unit's contact, an amended definition), the transparency
// fields of a definition and the authorising document. Each round-trips
// through both decoders; a version-1 line still reads, and a version-1 line
// holding what version 2 added is refused; decide, evolve, the state codec
// and the audit trail know them.

import XCTest
@testable import LedgerCore
import LedgerCrypto

final class FormatVersion2Tests: XCTestCase {
    static let definition = IndicatorDefinition(
        id: "MED", name: "INSTALACION DE MEDIDORES", unit: "MEDIDORES", year: 2017, annualTarget: DecimalNumber(3600),
        ownerCode: "307", ownerName: "COORDINACION DE MEDIDORES", plan: "POA 2017", dimension: "Eficacia",
        definitionText: "Medidores instalados", method: "Suma de medidores instalados en el periodo",
        informationSource: "Sistema comercial", objective: "Medir todo el consumo")

    static let amendment = IndicatorAmendment(name: "INSTALACION DE MEDIDORES NUEVOS", ownerCode: "308", baseline: DecimalNumber("12.5"),
                                              definitionText: "Medidores \"nuevos\" instalados")

    static let payloads: [(EventPayload, String?)] = [
        (.ledgerOpened(LedgerSettings(entity: "COMAPA", timeZone: "America/Mexico_City", deadlineDay: 12)), nil),
        (.indicatorDefined(definition), nil),
        (.targetChanged(indicator: "MED", change: .period(.month(2017, 2), DecimalNumber(350))), "Oficio DPE/123/2017"),
        (.readingCorrected(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(540)), corrects: 3, postClose: true), "Oficio 9"),
        (.deadlineSet(day: 15), nil),
        (.unitDescribed(UnitDescription(code: "308", name: "COORDINACION DE SERVICIOS", contact: "ruiz@comapa.gob.mx")), nil),
        (.unitDescribed(UnitDescription(code: "309", contact: "Lic. Peña")), nil),
        (.indicatorAmended(indicator: "MED", amendment: amendment), "Acta 4/2017"),
        // Issue 12: members, the requirement of signatures, attestations and the signature line.
        (.memberAdded(MemberRecord(name: "luis", publicKey: key, roles: [.recorder, .auditor])), nil),
        (.memberRolesChanged(name: "luis", roles: [.planner]), nil),
        (.memberRemoved(name: "luis"), nil),
        (.signaturesRequired, nil),
        (.quarterAttested(QuarterAttestation(quarter: .quarter(2017, 1), plan: "POA 2017", headSeq: 41, headHash: SHA256.hash(Array("x".utf8)),
                                             files: [AttestedFile(name: "2017-Q1_a.csv", sha256: SHA256.hash(Array("a".utf8)))])), nil),
        (.batchSigned(BatchSignature(signer: "luis", fromSeq: 40, blob: Array("SSHSIG not checked by the codec".utf8))), nil),
    ]
    static let key = try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: 5, count: 32)), comment: "luis@captura")

    func line(_ i: Int, _ payload: EventPayload, document: String?, previous: Digest256 = .zero) -> [UInt8] {
        let pending = PendingEvent(payload, reason: payload.type == .deadlineSet ? nil : "motivo", document: document)
        return Array(EventCodec.encode(seq: Int64(i + 1), at: Timestamp(microseconds: 1_491_836_645_000_000 + Int64(i)), actor: "ana",
                                       osUser: "root", pending: pending, more: 0, previous: previous).line.dropLast())
    }

    func testEveryVersion2EventRoundTripsThroughBothDecoders() throws {
        for (i, (payload, document)) in Self.payloads.enumerated() {
            let bytes = line(i, payload, document: document)
            XCTAssertTrue(bytes.starts(with: Array("{\"v\":2,".utf8)))
            let general = try bytes.withUnsafeBytes { try EventCodec.decodeGeneral(line: $0) }
            XCTAssertEqual(general.payload, payload)
            XCTAssertEqual(general.document, document)
            if let fast = bytes.withUnsafeBytes({ EventCodec.decodeCanonical(line: $0) }) {
                XCTAssertEqual(fast, general, "\(payload.type)")
            } else {
                XCTAssertTrue([.deadlineSet, .unitDescribed, .indicatorAmended, .memberAdded, .memberRolesChanged, .memberRemoved,
                               .signaturesRequired, .quarterAttested].contains(payload.type) || bytes.contains(UInt8(ascii: "\\")),
                              "only the rare types and escapes leave the fast path: \(payload.type)")
            }
        }
        // The document sits between reason and source on the envelope, as FORMAT.md says.
        let text = String(decoding: line(2, Self.payloads[2].0, document: "Oficio DPE/123/2017"), as: UTF8.self)
        XCTAssertTrue(text.contains(#""reason":"motivo","document":"Oficio DPE/123/2017","prev":"#), text)
        let amended = String(decoding: line(7, Self.payloads[7].0, document: nil), as: UTF8.self)
        XCTAssertTrue(amended.contains(#""data":{"indicator":"MED","name":"INSTALACION DE MEDIDORES NUEVOS","owner":"308","baseline":"12.5","definition":"Medidores \"nuevos\" instalados"}"#), amended)
    }

    /// A line written by a version-1 ledger, byte for byte, still reads.
    func testAVersion1LineStillReads() throws {
        let v1 = #"{"v":1,"seq":2,"at":"2017-01-05T16:00:00.000000Z","actor":"ana","os_user":"ana","type":"reading_recorded","data":{"indicator":"MED","period":"2017-01","value":"542"},"prev":"0000000000000000000000000000000000000000000000000000000000000000","hash":"1111111111111111111111111111111111111111111111111111111111111111"}"#
        let fast = try XCTUnwrap(Array(v1.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) })
        let general = try Array(v1.utf8).withUnsafeBytes { try EventCodec.decodeGeneral(line: $0) }
        XCTAssertEqual(fast, general)
        XCTAssertEqual(fast.payload, .readingRecorded(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(542)), note: nil, postClose: false))
        XCTAssertNil(fast.document)
    }

    /// What version 2 added may not appear in a line that says version 1: the
    /// general decoder says so, and the fast path declines.
    func testAVersion1LineHoldingVersion2ThingsIsRefused() {
        for (i, (payload, document)) in Self.payloads.enumerated() {
            let v1 = String(decoding: line(i, payload, document: document), as: UTF8.self).replacingOccurrences(of: "{\"v\":2,", with: "{\"v\":1,")
            XCTAssertNil(Array(v1.utf8).withUnsafeBytes { EventCodec.decodeCanonical(line: $0) }, "\(payload.type)")
            XCTAssertThrowsError(try EventCodec.decode(line: Array(v1.utf8)), "\(payload.type)") { e in
                XCTAssertTrue((e as? EventDecodingError)?.message.contains("format version 2 added") ?? false, "\(e)")
            }
        }
        // The same events without version-2 fields are plain version 1.
        XCTAssertEqual(EventCodec.minimumVersion(.ledgerOpened(LedgerSettings(entity: "E", rulesEdition: LedgerSettings.firstRulesEdition)), document: nil), 1)
        XCTAssertEqual(EventCodec.minimumVersion(.ledgerOpened(LedgerSettings(entity: "E")), document: nil), 2, "an opening of rules edition 2 or later")
        XCTAssertEqual(EventCodec.minimumVersion(.indicatorDefined(IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: .zero)), document: nil), 1)
        XCTAssertEqual(EventCodec.minimumVersion(.targetChanged(indicator: "I", change: .annual(.zero)), document: "x"), 2)
    }

    func testDecodingRefusesAnEmptyAmendmentAndABadDay() {
        let empty = String(decoding: line(7, Self.payloads[7].0, document: nil), as: UTF8.self)
            .replacingOccurrences(of: #","name":"INSTALACION DE MEDIDORES NUEVOS","owner":"308","baseline":"12.5","definition":"Medidores \"nuevos\" instalados""#, with: "")
        XCTAssertThrowsError(try EventCodec.decode(line: Array(empty.utf8)))
        let day = String(decoding: line(4, Self.payloads[4].0, document: nil), as: UTF8.self).replacingOccurrences(of: #""day":15"#, with: #""day":32"#)
        XCTAssertThrowsError(try EventCodec.decode(line: Array(day.utf8)))
    }

    // MARK: Decide

    func opened() -> LedgerState {
        var s = LedgerState()
        s.settings = LedgerSettings(entity: "E", deadlineDay: 12)
        var ind = IndicatorState(definition: Self.definition, definedSeq: 2)
        ind.readings[.month(2017, 1)] = ReadingState(measurement: .value(DecimalNumber(542)), stamp: Stamp(seq: 3, at: Timestamp(microseconds: 3), actor: "a"),
                                                     firstSeq: 3, note: nil, isCorrected: false, isPostClose: false)
        s.indicators["MED"] = ind
        s.indicatorOrder = ["MED"]
        return s
    }

    func refusal(_ c: Command, _ s: LedgerState) -> Refusal? {
        if case .failure(let r) = Decider.decide(c, facts: s) { return r }
        return nil
    }

    func testDecideTheOfficeCommands() throws {
        let s = opened()
        XCTAssertEqual(try Decider.decide(.setDeadline(day: 31), facts: s).get().payload, .deadlineSet(day: 31))
        XCTAssertEqual(refusal(.setDeadline(day: 0), s), .deadlineOutOfRange(0))
        XCTAssertEqual(refusal(.open(LedgerSettings(entity: "E", deadlineDay: 32)), LedgerState()), .deadlineOutOfRange(32))
        XCTAssertEqual(refusal(.describeUnit(UnitDescription(code: "307")), s), .nothingToDescribe(unit: "307"))
        XCTAssertEqual(refusal(.describeUnit(UnitDescription(code: "307", contact: "a\nb")), s), .invalidText("contact"))
        XCTAssertEqual(refusal(.amendIndicator(indicator: "MED", amendment: IndicatorAmendment(), reason: "r"), s), .nothingToAmend(indicator: "MED"))
        XCTAssertEqual(refusal(.amendIndicator(indicator: "MED", amendment: Self.amendment, reason: nil), s), .reasonRequired("amend"))
        XCTAssertEqual(refusal(.amendIndicator(indicator: "X", amendment: Self.amendment, reason: "r"), s), .unknownIndicator("X"))
        XCTAssertEqual(refusal(.amendIndicator(indicator: "MED", amendment: IndicatorAmendment(name: " "), reason: "r"), s), .emptyField("name"))
        let amend = try Decider.decide(.amendIndicator(indicator: "MED", amendment: Self.amendment, reason: "r", document: "Acta 4"), facts: s).get()
        XCTAssertEqual(amend.document, "Acta 4")
        XCTAssertEqual(amend.reason, "r")
    }

    /// A document goes with what authorises a change: target changes,
    /// corrections, post-close readings; a plain reading is refused one.
    func testTheAuthorisingDocument() throws {
        let s = opened()
        let target = try Decider.decide(.changeTarget(indicator: "MED", change: .annual(DecimalNumber(4200)), reason: "r", document: "Oficio 1"), facts: s).get()
        XCTAssertEqual(target.document, "Oficio 1")
        let correction = try Decider.decide(.correctReading(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(540)),
                                                            reason: "r", postClose: false, document: "Oficio 2"), facts: s).get()
        XCTAssertEqual(correction.document, "Oficio 2")
        XCTAssertEqual(refusal(.recordReading(indicator: "MED", period: .month(2017, 2), measurement: .value(.zero), note: nil, postClose: false,
                                              reason: nil, document: "Oficio 3"), s), .documentNotAllowed(.readingRecorded))
        XCTAssertEqual(refusal(.changeTarget(indicator: "MED", change: .annual(.zero), reason: "r", document: ""), s), .emptyField("document"))
        var closed = s
        closed.closes = [QuarterClose(quarter: .quarter(2017, 1), plan: nil, stamp: Stamp(seq: 4, at: Timestamp(microseconds: 4), actor: "a"))]
        let post = try Decider.decide(.recordReading(indicator: "MED", period: .month(2017, 2), measurement: .value(.zero), note: nil, postClose: true,
                                                     reason: "tarde", document: "Oficio 3"), facts: closed).get()
        XCTAssertEqual(post.document, "Oficio 3")
    }

    // MARK: Evolve, the state codec, the audit trail

    func events() -> [RecordedEvent] {
        var out: [RecordedEvent] = []
        var previous = Digest256.zero
        let script: [(EventPayload, String?)] = [
            (.ledgerOpened(LedgerSettings(entity: "COMAPA", deadlineDay: 12)), nil),
            (.indicatorDefined(Self.definition), nil),
            (.readingRecorded(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(542)), note: nil, postClose: false), nil),
            (.readingCorrected(indicator: "MED", period: .month(2017, 1), measurement: .value(DecimalNumber(540)), corrects: 3, postClose: false), "Oficio 9"),
            (.targetChanged(indicator: "MED", change: .period(.month(2017, 2), DecimalNumber(350))), "Oficio DPE/123/2017"),
            (.targetChanged(indicator: "MED", change: .annual(DecimalNumber(4200))), nil),
            (.indicatorAmended(indicator: "MED", amendment: Self.amendment), "Acta 4/2017"),
            (.unitDescribed(UnitDescription(code: "308", name: "SERVICIOS")), nil),
            (.unitDescribed(UnitDescription(code: "308", contact: "ruiz@comapa")), nil),
            (.deadlineSet(day: 15), nil),
        ]
        for (i, (payload, document)) in script.enumerated() {
            let bytes = line(i, payload, document: document, previous: previous)
            let e = try! EventCodec.decode(line: bytes)
            out.append(e)
            previous = e.hash
        }
        return out
    }

    func testEvolveKeepsWhatTheOfficeRecorded() throws {
        let s = LedgerState.fold(events())
        XCTAssertEqual(s.settings?.deadlineDay, 15)
        XCTAssertEqual(s.settings?.reportingDeadlineDay, 15)
        XCTAssertEqual(s.units["308"]?.description, UnitDescription(code: "308", name: "SERVICIOS", contact: "ruiz@comapa"), "a later description adds to the earlier one")
        let ind = try XCTUnwrap(s.indicators["MED"])
        XCTAssertEqual(ind.definition.name, "INSTALACION DE MEDIDORES NUEVOS")
        XCTAssertEqual(ind.definition.ownerCode, "308")
        XCTAssertEqual(ind.definition.ownerName, "COORDINACION DE MEDIDORES", "fields not named stay")
        XCTAssertEqual(ind.definition.baseline, DecimalNumber("12.5"))
        XCTAssertEqual(ind.definition.annualTarget, DecimalNumber(3600), "the meta aprobada is not a description")
        XCTAssertEqual(ind.annualTarget, DecimalNumber(4200))
        XCTAssertEqual(ind.readings[.month(2017, 1)]?.document, "Oficio 9")
        XCTAssertEqual(ind.targetDocuments[.month(2017, 2)], "Oficio DPE/123/2017")
        XCTAssertNil(ind.annualTargetDocument)
        // The owner scope follows the amendment.
        XCTAssertEqual(Views.quarter(.quarter(2017, 1), of: s, scope: ReportScope(owner: "308")).rows.count, 1)
        XCTAssertEqual(Views.quarter(.quarter(2017, 1), of: s, scope: ReportScope(owner: "307")).rows.count, 0)
    }

    func testTheStateCodecKeepsEveryVersion2Field() throws {
        let s = LedgerState.fold(events())
        var back = try StateCodec.decodeGlobal(StateCodec.encodeGlobal(s), years: nil)
        try StateCodec.decodeYear(StateCodec.encodeYear(s, 2017), into: &back)
        XCTAssertEqual(back, s)
    }

    /// History shows an amendment's fields before and after, and every
    /// event's document.
    func testTheAuditTrailShowsBeforeAndAfter() {
        var state = LedgerState()
        var entries: [AuditEntry] = []
        for e in events() {
            entries.append(AuditTrail.entry(for: e, before: state))
            state.apply(e)
        }
        let amend = entries[6]
        XCTAssertEqual(amend.value, #"name: INSTALACION DE MEDIDORES NUEVOS; owner: 308; baseline: 12.5; definition: Medidores "nuevos" instalados"#)
        XCTAssertEqual(amend.previousValue, "name: INSTALACION DE MEDIDORES; owner: 307; baseline: -; definition: Medidores instalados")
        XCTAssertEqual(amend.document, "Acta 4/2017")
        XCTAssertEqual(entries[3].document, "Oficio 9")
        XCTAssertEqual(entries[8].previousValue, "owner: 308; owner_name: SERVICIOS")
        XCTAssertEqual(entries[8].value, "owner: 308; contact: ruiz@comapa")
        XCTAssertEqual(entries[9].previousValue, "12")
        XCTAssertEqual(entries[9].value, "15")
    }

    /// A renamed indicator or a new owner is a change `diff` shows, credited
    /// to the amendment, with its document.
    func testDiffShowsAnAmendmentAndItsDocument() {
        let all = events()
        let before = LedgerState.fold(all.prefix(6))
        let after = LedgerState.fold(all)
        let changes = DiffView.changes(before: before, after: after, between: Array(all[6...]))
        let name = changes.first { $0.figure == "name" }
        XCTAssertEqual(name?.before, "INSTALACION DE MEDIDORES")
        XCTAssertEqual(name?.after, "INSTALACION DE MEDIDORES NUEVOS")
        XCTAssertEqual(name?.events.map(\.seq), [7])
        XCTAssertEqual(name?.documents, ["Acta 4/2017"])
        XCTAssertEqual(Set(changes.map(\.figure)), ["name", "owner", "baseline", "definition"])
        let targets = DiffView.changes(before: LedgerState.fold(all.prefix(4)), after: LedgerState.fold(all.prefix(5)), between: [all[4]])
        XCTAssertEqual(targets.first { $0.figure == "programmed" }?.documents, ["Oficio DPE/123/2017"])
    }
}
