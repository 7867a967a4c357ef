// The audit trail's rows: for each event, who did what, when, and the value
// it set next to the value it replaced. Used by `log`, `history` and `replay`.

/// One event, as an auditor reads it.
public struct AuditEntry: Equatable, Sendable {
    public var seq: Int64
    public var at: Timestamp
    public var actor: String
    public var osUser: String
    public var type: EventType
    public var indicator: String?
    public var period: Period?
    /// What the event set: a value, a target, an observation's text, budget figures.
    public var value: String?
    /// What it replaced, where it replaced something.
    public var previousValue: String?
    public var reason: String?
    public var source: String?
    /// True for readings and corrections recorded after their quarter closed.
    public var isPostClose: Bool
}

public enum AuditTrail {
    /// The entry for `event`, given the state just before it.
    public static func entry(for event: RecordedEvent, before state: LedgerState) -> AuditEntry {
        var value: String?
        var previous: String?
        var postClose = false
        let ind = event.payload.indicator.flatMap { state.indicators[$0] }
        switch event.payload {
        case .ledgerOpened(let s):
            value = s.entity
        case .indicatorDefined(let d):
            value = d.annualTarget.description
        case .targetChanged(_, let change):
            switch change {
            case .annual(let v):
                value = v.description
                previous = ind?.annualTarget.description
            case .period(let p, let v):
                value = v.description
                previous = ind.flatMap { Figures.programmed(for: p, of: $0)?.description }
            }
        case .readingRecorded(_, _, let m, _, let pc):
            value = m.description
            postClose = pc
        case .readingCorrected(_, let p, let m, _, let pc):
            value = m.description
            previous = ind?.readings[p]?.measurement.description
            postClose = pc
        case .observationAdded(_, _, let text):
            value = text
        case .budgetRecorded(_, let p, let f):
            value = "modified \(f.modified) accrued \(f.accrued) paid \(f.paid)"
            if let b = ind?.budgets[p]?.figures {
                previous = "modified \(b.modified) accrued \(b.accrued) paid \(b.paid)"
            }
        case .quarterClosed(_, let plan):
            value = plan
        }
        return AuditEntry(seq: event.seq, at: event.at, actor: event.actor, osUser: event.osUser, type: event.payload.type,
                          indicator: event.payload.indicator, period: event.payload.period, value: value,
                          previousValue: previous, reason: event.reason, source: event.source, isPostClose: postClose)
    }
}

/// Which events an audit query keeps (all conditions must hold).
public struct AuditFilter: Sendable {
    public var actor: String?
    public var since: Timestamp?
    public var until: Timestamp?
    public var indicator: String?
    public var type: EventType?

    public init(actor: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil, indicator: String? = nil, type: EventType? = nil) {
        self.actor = actor
        self.since = since
        self.until = until
        self.indicator = indicator
        self.type = type
    }

    public func keeps(_ e: RecordedEvent) -> Bool {
        if let a = actor, e.actor != a { return false }
        if let s = since, e.at < s { return false }
        if let u = until, e.at > u { return false }
        if let i = indicator, e.payload.indicator != i { return false }
        if let t = type, e.payload.type != t { return false }
        return true
    }
}
