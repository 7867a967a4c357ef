// `pending`: who has not reported, by owning unit, as a list a planning
// office can mail (text), one JSON document, or CSV rows for a mail merge.

import LedgerCore

public enum PendingReport {
    public static func render(_ v: PendingView, format: ReportFormat, header: ReportHeader) -> String {
        switch format {
        case .json: return json(v, header) + "\n"
        case .csv: return TableRenderer.csv(table(v, header.language))
        case .text: return text(v, header)
        }
    }

    public static func json(_ v: PendingView, _ header: ReportHeader) -> String {
        var w = JSONWriter(capacity: 1024 + v.count * 200)
        w.raw("{")
        w.header(asOf: header.asOf, head: v.head, isDemo: header.isDemo)
        w.key("date"); w.string(v.date.description)
        w.key("entity"); w.string(v.entity)
        w.key("deadline_day"); w.int(v.deadlineDay)
        w.key("within"); w.optionalString(v.within?.description)
        w.key("plan"); w.optionalString(v.scope.plan)
        w.key("owner"); w.optionalString(v.scope.owner)
        w.key("pending"); w.int(v.count)
        w.key("late"); w.int(v.lateCount)
        w.key("units")
        w.raw("[")
        for (i, u) in v.units.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"owner\":"); w.optionalString(u.ownerCode)
            w.raw(",\"owner_name\":"); w.optionalString(u.ownerName)
            w.raw(",\"contact\":"); w.optionalString(u.contact)
            w.raw(",\"indicators\":[")
            for (j, item) in u.items.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{\"indicator\":"); w.string(item.heading.id)
                w.raw(",\"name\":"); w.string(item.heading.name)
                w.raw(",\"plan\":"); w.string(item.heading.plan)
                w.raw(",\"period\":"); w.string(item.period.description)
                w.raw(",\"deadline\":"); w.string(item.deadline.description)
                w.raw(",\"days_late\":"); w.int(item.daysLate)
                w.raw(",\"closed\":"); w.raw(item.isClosed ? "true" : "false")
                w.raw("}")
            }
            w.raw("]}")
        }
        w.raw("]}")
        return w.text
    }

    /// One row per missing reading, the unit's contact on each (for a mail merge).
    public static func table(_ v: PendingView, _ l: Language) -> Table {
        let es = l == .es
        let columns = [
            Column("owner", es ? "unidad" : "unit"),
            Column("owner_name", es ? "nombre de la unidad" : "unit name"),
            Column("contact", es ? "contacto" : "contact"),
            Column("indicator", es ? "indicador" : "indicator"),
            Column("name", es ? "nombre" : "name"),
            Column("plan", "plan"),
            Column("period", es ? "periodo" : "period"),
            Column("deadline", es ? "vencimiento" : "deadline"),
            Column("days_late", es ? "días de atraso" : "days late", alignRight: true),
            Column("closed", es ? "trimestre cerrado" : "quarter closed"),
        ]
        var rows: [[Cell]] = []
        for u in v.units {
            for item in u.items {
                rows.append([u.ownerCode.map(Cell.text) ?? .null, u.ownerName.map(Cell.text) ?? .null, u.contact.map(Cell.text) ?? .null,
                             .text(item.heading.id), .text(item.heading.name), .text(item.heading.plan), .text(item.period.description),
                             .text(item.deadline.description), .integer(Int64(item.daysLate)), .bool(item.isClosed)])
            }
        }
        return Table(columns: columns, rows: rows)
    }

    static func text(_ v: PendingView, _ h: ReportHeader) -> String {
        var out: [String] = []
        let scope = (v.scope.plan.map { " · plan \($0)" } ?? "") + (v.scope.owner.map { " · " + h.t("unit ", "unidad ") + $0 } ?? "")
            + (v.within.map { " · " + h.t("periods ending in ", "periodos que terminan en ") + $0.description } ?? "")
        out.append("\(v.entity) · " + h.t("readings not yet reported on ", "lecturas sin reportar al ") + v.date.description + scope)
        out.append(h.cutLine(v.head))
        out.append(h.t("Deadline: day \(v.deadlineDay) of the month after each period.", "Plazo: día \(v.deadlineDay) del mes siguiente a cada periodo."))
        out.append("")
        if v.units.isEmpty {
            out.append(h.t("Every period that is over has its reading.", "Todos los periodos vencidos tienen su lectura."))
            return out.joined(separator: "\n") + "\n"
        }
        for u in v.units {
            let name = [u.ownerCode, u.ownerName].compactMap { $0 }.joined(separator: " ")
            var line = name.isEmpty ? h.t("(no unit)", "(sin unidad)") : name
            line += " · " + (u.contact.map { h.t("contact: ", "contacto: ") + $0 } ?? h.t("no contact recorded", "sin contacto registrado"))
            out.append(line)
            let t = Table(columns: [Column("indicator", h.t("indicator", "indicador")), Column("name", h.t("name", "nombre")),
                                    Column("period", h.t("period", "periodo")), Column("deadline", h.t("due by", "vence")),
                                    Column("late", h.t("late", "atraso"))],
                          rows: u.items.map { item in
                              let late: String
                              switch item.daysLate {
                              case 0: late = h.t("not yet", "aún no")
                              case 1: late = h.t("1 day", "1 día")
                              default: late = h.t("\(item.daysLate) days", "\(item.daysLate) días")
                              }
                              return [.text(item.heading.id), .text(item.heading.name), .text(item.period.description),
                                      .text(item.deadline.description), .text(late + (item.isClosed ? h.t(" (quarter closed)", " (trimestre cerrado)") : ""))]
                          })
            out.append(TableRenderer.text(t, maxWidth: ["name": 40]).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n"))
            out.append("")
        }
        let units = v.units.count
        out.append(h.t("\(v.count) \(v.count == 1 ? "period" : "periods") without a reading (\(v.lateCount) late) in \(units) \(units == 1 ? "unit" : "units").",
                       "\(v.count) \(v.count == 1 ? "periodo" : "periodos") sin lectura (\(v.lateCount) con atraso) en \(units) \(units == 1 ? "unidad" : "unidades")."))
        return out.joined(separator: "\n") + "\n"
    }
}
