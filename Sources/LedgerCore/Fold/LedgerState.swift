// The state the journal folds into: every indicator with its targets,
// readings, observations and budget in force, the closed quarters and the
// chain head. Reports are projections of it; append validation asks it.

/// The last event of a journal: what checkpoints, digests and snapshots pin.
public struct ChainHead: Equatable, Sendable {
    public var seq: Int64
    public var hash: Digest256
    public var at: Timestamp

    public init(seq: Int64, hash: Digest256, at: Timestamp) {
        self.seq = seq
        self.hash = hash
        self.at = at
    }

    /// The head of an empty journal.
    public static let empty = ChainHead(seq: 0, hash: .zero, at: Timestamp(microseconds: 0))

    /// `SEQ:HASH`, the digest users publish.
    public var digest: String { "\(seq):\(hash.hex)" }
}

/// Who did something and when: kept with every figure so it can be traced.
public struct Stamp: Equatable, Sendable {
    public var seq: Int64
    public var at: Timestamp
    public var actor: String
    public init(seq: Int64, at: Timestamp, actor: String) {
        self.seq = seq
        self.at = at
        self.actor = actor
    }
}

/// The reading in force for one indicator and period.
public struct ReadingState: Equatable, Sendable {
    public var measurement: Measurement
    /// The event that set this value (the reading, or the latest correction).
    public var stamp: Stamp
    /// The original reading's seq.
    public var firstSeq: Int64
    public var note: String?
    /// True when a correction replaced the original value.
    public var isCorrected: Bool
    /// True when the value was recorded or corrected after its quarter closed.
    public var isPostClose: Bool
    /// The document that authorised the value in force (a correction's or a
    /// post-close adjustment's), if one was given.
    public var document: String?
    /// True when the value in force was recorded in a batch without a
    /// signature after the ledger had members (issue 12): the figure rests
    /// on an event no member's key vouches for.
    public var isUnsigned = false

    public init(measurement: Measurement, stamp: Stamp, firstSeq: Int64, note: String?, isCorrected: Bool, isPostClose: Bool,
                document: String? = nil) {
        self.measurement = measurement
        self.stamp = stamp
        self.firstSeq = firstSeq
        self.note = note
        self.isCorrected = isCorrected
        self.isPostClose = isPostClose
        self.document = document
    }
}

public struct ObservationState: Equatable, Sendable {
    public var period: Period
    public var text: String
    public var stamp: Stamp
}

public struct BudgetState: Equatable, Sendable {
    public var figures: BudgetFigures
    public var stamp: Stamp
}

/// One indicator as it stands.
public struct IndicatorState: Equatable, Sendable {
    /// As defined: its annual target is the meta aprobada.
    public var definition: IndicatorDefinition
    public var definedSeq: Int64
    /// Meta modificada: the annual target in force.
    public var annualTarget: DecimalNumber
    /// Explicit targets in force per period of the indicator's frequency
    /// (from the monthly targets of the definition and from target changes).
    public var periodTargets: [Period: DecimalNumber]
    /// Periods whose target a target change set (reprogrammed).
    public var reprogrammed: Set<Period>
    /// The documents that authorised the target changes in force: per period,
    /// and for the annual target (key nil is not possible in a dictionary,
    /// so the annual one is apart).
    public var targetDocuments: [Period: String]
    public var annualTargetDocument: String?
    public var readings: [Period: ReadingState]
    public var observations: [ObservationState]
    public var budgets: [Period: BudgetState]
    public var lastSeq: Int64

    public init(definition: IndicatorDefinition, definedSeq: Int64) {
        self.init(definition: definition, definedSeq: definedSeq, periodTargets: IndicatorState.periodTargets(from: definition))
    }

    /// With the period targets given (a checkpoint holds them): nothing is
    /// derived from the definition only to be replaced.
    init(definition: IndicatorDefinition, definedSeq: Int64, periodTargets: [Period: DecimalNumber]) {
        self.definition = definition
        self.definedSeq = definedSeq
        annualTarget = definition.annualTarget
        self.periodTargets = periodTargets
        reprogrammed = []
        targetDocuments = [:]
        annualTargetDocument = nil
        readings = [:]
        observations = []
        budgets = [:]
        lastSeq = definedSeq
    }

