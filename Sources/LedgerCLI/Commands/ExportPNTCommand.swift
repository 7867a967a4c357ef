// `ledger export pnt FILE --quarter Q [--format vi|v]`: the quarter's
// indicators in the format of Mexico's transparency platform, as CSV or as
// a workbook (by FILE's extension).

import LedgerCore
import LedgerApp
import LedgerReports

enum ExportPNTCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "export pnt",
        abstract: Localized("the quarter in the format of Mexico's transparency platform (art. 70 fr. VI results indicators, or fr. V)",
                            "el trimestre en el formato de la Plataforma Nacional de Transparencia (art. 70 fr. VI indicadores de resultados, o fr. V)"),
        usage: "ledger export pnt FILE.csv|FILE.xlsx --quarter YYYY-Qn [--format vi|v] [--as-of T] [--plan NAME] [--owner CODE] [--force]",
        options: [
            OptionSpec("quarter", "YYYY-Qn", "the quarter to report", "el trimestre que se informa", required: true),
            OptionSpec("format", "vi|v", "vi: indicadores de resultados (fr. VI, the default); v: indicadores de interés público (fr. V)",
                       "vi: indicadores de resultados (fr. VI, por omisión); v: indicadores de interés público (fr. V)"),
            ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner, ExportXLSXCommand.force,
        ],
        examples: [
            "ledger export pnt indicadores-2017-T1.xlsx --quarter 2017-Q1",
            "ledger export pnt fraccion-v.csv --quarter 2017-Q1 --format v --plan \"POA 2017\"",
        ],
        discussion: Localized(
            "The format's columns in the platform's order, in Spanish, one row per indicator: the description as it stands (amend it with `ledger append amend`), the approved target (Metas programadas), the annual target in force when it changed (Metas ajustadas), progress to date, the date of the quarter's close (Fecha de validación) and of the last event (Fecha de actualización). A blank the format needs is said in Nota, with the journal's digest.",
            "Las columnas del formato en el orden de la plataforma, en español, una fila por indicador: la descripción vigente (modifíquela con `ledger append amend`), la meta aprobada (Metas programadas), la meta anual vigente cuando cambió (Metas ajustadas), el avance acumulado, la fecha del cierre del trimestre (Fecha de validación) y la del último evento (Fecha de actualización). Un dato que el formato pide y falta se dice en Nota, con el resumen del diario."),
        positionals: 1...1), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let path = a.positionals[0]
        guard path.lowercased().hasSuffix(".xlsx") || path.lowercased().hasSuffix(".csv") else {
            throw UsageError(message: Usage.notAnExportName(path))
        }
        let q = a.value("quarter")!
        guard let quarter = Period(q), quarter.frequency == .quarterly else { throw UsageError(message: Usage.notAQuarter(q)) }
        let formatText = a.value("format") ?? "vi"
        guard let format = TransparencyFormat(rawValue: formatText.lowercased()) else {
            throw UsageError(message: Usage.unknownPNTFormat(formatText))
        }
        let request = TransparencyRequest(path: path, quarter: quarter, format: format, asOf: try a.time("as-of"),
                                          scope: ReportScope(plan: a.value("plan"), owner: a.value("owner")), force: a.has("force"))
        let outcome = try call.session.exportTransparency(request)
        call.console.say(Words.exported(outcome))
        call.console.print(outcome.head.digest)
    }
}
