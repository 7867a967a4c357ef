// The facts decide asks, folded in memory from events: what `verify`
// replays the rules against. A LedgerState would answer them too, but it
// keeps far more (every reading's stamp and note, observations, budgets,
// targets) and, on a long journal, is folded one fiscal year at a time;
// the rules may ask about any year, so these facts hold all of them and
// nothing a rule does not read. They are laid out for a journal of
// millions of events: an indicator is a number and the five fields decide
// reads of it, a reading in force is its seq and its value in 32 bytes,
// keyed by (indicator, period) in 8, and the last indicator asked about is
// remembered (a decision asks about it two or three times).

/// Every fact a decision can ask about, evolved event by event.
public struct FoldedFacts: LedgerFacts, Sendable {
    public private(set) var settings: LedgerSettings?
    /// Each defined indicator's number, and what decide reads of it.
    private var numbers: [String: Int32] = [:]
    private var definitions: [Known] = []
    private let memo = Memo()
    private var readings: [UInt64: InForce] = [:]
    /// Readings whose value does not fit the compact form (none that the
    /// journal's decoder can produce: 18 digits fit in 64 bits).
    private var wideReadings: [UInt64: (seq: Int64, measurement: Measurement)] = [:]
    private var closes: Set<CloseKey> = []
    /// The quarters some close names (for any plan): most questions end here.
    private var closedQuarters: Set<Period> = []
    private var plans: Set<String> = []
    private var names = NameRegistry()
    /// The segments the latest seal lists (none before the first seal).
    private var sealed: [SegmentRecord] = []
    /// The members, as the member events have left them.
    public private(set) var members = MemberRoster()
    public private(set) var signaturesRequired = false
    private var head: (seq: Int64, hash: Digest256)?
    /// The last event folded.
    public var headLink: (seq: Int64, hash: Digest256)? { head }

    /// The reading in force for one indicator and period: its seq and value.
    struct InForce {
        var seq: Int64
        var first: Int64
        var second: Int64
        var firstScale: UInt8
        var secondScale: UInt8
        var isRatio: Bool

        init?(seq: Int64, _ m: Measurement) {
            self.seq = seq
            switch m {
            case .value(let v):
                guard let a = Int64(exactly: v.mantissa), let s = UInt8(exactly: v.scale) else { return nil }
                (first, second, firstScale, secondScale, isRatio) = (a, 0, s, 0, false)
            case .ratio(let n, let d):
                guard let a = Int64(exactly: n.mantissa), let b = Int64(exactly: d.mantissa),
                      let sa = UInt8(exactly: n.scale), let sb = UInt8(exactly: d.scale) else { return nil }
                (first, second, firstScale, secondScale, isRatio) = (a, b, sa, sb, true)
            }
        }

        var measurement: Measurement {
            let a = DecimalNumber(mantissa: Int128(first), scale: Int(firstScale))
            return isRatio ? .ratio(numerator: a, denominator: DecimalNumber(mantissa: Int128(second), scale: Int(secondScale))) : .value(a)
        }
    }

    /// What decide reads of a recorded definition: its id, year, frequency,
    /// aggregation and plan (a new definition is decided from the command,
    /// not from here). The rest (names, targets, hierarchy) is not kept.
    /// RuleCheckTests holds decide against these facts to decide against a
    /// folded LedgerState, so a rule that starts reading more shows there.
    struct Known: Sendable {
        var id: String
        var plan: String
        var year: Int
        var frequency: Frequency
        var aggregation: Aggregation

        init(_ d: IndicatorDefinition) {
            (id, plan, year, frequency, aggregation) = (d.id, d.plan, d.year, d.frequency, d.aggregation)
        }

        var definition: IndicatorDefinition {
            IndicatorDefinition(id: id, name: "", unit: "", frequency: frequency, year: year, annualTarget: .zero,
                                aggregation: aggregation, plan: plan)
        }
    }

    /// The last indicator looked up and its number. A cache only: a hit is
    /// checked against the definitions it points into, so copies of the
    /// facts that share it cannot mislead each other.
    final class Memo: @unchecked Sendable {
        var id = ""
        var number: Int32 = -1
    }

