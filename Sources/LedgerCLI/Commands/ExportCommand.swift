// `ledger export`: the whole journal, or the state per indicator and
// period, as JSON or CSV, for other tools and spreadsheets.

import LedgerCore
import LedgerStore
import LedgerReports

enum ExportCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "export",
        abstract: Localized("the whole journal, or the state per indicator and period, as CSV or JSON",
                            "todo el diario, o el estado por indicador y periodo, como CSV o JSON"),
        usage: "ledger export [journal|state] [--as-of T] [--json|--csv]",
        options: [ReportOptions.asOf] + OutputFormat.options,
        examples: ["ledger export journal --csv > diario.csv", "ledger export state --json > estado.json", "ledger export state --as-of 2017-04-10 --csv"],
        discussion: Localized(
            "journal (the default): every event with who, when, what, value before and after, reason and source. state: one row per indicator and period with the target, the reading in force and its marks. JSON is the default format.",
            "journal (por omisión): cada evento con quién, cuándo, qué, valor antes y después, motivo y origen. state: una fila por indicador y periodo con la meta, la lectura vigente y sus marcas. El formato por omisión es JSON."),
        positionals: 0...1)

    static func run(_ context: Context) throws {
        let what = context.arguments.positionals.first ?? "journal"
        var format = try OutputFormat.from(context.arguments)
        if format == .text { format = .json }
        let cut = try ReportOptions.cut(context)
        let out = context.console.out
        switch what {
        case "journal":
            // Streamed: one row at a time, whatever the journal's length.
            var writer = AuditWriter(format: format, language: .en) { out.write($0) }
            try context.ledger.auditTrail(cut: cut) { entry, _ in writer.write(entry) }
            writer.end()
        case "state":
            var rows: [[Cell]] = []
            var columns: [Column] = []
            var head = ChainHead.empty
            try YearByYear.forEach(context.ledger, cut: cut) { state, _ in
                let t = StateExport.table(state)
                columns = t.columns
                rows += t.rows
                head = state.head
            }
            let table = Table(columns: columns.isEmpty ? StateExport.table(LedgerState()).columns : columns, rows: rows)
            if format == .csv {
                out.write(TableRenderer.csv(table))
            } else {
                var w = JSONWriter()
                w.raw("{")
                w.key("as_of", first: true); if let cut { w.string(cut.description) } else { w.raw("null") }
                w.key("head"); w.raw("{\"seq\":"); w.int(head.seq); w.raw(",\"hash\":"); w.string(head.hash.hex); w.raw("}")
                w.key("rows")
                TableRenderer.writeJSONRows(table, &w)
                w.raw("}\n")
                out.write(w.text)
            }
        default:
            throw UsageError(message: Localized("export takes journal or state, not \(what.clipped)", "export lleva journal o state, no \(what.clipped)"))
        }
    }
}

/// The state as rows: one per indicator and period of its frequency.
enum StateExport {
    static func table(_ state: LedgerState) -> Table {
        let columns = ["plan", "owner", "indicator", "name", "unit", "year", "frequency", "aggregation", "direction", "approved_target",
                       "annual_target", "period", "programmed", "executed", "reading_seq", "corrected", "post_close", "reprogrammed"].map { Column($0, $0) }
        var rows: [[Cell]] = []
        for id in state.indicatorOrder {
            let ind = state.indicators[id]!
            let d = ind.definition
            for p in Period.year(d.year).periods(of: d.frequency) {
                let r = ind.readings[p]
                rows.append([.text(d.plan), d.ownerCode.map(Cell.text) ?? .null, .text(d.id), .text(d.name), .text(d.unit), .integer(Int64(d.year)),
                             .text(d.frequency.rawValue), .text(d.aggregation.rawValue), .text(d.direction.rawValue), .number(d.annualTarget),
                             .number(ind.annualTarget), .text(p.description), Figures.programmed(for: p, of: ind).map(Cell.number) ?? .null,
                             r.flatMap { $0.measurement.value }.map(Cell.number) ?? .null, r.map { .integer($0.stamp.seq) } ?? .null,
                             .bool(r?.isCorrected ?? false), .bool(r?.isPostClose ?? false), .bool(ind.reprogrammed.contains(p))])
            }
        }
        return Table(columns: columns, rows: rows)
    }
}
