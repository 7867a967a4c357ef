// `ledger export [journal|state]`: the whole journal, or the state per
// indicator and period, as JSON or CSV.

import LedgerCore
import LedgerApp

enum ExportCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "export",
        abstract: Localized("the whole journal, or the state per indicator and period, as CSV or JSON",
                            "todo el diario, o el estado por indicador y periodo, como CSV o JSON"),
        usage: "ledger export [journal|state] [--as-of T] [--plan NAME] [--owner CODE] [--json|--csv] | ledger export xlsx FILE ... | ledger export pnt FILE --quarter Q ...",
        options: [ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner] + ReportOptions.formats,
        examples: ["ledger export journal --csv > diario.csv", "ledger export state --json > estado.json", "ledger export state --as-of 2017-04-10 --csv"],
        discussion: Localized(
            "journal (the default): every event with who, when, what, value before and after, reason and source. state: one row per indicator and period with the target, the reading in force and its marks. JSON is the default format.",
            "journal (por omisión): cada evento con quién, cuándo, qué, valor antes y después, motivo y origen. state: una fila por indicador y periodo con la meta, la lectura vigente y sus marcas. El formato por omisión es JSON."),
        positionals: 0...1), subcommands: [ExportXLSXCommand.definition, ExportPNTCommand.definition, ExportSignersCommand.definition], run: run)

    static func run(_ call: Invocation) throws {
        let what = call.arguments.positionals.first ?? "journal"
        var format = try call.arguments.format()
        if format == .text { format = .json }
        let asOf = try call.arguments.time("as-of")
        guard let subject = ExportSubject(rawValue: what) else { throw UsageError(message: Usage.exportSubject(what)) }
        let out = call.console.out
        try call.session.export(subject, asOf: asOf, format: format, scope: call.arguments.scope) { out.write($0) }
    }
}
