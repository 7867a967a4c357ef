// Whole processes, timed: posix_spawn, wait4 for the exit status and the
// child's resource usage (peak RSS), CLOCK_MONOTONIC around both. The
// bench measures what a user waits for, process start to exit, the same way
// for our binary, sqlite3 and the floors. Also the small file helpers the
// bench needs; no Foundation.

import LedgerCore
#if canImport(Glibc)
import Glibc
#endif

/// The monotonic clock, in seconds.
enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Wall-clock date for the report: `2026-11-23 12:14 UTC`.
    static func utcDate() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let p = Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000).parts
        return "\(p.year)-\(pad(p.month, 2))-\(pad(p.day, 2)) \(pad(p.hour, 2)):\(pad(p.minute, 2)) UTC"
    }
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
    static var environment: [String: String] = {
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
        var env = environment
        for (k, v) in extra { env[k] = v }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.keys.sorted().map { strdup("\($0)=\(env[$0]!)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, redirects.stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, redirects.stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, redirects.stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let resultFile { posix_spawn_file_actions_addopen(&actions, 3, resultFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        var pid: pid_t = 0
        let start = Clock.now()
        let rc = argv[0].contains("/")
            ? posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
            : posix_spawnp(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        guard rc == 0 else { throw BenchError.failed("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError.failed("wait4 failed for \(argv[0])") }
        }
        let wall = Clock.now() - start
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return ProcessSample(wall: wall, maxRSSKB: Int(usage.ru_maxrss), user: seconds(usage.ru_utime),
                             system: seconds(usage.ru_stime), status: code)
    }

    /// The measuring helper (Floors.measureSource), once built.
    nonisolated(unsafe) static var helper: String?

    /// Runs `argv` under the measuring helper: its wall time (spawn to
    /// reaped) and peak RSS as the helper saw them, free of this process's
    /// own memory. Without the helper, measures from here.
    static func measured(_ argv: [String], redirects: Redirects) throws -> ProcessSample {
        guard let helper else { return try run(argv, redirects: redirects) }
        let resultPath = "/tmp/ledger-bench-measure-\(getpid())"
        defer { unlink(resultPath) }
        let outer = try run([helper] + argv, redirects: redirects, resultFile: resultPath)
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
}

enum Files {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    static func readText(_ path: String) -> String? { read(path).map { String(decoding: $0, as: UTF8.self) } }

    static func write(_ path: String, _ text: String) throws {
        try write(path, Array(text.utf8))
    }

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError.failed("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw BenchError.failed("cannot write \(path): \(String(cString: strerror(errno)))") }
            done += n
        }
    }

    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw BenchError.failed("cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }

    static func remove(_ path: String) { unlink(path) }

    static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        try Spawn.check(["rm", "-rf", path])
    }

    static func copyTree(_ from: String, _ to: String) throws {
        try removeTree(to)
        try Spawn.check(["cp", "-a", from, to])
    }

    static func list(_ directory: String) -> [String] {
        guard let d = opendir(directory) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// This executable's path, resolved.
    static func selfExecutable() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
