// `export pnt`: the transparency platform's formats (art. 70 fr. VI and V)
// end to end: the columns in their order, the approved and adjusted
// targets, the progress, the dates of validation (the close) and update,
// blanks explained in Nota; CSV and workbook; the file written whole.

import Foundation
import XCTest
import LedgerCore

final class TransparencyExportTests: XCTestCase {
    /// The columns of fraction VI as the issue lists them from the Lineamientos.
    static let fractionVI = [
        "Ejercicio", "Fecha de inicio del periodo que se informa", "Fecha de término del periodo que se informa",
        "Nombre del programa o concepto al que corresponde el indicador", "Objetivo institucional", "Nombre(s) del(os) indicador(es)",
        "Dimensión(es) a medir", "Definición del indicador", "Método de cálculo con variables de la fórmula", "Unidad de medida",
        "Frecuencia de medición", "Línea base", "Metas programadas", "Metas ajustadas que existan, en su caso", "Avance de metas",
        "Sentido del indicador (catálogo)", "Fuente de información",
        "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información", "Fecha de validación",
        "Fecha de actualización", "Nota",
    ]

    func rows(_ s: Sandbox, _ name: String) throws -> [[String: String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: s.path(name)))
        XCTAssertTrue(data.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a byte-order mark, for Excel")
        guard case .success(let records) = CSV.parse(Array(data)), let header = records.first else { XCTFail("not CSV"); return [] }
        return records.dropFirst().map { r in Dictionary(uniqueKeysWithValues: zip(header.fields, r.fields)) }
    }

