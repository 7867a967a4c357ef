// The events: past-tense facts, appended and never rewritten.

/// The ledger's settings, fixed when it is opened.
public struct LedgerSettings: Equatable, Sendable {
    public var entity: String
    /// IANA time zone name; bare dates in `--as-of` are days in this zone.
    public var timeZone: String
    public var bands: StatusBands
    /// The reporting deadline: readings of a period are due by this day of
    /// the month after the period ends (plazo de reporte). Nil: the default,
    /// `LedgerSettings.defaultDeadlineDay`. Format version 2.
    public var deadlineDay: Int?
    /// A demonstration or reconstruction ledger (`init --demo`): its
    /// recorded times may come from LEDGER_CLOCK instead of the system
    /// clock, and every report and snapshot says so. Format version 2.
    public var isDemo: Bool
    /// The edition of the rules the ledger was opened under, and keeps:
    /// appends are decided and `verify` replays every event by them, so a
    /// rule added later never fails a journal that kept the rules of its
    /// day. 1 (absent from the opening): before look-alike names and the
    /// CONAC order of budget moments; 2: with them. Format version 2.
    public var rulesEdition: Int

    public init(entity: String, timeZone: String = "UTC", bands: StatusBands = .standard, deadlineDay: Int? = nil, isDemo: Bool = false,
                rulesEdition: Int = LedgerSettings.currentRulesEdition) {
        self.entity = entity
        self.timeZone = timeZone
        self.bands = bands
        self.deadlineDay = deadlineDay
        self.isDemo = isDemo
        self.rulesEdition = rulesEdition
    }

    /// The edition of an opening that names none (every journal before editions).
    public static let firstRulesEdition = 1
    /// The edition `init` opens a ledger under.
    public static let currentRulesEdition = 2
    /// The editions this build knows.
    public static let rulesEditions = firstRulesEdition...currentRulesEdition

    /// The day of the following month a period's reading is due by, when none was set.
    public static let defaultDeadlineDay = 10

    /// The days a deadline may name.
    public static let deadlineDays = 1...31

    /// The deadline day in force.
    public var reportingDeadlineDay: Int { deadlineDay ?? LedgerSettings.defaultDeadlineDay }
}

/// A new annual target, or a new target for one period (reprogramación).
public enum TargetChange: Equatable, Sendable {
    case annual(DecimalNumber)
    case period(Period, DecimalNumber)
}

/// One sealed segment of the journal: a closed stretch of history moved to
/// its own file, its bytes unchanged.
public struct SegmentRecord: Equatable, Sendable {
    /// The file's name in events/: `journal.<first>-<last>.jsonl`.
    public var file: String
    public var firstSeq: Int64
    public var lastSeq: Int64
    public var bytes: Int64
    /// SHA-256 of the file's bytes.
    public var sha256: Digest256

    public init(file: String, firstSeq: Int64, lastSeq: Int64, bytes: Int64, sha256: Digest256) {
        self.file = file
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.bytes = bytes
        self.sha256 = sha256
    }

    public static func fileName(first: Int64, last: Int64) -> String {
        func pad(_ v: Int64) -> String { let s = String(v); return String(repeating: "0", count: max(0, 9 - s.count)) + s }
        return "journal.\(pad(first))-\(pad(last)).jsonl"
    }
}

