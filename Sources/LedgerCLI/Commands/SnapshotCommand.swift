// `ledger snapshot YYYY-Qn [--as-of T] [--plan NAME]`: writes the quarter
// view as it stood at T under snapshots/, as JSON, CSV, a printable HTML
// page and a workbook, each naming the journal head it was computed from.

import LedgerCore
import LedgerApp

enum SnapshotCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "snapshot",
        abstract: Localized("write a point-in-time quarterly snapshot (JSON, CSV, printable HTML, Excel workbook) under snapshots/",
                            "escribe un snapshot trimestral a una fecha (JSON, CSV, HTML para imprimir, libro de Excel) en snapshots/"),
        usage: "ledger snapshot YYYY-Qn [--as-of T] [--plan NAME]",
        options: [
            OptionSpec("as-of", "T",
                       "the quarter as it stood at T: a date (end of that day in the ledger's zone) or a timestamp; default: the time of the last event recorded",
                       "el trimestre como estaba en T: una fecha (fin de ese día en la zona del ledger) o una fecha y hora; por omisión: la hora del último evento registrado"),
            ReportOptions.plan,
        ],
        examples: [
            "ledger snapshot 2017-Q1 --as-of 2017-04-10",
            "ledger snapshot 2017-Q1 --plan \"POA 2017\" --lang es",
            "ledger snapshot 2017-Q1",
        ],
        discussion: Localized(
            "Files are named QUARTER_T[_PLAN] with T in UTC (2017-Q1_2017-04-11T045959.999999Z_POA_2017.json); the HTML and the workbook add their language (.es.html, .es.xlsx). Without --as-of, T is the recorded time of the last event, so a later run after more events writes new files beside the old ones. An existing file is never overwritten with different bytes.",
            "Los archivos se llaman TRIMESTRE_T[_PLAN] con T en UTC (2017-Q1_2017-04-11T045959.999999Z_POA_2017.json); el HTML y el libro agregan su idioma (.es.html, .es.xlsx). Sin --as-of, T es la hora de registro del último evento, así que una ejecución posterior, con más eventos, escribe archivos nuevos junto a los anteriores. Un archivo existente nunca se sobrescribe con bytes distintos."),
        positionals: 1...1), run: run)

    static func run(_ call: Invocation) throws {
        let quarter = try call.arguments.quarter(at: 0)
        let o = try call.session.snapshot(quarter, asOf: try call.arguments.time("as-of"), plan: call.arguments.value("plan"),
                                          language: call.language)
        let l = call.language
        for f in o.files { call.console.print((f.isNew ? Words.written : Words.unchanged).text(l) + f.path) }
        call.console.say(Words.snapshotSummary(o))
        call.console.print(o.head.digest)
    }
}
