// What the CLI says about a command line it cannot use: a message on
// stderr and exit 2, never silence, and never an echo of a huge argument
// (RELIABILITY.md, defects 7 and 9).

import Foundation
import XCTest

final class UsageErrorMessageTests: XCTestCase {
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

    /// RELIABILITY.md, defect 9: an unexpected argument or unknown option
    /// was echoed whole, so a pasted 50 KB value became a 50 KB error line.
    func testUsageErrorsClipWhatTheyEcho() throws {
        let sandbox = try Sandbox()
        let long = String(repeating: "ñ", count: 20_000)
        for arguments in [["verify", long], ["verify", "--" + long], ["verify", "-" + long]] {
            let r = sandbox.run(arguments)
            XCTAssertEqual(r.code, 2)
            let widest = r.err.split(separator: "\n").map(\.utf8.count).max() ?? 0
            XCTAssertLessThan(widest, 200, r.err.prefix(300) + "...")
        }
    }
}
