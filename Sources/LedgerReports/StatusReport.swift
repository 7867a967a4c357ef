// `status`: every indicator to date, as a table, JSON and CSV.

import LedgerCore

public enum StatusReport {
    public static func render(_ v: StatusView, format: ReportFormat, header: ReportHeader) -> String {
        var out = ""
        var w = StatusWriter(format: format, header: header) { out += $0 }
        w.begin(entity: v.entity, scope: v.scope, head: v.head)
        w.rows(v)
        w.end()
        return out
    }

    public static func json(_ v: StatusView, _ header: ReportHeader) -> String {
        String(render(v, format: .json, header: header).dropLast())
    }

    static func jsonRow(_ r: StatusRow, _ w: inout JSONWriter) {
        w.raw("{")
        w.heading(r.heading)
        w.key("through"); w.optionalString(r.through?.description)
        w.key("programmed"); w.decimal(r.toDate.programmed)
        w.key("executed"); w.decimal(r.toDate.executed)
        w.key("progress_pct"); w.decimal(r.progress)
        w.key("compliance_pct"); w.decimal(r.toDate.compliance)
        w.key("status"); w.string(r.toDate.status.rawValue)
        w.key("missing"); w.raw("["); w.raw(r.toDate.missing.map { "\"\($0)\"" }.joined(separator: ",")); w.raw("]")
        w.key("awaiting"); w.raw("["); w.raw(r.toDate.awaiting.map { "\"\($0)\"" }.joined(separator: ",")); w.raw("]")
        w.key("corrected"); w.raw(r.marks.corrected ? "true" : "false")
        w.key("post_close"); w.raw(r.marks.postClose ? "true" : "false")
        w.key("reprogrammed"); w.raw(r.marks.reprogrammed ? "true" : "false")
        if r.marks.unsigned { w.key("unsigned"); w.raw("true") }
        w.key("observations"); w.observations(r.lastObservation.map { [$0] } ?? [])
        w.key("budget"); w.budget(r.budget)
        w.raw("}")
    }

    public static func table(_ v: StatusView, _ l: Language) -> Table {
        let es = l == .es
        let columns = [
            Column("indicator", es ? "indicador" : "indicator"),
            Column("name", es ? "nombre" : "name"),
            Column("unit", es ? "u. medida" : "measure"),
            Column("approved_target", es ? "meta aprobada" : "approved", alignRight: true),
            Column("annual_target", es ? "meta modificada" : "annual target", alignRight: true),
            Column("through", es ? "al mes" : "through"),
            Column("programmed", es ? "programado" : "programmed", alignRight: true),
            Column("executed", es ? "ejecutado" : "executed", alignRight: true),
            Column("progress_pct", es ? "avance %" : "progress %", alignRight: true),
            Column("compliance_pct", es ? "cumpl. %" : "compl. %", alignRight: true),
            Column("status", es ? "semáforo" : "status"),
            Column("missing", es ? "faltantes" : "missing"),
            Column("awaiting", es ? "por reportar" : "awaiting"),
            Column("marks", es ? "marcas" : "marks"),
            Column("financial_progress_pct", es ? "av. fin. %" : "fin. progress %", alignRight: true),
            Column("weight_pct", es ? "ponderado %" : "weight %", alignRight: true),
            Column("last_observation", es ? "última observación" : "last observation"),
        ]
        let rows: [[Cell]] = v.rows.map { r in
            [
                .text(r.heading.id), .text(r.heading.name), .text(r.heading.unit), .number(r.heading.approvedTarget),
                .number(r.heading.annualTarget), r.through.map { .text($0.description) } ?? .null,
                Words.figure(r.toDate.programmed, applicable: r.toDate.isApplicable),
                Words.figure(r.toDate.executed, applicable: r.toDate.isApplicable),
                Words.percent(r.progress), Words.percent(r.toDate.compliance), .text(Words.status(r.toDate.status, l)),
                QuarterReport.periods(r.toDate.missing), QuarterReport.periods(r.toDate.awaiting),
                .text(Words.marks(r.marks)), Words.percent(r.budget?.financialProgress), Words.percent(r.budget?.weight),
                r.lastObservation.map { .text("\($0.period): \($0.text)") } ?? .null,
            ]
        }
        return Table(columns: columns, rows: rows)
    }
}

