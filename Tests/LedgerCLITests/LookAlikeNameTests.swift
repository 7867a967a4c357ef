// Look-alike names (issue 11, item 6), end to end: every case the issue
// lists was accepted and printed the same as the name it imitates. Now
// invisible, bidi-control and control characters are refused in every
// name; ids, plans, owner codes and actors are kept in NFC and refused when
// they look like one already recorded (naming it); lengths are limited and
// the help says so.

import Foundation
import XCTest

final class LookAlikeNameTests: XCTestCase {
    func ledger() throws -> Sandbox {
        let s = try Sandbox()
        s.ok(["init", "--entity", "COMAPA"])
        s.ok(["append", "indicator", "--id", "IND-A", "--name", "Recibos", "--unit", "RECIBOS", "--year", "2017",
              "--annual-target", "12", "--owner", "307", "--plan", "POA 2017"])
        return s
    }

    func define(_ s: Sandbox, id: String, plan: String = "POA 2017", owner: String = "307", actor: String = "ana") -> Outcome {
        s.run(["append", "indicator", "--id", id, "--name", "Otro", "--unit", "U", "--year", "2017", "--annual-target", "1",
               "--owner", owner, "--plan", plan, "--actor", actor])
    }

    func assertRefused(_ r: Outcome, _ words: String..., line: UInt = #line) {
        XCTAssertEqual(r.code, 1, r.err, line: line)
        for w in words { XCTAssertTrue(r.err.contains(w), "\(w) not in: \(r.err)", line: line) }
        XCTAssertTrue(r.err.contains("Nothing was written."), r.err, line: line)
    }

    func testIndicatorIdsThatLookAlikeAreRefusedNamingTheOneThere() throws {
        let s = try ledger()
        let before = s.journalBytes()
        assertRefused(define(s, id: "IND-\u{410}"), "indicator IND-\u{410} looks like IND-A, already defined",
                      "character 5 is U+0410 CYRILLIC CAPITAL LETTER A, not U+0041 LATIN CAPITAL LETTER A")
        assertRefused(define(s, id: "\u{FF29}\u{FF2E}\u{FF24}-A"), "looks like IND-A")          // full width
        assertRefused(define(s, id: "ind-a"), "looks like IND-A")                               // case
        assertRefused(define(s, id: "IND-A\u{200B}"), "id has an invisible character (U+200B ZERO WIDTH SPACE) at character 6")
        assertRefused(define(s, id: "IND-\u{202E}A"), "id has a character that reorders the text on screen (U+202E RIGHT-TO-LEFT OVERRIDE)")
        assertRefused(define(s, id: String(repeating: "X", count: 5000)), "id is 5000 characters long; the most is 64")
        // A reading for the look-alike is refused naming the indicator it imitates.
        assertRefused(s.run(["append", "reading", "--indicator", "IND-\u{410}", "--period", "2017-01", "--value", "1"]),
                      "indicator IND-\u{410} looks like IND-A")
        XCTAssertEqual(s.journalBytes(), before)
        XCTAssertEqual(s.run(["verify"]).code, 0)
        // The help states the limits.
        XCTAssertTrue(s.ok(["append", "indicator", "--help"]).contains("at most 64 characters"))
    }

