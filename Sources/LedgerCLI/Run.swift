// The entry point: global options, dispatch to a command, and the one place
// where failures become messages on stderr and exit codes.

import LedgerReports

import LedgerCore
import LedgerStore

/// One command of the CLI: its self-description and what it does.
protocol LedgerCommand {
    static var spec: CommandSpec { get }
    static func run(_ context: Context) throws
}

public enum LedgerCLI {
    /// Every command, in the order help lists them.
    static let commands: [LedgerCommand.Type] = [
        InitCommand.self,
        AppendCommand.self,
        VerifyCommand.self,
        DigestCommand.self,
        RepairCommand.self,
        SealCommand.self,
        StatusCommand.self,
        QuarterCommand.self,
        SnapshotCommand.self,
        HistoryCommand.self,
        LogCommand.self,
        ReplayCommand.self,
        DiffCommand.self,
        ExportCommand.self,
        ImportCommand.self,
    ]

    static func command(named name: String) -> LedgerCommand.Type? {
        commands.first { $0.spec.name == name } ?? AppendCommand.subcommands.first { $0.spec.name == name }
    }

    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        // The language comes first, so that even a usage error speaks it.
        var langFlag: String?
        if let i = arguments.firstIndex(where: { $0 == "--lang" || $0.hasPrefix("--lang=") }) {
            langFlag = arguments[i].hasPrefix("--lang=") ? String(arguments[i].dropFirst(7)) : (i + 1 < arguments.count ? arguments[i + 1] : nil)
        }
        // Flush on every way out, the first one included.
        defer { console.out.flush(); console.err.flush() }
        guard let language = Language.resolve(flag: langFlag, environment: environment) else {
            console.error("ledger: --lang must be es or en.")
            return ExitCode.usage.rawValue
        }
        console.language = language

        // The command's name: the first word that is not a global option or
        // its value; `append TYPE` names a subcommand by the word after it.
        var rest: [String] = []
        var name: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if name == nil, ["--ledger", "--lang", "--actor"].contains(a) {
                rest.append(a)
                if i + 1 < arguments.count { rest.append(arguments[i + 1]) }
                i += 2
                continue
            }
            if name == nil, !a.hasPrefix("-") {
                name = a
                if a == "append", i + 1 < arguments.count,
                   AppendCommand.subcommands.contains(where: { $0.spec.name == "append \(arguments[i + 1])" }) {
                    name = "append \(arguments[i + 1])"
                    i += 1
                }
            } else {
                rest.append(a)
            }
            i += 1
        }
        guard let commandName = name else {
            if rest.contains("--version") { console.print("ledger 1.0 (journal format \(EventCodec.formatVersion))"); return 0 }
            if rest.contains("--help") || rest.contains("-h") {
                console.print(HelpCommand.overview(language))
                return ExitCode.success.rawValue
            }
            console.error(console.t("ledger: missing command.", "ledger: falta el comando.") + "\n\n" + HelpCommand.overview(language))
            return ExitCode.usage.rawValue
        }
        if commandName == "help" {
            return HelpCommand.run(rest.filter { !$0.hasPrefix("-") }, console: console)
        }
        guard let command = command(named: commandName) else {
            console.error(console.t("ledger: unknown command \(commandName.clipped); run `ledger help` for the list.",
                                    "ledger: comando desconocido \(commandName.clipped); ejecute `ledger help` para ver la lista."))
            return ExitCode.usage.rawValue
        }
        return execute(command, rest, environment: environment, console: console)
    }

    static func execute(_ command: LedgerCommand.Type, _ tokens: [String], environment: [String: String], console: Console) -> Int32 {
        let spec = command.spec
        do {
            let parsed = try ArgumentParser.parse(tokens, spec: spec)
            if parsed.has("help") {
                console.print(ArgumentParser.help(spec, language: console.language))
                return ExitCode.success.rawValue
            }
            let context = try Context(console: console, environment: environment, arguments: parsed)
            try command.run(context)
            return ExitCode.success.rawValue
        } catch let e as UsageError {
            console.error("ledger \(spec.name): " + e.message.text(console.language) + ".")
            console.error((console.language == .es ? "Uso: " : "Usage: ") + spec.usage)
            console.error(console.t("See `ledger \(spec.name) --help`.", "Vea `ledger \(spec.name) --help`."))
            return ExitCode.usage.rawValue
        } catch let e as CLIFailure {
            console.error("ledger: " + e.message)
            return e.code.rawValue
        } catch let e as FieldError {
            if e.kind == .missing {
                console.error("ledger \(spec.name): " + e.message.text(console.language) + ".")
                console.error((console.language == .es ? "Uso: " : "Usage: ") + spec.usage)
                return ExitCode.usage.rawValue
            }
            console.error("ledger: " + e.message.text(console.language) + console.t(". Nothing was written.", ". No se escribió nada."))
            return ExitCode.refused.rawValue
        } catch let e as Refusal {
            console.error("ledger: " + Messages.refusal(e).text(console.language) + " " + console.t("Nothing was written.", "No se escribió nada."))
            return ExitCode.refused.rawValue
        } catch let e as StoreError {
            let paths = LedgerPaths(directory: (try? ArgumentParser.parse(tokens, spec: spec))?.value("ledger") ?? environment["LEDGER_DIR"] ?? ".")
            let (message, code) = Messages.store(e, paths: paths)
            console.error("ledger: " + message.text(console.language))
            return code.rawValue
        } catch {
            console.error("ledger: \(error)")
            return ExitCode.io.rawValue
        }
    }
}
