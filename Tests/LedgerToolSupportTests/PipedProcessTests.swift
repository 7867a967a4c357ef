// PipedProcess (the child the signing edge runs ssh-keygen through) against
// real children: a megabyte both ways, exit codes, stderr, a death by signal,
// a child that never reads its input (no SIGPIPE for us), a missing program.

import LedgerToolSupport
import XCTest

final class PipedProcessTests: XCTestCase {
    func testSpawnMovesLargeDataBothWaysAndReportsExits() throws {
        let input = [UInt8](repeating: 0x5a, count: 1 << 20) + Array(0...255)
        let cat = try PipedProcess.run("cat", arguments: [], input: input)
        XCTAssertEqual(cat.exitCode, 0)
        XCTAssertEqual(cat.stdout, input)
        let shell = try PipedProcess.run("/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"], input: [])
        XCTAssertEqual(shell.exitCode, 3)
        XCTAssertEqual(shell.stdout, Array("out\n".utf8))
        XCTAssertEqual(shell.stderr, Array("err\n".utf8))
        let killed = try PipedProcess.run("/bin/sh", arguments: ["-c", "kill -9 $$"], input: [])
        XCTAssertNil(killed.exitCode)
        XCTAssertEqual(killed.signal, 9)
        // A child that exits without reading a large input must not kill us with SIGPIPE.
        let ignoring = try PipedProcess.run("true", arguments: [], input: input)
        XCTAssertEqual(ignoring.exitCode, 0)
        XCTAssertThrowsError(try PipedProcess.run("no-such-program-here", arguments: [], input: [])) {
            XCTAssertEqual($0 as? PipedProcessError, .notFound("no-such-program-here"))
        }
    }
}
