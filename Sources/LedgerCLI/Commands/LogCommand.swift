// `ledger log`: the audit trail, filtered by actor, time, indicator and type.

import LedgerCore
import LedgerApp
import LedgerReports

enum LogCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "log",
        abstract: Localized("the audit trail: who recorded what and when, filtered", "la bitácora: quién registró qué y cuándo, filtrada"),
        usage: "ledger log [--actor A] [--since T] [--until T] [--indicator I] [--type X] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [
            OptionSpec("actor", "A", "only events recorded by A", "solo eventos registrados por A"),
            OptionSpec("since", "T", "recorded at or after T (date or timestamp)", "registrados en T o después (fecha o fecha y hora)"),
            OptionSpec("until", "T", "recorded at or before T (a bare date: to the end of that day)", "registrados en T o antes (una fecha sola: hasta el fin de ese día)"),
            OptionSpec("indicator", "I", "only events about indicator I", "solo eventos del indicador I"),
            OptionSpec("type", "X", "only events of type X: indicator, target, reading, correction, observation, budget, close",
                       "solo eventos del tipo X: indicator, target, reading, correction, observation, budget, close"),
            ReportOptions.plan, ReportOptions.owner,
        ] + ReportOptions.formats,
        examples: [
            "ledger log --since 2017-04-01 --type correction",
            "ledger log --actor luis --json",
            "ledger log --indicator MED-2017 --csv > med.csv",
        ]), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let format = try a.format()
        // --actor here filters; it is not the appending actor.
        var filter = LogFilter(actor: a.name("actor"), indicator: a.name("indicator"), scope: a.scope)
        if let t = a.value("type") {
            guard let type = EventType(anyName: t) else {
                throw UsageError(message: Usage.notAnEventType(t, meant: EventType.nearest(to: t)?.commandName))
            }
            filter.type = type
        }
        filter.since = try a.time("since", dateMeans: .startOfDay)
        filter.until = try a.time("until")
        let out = call.console.out
        try call.session.log(filter, format: format, language: call.language) { out.write($0) }
    }
}
