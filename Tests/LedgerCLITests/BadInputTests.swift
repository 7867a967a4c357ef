// Every bad input named by the journal issue: the exit code, a message that
// says what to do, and the journal byte-for-byte unchanged.

import Foundation
import XCTest

final class BadInputTests: XCTestCase {
    var s: Sandbox!

    override func setUpWithError() throws {
        s = try Sandbox()
        s.makeMedidores()
        s.ok(["append", "indicator", "--id", "TRIM", "--name", "PROCESOS HOMOLOGADOS", "--unit", "PROCESOS", "--year", "2017",
              "--annual-target", "4", "--frequency", "quarterly"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"])
    }

    /// Runs, then checks code, message and that nothing was written.
    func refuse(_ args: [String], code: Int32, saying text: String, env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) {
        let before = s.journalBytes()
        let r = s.run(args, env: env)
        XCTAssertEqual(r.code, code, "exit code of \(args): \(r.err)", file: file, line: line)
        XCTAssertTrue(r.err.contains(text), "message of \(args) should say \"\(text)\": \(r.err)", file: file, line: line)
        XCTAssertEqual(r.out, "", "nothing on stdout", file: file, line: line)
        XCTAssertEqual(s.journalBytes(), before, "journal unchanged by \(args)", file: file, line: line)
        XCTAssertLessThanOrEqual(r.err.split(separator: "\n").count, 4, "a short message", file: file, line: line)
    }

    func testUnknownIndicator() {
        refuse(["append", "reading", "--indicator", "NOPE", "--period", "2017-01", "--value", "1"], code: 1, saying: "unknown indicator NOPE")
    }

    func testSecondReadingSaysToRecordACorrection() {
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1"], code: 1, saying: "record a correction")
    }

    func testValueThatIsNotANumber() {
        for v in ["abc", "1,234", "12%", "1e3", ""] {
            refuse(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", v], code: v.isEmpty ? 2 : 1, saying: v.isEmpty ? "missing value" : "is not a number")
        }
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "12345678901234567890"], code: 1, saying: "more than 18 digits")
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "-5"], code: 1, saying: "must not be negative")
    }

    func testPeriodsThatAreInvalidForTheIndicator() {
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-13", "--value", "1"], code: 1, saying: "not a period")
        refuse(["append", "reading", "--indicator", "TRIM", "--period", "2017-Q5", "--value", "1"], code: 1, saying: "not a period")
        refuse(["append", "reading", "--indicator", "TRIM", "--period", "2017-03", "--value", "1"], code: 1, saying: "measured quarterly")
        refuse(["append", "reading", "--indicator", "MED", "--period", "2018-01", "--value", "1"], code: 1, saying: "outside the year")
    }

    func testChangesWithoutAReason() {
        refuse(["append", "target", "--indicator", "MED", "--period", "2017-02", "--value", "350"], code: 1, saying: "needs a reason")
        refuse(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "500"], code: 1, saying: "needs a reason")
        refuse(["append", "correction", "--indicator", "MED", "--period", "2017-01", "--value", "500", "--reason", "  "], code: 1, saying: "needs a reason")
    }

    func testNoActor() {
        let before = s.journalBytes()
        s.environment["LEDGER_ACTOR"] = nil
        let r = s.run(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("--actor"), r.err)
        XCTAssertEqual(s.journalBytes(), before)
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262", "--actor", "luis"])
        XCTAssertTrue(String(decoding: s.journalBytes(), as: UTF8.self).contains("\"actor\":\"luis\""))
    }

    func testMalformedBatchRow() throws {
        try s.write("b.csv", "type,indicator,period,value\nreading,MED,2017-02,262\nreading,MED,2017-03\nreading,MED,2017-04,1,extra\n")
        refuse(["append", "--file", "b.csv"], code: 1, saying: "b.csv:4:")
        try s.write("c.csv", "indicator,period,value\nMED,2017-02,262\n")
        refuse(["append", "--file", "c.csv"], code: 1, saying: "no type column")
        try s.write("d.csv", "type,indicator,periodx,value\nreading,MED,2017-02,262\n")
        refuse(["append", "--file", "d.csv"], code: 1, saying: "periodx is not a field of reading")
        // Text that is not UTF-8 is read as Windows-1252 (as `import csv` reads it): here a row of an unknown type.
        try s.write("e.csv", bytes: [0x74, 0x79, 0x70, 0x65, 0x0A, 0xFF, 0xFE, 0x0A])
        refuse(["append", "--file", "e.csv"], code: 1, saying: "e.csv:2: unknown type")
        try s.write("f.csv", bytes: [0x74, 0x79, 0x70, 0x65, 0x0A, 0x00, 0x01, 0x0A])
        refuse(["append", "--file", "f.csv"], code: 1, saying: "binary data")
        try s.write("empty.csv", "")
        refuse(["append", "--file", "empty.csv"], code: 1, saying: "no rows")
        refuse(["append", "--file", "missing.csv"], code: 1, saying: "cannot read missing.csv")
    }

    func testUsageErrorsExit2WithUsage() {
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "1", "--bogus"], code: 2, saying: "Usage: ledger append reading")
        refuse(["append", "reading", "--indicator", "MED", "--value", "1"], code: 2, saying: "missing --period")
        refuse(["append", "reading", "--indicator"], code: 2, saying: "needs a value")
        refuse(["append", "frobnicate"], code: 2, saying: "Usage")
        refuse(["frobnicate"], code: 2, saying: "unknown command")
        refuse(["verify", "extra"], code: 2, saying: "unexpected argument")
    }

    func testHelpShowsUsageAndExamples() {
        let overview = s.ok(["help"])
        XCTAssertTrue(overview.contains("append reading"))
        let help = s.ok(["append", "reading", "--help"])
        XCTAssertTrue(help.contains("Usage: ledger append reading"))
        XCTAssertTrue(help.contains("Examples:"))
        XCTAssertEqual(s.ok(["help", "append", "reading"]), help)
        let spanish = s.ok(["append", "reading", "--help", "--lang", "es"])
        XCTAssertTrue(spanish.contains("Ejemplos:"), spanish)
        XCTAssertTrue(s.ok(["help"], env: ["LANG": "es_MX.UTF-8"]).contains("Comandos:"))
    }

    func testRefusalsSpeakSpanish() {
        refuse(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "1", "--lang", "es"], code: 1, saying: "registre una corrección")
    }
}
