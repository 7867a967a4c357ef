// Defects the bad-input campaign found (RELIABILITY.md), each reproduced here.

import Foundation
import XCTest

final class BadInputCampaignFindingsTests: XCTestCase {
    /// RELIABILITY.md, defect 7: a --lang other than es or en exited 2 with
    /// nothing on stderr: its message was buffered and never flushed.
    func testAnUnknownLanguageSaysSo() throws {
        let sandbox = try Sandbox()
        for value in ["fr", "", "--unit"] {
            let r = sandbox.run(["--lang", value, "verify"])
            XCTAssertEqual(r.code, 2)
            XCTAssertEqual(r.err, "ledger: --lang must be es or en.\n", "--lang \(value.debugDescription)")
        }
    }
}
