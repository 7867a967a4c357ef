// mir on seed 001: a water utility's results indicators with budget at
// 31 March 2024.

import XCTest
import LedgerCore
@testable import LedgerImport

final class MIRTests: XCTestCase {
    func result() throws -> ImportResult {
        try Importer.run(.mir, Seeds.bytes(Seeds.mir), options: ImportOptions(fileName: "001.txt"))
    }

    func budgets(_ r: ImportResult) -> [String: BudgetFigures] {
        var out: [String: BudgetFigures] = [:]
        for c in r.commands { if case .recordBudget(let id, let p, let f) = c.command { XCTAssertEqual(p, .quarter(2024, 1)); out[id] = f } }
        return out
    }

    func testCounts() throws {
        let r = try result()
        XCTAssertEqual(r.plan, "MIR 2024")
        let defined = r.definedIndicators
        XCTAssertEqual(defined.count, 80, "4 programs, 13 components, 63 activities")
        XCTAssertEqual(defined.filter { $0.hierarchy.count == 1 }.count, 4)
        XCTAssertEqual(defined.filter { $0.hierarchy.count == 2 }.count, 13)
        XCTAssertEqual(defined.filter { $0.hierarchy.count == 3 }.count, 63)
        XCTAssertEqual(budgets(r).count, 80)
        XCTAssertEqual(r.count { if case .recordReading = $0 { return true }; return false }, 63)
        XCTAssertEqual(r.commands.count, 277)
        XCTAssertTrue(defined.allSatisfy { $0.frequency == .quarterly && $0.year == 2024 })
    }

    func testFiguresAgainstTheDocument() throws {
        let r = try result()
        let b = budgets(r)
        XCTAssertEqual(b["MIR2024-101"]?.modified, dec("14757499.81"))
        XCTAssertEqual(b["MIR2024-101"]?.accrued, dec("11792305.84"))
        XCTAssertEqual(b["MIR2024-101"]?.paid, dec("11729359.93"))
        XCTAssertEqual(b["MIR2024-104-C05-A03"]?.modified, dec("29056800.36"))
        // SUMAS: the four programs add up to the document's totals.
        let programs = ["101", "102", "103", "104"].compactMap { b["MIR2024-\($0)"] }
        XCTAssertEqual(programs.map(\.modified).total, dec("168837476.42"))
        XCTAssertEqual(programs.map(\.accrued).total, dec("45455380.04"))
        XCTAssertEqual(programs.map(\.paid).total, dec("42165072.84"))
        // %AV.FIN and the weight, recomputed: Actividad 01 of 101 matches the document.
        XCTAssertEqual(b["MIR2024-101-C01-A01"]?.financialProgress, dec("8.51"))
        let a01 = try XCTUnwrap(r.definedIndicators.first { $0.id == "MIR2024-101-C01-A01" })
        XCTAssertEqual(a01.annualTarget, dec("12"))
        XCTAssertEqual(a01.unit, "SEGUIMIENTO")
        XCTAssertEqual(a01.hierarchy.map(\.level), ["programa", "componente", "actividad"])
        // A name broken over three lines is joined.
        let c01 = try XCTUnwrap(r.definedIndicators.first { $0.id == "MIR2024-103-C01" })
        XCTAssertEqual(c01.name, "ACCIONES PARA GARANTIZAR EL MANTENIMIENTO Y FUNCIONALIDAD DE LOS SERVICIOS BRINDADOS POR OOSAPAT, RE")
    }

    func testFindings() throws {
        let r = try result()
        XCTAssertEqual(r.findingCounts.map { "\($0.0.rawValue)=\($0.1)" },
                       ["total-mismatch=6", "percent-mismatch=36", "missing-cells=15", "thousands-separator=1"], r.findingText)
        // %AV.FIN of Componente 01 of 101: 3.232 % in the document, 81.999 % recomputed.
        XCTAssertTrue(r.findings(.percentMismatch).contains { $0.line == 9 && $0.message.en.contains("81.999 %") })
        // Ponderado: 49,800.05 of 14,757,499.81 is 0.337 %, the document says 0.338 %.
        XCTAssertTrue(r.findings(.percentMismatch).contains { $0.line == 13 && $0.message.en.hasPrefix("Ponderado is 0.338%") })
        // The cells of 12 activities of programs 101 and 102 shifted left.
        XCTAssertEqual(r.findings(.missingCells).filter { $0.imported }.count, 12)
        // Lines 97-99: activities after a lost page break; refused.
        XCTAssertEqual(r.findings(.missingCells).filter { !$0.imported }.map(\.line), [97, 98, 99])
        // Programa 103: its only component left adds up to far less than it.
        XCTAssertEqual(r.findings(.totalMismatch).map(\.line), [82, 82, 82, 80, 80, 80])
        XCTAssertEqual(r.findings(.thousandsSeparator).first?.line, 8)
    }

    func testRefusesWhatIsNotAMIR() throws {
        XCTAssertRefusesLayout(.mir, Garbage.randomBytes)
        XCTAssertRefusesLayout(.mir, Garbage.empty)
        XCTAssertRefusesLayout(.mir, Garbage.prose)
        XCTAssertRefusesLayout(.mir, try Seeds.bytes(Seeds.poaReport))
        XCTAssertRefusesLayout(.mir, try Seeds.bytes(Seeds.poi))
    }
}
