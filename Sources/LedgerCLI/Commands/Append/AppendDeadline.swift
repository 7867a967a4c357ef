// `ledger append deadline`: the reporting deadline (a day of the month after
// each period), which `pending` counts days late against. Its flag is the
// field of the application layer's `deadline` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendDeadline {
    static let definition = AppendEvent.definition(
        .deadline,
        abstract: Localized("set the reporting deadline: readings are due by this day of the following month",
                            "fija el plazo de reporte: las lecturas vencen este día del mes siguiente"),
        usage: "ledger append deadline --day N",
        examples: ["ledger append deadline --day 15 --actor ana"])
}
