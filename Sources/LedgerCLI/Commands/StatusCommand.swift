// `ledger status`: every indicator to date, at any recorded time.

import LedgerCore
import LedgerApp

enum StatusCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "status",
        abstract: Localized("every indicator to date: targets, programmed, executed, progress, compliance, status",
                            "cada indicador a la fecha: metas, programado, ejecutado, avance, cumplimiento, semáforo"),
        usage: "ledger status [--as-of T] [--through YYYY-MM] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [
            ReportOptions.asOf,
            OptionSpec("through", "YYYY-MM", "count months up to this one (default: the last month its plan has readings for)",
                       "contar los meses hasta este (por omisión: el último mes con lecturas en su plan)"),
            ReportOptions.plan, ReportOptions.owner,
        ] + ReportOptions.formats,
        examples: ["ledger status", "ledger status --through 2017-02 --plan \"POA 2017\"", "ledger status --as-of 2017-04-10 --csv > estado.csv"]),
        run: run)

    static func run(_ call: Invocation) throws {
        let request = try call.reportRequest()
        var through: Period?
        if let t = call.arguments.value("through") {
            guard let p = Period(t), p.frequency == .monthly else { throw UsageError(message: Usage.throughNotAMonth) }
            through = p
        }
        let out = call.console.out
        try call.session.status(through: through, request) { out.write($0) }
    }
}