    func testFractionVIOfTheStory() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["export", "pnt", "vi.csv", "--quarter", "2017-Q1"])
        let data = try Data(contentsOf: URL(fileURLWithPath: s.path("vi.csv")))
        guard case .success(let records) = CSV.parse(Array(data)) else { return XCTFail() }
        XCTAssertEqual(records[0].fields, Self.fractionVI)
        let row = try XCTUnwrap(try rows(s, "vi.csv").first)
        XCTAssertEqual(row["Ejercicio"], "2017")
        XCTAssertEqual(row["Fecha de inicio del periodo que se informa"], "01/01/2017")
        XCTAssertEqual(row["Fecha de término del periodo que se informa"], "31/03/2017")
        XCTAssertEqual(row["Nombre del programa o concepto al que corresponde el indicador"], "POA 2017")
        XCTAssertEqual(row["Nombre(s) del(os) indicador(es)"], "INSTALACION DE MEDIDORES")
        XCTAssertEqual(row["Metas programadas"], "3600")
        XCTAssertEqual(row["Metas ajustadas que existan, en su caso"], "", "never changed")
        XCTAssertEqual(row["Avance de metas"], "35.03%", "1,261 of 3,600 to the end of March")
        XCTAssertEqual(row["Sentido del indicador (catálogo)"], "Ascendente")
        XCTAssertEqual(row["Frecuencia de medición"], "Mensual")
        XCTAssertEqual(row["Fecha de validación"], "", "the quarter is not closed")
        XCTAssertEqual(row["Fecha de actualización"], "15/05/2017", "the day of the last event, in Mexico City")
        let note = try XCTUnwrap(row["Nota"])
        XCTAssertTrue(note.contains("Sin dato en el registro del indicador: objetivo institucional, dimensión a medir"), note)
        XCTAssertTrue(note.contains("La meta no se ha ajustado."), note)
        XCTAssertTrue(note.contains("Se reprogramaron las metas de 2017-02 y 2017-03."), note)
        XCTAssertTrue(note.contains("El trimestre no está cerrado"), note)
        XCTAssertTrue(note.contains("resumen 9:"), note)
    }

    /// Filled in: the transparency fields by amendment, an adjusted target
    /// with its document, the close as the date of validation; fraction V
    /// has no program column.
    func testFilledInAdjustedAndValidated() throws {
        let s = try AuditorStoryTests.story()
        let at = ["LEDGER_CLOCK": "2017-05-16T10:00:00-05:00"]
        s.ok(["append", "amend", "--indicator", "MED", "--objective", "Medir el consumo de todas las tomas", "--dimension", "Eficacia",
              "--definition", "Medidores instalados", "--method", "Suma de medidores instalados en el mes", "--baseline", "3200",
              "--information-source", "Sistema comercial", "--reason", "Ficha técnica"], env: at)
        s.ok(["append", "target", "--indicator", "MED", "--annual-target", "4200", "--reason", "Ampliación", "--document", "Oficio DPE/123/2017"],
             env: ["LEDGER_CLOCK": "2017-05-17T10:00:00-05:00"])
        s.ok(["append", "close", "--quarter", "2017-Q1"], env: ["LEDGER_CLOCK": "2017-05-18T10:00:00-05:00"])
        s.ok(["export", "pnt", "v.csv", "--quarter", "2017-Q1", "--format", "v"])
        let row = try XCTUnwrap(try rows(s, "v.csv").first)
        XCTAssertNil(row["Nombre del programa o concepto al que corresponde el indicador"], "fraction V has no program column")
        XCTAssertEqual(row.count, 20)
        XCTAssertEqual(row["Objetivo institucional"], "Medir el consumo de todas las tomas")
        XCTAssertEqual(row["Dimensión(es) a medir"], "Eficacia")
        XCTAssertEqual(row["Método de cálculo"], "Suma de medidores instalados en el mes")
        XCTAssertEqual(row["Línea base"], "3200")
        XCTAssertEqual(row["Metas programadas"], "3600")
        XCTAssertEqual(row["Metas ajustadas que existan, en su caso"], "4200")
        XCTAssertEqual(row["Avance de metas"], "30.02%", "1,261 of the 4,200 in force")
        XCTAssertEqual(row["Fecha de validación"], "18/05/2017")
        let note = try XCTUnwrap(row["Nota"])
        XCTAssertFalse(note.contains("Sin dato"), note)
        XCTAssertTrue(note.contains("Meta ajustada mediante Oficio DPE/123/2017."), note)
        XCTAssertFalse(note.contains("no está cerrado"), note)
        // As of before the amendment: the blanks again.
        s.ok(["export", "pnt", "v-before.csv", "--quarter", "2017-Q1", "--format", "v", "--as-of", "2017-05-15"])
        XCTAssertEqual(try rows(s, "v-before.csv").first?["Objetivo institucional"], "")
    }

    func testTheWorkbookAndTheRefusals() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["export", "pnt", "vi.xlsx", "--quarter", "2017-Q1"])
        let wb = try XCTUnwrap(try PythonCheck.json(PythonCheck.readWorkbook, [s.path("vi.xlsx")]) as? [String: Any])
        XCTAssertEqual(wb["order"] as? [String], ["Reporte de Formatos"])
        let cells = try XCTUnwrap(((wb["sheets"] as? [String: Any])?["Reporte de Formatos"] as? [String: Any])?["cells"] as? [String: Any])
        XCTAssertEqual((cells["A1"] as? [Any])?[1] as? String, "Ejercicio")
        XCTAssertEqual((cells["U1"] as? [Any])?[1] as? String, "Nota")
        XCTAssertEqual((cells["M2"] as? [Any])?.prefix(3).map { "\($0)" }, ["n", "3600", "#,##0"])
        XCTAssertEqual((cells["O2"] as? [Any])?.prefix(3).map { "\($0)" }, ["n", "35.03", "0.00\"%\""])
        for (args, code, text) in [
            (["export", "pnt", "vi.xlsx", "--quarter", "2017-Q1"], Int32(1), "vi.xlsx already exists"),
            (["export", "pnt", "x.csv", "--quarter", "2017-Q1", "--format", "vii"], 2, "is not vi"),
            (["export", "pnt", "x.txt", "--quarter", "2017-Q1"], 2, "ends neither in .csv nor in .xlsx"),
            (["export", "pnt", "x.csv"], 2, "quarter"),
            (["export", "pnt", "x.csv", "--quarter", "2018-Q1"], 1, "no indicator of 2018"),
            (["export", "pnt", "x.csv", "--quarter", "2017-Q1", "--owner", "999"], 1, "unit 999"),
        ] as [([String], Int32, String)] {
            let r = s.run(args)
            XCTAssertEqual(r.code, code, "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains(text), "\(args): \(r.err)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: s.path("x.csv")))
        // An annual indicator has nothing due in the first quarter: Nota says why Avance is blank.
        s.ok(["append", "indicator", "--id", "ANUAL", "--name", "INFORME ANUAL", "--unit", "INFORME", "--year", "2017", "--annual-target", "1",
              "--frequency", "annual", "--owner", "307", "--plan", "POA 2017"])
        s.ok(["export", "pnt", "anual.csv", "--quarter", "2017-Q1"])
        let anual = try XCTUnwrap(try rows(s, "anual.csv").first { $0["Nombre(s) del(os) indicador(es)"] == "INFORME ANUAL" })
        XCTAssertEqual(anual["Avance de metas"], "")
        XCTAssertTrue(anual["Nota"]?.contains("ninguna medición del indicador (frecuencia anual) vence hasta el fin del periodo") ?? false, "\(anual)")
        s.ok(["export", "pnt", "vi.xlsx", "--quarter", "2017-Q1", "--force"])
    }
}
