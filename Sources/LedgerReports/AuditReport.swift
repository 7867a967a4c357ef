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
            Column("document", es ? "documento" : "document"),
        ]
        let rows: [[Cell]] = entries.map { e in
            [
                .integer(e.seq), .text(e.at.description), .text(e.actor), .text(e.type.commandName),
                e.indicator.map(Cell.text) ?? .null, e.period.map { .text($0.description) } ?? .null,
                e.value.map(Cell.text) ?? .null, e.previousValue.map(Cell.text) ?? .null, e.reason.map(Cell.text) ?? .null,
                .bool(e.isPostClose), .text(e.osUser), e.source.map(Cell.text) ?? .null, e.document.map(Cell.text) ?? .null,
            ]
        }
        return Table(columns: columns, rows: rows)
    }

    /// The entries as a document; `isDemo`: the ledger is a demonstration,
    /// said first (text) or as `"demo":true` (JSON).
    public static func render(_ entries: [AuditEntry], format: ReportFormat, language: Language, root: String, isDemo: Bool = false) -> String {
        let t = table(entries, language: language)
        switch format {
        case .json:
            var w = JSONWriter()
            w.raw("{")
            if isDemo { w.key("demo", first: true); w.raw("true") }
            w.key(root, first: !isDemo)
            TableRenderer.writeJSONRows(t, &w)
            w.raw("}\n")
            return w.text
        case .csv:
            return TableRenderer.csv(t)
        case .text:
            let demo = isDemo ? Words.demo(language) + "\n" : ""
            if entries.isEmpty { return demo + (language == .es ? "(sin eventos)" : "(no events)") + "\n" }
            // People read the short form; the OS account and source are in
            // --json/--csv; the authorising document when some event has one.
            var short = t
            let keep = Array(0..<10) + (entries.contains { $0.document != nil } ? [t.columns.count - 1] : [])
            short.columns = keep.map { t.columns[$0] }
            short.rows = t.rows.map { row in keep.map { row[$0] } }
            return demo + TableRenderer.text(short, maxWidth: ["value": 48, "reason": 48, "previous_value": 24, "document": 32],
                                             yes: language == .es ? "sí" : "yes", no: "") + "\n"
        }
    }
}

/// Writes audit entries as they come (log, export): JSON and CSV row by
/// row, text in tables of at most `chunk` rows, so a journal of any length
/// is printed in bounded memory.
public struct AuditWriter {
    let format: ReportFormat
    let language: Language
    let root: String
    let sink: (String) -> Void
    var pending: [AuditEntry] = []
    var count = 0
    public var chunk = 10_000

    public init(format: ReportFormat, language: Language, root: String = "events", isDemo: Bool = false, sink: @escaping (String) -> Void) {
        self.format = format
        self.language = language
        self.root = root
        self.sink = sink
        switch format {
        case .json: sink((isDemo ? "{\"demo\":true," : "{") + "\"\(root)\":[")
        case .csv: sink(TableRenderer.csv(AuditReport.table([], language: language)))
        case .text: if isDemo { sink(Words.demo(language) + "\n") }
        }
    }

    public mutating func write(_ e: AuditEntry) {
        switch format {
        case .json:
            var w = JSONWriter()
            TableRenderer.writeJSONRows(AuditReport.table([e], language: language), &w)
            sink((count > 0 ? "," : "") + String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
        case .csv:
            let csv = TableRenderer.csv(AuditReport.table([e], language: language), byteOrderMark: false)
            sink(String(csv[csv.index(after: csv.firstIndex(of: "\r\n")!)...]))
        case .text:
            pending.append(e)
            if pending.count >= chunk { flushText() }
        }
        count += 1
    }

    mutating func flushText() {
        guard !pending.isEmpty else { return }
        sink((count > pending.count ? "\n" : "") + AuditReport.render(pending, format: .text, language: language, root: root))
        pending.removeAll(keepingCapacity: true)
    }

    public mutating func end() {
        switch format {
        case .json: sink("]}\n")
        case .csv: break
        case .text:
            if count == 0 { sink(AuditReport.render([], format: .text, language: language, root: root)) } else { flushText() }
        }
    }
}
