// `ledger replay --until T`: the journal event by event with the figure
// each changed, then the state at T.

import LedgerCore
import LedgerApp

enum ReplayCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "replay",
        abstract: Localized("the journal up to T, event by event, with the figure each changed, then the state at T",
                            "el diario hasta T, evento por evento, con la cifra que cambió cada uno, y después el estado en T"),
        usage: "ledger replay --until T [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [
            OptionSpec("until", "T", "a date (end of that day in the ledger's zone), a timestamp, today or now", "una fecha (fin de ese día en la zona del ledger), una fecha y hora, today (hoy) o now (ahora)", required: true),
            ReportOptions.plan, ReportOptions.owner,
        ] + ReportOptions.formats,
        examples: ["ledger replay --until 2017-03-15", "ledger replay --until 2017-04-10T12:00:00-05:00 --json", "ledger replay --until today --plan \"POA 2017\" --csv"],
        discussion: Localized("With --csv, the events as rows (as `log --csv` writes them); the state at T is `ledger status --as-of T --csv`.",
                              "Con --csv, los eventos como filas (como los escribe `log --csv`); el estado en T es `ledger status --as-of T --csv`.")), run: run)

    static func run(_ call: Invocation) throws {
        let until = try call.arguments.time("until")!
        let out = call.console.out
        try call.session.replay(until: until, untilText: call.arguments.value("until")!, format: try call.arguments.format(),
                                scope: call.arguments.scope, language: call.language) { out.write($0) }
    }
}
