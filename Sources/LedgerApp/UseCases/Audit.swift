// The auditor's questions about change: `history` of one indicator, `log`
// (the audit trail, filtered), `replay` of the journal to a time, and
// `diff` between two recorded times.

import LedgerCore
import LedgerReports

/// What `log` keeps: by actor, recorded time, indicator and event type.
public struct LogFilter: Sendable {
    public var actor: String?
    /// A bare date here means the first instant of that day.
    public var since: TimeSpec?
    public var until: TimeSpec?
    public var indicator: String?
    public var type: EventType?

    public init(actor: String? = nil, since: TimeSpec? = nil, until: TimeSpec? = nil, indicator: String? = nil, type: EventType? = nil) {
        self.actor = actor
        self.since = since
        self.until = until
        self.indicator = indicator
        self.type = type
    }
}

extension Session {
    /// Every event that touched `indicator` (recorded by the cut), each with
    /// the value before and after, made against the indicator's own state.
    public func history(_ indicator: String, asOf: TimeSpec?, format: ReportFormat, language: Language) throws -> String {
        let cut = try cut(asOf)
        var entries: [AuditEntry] = []
        var state = LedgerState()
        for event in try ledger.events(about: indicator, cut: cut) {
            entries.append(AuditTrail.entry(for: event, before: state))
            state.apply(event)
        }
        guard state.indicators[indicator] != nil else { throw Refusal.unknownIndicator(indicator) }
        return AuditReport.render(entries, format: format, language: language, root: "events", isDemo: try isDemo())
    }

    /// The audit trail, filtered, written as it is read (any journal length).
    public func log(_ filter: LogFilter, format: ReportFormat, language: Language, write: @escaping (String) -> Void) throws {
        var keep = AuditFilter(actor: filter.actor, indicator: filter.indicator, type: filter.type)
        keep.since = try filter.since.map(instant)
        keep.until = try filter.until.map(instant)
        var writer = AuditWriter(format: format, language: language, isDemo: try isDemo(), sink: write)
        try ledger.auditTrail(cut: keep.until, keep: keep.keeps) { entry, _ in writer.write(entry) }
        writer.end()
    }

    /// The journal up to `until`, event by event with the figure each
    /// changed, then the state at that time (JSON or text).
    public func replay(until: TimeSpec, untilText: String, json: Bool, language: Language, write: @escaping (String) -> Void) throws {
        let cut = try instant(until)
        let demo = try isDemo()
        let header = ReportHeader(language: language, asOf: cut, asOfText: untilText, isDemo: demo)
        if json { write("{\"until\":\"\(cut.description)\"" + (demo ? ",\"demo\":true" : "") + ",\"events\":[") }
        var first = true
        try ledger.auditTrail(cut: cut) { entry, _ in
            if json {
                var w = JSONWriter()
                TableRenderer.writeJSONRows(AuditReport.table([entry], language: .en), &w)
                write((first ? "" : ",") + String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
            } else {
                write(ReplayText.line(entry, language) + "\n")
            }
            first = false
        }
        write(json ? "],\"state\":" : "\n")
        var writer = StatusWriter(format: json ? .json : .text, header: header, sink: write)
        writer.finalNewline = !json
        var begun = false
        try eachYear(cut: cut) { state, year in
            let part = Views.status(of: state)
            if !begun {
                writer.yearHeadings = year != nil
                writer.begin(entity: part.entity, scope: ReportScope(), head: part.head)
                begun = true
            }
            writer.rows(part, year: year)
        }
        if !begun { writer.begin(entity: "", scope: ReportScope(), head: .empty) }
        writer.end()
        if json { write("}\n") }
    }

    /// What changed in the reported figures between two recorded times, and
    /// the events (who, when, why) that changed them.
    public func diff(from: Timestamp, to: Timestamp, quarter: Period?, format: ReportFormat, language: Language) throws -> String {
        let (before, first) = try state(cut: from)
        var after = before
        var between: [RecordedEvent] = []
        _ = try ledger.advance(&after, from: first.cursor, cut: to) { event, _ in between.append(event) }
        let changes = DiffView.changes(before: before, after: after, between: between, quarter: quarter)
        return DiffReport.render(changes, format: format, language: language, from: from, to: to, heads: (before.head, after.head),
                                 isDemo: try isDemo())
    }
}
