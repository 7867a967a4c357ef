// `ledger append budget`: records budget figures. Its flags are the fields of the
// application layer's `budget` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendBudget {
    static let definition = AppendEvent.definition(
        .budget,
        abstract: Localized("record budget: modified, accrued (devengado) and paid", "registra presupuesto: modificado, devengado y pagado"),
        usage: "ledger append budget --indicator ID --period P --modified N --accrued N --paid N [--approved N] [--committed N] [--exercised N]",
        examples: [
            "ledger append budget --indicator P101-C01-A01 --period 2024-Q1 --modified 36300.00 --accrued 3088.52 --paid 0.00 --actor ana",
        ])
}
