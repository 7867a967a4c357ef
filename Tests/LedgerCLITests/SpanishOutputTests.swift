// Issue 13, item 18: Spanish output is Spanish throughout: the help's
// usage line, the type names in log and history, the figures in diff, the
// CSV headers (JSON keys stay English, as the contract fixes them), the
// integrity messages, and the small sentences a first hour meets.

import Foundation
import XCTest

final class SpanishOutputTests: XCTestCase {
    func testSpanishThroughout() throws {
        let s = try AuditorStoryTests.story()
        s.environment["LEDGER_LANG"] = "es"
        XCTAssertTrue(s.ok(["help"]).contains("Uso: ledger [--ledger DIR] [--lang es|en] COMANDO ..."))
        let log = s.ok(["log"])
        for word in ["lectura", "meta", "observación", "corrección", "motivo: Error de captura"] { XCTAssertTrue(log.contains(word), "\(word): \(log)") }
        for word in [" reading ", " target ", " correction ", "reason:"] { XCTAssertFalse(log.contains(word), "\(word): \(log)") }
        let history = s.ok(["history", "MED"])
        XCTAssertTrue(history.contains("registrado (America/Mexico_City)"), history)
        XCTAssertTrue(history.contains("corrección"), history)
        let diff = s.ok(["diff", "--from", "2017-04-10", "--to", "2017-06-01", "--quarter", "2017-Q1"])
        XCTAssertTrue(diff.contains("ejecutado del trimestre"), diff)
        XCTAssertTrue(diff.contains("cumplimiento del trimestre %"), diff)
        XCTAssertFalse(diff.contains("quarter_executed"), diff)
        let diffCSV = s.ok(["diff", "--from", "2017-04-10", "--to", "2017-06-01", "--csv"])
        XCTAssertTrue(diffCSV.hasPrefix("\u{FEFF}indicador,periodo,cifra,antes,después,"), diffCSV)
        // JSON keeps the contract's English keys and values.
        XCTAssertTrue(s.ok(["diff", "--from", "2017-04-10", "--to", "2017-06-01", "--json"]).contains("\"figure\":\"executed\""))
        XCTAssertTrue(s.ok(["log", "--json"]).contains("\"type\":\"correction\""))
        for args in [["quarter", "2017-Q1", "--csv"], ["status", "--csv"], ["log", "--csv"], ["history", "MED", "--csv"]] {
            let csv = s.ok(args)
            XCTAssertTrue(csv.hasPrefix("\u{FEFF}unidad,indicador") || csv.hasPrefix("\u{FEFF}indicador,") || csv.hasPrefix("\u{FEFF}sec,registrado"),
                          "\(args): \(csv.prefix(80))")
        }
        XCTAssertTrue(s.ok(["status"]).contains("a la fecha (todo lo registrado)"))
        XCTAssertTrue(s.ok(["replay", "--until", "now"]).contains("al momento ("))
        // init in the current directory: one full stop, no "en .".
        let fresh = try Sandbox()
        let created = fresh.ok(["init", "--entity", "Ente", "--lang", "es"])
        XCTAssertTrue(created.hasPrefix("Ledger creado para Ente en el directorio actual.\n"), created)
        let sealHelp = fresh.ok(["seal", "--help", "--lang", "es"])
        XCTAssertFalse(sealHelp.contains("still checks everything"), sealHelp)
        XCTAssertTrue(sealHelp.contains("sigue revisándolo todo"), sealHelp)
    }
}
