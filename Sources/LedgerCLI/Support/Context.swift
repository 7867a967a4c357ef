// What a command runs with: the console, the environment, the ledger
// directory, the clock. Everything from outside the process comes in here,
// so tests can run any command in-process with a fixed clock.

import LedgerCore
import LedgerStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class Context {
    public let console: Console
    public let environment: [String: String]
    let arguments: ParsedArguments
    let paths: LedgerPaths
    /// Overrides the system clock (tests, or building a ledger of past events).
    let fixedClock: Timestamp?

    init(console: Console, environment: [String: String], arguments: ParsedArguments) throws {
        self.console = console
        self.environment = environment
        self.arguments = arguments
        paths = LedgerPaths(directory: arguments.value("ledger") ?? environment["LEDGER_DIR"] ?? ".")
        if let c = environment["LEDGER_CLOCK"], !c.isEmpty {
            guard let t = Timestamp(parsing: c) else {
                throw CLIFailure(code: .usage, message: console.t("LEDGER_CLOCK must be a full timestamp such as 2017-02-06T10:00:00-06:00.",
                                                                   "LEDGER_CLOCK debe ser una fecha y hora completa como 2017-02-06T10:00:00-06:00."))
            }
            fixedClock = t
        } else {
            fixedClock = nil
        }
    }

    var ledger: Ledger {
        let timeout = environment["LEDGER_LOCK_TIMEOUT"].flatMap(Double.init) ?? 10
        return Ledger(paths: paths, lockTimeout: timeout)
    }

    /// Now, in microseconds (or the fixed clock).
    func now() -> Timestamp {
        if let fixedClock { return fixedClock }
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }

    /// The person appending: --actor, else $LEDGER_ACTOR; none is an error.
    func author() throws -> Author {
        let actor = (arguments.value("actor") ?? environment["LEDGER_ACTOR"] ?? "").trimmingSpaces
        guard !actor.isEmpty else {
            throw CLIFailure(code: .refused, message: console.t(
                "appends need an actor: say who records with --actor NAME or set LEDGER_ACTOR. Nothing was written.",
                "los registros necesitan un actor: indique quién registra con --actor NOMBRE o defina LEDGER_ACTOR. No se escribió nada."))
        }
        guard !actor.unicodeScalars.contains(where: { $0.value < 0x20 }), actor.count <= 200 else {
            throw CLIFailure(code: .refused, message: console.t("the actor name may not hold line breaks or control characters, nor exceed 200 characters.",
                                                                 "el nombre del actor no puede tener saltos de línea ni caracteres de control, ni pasar de 200 caracteres."))
        }
        return Author(actor: actor, osUser: Context.osUser(environment))
    }

    /// The operating-system account running the command: from /etc/passwd
    /// (read directly: the name service switch costs a tenth of an append),
    /// else through getpwuid for accounts kept elsewhere (LDAP), else the uid.
    static func osUser(_ environment: [String: String]) -> String {
        let uid = geteuid()
        if let bytes = try? InputFile.read("/etc/passwd") {
            for line in bytes.split(separator: 0x0A) {
                let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 3, omittingEmptySubsequences: false)
                if fields.count >= 3, String(decoding: fields[2], as: UTF8.self) == String(uid), !fields[0].isEmpty {
                    return String(decoding: fields[0], as: UTF8.self)
                }
            }
        }
        if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid-\(uid)"
    }

    /// Reads `--as-of`-style text: a full timestamp, or a bare date meaning
    /// the end of that day in the ledger's time zone.
    func instant(_ text: String, option: String, zone: () throws -> TimeZoneRules) throws -> Timestamp {
        if let t = Timestamp(parsing: text) { return t }
        if let d = CivilDate(text) { return try zone().endOfDay(d) }
        throw UsageError(message: Localized(
            "--\(option) \"\(text.clipped)\" is not a date (2017-04-10) or a timestamp (2017-04-10T15:30:00Z)",
            "--\(option) \"\(text.clipped)\" no es una fecha (2017-04-10) ni una fecha y hora (2017-04-10T15:30:00Z)"))
    }
}
