// The `ledger` binary under test, run as a user runs it: one process per
// command, the ledger directory in LEDGER_DIR, an actor in LEDGER_ACTOR.
// Also the reader mix: the read-side commands the campaigns run beside
// writers, one line each; a command this build does not have is skipped.

import Foundation
import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

/// A read-side command for the reader mix. `{indicator}` in the arguments
/// becomes an indicator id of the ledger at hand, `{asof}` a passed instant
/// the campaign chose.
public struct ReaderCommand: Sendable {
    public var name: String
    public var arguments: [String]
    /// Prints the same bytes for the same journal (with a fixed LEDGER_CLOCK),
    /// so its output with and without caches can be compared.
    public var deterministic: Bool
    /// Refuses (exit 1, rightly) until some indicator exists: run only after one was acknowledged.
    public var needsIndicators: Bool

    public init(_ name: String, _ arguments: [String], deterministic: Bool = true, needsIndicators: Bool = false) {
        self.name = name
        self.arguments = arguments
        self.deterministic = deterministic
        self.needsIndicators = needsIndicators
    }
}

public final class LedgerTool: @unchecked Sendable {
    /// The read-side commands run beside writers and compared with and
    /// without caches. Add a command with one line; commands this build
    /// lacks (`ledger NAME --help` fails) are skipped.
    public static let readerMix: [ReaderCommand] = [
        ReaderCommand("verify", ["verify"]),
        ReaderCommand("digest", ["digest"]),
        ReaderCommand("log", ["log", "--json"]),
        ReaderCommand("status", ["status", "--json"]),
        ReaderCommand("quarter", ["quarter", "2017-Q1", "--json"]),
        ReaderCommand("history", ["history", "{indicator}", "--json"]),
        ReaderCommand("replay", ["replay", "--until", "2999-12-31"]),
        ReaderCommand("diff", ["diff", "--from", "2017-01-01", "--to", "2999-12-31", "--json"]),
        ReaderCommand("export", ["export", "--json"]),
        // At a fixed, passed T (`{asof}`: the campaign's), so that repeated runs find their files already there
        // rather than pile up new ones, each of which every later `verify` re-derives.
        ReaderCommand("snapshot", ["snapshot", "2017-Q1", "--as-of", "{asof}"], deterministic: false, needsIndicators: true),
    ]

    /// An environment value that removes the variable instead of setting it.
    public static let unset = "\u{1}unset"

    /// A fixed clock for oracle comparisons: outputs that print "now" agree.
    public static let fixedClock = "2030-01-01T00:00:00Z"

    public let binary: String
    /// Where captured output and scratch files go.
    public let scratch: String
    public var baseEnvironment: [String: String]
    private let lock = NSLock()
    private var available: [String: Bool] = [:]

