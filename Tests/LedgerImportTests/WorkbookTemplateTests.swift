// xlsx: our template's two sheets as a workbook, on workbooks saved by
// LibreOffice 7.4 (Workbooks/, made by make_workbooks.py; docs/examples/
// plantilla.xlsx). The same rows as the CSV template; what a workbook may
// hold and the template cannot (formulas, merged cells, dates, other
// sheets) and a damaged or inflating archive are refused whole.

import XCTest
import LedgerCore
import LedgerWorkbook
@testable import LedgerImport

final class WorkbookTemplateTests: XCTestCase {
    static var workbooks: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()
        return parts.joined(separator: "/") + "/Workbooks"
    }

    func bytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("no \(path)") }
        return [UInt8](data)
    }

    func workbook(_ name: String) throws -> [UInt8] { try bytes(Self.workbooks + "/" + name) }

    func refusal(_ bytes: [UInt8]) -> LayoutError? {
        do {
            _ = try Importer.run(.xlsx, bytes, options: ImportOptions(fileName: "libro.xlsx"))
            return nil
        } catch {
            return error as? LayoutError
        }
    }

    /// The shipped template reads as its two CSV examples do: the same
    /// commands, each naming its sheet and row.
    func testTheTemplateIsTheTwoCSVExamples() throws {
        let book = try Importer.run(.xlsx, bytes(CSVTemplateTests.examples + "/plantilla.xlsx"), options: ImportOptions(fileName: "plantilla.xlsx"))
        let indicators = try Importer.run(.csv, bytes(CSVTemplateTests.examples + "/indicadores.csv"), options: ImportOptions(fileName: "indicadores.csv"))
        var ledger = MemoryLedger()
        ledger.apply(indicators)
        let readings = try Importer.run(.csv, bytes(CSVTemplateTests.examples + "/lecturas.csv"), options: ImportOptions(fileName: "lecturas.csv"), existing: ledger)
        XCTAssertEqual(book.commands.map(\.command), indicators.commands.map(\.command) + readings.commands.map(\.command))
        XCTAssertEqual(book.commands.first?.source, "plantilla.xlsx#indicadores:2")
        XCTAssertEqual(book.commands.last?.source, "plantilla.xlsx#lecturas:7")
        XCTAssertTrue(book.findings.isEmpty)
        XCTAssertEqual(book.plan, "POA 2017")
        let med = try XCTUnwrap(book.definedIndicators.first)
        XCTAssertEqual(med.baseline, dec("3200"))
        XCTAssertEqual(med.dimension, "Eficacia")
        XCTAssertEqual(med.method, "Suma de medidores instalados en el mes (órdenes de instalación cerradas)")
        XCTAssertEqual(med.informationSource, "Sistema comercial: órdenes de instalación")
        XCTAssertEqual(med.objective, "Medir el consumo de todas las tomas")
    }

    /// Tabs in any order (the indicators sheet is read first), headers with
    /// accents and capitals, money and percentages exact, a blank value a
    /// finding on its sheet's row.
    func testReadingsBeforeIndicatorsAndExactNumbers() throws {
        let r = try Importer.run(.xlsx, workbook("lecturas-primero.xlsx"), options: ImportOptions(fileName: "libro.xlsx"))
        XCTAssertEqual(r.definedIndicators.map(\.id), ["PRES-MOD", "CAP"])
        XCTAssertEqual(r.definedIndicators[0].annualTarget, dec("14757499.81"))
        XCTAssertEqual(r.definedIndicators[0].dimension, "Economía")
        XCTAssertEqual(r.definedIndicators[1].baseline, dec("97.5"))
        XCTAssertEqual(r.definedIndicators[1].aggregation, .last)
        XCTAssertEqual(r.readings("PRES-MOD"), [.quarter(2017, 1): dec("3689374.95")])
        XCTAssertEqual(r.readings("CAP"), [month(1): dec("99.75")])
        XCTAssertEqual(r.findings.map(\.location), ["#Lecturas:4"])
        XCTAssertEqual(r.findings.first?.kind, .unreadable)
        XCTAssertFalse(r.findings.first?.imported ?? true)
    }

    func testWhatATemplateCannotHoldIsRefusedWhole() throws {
        let formula = try XCTUnwrap(refusal(try workbook("formula.xlsx")))
        XCTAssertEqual(formula.location, "#lecturas!C3")
        XCTAssertTrue(formula.message.en.contains("holds a formula (=C2*2) instead of a value"), formula.message.en)
        XCTAssertTrue(formula.message.es.contains("tiene una fórmula (=C2*2) en lugar de un valor"), formula.message.es)
        let merged = try XCTUnwrap(refusal(try workbook("combinadas.xlsx")))
        XCTAssertEqual(merged.location, "#lecturas!A1:D1")
        XCTAssertTrue(merged.message.en.contains("cells A1:D1 are merged"), merged.message.en)
        let date = try XCTUnwrap(refusal(try workbook("fecha.xlsx")))
        XCTAssertEqual(date.location, "#lecturas!B2")
        XCTAssertTrue(date.message.en.contains("a date stored as a serial number (42795)"), date.message.en)
        let extra = try XCTUnwrap(refusal(try workbook("hoja-extra.xlsx")))
        XCTAssertEqual(extra.location, "")
        XCTAssertTrue(extra.message.en.contains("a sheet \"Hoja1\" that the template does not have"), extra.message.en)
        XCTAssertTrue(extra.message.es.contains("una hoja \"Hoja1\" que la plantilla no tiene"), extra.message.es)
        let csv = try XCTUnwrap(refusal(try bytes(CSVTemplateTests.examples + "/lecturas.csv")))
        XCTAssertTrue(csv.message.en.contains("not an Excel workbook") && csv.message.es.contains("no es un libro de Excel"), "\(csv.message)")
    }

    /// A changed byte, a file cut short, and archives whose parts inflate
    /// past what they state or past the limit: refused before any row is read.
    func testADamagedOrInflatingArchiveIsRefused() throws {
        let good = try workbook("lecturas-primero.xlsx")
        var flipped = good
        // A byte inside the first entry's compressed data: its CRC-32 no longer matches.
        flipped[Int(good[26]) + Int(good[27]) << 8 + 30 + 40] ^= 0x55
        let damaged = try XCTUnwrap(refusal(flipped))
        XCTAssertTrue(damaged.message.en.contains("damaged"), damaged.message.en)
        XCTAssertTrue(damaged.message.es.contains("dañado"), damaged.message.es)
        let cut = try XCTUnwrap(refusal(Array(good.prefix(good.count / 2))))
        XCTAssertTrue(cut.message.en.contains("damaged or cut short") || cut.message.en.contains("not an Excel workbook"), cut.message.en)

        // A small honest workbook whose central directory claims a part of 1 GiB.
        let made = try XLSXWriter.write(Workbook(sheets: [Worksheet(name: "lecturas", rows: [[.text("indicador"), .text("periodo"), .text("valor")]])]))
        var huge = made
        let cd = try centralDirectory(huge)
        put32(&huge, cd + 24, 1 << 30)  // uncompressed size of the first entry
        let bomb = try XCTUnwrap(refusal(huge))
        XCTAssertTrue(bomb.message.en.contains("past the limit of 268435456 (a ZIP bomb"), bomb.message.en)
        XCTAssertTrue(bomb.message.es.contains("bomba ZIP"), bomb.message.es)
        // One that states a few bytes, and inflates to more.
        var lying = made
        let entry = try lastEntryOffsets(lying)
        put32(&lying, entry.central + 24, 10)
        put32(&lying, entry.local + 22, 10)
        let liar = try XCTUnwrap(refusal(lying))
        XCTAssertTrue(liar.message.en.contains("inflates past the 10 bytes it declares"), liar.message.en)
    }

    func testNumbersAsTheySpreadsheetsSaveThem() {
        for (saved, typed) in [("542", "542"), ("14757499.81", "14757499.81"), ("0.30000000000000004", "0.3"), ("99.75", "99.75"),
                               ("1E-3", "0.001"), ("1.5E+3", "1500"), ("3689374.9500000002", "3689374.95"), ("-0", "0"),
                               ("0.1", "0.1"), ("123456789012345678", "123456789012346000"), ("9.9999999999999999E2", "1000"),
                               ("-2.5", "-2.5"), ("2.0", "2")] {
            XCTAssertEqual(ExcelNumber.typed(saved), typed, saved)
        }
        for bad in ["", "abc", "1.2.3", "1E", "--1", "1e5x"] { XCTAssertNil(ExcelNumber.typed(bad), bad) }
    }

    // MARK: ZIP fields

    func get32(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 }
    func get16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    func put32(_ b: inout [UInt8], _ at: Int, _ v: Int) { for k in 0..<4 { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) } }

    /// The offset of the central directory (APPNOTE 4.3.16: the end record's field at +16).
    func centralDirectory(_ b: [UInt8]) throws -> Int {
        let end = try XCTUnwrap((0...(b.count - 22)).reversed().first { get32(b, $0) == 0x0605_4b50 })
        return get32(b, end + 16)
    }

    /// The central and local header offsets of the archive's last entry.
    func lastEntryOffsets(_ b: [UInt8]) throws -> (central: Int, local: Int) {
        var at = try centralDirectory(b)
        var last = at
        while get32(b, at) == 0x0201_4b50 {
            last = at
            at += 46 + get16(b, at + 28) + get16(b, at + 30) + get16(b, at + 32)
        }
        return (last, get32(b, last + 42))
    }
}
