// verify's half of decide. A line whose hash was recomputed by hand passes
// the chain check whatever it says; what it says must also be what the
// rules would have recorded. So every event is turned back into the command
// it records, decided against the facts before it (under the rules of the
// format it is written in), and the decision must be exactly the event:
// the same payload, the same reason. A seal is a command too (the store
// makes its record from the journal's bytes): it is decided against the
// seals before it, and must also end before the seal itself. The opening
// is only ever the first event (the chain reader requires that).
//
// RuleReplay folds and checks in one pass: verify reads each event once.

/// Why an event in the journal is not one the rules would have recorded.
public enum RuleBreach: Equatable, Sendable {
    /// decide refuses the command the event records (or the actor who
    /// recorded it): the refusal an append would have printed.
    case refused(Refusal)
    /// A correction that names another event than the reading in force.
    case correctsAnotherReading(indicator: String, period: Period, names: Int64, inForce: Int64)
    /// A reason the rules do not record (on a reading not after a close),
    /// or not the one they would.
    case reasonNotRecorded(String?)
    /// A document the rules do not record, or not the one they would.
    case documentNotRecorded(String?)
    /// Anything else in which the event differs from the decision.
    case differs
    /// A seal whose list is not the previous seal's list and its own segment.
    case sealListDiffers
    /// A seal whose segment does not end before the seal itself.
    case sealNotBefore(lastSeq: Int64)
}

extension Decider {
    /// The command `event` records; nil for a seal that lists no segment.
    public static func command(recordedBy event: RecordedEvent) -> Command? {
        switch event.payload {
        case .ledgerOpened(let s): return .open(s)
        case .indicatorDefined(let d): return .defineIndicator(d)
        case .targetChanged(let id, let change):
            return .changeTarget(indicator: id, change: change, reason: event.reason, document: event.document)
        case .readingRecorded(let id, let p, let m, let note, let postClose):
            return .recordReading(indicator: id, period: p, measurement: m, note: note, postClose: postClose, reason: event.reason,
                                  document: event.document)
        case .readingCorrected(let id, let p, let m, _, let postClose):
            return .correctReading(indicator: id, period: p, measurement: m, reason: event.reason, postClose: postClose, document: event.document)
        case .observationAdded(let id, let p, let text): return .addObservation(indicator: id, period: p, text: text)
        case .budgetRecorded(let id, let p, let f): return .recordBudget(indicator: id, period: p, figures: f)
        case .quarterClosed(let q, let plan): return .closeQuarter(quarter: q, plan: plan)
        case .segmentSealed(let segments): return segments.last.map { .sealSegment($0) }
        case .deadlineSet(let day): return .setDeadline(day: day)
        case .unitDescribed(let u): return .describeUnit(u)
        case .indicatorAmended(let id, let a): return .amendIndicator(indicator: id, amendment: a, reason: event.reason, document: event.document)
        }
    }

    /// Checks `event` against `facts`, the ledger as it stood before it:
    /// nil when the rules of its format would have recorded exactly this
    /// event, by this actor (`actorAdmitted`: the caller knows the actor is).
    /// (Where a seal's segment ends is RuleReplay's to check: it knows the seq.)
    public static func check(_ event: RecordedEvent, against facts: some LedgerFacts, actorAdmitted: Bool = false) -> RuleBreach? {
        if !actorAdmitted, let r = admit(actor: event.actor, facts: facts) { return .refused(r) }
        guard let command = command(recordedBy: event) else { return .sealListDiffers }
        let decided: PendingEvent
        switch decide(command, source: event.source, facts: facts) {
        case .failure(let r): return .refused(r)
        case .success(let p): decided = p
        }
        if decided.payload != event.payload {
            if case .segmentSealed = event.payload { return .sealListDiffers }
            if case .readingCorrected(let id, let p, _, let names, _) = event.payload,
               case .readingCorrected(_, _, _, let inForce, _) = decided.payload, names != inForce {
                return .correctsAnotherReading(indicator: id, period: p, names: names, inForce: inForce)
            }
            return .differs
        }
        if decided.reason != event.reason { return .reasonNotRecorded(event.reason) }
        if decided.document != event.document { return .documentNotRecorded(event.document) }
        return decided.source == event.source ? nil : .differs
    }
}

/// verify's replay: the facts before each event, each event checked
/// against them, then added. One pass, in journal order.
public struct RuleReplay: Sendable {
    public private(set) var facts = FoldedFacts()
    /// Every actor seen, byte for byte, and whether its name is a valid
    /// identifier (NameRules). An actor once recorded can no longer look
    /// like another, so its admission is settled by that alone: each name
    /// is checked once, not once per event.
    private var actors: [String: (name: String, isValid: Bool)] = [:]
    private var lastActor: (name: String, isValid: Bool)?

    public init() {}

    /// Checks `event` (the next in the journal) and adds it to the facts.
    /// Returns why the rules would not have recorded it; then the facts are
    /// left as they were, and the replay should stop.
    public mutating func check(_ event: RecordedEvent) -> RuleBreach? {
        var seen = lastActor.flatMap { $0.name.utf8.elementsEqual(event.actor.utf8) ? $0 : nil }
        if seen == nil, let a = actors[event.actor], a.name.utf8.elementsEqual(event.actor.utf8) { seen = a }
        if let seen, !seen.isValid, facts.rulesEdition >= 2, let p = NameRules.identifierProblem(event.actor, .actor) {
            return .refused(.invalidName(field: "actor", p))
        }
        if let breach = Decider.check(event, against: facts, actorAdmitted: seen != nil) { return breach }
        if case .segmentSealed(let segments) = event.payload, let breach = checkSeal(segments, seq: event.seq) { return breach }
        let actor = seen ?? (event.actor, NameRules.identifierProblem(event.actor, .actor) == nil)
        if seen == nil { actors[event.actor] = actor }
        lastActor = actor
        facts.apply(event, recordingActor: seen == nil)
        return nil
    }

    /// A seal's segment ends before the seal itself (decide, which does not
    /// know the seal's seq, checked the rest).
    func checkSeal(_ segments: [SegmentRecord], seq: Int64) -> RuleBreach? {
        guard let last = segments.last, last.lastSeq >= seq else { return nil }
        return .sealNotBefore(lastSeq: last.lastSeq)
    }
}
