// The signature-rate measure checks real signatures: all of its made
// messages verify, on one thread or several, and a changed one does not.

import XCTest
@testable import LedgerBench

final class SignatureRateTests: XCTestCase {
    func testItsSignaturesVerifyAndAChangedMessageDoesNot() {
        var (keys, signed) = SignatureRate.make(count: 12, seed: 3)
        XCTAssertEqual(SignatureRate.verify(keys, signed, 0..<12), 12)
        signed[5].message[0] ^= 1
        XCTAssertEqual(SignatureRate.verify(keys, signed, 0..<12), 11)
        let text = SignatureRate.run(count: 8, seed: 3)
        XCTAssertTrue(text.contains("1 thread: "), text)
        XCTAssertTrue(text.contains("8 of 8 valid"), text)
    }
}
