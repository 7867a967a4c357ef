// `quarter`: the quarter view as a table for people, JSON and CSV.

import LedgerCore

public enum QuarterReport {
    public static func render(_ v: QuarterView, format: ReportFormat, header: ReportHeader) -> String {
        switch format {
        case .json: return json(v, header) + "\n"
        case .csv: return TableRenderer.csv(table(v, header.language), language: header.language)
        case .text: return header.wide ? wideText(v, header) : QuarterText.render(v, header)
        }
    }

    /// `horizonFields`: with the periods awaited and the readings' notes of
    /// each row (false only to re-derive snapshots of formats 1 to 3, which
    /// did not show them).
    public static func json(_ v: QuarterView, _ header: ReportHeader, horizonFields: Bool = true) -> String {
        var w = JSONWriter(capacity: 4096 + v.rows.count * 700)
        w.raw("{")
        w.header(asOf: header.asOf, head: v.head, isDemo: header.isDemo)
        w.key("quarter"); w.string(v.quarter.description)
        w.key("entity"); w.string(v.entity)
        w.key("plan"); w.optionalString(v.scope.plan)
        w.key("owner"); w.optionalString(v.scope.owner)
        w.key("closed"); w.raw(v.isClosed ? "true" : "false")
        w.key("indicators")
        w.raw("[")
        for (i, r) in v.rows.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            w.heading(r.heading)
            w.key("applicable"); w.raw(r.quarter.isApplicable ? "true" : "false")
            w.key("programmed"); w.decimal(r.quarter.programmed)
            w.key("executed"); w.decimal(r.quarter.executed)
            w.key("compliance_pct"); w.decimal(r.quarter.compliance)
            w.key("status"); w.string(r.quarter.status.rawValue)
            w.key("missing"); w.raw("["); w.raw(r.quarter.missing.map { "\"\($0)\"" }.joined(separator: ",")); w.raw("]")
            if horizonFields { w.key("awaiting"); w.raw("["); w.raw(r.quarter.awaiting.map { "\"\($0)\"" }.joined(separator: ",")); w.raw("]") }
            w.key("ytd_programmed"); w.decimal(r.yearToDate.programmed)
            w.key("ytd_executed"); w.decimal(r.yearToDate.executed)
            w.key("ytd_compliance_pct"); w.decimal(r.yearToDate.compliance)
            w.key("ytd_status"); w.string(r.yearToDate.status.rawValue)
            w.key("progress_pct"); w.decimal(r.progress)
            w.key("corrected"); w.raw(r.marks.corrected ? "true" : "false")
            w.key("post_close"); w.raw(r.marks.postClose ? "true" : "false")
            w.key("reprogrammed"); w.raw(r.marks.reprogrammed ? "true" : "false")
            if r.marks.unsigned { w.key("unsigned"); w.raw("true") }
            w.key("observations"); w.observations(r.observations)
            if horizonFields {
                w.key("notes"); w.raw("[")
                for (i, n) in r.notes.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.raw("{\"period\":"); w.string(n.period.description)
                    w.raw(",\"text\":"); w.string(n.text)
                    w.raw(",\"seq\":"); w.int(n.seq)
                    w.raw("}")
                }
                w.raw("]")
            }
            w.key("budget"); w.budget(r.budget)
            w.raw("}")
        }
        w.raw("]")
        w.key("units")
        w.raw("[")
        for (i, u) in v.units.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"owner\":"); w.optionalString(u.ownerCode)
            w.raw(",\"owner_name\":"); w.optionalString(u.ownerName)
            w.raw(",\"indicators\":"); w.int(u.indicators)
            w.raw(",\"green\":"); w.int(u.green)
            w.raw(",\"yellow\":"); w.int(u.yellow)
            w.raw(",\"red\":"); w.int(u.red)
            w.raw(",\"none\":"); w.int(u.none)
            w.raw(",\"mean_compliance_pct\":"); w.decimal(u.meanCompliance)
            w.raw("}")
        }
        w.raw("]}")
        return w.text
    }

    /// One row per indicator, for CSV and for the text table.
    /// `horizonFields`: with the quarter's missing and awaited periods (false
    /// only for snapshots of formats 1 to 3).
    public static func table(_ v: QuarterView, _ l: Language, horizonFields: Bool = true) -> Table {
        let es = l == .es
        var columns = [
            Column("owner", es ? "unidad" : "unit"),
            Column("indicator", es ? "indicador" : "indicator"),
            Column("name", es ? "nombre" : "name"),
            Column("unit", es ? "u. medida" : "measure"),
            Column("annual_target", es ? "meta anual" : "annual target", alignRight: true),
            Column("programmed", es ? "programado" : "programmed", alignRight: true),
            Column("executed", es ? "ejecutado" : "executed", alignRight: true),
            Column("compliance_pct", es ? "cumpl. %" : "compl. %", alignRight: true),
            Column("status", es ? "semáforo" : "status"),
            Column("ytd_programmed", es ? "prog. acum." : "ytd programmed", alignRight: true),
            Column("ytd_executed", es ? "ejec. acum." : "ytd executed", alignRight: true),
            Column("ytd_compliance_pct", es ? "cumpl. acum. %" : "ytd compl. %", alignRight: true),
            Column("progress_pct", es ? "avance %" : "progress %", alignRight: true),
            Column("marks", es ? "marcas" : "marks"),
            Column("financial_progress_pct", es ? "av. fin. %" : "fin. progress %", alignRight: true),
            Column("weight_pct", es ? "ponderado %" : "weight %", alignRight: true),
            Column("observations", es ? "observaciones" : "observations"),
        ]
        if horizonFields {
            columns.insert(contentsOf: [Column("missing", es ? "faltantes" : "missing"), Column("awaiting", es ? "por reportar" : "awaiting")], at: 9)
        }
        let rows: [[Cell]] = v.rows.map { r in
            var row: [Cell] = [
                r.heading.ownerCode.map(Cell.text) ?? .null, .text(r.heading.id), .text(r.heading.name), .text(r.heading.unit),
                .number(r.heading.annualTarget),
                Words.figure(r.quarter.programmed, applicable: r.quarter.isApplicable),
                Words.figure(r.quarter.executed, applicable: r.quarter.isApplicable),
                Words.percent(r.quarter.compliance), .text(Words.status(r.quarter.status, l)),
                Words.figure(r.yearToDate.programmed, applicable: r.yearToDate.isApplicable),
                Words.figure(r.yearToDate.executed, applicable: r.yearToDate.isApplicable),
                Words.percent(r.yearToDate.compliance), Words.percent(r.progress), .text(Words.marks(r.marks, questioned: horizonFields)),
                Words.percent(r.budget?.financialProgress), Words.percent(r.budget?.weight),
                .text(r.observations.map { "\($0.period): \($0.text)" }.joined(separator: " | ")),
            ]
            if horizonFields {
                row.insert(contentsOf: [periods(r.quarter.missing), periods(r.quarter.awaiting)], at: 9)
            }
            return row
        }
        return Table(columns: columns, rows: rows)
    }

    /// Periods as one cell: `2017-02 2017-03`, or empty.
    static func periods(_ list: [Period]) -> Cell {
        list.isEmpty ? .null : .text(list.map(\.description).joined(separator: " "))
    }

    /// `quarter --wide`: every column in one table, however wide.
    static func wideText(_ v: QuarterView, _ h: ReportHeader) -> String {
        let l = h.language
        var out: [String] = []
        out.append("\(v.entity) · " + h.t("quarter ", "trimestre ") + v.quarter.description
                   + (v.scope.plan.map { " · plan \($0)" } ?? "") + (v.scope.owner.map { " · " + h.t("unit ", "unidad ") + $0 } ?? ""))
        out.append(h.cutLine(v.head))
        if v.isClosed { out.append(h.t("The quarter is closed.", "El trimestre está cerrado.")) }
        out.append("")
        if v.rows.isEmpty {
            out.append(h.t("(no indicators for this quarter)", "(no hay indicadores para este trimestre)"))
            return out.joined(separator: "\n") + "\n"
        }
        var t = table(v, l)
        // People read the figures; observations follow the table, and the
        // budget columns only when some indicator has a budget.
        let hasBudget = v.rows.contains { $0.budget != nil }
        var keep = Array(0..<(t.columns.count - 1))
        if !hasBudget { keep.removeAll { t.columns[$0].key == "financial_progress_pct" || t.columns[$0].key == "weight_pct" } }
        if !v.rows.contains(where: { !$0.quarter.missing.isEmpty }) { keep.removeAll { t.columns[$0].key == "missing" } }
        if !v.rows.contains(where: { !$0.quarter.awaiting.isEmpty }) { keep.removeAll { t.columns[$0].key == "awaiting" } }
        t.columns = keep.map { t.columns[$0] }
        t.rows = t.rows.map { row in keep.map { row[$0] } }
        out.append(TableRenderer.text(t, maxWidth: ["name": 40]))
        out.append("")
        out.append(h.t("Units:", "Unidades:"))
        for u in v.units {
            let name = [u.ownerCode, u.ownerName].compactMap { $0 }.joined(separator: " ")
            out.append("  " + (name.isEmpty ? h.t("(no unit)", "(sin unidad)") : name) + ": "
                       + h.t("indicators \(u.indicators)", "indicadores \(u.indicators)")
                       + " · \(Words.status(.green, l)) \(u.green), \(Words.status(.yellow, l)) \(u.yellow), \(Words.status(.red, l)) \(u.red), - \(u.none)"
                       + (u.meanCompliance.map { " · " + h.t("mean compliance ", "cumplimiento medio ") + $0.grouped + " %" } ?? ""))
        }
        let observed = v.rows.filter { !$0.observations.isEmpty || !$0.notes.isEmpty }
        if !observed.isEmpty {
            out.append("")
            out.append(h.t("Observations and notes on the readings:", "Observaciones y notas de las lecturas:"))
            for r in observed {
                for o in r.observations { out.append("  \(r.heading.id) \(o.period): \(o.text) (\(o.stamp.actor), \(o.stamp.at))") }
                for n in r.notes { out.append("  \(r.heading.id) \(n.period) " + h.t("reading note: ", "nota de la lectura: ") + n.text) }
            }
        }
        out.append("")
        out.append(Words.marksLegend(l, unsigned: v.rows.contains { $0.marks.unsigned }))
        return out.joined(separator: "\n") + "\n"
    }
}
