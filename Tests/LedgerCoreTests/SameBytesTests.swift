// The byte-wise checks verify leans on: two strings' bytes compared at once
// (String.hasSameBytes), and the printable-ASCII shortcut of NameRules'
// label and text scan, which must give what the character-wise scan gives.

import XCTest
@testable import LedgerCore

final class SameBytesTests: XCTestCase {
    func testSameBytesIsByteEqualityNotCanonicalEquivalence() {
        let nfc = "Jos\u{E9}", nfd = "Jose\u{301}"
        XCTAssertEqual(nfc, nfd)                       // == says equal
        XCTAssertFalse(nfc.hasSameBytes(as: nfd))      // the bytes differ
        XCTAssertTrue(nfc.hasSameBytes(as: "Jos\u{E9}"))
        XCTAssertTrue("".hasSameBytes(as: ""))
        XCTAssertFalse("a".hasSameBytes(as: ""))
        XCTAssertFalse("luis.garcia4".hasSameBytes(as: "luis.garcia5"))
        let long = String(repeating: "sofia.hernandez", count: 8)
        XCTAssertTrue(long.hasSameBytes(as: String(repeating: "sofia.hernandez", count: 8)))
        XCTAssertFalse(long.hasSameBytes(as: String(long.dropLast()) + "Z"))
        // A bridged or substring-made string takes the same answer.
        XCTAssertTrue(String(Substring("xx" + long).dropFirst(2)).hasSameBytes(as: long))
    }

    func testASCIIShortcutAgreesWithTheScalarScan() {
        // Printable ASCII passes whatever its length, up to the limit; one past it is too long.
        XCTAssertNil(NameRules.textProblem(String(repeating: "a ~", count: 1_000)))
        XCTAssertEqual(NameRules.textProblem(String(repeating: "a", count: NameRules.textLimit + 1)),
                       .tooLong(limit: NameRules.textLimit, length: NameRules.textLimit + 1))
        XCTAssertEqual(NameRules.labelProblem(String(repeating: "b", count: NameRules.labelLimit + 1)),
                       .tooLong(limit: NameRules.labelLimit, length: NameRules.labelLimit + 1))
        // Anything outside printable ASCII goes the long way, and is found where it stands.
        XCTAssertEqual(NameRules.textProblem("ab\u{7F}"), .control(0x7F, at: 3))
        XCTAssertEqual(NameRules.labelProblem("a\tb"), .control(0x09, at: 2))
        XCTAssertNil(NameRules.textProblem("a\tb"))
        XCTAssertNil(NameRules.labelProblem("Auditor\u{ED}a"))
        // Characters, not bytes, are counted against the limit once a text is not ASCII.
        XCTAssertNil(NameRules.labelProblem(String(repeating: "\u{E9}", count: NameRules.labelLimit)))
    }
}
