// `ledger append amend`: changes an indicator's descriptive fields (name, unit,
// owner, description, the transparency fields) with a reason. Its flags are the
// fields of the application layer's `amend` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendAmend {
    static let definition = AppendEvent.definition(
        .amend,
        abstract: Localized("amend an indicator's description (name, unit, owner, transparency fields), with a reason",
                            "modifica la descripción de un indicador (nombre, unidad, responsable, campos de transparencia), con motivo"),
        usage: "ledger append amend --indicator ID [--name TEXT] [--unit UNIT] [--owner CODE] [--owner-name TEXT] [--description TEXT] [--baseline N] [--dimension TEXT] [--definition TEXT] [--method TEXT] [--information-source TEXT] [--objective TEXT] --reason TEXT [--document TEXT]",
        examples: [
            "ledger append amend --indicator MED-2017 --owner 308 --owner-name \"COORDINACION DE SERVICIOS\" --reason \"Reestructura orgánica\" --actor ana",
            "ledger append amend --indicator MED-2017 --dimension Eficacia --method \"Medidores instalados en el periodo\" --reason \"Ficha técnica 2017\" --actor ana",
        ])
}
