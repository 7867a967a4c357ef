// `ledger append unit`: an owning unit's name and contact, which `pending`
// prints beside the unit's late indicators. Its flags are the fields of the
// application layer's `unit` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendUnit {
    static let definition = AppendEvent.definition(
        .unit,
        abstract: Localized("record an owning unit's name and contact (whom `pending` says to write to)",
                            "registra el nombre y el contacto de una unidad responsable (a quién escribir, según `pending`)"),
        usage: "ledger append unit --owner CODE [--owner-name TEXT] [--contact TEXT]",
        examples: [
            "ledger append unit --owner 307 --owner-name \"COORDINACION DE MEDIDORES\" --contact \"Ing. Ruiz, medidores@comapa.gob.mx\" --actor ana",
        ])
}
