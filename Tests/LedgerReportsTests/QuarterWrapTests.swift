// The quarter's word wrap: the byte-wise path for ASCII text gives exactly
// the lines of the character-wise one (long words cut with "…", indents,
// runs of spaces), and text with other characters takes the general path.

import XCTest
@testable import LedgerReports

final class QuarterWrapTests: XCTestCase {
    func testTheASCIIPathWrapsExactlyAsTheGeneralOne() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let words = ["A", "LA", "DE", "PROGRAMA", "INDICADORES-DE-DESEMPENO", "x", "OA031-025-2018", "missing", "2020-01..03",
                     String(repeating: "W", count: 40), "", "·"]
        var compared = 0
        for _ in 0..<2_000 {
            let text = (0..<next(12)).map { _ in words[next(words.count - 1)] }.joined(separator: next(4) == 0 ? "  " : " ")
            let width = 1 + next(50), indent = next(6), hanging = next(6)
            let general = QuarterText.wrapCharacters(text, width: width, indent: indent, hanging: hanging)
            XCTAssertEqual(QuarterText.wrapASCII(text, width: width, indent: indent, hanging: hanging), general, "\(text) \(width) \(indent) \(hanging)")
            XCTAssertEqual(QuarterText.wrap(text, width: width, indent: indent, hanging: hanging), general)
            compared += 1
        }
        XCTAssertEqual(compared, 2_000)
        XCTAssertEqual(QuarterText.wrap("UNA DOS TRES", width: 7, indent: 0, hanging: 2), ["UNA DOS", "  TRES"])
        XCTAssertEqual(QuarterText.wrap("ABCDEFGHIJ", width: 5, indent: 0, hanging: 0), ["ABCD…"])
    }

    func testOtherTextTakesTheGeneralPath() {
        XCTAssertNil(QuarterText.wrapASCII("AVANCE · META", width: 10, indent: 0, hanging: 2))
        XCTAssertNil(QuarterText.wrapASCII("LÍNEA\tTAB", width: 10, indent: 0, hanging: 2))
        XCTAssertEqual(QuarterText.wrap("AVANCE · META", width: 8, indent: 0, hanging: 2), ["AVANCE ·", "  META"])
    }
}
