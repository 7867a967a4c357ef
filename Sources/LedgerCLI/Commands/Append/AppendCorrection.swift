// `ledger append correction`: replaces the value of a reading. Its flags are the fields of the
// application layer's `correction` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendCorrection {
    static let definition = AppendEvent.definition(
        .correction,
        abstract: Localized("replace the value of a reading, with a reason (the original stays in the journal)", "reemplaza el valor de una lectura, con motivo (la original queda en el diario)"),
        usage: "ledger append correction --indicator ID --period P (--value N | --numerator N --denominator N) --reason TEXT [--post-close] [--document TEXT]",
        examples: [
            "ledger append correction --indicator MED-2017 --period 2017-02 --value 300 --reason \"Error de captura\" --actor luis",
        ])
}
