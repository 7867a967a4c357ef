// What an event says, read once. Decisions and readers of the past ask a
// few questions of history (is the ledger opened, is this indicator
// defined, which reading is in force, is the quarter closed, what target
// or budget stands, which segments are sealed, which deadline, unit
// contact and indicator description stand); the answer to each comes
// from the facts events establish. This file is the one place that reads
// those facts out of an event: the facts index, the batch overlay of a
// decision and the past-values reader of the audit trail all derive from
// it, so a new event type is taught to them here. Changing the folded
// state is evolve's job alone (Fold/Evolve.swift).

/// A fact an event establishes, in the terms decisions and readers of the
/// past ask about. An event establishes at most one.
public enum EventFact: Equatable, Sendable {
    /// The ledger was opened with these settings.
    case opened(LedgerSettings)
    /// An indicator was defined: its id, plan and year are the definition's.
    case defined(IndicatorDefinition)
    /// This measurement is in force for (indicator, period) from the event on;
    /// the event's seq is the seq of the reading in force.
    case inForce(indicator: String, period: Period, measurement: Measurement)
    /// The quarter was closed for `plan` (nil: for every plan).
    case closed(quarter: Period, plan: String?)
    /// The indicator's annual target in force (meta modificada).
    case annualTarget(indicator: String, value: DecimalNumber)
    /// The target in force for one period (reprogramación).
    case periodTarget(indicator: String, period: Period, value: DecimalNumber)
    /// The budget figures recorded for (indicator, period).
    case budget(indicator: String, period: Period, figures: BudgetFigures)
    /// The journal's sealed segments: every one so far, in order.
    case sealed(segments: [SegmentRecord])
    /// The reporting deadline in force from the event on (a day of the
    /// month after each period).
    case deadline(day: Int)
    /// An owning unit's name and contact: the fields given replace the
    /// unit's earlier ones.
    case unit(UnitDescription)
    /// The fields of an indicator's description that the amendment gives
    /// replace the earlier ones; the rest stand.
    case amended(indicator: String, amendment: IndicatorAmendment)
    /// A member was added, given roles or removed (the event's payload says
    /// which): the roster is the fold of these, in order.
    case member
    /// From this event on, every event must be signed.
    case signaturesRequired
    /// A quarter's snapshot files were attested.
    case attested(QuarterAttestation)
}

extension EventPayload {
    /// The fact this event establishes; nil for an event no decision or
    /// value-before asks about (an observation). Inlined, so that a reader
    /// that looks at some facts only (the audit trail's, for every event of
    /// a long journal) does not build the others.
    @inlinable @inline(__always)
    public var fact: EventFact? {
        switch self {
        case .ledgerOpened(let settings): return .opened(settings)
        case .indicatorDefined(let d): return .defined(d)
        case .targetChanged(let id, .annual(let v)): return .annualTarget(indicator: id, value: v)
        case .targetChanged(let id, .period(let p, let v)): return .periodTarget(indicator: id, period: p, value: v)
        case .readingRecorded(let id, let p, let m, _, _), .readingCorrected(let id, let p, let m, _, _):
            return .inForce(indicator: id, period: p, measurement: m)
        case .observationAdded: return nil
        case .budgetRecorded(let id, let p, let f): return .budget(indicator: id, period: p, figures: f)
        case .quarterClosed(let q, let plan): return .closed(quarter: q, plan: plan)
        case .segmentSealed(let segments): return .sealed(segments: segments)
        case .deadlineSet(let day): return .deadline(day: day)
        case .unitDescribed(let u): return .unit(u)
        case .indicatorAmended(let id, let a): return .amended(indicator: id, amendment: a)
        case .memberAdded, .memberRolesChanged, .memberRemoved: return .member
        case .signaturesRequired: return .signaturesRequired
        case .quarterAttested(let a): return .attested(a)
        case .batchSigned: return nil
        }
    }
}
