// `status` and `quarter`: the state of every indicator, and the quarter
// view, at any recorded time, rendered in the user's language and format.

import LedgerCore
import LedgerReports

/// What every report is asked with: the cut, the scope, the rendering.
public struct ReportRequest: Sendable {
    /// `--as-of` (nil: everything recorded).
    public var asOf: TimeSpec?
    /// How the user wrote it, shown next to the instant.
    public var asOfText: String?
    public var scope: ReportScope
    public var format: ReportFormat
    public var language: Language
    /// The width a text report fits (the terminal's), and `--wide`.
    public var width: Int
    public var wide: Bool

    public init(asOf: TimeSpec? = nil, asOfText: String? = nil, scope: ReportScope = ReportScope(), format: ReportFormat = .text, language: Language = .en,
                width: Int = 100, wide: Bool = false) {
        self.asOf = asOf
        self.asOfText = asOfText
        self.scope = scope
        self.format = format
        self.language = language
        self.width = width
        self.wide = wide
    }

    func header(_ cut: Timestamp?, isDemo: Bool) -> ReportHeader {
        ReportHeader(language: language, asOf: cut, asOfText: asOfText, isDemo: isDemo, width: width, wide: wide)
    }
}

extension Session {
    /// The quarter view: programmed against executed per indicator. Only the
    /// quarter's fiscal year is folded, and an answer given before is reused
    /// while it still describes the journal.
    public func quarter(_ q: Period, _ request: ReportRequest) throws -> String {
        try requireLedger()
        let cut = try cut(request.asOf)
        try requireRecorded(by: cut)
        // The periods weighed depend on the calendar at the cut (now, without one).
        let calendar = try horizon(at: cut)
        let key = AnswerKey(command: "quarter", parts: [("quarter", q.description), ("plan", request.scope.plan), ("owner", request.scope.owner),
                                                        ("format", "\(request.format)"), ("lang", request.language.rawValue),
                                                        ("as-of", request.asOfText), ("rules", "\(FigureRules.current.rawValue)"),
                                                        ("horizon", calendar.key), ("width", "\(request.width)"), ("wide", "\(request.wide)")], cut: cut)
        return try answer(key, years: [q.year]) { state in
            try checkScope(request.scope, state)
            let horizon = try self.horizon(at: cut, deadline: state.reportingDeadline)
            return QuarterReport.render(Views.quarter(q, of: state, scope: request.scope, horizon: horizon), format: request.format,
                                        header: request.header(cut, isDemo: state.settings?.isDemo ?? false))
        }
    }

    /// Every indicator to date, written piece by piece to `write`, a fiscal
    /// year at a time on a large journal.
    public func status(through: Period?, _ request: ReportRequest, write: @escaping (String) -> Void) throws {
        try requireLedger()
        let cut = try cut(request.asOf)
        try requireRecorded(by: cut)
        let scope = request.scope
        var writer = StatusWriter(format: request.format, header: request.header(cut, isDemo: try isDemo()), sink: write)
        var preamble: (entity: String, head: ChainHead)?
        var begun = false
        try eachYear(cut: cut) { state, year in
            let part = Views.status(of: state, scope: scope, through: through,
                                    horizon: try horizon(at: cut, deadline: state.reportingDeadline))
            preamble = preamble ?? (part.entity, part.head)
            guard !part.rows.isEmpty else { return }
            if !begun {
                writer.yearHeadings = year != nil
                writer.begin(entity: part.entity, scope: scope, head: part.head)
                begun = true
            }
            writer.rows(part, year: year)
        }
        if !begun {
            if scope.plan != nil || scope.owner != nil {
                // A typo in --plan or --owner would print an empty report; say so instead.
                try checkScope(scope, try state(cut: cut).0)
            }
            writer.begin(entity: preamble?.entity ?? "", scope: scope, head: preamble?.head ?? .empty)
        }
        writer.end()
    }

    /// Refuses a plan or owner that no indicator has (a typo would otherwise print an empty report).
    func checkScope(_ scope: ReportScope, _ state: LedgerState) throws {
        if let p = scope.plan, !state.hasPlan(p) { throw Problem.unknownPlan(p, plans: state.plans) }
        if let o = scope.owner, !state.indicators.values.contains(where: { $0.definition.ownerCode == o }) { throw Problem.unknownOwner(o) }
    }
}
