// `pending`, in-process: every period over by the cut without a reading, by
// owning unit, with its deadline (a day of the following month, default 10,
// set at init or by an event) and days late in the ledger's zone, and the
// unit's contact if recorded; narrowed by month or quarter, plan and owner.

import XCTest
import LedgerCore
@testable import LedgerApp

final class PendingUseCaseTests: XCTestCase {
    /// MED (monthly, unit 307) with January reported; FAC (monthly, unit 303)
    /// with nothing; TRI (quarterly, unit 303); a budget-only program.
    func ledger() throws -> AppFixture {
        let f = try AppFixture.medidores()
        try f.append(.indicator, at: "2017-01-02T09:00:02-06:00", [
            "id": "FAC", "name": "RECIBOS ENTREGADOS", "unit": "RECIBOS", "year": "2017", "annual-target": "1200",
            "owner": "303", "owner-name": "COORDINACION DE FACTURACION", "plan": "POA 2017"])
        try f.append(.indicator, at: "2017-01-02T09:00:03-06:00", [
            "id": "TRI", "name": "AUDITORIAS", "unit": "ACCIONES", "year": "2017", "annual-target": "4", "frequency": "quarterly",
            "owner": "303", "owner-name": "COORDINACION DE FACTURACION", "plan": "POA 2017"])
        try f.append(.indicator, at: "2017-01-02T09:00:04-06:00", [
            "id": "P1", "name": "PROGRAMA", "unit": "PESOS", "year": "2017", "annual-target": "0", "plan": "POA 2017",
            "hierarchy": "programa=P1"])
        try f.append(.budget, at: "2017-01-02T09:00:05-06:00", ["indicator": "P1", "period": "2017-Q1", "modified": "10", "accrued": "5", "paid": "5"])
        try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "542"])
        return f
    }

    func pending(_ f: AppFixture, _ within: Period? = nil, asOf: String?, scope: ReportScope = ReportScope()) throws -> [String: Any] {
        let spec = try asOf.map { try XCTUnwrap(TimeSpec($0)) }
        return try f.json(try f.session.pending(within: within, ReportRequest(asOf: spec, scope: scope, format: .json)))
    }

    func items(_ json: [String: Any]) -> [(owner: String?, indicator: String, period: String, deadline: String, late: Int)] {
        (json["units"] as! [[String: Any]]).flatMap { u in
            (u["indicators"] as! [[String: Any]]).map { (u["owner"] as? String, $0["indicator"] as! String, $0["period"] as! String,
                                                       $0["deadline"] as! String, ($0["days_late"] as! NSNumber).intValue) }
        }
    }

    func testWhoIsLateOnTwentiethOfApril() throws {
        let f = try ledger()
        let json = try pending(f, asOf: "2017-04-20")
        XCTAssertEqual(json["date"] as? String, "2017-04-20")
        XCTAssertEqual(json["deadline_day"] as? Int, 10)
        let list = items(json)
        // Units in the order they first appear; the latest first within a unit; the budget-only program expects nothing.
        XCTAssertEqual(list.map(\.owner), ["307", "307", "303", "303", "303", "303"])
        XCTAssertEqual(list.map { "\($0.indicator) \($0.period) \($0.deadline) \($0.late)" }, [
            "MED 2017-02 2017-03-10 41", "MED 2017-03 2017-04-10 10",
            "FAC 2017-01 2017-02-10 69", "FAC 2017-02 2017-03-10 41", "FAC 2017-03 2017-04-10 10", "TRI 2017-Q1 2017-04-10 10",
        ])
        XCTAssertEqual(json["pending"] as? Int, 6)
        XCTAssertEqual(json["late"] as? Int, 6)
    }

    /// A period just over is pending but not late until its deadline passes,
    /// counted in the ledger's zone: on 10 April it is due that day.
    func testNotLateUntilTheDeadlinePasses() throws {
        let f = try ledger()
        let tenth = items(try pending(f, .month(2017, 3), asOf: "2017-04-10", scope: ReportScope(owner: "307")))
        XCTAssertEqual(tenth.map { "\($0.period) \($0.late)" }, ["2017-03 0"])
        // 04:59Z on the 11th is 23:59 on the 10th in Mexico City (daylight time, UTC-5): still on time.
        XCTAssertEqual(items(try pending(f, .month(2017, 3), asOf: "2017-04-11T04:59:00Z", scope: ReportScope(owner: "307"))).map(\.late), [0])
        XCTAssertEqual(items(try pending(f, .month(2017, 3), asOf: "2017-04-11T06:00:00Z", scope: ReportScope(owner: "307"))).map(\.late), [1])
        // On the last day of March, March is not over yet.
        XCTAssertEqual(items(try pending(f, .month(2017, 3), asOf: "2017-03-31", scope: ReportScope(owner: "307"))).count, 0)
    }

    func testTheDeadlineFromInitAndFromAnEventAndTheMonthsEnd() throws {
        let f = try AppFixture()
        _ = try f.session.create(LedgerOpening(entity: "E", timeZone: "America/Mexico_City", deadlineDay: "5"), actor: "ana")
        try f.append(.indicator, at: "2017-01-02T09:00:01-06:00", ["id": "A", "name": "A", "unit": "U", "year": "2017", "annual-target": "12"])
        XCTAssertEqual(items(try pending(f, .month(2017, 1), asOf: "2017-02-20")).map { "\($0.deadline) \($0.late)" }, ["2017-02-05 15"])
        try f.append(.deadline, at: "2017-02-21T09:00:00-06:00", ["day": "31"])
        // Day 31 of February is its last day.
        XCTAssertEqual(items(try pending(f, .month(2017, 1), asOf: "2017-03-02")).map { "\($0.deadline) \($0.late)" }, ["2017-02-28 2"])
        XCTAssertEqual(items(try pending(f, .month(2017, 3), asOf: "2017-04-30")).map { "\($0.deadline) \($0.late)" }, ["2017-04-30 0"])
        // As of before the event, the deadline in force was 5.
        XCTAssertEqual(try pending(f, asOf: "2017-02-20")["deadline_day"] as? Int, 5)
        // December's reading is due in January of the next year.
        XCTAssertEqual(Views.deadline(of: .month(2017, 12), day: 10), CivilDate(year: 2018, month: 1, day: 10))
        XCTAssertEqual(Views.deadline(of: .half(2017, 2), day: 10), CivilDate(year: 2018, month: 1, day: 10))
    }

    func testScopeContactsAndClosedQuarters() throws {
        let f = try ledger()
        try f.append(.unit, at: "2017-04-01T09:00:00-06:00", ["owner": "303", "owner-name": "FACTURACION", "contact": "Lic. Peña, facturacion@comapa.gob.mx"])
        try f.append(.close, at: "2017-04-12T09:00:00-06:00", ["quarter": "2017-Q1"])
        let json = try pending(f, .quarter(2017, 1), asOf: "2017-04-20", scope: ReportScope(owner: "303"))
        let unit = try XCTUnwrap((json["units"] as? [[String: Any]])?.first)
        XCTAssertEqual(unit["owner_name"] as? String, "FACTURACION", "the unit's own name, as described")
        XCTAssertEqual(unit["contact"] as? String, "Lic. Peña, facturacion@comapa.gob.mx")
        XCTAssertEqual((unit["indicators"] as? [[String: Any]])?.allSatisfy { $0["closed"] as? Bool == true }, true)
        XCTAssertEqual(items(json).map(\.indicator), ["FAC", "FAC", "FAC", "TRI"])
        // Text for the office: the contact beside the unit, days late per period.
        let text = try f.session.pending(within: nil, ReportRequest(asOf: TimeSpec("2017-04-20"), language: .es))
        XCTAssertTrue(text.contains("303 FACTURACION · contacto: Lic. Peña, facturacion@comapa.gob.mx"), text)
        XCTAssertTrue(text.contains("307 COORDINACION DE MEDIDORES · sin contacto registrado"), text)
        XCTAssertTrue(text.contains("69 días (trimestre cerrado)"), text)
        XCTAssertTrue(text.contains("6 periodos sin lectura (6 con atraso) en 2 unidades."), text)
        let csv = try f.session.pending(within: nil, ReportRequest(asOf: TimeSpec("2017-04-20"), format: .csv))
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}owner,owner_name,contact,indicator,name,plan,period,deadline,days_late,closed\r\n"), csv)
        XCTAssertEqual(csv.split(separator: "\r\n").count, 7)
        XCTAssertThrowsError(try f.session.pending(within: nil, ReportRequest(scope: ReportScope(owner: "999"))))
    }

    func testNothingPending() throws {
        let f = try ledger()
        let text = try f.session.pending(within: nil, ReportRequest(asOf: TimeSpec("2017-01-31"), language: .en))
        XCTAssertTrue(text.contains("Every period that is over has its reading."), text)
    }
}
