// The binary under resource limits the reliability campaigns apply
// (RELIABILITY.md): here, a file-size limit set with `ulimit -f`.

import Foundation
import XCTest

final class ResourceFaultTests: XCTestCase {
    /// Runs the ledger binary through /bin/sh with `ulimit -f BLOCKS` (512-byte blocks in dash).
    private func runLimited(_ sandbox: Sandbox, blocks: Int, _ arguments: [String]) -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f \(blocks) && exec \"$0\" \"$@\"", Sandbox.binary.path] + arguments
        p.currentDirectoryURL = sandbox.directory
        p.environment = sandbox.environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return Outcome(code: -1, out: "", err: "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let code = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        return Outcome(code: code, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// RELIABILITY.md, defect 4: past a file-size limit the kernel sent
    /// SIGXFSZ and the append died of it (exit 153), where the contract
    /// asks for exit 4 with a message, and the journal untouched.
    func testAFileSizeLimitGivesExit4NotASignal() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        let before = sandbox.journalBytes()
        let r = runLimited(sandbox, blocks: 1, ["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "262"])
        XCTAssertEqual(r.code, 4, r.err)
        XCTAssertTrue(r.err.hasPrefix("ledger: cannot"), r.err)
        XCTAssertEqual(sandbox.journalBytes(), before)
        XCTAssertEqual(sandbox.run(["verify"]).code, 0)
    }
}

final class PermissionTests: XCTestCase {
    /// Runs the binary as an unprivileged user: as `nobody` through setpriv
    /// when the tests run as root (root ignores permissions), else as is.
    private func runUnprivileged(_ sandbox: Sandbox, _ arguments: [String]) throws -> Outcome {
        var executable = Sandbox.binary.path
        var args = arguments
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("root without setpriv") }
            executable = "/usr/bin/setpriv"
            args = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Sandbox.binary.path] + arguments
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        p.currentDirectoryURL = sandbox.directory
        p.environment = sandbox.environment
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(code: p.terminationStatus, out: "", err: String(decoding: e, as: UTF8.self))
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
        let r = try runUnprivileged(sandbox, ["verify"])
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
