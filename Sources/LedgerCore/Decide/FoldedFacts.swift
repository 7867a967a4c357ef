// The facts decide asks, folded in memory from events: what `verify`
// replays the rules against. A LedgerState would answer them too, but it
// keeps far more (every reading's stamp and note, observations, budgets,
// targets) and, on a long journal, is folded one fiscal year at a time;
// the rules may ask about any year, so these facts hold all of them and
// nothing a rule does not read.

/// Every fact a decision can ask about, evolved event by event.
public struct FoldedFacts: LedgerFacts, Sendable {
    public private(set) var settings: LedgerSettings?
    private var definitions: [String: IndicatorDefinition] = [:]
    private var readings: [ReadingKey: InForce] = [:]
    private var closes: Set<CloseKey> = []
    private var plans: Set<String> = []
    private var names = NameRegistry()
    /// The segments the latest seal lists (none before the first seal).
    public private(set) var sealedSegments: [SegmentRecord] = []

    struct ReadingKey: Hashable {
        var indicator: String
        var period: Period
    }

    struct InForce {
        var seq: Int64
        var measurement: Measurement
    }

    struct CloseKey: Hashable {
        var quarter: Period
        var plan: String?
    }

    public init() {}

    public var isOpened: Bool { settings != nil }

    public func definition(of indicator: String) -> IndicatorDefinition? { definitions[indicator] }

    public func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        readings[ReadingKey(indicator: indicator, period: period)].map { ($0.seq, $0.measurement) }
    }

    public func isClosed(_ quarter: Period, plan: String?) -> Bool { closes.contains(CloseKey(quarter: quarter, plan: plan)) }

    public func hasPlan(_ plan: String) -> Bool { plans.contains(plan) }

    public func lookAlike(of name: String, _ kind: NameKind) -> String? { names.lookAlike(of: name, kind) }

    /// Adds what `event` establishes. Like evolve, it trusts the event: the
    /// caller has checked it first (RuleReplay).
    public mutating func apply(_ event: RecordedEvent) {
        names.record(event.actor, .actor)
        switch event.payload {
        case .ledgerOpened(let s):
            settings = s
        case .indicatorDefined(let d):
            definitions[d.id] = d
            plans.insert(d.plan)
            names.record(d)
        case .readingRecorded(let id, let p, let m, _, _), .readingCorrected(let id, let p, let m, _, _):
            readings[ReadingKey(indicator: id, period: p)] = InForce(seq: event.seq, measurement: m)
        case .quarterClosed(let q, let plan):
            closes.insert(CloseKey(quarter: q, plan: plan))
        case .segmentSealed(let segments):
            sealedSegments = segments
        case .targetChanged, .observationAdded, .budgetRecorded:
            break
        }
    }
}
