// `diff` and `replay` renderings.

import LedgerCore

public enum DiffReport {
    public static func table(_ changes: [FigureChange], _ l: Language) -> Table {
        let es = l == .es
        let columns = [
            Column("indicator", es ? "indicador" : "indicator"),
            Column("period", es ? "periodo" : "period"),
            Column("figure", es ? "cifra" : "figure"),
            Column("before", es ? "antes" : "before", alignRight: true),
            Column("after", es ? "después" : "after", alignRight: true),
            Column("events", es ? "eventos (sec actor registrado)" : "events (seq actor recorded)"),
            Column("reasons", es ? "motivos" : "reasons"),
            Column("documents", es ? "documentos" : "documents"),
        ]
        let rows: [[Cell]] = changes.map { c in
            [.text(c.indicator), c.period.map { .text($0.description) } ?? .null, .text(figureWord(c.figure, l)),
             value(c.before, c.figure, l).map(Cell.text) ?? .null, value(c.after, c.figure, l).map(Cell.text) ?? .null,
             .text(c.events.map { "\($0.seq) \($0.actor) \($0.at)" }.joined(separator: "; ")),
             // Each reason with the seq of the event that gave it: a figure made by
             // several events shows whose reason is whose.
             .text(zip(c.events, c.reasons).compactMap { e, r in r.map { "\(e.seq): \($0)" } }.joined(separator: "; ")),
             .text(zip(c.events, c.documents).compactMap { e, d in d.map { "\(e.seq): \($0)" } }.joined(separator: "; "))]
        }
        return Table(columns: columns, rows: rows)
    }

    /// A figure's name in Spanish for Spanish tables (JSON keeps the keys,
    /// and English tables show them as they are).
    static func figureWord(_ key: String, _ l: Language) -> String {
        guard l == .es else { return key }
        switch key {
        case "annual_target": return "meta anual"
        case "programmed": return "programado"
        case "executed": return "ejecutado"
        case "observations": return "observaciones"
        case "modified": return "modificado"
        case "accrued": return "devengado"
        case "paid": return "pagado"
        case "quarter_programmed": return "programado del trimestre"
        case "quarter_executed": return "ejecutado del trimestre"
        case "quarter_compliance_pct": return "cumplimiento del trimestre %"
        case "quarter_status": return "semáforo del trimestre"
        case "closed": return "cerrado"
        default: return key
        }
    }

    /// A figure's value for people: status words and yes in their language.
    static func value(_ v: String?, _ figure: String, _ l: Language) -> String? {
        guard let v else { return nil }
        if figure == "quarter_status", let s = Status(rawValue: v) { return Words.status(s, l) }
        if figure == "closed", v == "true" { return l == .es ? "sí" : "yes" }
        return v
    }

    public static func render(_ changes: [FigureChange], format: ReportFormat, language l: Language, from: Timestamp, to: Timestamp,
                              heads: (ChainHead, ChainHead), isDemo: Bool = false) -> String {
        switch format {
        case .csv: return TableRenderer.csv(table(changes, l), language: l)
        case .json:
            var w = JSONWriter()
            w.raw("{\"from\":"); w.string(from.description)
            w.raw(",\"to\":"); w.string(to.description)
            w.raw(",\"head_from\":{\"seq\":"); w.int(heads.0.seq); w.raw(",\"hash\":"); w.string(heads.0.hash.hex)
            w.raw("},\"head_to\":{\"seq\":"); w.int(heads.1.seq); w.raw(",\"hash\":"); w.string(heads.1.hash.hex)
            w.raw("}")
            if isDemo { w.raw(",\"demo\":true") }
            w.raw(",\"changes\":[")
            for (i, c) in changes.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"indicator\":"); w.string(c.indicator)
                w.raw(",\"period\":"); w.optionalString(c.period?.description)
                w.raw(",\"figure\":"); w.string(c.figure)
                w.raw(",\"before\":"); w.optionalString(c.before)
                w.raw(",\"after\":"); w.optionalString(c.after)
                w.raw(",\"events\":[")
                for (j, s) in c.events.enumerated() {
                    if j > 0 { w.raw(",") }
                    w.raw("{\"seq\":"); w.int(s.seq)
                    w.raw(",\"at\":"); w.string(s.at.description)
                    w.raw(",\"actor\":"); w.string(s.actor)
                    w.raw(",\"reason\":"); w.optionalString(c.reasons[j])
                    w.raw(",\"document\":"); w.optionalString(j < c.documents.count ? c.documents[j] : nil)
                    w.raw("}")
                }
                w.raw("]}")
            }
            w.raw("]}\n")
            return w.text
        case .text:
            var out = [(l == .es ? "Cambios entre " : "Changes between ") + "\(from) (\(heads.0.digest)) " + (l == .es ? "y " : "and ") + "\(to) (\(heads.1.digest))"]
            if isDemo { out.append(Words.demo(l)) }
            out.append("")
            if changes.isEmpty {
                out.append(l == .es ? "(ninguna cifra cambió)" : "(no figure changed)")
            } else {
                var t = table(changes, l)
                // The documents column only when some change has one: most diffs have none.
                if !changes.contains(where: { $0.documents.contains { $0 != nil } }) {
                    t.columns.removeLast()
                    t.rows = t.rows.map { Array($0.dropLast()) }
                }
                out.append(TableRenderer.text(t, maxWidth: ["before": 40, "after": 40, "reasons": 60, "documents": 40]))
            }
            return out.joined(separator: "\n") + "\n"
        }
    }
}

