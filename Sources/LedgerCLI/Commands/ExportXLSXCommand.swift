// `ledger export xlsx FILE [--quarter Q] [--as-of T]`: the quarter as an
// Excel workbook: the quarter view, the status, the quarter's events and the
// journal it was computed from. An existing FILE is replaced only with --force.

import LedgerCore
import LedgerApp

enum ExportXLSXCommand {
    static let force = OptionSpec("force", nil, "replace FILE if it exists", "reemplaza ARCHIVO si ya existe")

    static let definition = CommandDefinition(spec: CommandSpec(
        name: "export xlsx",
        abstract: Localized("the quarter as an Excel workbook (quarter view, status, the quarter's events, the journal head)",
                            "el trimestre como libro de Excel (vista trimestral, estado, eventos del trimestre, cabeza del diario)"),
        usage: "ledger export xlsx FILE [--quarter YYYY-Qn] [--as-of T] [--plan NAME] [--owner CODE] [--force]",
        options: [
            OptionSpec("quarter", "YYYY-Qn", "the quarter (default: the quarter of the latest reading)",
                       "el trimestre (por omisión: el de la lectura más reciente)"),
            ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner, force,
        ],
        examples: [
            "ledger export xlsx avance-2017-T1.xlsx --quarter 2017-Q1 --lang es",
            "ledger export xlsx abril.xlsx --quarter 2017-Q1 --as-of 2017-04-10 --force",
        ],
        discussion: Localized(
            "Numbers are stored as numbers in their formats (#,##0 counts, #,##0.00 money, percentages), the status is the cells' colour, the header row stays in view. The journal head and digest are on the last sheet and in the document's custom properties; the same request writes the same bytes. `snapshot` writes this workbook beside its other files.",
            "Los números se guardan como números con su formato (#,##0 conteos, #,##0.00 dinero, porcentajes), el semáforo es el color de las celdas y la fila de encabezados queda fija. La cabeza del diario y su resumen están en la última hoja y en las propiedades personalizadas del documento; la misma petición escribe los mismos bytes. `snapshot` escribe este libro junto a sus otros archivos."),
        positionals: 1...1), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let path = a.positionals[0]
        guard path.lowercased().hasSuffix(".xlsx") else { throw UsageError(message: Usage.notAWorkbookName(path)) }
        var quarter: Period?
        if let q = a.value("quarter") {
            guard let p = Period(q), p.frequency == .quarterly else { throw UsageError(message: Usage.notAQuarter(q)) }
            quarter = p
        }
        let request = WorkbookRequest(path: path, quarter: quarter, asOf: try a.time("as-of"),
                                      scope: ReportScope(plan: a.value("plan"), owner: a.value("owner")), language: call.language, force: a.has("force"))
        let outcome = try call.session.exportWorkbook(request)
        call.console.say(Words.exported(outcome))
        call.console.print(outcome.head.digest)
    }
}
