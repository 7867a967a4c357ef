// Issue 13, item 16: typos point the right way. The nearest command, event
// type or option is suggested, in both languages; an indicator named by its
// name (or an id with a slip) is searched for and its id suggested, never
// "define it" with an id that cannot be one.

import Foundation
import XCTest

final class TypoSuggestionTests: XCTestCase {
    func testTheNearestCommandIsSuggested() throws {
        let s = try Sandbox()
        let r = s.run(["apend"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("did you mean `ledger append`?"), r.err)
        XCTAssertTrue(s.run(["verfy"]).err.contains("`ledger verify`"))
        XCTAssertTrue(s.run(["quartr", "2017-Q1"]).err.contains("`ledger quarter`"))
        // A Spanish word for a command, and the answer in Spanish.
        XCTAssertTrue(s.run(["estado"]).err.contains("`ledger status`"))
        let es = s.run(["apend", "--lang", "es"])
        XCTAssertTrue(es.err.contains("¿quiso decir `ledger append`?"), es.err)
        // Nothing near: no guess.
        XCTAssertFalse(s.run(["xyzzy"]).err.contains("did you mean"))
    }

    func testTheNearestEventTypeIsSuggested() throws {
        let s = try Sandbox()
        for lang in ["en", "es"] {
            let r = s.run(["append", "reding", "--indicator", "MED", "--period", "2017-01", "--value", "5", "--lang", lang])
            XCTAssertEqual(r.code, 2)
            XCTAssertTrue(r.err.contains("`ledger append reading`"), r.err)
            XCTAssertFalse(r.err.contains("missing --file") || r.err.contains("falta --file"), "not about batch files: \(r.err)")
            XCTAssertFalse(r.err.contains("unknown option --indicator"), r.err)
        }
        XCTAssertTrue(s.run(["append", "lectura", "--indicator", "MED"]).err.contains("`ledger append reading`"))
        XCTAssertTrue(s.run(["log", "--type", "redings"]).err.contains("did you mean reading?"))
        // A type named in Spanish is understood where a type is asked.
        s.makeMedidores()
        XCTAssertEqual(s.run(["log", "--type", "indicador"]).code, 0)
    }

    func testTheNearestOptionIsSuggested() throws {
        let s = try Sandbox()
        let r = s.run(["append", "reading", "--indicater", "MED", "--period", "2017-01", "--value", "5"])
        XCTAssertEqual(r.code, 2)
        XCTAssertTrue(r.err.contains("did you mean --indicator?"), r.err)
        XCTAssertFalse(r.err.contains("?."), r.err)
        XCTAssertTrue(s.run(["status", "--plann", "X"]).err.contains("did you mean --plan?"))
        // An event's option given to append itself: name the type first.
        let parent = s.run(["append", "--indicator", "MED"])
        XCTAssertTrue(parent.err.contains("name the event type first"), parent.err)
    }

    func testAnIndicatorNamedByItsNameIsFoundAndItsIdSuggested() throws {
        let s = try Sandbox()
        s.makeMedidores()
        for args in [["history", "INSTALACION DE MEDIDORES"], ["history", "instalación de medidores"], ["history", "MDE"],
                     ["log", "--indicator", "INSTALACION DE MEDIDORES"]] {
            let r = s.run(args)
            XCTAssertEqual(r.code, 1, args.joined(separator: " "))
            XCTAssertTrue(r.err.contains("did you mean MED (INSTALACION DE MEDIDORES, POA 2017)?"), r.err)
        }
        let append = s.run(["append", "reading", "--indicator", "INSTALACION DE MEDIDORES", "--period", "2017-01", "--value", "5"])
        XCTAssertEqual(append.code, 1)
        XCTAssertTrue(append.err.contains("did you mean MED"), append.err)
        XCTAssertFalse(append.err.contains("--id INSTALACION DE MEDIDORES"), "never advise an id with spaces: \(append.err)")
        let es = s.run(["history", "INSTALACION DE MEDIDORES", "--lang", "es"])
        XCTAssertTrue(es.err.contains("¿quiso decir MED"), es.err)
        // A valid id that matches nothing: define it, as before.
        let unknown = s.run(["append", "reading", "--indicator", "ZZZ-9", "--period", "2017-01", "--value", "5"])
        XCTAssertTrue(unknown.err.contains("--id ZZZ-9"), unknown.err)
    }
}
