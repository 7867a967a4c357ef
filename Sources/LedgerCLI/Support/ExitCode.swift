// The exit codes of the command contract (LEDGER.md).

public enum ExitCode: Int32, Sendable {
    /// Done.
    case success = 0
    /// Refused or invalid input; nothing written.
    case refused = 1
    /// Usage error: unknown flag, missing argument.
    case usage = 2
    /// Integrity failure: verify found damage.
    case integrity = 3
    /// I/O failure: disk full, permission, lock.
    case io = 4
}

/// A failure that ends a command: its exit code and the message for stderr
/// (already in the user's language).
struct CLIFailure: Error {
    var code: ExitCode
    var message: String
}
