// What changed in the reported figures between two recorded times, and the
// events that changed each one. Pure: two states and the events between them.

/// One reported figure that differs.
public struct FigureChange: Equatable, Sendable {
    public var indicator: String
    /// The period it belongs to; nil for the annual target.
    public var period: Period?
    /// `annual_target`, `programmed`, `executed`, `observations`, `modified`,
    /// `accrued`, `paid`, and with a quarter: `quarter_programmed`,
    /// `quarter_executed`, `quarter_compliance_pct`, `quarter_status`, `closed`.
    public var figure: String
    public var before: String?
    public var after: String?
    /// The events between the two times that touched this figure.
    public var events: [Stamp]
    public var reasons: [String?]
    /// The documents that authorised them, one per event (nil where none
    /// was given); empty when built by hand without them.
    public var documents: [String?] = []
}

public enum DiffView {
    struct Key: Hashable, Comparable {
        var indicator: String
        var period: Period?
        var figure: String
        static func < (a: Key, b: Key) -> Bool {
            if a.indicator != b.indicator { return a.indicator < b.indicator }
            switch (a.period, b.period) {
            case (nil, nil): break
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): if x != y { return x < y }
            }
            return a.figure < b.figure
        }
    }

    /// The figures a report shows, keyed: every period value and target, and
    /// with `quarter` the quarter's aggregates (periods outside it omitted).
    static func figures(_ state: LedgerState, quarter: Period?) -> [Key: String] {
        var f: [Key: String] = [:]
        func inScope(_ p: Period) -> Bool { quarter.map { $0.contains(p) || ($0.year == p.year && $0.months.contains(p.lastMonth)) } ?? true }
        for ind in state.indicators.values {
            let d = ind.definition
            if let q = quarter, q.year != d.year { continue }
            let id = d.id
            f[Key(indicator: id, period: nil, figure: "annual_target")] = ind.annualTarget.description
            for (figure, value) in descriptiveFields(d) { f[Key(indicator: id, period: nil, figure: figure)] = value }
            for p in Period.year(d.year).periods(of: d.frequency) where inScope(p) {
                if let v = Figures.programmed(for: p, of: ind) { f[Key(indicator: id, period: p, figure: "programmed")] = v.description }
                if let r = ind.readings[p] { f[Key(indicator: id, period: p, figure: "executed")] = r.measurement.description }
            }
            var observed: [Period: [String]] = [:]
            for o in ind.observations where inScope(o.period) { observed[o.period, default: []].append(o.text) }
            for (p, texts) in observed { f[Key(indicator: id, period: p, figure: "observations")] = texts.joined(separator: " | ") }
            for (p, b) in ind.budgets where inScope(p) {
                f[Key(indicator: id, period: p, figure: "modified")] = b.figures.modified.description
                f[Key(indicator: id, period: p, figure: "accrued")] = b.figures.accrued.description
                f[Key(indicator: id, period: p, figure: "paid")] = b.figures.paid.description
            }
        }
        if let q = quarter {
            for row in Views.quarter(q, of: state).rows {
                let id = row.heading.id
                f[Key(indicator: id, period: q, figure: "quarter_programmed")] = row.quarter.programmed?.description
                f[Key(indicator: id, period: q, figure: "quarter_executed")] = row.quarter.executed?.description
                f[Key(indicator: id, period: q, figure: "quarter_compliance_pct")] = row.quarter.compliance?.description
                f[Key(indicator: id, period: q, figure: "quarter_status")] = row.quarter.status.rawValue
            }
            for plan in state.plans where state.isClosed(q, plan: plan) || state.isClosed(q, plan: nil) {
                f[Key(indicator: "*" + plan, period: q, figure: "closed")] = "true"
            }
        }
        return f
    }

    /// Every figure that differs between `before` and `after`, with the
    /// events of `between` that touched it.
    public static func changes(before: LedgerState, after: LedgerState, between: [RecordedEvent], quarter: Period? = nil) -> [FigureChange] {
        let a = figures(before, quarter: quarter)
        let b = figures(after, quarter: quarter)
        var keys = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        keys.removeAll { a[$0] == nil && b[$0] == nil }
        // A new indicator's name and unit are not changes of a description:
        // its annual target and periods already say it appeared.
        keys.removeAll { descriptiveFigures.contains($0.figure) && before.indicators[$0.indicator] == nil }
        // Each figure looks only at its own indicator's events (or the closes):
        // filtering every event for every figure made a whole-history diff quadratic.
        var byIndicator: [String: [RecordedEvent]] = [:]
        var closes: [RecordedEvent] = []
        for e in between {
            if case .quarterClosed = e.payload { closes.append(e) }
            if let i = e.payload.indicator { byIndicator[i, default: []].append(e) }
        }
        return keys.map { key in
            let candidates = key.figure == "closed" ? closes : byIndicator[key.indicator] ?? []
            let touching = candidates.filter { attributes($0, to: key, after: after) }
            return FigureChange(indicator: key.indicator, period: key.period, figure: key.figure, before: a[key], after: b[key],
                                events: touching.map { Stamp(seq: $0.seq, at: $0.at, actor: $0.actor) }, reasons: touching.map(\.reason),
                                documents: touching.map(\.document))
        }
    }

    /// The fields an amendment may change, by the names the journal gives
    /// them: a renamed indicator or a new owner is a change an auditor sees.
    static let descriptiveFigures: Set<String> = ["name", "description", "unit", "owner", "owner_name", "baseline", "dimension",
                                                  "definition", "method", "information_source", "objective"]

    static func descriptiveFields(_ d: IndicatorDefinition) -> [(String, String)] {
        let all: [(String, String?)] = [("name", d.name), ("description", d.description), ("unit", d.unit), ("owner", d.ownerCode),
                                        ("owner_name", d.ownerName), ("baseline", d.baseline?.description), ("dimension", d.dimension),
                                        ("definition", d.definitionText), ("method", d.method),
                                        ("information_source", d.informationSource), ("objective", d.objective)]
        return all.compactMap { k, v in v.map { (k, $0) } }
    }
}
