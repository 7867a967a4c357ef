// decide(command, facts) -> the event to append, or a refusal. Pure: the
// same command against the same facts always gives the same answer.
// `verify` asks the same function about every event already written
// (RuleCheck.swift).

import LedgerCrypto

public enum Decider {
    public static func decide(_ command: Command, source: String? = nil, facts: some LedgerFacts) -> Result<PendingEvent, Refusal> {
        do {
            return .success(try decideOrThrow(command, source: source, facts: facts))
        } catch let r as Refusal {
            return .failure(r)
        } catch {
            preconditionFailure("decide throws only refusals")
        }
    }

    static func nonEmpty(_ text: String?, _ field: String) throws -> String {
        guard let t = text, !t.allSatisfy({ $0 == " " || $0 == "\t" }) else { throw Refusal.emptyField(field) }
        // A scalar below 0x20 is one UTF-8 byte below 0x20, and no other byte is.
        guard !t.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 }) else { throw Refusal.invalidText(field) }
        return t
    }

    /// An optional text field: nil stays nil; blank or with control characters is refused.
    static func optionalText(_ text: String?, _ field: String) throws -> String? {
        guard let text else { return nil }
        return try nonEmpty(text, field)
    }

    static func reason(_ text: String?, for what: String) throws -> String {
        guard let t = text, !t.allSatisfy({ $0 == " " || $0 == "\t" }) else { throw Refusal.reasonRequired(what) }
        return t
    }

    static func notNegative(_ v: DecimalNumber, _ field: String) throws {
        if v.isNegative { throw Refusal.negativeValue(field) }
    }

    /// The indicator `id` names; an unknown id that looks like a known one
    /// (`IND-А` for `IND-A`) is refused naming that one.
    static func indicator(_ id: String, _ facts: some LedgerFacts) throws -> IndicatorDefinition {
        guard let d = facts.definition(of: id) else {
            if let e = facts.lookAlike(of: id, .indicator) { throw Refusal.lookAlike(.indicator, given: id, existing: e) }
            throw Refusal.unknownIndicator(id)
        }
        return d
    }

    /// An identifier's characters, then whether it looks like a recorded
    /// one of its kind that it is not. Empty names are left to the caller.
    static func identifier(_ name: String, _ kind: NameKind, field: String? = nil, _ facts: some LedgerFacts) throws {
        guard !name.isEmpty, facts.rulesEdition >= 2 else { return }
        if let p = NameRules.identifierProblem(name, kind) { throw Refusal.invalidName(field: field ?? kind.field, p) }
        if let e = facts.lookAlike(of: name, kind) { throw Refusal.lookAlike(kind, given: name, existing: e) }
    }

    /// Names and texts are checked from rules edition 2 on (LedgerSettings.rulesEdition).
    static func label(_ text: String?, _ field: String, _ edition: Int) throws {
        if edition >= 2, let t = text, let p = NameRules.labelProblem(t) { throw Refusal.invalidName(field: field, p) }
    }

    static func text(_ text: String?, _ field: String, _ edition: Int) throws {
        if edition >= 2, let t = text, let p = NameRules.textProblem(t) { throw Refusal.invalidName(field: field, p) }
    }

    /// The names of a definition: its identifiers
    /// (id, plan, owner code; checked for look-alikes after the caller has
    /// refused an id already defined), its labels and its description.
    static func checkNames(_ d: IndicatorDefinition, _ facts: some LedgerFacts) throws {
        try label(d.name, "name", facts.rulesEdition)
        try label(d.unit, "unit", facts.rulesEdition)
        try label(d.ownerName, "owner-name", facts.rulesEdition)
        for level in d.hierarchy {
            try label(level.level, "hierarchy", facts.rulesEdition)
            try label(level.value, "hierarchy", facts.rulesEdition)
        }
        try text(d.description, "description", facts.rulesEdition)
        for (t, field) in [(d.dimension, "dimension"), (d.definitionText, "definition"), (d.method, "method"),
                           (d.informationSource, "information-source"), (d.objective, "objective")] {
            try text(t, field, facts.rulesEdition)
        }
        try identifier(d.id, .indicator, facts)
        try identifier(d.plan, .plan, facts)
        if let o = d.ownerCode { try identifier(o, .owner, facts) }
    }

    /// Whether `actor` may record: a valid identifier
    /// that does not look like another actor already in the journal. The
    /// actor is no part of a command, so the store asks this before deciding
    /// a batch, and verify for every event.
    public static func admit(actor: String, facts: some LedgerFacts) -> Refusal? {
        do {
            try identifier(actor, .actor, facts)
            return nil
        } catch let r as Refusal {
            return r
        } catch {
            preconditionFailure("identifier throws only refusals")
        }
    }

    /// A reading's period must be one of the indicator's frequency, in its year.
    static func checkReadingPeriod(_ p: Period, _ d: IndicatorDefinition) throws {
        if p.year != d.year { throw Refusal.periodOutsideYear(indicator: d.id, period: p, year: d.year) }
        if p.frequency != d.frequency { throw Refusal.periodNotOfFrequency(indicator: d.id, period: p, frequency: d.frequency) }
    }

    static func checkMeasurement(_ m: Measurement, _ d: IndicatorDefinition) throws {
        switch m {
        case .value(let v):
            if d.aggregation == .ratio { throw Refusal.ratioNeedsParts(indicator: d.id) }
            try notNegative(v, "value")
        case .ratio(let n, let den):
            if d.aggregation != .ratio { throw Refusal.valueNotRatio(indicator: d.id) }
            try notNegative(n, "numerator")
            try notNegative(den, "denominator")
            if den.isZero { throw Refusal.zeroDenominator(indicator: d.id) }
        }
    }

    /// Post-close rules: a value for a closed quarter needs the flag and a
    /// reason; the flag on an open quarter is refused so that marks stay true.
    static func checkClose(_ p: Period, _ d: IndicatorDefinition, postClose: Bool, reason: String?, _ facts: some LedgerFacts) throws {
        if let q = facts.closedQuarter(holding: p, plan: d.plan) {
            guard postClose else { throw Refusal.quarterIsClosed(indicator: d.id, period: p, quarter: q) }
            _ = try Decider.reason(reason, for: "post-close")
        } else if postClose {
            throw Refusal.notClosed(indicator: d.id, period: p)
        }
    }

    /// A reading's rules (the command is `recordReading`): the reason and
    /// document the event records. Shared with verify's check of a recorded
    /// reading, which asks the same questions without building the event.
    static func recordReading(_ id: String, _ p: Period, _ m: Measurement, note: String?, postClose: Bool, reason reasonText: String?,
                              document documentText: String?, _ facts: some LedgerFacts) throws -> (reason: String?, document: String?) {
        let d = try indicator(id, facts)
        try checkReadingPeriod(p, d)
        try checkMeasurement(m, d)
        if let existing = facts.readingInForce(id, p) {
            throw Refusal.readingExists(indicator: id, period: p, seq: existing.seq)
        }
        try checkClose(p, d, postClose: postClose, reason: reasonText, facts)
        try text(note, "note", facts.rulesEdition)
        if postClose { try text(reasonText, "reason", facts.rulesEdition) }
        let doc = try optionalText(documentText, "document")
        // A reading of an open quarter changes nothing already reported: there is nothing to authorise.
        if doc != nil && !postClose { throw Refusal.documentNotAllowed(.readingRecorded) }
        return (postClose ? reasonText : nil, doc)
    }

    /// An observation's rules (the command is `addObservation`; the event
    /// records the text as given). Shared with verify, as `recordReading`.
    static func addObservation(_ id: String, _ p: Period, text: String, _ facts: some LedgerFacts) throws {
        let d = try indicator(id, facts)
        if p.year != d.year { throw Refusal.periodOutsideYear(indicator: id, period: p, year: d.year) }
        _ = try nonEmpty(text, "text")
        try Decider.text(text, "text", facts.rulesEdition)
    }

    static func decideOrThrow(_ command: Command, source: String?, facts: some LedgerFacts) throws -> PendingEvent {
        if case .open(let s) = command {
            guard !facts.isOpened else { throw Refusal.alreadyOpened }
            _ = try nonEmpty(s.entity, "entity")
            try label(s.entity, "entity", s.rulesEdition)
            if let day = s.deadlineDay, !LedgerSettings.deadlineDays.contains(day) { throw Refusal.deadlineOutOfRange(day) }
            guard s.bands.yellow <= s.bands.green, s.bands.ceiling.map({ $0 >= s.bands.green }) ?? true else { throw Refusal.bandsOutOfOrder }
            return PendingEvent(.ledgerOpened(s), source: source)
        }
        guard facts.isOpened else { throw Refusal.notOpened }
        switch command {
        case .open:
            preconditionFailure("handled above")
        case .defineIndicator(let d):
            _ = try nonEmpty(d.id, "id")
            guard !d.id.contains(where: { $0 == " " || $0 == "," || $0 == "\t" }) else { throw Refusal.invalidText("id") }
            _ = try nonEmpty(d.name, "name")
            _ = try nonEmpty(d.unit, "unit")
            guard (1900...2999).contains(d.year) else { throw Refusal.yearOutOfRange(d.year) }
            guard facts.definition(of: d.id) == nil else { throw Refusal.indicatorExists(d.id) }
            try checkNames(d, facts)
            try notNegative(d.annualTarget, "annual-target")
            for v in d.monthlyTargets ?? [] { try notNegative(v, "monthly-targets") }
            if let b = d.bands, b.yellow > b.green || (b.ceiling.map { $0 < b.green } ?? false) { throw Refusal.bandsOutOfOrder }
            for (text, field) in [(d.dimension, "dimension"), (d.definitionText, "definition"), (d.method, "method"),
                                  (d.informationSource, "information-source"), (d.objective, "objective")] {
                _ = try optionalText(text, field)
            }
            return PendingEvent(.indicatorDefined(d), source: source)
        case .changeTarget(let id, let change, let reasonText, let documentText):
            let d = try indicator(id, facts)
            let r = try reason(reasonText, for: "target")
            try text(r, "reason", facts.rulesEdition)
            let doc = try optionalText(documentText, "document")
            switch change {
            case .annual(let v): try notNegative(v, "annual-target")
            case .period(let p, let v):
                try checkReadingPeriod(p, d)
                try notNegative(v, "value")
            }
            return PendingEvent(.targetChanged(indicator: id, change: change), reason: r, document: doc, source: source)
        case .recordReading(let id, let p, let m, let note, let postClose, let reasonText, let documentText):
            let (r, doc) = try recordReading(id, p, m, note: note, postClose: postClose, reason: reasonText, document: documentText, facts)
            return PendingEvent(.readingRecorded(indicator: id, period: p, measurement: m, note: note, postClose: postClose),
                                reason: r, document: doc, source: source)
        case .correctReading(let id, let p, let m, let reasonText, let postClose, let documentText):
            let d = try indicator(id, facts)
            try checkReadingPeriod(p, d)
            try checkMeasurement(m, d)
            let r = try reason(reasonText, for: "correction")
            let doc = try optionalText(documentText, "document")
            guard let existing = facts.readingInForce(id, p) else { throw Refusal.noReadingToCorrect(indicator: id, period: p) }
            if existing.measurement == m { throw Refusal.correctionChangesNothing(indicator: id, period: p) }
            try checkClose(p, d, postClose: postClose, reason: r, facts)
            try text(r, "reason", facts.rulesEdition)
            return PendingEvent(.readingCorrected(indicator: id, period: p, measurement: m, corrects: existing.seq, postClose: postClose),
                                reason: r, document: doc, source: source)
        case .addObservation(let id, let p, let text):
            try addObservation(id, p, text: text, facts)
            return PendingEvent(.observationAdded(indicator: id, period: p, text: text), source: source)
        case .recordBudget(let id, let p, let f):
            let d = try indicator(id, facts)
            if p.year != d.year { throw Refusal.periodOutsideYear(indicator: id, period: p, year: d.year) }
            for (v, name) in [(f.modified, "modified"), (f.accrued, "accrued"), (f.paid, "paid")] { try notNegative(v, name) }
            if facts.rulesEdition >= 2 { try checkBudgetMoments(id, p, f) }
            return PendingEvent(.budgetRecorded(indicator: id, period: p, figures: f), source: source)
        case .closeQuarter(let q, let plan):
            guard q.frequency == .quarterly else { throw Refusal.notAQuarter(q) }
            if let p = plan, !facts.hasPlan(p) {
                if let e = facts.lookAlike(of: p, .plan) { throw Refusal.lookAlike(.plan, given: p, existing: e) }
                throw Refusal.unknownPlan(p)
            }
            if facts.isClosed(q, plan: plan) || facts.isClosed(q, plan: nil) { throw Refusal.alreadyClosed(quarter: q, plan: plan) }
            return PendingEvent(.quarterClosed(quarter: q, plan: plan), source: source)
        case .sealSegment(let record):
            guard let sealed = facts.sealedSegments else { throw Refusal.segmentRefused(file: record.file, .sealsUnknown) }
            guard record.firstSeq >= 1, record.lastSeq >= record.firstSeq, record.bytes > 0,
                  record.file == SegmentRecord.fileName(first: record.firstSeq, last: record.lastSeq) else {
                throw Refusal.segmentRefused(file: record.file, .malformed)
            }
            let expected = (sealed.last?.lastSeq ?? 0) + 1
            guard record.firstSeq == expected else { throw Refusal.segmentRefused(file: record.file, .doesNotFollow(expectedFirstSeq: expected)) }
            // The event lists every segment so far: the last seal's list,
            // extended by this one (so it extends that list by construction).
            return PendingEvent(.segmentSealed(segments: sealed + [record]), source: source)
        case .setDeadline(let day):
            guard LedgerSettings.deadlineDays.contains(day) else { throw Refusal.deadlineOutOfRange(day) }
            return PendingEvent(.deadlineSet(day: day), source: source)
        case .describeUnit(let u):
            _ = try nonEmpty(u.code, "owner")
            let name = try optionalText(u.name, "owner-name"), contact = try optionalText(u.contact, "contact")
            guard name != nil || contact != nil else { throw Refusal.nothingToDescribe(unit: u.code) }
            try identifier(u.code, .owner, facts)
            try label(name, "owner-name", facts.rulesEdition)
            try text(contact, "contact", facts.rulesEdition)
            return PendingEvent(.unitDescribed(UnitDescription(code: u.code, name: name, contact: contact)), source: source)
        case .amendIndicator(let id, let a, let reasonText, let documentText):
            // Decided on what the definition event says (id, existence) only:
            // the facts index answers with the definition as first recorded.
            _ = try indicator(id, facts)
            guard !a.isEmpty else { throw Refusal.nothingToAmend(indicator: id) }
            for (text, field) in [(a.name, "name"), (a.unit, "unit"), (a.ownerCode, "owner"), (a.ownerName, "owner-name"),
                                  (a.description, "description"), (a.dimension, "dimension"), (a.definitionText, "definition"),
                                  (a.method, "method"), (a.informationSource, "information-source"), (a.objective, "objective")] {
                _ = try optionalText(text, field)
            }
            try label(a.name, "name", facts.rulesEdition)
            try label(a.unit, "unit", facts.rulesEdition)
            try label(a.ownerName, "owner-name", facts.rulesEdition)
            if let o = a.ownerCode { try identifier(o, .owner, facts) }
            for (t, field) in [(a.description, "description"), (a.dimension, "dimension"), (a.definitionText, "definition"),
                               (a.method, "method"), (a.informationSource, "information-source"), (a.objective, "objective")] {
                try text(t, field, facts.rulesEdition)
            }
            let r = try reason(reasonText, for: "amend")
            try text(r, "reason", facts.rulesEdition)
            let doc = try optionalText(documentText, "document")
            return PendingEvent(.indicatorAmended(indicator: id, amendment: a), reason: r, document: doc, source: source)
        case .addMember, .changeRoles, .removeMember, .requireSignatures, .attestQuarter:
            return PendingEvent(try decideTrust(command, facts), source: source)
        }
    }
}

