// PipedProcess (the child the signing edge runs ssh-keygen through) against
// real children: a megabyte both ways, exit codes, stderr, a death by signal,
// a child that never reads its input (no SIGPIPE for us), a missing program;
// a child started first and fed later, killed or dropped unfed (reaped: no
// zombie), past its deadline, detached from our session.

import LedgerToolSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

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

    /// True when `pid` is no child of ours any more (reaped): waitpid says ECHILD.
    func reaped(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD
    }

    func testAChildStartedEarlyIsFedLaterOrKilledAndReaped() throws {
        // Fed later: the child has been running meanwhile.
        let cat = try PipedProcess.start("cat", arguments: [])
        let fed = try XCTUnwrap(cat.finish(input: Array("una firma".utf8)))
        XCTAssertEqual(fed.exitCode, 0)
        XCTAssertEqual(fed.stdout, Array("una firma".utf8))
        XCTAssertTrue(reaped(cat.pid))
        XCTAssertNil(cat.finish(input: [1]), "finished once")
        // Killed before its input: reaped at once, nothing left behind.
        let sleeper = try PipedProcess.start("/bin/sh", arguments: ["-c", "read x; sleep 30"])
        sleeper.kill()
        XCTAssertTrue(reaped(sleeper.pid))
        XCTAssertEqual(kill(sleeper.pid, 0), -1, "the process is gone")
        // Dropped unfed: killed and reaped by its deinit.
        var pid: pid_t = 0
        do {
            let dropped = try PipedProcess.start("/bin/sh", arguments: ["-c", "read x; sleep 30"])
            pid = dropped.pid
        }
        XCTAssertTrue(reaped(pid))
        // Past its deadline: killed, nil, and quickly.
        let slow = try PipedProcess.start("/bin/sh", arguments: ["-c", "sleep 30"])
        let t0 = Monotonic.now()
        XCTAssertNil(slow.finish(input: [], deadline: Monotonic.now() + 0.2))
        XCTAssertLessThan(Monotonic.now() - t0, 5)
        XCTAssertTrue(reaped(slow.pid))
        // The environment given, and a session of its own when detached.
        let script = "echo \"$GREETING-${HIDDEN:-none}\"; set -- $(cat /proc/$$/stat); [ \"$6\" = \"$$\" ] && echo own-session || echo our-session"
        let detached = try XCTUnwrap(PipedProcess.start("/bin/sh", arguments: ["-c", script], environment: ["GREETING=hola", "PATH=/usr/bin:/bin"], detached: true)
            .finish(input: []))
        let attached = try XCTUnwrap(PipedProcess.start("/bin/sh", arguments: ["-c", script], environment: ["GREETING=hola", "PATH=/usr/bin:/bin"]).finish(input: []))
        if FileManager.default.fileExists(atPath: "/proc/self/stat") {
            XCTAssertEqual(String(decoding: detached.stdout, as: UTF8.self), "hola-none\nown-session\n")
            XCTAssertEqual(String(decoding: attached.stdout, as: UTF8.self), "hola-none\nour-session\n")
        }
    }
}
