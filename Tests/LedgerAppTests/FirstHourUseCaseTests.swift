// Issue 13's first hour, in-process against the use cases: the months a
// view weighs at its cut (the clock the test moves stands for "now"), the
// readings a close leaves missing, a batch read as `import csv` reads a
// sheet, and an indicator named by its name.

import Foundation
import XCTest
import LedgerCore
@testable import LedgerApp

final class FirstHourUseCaseTests: XCTestCase {
    func testALiveViewWeighsTheMonthsDueByNow() throws {
        let f = try AppFixture.medidores()
        try f.append(.reading, at: "2017-02-05T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "300"])
        // Now is 8 March 2017: February may still be reported; March has not ended.
        f.clock.set("2017-03-08T12:00:00-06:00")
        var row = (try f.json(try f.session.quarter(.quarter(2017, 1), ReportRequest(format: .json)))["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["awaiting"] as? [String], ["2017-02", "2017-03"])
        XCTAssertEqual((row["programmed"] as? NSNumber)?.stringValue, "300")
        // 11 March: February is overdue, and missing.
        f.clock.set("2017-03-11T12:00:00-06:00")
        row = (try f.json(try f.session.quarter(.quarter(2017, 1), ReportRequest(format: .json)))["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual(row["missing"] as? [String], ["2017-02"])
        XCTAssertEqual((row["programmed"] as? NSNumber)?.stringValue, "600")
    }

    func testACloseSaysWhichReadingsAreMissing() throws {
        let f = try AppFixture.medidores()
        try f.append(.reading, at: "2017-02-05T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "300"])
        try f.append(.close, at: "2017-04-20T10:00:00-06:00", ["quarter": "2017-Q1"])
        let missing = try f.session.missingReadings(closing: .quarter(2017, 1), plan: nil)
        XCTAssertEqual(missing.map { "\($0.indicator) \($0.period)" }, ["MED 2017-02", "MED 2017-03"])
        XCTAssertEqual(try f.session.missingReadings(closing: .quarter(2017, 1), plan: "POA 2016"), [])
    }

    func testABatchIsReadLikeASheet() throws {
        let f = try AppFixture.medidores()
        let path = try f.file("lote.csv", "Tipo;Indicador;Periodo;Valor;Nota\nlectura;MED;2017-01;\"1.234,5\";uno\nlectura;MED;2017-02;\"1.571\";dos\n")
        f.clock.set("2017-03-06T10:00:00-06:00")
        let outcome = try f.session.appendBatch(file: path, actor: "ana", dryRun: false)
        XCTAssertEqual(outcome.receipts.count, 2)
        let state = try f.json(try f.session.quarter(.quarter(2017, 1), ReportRequest(format: .json)))
        let row = (state["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual((row["executed"] as? NSNumber)?.stringValue, "2805.5", "1234.5 + 1571: the file writes a decimal comma")
        XCTAssertEqual((row["notes"] as? [[String: Any]])?.map { $0["text"] as? String }, ["uno", "dos"])
        // Nothing in a file to tell how 1.571 reads: refused, unless told.
        let ambiguous = try f.file("b.csv", "type,indicator,period,value\nreading,MED,2017-03,\"1.571\"\n")
        XCTAssertThrowsError(try f.session.appendBatch(file: ambiguous, actor: "ana", dryRun: true)) { error in
            guard case .batchRefused(_, _, let problems)? = error as? Problem, case .field(.ambiguousNumber)? = problems.first?.problem else {
                return XCTFail("\(error)")
            }
        }
        XCTAssertEqual(try f.session.appendBatch(file: ambiguous, actor: "ana", dryRun: true, numbers: .decimalPoint).rows, 1)
    }

    func testAnIndicatorNamedByItsName() throws {
        let f = try AppFixture.medidores()
        XCTAssertThrowsError(try f.session.history("INSTALACION DE MEDIDORES", asOf: nil, format: .text, language: .en)) { error in
            guard case .unknownIndicator(_, let suggestions, appending: false)? = error as? Problem else { return XCTFail("\(error)") }
            XCTAssertEqual(suggestions.map(\.id), ["MED"])
        }
    }
}
