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

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `import xlsx`: the template imports; every workbook it refuses exits
    /// 1 with its sentence and leaves the journal as it was.
    func testImportXLSX() throws {
        let s = try Sandbox()
        s.ok(["init", "--entity", "COMAPA"])
        let workbooks = Self.repository.appendingPathComponent("Tests/LedgerImportTests/Workbooks")
        let before = s.journalBytes()
        var refusals: [(URL, String)] = [
            (workbooks.appendingPathComponent("formula.xlsx"), "formula.xlsx#lecturas!C3: the cell holds a formula"),
            (workbooks.appendingPathComponent("combinadas.xlsx"), "combinadas.xlsx#lecturas!A1:D1: cells A1:D1 are merged"),
            (workbooks.appendingPathComponent("fecha.xlsx"), "fecha.xlsx#lecturas!B2: the cell is a date stored as a serial number"),
            (workbooks.appendingPathComponent("hoja-extra.xlsx"), "hoja-extra.xlsx: the workbook has a sheet \"Hoja1\""),
            (Self.repository.appendingPathComponent("docs/examples/lecturas.csv"), "lecturas.csv: the file is not an Excel workbook"),
        ]
        if PythonCheck.isAvailable {
            // A real ZIP bomb: 300 MB of zeros deflated to a few hundred KB, its sizes stated honestly.
            _ = try PythonCheck.json("""
                import sys, zipfile, json
                with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
                    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
                    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=False) as f:
                        block = bytes(1 << 20)
                        for _ in range(300):
                            f.write(block)
                print(json.dumps({"ok": True}))
                """, [s.path("bomba.xlsx")])
            refusals.append((s.directory.appendingPathComponent("bomba.xlsx"), "bomba.xlsx: the workbook would inflate to 314572"))
        }
        for (file, sentence) in refusals {
            let r = s.run(["import", "xlsx", file.path])
            XCTAssertEqual(r.code, 1, file.lastPathComponent)
            XCTAssertTrue(r.err.contains(sentence), r.err)
            XCTAssertTrue(r.err.contains("Nothing was written"), r.err)
            XCTAssertEqual(s.journalBytes(), before, "nothing written for \(file.lastPathComponent)")
        }
        let es = s.run(["import", "xlsx", workbooks.appendingPathComponent("fecha.xlsx").path, "--lang", "es"])
        XCTAssertTrue(es.err.contains("la celda es una fecha guardada como número de serie (42795)"), es.err)
        let template = Self.repository.appendingPathComponent("docs/examples/plantilla.xlsx").path
        let out = s.ok(["import", "xlsx", template])
        XCTAssertTrue(out.contains("4 indicators defined, 10 events (4 indicator, 6 reading)"), out)
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q1", "--json"]).utf8)) as! [String: Any]
        XCTAssertEqual((json["indicators"] as? [[String: Any]])?.count, 4)
        XCTAssertTrue(s.ok(["history", "MED-INST", "--json"]).contains("plantilla.xlsx#lecturas:2"))
    }
}
