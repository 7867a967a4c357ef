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
    /// The authorising document, where one was given.
    public var document: String?
    public var source: String?
    /// True for readings and corrections recorded after their quarter closed.
    public var isPostClose: Bool
    /// The note a reading was recorded with (`append reading --note`).
    public var note: String? = nil
    /// A budget record's figures, and those it replaced, for reports to word
    /// in the reader's language (`value` holds them in English).
    public var budget: BudgetFigures? = nil
    public var previousBudget: BudgetFigures? = nil
    /// The member whose signature covers the event; nil when it is unsigned
    /// (or when the reader did not ask).
    public var signedBy: String? = nil
    /// True for an unsigned event recorded once the ledger had members:
    /// reports mark it `unsigned` (before any member, nothing could be signed).
    public var isMarkedUnsigned = false
}

/// What the audit trail needs to know about the past to say "value before".
/// A folded state answers from memory; the store can answer from the
/// journal itself, so a log of a million events needs no folded state.
public protocol PastValues {
    func annualTarget(_ indicator: String) -> DecimalNumber?
    func programmed(_ indicator: String, _ period: Period) -> DecimalNumber?
    /// The value set by event `seq` (the reading or correction in force).
    func measurement(_ indicator: String, _ period: Period, seq: Int64) -> Measurement?
    func budget(_ indicator: String, _ period: Period) -> BudgetFigures?
    /// The indicator's definition as it stood (amendments applied).
    func currentDefinition(_ indicator: String) -> IndicatorDefinition?
    /// The reporting deadline day in force (nil: never set).
    var deadlineDay: Int? { get }
    /// An owning unit as last described.
    func unit(_ code: String) -> UnitDescription?
}

extension LedgerState: PastValues {
    public func annualTarget(_ indicator: String) -> DecimalNumber? { indicators[indicator]?.annualTarget }

    public func programmed(_ indicator: String, _ period: Period) -> DecimalNumber? {
        indicators[indicator].flatMap { Figures.programmed(for: period, of: $0) }
    }

    public func measurement(_ indicator: String, _ period: Period, seq: Int64) -> Measurement? {
        indicators[indicator]?.readings[period]?.measurement
    }

    public func budget(_ indicator: String, _ period: Period) -> BudgetFigures? {
        indicators[indicator]?.budgets[period]?.figures
    }

    public func currentDefinition(_ indicator: String) -> IndicatorDefinition? { indicators[indicator]?.definition }

    public var deadlineDay: Int? { settings?.deadlineDay }

    public func unit(_ code: String) -> UnitDescription? { units[code]?.description }
}

public enum AuditTrail {
    /// The entry for `event`, given the state just before it.
    public static func entry(for event: RecordedEvent, before past: some PastValues) -> AuditEntry {
        var value: String?
        var previous: String?
        var postClose = false
        var note: String?
        var budget: BudgetFigures?
        var previousBudget: BudgetFigures?
        switch event.payload {
        case .ledgerOpened(let s):
            value = s.entity
        case .indicatorDefined(let d):
            value = d.annualTarget.description
        case .targetChanged(let id, let change):
            switch change {
            case .annual(let v):
                value = v.description
                previous = past.annualTarget(id)?.description
            case .period(let p, let v):
                value = v.description
                previous = past.programmed(id, p)?.description
            }
        case .readingRecorded(_, _, let m, let n, let pc):
            value = m.description
            postClose = pc
            note = n
        case .readingCorrected(let id, let p, let m, let corrects, let pc):
            value = m.description
            previous = past.measurement(id, p, seq: corrects)?.description
            postClose = pc
        case .observationAdded(_, _, let text):
            value = text
        case .budgetRecorded(let id, let p, let f):
            value = "modified \(f.modified) accrued \(f.accrued) paid \(f.paid)"
            budget = f
            if let b = past.budget(id, p) {
                previous = "modified \(b.modified) accrued \(b.accrued) paid \(b.paid)"
                previousBudget = b
            }
        case .quarterClosed(_, let plan):
            value = plan
        case .segmentSealed(let segments):
            value = segments.last.map { "\($0.firstSeq)-\($0.lastSeq) \($0.file)" }
        case .deadlineSet(let day):
            value = "\(day)"
            previous = "\(past.deadlineDay ?? LedgerSettings.defaultDeadlineDay)"
        case .unitDescribed(let u):
            value = unitText(u)
            previous = past.unit(u.code).map(unitText)
        case .indicatorAmended(let id, let amendment):
            // "name: NEW; unit: NEW" against the same fields before.
            value = amendment.fields.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            if let d = past.currentDefinition(id) {
                previous = amendment.previous(in: d).map { "\($0.key): \($0.value ?? "-")" }.joined(separator: "; ")
            }
        case .memberAdded(let r):
            value = "\(r.name) \(r.roles.map(\.rawValue).joined(separator: ",")) \(r.publicKey.fingerprint)"
        case .memberRolesChanged(let name, let roles):
            value = "\(name) \(roles.map(\.rawValue).joined(separator: ","))"
        case .memberRemoved(let name):
            value = name
        case .signaturesRequired:
            value = nil
        case .quarterAttested(let a):
            value = ([a.plan].compactMap { $0 } + a.files.map(\.name)).joined(separator: " ")
        case .batchSigned(let s):
            value = "\(s.fromSeq)-\(event.seq - 1)"
        }
        return AuditEntry(seq: event.seq, at: event.at, actor: event.actor, osUser: event.osUser, type: event.payload.type,
                          indicator: event.payload.indicator, period: event.payload.period, value: value,
                          previousValue: previous, reason: event.reason, document: event.document, source: event.source,
                          isPostClose: postClose, note: note, budget: budget, previousBudget: previousBudget)
    }

    /// "owner: 307; owner_name: COORDINACION DE MEDIDORES; contact: medidores@…", keyed like the journal.
    static func unitText(_ u: UnitDescription) -> String {
        ["owner: \(u.code)", u.name.map { "owner_name: \($0)" }, u.contact.map { "contact: \($0)" }].compactMap { $0 }.joined(separator: "; ")
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
