// How a child process ended, what it cost, and (when captured) what it
// printed: the values the benchmark measures and the campaigns judge.

#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    case exited(Int32)
    case signaled(Int32)

    /// Decodes a wait status.
    init(waitStatus status: Int32) {
        self = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signaled(status & 0x7f)
    }

    /// The exit code, or 128 + the signal, as a shell reports it.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let c): return c
        case .signaled(let s): return 128 + s
        }
    }

    public var description: String {
        switch self {
        case .exited(let c): return "exit \(c)"
        case .signaled(let s): return "signal \(s) (\(Termination.signalName(s)))"
        }
    }

    /// The name of the signals a crash, a trap or a kill ends with.
    public static func signalName(_ s: Int32) -> String {
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

/// A finished child: how it ended, how long it took, what it used (as wait4 reported it).
public struct ProcessOutcome: Equatable, Sendable {
    /// How it ended: an exit code or a signal.
    public var termination: Termination
    /// Seconds from just before the spawn to the reaping.
    public var seconds: Double
    /// Peak resident set size, kilobytes (ru_maxrss).
    public var maxRSSKB: Int
    /// CPU seconds in user mode and in the kernel.
    public var userSeconds: Double, systemSeconds: Double
    /// We sent SIGKILL: at the planned instant, on the condition, or at the deadline.
    public var killedByUs: Bool
    /// The deadline passed before the child ended (a hang).
    public var timedOut: Bool

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
}

/// A finished child and the bytes it wrote to standard output and error.
public struct CapturedProcess: Sendable {
    /// How it ended, how long it took, what it used.
    public var outcome: ProcessOutcome
    /// What it wrote to standard output.
    public var stdout: [UInt8]
    /// What it wrote to standard error.
    public var stderr: [UInt8]

    /// A child that never started: exit 127 (as a shell says), the reason on stderr.
    public static func notStarted(_ reason: String) -> CapturedProcess {
        let outcome = ProcessOutcome(termination: .exited(127), seconds: 0, maxRSSKB: 0, userSeconds: 0, systemSeconds: 0,
                                     killedByUs: false, timedOut: false)
        return CapturedProcess(outcome: outcome, stdout: [], stderr: Array(reason.utf8))
    }

    /// The outcome's termination, seconds, kill flags, exit code and crash verdict.
    public var termination: Termination { outcome.termination }
    /// Seconds from just before the spawn to the reaping.
    public var seconds: Double { outcome.seconds }
    /// We sent SIGKILL.
    public var killedByUs: Bool { outcome.killedByUs }
    /// The deadline passed first.
    public var timedOut: Bool { outcome.timedOut }
    /// The exit code, when the child exited.
    public var code: Int32? { outcome.code }
    /// A signal we did not send, or an exit code of 128 or more.
    public var isCrash: Bool { outcome.isCrash }

    /// Standard output as UTF-8 text (invalid bytes replaced).
    public var out: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text (invalid bytes replaced).
    public var err: String { String(decoding: stderr, as: UTF8.self) }

    /// A one-line summary for defect reports: how it ended and the first line of stderr.
    public var summary: String {
        let firstLine = err.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        return "\(termination)\(timedOut ? " after the deadline" : ""): \(firstLine.prefix(300))"
    }
}