/// What happened. The journal's `type` and `data` fields. The three cases
/// whose data is large (settings, a definition, a budget's six amounts) are
/// kept out of line, so an event is a few words to copy whatever its type:
/// replays copy events millions of times.
public enum EventPayload: Equatable, Sendable {
    indirect case ledgerOpened(LedgerSettings)
    indirect case indicatorDefined(IndicatorDefinition)
    case targetChanged(indicator: String, change: TargetChange)
    case readingRecorded(indicator: String, period: Period, measurement: Measurement, note: String?, postClose: Bool)
    /// `corrects` is the seq of the reading (or correction) this one replaces.
    case readingCorrected(indicator: String, period: Period, measurement: Measurement, corrects: Int64, postClose: Bool)
    case observationAdded(indicator: String, period: Period, text: String)
    indirect case budgetRecorded(indicator: String, period: Period, figures: BudgetFigures)
    /// `plan` nil closes the quarter for every plan of the ledger.
    case quarterClosed(quarter: Period, plan: String?)
    /// Events up to the last segment's `lastSeq` were sealed into segment
    /// files; `segments` lists every sealed segment so far, in order.
    case segmentSealed(segments: [SegmentRecord])
    /// The reporting deadline changed: readings are due by `day` of the
    /// month after their period. Format version 2.
    case deadlineSet(day: Int)
    /// An owning unit's contact (and name): who the planning office writes
    /// to when its readings are late. Format version 2.
    case unitDescribed(UnitDescription)
    /// Descriptive fields of an indicator changed (name, unit, owner, the
    /// transparency fields); targets keep their own events. Format version 2.
    case indicatorAmended(indicator: String, amendment: IndicatorAmendment)
    /// A member joined (or, removed before, joined again): name, key, roles. Format version 2.
    indirect case memberAdded(MemberRecord)
    /// A member's roles replaced. Format version 2.
    case memberRolesChanged(name: String, roles: [Role])
    /// A member removed: its past signatures stay valid; it signs nothing after. Format version 2.
    case memberRemoved(name: String)
    /// From this event on, every event must be signed. Format version 2.
    case signaturesRequired
    /// The Comisario validated a quarter's snapshot files against the journal. Format version 2.
    indirect case quarterAttested(QuarterAttestation)
    /// The signature of the batch it ends (SignedBatch.swift). Format version 2.
    indirect case batchSigned(BatchSignature)

    public var type: EventType {
        switch self {
        case .ledgerOpened: return .ledgerOpened
        case .indicatorDefined: return .indicatorDefined
        case .targetChanged: return .targetChanged
        case .readingRecorded: return .readingRecorded
        case .readingCorrected: return .readingCorrected
        case .observationAdded: return .observationAdded
        case .budgetRecorded: return .budgetRecorded
        case .quarterClosed: return .quarterClosed
        case .segmentSealed: return .segmentSealed
        case .deadlineSet: return .deadlineSet
        case .unitDescribed: return .unitDescribed
        case .indicatorAmended: return .indicatorAmended
        case .memberAdded: return .memberAdded
        case .memberRolesChanged: return .memberRolesChanged
        case .memberRemoved: return .memberRemoved
        case .signaturesRequired: return .signaturesRequired
        case .quarterAttested: return .quarterAttested
        case .batchSigned: return .batchSigned
        }
    }

    /// The indicator the event touches, if any.
    public var indicator: String? {
        switch self {
        case .ledgerOpened, .quarterClosed, .segmentSealed, .deadlineSet, .unitDescribed, .memberAdded, .memberRolesChanged,
             .memberRemoved, .signaturesRequired, .quarterAttested, .batchSigned: return nil
        case .indicatorDefined(let d): return d.id
        case .targetChanged(let i, _), .readingRecorded(let i, _, _, _, _), .readingCorrected(let i, _, _, _, _),
             .observationAdded(let i, _, _), .budgetRecorded(let i, _, _), .indicatorAmended(let i, _):
            return i
        }
    }

    /// The period the event is about, if any.
    public var period: Period? {
        switch self {
        case .ledgerOpened, .indicatorDefined, .segmentSealed, .deadlineSet, .unitDescribed, .indicatorAmended, .memberAdded,
             .memberRolesChanged, .memberRemoved, .signaturesRequired, .batchSigned: return nil
        case .quarterAttested(let a): return a.quarter
        case .targetChanged(_, let change):
            if case .period(let p, _) = change { return p }
            return nil
        case .readingRecorded(_, let p, _, _, _), .readingCorrected(_, let p, _, _, _), .observationAdded(_, let p, _),
             .budgetRecorded(_, let p, _):
            return p
        case .quarterClosed(let q, _): return q
        }
    }
}

/// The event types, with their names in the journal and on the command line.
public enum EventType: String, Sendable, CaseIterable {
    case ledgerOpened = "ledger_opened"
    case indicatorDefined = "indicator_defined"
    case targetChanged = "target_changed"
    case readingRecorded = "reading_recorded"
    case readingCorrected = "reading_corrected"
    case observationAdded = "observation_added"
    case budgetRecorded = "budget_recorded"
    case quarterClosed = "quarter_closed"
    case segmentSealed = "segment_sealed"
    case deadlineSet = "deadline_set"
    case unitDescribed = "unit_described"
    case indicatorAmended = "indicator_amended"
    case memberAdded = "member_added"
    case memberRolesChanged = "member_roles_changed"
    case memberRemoved = "member_removed"
    case signaturesRequired = "signatures_required"
    case quarterAttested = "quarter_attested"
    case batchSigned = "batch_signed"

