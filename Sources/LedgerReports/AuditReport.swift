// The rows of `log`, `history` and `replay`: seq, at, actor, type,
// indicator, period, value, previous_value, reason.

import LedgerCore

public enum AuditReport {
    public static func table(_ entries: [AuditEntry], language: Language) -> Table {
        let es = language == .es
        let columns = [
            Column("seq", es ? "sec" : "seq", alignRight: true),
            Column("at", es ? "registrado (UTC)" : "recorded (UTC)"),
            Column("actor", "actor"),
            Column("type", es ? "tipo" : "type"),
            Column("indicator", es ? "indicador" : "indicator"),
            Column("period", es ? "periodo" : "period"),
            Column("value", es ? "valor" : "value", alignRight: false),
            Column("previous_value", es ? "valor anterior" : "previous value"),
            Column("reason", es ? "motivo" : "reason"),
            Column("post_close", es ? "post-cierre" : "post-close"),
            Column("os_user", es ? "cuenta SO" : "OS account"),
            Column("source", es ? "origen" : "source"),
        ]
        let rows: [[Cell]] = entries.map { e in
            [
                .integer(e.seq), .text(e.at.description), .text(e.actor), .text(e.type.commandName),
                e.indicator.map(Cell.text) ?? .null, e.period.map { .text($0.description) } ?? .null,
                e.value.map(Cell.text) ?? .null, e.previousValue.map(Cell.text) ?? .null, e.reason.map(Cell.text) ?? .null,
                .bool(e.isPostClose), .text(e.osUser), e.source.map(Cell.text) ?? .null,
            ]
        }
        return Table(columns: columns, rows: rows)
    }

    public static func render(_ entries: [AuditEntry], format: ReportFormat, language: Language, root: String) -> String {
        let t = table(entries, language: language)
        switch format {
        case .json:
            var w = JSONWriter()
            w.raw("{"); w.key(root, first: true)
            TableRenderer.writeJSONRows(t, &w)
            w.raw("}\n")
            return w.text
        case .csv:
            return TableRenderer.csv(t)
        case .text:
            if entries.isEmpty { return (language == .es ? "(sin eventos)" : "(no events)") + "\n" }
            // People read the short form; the OS account and source are in --json/--csv.
            var short = t
            short.columns = Array(t.columns.prefix(10))
            short.rows = t.rows.map { Array($0.prefix(10)) }
            return TableRenderer.text(short, maxWidth: ["value": 48, "reason": 48, "previous_value": 24],
                                      yes: language == .es ? "sí" : "yes", no: "") + "\n"
        }
    }
}

/// How a report is written.
public enum ReportFormat: Sendable {
    case text, json, csv
}

/// The language of a report (mirrors the CLI's).
public enum Language: Sendable {
    case es, en
}
