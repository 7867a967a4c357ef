// What a command runs with: the console, the environment, its parsed
// arguments, and the session over the ledger they name. Everything from
// outside the process comes in here, so tests can run any command
// in-process with a fixed clock.

import LedgerCore
import LedgerApp
import LedgerReports

final class Invocation {
    let console: Console
    let environment: [String: String]
    let arguments: ParsedArguments
    let session: Session

    init(console: Console, environment: [String: String], arguments: ParsedArguments) throws {
        self.console = console
        self.environment = environment
        self.arguments = arguments
        var clock: Timestamp?
        if let c = environment["LEDGER_CLOCK"], !c.isEmpty {
            guard let t = Timestamp(parsing: c) else { throw Failure(.usage, Usage.badClock) }
            clock = t
        }
        let timeout = environment["LEDGER_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
        session = Session(directory: Invocation.directory(arguments, environment),
                          host: .system(clock: clock, cacheDirectory: Host.cacheDirectory(environment: environment)), lockTimeout: timeout)
        if let key = arguments.value("key") ?? environment["LEDGER_KEY"], !key.isEmpty {
            session.signingKey = SigningKey(path: key, agentSocket: environment["SSH_AUTH_SOCK"])
        }
    }

    /// The ledger directory: --ledger, else $LEDGER_DIR, else the current directory.
    static func directory(_ arguments: ParsedArguments?, _ environment: [String: String]) -> String {
        arguments?.value("ledger") ?? environment["LEDGER_DIR"] ?? "."
    }

    var language: Language { console.language }

    /// Who appends: --actor, else $LEDGER_ACTOR (the session refuses none).
    var actor: String? { arguments.value("actor") ?? environment["LEDGER_ACTOR"] }

    /// A report's request from the common options (--as-of, --plan, --owner, --json/--csv, --wide).
    func reportRequest() throws -> ReportRequest {
        ReportRequest(asOf: try arguments.time("as-of"), asOfText: arguments.value("as-of"), scope: arguments.scope,
                      format: try arguments.format(), language: language, width: width, wide: arguments.has("wide"))
    }

    /// The width text reports fit: $COLUMNS, else the terminal's, else 100.
    var width: Int {
        if let c = environment["COLUMNS"].flatMap(Int.init), c > 0 { return c }
        return Console.terminalWidth() ?? 100
    }
}
