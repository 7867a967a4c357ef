// Whole processes, timed, the bench's way: over LedgerToolSupport's spawner
// (posix_spawn, a blocking wait4 for the exit status and the child's
// resource usage, the monotonic clock around both). The bench measures what
// a user waits for, process start to exit, the same way for our binary,
// sqlite3 and the floors. What is the bench's own: the small fixed
// environment children get, the measuring helper, setup steps that must
// succeed, and `cp -a` copies of generated ledgers.

import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock date for the report: `2026-11-23 12:14 UTC`.
func utcDate() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    let p = Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000).parts
    return "\(p.year)-\(pad(p.month, 2))-\(pad(p.day, 2)) \(pad(p.hour, 2)):\(pad(p.minute, 2)) UTC"
}

/// One finished process.
public struct ProcessSample: Equatable, Sendable {
    /// Seconds from spawn to reaped.
    public var wall: Double
    /// Peak resident set size, kilobytes (wait4's ru_maxrss).
    public var maxRSSKB: Int
    public var user: Double
    public var system: Double
    /// Exit code, or 128 + signal.
    public var status: Int32
}

/// Where a child's standard streams go.
struct Redirects {
    var stdin = "/dev/null"
    var stdout = "/dev/null"
    var stderr = "/dev/null"
}

enum Spawn {
    /// The environment children get: explicit, small, the same every run.
    static let environment: [String: String] = {
        var env: [String: String] = ["LANG": "C", "LC_ALL": "C", "LEDGER_LANG": "en", "LEDGER_ACTOR": "bench.runner"]
        for key in ["PATH", "HOME", "USER", "TMPDIR"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        return env
    }()

    /// Runs `argv` (argv[0] searched on PATH when it has no slash), waits, and
    /// returns its timing and peak memory.
    static func run(_ argv: [String], redirects: Redirects = Redirects(), environment extra: [String: String] = [:],
                    resultFile: String? = nil) throws -> ProcessSample {
        var spec = ProcessSpec(executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment.merging(extra) { $1 })
        spec.stdin = redirects.stdin
        spec.stdout = redirects.stdout
        spec.stderr = redirects.stderr
        if let resultFile { spec.extraOutputs = [(descriptor: 3, path: resultFile)] }
        let outcome = try Processes.run(spec)
        return ProcessSample(wall: outcome.seconds, maxRSSKB: outcome.maxRSSKB, user: outcome.userSeconds,
                             system: outcome.systemSeconds, status: outcome.termination.shellStatus)
    }

    /// The measuring helper (Floors.measureSource), once built.
    nonisolated(unsafe) static var helper: String?

    /// Runs `argv` under the measuring helper: its wall time (spawn to
    /// reaped) and peak RSS as the helper saw them, free of this process's
    /// own memory. Without the helper, measures from here.
    /// `environment` adds to the fixed one (e.g. SSH_AUTH_SOCK for a signed append).
    static func measured(_ argv: [String], redirects: Redirects, environment: [String: String] = [:]) throws -> ProcessSample {
        guard let helper else { return try run(argv, redirects: redirects, environment: environment) }
        let resultPath = "/tmp/ledger-bench-measure-\(getpid())"
        defer { unlink(resultPath) }
        let outer = try run([helper] + argv, redirects: redirects, environment: environment, resultFile: resultPath)
        let fields = (Files.readText(resultPath) ?? "").split(separator: " ").map { Int64($0.filter { $0 != "\n" }) ?? -1 }
        guard outer.status == 0, fields.count == 5 else {
            throw BenchError.failed("the measuring helper failed for \(argv[0]) (status \(outer.status))")
        }
        return ProcessSample(wall: Double(fields[0]) / 1e9, maxRSSKB: Int(fields[1]), user: Double(fields[2]) / 1e6,
                             system: Double(fields[3]) / 1e6, status: Int32(fields[4]))
    }

    /// Runs a setup step (not timed) and fails loudly if it fails.
    @discardableResult
    static func check(_ argv: [String], stdout: String = "/dev/null", stdin: String = "/dev/null", environment: [String: String] = [:]) throws -> ProcessSample {
        let errPath = "/tmp/ledger-bench-stderr-\(getpid())"
        defer { unlink(errPath) }
        let s = try run(argv, redirects: Redirects(stdin: stdin, stdout: stdout, stderr: errPath), environment: environment)
        guard s.status == 0 else {
            let err = Files.readText(errPath) ?? ""
            throw BenchError.failed("\(argv.joined(separator: " ")) exited \(s.status): \(err.prefix(600))")
        }
        return s
    }

    /// The standard output of a setup command, as text.
    static func output(_ argv: [String]) throws -> String {
        let path = "/tmp/ledger-bench-stdout-\(getpid())"
        defer { unlink(path) }
        try check(argv, stdout: path)
        return Files.readText(path) ?? ""
    }

    /// Copies a generated ledger with `cp -a` (modes and times kept, as a
    /// user's copy would), replacing what was at `to`.
    static func copyLedger(_ from: String, _ to: String) throws {
        try Files.removeTree(to)
        try check(["cp", "-a", from, to])
    }
}
