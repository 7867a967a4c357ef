// The office's forms, in-process: the reporting deadline at init and by an
// event, a unit's contact, an amended definition with its reason and
// document, the transparency fields, and documents on changes; from flags
// and from a batch file alike. History and diff show what changed.

import XCTest
import LedgerCore
@testable import LedgerApp

final class OfficeFormsTests: XCTestCase {
    func testTheDeadlineAtInitAndByAnEvent() throws {
        let f = try AppFixture()
        _ = try f.session.create(LedgerOpening(entity: "COMAPA", timeZone: "America/Mexico_City", deadlineDay: "12"), actor: "ana")
        XCTAssertEqual(try f.session.state(cut: nil).0.settings?.deadlineDay, 12)
        try f.append(.deadline, at: "2017-01-03T09:00:00-06:00", ["day": "15"])
        XCTAssertEqual(try f.session.state(cut: nil).0.settings?.reportingDeadlineDay, 15)
        XCTAssertThrowsError(try f.append(.deadline, at: "2017-01-03T09:01:00-06:00", ["day": "quince"])) {
            XCTAssertEqual($0 as? FieldError, .notOneOf(field: "day", text: "quince", allowed: "1-31"))
        }
        let bad = try AppFixture()
        XCTAssertThrowsError(try bad.session.create(LedgerOpening(entity: "E", deadlineDay: "0"), actor: "ana")) {
            XCTAssertEqual($0 as? Refusal, .deadlineOutOfRange(0))
        }
        let plain = try AppFixture.medidores()
        XCTAssertEqual(try plain.session.state(cut: nil).0.settings?.reportingDeadlineDay, 10, "the default")
    }

    func testABatchDescribesUnitsAndAmendsAnIndicator() throws {
        let f = try AppFixture.medidores()
        let batch = try f.file("oficina.csv", """
            type,owner,owner_name,contact,indicator,name,dimension,method,reason,document,day
            unit,307,,"Ing. Ruiz, medidores@comapa.gob.mx",,,,,,,
            amend,,,,MED,INSTALACION DE MEDIDORES NUEVOS,Eficacia,Medidores instalados en el mes,Ficha técnica 2017,Acta 4/2017,
            deadline,,,,,,,,,,12

            """)
        f.clock.set("2017-01-05T09:00:00-06:00")
        let outcome = try f.session.appendBatch(file: batch, actor: "ana", dryRun: false)
        XCTAssertEqual(outcome.receipts.count, 3)
        let state = try f.session.state(cut: nil).0
        XCTAssertEqual(state.units["307"]?.description.contact, "Ing. Ruiz, medidores@comapa.gob.mx")
        let d = try XCTUnwrap(state.indicators["MED"]?.definition)
        XCTAssertEqual(d.name, "INSTALACION DE MEDIDORES NUEVOS")
        XCTAssertEqual(d.dimension, "Eficacia")
        XCTAssertEqual(d.method, "Medidores instalados en el mes")
        XCTAssertEqual(state.settings?.deadlineDay, 12)
        let history = try f.session.history("MED", asOf: nil, format: .json, language: .en)
        let events = try XCTUnwrap(try f.json(history)["events"] as? [[String: Any]])
        let amend = try XCTUnwrap(events.last)
        XCTAssertEqual(amend["type"] as? String, "amend")
        XCTAssertEqual(amend["value"] as? String, "name: INSTALACION DE MEDIDORES NUEVOS; dimension: Eficacia; method: Medidores instalados en el mes")
        XCTAssertEqual(amend["previous_value"] as? String, "name: INSTALACION DE MEDIDORES; dimension: -; method: -")
        XCTAssertEqual(amend["reason"] as? String, "Ficha técnica 2017")
        XCTAssertEqual(amend["document"] as? String, "Acta 4/2017")
    }

    func testAnIndicatorTakesTheTransparencyFields() throws {
        let f = try AppFixture.medidores()
        try f.append(.indicator, at: "2017-01-02T09:00:02-06:00", [
            "id": "CONV", "name": "CONVENIOS", "unit": "CONVENIOS", "year": "2017", "annual-target": "4800", "baseline": "3900",
            "dimension": "Eficacia", "definition": "Convenios de pago firmados", "method": "Suma de convenios del mes",
            "information-source": "Sistema de rezagos", "objective": "Recuperar la cartera vencida",
        ])
        let d = try XCTUnwrap(try f.session.state(cut: nil).0.indicators["CONV"]?.definition)
        XCTAssertEqual([d.dimension, d.definitionText, d.method, d.informationSource, d.objective],
                       ["Eficacia", "Convenios de pago firmados", "Suma de convenios del mes", "Sistema de rezagos", "Recuperar la cartera vencida"])
    }

    /// A target change and a correction carry their document into history
    /// and diff; a plain reading is refused one.
    func testDocumentsOnChanges() throws {
        let f = try AppFixture.medidores()
        try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "542"])
        XCTAssertThrowsError(try f.append(.reading, at: "2017-03-06T10:00:00-06:00",
                                          ["indicator": "MED", "period": "2017-02", "value": "262", "document": "Oficio 1"])) {
            XCTAssertEqual($0 as? Refusal, .documentNotAllowed(.readingRecorded))
        }
        try f.append(.target, at: "2017-03-06T10:01:00-06:00", ["indicator": "MED", "period": "2017-02", "value": "350",
                                                                "reason": "Reprogramación autorizada", "document": "Oficio DPE/123/2017"])
        try f.append(.correction, at: "2017-03-07T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "540",
                                                                    "reason": "Error de captura", "document": "Oficio DPE/130/2017"])
        let text = try f.session.history("MED", asOf: nil, format: .text, language: .es)
        XCTAssertTrue(text.contains("documento"), text)
        XCTAssertTrue(text.contains("Oficio DPE/123/2017") && text.contains("Oficio DPE/130/2017"), text)
        let diff = try f.session.diff(from: Timestamp(parsing: "2017-03-01T00:00:00Z")!, to: Timestamp(parsing: "2017-03-08T00:00:00Z")!,
                                      quarter: nil, format: .json, language: .en)
        let changes = try XCTUnwrap(try f.json(diff)["changes"] as? [[String: Any]])
        let executed = try XCTUnwrap(changes.first { $0["figure"] as? String == "executed" })
        XCTAssertEqual((executed["events"] as? [[String: Any]])?.first?["document"] as? String, "Oficio DPE/130/2017")
        let diffText = try f.session.diff(from: Timestamp(parsing: "2017-03-01T00:00:00Z")!, to: Timestamp(parsing: "2017-03-08T00:00:00Z")!,
                                          quarter: nil, format: .text, language: .en)
        XCTAssertTrue(diffText.contains("documents") && diffText.contains(": Oficio DPE/123/2017"), diffText)
    }
}
