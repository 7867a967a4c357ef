// What a user asks the ledger to record. decide() turns a command into the
// event to append, or a refusal that says why.

import LedgerCrypto

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
    /// A member: a name, an Ed25519 key, roles (admin only; the first member
    /// of a ledger signs its own addition as admin).
    indirect case addMember(MemberRecord)
    /// A member's roles replaced (admin only).
    case changeRoles(name: String, roles: [Role])
    /// A member removed (admin only; never the last admin).
    case removeMember(name: String)
    /// Every event from here on must be signed (admin only; for good).
    case requireSignatures
    /// The Comisario's attestation of a quarter's snapshot files (auditor only).
    indirect case attestQuarter(QuarterAttestation)
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
        case .addMember: return .memberAdded
        case .changeRoles: return .memberRolesChanged
        case .removeMember: return .memberRemoved
        case .requireSignatures: return .signaturesRequired
        case .attestQuarter: return .quarterAttested
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

    // Members, roles and signatures (format version 2).

    /// A public key that is not one a member may hold.
    case publicKeyRefused(PublicKeyProblem)
    /// A member of this name is already active.
    case memberExists(String)
    /// No member of this name (or one that looks like it, `existing`).
    case unknownMember(String)
    /// The member was removed already.
    case memberAlreadyRemoved(String)
    /// The key is held by another member (active or removed).
    case keyHeldByAnother(member: String)
    /// A member needs at least one role.
    case noRoles
    /// The roles given are the member's already.
    case rolesUnchanged(String)
    /// Removing this member, or its admin role, would leave no admin.
    case lastAdmin(String)
    /// This type is never recorded unsigned (members, requirement, attestation).
    case signatureNeeded(EventType)
    /// The ledger requires signatures and the command is unsigned.
    case signaturesRequired
    /// Signatures are already required.
    case signaturesAlreadyRequired
    /// The signing key belongs to no active member.
    case keyOfNoMember(fingerprint: String)
    /// The signing key's member was removed.
    case signerRemoved(String)
    /// On a ledger without members, the first member is an admin who signs its own addition.
    case firstMemberMustBeAdmin
    /// The signer lacks the role the type needs (any of `needs`).
    case roleMissing(member: String, type: EventType, needs: [Role])
    /// An attestation of a quarter not closed (for its plan or every plan).
    case attestOpenQuarter(quarter: Period, plan: String?)
    /// An attestation without snapshot files, or with a file named twice or badly.
    case nothingToAttest(quarter: Period)
    /// An attestation whose head is not the journal's head before it.
    case attestationHeadDiffers
}

/// Why a public key cannot be a member's.
public enum PublicKeyProblem: Equatable, Sendable {
    /// Not an OpenSSH public key line at all (the parser's reason).
    case unreadable(String)
    /// A key of another type than ssh-ed25519 (`ssh-rsa`, `sk-ssh-ed25519@openssh.com`, ...).
    case notEd25519(String)
    /// An Ed25519 key that no honest key can be: off the curve, not
    /// canonical, or of small order (with it anyone could forge signatures).
    case weak
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
/// Its members are asked about one at a time (`MemberQueries`); only a
/// change of members asks for the whole roster.
public protocol LedgerFacts: MemberQueries {
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
    /// Every member ever added, as the member events have left them: what a
    /// change of roles or a removal asks (how many admins stay). Folding it
    /// costs every member event; the questions of `MemberQueries` do not.
    var members: MemberRoster { get }
    /// True once a `signatures_required` event is recorded.
    var signaturesRequired: Bool { get }
    /// The head of the journal the facts describe (seq and hash of the last
    /// event); nil where the source does not know it.
    var headLink: (seq: Int64, hash: Digest256)? { get }
    /// The rules edition the ledger keeps (`LedgerSettings.rulesEdition`);
    /// the current one while it is not opened.
    var rulesEdition: Int { get }
}

extension LedgerFacts {
    public var isOpened: Bool { settings != nil }
    public var rulesEdition: Int { settings?.rulesEdition ?? LedgerSettings.currentRulesEdition }

    /// A source that keeps no members (a folded state, for tests) answers
    /// with none: members and signatures are decided against the store's
    /// facts (appends) and verify's folded facts.
    public var members: MemberRoster { MemberRoster() }
    /// A source that keeps its members whole answers from them.
    public var hasMembers: Bool { members.hasMembers }
    public func member(named name: String) -> Member? { members.member(named: name) }
    public func activeMember(withKey key: SSHPublicKey) -> Member? { members.activeMember(withKey: key) }
    public func anyMember(withKey key: SSHPublicKey) -> Member? { members.anyMember(withKey: key) }
    public var signaturesRequired: Bool { false }
    public var headLink: (seq: Int64, hash: Digest256)? { nil }

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
