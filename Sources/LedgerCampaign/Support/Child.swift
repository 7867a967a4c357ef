// Child processes, the way the campaigns need them: posix_spawn with raw
// byte arguments (so invalid UTF-8 reaches `ledger` unchanged), default
// signal dispositions (so an ignored SIGXFSZ or SIGPIPE in this process
// never hides a crash in the child), its own process group (so a kill
// reaches its children too), output captured in files, and a wait that can
// SIGKILL at a chosen instant or at a deadline. The thread that spawns a
// child is the only one that waits for and kills it, so a pid is never
// signalled after it was reaped and reused.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    public var description: String {
        switch self {
        case .exited(let c): return "exit \(c)"
        case .signaled(let s): return "signal \(s) (\(Termination.signalName(s)))"
        }
    }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGKILL: return "SIGKILL"
        case SIGSEGV: return "SIGSEGV"
        case SIGBUS: return "SIGBUS"
        case SIGABRT: return "SIGABRT"
        case SIGILL: return "SIGILL (Swift trap)"
        case SIGTRAP: return "SIGTRAP (Swift trap)"
        case SIGXFSZ: return "SIGXFSZ"
        case SIGPIPE: return "SIGPIPE"
        case SIGTERM: return "SIGTERM"
        default: return "signal"
        }
    }
}

/// What a child did: how it ended, what it printed, how long it took.
public struct ChildResult: Sendable {
    public var termination: Termination
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var seconds: Double
    /// We sent SIGKILL: at the planned instant or at the deadline.
    public var killedByUs: Bool
    /// The deadline passed before the child ended (a hang).
    public var timedOut: Bool

    public var out: String { String(decoding: stdout, as: UTF8.self) }
    public var err: String { String(decoding: stderr, as: UTF8.self) }

    /// The exit code, when the child exited rather than died of a signal.
    public var code: Int32? {
        if case .exited(let c) = termination { return c }
        return nil
    }

    /// Died of a signal we did not send, or exited with a code a shell
    /// would report for one (>= 128): a crash or a Swift runtime trap.
    public var isCrash: Bool {
        switch termination {
        case .signaled: return !killedByUs
        case .exited(let c): return c >= 128
        }
    }

    /// A one-line summary for defect reports.
    public var summary: String {
        let firstLine = err.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return "\(termination)\(timedOut ? " after the deadline" : ""): \(firstLine.prefix(300))"
    }
}

/// What to run and how.
public struct ChildSpec {
    public var executable: String
    /// argv[1...] as bytes; NUL bytes cannot be passed and are dropped.
    public var arguments: [[UInt8]]
    public var environment: [String: String]
    /// Working directory of the child (nil: ours).
    public var directory: String?
    /// A file for stdin (nil: /dev/null).
    public var stdin: String?
    /// SIGKILL the child (and its group) when it runs longer: a hang.
    public var timeout: Double = 60
    /// SIGKILL the child at this instant (seconds after the spawn), if it still runs.
    public var killAfter: Double?
    /// SIGKILL the child as soon as this returns true, polled without
    /// sleeping (e.g. "the journal has started to grow": a kill mid-write).
    public var killWhen: (() -> Bool)?
    /// Called with the pid right after the spawn (for SIGSTOP tests).
    public var onSpawn: ((pid_t) -> Void)?

    public init(executable: String, arguments: [String], environment: [String: String]) {
        self.executable = executable
        self.arguments = arguments.map { Array($0.utf8) }
        self.environment = environment
    }

    public init(executable: String, byteArguments: [[UInt8]], environment: [String: String]) {
        self.executable = executable
        self.arguments = byteArguments
        self.environment = environment
    }
}

public enum Child {
    private static let counterLock = NSLock()
    private static var counter = 0

    /// Runs `spec` to its end and returns what it did. `scratch` is a
    /// directory for the captured output.
    public static func run(_ spec: ChildSpec, scratch: String) -> ChildResult {
        counterLock.lock()
        counter += 1
        let n = counter
        counterLock.unlock()
        let outPath = "\(scratch)/child-\(getpid())-\(n).out"
        let errPath = "\(scratch)/child-\(getpid())-\(n).err"
        defer { unlink(outPath); unlink(errPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, spec.stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let dir = spec.directory {
            guard let addChdir = Child.addChdir else {
                return ChildResult(termination: .exited(127), stdout: [], stderr: Array("posix_spawn cannot change directory here".utf8),
                                   seconds: 0, killedByUs: false, timedOut: false)
            }
            _ = addChdir(&actions, dir)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in 1..<32 where s != SIGKILL && s != SIGSTOP { sigaddset(&defaults, Int32(s)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = [Array(spec.executable.utf8)] + spec.arguments
        let envp = spec.environment.sorted { $0.key < $1.key }.map { Array("\($0.key)=\($0.value)".utf8) }
        let cArgv = cStrings(argv)
        let cEnvp = cStrings(envp)
        defer { freeCStrings(cArgv); freeCStrings(cEnvp) }

        var pid: pid_t = 0
        let start = monotonicSeconds()
        let rc = posix_spawn(&pid, spec.executable, &actions, &attributes, cArgv, cEnvp)
        if rc != 0 {
            let message = "cannot start \(spec.executable): \(String(cString: strerror(rc)))"
            return ChildResult(termination: .exited(127), stdout: [], stderr: Array(message.utf8), seconds: 0,
                               killedByUs: false, timedOut: false)
        }
        spec.onSpawn?(pid)

        var status: Int32 = 0
        var killed = false
        var timedOut = false
        var pause = 0.0002
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { status = 0; break }
            let elapsed = monotonicSeconds() - start
            if !killed, let at = spec.killAfter, elapsed >= at {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                killed = true
            }
            if !killed, let condition = spec.killWhen, condition() {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                killed = true
            }
            if !killed, elapsed >= spec.timeout {
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                killed = true
                timedOut = true
            }
            var wait = pause
            if !killed, let at = spec.killAfter { wait = min(wait, max(0.00002, at - elapsed)) }
            if spec.killWhen != nil && !killed { continue }
            sleepSeconds(wait)
            pause = min(pause * 1.5, 0.002)
        }
        let seconds = monotonicSeconds() - start
        let termination: Termination = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
        let out = (try? readFile(outPath)) ?? []
        let err = (try? readFile(errPath)) ?? []
        return ChildResult(termination: termination, stdout: out, stderr: err, seconds: seconds,
                           killedByUs: killed, timedOut: timedOut)
    }

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29+), which Swift's Glibc module does not export.
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    private static func cStrings(_ items: [[UInt8]]) -> [UnsafeMutablePointer<CChar>?] {
        var result: [UnsafeMutablePointer<CChar>?] = items.map { bytes in
            let clean = bytes.filter { $0 != 0 }
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: clean.count + 1)
            for (i, b) in clean.enumerated() { p[i] = CChar(bitPattern: b) }
            p[clean.count] = 0
            return p
        }
        result.append(nil)
        return result
    }

    private static func freeCStrings(_ items: [UnsafeMutablePointer<CChar>?]) {
        for p in items { p?.deallocate() }
    }
}

/// Seconds on the monotonic clock.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

public func sleepSeconds(_ s: Double) {
    guard s > 0 else { return }
    var ts = timespec(tv_sec: Int(s), tv_nsec: Int((s - Double(Int(s))) * 1e9))
    var rest = timespec()
    while nanosleep(&ts, &rest) != 0 && errno == EINTR { ts = rest }
}
