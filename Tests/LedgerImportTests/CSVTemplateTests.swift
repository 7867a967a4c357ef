// csv: our own template, on the examples shipped in docs/examples.

import XCTest
import LedgerCore
@testable import LedgerImport

final class CSVTemplateTests: XCTestCase {
    static var examples: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/docs/examples"
    }

    func example(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: CSVTemplateTests.examples + "/" + name) else { throw XCTSkip("no \(name)") }
        return [UInt8](data)
    }

    func testExamples() throws {
        let indicators = try Importer.run(.csv, example("indicadores.csv"), options: ImportOptions(fileName: "indicadores.csv"))
        XCTAssertEqual(indicators.definedIndicators.map(\.id), ["MED-INST", "FAC-RECIBOS", "FAC-CAPTURA", "REZ-CONV"])
        XCTAssertTrue(indicators.findings.isEmpty, indicators.findingText)
        let captura = indicators.definedIndicators[2]
        XCTAssertEqual(captura.aggregation, .last)
        XCTAssertEqual(captura.unit, "%")
        XCTAssertNil(indicators.definedIndicators[3].monthlyTargets)
        XCTAssertEqual(indicators.definedIndicators[0].ownerCode, "307")
        XCTAssertEqual(indicators.plan, "POA 2017")
        var ledger = MemoryLedger()
        ledger.apply(indicators)
        let readings = try Importer.run(.csv, example("lecturas.csv"), options: ImportOptions(fileName: "lecturas.csv"), existing: ledger)
        XCTAssertEqual(readings.commands.count, 6)
        XCTAssertEqual(readings.sumOfReadings("FAC-RECIBOS", [month(1), month(2)]), dec("479125"))
        XCTAssertEqual(readings.commands[1].source, "lecturas.csv:3")
    }

    func testSemicolonsSeparatorsAndSignsAreFindings() throws {
        let text = "\u{FEFF}clave;nombre;unidad;ejercicio;meta anual;ENE;FEB;MAR;ABR;MAY;JUN;JUL;AGO;SEP;OCT;NOV;DIC\r\n"
            + "A-1;COBRANZA;PESOS;2017;\"1,200,000.50\";100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000;100000\r\n"
            + "A-2;CAPTURA;%;2017;95%;;;;;;;;;;;;\r\n"
            + "A-3;SIN META;ACCIONES;2017;;;;;;;;;;;;;\r\n"
        let r = try Importer.run(.csv, Array(text.utf8), options: ImportOptions(fileName: "s.csv"))
        XCTAssertEqual(r.definedIndicators.map(\.id), ["A-1", "A-2"])
        XCTAssertEqual(r.definedIndicators[0].annualTarget, dec("1200000.50"))
        XCTAssertEqual(r.findingCounts.map { "\($0.0.rawValue)=\($0.1)" }, ["targets-sum=1", "thousands-separator=1", "percent-sign=1", "unreadable=1"], r.findingText)
        XCTAssertEqual(r.findings(.unreadable).first?.line, 4)
    }

    func testReadingsOfUnknownIndicatorsAreRefused() throws {
        let text = "indicador,periodo,valor\nNOPE,2017-01,3\n"
        let r = try Importer.run(.csv, Array(text.utf8), options: ImportOptions(fileName: "l.csv"))
        XCTAssertTrue(r.commands.isEmpty)
        XCTAssertEqual(r.findings.first?.line, 2)
        XCTAssertEqual(r.findings.first?.imported, false)
    }

    func testRefusesWhatIsNotTheTemplate() throws {
        XCTAssertRefusesLayout(.csv, Garbage.randomBytes)
        XCTAssertRefusesLayout(.csv, Garbage.empty)
        XCTAssertRefusesLayout(.csv, Garbage.prose)
        XCTAssertRefusesLayout(.csv, try Seeds.bytes(Seeds.poi))
        XCTAssertRefusesLayout(.csv, Array("id,name\nX,Y\n".utf8))
    }
}
