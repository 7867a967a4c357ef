// `ledger log`: the audit trail, filtered by actor, time, indicator and type.

import LedgerCore
import LedgerStore
import LedgerReports

enum LogCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "log",
        abstract: Localized("the audit trail: who recorded what and when, filtered", "la bitácora: quién registró qué y cuándo, filtrada"),
        usage: "ledger log [--actor A] [--since T] [--until T] [--indicator I] [--type X] [--json|--csv]",
        options: [
            OptionSpec(name: "actor", value: "A", help: Localized("only events recorded by A", "solo eventos registrados por A")),
            OptionSpec(name: "since", value: "T", help: Localized("recorded at or after T (date or timestamp)", "registrados en T o después (fecha o fecha y hora)")),
            OptionSpec(name: "until", value: "T", help: Localized("recorded at or before T (a bare date: to the end of that day)", "registrados en T o antes (una fecha sola: hasta el fin de ese día)")),
            OptionSpec(name: "indicator", value: "I", help: Localized("only events about indicator I", "solo eventos del indicador I")),
            OptionSpec(name: "type", value: "X", help: Localized("only events of type X: indicator, target, reading, correction, observation, budget, close",
                                                                  "solo eventos del tipo X: indicator, target, reading, correction, observation, budget, close")),
        ] + OutputFormat.options,
        examples: [
            "ledger log --since 2017-04-01 --type correction",
            "ledger log --actor luis --json",
            "ledger log --indicator MED-2017 --csv > med.csv",
        ])

    static func run(_ context: Context) throws {
        let a = context.arguments
        let format = try OutputFormat.from(a)
        let ledger = context.ledger
        var filter = AuditFilter(actor: nil, indicator: a.value("indicator"))
        // --actor here filters; it is not the appending actor.
        filter.actor = a.value("actor")
        if let t = a.value("type") {
            guard let type = EventType(name: t.lowercased()) else {
                throw UsageError(message: Localized("--type \(t.clipped) is not an event type (indicator, target, reading, correction, observation, budget, close)",
                                                    "--type \(t.clipped) no es un tipo de evento (indicator, target, reading, correction, observation, budget, close)"))
            }
            filter.type = type
        }
        let zone = ZoneLoader(context)
        if let s = a.value("since") {
            // A bare date in --since means the start of that day.
            if let d = CivilDate(s) {
                let previous = Timestamp(microseconds: Timestamp(year: d.year, month: d.month, day: d.day).microseconds - 86_400_000_000).parts
                filter.since = try zone.rules().endOfDay(CivilDate(year: previous.year, month: previous.month, day: previous.day)).next
            } else {
                filter.since = try context.instant(s, option: "since", zone: zone.rules)
            }
        }
        if let u = a.value("until") { filter.until = try context.instant(u, option: "until", zone: zone.rules) }
        let out = context.console.out
        var writer = AuditWriter(format: format, language: context.console.language) { out.write($0) }
        try ledger.auditTrail(cut: filter.until, keep: filter.keeps) { entry, _ in writer.write(entry) }
        writer.end()
    }
}

/// Loads the ledger's time zone once, when a bare date needs it.
final class ZoneLoader {
    private let context: Context
    private var cached: TimeZoneRules?

    init(_ context: Context) { self.context = context }

    func rules() throws -> TimeZoneRules {
        if let cached { return cached }
        let name = try context.ledger.settings().timeZone
        let r = TimeZoneRules.load(name) ?? .utc
        cached = r
        return r
    }
}