    public init(binary: String, scratch: String) {
        self.binary = binary
        self.scratch = scratch
        try? Files.makeDirectories(scratch)
        baseEnvironment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "LANG": "C",
            "HOME": scratch,
            "LEDGER_ACTOR": "campaign",
        ]
    }

    /// Finds the `ledger` binary: $LEDGER_BIN, next to this program (or the
    /// test bundle), or .build/debug under the current directory.
    public static func locate(near executable: String = CommandLine.arguments.first ?? "") -> String? {
        if let env = ProcessInfo.processInfo.environment["LEDGER_BIN"], !env.isEmpty { return env }
        var dir = URL(fileURLWithPath: executable).deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        var candidates = [dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent()]
            .map { $0.appendingPathComponent("ledger").path }
        candidates.append(FileManager.default.currentDirectoryPath + "/.build/debug/ledger")
        return candidates.first { access($0, X_OK) == 0 && !Files.isDirectory($0) }
    }

    /// Runs `ledger ARGS` on the ledger in `ledger` (LEDGER_DIR).
    @discardableResult
    public func run(_ arguments: [String], ledger: String?, env: [String: String] = [:], timeout: Double = 60,
                    killAfter: Double? = nil, killWhen: (() -> Bool)? = nil, directory: String? = nil) -> CapturedProcess {
        runBytes(arguments.map { Array($0.utf8) }, ledger: ledger, env: env, timeout: timeout, killAfter: killAfter, killWhen: killWhen,
                 directory: directory)
    }

    public func runBytes(_ arguments: [[UInt8]], ledger: String?, env: [String: String] = [:], timeout: Double = 60,
                         killAfter: Double? = nil, killWhen: (() -> Bool)? = nil, directory: String? = nil,
                         onSpawn: ((pid_t) -> Void)? = nil) -> CapturedProcess {
        var environment = baseEnvironment
        if let ledger { environment["LEDGER_DIR"] = ledger }
        for (k, v) in env {
            if v == LedgerTool.unset { environment.removeValue(forKey: k) } else { environment[k] = v }
        }
        var spec = ProcessSpec(executable: binary, byteArguments: arguments, environment: environment)
        spec.directory = directory
        return capture(spec, WaitLimits(timeout: timeout, killAfter: killAfter, killWhen: killWhen), onSpawn: onSpawn)
    }

    /// Runs any program (flock, sh, setpriv) with the base environment.
    public func runProgram(_ path: String, _ arguments: [String], env: [String: String] = [:], timeout: Double = 60,
                           onSpawn: ((pid_t) -> Void)? = nil) -> CapturedProcess {
        capture(ProcessSpec(executable: path, arguments: arguments, environment: baseEnvironment.merging(env) { $1 }),
                WaitLimits(timeout: timeout), onSpawn: onSpawn)
    }

    /// Runs `spec` isolated (default signal dispositions, a process group of
    /// its own, so a kill reaches its children), its output captured under `scratch`.
    public func capture(_ spec: ProcessSpec, _ limits: WaitLimits, onSpawn: ((pid_t) -> Void)? = nil) -> CapturedProcess {
        var spec = spec
        spec.isolated = true
        return Processes.capture(spec, limits, scratch: scratch, onSpawn: onSpawn)
    }

    /// True when this build has `command` (`ledger COMMAND --help` exits 0).
    public func has(_ command: String) -> Bool {
        lock.lock()
        if let known = available[command] { lock.unlock(); return known }
        lock.unlock()
        let r = run([command, "--help"], ledger: nil, timeout: 30)
        let yes = r.code == 0
        lock.lock()
        available[command] = yes
        lock.unlock()
        return yes
    }

    /// The reader commands this build has.
    public func availableReaders() -> [ReaderCommand] {
        LedgerTool.readerMix.filter { has($0.name) }
    }

    /// The reader commands this build lacks (for the notes).
    public func missingReaders() -> [String] {
        LedgerTool.readerMix.filter { !has($0.name) }.map(\.name)
    }

    /// The folder where the binary keeps the caches of the ledger in `dir`
    /// for the account the campaigns run as (HOME is `scratch`, or
    /// `cacheHome` when given), as FORMAT.md ("Caches") defines it: `<id>`
    /// from the ledger folder's real path and its first event's hash. Nil
    /// when the journal has no first line yet.
    public func cacheFolder(of dir: String, cacheHome: String? = nil) -> String? {
        let events = dir + "/events"
        let first = (Files.list(events).filter { $0.hasPrefix("journal.") && $0.hasSuffix(".jsonl") && $0 != "journal.jsonl" }.sorted().first)
            ?? "journal.jsonl"
        guard let bytes = try? Files.read(events + "/" + first), let end = bytes.firstIndex(of: 0x0A), end >= 66 else { return nil }
        let hash = String(decoding: bytes[(end - 66)..<(end - 2)], as: UTF8.self)
        var real = dir
        if let p = realpath(dir, nil) {
            real = String(cString: p)
            free(p)
        }
        let id = SHA256.hash(Array("ledger cache 1\n\(real)\n\(hash)".utf8)).hex.prefix(32)
        return "\(cacheHome ?? scratch + "/.cache")/ledger/\(id)"
    }

    /// Creates a ledger in `dir`: a demonstration ledger (`--demo`) unless
    /// `demo` is false, so that LEDGER_CLOCK (the fixed clock the campaigns
    /// compare outputs under) is honoured; made at `clock` when given (else now).
    public func initLedger(_ dir: String, entity: String, demo: Bool = true, clock: String? = nil) throws {
        try? Files.makeDirectories(dir)
        let r = run(["init", "--entity", entity] + (demo ? ["--demo"] : []), ledger: dir, env: clock.map { ["LEDGER_CLOCK": $0] } ?? [:])
        guard r.code == 0 else { throw FileError(description: "ledger init failed in \(dir): \(r.summary)") }
    }

    /// Appends and returns the acknowledged (seq, hash) pairs, or the failure.
    public func appendJSON(_ arguments: [String], ledger: String, env: [String: String] = [:]) -> ([(Int64, String)]?, CapturedProcess) {
        let r = run(arguments + ["--json"], ledger: ledger, env: env)
        return (r.code == 0 ? LedgerTool.receipts(r.out) : nil, r)
    }

    /// The receipts of `append --json`: {"appended":[{"seq":N,"hash":"..."},...]}.
    public static func receipts(_ text: String) -> [(Int64, String)]? {
        guard let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = object["appended"] as? [[String: Any]] else { return nil }
        var result: [(Int64, String)] = []
        for item in list {
            guard let seq = (item["seq"] as? NSNumber)?.int64Value, let hash = item["hash"] as? String else { return nil }
            result.append((seq, hash))
        }
        return result
    }

    /// The last line of `digest` or `verify`: SEQ:HASH.
    public static func head(_ text: String) -> (Int64, String)? {
        guard let last = text.split(separator: "\n").last else { return nil }
        let parts = last.split(separator: ":")
        guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else { return nil }
        return (seq, String(parts[1]))
    }
}

/// Which clearly-worded error a failed command printed: its stderr must say
/// something, in sentences, without a crash report.
enum Diagnosis {
    static let crashMarkers = ["Fatal error", "Program crashed", "Swift runtime failure", "Backtracing", "Illegal instruction",
                               "Segmentation fault", "Current stack trace", "Stack dump"]

    /// Nil when the message is clear; else what is wrong with it.
    static func unclear(_ r: CapturedProcess) -> String? {
        let err = r.err
        if let marker = crashMarkers.first(where: { err.contains($0) }) { return "stderr holds a crash report (\(marker))" }
        let lines = err.split(separator: "\n", omittingEmptySubsequences: true)
        guard let first = lines.first, !first.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "exit \(r.code ?? -1) with nothing on stderr"
        }
        if let long = lines.first(where: { $0.utf8.count > 4000 }) {
            return "a message line of \(long.utf8.count) bytes (the input echoed instead of clipped)"
        }
        return nil
    }
}
