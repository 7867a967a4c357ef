// `ledger append observation`: adds an observation on a period's result. Its flags are the fields of the
// application layer's `observation` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendObservation {
    static let definition = AppendEvent.definition(
        .observation,
        abstract: Localized("add an observation on a period's result", "agrega una observación sobre el resultado de un periodo"),
        usage: "ledger append observation --indicator ID --period P --text TEXT",
        examples: [
            "ledger append observation --indicator MED-2017 --period 2017-02 --text \"NO SE CUMPLIO LA META POR FALTA DE MATERIAL\" --actor ana",
        ])
}
