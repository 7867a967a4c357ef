// `ledger append reading`: records what was executed in a period. Its flags are the fields of the
// application layer's `reading` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendReading {
    static let definition = AppendEvent.definition(
        .reading,
        abstract: Localized("record what was executed in a period (valor actual)", "registra lo ejecutado en un periodo (valor actual)"),
        usage: "ledger append reading --indicator ID --period P (--value N | --numerator N --denominator N) [--note TEXT] [--post-close --reason TEXT [--document TEXT]]",
        examples: [
            "ledger append reading --indicator MED-2017 --period 2017-01 --value 542 --actor ana",
            "ledger append reading --indicator COB --period 2017-Q1 --numerator 9120 --denominator 9600 --actor ana",
        ])
}
