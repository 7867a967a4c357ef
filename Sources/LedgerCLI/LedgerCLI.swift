// The entry point: finds the command a line names, parses its arguments,
// runs it, and is the one place where failures become messages on stderr
// and exit codes.

import LedgerCore
import LedgerApp

public enum LedgerCLI {
    /// Every command, in the order help lists them (subcommands under their parent).
    static let commands: [CommandDefinition] = [
        InitCommand.definition,
        AppendCommand.definition,
        VerifyCommand.definition,
        DigestCommand.definition,
        RepairCommand.definition,
        SealCommand.definition,
        StatusCommand.definition,
        QuarterCommand.definition,
        PendingCommand.definition,
        SnapshotCommand.definition,
        HistoryCommand.definition,
        LogCommand.definition,
        ReplayCommand.definition,
        DiffCommand.definition,
        ExportCommand.definition,
        ImportCommand.definition,
        MemberCommand.definition,
        RequireSignaturesCommand.definition,
        AttestCommand.definition,
    ]

    /// The command with this full name ("append reading"), if any.
    static func command(named name: String) -> CommandDefinition? {
        commands.flatMap(\.all).first { $0.spec.name == name }
    }

    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func run(_ arguments: [String], environment: [String: String], console: Console) -> Int32 {
        // Flush on every way out, the first one included.
        defer { console.out.flush(); console.err.flush() }
        guard let language = GlobalOptions.language(arguments, environment: environment) else {
            console.error(Usage.badLanguage)
            return ExitCode.usage.rawValue
        }
        console.language = language

        // The command: the first word that is not an option or a global
        // option's value; a word right after it that names one of its
        // subcommands descends to that subcommand.
        var rest: [String] = []
        var found: CommandDefinition?
        var unknown: String?
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if found == nil, unknown == nil, let global = GlobalOptions.named(a), global.value != nil, !a.contains("=") {
                rest.append(a)
                if i + 1 < arguments.count { rest.append(arguments[i + 1]) }
                i += 2
                continue
            }
            if found == nil, unknown == nil, !a.hasPrefix("-") {
                if a == "help" {
                    return help(Array(arguments[(i + 1)...]).filter { !$0.hasPrefix("-") }, console: console)
                }
                guard var command = commands.first(where: { $0.spec.name == a }) else { unknown = a; i += 1; continue }
                while i + 1 < arguments.count, let sub = command.subcommand(arguments[i + 1]) {
                    command = sub
                    i += 1
                }
                // A word after a command with subcommands (and no arguments of its
                // own) that names none of them: a mistyped event type (`append
                // reding`), not an argument.
                if !command.subcommands.isEmpty, command.spec.positionals.upperBound == 0, i + 1 < arguments.count, !arguments[i + 1].hasPrefix("-") {
                    let word = arguments[i + 1]
                    let meant = Suggestions.subcommand(for: word, of: command)
                    console.error("ledger \(command.spec.name): " + Usage.unknownSubcommand(word, of: command.spec.name, meant: meant?.spec.name,
                                                                                           words: command.subcommands.map(\.spec.word)).text(console.language) + ".")
                    console.error(Usage.usagePrefix.text(console.language) + command.spec.usage)
                    console.error(Usage.seeHelp(command.spec.name))
                    return ExitCode.usage.rawValue
                }
                found = command
            } else {
                rest.append(a)
            }
            i += 1
        }
        if let unknown {
            console.error(Usage.unknownCommand(unknown, meant: Suggestions.command(for: unknown)))
            return ExitCode.usage.rawValue
        }
        guard let command = found else {
            if rest.contains("--version") { console.print("ledger 1.0 (journal format \(EventCodec.formatVersion))"); return 0 }
            if rest.contains("--help") || rest.contains("-h") {
                console.print(Help.overview(language))
                return ExitCode.success.rawValue
            }
            console.error(Usage.missingCommand.text(language) + "\n\n" + Help.overview(language))
            return ExitCode.usage.rawValue
        }
        return execute(command, rest, environment: environment, console: console)
    }

    /// `ledger help [COMMAND]`.
    static func help(_ words: [String], console: Console) -> Int32 {
        guard !words.isEmpty else {
            console.print(Help.overview(console.language))
            return ExitCode.success.rawValue
        }
        let name = words.joined(separator: " ")
        guard let command = command(named: name) else {
            console.error(Usage.noHelpFor(name))
            return ExitCode.usage.rawValue
        }
        console.print(Help.command(command.spec, language: console.language))
        return ExitCode.success.rawValue
    }

    static func execute(_ command: CommandDefinition, _ tokens: [String], environment: [String: String], console: Console) -> Int32 {
        let spec = command.spec
        let l = console.language
        func usageError(_ message: Localized, seeHelp: Bool) -> Int32 {
            let text = message.text(l)
            console.error("ledger \(spec.name): " + text + (text.hasSuffix("?") || text.hasSuffix(".") ? "" : "."))
            console.error(Usage.usagePrefix.text(l) + spec.usage)
            if seeHelp { console.error(Usage.seeHelp(spec.name)) }
            return ExitCode.usage.rawValue
        }
        // What the command prints is held until it is done, so that a
        // failure never follows half a document on stdout.
        let held = HeldOutput(console.out)
        let commandConsole = Console(out: held, err: console.err, language: l)
        var parsed: ParsedArguments?
        func failed(_ failure: Failure) -> Int32 {
            held.discard()
            if parsed?.has("json") == true, !held.isStreaming {
                console.print(FailureJSON.document(failure, language: l))
            }
            for line in failure.details { console.error(line) }
            console.error("ledger: " + failure.message.text(l))
            return ExitCode(failure.kind).rawValue
        }
        do {
            let arguments = try ArgumentParser.parse(tokens, spec: spec)
            parsed = arguments
            if arguments.has("help") {
                console.print(Help.command(spec, language: l))
                return ExitCode.success.rawValue
            }
            let invocation = try Invocation(console: commandConsole, environment: environment, arguments: arguments)
            // LEDGER_CLOCK only on a demonstration ledger (init says so itself).
            if spec.name != "init" { try invocation.session.admitClock() }
            try command.run(invocation)
            held.release()
            return ExitCode.success.rawValue
        } catch var e as UsageError {
            held.discard()
            if let name = e.unknownOption {
                if let near = Suggestions.option(for: name, of: command) {
                    e.message = e.message + Usage.didYouMeanOption(near)
                } else {
                    let owners = Suggestions.subcommands(taking: name, of: command)
                    if !owners.isEmpty { e.message = e.message + Usage.optionOfSubcommands(name, parent: spec.name, subcommands: owners) }
                }
            }
            if parsed?.has("json") == true { console.print(FailureJSON.document(Failure(.usage, e.message + Localized(both: ".")), language: l)) }
            return usageError(e.message, seeHelp: true)
        } catch let e as FieldError where e.isMissing {
            held.discard()
            return usageError(Catalogue.field(e), seeHelp: false)
        } catch {
            return failed(Failure(describing: error, directory: Invocation.directory(parsed, environment)))
        }
    }
}
