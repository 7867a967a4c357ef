// The exit codes of the command contract (docs/CONTRACT.md).

import LedgerApp

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

    init(_ kind: FailureKind) {
        switch kind {
        case .refused: self = .refused
        case .usage: self = .usage
        case .integrity: self = .integrity
        case .io: self = .io
        }
    }
}