    /// The definition's monthly targets as targets of the indicator's periods:
    /// a quarterly indicator's quarter target is the aggregation of its months.
    static func periodTargets(from d: IndicatorDefinition) -> [Period: DecimalNumber] {
        guard let monthly = d.monthlyTargets, monthly.count == 12 else { return [:] }
        var result: [Period: DecimalNumber] = [:]
        for p in Period.year(d.year).periods(of: d.frequency) {
            let values = p.months.map { monthly[$0 - 1] }
            switch d.aggregation {
            case .sum: result[p] = values.reduce(.zero, +)
            case .last, .ratio: result[p] = values[values.count - 1]
            case .average: result[p] = values.reduce(.zero, +).divided(by: values.count, decimals: max(2, values[0].scale)) ?? values[0]
            }
        }
        return result
    }
}

/// A quarter declared final, for one plan or (plan nil) for all.
public struct QuarterClose: Equatable, Sendable {
    public var quarter: Period
    public var plan: String?
    public var stamp: Stamp
}

/// A quarter attested (`quarter_attested`): what the Comisario validated, and who and when.
public struct AttestationState: Equatable, Sendable {
    public var attestation: QuarterAttestation
    public var stamp: Stamp

    public init(attestation: QuarterAttestation, stamp: Stamp) {
        self.attestation = attestation
        self.stamp = stamp
    }
}

/// An owning unit as last described (`unit_described`).
public struct UnitState: Equatable, Sendable {
    public var description: UnitDescription
    public var stamp: Stamp

    public init(description: UnitDescription, stamp: Stamp) {
        self.description = description
        self.stamp = stamp
    }
}

/// A reading set by the batch being folded.
struct BatchReading: Equatable, Sendable {
    var indicator: String
    var period: Period
}

/// Everything the journal says, folded.
public struct LedgerState: Equatable, Sendable {
    /// As opened, with the deadline in force (a `deadline_set` replaces it).
    public var settings: LedgerSettings?
    public var head: ChainHead
    public var indicators: [String: IndicatorState]
    /// Indicator ids in the order they were defined.
    public var indicatorOrder: [String]
    public var closes: [QuarterClose]
    /// Owning units described so far, by code: whom to write to.
    public var units: [String: UnitState]
    /// Every attestation, in journal order.
    public var attestations: [AttestationState]
    /// True once a member was added: from then on a batch without a
    /// signature marks the readings it set as unsigned.
    public var hasMembers = false
    /// The readings the batch being folded set (indicator, period), until
    /// its last line says whether it was signed; empty between batches,
    /// which is where every fold stops.
    var batchReadings: [BatchReading] = []
    /// Every fiscal year some indicator belongs to.
    public var knownYears: Set<Int>
    /// The fiscal years whose indicators this state holds; nil for all. A
    /// report on 2017 folds only 2017's indicators, so memory and time follow
    /// the size of a year, not of the whole history.
    public var years: Set<Int>?

    public init(years: Set<Int>? = nil) {
        settings = nil
        head = .empty
        indicators = [:]
        indicatorOrder = []
        closes = []
        units = [:]
        attestations = []
        knownYears = []
        self.years = years
    }

    /// True when this state holds the indicators of `year`.
    public func holds(_ year: Int) -> Bool { years?.contains(year) ?? true }

    /// The close that covers `period` for `plan`, if its quarter is closed.
    /// A period belongs to the quarter of its last month (an H1 reading is due
    /// at the end of Q2).
    public func close(covering period: Period, plan: String) -> QuarterClose? {
        let q = Period.quarter(period.year, (period.lastMonth - 1) / 3 + 1)
        return closes.first { $0.quarter == q && ($0.plan == nil || $0.plan == plan) }
    }

    /// All plan names, in order of first appearance.
    public var plans: [String] {
        var seen = Set<String>(), result: [String] = []
        for id in indicatorOrder {
            let p = indicators[id]!.definition.plan
            if seen.insert(p).inserted { result.append(p) }
        }
        return result
    }
}
