// What a user asks the ledger to record. decide() turns a command into the
// event to append, or a refusal that says why.

public enum Command: Equatable, Sendable {
    // The large cases out of line, as in EventPayload: a command is a few words to copy.
    indirect case open(LedgerSettings)
    indirect case defineIndicator(IndicatorDefinition)
    /// `document`: what authorised it (an oficio), kept with the event.
    case changeTarget(indicator: String, change: TargetChange, reason: String?, document: String? = nil)
    /// `document` only on a post-close adjustment.
    case recordReading(indicator: String, period: Period, measurement: Measurement, note: String?, postClose: Bool, reason: String?,
                       document: String? = nil)
    case correctReading(indicator: String, period: Period, measurement: Measurement, reason: String?, postClose: Bool,
                        document: String? = nil)
    case addObservation(indicator: String, period: Period, text: String)
    indirect case recordBudget(indicator: String, period: Period, figures: BudgetFigures)
    case closeQuarter(quarter: Period, plan: String?)
    /// Records that the events of `segment` moved to their own file: the
    /// store computes the record (range, size, SHA-256) from the journal's
    /// bytes; the decision checks it follows the segments sealed before.
    case sealSegment(SegmentRecord)
    /// A new reporting deadline (a day of the month after each period).
    case setDeadline(day: Int)
    /// An owning unit's name and contact.
    case describeUnit(UnitDescription)
    /// New descriptive fields for an indicator, with a reason.
    case amendIndicator(indicator: String, amendment: IndicatorAmendment, reason: String?, document: String? = nil)
}

extension Command {
    /// The type of the event this command records when it is accepted.
    public var eventType: EventType {
        switch self {
        case .open: return .ledgerOpened
        case .defineIndicator: return .indicatorDefined
        case .changeTarget: return .targetChanged
        case .recordReading: return .readingRecorded
        case .correctReading: return .readingCorrected
        case .addObservation: return .observationAdded
        case .recordBudget: return .budgetRecorded
        case .closeQuarter: return .quarterClosed
        case .sealSegment: return .segmentSealed
        case .setDeadline: return .deadlineSet
        case .describeUnit: return .unitDescribed
        case .amendIndicator: return .indicatorAmended
        }
    }
}

/// Why a command was refused. Data, not text: the CLI words it in Spanish
/// or English and picks the exit code.
public enum Refusal: Error, Equatable, Sendable {
    case notOpened
    case alreadyOpened
    case unknownIndicator(String)
    case indicatorExists(String)
    case emptyField(String)
    case invalidText(String)
    case periodNotOfFrequency(indicator: String, period: Period, frequency: Frequency)
    case periodOutsideYear(indicator: String, period: Period, year: Int)
    case readingExists(indicator: String, period: Period, seq: Int64)
    case noReadingToCorrect(indicator: String, period: Period)
    case correctionChangesNothing(indicator: String, period: Period)
    case reasonRequired(String)
    case ratioNeedsParts(indicator: String)
    case valueNotRatio(indicator: String)
    case negativeValue(String)
    case zeroDenominator(indicator: String)
    case quarterIsClosed(indicator: String, period: Period, quarter: Period)
    case notClosed(indicator: String, period: Period)
    case alreadyClosed(quarter: Period, plan: String?)
    case notAQuarter(Period)
    case unknownPlan(String)
    case yearOutOfRange(Int)
    case bandsOutOfOrder
    /// A name or text with a character it may not hold, or too long
    /// (`field` is the flag or column: `id`, `plan`, `name`, `text`, ...).
    case invalidName(field: String, NameProblem)
    /// A name that looks like one already recorded (same `NameSkeleton`)
    /// but is not it: `IND-A` and `IND-А` (Cyrillic), `ana` and `Ana`.
    case lookAlike(NameKind, given: String, existing: String)
    /// A deadline that is not a day of the month.
    case deadlineOutOfRange(Int)
    /// A document on an event that authorises nothing (a reading of an open quarter, ...).
    case documentNotAllowed(EventType)
    /// An amendment that names no field.
    case nothingToAmend(indicator: String)
    /// A unit described with neither a name nor a contact.
    case nothingToDescribe(unit: String)
    /// A budget whose recorded moments break CONAC's order: `moment`
    /// (`amount`) exceeds the moment before it, `exceeds` (`limit`).
    case budgetMomentsOutOfOrder(indicator: String, period: Period, moment: BudgetMoment, amount: DecimalNumber,
                                 exceeds: BudgetMoment, limit: DecimalNumber)
    /// A seal whose segment cannot be recorded: see `SegmentProblem`.
    case segmentRefused(file: String, SegmentProblem)
}