/// Writes the status report in pieces (one fiscal year at a time on a large
/// ledger), so the whole report is never held in memory.
public struct StatusWriter {
    let format: ReportFormat
    let header: ReportHeader
    let sink: (String) -> Void
    /// Text output: a heading before each piece ("Year 2017").
    public var yearHeadings = false
    /// JSON: end with a newline (false to nest the report in another document).
    public var finalNewline = true
    private var rowCount = 0
    private var hasBudget = false
    /// Some row bore the U mark (its legend is said then).
    private var sawUnsigned = false

    public init(format: ReportFormat, header: ReportHeader, sink: @escaping (String) -> Void) {
        self.format = format
        self.header = header
        self.sink = sink
    }

    public mutating func begin(entity: String, scope: ReportScope, head: ChainHead) {
        let h = header
        switch format {
        case .json:
            var w = JSONWriter()
            w.raw("{")
            w.header(asOf: h.asOf, head: head, isDemo: h.isDemo)
            w.key("entity"); w.string(entity)
            w.key("plan"); w.optionalString(scope.plan)
            w.key("owner"); w.optionalString(scope.owner)
            w.key("indicators")
            w.raw("[")
            sink(w.text)
        case .csv:
            sink(TableRenderer.csv(StatusReport.table(StatusView(entity: entity, scope: scope, head: head, rows: []), h.language), language: h.language))
        case .text:
            sink("\(entity) · " + h.t("status", "estado") + (scope.plan.map { " · plan \($0)" } ?? "")
                 + (scope.owner.map { " · " + h.t("unit ", "unidad ") + $0 } ?? "") + "\n" + h.cutLine(head) + "\n\n")
        }
    }

    public mutating func rows(_ v: StatusView, year: Int? = nil) {
        guard !v.rows.isEmpty else { return }
        defer { rowCount += v.rows.count }
        if !sawUnsigned { sawUnsigned = v.rows.contains { $0.marks.unsigned } }
        switch format {
        case .json:
            var w = JSONWriter(capacity: v.rows.count * 600)
            for (i, r) in v.rows.enumerated() {
                if rowCount + i > 0 { w.raw(",") }
                StatusReport.jsonRow(r, &w)
            }
            sink(w.text)
        case .csv:
            let csv = TableRenderer.csv(StatusReport.table(v, header.language), byteOrderMark: false, language: header.language)
            sink(String(csv[csv.index(after: csv.firstIndex(of: "\r\n")!)...]))
        case .text:
            var t = StatusReport.table(v, header.language)
            // Missing and awaited periods: columns only when some row has them.
            let noMissing = !v.rows.contains { !$0.toDate.missing.isEmpty }, noAwaiting = !v.rows.contains { !$0.toDate.awaiting.isEmpty }
            for (i, c) in t.columns.enumerated() where c.key == "missing" || c.key == "awaiting" {
                for (j, r) in v.rows.enumerated() {
                    let list = c.key == "missing" ? r.toDate.missing : r.toDate.awaiting
                    t.rows[j][i] = list.isEmpty ? .null : .text(Words.periodRuns(list))
                }
            }
            let shown = (0..<t.columns.count).filter { !(noMissing && t.columns[$0].key == "missing") && !(noAwaiting && t.columns[$0].key == "awaiting") }
            t.columns = shown.map { t.columns[$0] }
            t.rows = t.rows.map { row in shown.map { row[$0] } }
            if !v.rows.contains(where: { $0.budget != nil }) {
                let keep = (0..<t.columns.count).filter { !["financial_progress_pct", "weight_pct"].contains(t.columns[$0].key) }
                t.columns = keep.map { t.columns[$0] }
                t.rows = t.rows.map { row in keep.map { row[$0] } }
            } else {
                hasBudget = true
            }
            var text = ""
            if yearHeadings, let year {
                text += (rowCount > 0 ? "\n" : "") + header.t("Fiscal year \(year)", "Ejercicio \(year)") + "\n"
            }
            sink(text + TableRenderer.text(t, maxWidth: ["name": 40, "last_observation": 50]) + "\n")
        }
    }

    public mutating func end() {
        switch format {
        case .json: sink(finalNewline ? "]}\n" : "]}")
        case .csv: break
        case .text:
            sink(rowCount == 0 ? header.t("(no indicators)", "(no hay indicadores)") + "\n" : "\n" + Words.marksLegend(header.language, unsigned: sawUnsigned) + "\n")
        }
    }
}
