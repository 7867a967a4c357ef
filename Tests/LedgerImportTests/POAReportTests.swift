// poa-report on seed 000: the Gerencia Comercial's monthly POA reports,
// January to March 2017, plus the PRIMER TRIMESTRE block.

import XCTest
import LedgerCore
@testable import LedgerImport

final class POAReportTests: XCTestCase {
    func result(month: Period? = nil, existing: ExistingLedger = NoLedger()) throws -> ImportResult {
        try Importer.run(.poaReport, Seeds.bytes(Seeds.poaReport), options: ImportOptions(fileName: "000.txt", month: month), existing: existing)
    }

    func testWholeDocumentCounts() throws {
        let r = try result()
        XCTAssertEqual(r.plan, "POA 2017")
        XCTAssertEqual(r.definedIndicators.count, 21, "17 monthly indicators and 4 of the PRIMER TRIMESTRE block")
        XCTAssertEqual(r.count { if case .recordReading = $0 { return true }; return false }, 54, "17 x 3 months + 3 quarterly (the semiannual one is refused)")
        XCTAssertEqual(r.targetChanges.count, 4)
        XCTAssertEqual(r.count { if case .addObservation = $0 { return true }; return false }, 52, "33 OBSERVACIONES + 19 findings")
        XCTAssertEqual(r.commands.count, 131)
        XCTAssertTrue(r.commands.allSatisfy { $0.source.hasPrefix("000.txt:") })
    }

    func testFiguresAgainstTheDocument() throws {
        let r = try result()
        let q1 = [month(1), month(2), month(3)]
        let recibos = try XCTUnwrap(r.id(named: "RECIBOS ENTREGADOS A DOMICILIO"))
        XCTAssertEqual(r.sumOfReadings(recibos, q1), dec("719162"))
        XCTAssertEqual(r.readings(recibos)[month(1)], dec("239415"))
        let pagados = try XCTUnwrap(r.id(named: "RECIBOS PAGADOS"))
        XCTAssertEqual(r.sumOfReadings(pagados, q1), dec("159941"))  // 53521 + 48002 + 58418
        let cortes = try XCTUnwrap(r.id(named: "SUSPENSION DE SERVICIO DE AGUA PROGRAMADO (DOMESTICO-COMERCIAL) A PARTIR DE 3 MESES DE RETRAZO)."))
        XCTAssertEqual(r.sumOfReadings(cortes, q1), dec("54414"))
        // The % indicator is a level: META 100 is its annual target, not 1200.
        let captura = try XCTUnwrap(r.definedIndicators.first { $0.unit == "%" && $0.frequency == .monthly })
        XCTAssertEqual(captura.annualTarget, dec("100"))
        XCTAssertEqual(captura.aggregation, .last)
        // Quarterly indicator from the PRIMER TRIMESTRE block.
        let plan = try XCTUnwrap(r.id(named: "CUMPLIMIENTO DEL PLAN OPERATIVO ANUAL DE LAS COORDINACIONES"))
        XCTAssertEqual(r.readings(plan)[.quarter(2017, 1)], dec("25"))
    }

    func testInstalacionDeMedidoresIsReprogrammedEveryMonth() throws {
        let r = try result()
        let id = try XCTUnwrap(r.id(named: "INSTALACION DE MEDIDORES"))
        XCTAssertEqual(id, "POA2017-307-INSTALACION-MEDIDORES")
        let d = try XCTUnwrap(r.definedIndicators.first { $0.id == id })
        XCTAssertEqual(d.monthlyTargets?.first, dec("300"))
        XCTAssertEqual(d.annualTarget, dec("3600"))
        let changes = r.targetChanges.filter { $0.0 == id }.map { "\($0.1)=\($0.2)" }
        XCTAssertEqual(changes, ["2017-02=350", "2017-03=420"])
        let inspeccion = try XCTUnwrap(r.id(named: "INSPECCION DE MEDIDORES"))
        XCTAssertEqual(r.targetChanges.filter { $0.0 == inspeccion }.map { "\($0.1)=\($0.2)" }, ["2017-02=400", "2017-03=450"])
    }

