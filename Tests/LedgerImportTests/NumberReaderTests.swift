// Numbers in the users' conventions (issue 13, item 8): 1,234.56 and
// 1.234,56, currency signs, a convention per file (given, detected, or
// assumed with a finding), and never a silent x1/1000.

import XCTest
import LedgerCore
@testable import LedgerImport

final class NumberReaderTests: XCTestCase {
    typealias N = NumberReading.Notation

    func testReadingOneCellUnderEachConvention() {
        // (text, convention, value, notations)
        let cases: [(String, NumberConvention?, String?, [N])] = [
            ("1,234.56", .decimalPoint, "1234.56", [.thousandsSeparator]),
            ("1,234.56", .decimalComma, nil, []),
            ("1.234,56", .decimalComma, "1234.56", [.thousandsSeparator, .decimalComma]),
            ("1.234,56", .decimalPoint, nil, []),
            ("$11.496.759,89", .decimalComma, "11496759.89", [.currencySign, .thousandsSeparator, .decimalComma]),
            ("$14,757,499.81", .decimalPoint, "14757499.81", [.currencySign, .thousandsSeparator]),
            ("$ 1,234.50", nil, "1234.50", [.currencySign, .thousandsSeparator]),
            ("-$5", .decimalPoint, "-5", [.currencySign]),
            ("$-5", .decimalPoint, "-5", [.currencySign]),
            ("S/ 1,200", .decimalPoint, "1200", [.currencySign, .thousandsSeparator]),
            ("US$ 3.5", nil, "3.5", [.currencySign]),
            ("1.571", .decimalPoint, "1.571", []),
            ("1.571", .decimalComma, "1571", [.thousandsSeparator]),
            ("1.571", nil, nil, []),                      // ambiguous on its own
            ("1,571", .decimalPoint, "1571", [.thousandsSeparator]),
            ("1,571", .decimalComma, "1.571", [.decimalComma]),
            ("1,5", .decimalPoint, nil, []),
            ("1,5", nil, "1.5", [.decimalComma]),          // a number only with a decimal comma
            ("25.5", nil, "25.5", []),
            ("0.019%", nil, "0.019", [.percentSign]),      // a group never starts with 0: not 19
            (".246%", .decimalPoint, "0.246", [.percentSign]),
            ("100%", .decimalComma, "100", [.percentSign]),
            ("120 1/", .decimalPoint, "120", [.footnote]),
            ("1/", .decimalPoint, nil, [.footnote]),
            ("1,23,456", nil, nil, []),
            ("1.234.567", .decimalComma, "1234567", [.thousandsSeparator]),
            ("abc", nil, nil, []),
            ("", .decimalPoint, nil, []),
        ]
        for (text, convention, value, notations) in cases {
            let r = NumberReader.read(text, convention: convention)
            XCTAssertEqual(r.value?.description, value, "\(text) under \(convention?.rawValue ?? "no convention")")
            XCTAssertEqual(r.notations, notations, "\(text) under \(convention?.rawValue ?? "no convention")")
        }
        XCTAssertTrue(NumberReader.read("1.571", convention: nil).isAmbiguous)
        XCTAssertFalse(NumberReader.read("1571", convention: nil).isAmbiguous)
        XCTAssertEqual(NumberReader.read("1,234.5", convention: nil).evidence, .decimalPoint)
        XCTAssertEqual(NumberReader.read("$11.496.759,89", convention: nil).evidence, .decimalComma)
        XCTAssertNil(NumberReader.read("1.571", convention: nil).evidence)
    }

    func testTheConventionOfADocument() {
        func choose(_ texts: [String], option: NumberConvention? = nil) -> ConventionChoice {
            NumberReader.choose(texts.enumerated().map { ($0.element, $0.offset + 1) }, option: option)
        }
        let comma = choose(["PROGRAMA", "1.571", "$11.496.759,89", "250"])
        XCTAssertEqual(comma.convention, .decimalComma)
        XCTAssertEqual(comma.source, .detected)
        XCTAssertEqual(comma.decimalCommaExample?.1, 3)
        XCTAssertEqual(choose(["14,757,499.81", "96.602%"]).convention, .decimalPoint)
        let assumed = choose(["1.571", "250"])
        XCTAssertEqual(assumed.convention, .decimalPoint)
        XCTAssertEqual(assumed.source, .assumed)
        let both = choose(["1,234.5", "1.234,5"])
        XCTAssertNil(both.convention)
        XCTAssertEqual(both.source, .conflicting)
        XCTAssertEqual(choose(["1,234.5"], option: .decimalComma).convention, .decimalComma)
        XCTAssertEqual(NumberConvention(text: "1.234,56"), .decimalComma)
        XCTAssertEqual(NumberConvention(text: "punto"), .decimalPoint)
    }

