// Appending through the application layer, in-process: one event from a
// form's values, a batch file all or nothing, refusals and failures as data.

import XCTest
import LedgerCore
@testable import LedgerApp

final class AppendUseCaseTests: XCTestCase {
    func testAReadingIsAppendedAndASecondIsRefusedAsData() throws {
        let f = try AppFixture.medidores()
        let receipt = try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "542"])
        XCTAssertEqual(receipt.seq, 3)
        XCTAssertThrowsError(try f.append(.reading, at: "2017-02-06T10:01:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])) { error in
            XCTAssertEqual(error as? Refusal, .readingExists(indicator: "MED", period: Period("2017-01")!, seq: 3))
            let failure = Failure(describing: error, directory: f.directory)
            XCTAssertEqual(failure.kind, .refused)
            XCTAssertTrue(failure.message.en.hasSuffix("Nothing was written."), failure.message.en)
            XCTAssertTrue(failure.message.es.hasSuffix("No se escribió nada."), failure.message.es)
        }
        XCTAssertEqual(try f.session.head().seq, 3)
    }

    func testAFormReadsItsFieldsAndNothingElse() throws {
        XCTAssertThrowsError(try EventForm.reading.command(from: ["period": "2017-01", "value": "1"])) {
            XCTAssertEqual($0 as? FieldError, .missing("indicator"))
        }
        XCTAssertThrowsError(try EventForm.reading.command(from: ["indicator": "MED", "period": "2017-01"])) {
            XCTAssertEqual($0 as? FieldError, .missingMeasurement)
        }
        XCTAssertThrowsError(try EventForm.reading.checkColumns(["type": "reading", "indicator": "MED", "valeu": "3"])) {
            guard case .notAFieldOf(let column, let type, _)? = $0 as? FieldError else { return XCTFail("\($0)") }
            XCTAssertEqual(column, "valeu")
            XCTAssertEqual(type, "reading")
        }
        // `_` and `-` are alike in names, and the post-close flag reads yes/no words.
        let c = try EventForm.reading.command(from: ["indicator": "MED", "period": "2017-01", "value": "5", "post_close": "sí", "reason": "r"])
        guard case .recordReading(_, _, _, _, let postClose, _, _) = c else { return XCTFail("\(c)") }
        XCTAssertTrue(postClose)
        XCTAssertEqual(EventForm.named("reading_recorded")?.name, "reading")
        XCTAssertNil(EventForm.named("seal"))
    }

    func testABatchWithABadRowWritesNothingAndNamesEveryBadLine() throws {
        let f = try AppFixture.medidores()
        let path = try f.file("marzo.csv", """
            type,indicator,period,value,reason,text
            reading,MED,2017-01,542,,
            reading,MED,2017-13,1,,
            observation,MED,2017-01,,,BIEN
            reading,NOPE,2017-02,3,,
            """)
        f.clock.set("2017-04-05T10:00:00-06:00")
        XCTAssertThrowsError(try f.session.appendBatch(file: path, actor: "ana", dryRun: false)) { error in
            guard case .batchRefused(_, let rows, let problems)? = error as? Problem else { return XCTFail("\(error)") }
            XCTAssertEqual(rows, 4)
            XCTAssertEqual(problems.map(\.line), [3, 5])
            let failure = Failure(describing: error, directory: f.directory)
            XCTAssertEqual(failure.details.map(\.en).map { String($0.prefix(path.count + 3)) }, [path + ":3:", path + ":5:"])
            XCTAssertEqual(failure.message.en, "2 of 4 rows refused; nothing was written. Fix them and append the file again.")
        }
        XCTAssertEqual(try f.session.head().seq, 2)
        // Fixed, the whole batch goes in at once, each event naming its row.
        let fixed = try f.file("marzo-bien.csv", """
            type,indicator,period,value,text
            reading,MED,2017-01,542,
            observation,MED,2017-01,,BIEN
            """)
        let outcome = try f.session.appendBatch(file: fixed, actor: "ana", dryRun: false)
        XCTAssertEqual(outcome.receipts.map(\.seq), [3, 4])
    }

    func testNoActorIsARefusal() throws {
        let f = try AppFixture.medidores()
        XCTAssertThrowsError(try f.session.append(.reading, values: ["indicator": "MED", "period": "2017-01", "value": "1"], actor: "  ", dryRun: false)) {
            XCTAssertEqual(Failure(describing: $0, directory: f.directory).kind, .refused)
            guard case .noActor? = $0 as? Problem else { return XCTFail("\($0)") }
        }
    }
}