    /// The number of indicator `id`, if it is defined.
    func number(of id: String) -> Int32? {
        let m = memo.number
        if m >= 0, Int(m) < definitions.count, id == memo.id, definitions[Int(m)].id == id { return m }
        guard let n = numbers[id] else { return nil }
        memo.id = id
        memo.number = n
        return n
    }

    struct CloseKey: Hashable {
        var quarter: Period
        var plan: String?
    }

    public init() {}

    /// (indicator number, period) as one word: the period's year, first
    /// month and frequency.
    static func key(_ number: Int32, _ p: Period) -> UInt64 {
        let frequency: UInt64
        switch p.frequency {
        case .monthly: frequency = 0
        case .quarterly: frequency = 1
        case .semiannual: frequency = 2
        case .annual: frequency = 3
        }
        return UInt64(UInt32(bitPattern: number)) << 32 | UInt64(UInt16(truncatingIfNeeded: p.year)) << 8
            | UInt64(p.firstMonth & 0x3F) << 2 | frequency
    }

    /// Kept apart from `settings`: asked for every event, and cheaper than copying them out.
    public private(set) var isOpened = false
    /// Kept apart from `settings` for the same reason.
    public private(set) var rulesEdition = LedgerSettings.currentRulesEdition

    public func definition(of indicator: String) -> IndicatorDefinition? {
        number(of: indicator).map { definitions[Int($0)].definition }
    }

    public func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        guard let n = number(of: indicator) else { return nil }
        let k = FoldedFacts.key(n, period)
        if let r = readings[k] { return (r.seq, r.measurement) }
        return wideReadings[k]
    }

    public func isClosed(_ quarter: Period, plan: String?) -> Bool {
        closedQuarters.contains(quarter) && closes.contains(CloseKey(quarter: quarter, plan: plan))
    }

    public func hasPlan(_ plan: String) -> Bool { plans.contains(plan) }

    public func lookAlike(of name: String, _ kind: NameKind) -> String? { names.lookAlike(of: name, kind) }

    /// Folded from the journal's seal events: a seal is decided against them.
    public var sealedSegments: [SegmentRecord]? { sealed }

    /// Adds what `event` establishes. Like evolve, it trusts the event: the
    /// caller has checked it first (RuleReplay, which also knows whether
    /// the actor is new: `recordingActor` false spares recording it again).
    public mutating func apply(_ event: RecordedEvent, recordingActor: Bool = true) {
        if recordingActor { names.record(event.actor, .actor) }
        head = (event.seq, event.hash)
        switch event.payload {
        case .ledgerOpened(let s):
            settings = s
            isOpened = true
            rulesEdition = s.rulesEdition
        case .indicatorDefined(let d):
            if let n = numbers[d.id] {
                definitions[Int(n)] = Known(d)
            } else {
                numbers[d.id] = Int32(definitions.count)
                definitions.append(Known(d))
            }
            plans.insert(d.plan)
            names.record(d)
        case .readingRecorded(let id, let p, let m, _, _), .readingCorrected(let id, let p, let m, _, _):
            guard let n = number(of: id) else { return }
            let k = FoldedFacts.key(n, p)
            if let r = InForce(seq: event.seq, m) {
                readings[k] = r
                wideReadings[k] = nil
            } else {
                readings[k] = nil
                wideReadings[k] = (event.seq, m)
            }
        case .quarterClosed(let q, let plan):
            closes.insert(CloseKey(quarter: q, plan: plan))
            closedQuarters.insert(q)
        case .segmentSealed(let segments):
            sealed = segments
        case .unitDescribed(let u):
            names.record(u.code, .owner)
        case .indicatorAmended(_, let a):
            // Decisions read a definition as first recorded; an amended owner is a name all the same.
            if let o = a.ownerCode { names.record(o, .owner) }
        case .memberAdded, .memberRolesChanged, .memberRemoved:
            members.apply(event.payload, seq: event.seq)
        case .signaturesRequired:
            signaturesRequired = true
        case .targetChanged, .observationAdded, .budgetRecorded, .deadlineSet, .quarterAttested, .batchSigned:
            break
        }
    }
}
