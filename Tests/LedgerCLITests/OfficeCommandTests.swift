// The office's commands end to end, through the built binary: `pending`,
// the office's appends (unit, deadline, amend, --document), with their exit
// codes and sentences in both languages.

import Foundation
import XCTest

final class OfficeCommandTests: XCTestCase {
    func testPendingFromTheCommandLine() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["append", "unit", "--owner", "307", "--contact", "Ing. Ruiz, medidores@comapa.gob.mx"], env: ["LEDGER_CLOCK": "2017-05-16T10:00:00-06:00"])
        let text = s.ok(["pending", "2017-Q2", "--as-of", "2017-07-20", "--lang", "es"])
        XCTAssertTrue(text.contains("307 COORDINACION DE MEDIDORES · contacto: Ing. Ruiz, medidores@comapa.gob.mx"), text)
        XCTAssertTrue(text.contains("2017-04  2017-05-10  71 días"), text)
        XCTAssertTrue(text.contains("3 periodos sin lectura (3 con atraso) en 1 unidad."), text)
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["pending", "--as-of", "2017-04-20", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual(json["pending"] as? Int, 0, "January to March have readings")
        let bad = s.run(["pending", "2017-H1"])
        XCTAssertEqual(bad.code, 2)
        XCTAssertTrue(bad.err.contains("2017-H1 is not a month or a quarter"), bad.err)
        XCTAssertEqual(s.run(["pending", "--owner", "999"]).code, 1)
    }

    func testTheOfficeAppendsAndTheirRefusals() throws {
        let s = try Sandbox()
        s.ok(["init", "--entity", "COMAPA", "--deadline-day", "12"])
        XCTAssertEqual(s.run(["init", "--entity", "X", "--deadline-day", "doce"]).code, 1)
        s.ok(["append", "indicator", "--id", "MED", "--name", "INSTALACION DE MEDIDORES", "--unit", "MEDIDORES", "--year", "2017",
              "--annual-target", "3600", "--owner", "307"])
        let amend = s.run(["append", "amend", "--indicator", "MED", "--reason", "nada"])
        XCTAssertEqual(amend.code, 1)
        XCTAssertTrue(amend.err.contains("the amendment of MED changes no field"), amend.err)
        s.ok(["append", "amend", "--indicator", "MED", "--owner", "308", "--reason", "Reestructura", "--document", "Acta 4/2017"])
        let deadline = s.run(["append", "deadline", "--day", "0", "--lang", "es"])
        XCTAssertEqual(deadline.code, 1)
        XCTAssertTrue(deadline.err.contains("el plazo de reporte debe ser un día del mes"), deadline.err)
        let history = s.ok(["history", "MED"])
        XCTAssertTrue(history.contains("owner: 308") && history.contains("owner: 307") && history.contains("Acta 4/2017"), history)
        XCTAssertTrue(s.ok(["help", "append", "amend"]).contains("--information-source"))
    }
}