    // MARK: In an import

    func readings(_ text: String, option: NumberConvention? = nil) throws -> ImportResult {
        var ledger = MemoryLedger()
        ledger.definitions["COB"] = IndicatorDefinition(id: "COB", name: "COBRANZA", unit: "PESOS", year: 2017, annualTarget: dec("12000000"))
        return try Importer.run(.csv, Array(text.utf8), options: ImportOptions(fileName: "lecturas.csv", numberConvention: option), existing: ledger)
    }

    /// The clerk's file: a decimal comma and dots between thousands, as the
    /// document it was copied from. 1.571 is 1571 there.
    func testADecimalCommaFileIsReadAsItIsWritten() throws {
        let r = try readings("indicador;periodo;valor\nCOB;2017-01;$11.496.759,89\nCOB;2017-02;1.571\nCOB;2017-03;250\n")
        XCTAssertEqual(r.readings("COB")[month(1)], dec("11496759.89"))
        XCTAssertEqual(r.readings("COB")[month(2)], dec("1571"), "never read as 1.571")
        XCTAssertEqual(r.readings("COB")[month(3)], dec("250"))
        XCTAssertEqual(r.findings(.numberConvention).map(\.line), [2], "said once: the line that shows the convention")
        XCTAssertTrue(r.findings(.numberConvention)[0].message.en.contains("decimal comma"))
        XCTAssertEqual(r.findings(.currencySign).map(\.line), [2])
    }

    /// Nothing tells: read by the default convention, and every number that
    /// would read otherwise is a finding that names both values.
    func testAnAmbiguousNumberIsNeverSilent() throws {
        let r = try readings("indicador;periodo;valor\nCOB;2017-01;1.571\nCOB;2017-02;250\n")
        XCTAssertEqual(r.readings("COB")[month(1)], dec("1.571"))
        let f = try XCTUnwrap(r.findings(.numberConvention).first)
        XCTAssertEqual(f.line, 2)
        XCTAssertTrue(f.message.en.contains("1.571") && f.message.en.contains("1571"), f.message.en)
        XCTAssertEqual(f.indicator, "COB")
        // Told the convention, it reads 1571, with only the grouping noted (as every grouped number is).
        let told = try readings("indicador;periodo;valor\nCOB;2017-01;1.571\n", option: .decimalComma)
        XCTAssertEqual(told.readings("COB")[month(1)], dec("1571"))
        XCTAssertEqual(told.findingCounts.map { $0.0 }, [.thousandsSeparator], told.findingText)
    }

    func testAFileWrittenBothWaysLeavesAmbiguousNumbersOut() throws {
        let r = try readings("indicador;periodo;valor\nCOB;2017-01;1,234.5\nCOB;2017-02;1.234,5\nCOB;2017-03;1.571\n")
        XCTAssertEqual(r.readings("COB")[month(1)], dec("1234.5"))
        XCTAssertEqual(r.readings("COB")[month(2)], dec("1234.5"))
        XCTAssertNil(r.readings("COB")[month(3)], "1.571 is not guessed")
        XCTAssertEqual(r.findings(.numberConvention).map(\.line), [2, 4])
        XCTAssertTrue(r.findings(.numberConvention).allSatisfy { !$0.imported })
    }

    /// The seeds keep reading as before: seed 001's 96.602 % is a percentage
    /// (its amounts show the decimal point), not 96602.
    func testTheSeedsShowTheirConvention() throws {
        let mir = try Importer.run(.mir, Seeds.bytes(Seeds.mir), options: ImportOptions(fileName: "001.txt"))
        XCTAssertTrue(mir.findings(.numberConvention).isEmpty, mir.findingText)
        let poa = try Importer.run(.poaReport, Seeds.bytes(Seeds.poaReport), options: ImportOptions(fileName: "000.txt"))
        XCTAssertTrue(poa.findings(.numberConvention).isEmpty, poa.findingText)
    }
}
