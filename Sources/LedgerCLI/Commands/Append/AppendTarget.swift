// `ledger append target`: changes a target (reprogramación). Its flags are the fields of the
// application layer's `target` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendTarget {
    static let definition = AppendEvent.definition(
        .target,
        abstract: Localized("change a target (reprogramación), with a reason", "cambia una meta (reprogramación), con motivo"),
        usage: "ledger append target --indicator ID (--annual-target N | --period P --value N) --reason TEXT [--document TEXT]",
        examples: [
            "ledger append target --indicator MED-2017 --period 2017-02 --value 350 --reason \"Reprogramación autorizada\" --actor ana",
            "ledger append target --indicator MED-2017 --annual-target 4200 --reason \"Ampliación del programa\" --document \"Oficio DPE/123/2017\" --actor ana",
        ])
}