    func testFindings() throws {
        let r = try result()
        XCTAssertEqual(r.findingCounts.map { "\($0.0.rawValue)=\($0.1)" }, ["percent-mismatch=15", "percent-sign=3", "unreadable=1"], r.findingText)
        // The document's AVANCE % divides each month by 12 x that month's META.
        XCTAssertTrue(r.findings(.percentMismatch).contains { $0.line == 112 && $0.message.en.contains("21.29%") && $0.message.en.contains("22.33 %") })
        // META "100%" in a value column.
        XCTAssertEqual(r.findings(.percentSign).map(\.line), [41, 61, 81])
        // A SEMESTRAL indicator in the quarter's block: no semester ends in Q1.
        let refused = try XCTUnwrap(r.findings(.unreadable).first)
        XCTAssertEqual(refused.line, 21)
        XCTAssertFalse(refused.imported)
        // Every finding about an imported indicator is an observation on it.
        let observed = r.commands.filter { if case .addObservation(_, _, let t) = $0.command { return t.hasPrefix("Hallazgo") }; return false }
        XCTAssertEqual(observed.count, r.findings.count)
    }

    func testRoundsOneAtATimeMatchTheWholeDocument() throws {
        var ledger = MemoryLedger()
        let january = try result(month: month(1), existing: ledger)
        XCTAssertEqual(january.definedIndicators.count, 17)
        XCTAssertEqual(january.targetChanges.count, 0)
        ledger.apply(january)
        let february = try result(month: month(2), existing: ledger)
        XCTAssertEqual(february.definedIndicators.count, 0, "later rounds only add readings and target changes")
        XCTAssertEqual(february.targetChanges.map { "\($0.1)=\($0.2)" }, ["2017-02=350", "2017-02=400"])
        XCTAssertEqual(february.count { if case .recordReading = $0 { return true }; return false }, 17)
        ledger.apply(february)
        let march = try result(month: month(3), existing: ledger)
        XCTAssertEqual(march.definedIndicators.count, 4, "the PRIMER TRIMESTRE block goes with March")
        XCTAssertEqual(march.targetChanges.map { "\($0.1)=\($0.2)" }, ["2017-03=420", "2017-03=450"])
        ledger.apply(march)
        let whole = try result()
        var all = MemoryLedger()
        all.apply(whole)
        XCTAssertEqual(ledger.values, all.values)
        XCTAssertEqual(ledger.targets, all.targets)
        XCTAssertEqual(Set(ledger.definitions.keys), Set(all.definitions.keys))
        XCTAssertEqual(january.findings.count + february.findings.count + march.findings.count, whole.findings.count)
    }

    func testAMonthWithoutARound() throws {
        let r = try result(month: month(7))
        XCTAssertTrue(r.commands.isEmpty)
        XCTAssertEqual(r.findings.first?.kind, .unreadable)
    }

    func testRefusesWhatIsNotAPOAReport() throws {
        XCTAssertRefusesLayout(.poaReport, Garbage.randomBytes)
        XCTAssertRefusesLayout(.poaReport, Garbage.empty)
        XCTAssertRefusesLayout(.poaReport, Garbage.prose)
        XCTAssertRefusesLayout(.poaReport, try Seeds.bytes(Seeds.poi))
        XCTAssertRefusesLayout(.poaReport, try Seeds.bytes(Seeds.mir))
    }

    func testRowWithMissingCellsIsRefusedNotGuessed() throws {
        var text = String(decoding: try Seeds.bytes(Seeds.poaReport), as: UTF8.self)
        // Cut line 40 (INSPECCIONES REALIZADAS, January) after its META.
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[39] = lines[39].split(separator: "\t", omittingEmptySubsequences: false).prefix(12).joined(separator: "\t")
        text = lines.joined(separator: "\n")
        let r = try Importer.run(.poaReport, Array(text.utf8), options: ImportOptions(fileName: "x", month: month(1)))
        let f = try XCTUnwrap(r.findings(.missingCells).first)
        XCTAssertEqual(f.line, 40)
        XCTAssertFalse(f.imported)
        XCTAssertNil(r.id(named: "INSPECCIONES REALIZADAS"), "January was its first round, and its row cannot be read")
    }
}
