// `ledger history INDICATOR`: every event that touched an indicator, with
// the value before and after.

import LedgerCore
import LedgerApp

enum HistoryCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "history",
        abstract: Localized("every event that touched an indicator: when, who, what, value before and after, reason",
                            "cada evento que tocó un indicador: cuándo, quién, qué, valor antes y después, motivo"),
        usage: "ledger history INDICATOR [--as-of T] [--json|--csv]",
        options: [ReportOptions.asOf] + ReportOptions.formats,
        examples: ["ledger history MED-2017", "ledger history MED-2017 --as-of 2017-04-10 --json"],
        positionals: 1...1), run: run)

    static func run(_ call: Invocation) throws {
        let format = try call.arguments.format()
        let output = try call.session.history(NFC.normalize(call.arguments.positionals[0]), asOf: try call.arguments.time("as-of"), format: format,
                                              language: call.language)
        call.console.out.write(output)
    }
}
