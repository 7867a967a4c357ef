// The shared spawner against real children (/bin/sh, cat, env, pwd, sleep):
// exit codes, signals, redirections, the environment and working directory,
// kills at a deadline, an instant and a condition, process groups, default
// signal dispositions, and a program that cannot start.

import LedgerToolSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class SpawnerTests: XCTestCase {
    var scratch = ""

    override func setUpWithError() throws {
        scratch = try Files.makeTemporaryDirectory(prefix: "tool-support-spawn-")
    }

    override func tearDownWithError() throws {
        try Files.removeTree(scratch)
    }

    func sh(_ script: String, environment: [String: String] = [:]) -> ProcessSpec {
        ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], environment: environment)
    }

    // MARK: How it ended

    func testExitCodes() throws {
        XCTAssertEqual(try Processes.run(sh("exit 0")).termination, .exited(0))
        let three = try Processes.run(sh("exit 3"))
        XCTAssertEqual(three.termination, .exited(3))
        XCTAssertEqual(three.code, 3)
        XCTAssertEqual(three.termination.shellStatus, 3)
        XCTAssertFalse(three.killedByUs)
        XCTAssertFalse(three.timedOut)
    }

    func testDeathBySignal() throws {
        let r = try Processes.run(sh("kill -TERM $$"))
        XCTAssertEqual(r.termination, .signaled(SIGTERM))
        XCTAssertNil(r.code)
        XCTAssertEqual(r.termination.shellStatus, 128 + SIGTERM)
        XCTAssertEqual(r.termination.description, "signal 15 (SIGTERM)")
        XCTAssertFalse(r.killedByUs)
    }

    func testSignalSentByTheParent() throws {
        let child = try Processes.spawn(ProcessSpec(executable: "/bin/sleep", arguments: ["30"]))
        child.signal(SIGTERM)
        let r = try child.wait()
        XCTAssertEqual(r.termination, .signaled(SIGTERM))
        XCTAssertLessThan(r.seconds, 10)
    }

    // MARK: Streams, environment, directory

    func testStandardOutputAndErrorAreCaptured() {
        let r = Processes.capture(sh("printf 'out\\n'; printf 'err\\n' >&2; exit 4"), scratch: scratch)
        XCTAssertEqual(r.out, "out\n")
        XCTAssertEqual(r.err, "err\n")
        XCTAssertEqual(r.code, 4)
        XCTAssertEqual(r.summary, "exit 4: err")
        XCTAssertFalse(r.isCrash)
        XCTAssertEqual(Files.list(scratch), [], "the capture files are removed")
    }

    func testRedirectionsToFilesAndFromAFile() throws {
        let input = scratch + "/in.txt"
        try Files.write(input, "from a file\n")
        var spec = ProcessSpec(executable: "/bin/cat")
        spec.stdin = input
        spec.stdout = scratch + "/out.txt"
        XCTAssertEqual(try Processes.run(spec).termination, .exited(0))
        XCTAssertEqual(Files.readText(scratch + "/out.txt"), "from a file\n")
        // The default standard input is /dev/null: cat ends at once.
        XCTAssertEqual(Processes.capture(ProcessSpec(executable: "/bin/cat"), scratch: scratch).stdout, [])
    }

    func testAnExtraDescriptor() throws {
        var spec = sh("echo result >&3")
        spec.extraOutputs = [(descriptor: 3, path: scratch + "/fd3")]
        XCTAssertEqual(try Processes.run(spec).termination, .exited(0))
        XCTAssertEqual(Files.readText(scratch + "/fd3"), "result\n")
    }

    func testTheEnvironmentIsExactlyTheOneGiven() {
        let r = Processes.capture(ProcessSpec(executable: "/usr/bin/env", environment: ["B": "2", "A": "x y"]), scratch: scratch)
        XCTAssertEqual(r.out, "A=x y\nB=2\n")
    }

    func testWorkingDirectory() throws {
        try Files.makeDirectories(scratch + "/sub dir")
        var spec = ProcessSpec(executable: "/bin/pwd")
        spec.directory = scratch + "/sub dir"
        let r = Processes.capture(spec, scratch: scratch)
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.hasSuffix("/sub dir\n"), r.out)
    }

    func testByteArgumentsPassInvalidUTF8AndDropNUL() throws {
        var spec = ProcessSpec(executable: "/bin/sh", byteArguments: [Array("-c".utf8), Array("printf %s \"$0\" >&3".utf8), [0x41, 0xFF, 0x00, 0x42]])
        spec.extraOutputs = [(descriptor: 3, path: scratch + "/arg")]
        XCTAssertEqual(try Processes.run(spec).termination, .exited(0))
        XCTAssertEqual(try Files.read(scratch + "/arg"), [0x41, 0xFF, 0x42])
    }

    func testABareNameIsSearchedOnPath() throws {
        XCTAssertEqual(try Processes.run(ProcessSpec(executable: "true")).termination, .exited(0))
    }

    func testAProgramThatCannotStart() {
        XCTAssertThrowsError(try Processes.spawn(ProcessSpec(executable: "/nonexistent/program"))) {
            XCTAssertEqual("\($0)", "cannot start /nonexistent/program: No such file or directory")
        }
        let r = Processes.capture(ProcessSpec(executable: "/nonexistent/program"), scratch: scratch)
        XCTAssertEqual(r.termination, .exited(127))
        XCTAssertEqual(r.err, "cannot start /nonexistent/program: No such file or directory")
    }

    // MARK: Waiting and killing

    func testResourceUsageIsReported() throws {
        // Touch about 64 MB so the peak RSS is well above a shell's.
        let r = try Processes.run(sh("head -c 67108864 /dev/zero | tail -c 1 > /dev/null"))
        XCTAssertEqual(r.termination, .exited(0))
        XCTAssertGreaterThan(r.maxRSSKB, 500)
        XCTAssertGreaterThanOrEqual(r.userSeconds + r.systemSeconds, 0)
        XCTAssertGreaterThan(r.seconds, 0)
    }

    func testATimeoutKillsAHang() throws {
        let r = try Processes.run(ProcessSpec(executable: "/bin/sleep", arguments: ["30"]), WaitLimits(timeout: 0.3))
        XCTAssertEqual(r.termination, .signaled(SIGKILL))
        XCTAssertTrue(r.killedByUs)
        XCTAssertTrue(r.timedOut)
        XCTAssertGreaterThanOrEqual(r.seconds, 0.3)
        XCTAssertLessThan(r.seconds, 10)
        let captured = Processes.capture(ProcessSpec(executable: "/bin/sleep", arguments: ["30"]), WaitLimits(timeout: 0.1), scratch: scratch)
        XCTAssertFalse(captured.isCrash, "our own kill is not a crash")
        XCTAssertEqual(captured.summary, "signal 9 (SIGKILL) after the deadline: ")
    }

    func testAChildThatEndsInTimeIsNotKilled() throws {
        let r = try Processes.run(sh("exit 5"), WaitLimits(timeout: 30, killAfter: 20))
        XCTAssertEqual(r.termination, .exited(5))
        XCTAssertFalse(r.killedByUs)
    }

    func testKillAtAnInstant() throws {
        let r = try Processes.run(ProcessSpec(executable: "/bin/sleep", arguments: ["30"]), WaitLimits(timeout: 20, killAfter: 0.2))
        XCTAssertEqual(r.termination, .signaled(SIGKILL))
        XCTAssertTrue(r.killedByUs)
        XCTAssertFalse(r.timedOut)
        XCTAssertGreaterThanOrEqual(r.seconds, 0.2)
    }

    func testKillOnACondition() throws {
        let marker = scratch + "/started"
        let r = try Processes.run(sh("touch '\(marker)'; exec sleep 30"), WaitLimits(timeout: 20, killWhen: { Files.exists(marker) }))
        XCTAssertEqual(r.termination, .signaled(SIGKILL))
        XCTAssertTrue(r.killedByUs)
        XCTAssertFalse(r.timedOut)
    }

    func testAnIsolatedChildsGroupIsKilledWithIt() throws {
        let pidFile = scratch + "/grandchild"
        var spec = sh("sleep 30 & echo $! > '\(pidFile)'; wait")
        spec.isolated = true
        let r = try Processes.run(spec, WaitLimits(timeout: 20, killWhen: { (Files.size(pidFile) ?? 0) > 0 }))
        XCTAssertTrue(r.killedByUs)
        let grandchild = try XCTUnwrap(Int32((Files.readText(pidFile) ?? "").filter(\.isNumber)))
        // Gone, or a zombie waiting for its new parent to reap it: killed either way.
        let deadline = Monotonic.now() + 5
        var state = "?"
        repeat {
            state = Files.readText("/proc/\(grandchild)/stat").map { text in
                text.split(separator: ")").last.map { String($0.dropFirst().prefix(1)) } ?? "?"
            } ?? "gone"
            if state == "gone" || state == "Z" { break }
            Monotonic.sleep(0.02)
        } while Monotonic.now() < deadline
        XCTAssertTrue(state == "gone" || state == "Z", "the grandchild \(grandchild) is still running (state \(state))")
    }

    func testAnIsolatedChildGetsDefaultSignalDispositions() throws {
        // With SIGPIPE ignored here, a plain child inherits the ignore and
        // survives its own SIGPIPE; an isolated one dies of it.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var previous = sigaction()
        sigaction(SIGPIPE, &ignore, &previous)
        defer { sigaction(SIGPIPE, &previous, nil) }
        XCTAssertEqual(try Processes.run(sh("kill -PIPE $$; exit 7")).termination, .exited(7))
        var isolated = sh("kill -PIPE $$; exit 7")
        isolated.isolated = true
        let r = Processes.capture(isolated, scratch: scratch)
        XCTAssertEqual(r.termination, .signaled(SIGPIPE))
        XCTAssertTrue(r.isCrash, "a signal we did not send reads as a crash")
    }

    func testMonotonicSleep() {
        let start = Monotonic.now()
        Monotonic.sleep(0.05)
        XCTAssertGreaterThanOrEqual(Monotonic.now() - start, 0.05)
        Monotonic.sleep(-1)
    }
}
