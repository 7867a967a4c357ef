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
    /// `--plan`, `--owner`: only events about their indicators.
    public var scope: ReportScope

    public init(actor: String? = nil, since: TimeSpec? = nil, until: TimeSpec? = nil, indicator: String? = nil, type: EventType? = nil,
                scope: ReportScope = ReportScope()) {
        self.actor = actor
        self.since = since
        self.until = until
        self.indicator = indicator
        self.type = type
        self.scope = scope
    }
}

extension Session {
    /// Every event that touched `indicator` (recorded by the cut), each with
    /// the value before and after, made against the indicator's own state.
    public func history(_ indicator: String, asOf: TimeSpec?, format: ReportFormat, language: Language) throws -> String {
        try requireLedger()
        let cut = try cut(asOf)
        try requireRecorded(by: cut)
        var entries: [AuditEntry] = []
        var state = LedgerState()
        let events = try ledger.events(about: indicator, cut: cut)
        let (signers, firstMember) = try ledger.signatures(of: events)
        for event in events {
            var entry = AuditTrail.entry(for: event, before: state)
            entry.signedBy = signers[event.seq]
            entry.isMarkedUnsigned = entry.signedBy == nil && firstMember.map { $0 < event.seq } ?? false
            entries.append(entry)
            state.apply(event)
        }
        guard state.indicators[indicator] != nil else {
            throw Problem.unknownIndicator(indicator, suggestions: indicatorSuggestions(for: indicator, cut: cut), appending: false)
        }
        return AuditReport.render(entries, format: format, language: language, root: "events", clock: try localClock(), isDemo: try isDemo())
    }

    /// The audit trail, filtered, written as it is read (any journal length).
    public func log(_ filter: LogFilter, format: ReportFormat, language: Language, write: @escaping (String) -> Void) throws {
        try requireLedger()
        if let id = filter.indicator, try state(cut: nil).0.indicators[id] == nil {
            // A typo would print an empty trail with exit 0; say so instead.
            throw Problem.unknownIndicator(id, suggestions: indicatorSuggestions(for: id), appending: false)
        }
        var keep = AuditFilter(actor: filter.actor, indicator: filter.indicator, type: filter.type)
        keep.since = try filter.since.map(instant)
        keep.until = try filter.until.map(instant)
        let scope = try scopeFilter(filter.scope)
        var writer = AuditWriter(format: format, language: language, clock: try localClock(), isDemo: try isDemo(), sink: write)
        try ledger.auditTrail(cut: keep.until, keep: { keep.keeps($0) && scope.keeps($0) }) { entry, _ in writer.write(entry) }
        writer.end()
    }

    /// The journal up to `until`, event by event with the figure each
    /// changed, then the state at that time (JSON or text).
    /// With `--csv`, the events as rows (as `log --csv` writes them); the
    /// state at T is `status --as-of T --csv`.
    public func replay(until: TimeSpec, untilText: String, format: ReportFormat, scope: ReportScope = ReportScope(), language: Language,
                       write: @escaping (String) -> Void) throws {
        let json = format == .json
        try requireLedger()
        let cut = try instant(until)
        try requireRecorded(by: cut)
        let clock = try localClock()
        let demo = try isDemo()
        let header = ReportHeader(language: language, asOf: cut, asOfText: untilText, isDemo: demo)
        let filter = try scopeFilter(scope)
        if format == .csv {
            var writer = AuditWriter(format: .csv, language: language, clock: clock, isDemo: demo, sink: write)
            try ledger.auditTrail(cut: cut, keep: filter.keeps) { entry, _ in writer.write(entry) }
            writer.end()
            return
        }
        if json { write("{\"until\":\"\(cut.description)\"" + (demo ? ",\"demo\":true" : "") + ",\"events\":[") }
        var first = true
        try ledger.auditTrail(cut: cut, keep: filter.keeps) { entry, _ in
            if json {
                var w = JSONWriter()
                TableRenderer.writeJSONRows(AuditReport.table([entry], language: .en), &w)
                write((first ? "" : ",") + String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
            } else {
                write(ReplayText.line(entry, language, clock: clock) + "\n")
            }
            first = false
        }
        write(json ? "],\"state\":" : "\n")
        var writer = StatusWriter(format: json ? .json : .text, header: header, sink: write)
        writer.finalNewline = !json
        var begun = false
        try eachYear(cut: cut) { state, year in
            let part = Views.status(of: state, scope: scope, horizon: try horizon(at: cut, deadline: state.reportingDeadline))
            if !begun {
                writer.yearHeadings = year != nil
                writer.begin(entity: part.entity, scope: scope, head: part.head)
                begun = true
            }
            writer.rows(part, year: year)
        }
        if !begun { writer.begin(entity: "", scope: scope, head: .empty) }
        writer.end()
        if json { write("}\n") }
    }

    /// What changed in the reported figures between two recorded times, and
    /// the events (who, when, why) that changed them.
    public func diff(from: Timestamp, to: Timestamp, quarter: Period?, scope: ReportScope = ReportScope(), format: ReportFormat,
                     language: Language) throws -> String {
        try requireLedger()
        try requireRecorded(by: to)
        let (before, first) = try state(cut: from)
        var after = before
        var between: [RecordedEvent] = []
        _ = try ledger.advance(&after, from: first.cursor, cut: to) { event, _ in between.append(event) }
        let filter = try scopeFilter(scope)
        let changes = DiffView.changes(before: before, after: after, between: between, quarter: quarter).filter(filter.keeps)
        return DiffReport.render(changes, format: format, language: language, from: from, to: to, heads: (before.head, after.head),
                                 isDemo: try isDemo())
    }
}
