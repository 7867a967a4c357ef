// `status`: every indicator to date, as a table, JSON and CSV.

import LedgerCore

public enum StatusReport {
    public static func render(_ v: StatusView, format: ReportFormat, header: ReportHeader) -> String {
        switch format {
        case .json: return json(v, header) + "\n"
        case .csv: return TableRenderer.csv(table(v, header.language))
        case .text: return text(v, header)
        }
    }

    public static func json(_ v: StatusView, _ header: ReportHeader) -> String {
        var w = JSONWriter(capacity: 4096 + v.rows.count * 600)
        w.raw("{")
        w.header(asOf: header.asOf, head: v.head)
        w.key("entity"); w.string(v.entity)
        w.key("plan"); w.optionalString(v.scope.plan)
        w.key("owner"); w.optionalString(v.scope.owner)
        w.key("indicators")
        w.raw("[")
        for (i, r) in v.rows.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.heading(r.heading)
            w.key("through"); w.optionalString(r.through?.description)
            w.key("programmed"); w.decimal(r.toDate.programmed)
            w.key("executed"); w.decimal(r.toDate.executed)
            w.key("progress_pct"); w.decimal(r.progress)
            w.key("compliance_pct"); w.decimal(r.toDate.compliance)
            w.key("status"); w.string(r.toDate.status.rawValue)
            w.key("missing"); w.raw("["); w.raw(r.toDate.missing.map { "\"\($0)\"" }.joined(separator: ",")); w.raw("]")
            w.key("corrected"); w.raw(r.marks.corrected ? "true" : "false")
            w.key("post_close"); w.raw(r.marks.postClose ? "true" : "false")
            w.key("reprogrammed"); w.raw(r.marks.reprogrammed ? "true" : "false")
            w.key("observations"); w.observations(r.lastObservation.map { [$0] } ?? [])
            w.key("budget"); w.budget(r.budget)
            w.raw("}")
        }
        w.raw("]}")
        return w.text
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
                .text(Words.marks(r.marks)), Words.percent(r.budget?.financialProgress), Words.percent(r.budget?.weight),
                r.lastObservation.map { .text("\($0.period): \($0.text)") } ?? .null,
            ]
        }
        return Table(columns: columns, rows: rows)
    }

    static func text(_ v: StatusView, _ h: ReportHeader) -> String {
        var out: [String] = []
        out.append("\(v.entity) · " + h.t("status", "estado") + (v.scope.plan.map { " · plan \($0)" } ?? "")
                   + (v.scope.owner.map { " · " + h.t("unit ", "unidad ") + $0 } ?? ""))
        out.append(h.cutLine(v.head))
        out.append("")
        if v.rows.isEmpty {
            out.append(h.t("(no indicators)", "(no hay indicadores)"))
            return out.joined(separator: "\n") + "\n"
        }
        var t = table(v, h.language)
        if !v.rows.contains(where: { $0.budget != nil }) {
            let keep = (0..<t.columns.count).filter { !["financial_progress_pct", "weight_pct"].contains(t.columns[$0].key) }
            t.columns = keep.map { t.columns[$0] }
            t.rows = t.rows.map { row in keep.map { row[$0] } }
        }
        out.append(TableRenderer.text(t, maxWidth: ["name": 40, "last_observation": 50]))
        out.append("")
        out.append(Words.marksLegend(h.language))
        return out.joined(separator: "\n") + "\n"
    }
}