    /// The journal format version that introduced the type: a line of an
    /// older version may not hold it.
    public var formatVersion: Int {
        switch self {
        case .deadlineSet, .unitDescribed, .indicatorAmended, .memberAdded, .memberRolesChanged, .memberRemoved,
             .signaturesRequired, .quarterAttested, .batchSigned: return 2
        default: return 1
        }
    }

    /// The short name used by `append` and batch files.
    public var commandName: String {
        switch self {
        case .ledgerOpened: return "init"
        case .indicatorDefined: return "indicator"
        case .targetChanged: return "target"
        case .readingRecorded: return "reading"
        case .readingCorrected: return "correction"
        case .observationAdded: return "observation"
        case .budgetRecorded: return "budget"
        case .quarterClosed: return "close"
        case .segmentSealed: return "seal"
        case .deadlineSet: return "deadline"
        case .unitDescribed: return "unit"
        case .indicatorAmended: return "amend"
        case .memberAdded: return "member-add"
        case .memberRolesChanged: return "member-roles"
        case .memberRemoved: return "member-remove"
        case .signaturesRequired: return "require-signatures"
        case .quarterAttested: return "attest"
        case .batchSigned: return "signature"
        }
    }

    /// Either name: `reading` or `reading_recorded`.
    public init?(name: String) {
        let n = String(name.map { $0 == "-" ? "_" : $0 })
        if let t = EventType(rawValue: n) { self = t; return }
        guard let t = EventType.allCases.first(where: { $0.commandName == n }) else { return nil }
        self = t
    }
}

/// An event to append: what the decision produced, before the journal gives
/// it a seq, a time and a hash.
public struct PendingEvent: Equatable, Sendable {
    public var payload: EventPayload
    /// Why: mandatory for target changes, corrections and post-close values.
    public var reason: String?
    /// The document that authorised it ("Oficio DPE/123/2017"): target
    /// changes, corrections, post-close readings and amendments. Format version 2.
    public var document: String?
    /// Where it came from: `file:line` of an import or batch.
    public var source: String?

    public init(_ payload: EventPayload, reason: String? = nil, document: String? = nil, source: String? = nil) {
        self.payload = payload
        self.reason = reason
        self.document = document
        self.source = source
    }
}

/// An event as written in the journal: the envelope around a payload.
public struct RecordedEvent: Equatable, Sendable {
    /// 1, 2, 3, ... without gaps.
    public var seq: Int64
    /// Recorded time, set by the ledger.
    public var at: Timestamp
    /// The clock's reading when it was not after the previous event's `at`
    /// (a clock set back, or behind another machine's): `at` is then the
    /// previous event's plus 1 µs, and this says what the clock read. Nil
    /// when `at` is the clock's reading (or a later event of its batch).
    /// Format version 2.
    public var clock: Timestamp?
    /// Who: the person named by --actor or $LEDGER_ACTOR.
    public var actor: String
    /// The operating-system account that ran the command.
    public var osUser: String
    public var payload: EventPayload
    public var reason: String?
    /// The authorising document, where one was given (format version 2).
    public var document: String?
    public var source: String?
    /// How many events after this one belong to the same batch: a batch is
    /// whole only when its last event (more == 0) is in the journal.
    public var more: Int
    public var previousHash: Digest256
    public var hash: Digest256

    public init(seq: Int64, at: Timestamp, actor: String, osUser: String, payload: EventPayload, reason: String?,
                document: String? = nil, source: String?, more: Int, previousHash: Digest256, hash: Digest256, clock: Timestamp? = nil) {
        self.seq = seq
        self.at = at
        self.clock = clock
        self.actor = actor
        self.osUser = osUser
        self.payload = payload
        self.reason = reason
        self.document = document
        self.source = source
        self.more = more
        self.previousHash = previousHash
        self.hash = hash
    }
}
