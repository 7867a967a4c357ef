// The shared argument parser: options with values (both spellings), flags,
// positionals in order, and each kind of usage error with its wording (the
// tools print these words).

import LedgerToolSupport
import XCTest

final class ArgumentsTests: XCTestCase {
    let spec = ArgumentSpec(options: ["seed", "out", "sizes"], flags: ["json", "skip-sqlite"], takesPositionals: true)

    func testOptionsFlagsAndPositionals() throws {
        let p = try spec.parse(["crash", "--seed", "7", "--json", "tamper", "--out=/tmp/x", "--sizes", "1,2"])
        XCTAssertEqual(p.positionals, ["crash", "tamper"])
        XCTAssertEqual(p.value("seed"), "7")
        XCTAssertEqual(p.value("out"), "/tmp/x")
        XCTAssertEqual(p.value("sizes"), "1,2")
        XCTAssertTrue(p.has("json"))
        XCTAssertFalse(p.has("skip-sqlite"))
        XCTAssertNil(p.value("json"))
    }

    func testAValueIsTheNextTokenWhateverItLooksLike() throws {
        let p = try spec.parse(["--seed", "-1", "--out", "--json"])
        XCTAssertEqual(p.value("seed"), "-1")
        XCTAssertEqual(p.value("out"), "--json")
        XCTAssertFalse(p.has("json"))
    }

    func testInlineValuesMayBeEmptyOrHoldEquals() throws {
        let p = try spec.parse(["--out=", "--sizes=a=b"])
        XCTAssertEqual(p.value("out"), "")
        XCTAssertEqual(p.value("sizes"), "a=b")
    }

    func testTheLastRepeatWins() throws {
        XCTAssertEqual(try spec.parse(["--seed", "1", "--seed=2"]).value("seed"), "2")
    }

    func testNothingParsesToNothing() throws {
        XCTAssertEqual(try spec.parse([]), ParsedArguments())
    }

    func testSingleDashesAndABareDoubleDashArePositionals() throws {
        XCTAssertEqual(try spec.parse(["-h", "--", "-"]).positionals, ["-h", "--", "-"])
    }

    func testUsageErrors() {
        XCTAssertThrowsError(try spec.parse(["--seed"])) { XCTAssertEqual($0 as? UsageError, .missingValue("seed")) }
        XCTAssertThrowsError(try spec.parse(["--bogus", "1"])) { XCTAssertEqual($0 as? UsageError, .unknownOption("--bogus")) }
        XCTAssertThrowsError(try spec.parse(["--bogus=1"])) { XCTAssertEqual($0 as? UsageError, .unknownOption("--bogus")) }
        XCTAssertThrowsError(try spec.parse(["--json=yes"])) { XCTAssertEqual($0 as? UsageError, .flagWithValue("json")) }
        let noPositionals = ArgumentSpec(options: ["events"])
        XCTAssertThrowsError(try noPositionals.parse(["--events", "3", "extra"])) {
            XCTAssertEqual($0 as? UsageError, .unexpectedArgument("extra"))
        }
    }

    func testUsageErrorWording() {
        XCTAssertEqual(UsageError.missingValue("seed").description, "--seed needs a value")
        XCTAssertEqual(UsageError.unknownOption("--bogus").description, "unknown option --bogus")
        XCTAssertEqual(UsageError.unexpectedArgument("x").description, "unexpected argument x")
        XCTAssertEqual(UsageError.flagWithValue("json").description, "--json takes no value")
    }
}