public enum ReplayText {
    /// "12 2017-03-06 10:00:00 -06:00 luis: MED 2017-02 executed 262 -> 300 (Error de captura)",
    /// the time in the ledger's zone; a reading's note follows it.
    public static func line(_ e: AuditEntry, _ l: Language, clock: LocalClock = .utc) -> String {
        let es = l == .es
        let subject = [e.indicator, e.period?.description].compactMap { $0 }.joined(separator: " ")
        let what: String
        switch e.type {
        case .ledgerOpened: what = (es ? "ledger abierto: " : "ledger opened: ") + (e.value ?? "")
        case .indicatorDefined: what = "\(subject) " + (es ? "definido, meta anual " : "defined, annual target ") + (e.value ?? "")
        case .targetChanged:
            let figure = e.period == nil ? (es ? "meta anual" : "annual target") : (es ? "programado" : "programmed")
            what = "\(subject) \(figure) \(e.previousValue ?? "-") -> \(e.value ?? "-")"
        case .readingRecorded, .readingCorrected:
            what = "\(subject) " + (es ? "ejecutado" : "executed") + " \(e.previousValue ?? "-") -> \(e.value ?? "-")"
                + (e.isPostClose ? (es ? " [post-cierre]" : " [post-close]") : "")
        case .observationAdded: what = "\(subject) " + (es ? "observación: " : "observation: ") + (e.value ?? "")
        case .budgetRecorded: what = "\(subject) " + (es ? "presupuesto " : "budget ") + (AuditReport.value(e, l) ?? "")
        case .quarterClosed: what = "\(subject) " + (es ? "cerrado" : "closed") + (e.value.map { " (plan \($0))" } ?? "")
        case .segmentSealed: what = (es ? "eventos sellados en un segmento: " : "events sealed into a segment: ") + (e.value ?? "")
        case .deadlineSet: what = (es ? "plazo de reporte: día " : "reporting deadline: day ") + "\(e.previousValue ?? "-") -> \(e.value ?? "-")"
        case .unitDescribed: what = (es ? "unidad: " : "unit: ") + "\(e.previousValue ?? "-") -> \(e.value ?? "-")"
        case .indicatorAmended: what = "\(subject) " + (es ? "modificado: " : "amended: ") + "\(e.previousValue ?? "-") -> \(e.value ?? "-")"
        case .memberAdded: what = (es ? "miembro dado de alta: " : "member added: ") + (e.value ?? "")
        case .memberRolesChanged: what = (es ? "roles de miembro: " : "member roles: ") + (e.value ?? "")
        case .memberRemoved: what = (es ? "miembro dado de baja: " : "member removed: ") + (e.value ?? "")
        case .signaturesRequired: what = es ? "firmas obligatorias desde aquí" : "signatures required from here on"
        case .quarterAttested: what = "\(subject) " + (es ? "validado: " : "attested: ") + (e.value ?? "")
        case .batchSigned: what = (es ? "firma de los eventos " : "signature of events ") + (e.value ?? "")
        }
        let note = e.note.map { (es ? " [nota: " : " [note: ") + $0 + "]" } ?? ""
        return "\(e.seq) \(clock.short(e.at)) \(AuditReport.actorText(e, l)): \(what)" + note + (e.reason.map { " (\($0))" } ?? "") + (e.document.map { " [\($0)]" } ?? "")
    }
}
