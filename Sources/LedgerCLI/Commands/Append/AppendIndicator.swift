// `ledger append indicator`: defines an indicator. Its flags are the fields of the
// application layer's `indicator` form (Sources/LedgerApp/Forms/EventForms.swift).

import LedgerCore
import LedgerApp

enum AppendIndicator {
    static let definition = AppendEvent.definition(
        .indicator,
        abstract: Localized("define an indicator (indicador de desempeño)", "define un indicador de desempeño"),
        usage: "ledger append indicator --id ID --name TEXT --unit UNIT --year YYYY --annual-target N [--monthly-targets N,...(12)] [--frequency monthly|quarterly|semiannual|annual] [--aggregation sum|last|average|ratio] [--direction ascending|descending] [--baseline N] [--owner CODE --owner-name TEXT] [--plan NAME] [--description TEXT] [--dimension TEXT] [--definition TEXT] [--method TEXT] [--information-source TEXT] [--objective TEXT]",
        examples: [
            "ledger append indicator --id MED-2017 --name \"INSTALACION DE MEDIDORES\" --unit MEDIDORES --year 2017 --annual-target 3600 --owner 307 --owner-name \"COORDINACION DE MEDIDORES\" --plan \"POA 2017\" --actor ana",
            "ledger append indicator --id COB --name \"COBERTURA\" --unit % --year 2017 --annual-target 95 --frequency quarterly --aggregation ratio --actor ana",
        ])
}