/// Why a segment record cannot be sealed.
public enum SegmentProblem: Equatable, Sendable {
    /// It does not begin just after the last sealed event.
    case doesNotFollow(expectedFirstSeq: Int64)
    /// Its name, range or size do not agree with each other.
    case malformed
    /// The facts it was decided against do not keep the sealed segments.
    case sealsUnknown
}

/// What decide() needs to know about the ledger. LedgerState answers it in
/// memory; an index on disk may answer it without loading all of history.
public protocol LedgerFacts {
    var settings: LedgerSettings? { get }
    /// True once the ledger is opened (cheaper to answer than `settings`).
    var isOpened: Bool { get }
    func definition(of indicator: String) -> IndicatorDefinition?
    /// The seq and value of the reading (or correction) in force.
    func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)?
    /// True when `quarter` was closed for `plan` (nil: for all plans).
    func isClosed(_ quarter: Period, plan: String?) -> Bool
    func hasPlan(_ plan: String) -> Bool
    /// The segments the latest seal lists (none before the first seal), or
    /// nil when this source does not keep them.
    var sealedSegments: [SegmentRecord]? { get }
    /// A name of `kind` already recorded that looks like `name` (the same
    /// `NameSkeleton`) but is not it; nil when there is none, or when `name`
    /// itself is recorded.
    func lookAlike(of name: String, _ kind: NameKind) -> String?
    /// The rules edition the ledger keeps (`LedgerSettings.rulesEdition`);
    /// the current one while it is not opened.
    var rulesEdition: Int { get }
}

extension LedgerFacts {
    public var isOpened: Bool { settings != nil }
    public var rulesEdition: Int { settings?.rulesEdition ?? LedgerSettings.currentRulesEdition }

    /// The closed quarter that holds `period` for indicators of `plan`: a
    /// period belongs to the quarter of its last month.
    public func closedQuarter(holding period: Period, plan: String) -> Period? {
        let q = Period.quarter(period.year, (period.lastMonth - 1) / 3 + 1)
        return isClosed(q, plan: plan) || isClosed(q, plan: nil) ? q : nil
    }
}

extension LedgerState: LedgerFacts {
    public func definition(of indicator: String) -> IndicatorDefinition? { indicators[indicator]?.definition }

    public func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        guard let r = indicators[indicator]?.readings[period] else { return nil }
        return (r.stamp.seq, r.measurement)
    }

    public func isClosed(_ quarter: Period, plan: String?) -> Bool {
        closes.contains { $0.quarter == quarter && $0.plan == plan }
    }

    public func hasPlan(_ plan: String) -> Bool {
        indicators.values.contains { $0.definition.plan == plan }
    }

    /// A folded state does not keep where its events are stored (a seal
    /// changes no figure), so a seal is decided against the store's facts.
    public var sealedSegments: [SegmentRecord]? { nil }

    /// Looks through the indicators this state holds (so only the years it
    /// holds); it keeps no actors. For tests and small states: appends ask
    /// the facts index, verify its own folded facts.
    public func lookAlike(of name: String, _ kind: NameKind) -> String? {
        var names = NameRegistry()
        for id in indicatorOrder {
            let d = indicators[id]!.definition
            names.record(d)
        }
        return names.lookAlike(of: name, kind)
    }
}
