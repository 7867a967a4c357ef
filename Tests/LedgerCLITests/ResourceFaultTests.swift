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
