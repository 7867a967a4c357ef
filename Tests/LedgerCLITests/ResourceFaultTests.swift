// The binary under the resource faults the reliability campaigns apply
// (RELIABILITY.md): a file-size limit, and permissions (as an unprivileged
// user, since root ignores them).

import Foundation
import XCTest

final class ResourceFaultTests: XCTestCase {
    /// RELIABILITY.md, defect 4: past a file-size limit the kernel sent
    /// SIGXFSZ and the append died of it (exit 153), where the contract
    /// asks for exit 4 with a message, and the journal untouched.
    func testAFileSizeLimitGivesExit4NotASignal() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        let before = sandbox.journalBytes()
        // dash counts ulimit -f in 512-byte blocks: one block is below the journal's size.
        let r = sandbox.run(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "262"],
                            through: ["/bin/sh", "-c", "ulimit -f 1 && exec \"$0\" \"$@\""])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.hasPrefix("ledger: cannot"), r.err)
        XCTAssertEqual(sandbox.journalBytes(), before)
        XCTAssertEqual(sandbox.run(["verify"]).code, 0)
    }
}

final class PermissionTests: XCTestCase {
    /// Runs as `nobody` through setpriv when the tests run as root (root
    /// ignores permissions), else as is.
    private func unprivileged() throws -> [String] {
        guard geteuid() == 0 else { return [] }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("root without setpriv") }
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    }

    /// RELIABILITY.md, defect 6: an events folder the user may not enter
    /// was reported as "there is no ledger" (exit 1), sending the user to
    /// `ledger init`; it is a permission failure (exit 4).
    func testAnEventsFolderTheUserMayNotEnterIsAPermissionError() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        chmod(sandbox.directory.path, 0o755)
        chmod(sandbox.path("events"), 0o000)
        defer { chmod(sandbox.path("events"), 0o755) }
        let r = sandbox.run(["verify"], through: try unprivileged())
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.contains("Permission denied") && r.err.contains("permissions"), r.err)
    }

    /// What still means "no ledger here": a missing journal, or a --ledger that is a file.
    func testAPathWithoutAJournalIsStillNoLedger() throws {
        let sandbox = try Sandbox()
        try sandbox.write("notes.txt", "x")
        for dir in ["nowhere", "notes.txt"] {
            let r = sandbox.run(["--ledger", dir, "verify"])
            XCTAssertEqual(r.code, 1, r.err)
            XCTAssertTrue(r.err.contains("there is no ledger in \(dir)"), r.err)
        }
    }
}