/// The facts a batch decides against: the ledger's, plus what earlier rows
/// of the same batch would add (read from each event's `fact`). The base is
/// never copied or changed.
public struct BatchFacts<Base: LedgerFacts>: LedgerFacts {
    public let base: Base
    private var openedSettings: LedgerSettings?
    private var newDefinitions: [String: IndicatorDefinition] = [:]
    private var newReadings: [String: [Period: (seq: Int64, measurement: Measurement)]] = [:]
    private var newCloses: [(Period, String?)] = []
    private var newSealed: [SegmentRecord]?
    private var newNames = NameRegistry()
    private var nextSeq: Int64

    private var roster: MemberRoster?
    private var required = false
    private let head: (seq: Int64, hash: Digest256)?

    public init(base: Base, headSeq: Int64, headHash: Digest256? = nil) {
        self.base = base
        nextSeq = headSeq + 1
        head = headHash.map { (headSeq, $0) }
    }

    /// The base's members, asked one at a time, until a row of the batch
    /// changes members; from then on the whole roster, folded once.
    public var members: MemberRoster { roster ?? base.members }
    public var hasMembers: Bool { roster?.hasMembers ?? base.hasMembers }
    public func member(named name: String) -> Member? { roster.map { $0.member(named: name) } ?? base.member(named: name) }
    public func activeMember(withKey key: SSHPublicKey) -> Member? {
        roster.map { $0.activeMember(withKey: key) } ?? base.activeMember(withKey: key)
    }
    public func anyMember(withKey key: SSHPublicKey) -> Member? {
        roster.map { $0.anyMember(withKey: key) } ?? base.anyMember(withKey: key)
    }
    public var signaturesRequired: Bool { required || base.signaturesRequired }
    /// The journal's head while the batch has added nothing; after that the
    /// head is an event of the batch, not yet hashed: unknown.
    public var headLink: (seq: Int64, hash: Digest256)? { newNothing ? (head ?? base.headLink) : nil }
    private var newNothing = true

