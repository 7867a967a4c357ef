// `ledger replay --until T`: the journal event by event with the figure
// each changed, then the state at T.

import LedgerCore
import LedgerApp

enum ReplayCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "replay",
        abstract: Localized("the journal up to T, event by event, with the figure each changed, then the state at T",
                            "el diario hasta T, evento por evento, con la cifra que cambió cada uno, y después el estado en T"),
        usage: "ledger replay --until T [--json]",
        options: [
            OptionSpec("until", "T", "a date (end of that day in the ledger's zone) or a timestamp", "una fecha (fin de ese día en la zona del ledger) o una fecha y hora", required: true),
            ReportOptions.json,
        ],
        examples: ["ledger replay --until 2017-03-15", "ledger replay --until 2017-04-10T12:00:00-05:00 --json"]), run: run)

    static func run(_ call: Invocation) throws {
        let until = try call.arguments.time("until")!
        let out = call.console.out
        try call.session.replay(until: until, untilText: call.arguments.value("until")!, json: call.arguments.has("json"),
                                language: call.language) { out.write($0) }
    }
}