    func testNFCAndNFDSpellingsAreOneName() throws {
        let s = try ledger()
        s.ok(["append", "indicator", "--id", "DESAGÜE", "--name", "n", "--unit", "u", "--year", "2017", "--annual-target", "1"])
        let nfd = "DESAGU\u{308}E"
        // The same id typed decomposed is the same indicator: defining it again is refused, a reading is its.
        assertRefused(define(s, id: nfd), "indicator DESAGÜE is already defined")
        s.ok(["append", "reading", "--indicator", nfd, "--period", "2017-01", "--value", "5"])
        XCTAssertTrue(s.ok(["history", nfd]).contains("DESAGÜE"))
        // (Bytes, not Strings: Swift's String comparison treats NFC and NFD as equal.)
        XCTAssertNil(s.journalBytes().range(of: Data(nfd.utf8)), "the journal holds the name in NFC only")
        XCTAssertNotNil(s.journalBytes().range(of: Data("DESAG\u{DC}E".utf8)))
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    func testActorsThatLookLikeAnotherAreRefused() throws {
        let s = try ledger()   // recorded by ana
        for (actor, words) in [("an\u{200B}a", "actor has an invisible character (U+200B ZERO WIDTH SPACE) at character 3"),
                                ("\u{202E}ana", "actor has a character that reorders the text on screen (U+202E RIGHT-TO-LEFT OVERRIDE)"),
                                ("\u{430}na", "actor \u{430}na looks like ana, who already recorded events in this ledger"),
                                ("Ana", "actor Ana looks like ana"), ("ANA", "use --actor ana"),
                                (String(repeating: "a", count: 101), "actor is 101 characters long; the most is 100")] {
            assertRefused(s.run(["append", "observation", "--indicator", "IND-A", "--period", "2017-01", "--text", "x", "--actor", actor]), words)
            assertRefused(s.run(["append", "observation", "--indicator", "IND-A", "--period", "2017-01", "--text", "x"],
                                env: ["LEDGER_ACTOR": actor]), words)
        }
        // seal admits its actor the same way.
        assertRefused(s.run(["seal", "--before", "2999-01-01", "--actor", "Ana"]), "actor Ana looks like ana")
        // An actor typed decomposed is kept in NFC, and `log --actor` finds it either way.
        s.ok(["append", "observation", "--indicator", "IND-A", "--period", "2017-01", "--text", "x", "--actor", "Jose\u{301}"])
        for query in ["Jos\u{E9}", "Jose\u{301}"] {
            let log = try JSONSerialization.jsonObject(with: Data(s.ok(["log", "--actor", query, "--json"]).utf8)) as? [String: Any]
            XCTAssertEqual((log?["events"] as? [[String: Any]])?.count, 1, query)
        }
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(s.ok(["log", "--actor", "ana", "--json"]).utf8)) as? [String: Any])
            .flatMap { $0["events"] as? [[String: Any]] }?.count, 2)
        XCTAssertNil(s.journalBytes().range(of: Data("Jose\u{301}".utf8)))
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    func testPlansAndOwnerCodes() throws {
        let s = try ledger()
        for plan in ["POA\t2017", "POA\r2017", "POA\n2017"] {
            assertRefused(define(s, id: "X", plan: plan), "plan has a control character")
        }
        assertRefused(define(s, id: "X", plan: "POA\u{A0}2017"), "plan has a space that is not the plain one (U+00A0 NO-BREAK SPACE)")
        assertRefused(define(s, id: "X", plan: "\u{420}\u{41E}\u{410} 2017"), "plan \u{420}\u{41E}\u{410} 2017 looks like plan POA 2017")
        assertRefused(define(s, id: "X", plan: String(repeating: "P", count: 101)), "plan is 101 characters long; the most is 100")
        assertRefused(define(s, id: "X", owner: "3O7"), "owner code 3O7 looks like 307")
        assertRefused(s.run(["append", "close", "--quarter", "2017-Q1", "--plan", "\u{420}OA 2017"]), "plan \u{420}OA 2017 looks like plan POA 2017")
        // Different names are still different.
        XCTAssertEqual(define(s, id: "IND-B", plan: "POA 2018", owner: "308").code, 0)
        XCTAssertEqual(s.run(["verify"]).code, 0)
    }

    /// A batch decides each row against the rows before it: two look-alikes
    /// in one file are refused, naming the row.
    func testABatchRefusesALookAlikeOfAnEarlierRow() throws {
        let s = try ledger()
        try s.write("b.csv", "type,id,name,unit,year,annual-target\nindicator,MED,Medidores,U,2017,1\nindicator,M\u{415}D,Medidores,U,2017,1\n")
        let r = s.run(["append", "--file", "b.csv"])
        XCTAssertEqual(r.code, 1, r.err)
        XCTAssertTrue(r.err.contains("b.csv:3: indicator M\u{415}D looks like MED"), r.err)
    }

    /// The facts index keeps the names: a look-alike is found after the index
    /// is rebuilt from the journal, as with it.
    func testLookAlikesAreFoundAfterTheIndexIsRebuilt() throws {
        let s = try ledger()
        try FileManager.default.removeItem(atPath: try s.cacheFolder())
        assertRefused(define(s, id: "IND-\u{410}"), "looks like IND-A")
        assertRefused(s.run(["append", "observation", "--indicator", "IND-A", "--period", "2017-01", "--text", "x", "--actor", "Ana"]), "looks like ana")
        XCTAssertEqual(define(s, id: "IND-B").code, 0)
        assertRefused(define(s, id: "IND-\u{392}"), "looks like IND-B")   // Greek Beta, found through the index's update after an append
    }
}
