// `ledger append close`: closes a quarter. Its flags are the fields of the
// application layer's `close` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendClose {
    static let definition = AppendEvent.definition(
        .close,
        abstract: Localized("close a quarter: its figures become final", "cierra un trimestre: sus cifras quedan firmes"),
        usage: "ledger append close --quarter YYYY-Qn [--plan NAME]",
        examples: [
            "ledger append close --quarter 2017-Q1 --actor planeacion",
        ])
}