    public var settings: LedgerSettings? { openedSettings ?? base.settings }
    public var isOpened: Bool { openedSettings != nil || base.isOpened }
    public var rulesEdition: Int { openedSettings?.rulesEdition ?? base.rulesEdition }

    public func definition(of indicator: String) -> IndicatorDefinition? {
        newDefinitions[indicator] ?? base.definition(of: indicator)
    }

    public func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        newReadings[indicator]?[period] ?? base.readingInForce(indicator, period)
    }

    public func isClosed(_ quarter: Period, plan: String?) -> Bool {
        newCloses.contains { $0.0 == quarter && $0.1 == plan } || base.isClosed(quarter, plan: plan)
    }

    public func hasPlan(_ plan: String) -> Bool {
        newDefinitions.values.contains { $0.plan == plan } || base.hasPlan(plan)
    }

    public var sealedSegments: [SegmentRecord]? { newSealed ?? base.sealedSegments }

    /// A look-alike among the batch's own new names, else the ledger's; a
    /// name the batch itself records is no look-alike of itself.
    public func lookAlike(of name: String, _ kind: NameKind) -> String? {
        if newNames.contains(name, kind) { return nil }
        return newNames.lookAlike(of: name, kind) ?? base.lookAlike(of: name, kind)
    }

    /// Records what `event` (about to get the next seq) adds.
    public mutating func add(_ event: PendingEvent) {
        let seq = nextSeq
        nextSeq += 1
        newNothing = false
        guard let fact = event.payload.fact else { return }
        switch fact {
        case .opened(let s): openedSettings = s
        case .defined(let d):
            newDefinitions[d.id] = d
            newNames.record(d)
        case .inForce(let id, let p, let m): newReadings[id, default: [:]][p] = (seq, m)
        case .closed(let q, let plan): newCloses.append((q, plan))
        case .sealed(let segments): newSealed = segments
        case .member:
            var r = members
            r.apply(event.payload, seq: seq)
            roster = r
        case .signaturesRequired: required = true
        case .annualTarget, .periodTarget, .budget, .deadline, .unit, .amended, .attested: break
        }
    }

    /// Decides every command in order; all events, or every refusal with its
    /// index (so a batch file can name each bad row).
    /// `signer` nil: an unsigned batch. Each event must also be one its
    /// signer's roles allow at that point (Authorization.swift).
    public static func decideAll(_ commands: [(Command, String?)], base: Base, headSeq: Int64, headHash: Digest256? = nil,
                                 signer: SignerIdentity? = nil) -> Result<[PendingEvent], BatchRefusal> {
        var facts = BatchFacts(base: base, headSeq: headSeq, headHash: headHash)
        var events: [PendingEvent] = []
        var refusals: [(Int, Refusal)] = []
        for (i, (command, source)) in commands.enumerated() {
            switch Decider.decide(command, source: source, facts: facts) {
            case .success(let e):
                if let r = Decider.authorize(e.payload, signer: signer, roster: facts, signaturesRequired: facts.signaturesRequired) {
                    refusals.append((i, r))
                    continue
                }
                facts.add(e)
                events.append(e)
            case .failure(let r):
                refusals.append((i, r))
            }
        }
        return refusals.isEmpty ? .success(events) : .failure(BatchRefusal(refusals: refusals))
    }
}

/// Every refused row of a batch, by index into the batch.
public struct BatchRefusal: Error, Sendable {
    public var refusals: [(Int, Refusal)]
}
