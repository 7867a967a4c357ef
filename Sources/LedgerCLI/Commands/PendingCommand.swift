// `ledger pending [YYYY-MM|YYYY-Qn]`: who has not reported yet, by owning
// unit, with deadlines, days late and the unit's contact: the list a
// planning office mails out.

import LedgerCore
import LedgerApp

enum PendingCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "pending",
        abstract: Localized("who has not reported: every due period without a reading, by owning unit, with days late",
                            "quién no ha reportado: cada periodo vencido sin lectura, por unidad responsable, con días de atraso"),
        usage: "ledger pending [YYYY-MM|YYYY-Qn] [--as-of T] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner] + ReportOptions.formats,
        examples: [
            "ledger pending",
            "ledger pending 2017-03 --owner 307",
            "ledger pending 2017-Q1 --as-of 2017-04-20 --csv > pendientes.csv",
        ],
        discussion: Localized(
            "A period is pending when it is over by the cut (now, or --as-of) and has no reading. Its reading is due by the deadline day of the following month (10 unless `init --deadline-day` or `append deadline` says otherwise); days late count from that day, in the ledger's time zone. With a month or a quarter, only periods ending in it. Record a unit's contact with `ledger append unit --owner CODE --contact TEXT`.",
            "Un periodo está pendiente cuando ya terminó al corte (ahora, o --as-of) y no tiene lectura. Su lectura vence el día de plazo del mes siguiente (el 10, salvo que `init --deadline-day` o `append deadline` digan otro); los días de atraso se cuentan desde ese día, en la zona horaria del ledger. Con un mes o un trimestre, solo los periodos que terminan en él. Registre el contacto de una unidad con `ledger append unit --owner CLAVE --contact TEXTO`."),
        positionals: 0...1), run: run)

    static func run(_ call: Invocation) throws {
        var within: Period?
        if let text = call.arguments.positionals.first {
            guard let p = Period(text), p.frequency == .monthly || p.frequency == .quarterly else {
                throw UsageError(message: Usage.pendingPeriod(text))
            }
            within = p
        }
        call.console.out.write(try call.session.pending(within: within, try call.reportRequest()))
    }
}
