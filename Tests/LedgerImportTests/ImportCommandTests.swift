// `ledger import` in-process: findings printed as FILE:LINE, one atomic
// append attributed to the actor with each event's source, and refusals
// that leave the journal's bytes as they were.

import XCTest
import LedgerCLI
import LedgerCore

final class ImportCommandTests: XCTestCase {
    var directory = ""
    var journal: String { directory + "/events/journal.jsonl" }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.path + "/ledger-import-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        XCTAssertEqual(run(["init", "--entity", "COMAPA Gerencia Comercial"]).code, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func run(_ arguments: [String], lang: String = "en") -> (code: Int32, out: String, err: String) {
        let out = BufferSink(), err = BufferSink()
        let console = Console(out: out, err: err)
        let code = LedgerCLI.run(["--ledger", directory, "--lang", lang] + arguments,
                                 environment: ["LEDGER_ACTOR": "planeacion"], console: console)
        return (code, out.text, err.text)
    }

    func journalBytes() -> Data { FileManager.default.contents(atPath: journal) ?? Data() }

    func seed(_ name: String) -> String { Seeds.directory + "/" + name }

    func testImportsARoundAndRefusesItTwice() throws {
        let r = run(["import", "poa-report", seed(Seeds.poaReport), "--month", "2017-01"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("\(seed(Seeds.poaReport)):41: META is written \"100%\" with a percent sign"), r.out)
        XCTAssertTrue(r.out.contains("17 indicators defined, 49 events"), r.out)
        let text = String(decoding: journalBytes(), as: UTF8.self)
        XCTAssertTrue(text.contains("\"000_6da246efa07db4d2.txt:38\""), "events name their source line")
        XCTAssertEqual(text.split(separator: "\n").filter { $0.contains("\"planeacion\"") }.count, 50, "49 imported and the opening")
        // The same round again: the ledger refuses, nothing is written.
        let before = journalBytes()
        let again = run(["import", "poa-report", seed(Seeds.poaReport), "--month", "2017-01"])
        XCTAssertEqual(again.code, 1)
        XCTAssertTrue(again.err.contains(":38: a reading for POA2017-303-RECIBOS-ENTREGADOS-DOMICILIO 2017-01 is already recorded"), again.err)
        XCTAssertEqual(journalBytes(), before)
        // The next round adds the reprogramming of INSTALACION DE MEDIDORES.
        XCTAssertEqual(run(["import", "poa-report", seed(Seeds.poaReport), "--month", "2017-02"]).code, 0)
        let log = String(decoding: journalBytes(), as: UTF8.self)
        XCTAssertTrue(log.contains("META of the 2017-02 report: 350 (was 300)"), "reasons are written in the user's language")
    }

    func testSpanishFindings() throws {
        let r = run(["import", "poi", seed(Seeds.poi), "--dry-run"], lang: "es")
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("\(seed(Seeds.poi)):116: con las celdas ubicadas donde mejor coinciden, las metas mensuales suman 38, la meta anual es 37"), r.out)
        XCTAssertTrue(r.out.contains("87 indicadores definidos"), r.out)
        XCTAssertTrue(r.out.contains("No se escribió nada (--dry-run)."))
    }

    func testGarbageChangesNothing() throws {
        let before = journalBytes()
        var g = SystemRandomNumberGenerator()
        let junk = directory + "/junk.bin"
        FileManager.default.createFile(atPath: junk, contents: Data((0..<400).map { _ in UInt8.random(in: 0...255, using: &g) } + [0xFF]))
        let empty = directory + "/empty.txt"
        FileManager.default.createFile(atPath: empty, contents: Data())
        for (format, file) in [("poa-report", junk), ("poi", junk), ("mir", junk), ("csv", junk),
                               ("poa-report", empty), ("poi", empty), ("mir", empty), ("csv", empty),
                               ("poa-report", seed(Seeds.poi)), ("poi", seed(Seeds.mir)), ("mir", seed(Seeds.poaReport)), ("csv", seed(Seeds.poi))] {
            let r = run(["import", format, file])
            XCTAssertEqual(r.code, 1, "\(format) \(file): \(r.err)")
            XCTAssertTrue(r.err.contains("Nothing was written"), r.err)
            XCTAssertEqual(journalBytes(), before, "\(format) \(file)")
        }
        XCTAssertEqual(run(["import", "xls", junk]).code, 2)
        XCTAssertEqual(run(["import", "poi", seed(Seeds.poi), "--month", "2017-01"]).code, 2)
        XCTAssertEqual(run(["import", "poi", directory + "/missing.txt"]).code, 1)
        XCTAssertEqual(journalBytes(), before)
    }

    func testStrictRefusesTheWholeFile() throws {
        let before = journalBytes()
        let r = run(["import", "mir", seed(Seeds.mir), "--strict"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("--strict: 58 finding(s)"), r.err)
        XCTAssertTrue(r.err.contains("\(seed(Seeds.mir)):9: %AV.FIN is 3.232%"), r.err)
        XCTAssertEqual(journalBytes(), before)
        // Without --strict it goes in, with budget.
        let ok = run(["import", "mir", seed(Seeds.mir), "--json"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertTrue(ok.out.hasPrefix("{\"file\":"), ok.out)
        XCTAssertTrue(ok.out.contains("\"budget\":80"), ok.out)
    }

    func testWithoutAnActorNothingIsWritten() throws {
        let before = journalBytes()
        let console = Console(out: BufferSink(), err: BufferSink())
        let code = LedgerCLI.run(["--ledger", directory, "import", "poa-report", seed(Seeds.poaReport)], environment: [:], console: console)
        XCTAssertEqual(code, 1)
        XCTAssertEqual(journalBytes(), before)
    }
}
