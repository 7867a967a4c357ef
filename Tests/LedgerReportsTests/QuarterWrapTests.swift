// The quarter's word wrap: the byte-wise path for ASCII and Latin-1 text
// gives exactly the lines of the character-wise one (long words cut with
// "…", indents, runs of spaces, accents), and text with other characters
// (combining marks, controls, symbols beyond U+02FF) takes the general path.

import XCTest
@testable import LedgerReports

final class QuarterWrapTests: XCTestCase {
    func testTheLatinPathWrapsExactlyAsTheGeneralOne() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        // The last word (a combining accent) sends its texts down the general path.
        let words = ["A", "LA", "DE", "PROGRAMA", "INDICADORES-DE-DESEMPEÑO", "x", "OA031-025-2018", "missing", "2020-01..03",
                     String(repeating: "W", count: 40), "", "AÑO", "ÁREA", "VÍA·PÚBLICA", "ÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ", "é",
                     "e\u{301}"]
        var fast = 0
        for _ in 0..<2_000 {
            let text = (0..<next(12)).map { _ in words[next(words.count)] }.joined(separator: next(4) == 0 ? "  " : " ")
            let width = 1 + next(50), indent = next(6), hanging = next(6)
            let general = QuarterText.wrapCharacters(text, width: width, indent: indent, hanging: hanging)
            if let latin = QuarterText.wrapLatin(text, width: width, indent: indent, hanging: hanging) {
                XCTAssertEqual(latin, general, "\(text) \(width) \(indent) \(hanging)")
                fast += 1
            } else {
                XCTAssertTrue(text.unicodeScalars.contains { $0.value >= 0x300 }, text)
            }
            XCTAssertEqual(QuarterText.wrap(text, width: width, indent: indent, hanging: hanging), general)
        }
        XCTAssertGreaterThan(fast, 1_000)
        XCTAssertLessThan(fast, 2_000)
        XCTAssertEqual(QuarterText.wrap("UNA DOS TRES", width: 7, indent: 0, hanging: 2), ["UNA DOS", "  TRES"])
        XCTAssertEqual(QuarterText.wrap("ABCDEFGHIJ", width: 5, indent: 0, hanging: 0), ["ABCD…"])
    }

    func testOtherTextTakesTheGeneralPath() {
        XCTAssertNil(QuarterText.wrapLatin("AVANCE … META", width: 10, indent: 0, hanging: 2))
        XCTAssertNil(QuarterText.wrapLatin("LÍNEA\tTAB", width: 10, indent: 0, hanging: 2))
        XCTAssertNil(QuarterText.wrapLatin("CAFE\u{301} SOLO", width: 10, indent: 0, hanging: 2))
        XCTAssertNil(QuarterText.wrapLatin("A\u{85}B", width: 10, indent: 0, hanging: 2))
        XCTAssertEqual(QuarterText.wrap("AVANCE … META", width: 8, indent: 0, hanging: 2), ["AVANCE …", "  META"])
        XCTAssertEqual(QuarterText.wrap("CAFE\u{301} SOLO", width: 5, indent: 0, hanging: 0), ["CAFE\u{301}", "SOLO"])
    }
}
