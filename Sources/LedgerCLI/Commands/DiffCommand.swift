// `ledger diff --from T1 --to T2`: what changed in the reported figures
// between two recorded times, and by whom.

import LedgerCore
import LedgerApp

enum DiffCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "diff",
        abstract: Localized("what changed in the reported figures between two recorded times, and by whom",
                            "qué cambió en las cifras informadas entre dos momentos de registro, y quién lo cambió"),
        usage: "ledger diff --from T1 --to T2 [--quarter YYYY-Qn] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [
            OptionSpec("from", "T1", "the earlier recorded time", "el momento de registro anterior", required: true),
            OptionSpec("to", "T2", "the later recorded time (a date, a timestamp, today or now)", "el momento de registro posterior (una fecha, una fecha y hora, today o now)", required: true),
            OptionSpec("quarter", "YYYY-Qn", "only the figures of this quarter, with its totals", "solo las cifras de este trimestre, con sus totales"),
            ReportOptions.plan, ReportOptions.owner,
        ] + ReportOptions.formats,
        examples: ["ledger diff --from 2017-04-10 --to 2017-07-31 --quarter 2017-Q1"]), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let format = try a.format()
        let from = try call.session.instant(try a.time("from")!)
        let to = try call.session.instant(try a.time("to")!)
        guard from <= to else { throw UsageError(message: Usage.fromAfterTo) }
        var quarter: Period?
        if let q = a.value("quarter") {
            guard let p = Period(q), p.frequency == .quarterly else { throw UsageError(message: Usage.quarterOptionNotAQuarter) }
            quarter = p
        }
        call.console.out.write(try call.session.diff(from: from, to: to, quarter: quarter, scope: a.scope, format: format, language: call.language))
    }
}
