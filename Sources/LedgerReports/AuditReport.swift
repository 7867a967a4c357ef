// The rows of `log`, `history`, `replay` and `export journal`: seq, at,
// actor, type, indicator, period, value, previous_value, reason, note.
// JSON and CSV keep recorded times in UTC and every field whole; the table
// for people shows times in the ledger's local time and never cuts a
// reason, a reading's note or a long value: they follow their row in full.

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
            Column("note", es ? "nota" : "note"),
            Column("post_close", es ? "post-cierre" : "post-close"),
            Column("os_user", es ? "cuenta SO" : "OS account"),
            Column("source", es ? "origen" : "source"),
            Column("document", es ? "documento" : "document"),
            Column("signed_by", es ? "firmado por" : "signed by"),
        ]
        let rows: [[Cell]] = entries.map { e in
            [
                .integer(e.seq), .text(e.at.description), .text(e.actor), .text(e.type.word(language)),
                e.indicator.map(Cell.text) ?? .null, e.period.map { .text($0.description) } ?? .null,
                value(e, language).map(Cell.text) ?? .null, previousValue(e, language).map(Cell.text) ?? .null, e.reason.map(Cell.text) ?? .null,
                e.note.map(Cell.text) ?? .null, .bool(e.isPostClose), .text(e.osUser), e.source.map(Cell.text) ?? .null,
                e.document.map(Cell.text) ?? .null, e.signedBy.map(Cell.text) ?? .null,
            ]
        }
        return Table(columns: columns, rows: rows)
    }

    /// The actor as people read it: `ana (unsigned)` for an unsigned event
    /// recorded once the ledger had members.
    public static func actorText(_ e: AuditEntry, _ l: Language) -> String {
        e.isMarkedUnsigned ? e.actor + (l == .es ? " (sin firma)" : " (unsigned)") : e.actor
    }

    /// What the event set, in `language` (budget figures are worded; the
    /// rest is the entry's value as it is).
    static func value(_ e: AuditEntry, _ l: Language) -> String? {
        if l == .es, let b = e.budget { return budgetWords(b) }
        return e.value
    }

    static func previousValue(_ e: AuditEntry, _ l: Language) -> String? {
        if l == .es, let b = e.previousBudget { return budgetWords(b) }
        return e.previousValue
    }

    static func budgetWords(_ b: BudgetFigures) -> String { "modificado \(b.modified) devengado \(b.accrued) pagado \(b.paid)" }

    /// Widest a value is shown in its column before it moves below its row.
    static let valueWidth = 32

    /// The entries as a document; `isDemo`: the ledger is a demonstration,
    /// said first (text) or as `"demo":true` (JSON).
    public static func render(_ entries: [AuditEntry], format: ReportFormat, language: Language, root: String,
                              clock: LocalClock = .utc, isDemo: Bool = false) -> String {
        switch format {
        case .json:
            var w = JSONWriter()
            w.raw("{")
            if isDemo { w.key("demo", first: true); w.raw("true") }
            w.key(root, first: !isDemo)
            TableRenderer.writeJSONRows(table(entries, language: .en), &w)
            w.raw("}\n")
            return w.text
        case .csv:
            return TableRenderer.csv(table(entries, language: language), language: language)
        case .text:
            return (isDemo ? Words.demo(language) + "\n" : "") + text(entries, language: language, clock: clock)
        }
    }

    /// One line per event (local time, who, what, value before and after,
    /// post-close), then its long value, reason and note in full below it.
    /// The OS account and source are in --json and --csv.
    static func text(_ entries: [AuditEntry], language: Language, clock: LocalClock) -> String {
        let es = language == .es
        if entries.isEmpty { return (es ? "(sin eventos)" : "(no events)") + "\n" }
        let columns = [
            Column("seq", es ? "sec" : "seq", alignRight: true),
            Column("at", (es ? "registrado " : "recorded ") + "(\(clock.zone))"),
            Column("actor", "actor"),
            Column("type", es ? "tipo" : "type"),
            Column("indicator", es ? "indicador" : "indicator"),
            Column("period", es ? "periodo" : "period"),
            Column("value", es ? "valor" : "value"),
            Column("previous_value", es ? "valor anterior" : "previous value"),
            Column("post_close", es ? "post-cierre" : "post-close"),
        ]
        var rows: [[Cell]] = []
        var below: [[String]] = []
        let valueLabel = es ? "valor" : "value", previousLabel = es ? "valor anterior" : "previous value"
        for e in entries {
            var lines: [String] = []
            func fitted(_ text: String?, _ label: String) -> Cell {
                guard let text else { return .null }
                if text.count <= valueWidth { return .text(text) }
                lines.append("\(label): \(text)")
                return .text(String(text.prefix(valueWidth - 1)) + "…")
            }
            let value = fitted(self.value(e, language), valueLabel)
            let previous = fitted(previousValue(e, language), previousLabel)
            if let r = e.reason { lines.append((es ? "motivo: " : "reason: ") + r) }
            if let d = e.document { lines.append((es ? "documento: " : "document: ") + d) }
            if let n = e.note { lines.append((es ? "nota: " : "note: ") + n) }
            rows.append([.integer(e.seq), .text(clock.short(e.at)), .text(actorText(e, language)), .text(e.type.word(language)),
                         e.indicator.map(Cell.text) ?? .null, e.period.map { .text($0.description) } ?? .null,
                         value, previous, .bool(e.isPostClose)])
            below.append(lines)
        }
        let rendered = TableRenderer.text(Table(columns: columns, rows: rows), yes: es ? "sí" : "yes", no: "")
        let seqWidth = max(columns[0].header.count, entries.map { String($0.seq).count }.max() ?? 0)
        let indent = String(repeating: " ", count: seqWidth + 2)
        var out: [Substring] = []
        for (i, line) in rendered.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out.append(line)
            if i >= 2 { for extra in below[i - 2] { out.append(Substring(indent + extra)) } }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// Writes audit entries as they come (log, export): JSON and CSV row by
/// row, text in tables of at most `chunk` rows, so a journal of any length
/// is printed in bounded memory.
public struct AuditWriter {
    let format: ReportFormat
    let language: Language
    let root: String
    let clock: LocalClock
    let isDemo: Bool
    let sink: (String) -> Void
    var pending: [AuditEntry] = []
    var count = 0
    var begun = false
    public var chunk = 10_000

    /// Nothing is written until the first entry or `end`, so a journal that
    /// cannot be read leaves no half document behind.
    public init(format: ReportFormat, language: Language, root: String = "events", clock: LocalClock = .utc,
                isDemo: Bool = false, sink: @escaping (String) -> Void) {
        self.format = format
        self.language = language
        self.root = root
        self.clock = clock
        self.isDemo = isDemo
        self.sink = sink
    }

    mutating func begin() {
        guard !begun else { return }
        begun = true
        switch format {
        case .json: sink((isDemo ? "{\"demo\":true," : "{") + "\"\(root)\":[")
        case .csv: sink(TableRenderer.csv(AuditReport.table([], language: language), language: language))
        case .text: if isDemo { sink(Words.demo(language) + "\n") }
        }
    }

    public mutating func write(_ e: AuditEntry) {
        begin()
        switch format {
        case .json:
            var w = JSONWriter()
            TableRenderer.writeJSONRows(AuditReport.table([e], language: .en), &w)
            sink((count > 0 ? "," : "") + String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
        case .csv:
            let csv = TableRenderer.csv(AuditReport.table([e], language: language), byteOrderMark: false, language: language)
            sink(String(csv[csv.index(after: csv.firstIndex(of: "\r\n")!)...]))
        case .text:
            pending.append(e)
            if pending.count >= chunk { flushText() }
        }
        count += 1
    }

    mutating func flushText() {
        guard !pending.isEmpty else { return }
        sink((count > pending.count ? "\n" : "") + AuditReport.render(pending, format: .text, language: language, root: root, clock: clock))
        pending.removeAll(keepingCapacity: true)
    }

    public mutating func end() {
        begin()
        switch format {
        case .json: sink("]}\n")
        case .csv: break
        case .text:
            if count == 0 { sink(AuditReport.render([], format: .text, language: language, root: root)) } else { flushText() }
        }
    }
}
