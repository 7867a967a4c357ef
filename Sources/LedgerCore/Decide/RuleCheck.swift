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

import LedgerCrypto

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
    /// A signature line that is not the last line of its batch, covers no
    /// event, or names another first event than its batch's.
    case signatureMisplaced
    /// A signature line whose SSHSIG blob cannot be read.
    case signatureUnreadable(String)
    /// A signature made for another namespace than the ledger's.
    case signatureNamespace(String)
    /// An event of a signed batch recorded in another name than its signer's.
    case signerNotActor(actor: String, signer: String)
    /// A signature made with another key than its member's.
    case signerKeyDiffers(signer: String, fingerprint: String)
    /// The Ed25519 signature does not verify over the batch's bytes.
    case signatureInvalid(signer: String)
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
        case .memberAdded(let r): return .addMember(r)
        case .memberRolesChanged(let name, let roles): return .changeRoles(name: name, roles: roles)
        case .memberRemoved(let name): return .removeMember(name: name)
        case .signaturesRequired: return .requireSignatures
        case .quarterAttested(let a): return .attestQuarter(a)
        case .batchSigned: return nil
        }
    }

    /// Checks `event` against `facts`, the ledger as it stood before it:
    /// nil when the rules of its format would have recorded exactly this
    /// event, by this actor (`actorAdmitted`: the caller knows the actor is).
    /// (Where a seal's segment ends is RuleReplay's to check: it knows the seq.)
    public static func check(_ event: RecordedEvent, against facts: some LedgerFacts, actorAdmitted: Bool = false) -> RuleBreach? {
        if !actorAdmitted, let r = admit(actor: event.actor, facts: facts) { return .refused(r) }
        if let breach = checkCommon(event, against: facts) { return breach }
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

extension Decider {
    /// The two events most of a journal holds, a reading and an observation,
    /// checked without building their command and the event decide would
    /// make: the same rules (decide calls the same functions), and the
    /// event decide would make is this one by construction (the payload is
    /// built from the command's fields unchanged, the source is the
    /// event's), so only the reason and document can differ. `.some(nil)`:
    /// the event is the decision; nil: not one of these, decide it.
    static func checkCommon(_ event: RecordedEvent, against facts: some LedgerFacts) -> RuleBreach?? {
        let reason: String?, document: String?
        do {
            switch event.payload {
            case .readingRecorded(let id, let p, let m, let note, let postClose):
                guard facts.isOpened else { throw Refusal.notOpened }
                (reason, document) = try recordReading(id, p, m, note: note, postClose: postClose, reason: event.reason,
                                                       document: event.document, facts)
            case .observationAdded(let id, let p, let text):
                guard facts.isOpened else { throw Refusal.notOpened }
                try addObservation(id, p, text: text, facts)
                (reason, document) = (nil, nil)
            default:
                return nil
            }
        } catch let r as Refusal {
            return .some(.refused(r))
        } catch {
            preconditionFailure("decide throws only refusals")
        }
        if reason != event.reason { return .some(.reasonNotRecorded(event.reason)) }
        if document != event.document { return .some(.documentNotRecorded(event.document)) }
        return .some(nil)
    }
}

/// verify's replay: the facts before each event, each event checked
/// against them, then added. One pass, in journal order.
///
/// Signatures: each batch's lines are gathered (`SignedMessage`) as they
/// pass; at the batch's last line the replay knows whether it was signed,
/// and checks who recorded each of its events (the signer's roles at that
/// point, or that the ledger allowed unsigned events). The Ed25519 checks
/// themselves are left as `SignatureCheck`s (`takeChecks`), pure, so that
/// the caller runs them on every core.
public struct RuleReplay: Sendable {
    public private(set) var facts = FoldedFacts()
    /// Every actor seen, byte for byte, and whether its name is a valid
    /// identifier (NameRules). An actor once recorded can no longer look
    /// like another, so its admission is settled by that alone: each name
    /// is checked once, not once per event.
    private var actors: [String: (name: String, isValid: Bool)] = [:]
    private var lastActor: (name: String, isValid: Bool)?

    // The batch being read.
    private var inBatch = false
    private var batchFirstSeq: Int64 = 0
    private var batchRoster = MemberRoster()
    private var batchRequired = false
    private var batchTypes: [EventType] = []
    /// The member events and requirements of the batch, by index.
    private var batchSpecials: [(Int, EventPayload)] = []
    /// The first event whose actor differs from the batch's first one.
    private var batchActor = ""
    private var otherActor: (seq: Int64, actor: String)?
    private var message = SignedMessage()
    private var checks: [SignatureCheck] = []
    /// Each signer's key checked and prepared once, for all its signatures
    /// (only keys that passed `authorizeBatch`: a member's).
    private var preparedKeys: [[UInt8]: Ed25519.PreparedKey] = [:]

    public init() {}

    /// Signature checks gathered so far (the caller verifies them, in any order, on any thread).
    public var pendingChecks: Int { checks.count }
    /// Bytes of batches those checks hold, still to be hashed.
    public private(set) var pendingBytes = 0

    /// Takes the signature checks gathered so far.
    public mutating func takeChecks() -> [SignatureCheck] {
        defer { checks = []; pendingBytes = 0 }
        return checks
    }

    /// Checks `event` (the next in the journal) and adds it to the facts.
    /// Returns why the rules would not have recorded it; then the facts are
    /// left as they were, and the replay should stop. Without the line's
    /// bytes, they are the event encoded again (what this program writes).
    public mutating func check(_ event: RecordedEvent) -> RuleBreach? {
        checkLine(event, line: nil)?.breach
    }

    /// `check`, with the line as it stands in the journal (without its
    /// newline): what a batch's signature covers. The breach names the
    /// event it is about, which may be an earlier event of the batch.
    public mutating func checkLine(_ event: RecordedEvent, line: UnsafeRawBufferPointer?) -> (seq: Int64, breach: RuleBreach)? {
        if !inBatch {
            inBatch = true
            batchFirstSeq = event.seq
            batchRoster = facts.members
            batchRequired = facts.signaturesRequired
            batchTypes.removeAll(keepingCapacity: true)
            batchSpecials.removeAll()
            batchActor = event.actor
            otherActor = nil
            message.reset()
        }
        if case .batchSigned(let signature) = event.payload {
            inBatch = false
            if let breach = checkSignature(signature, event) { return breach }
            facts.apply(event, recordingActor: false)
            return nil
        }
        var seen = lastActor.flatMap { $0.name.hasSameBytes(as: event.actor) ? $0 : nil }
        if seen == nil, let a = actors[event.actor], a.name.hasSameBytes(as: event.actor) { seen = a }
        if let seen, !seen.isValid, facts.rulesEdition >= 2, let p = NameRules.identifierProblem(event.actor, .actor) {
            return (event.seq, .refused(.invalidName(field: "actor", p)))
        }
        if let breach = Decider.check(event, against: facts, actorAdmitted: seen != nil) { return (event.seq, breach) }
        if case .segmentSealed(let segments) = event.payload, let breach = checkSeal(segments, seq: event.seq) { return (event.seq, breach) }
        let actor = seen ?? (event.actor, NameRules.identifierProblem(event.actor, .actor) == nil)
        if seen == nil { actors[event.actor] = actor }
        lastActor = actor
        facts.apply(event, recordingActor: seen == nil)

        // What the batch's signature (or its absence) will be judged on.
        let type = event.payload.type
        if case .member = event.payload.fact { batchSpecials.append((batchTypes.count, event.payload)) }
        if type == .signaturesRequired { batchSpecials.append((batchTypes.count, event.payload)) }
        batchTypes.append(type)
        if otherActor == nil, !event.actor.hasSameBytes(as: batchActor) { otherActor = (event.seq, event.actor) }
        if let line {
            message.add(line: line)
        } else {
            let encoded = EventCodec.encode(seq: event.seq, at: event.at, clock: event.clock, actor: event.actor, osUser: event.osUser,
                                            pending: PendingEvent(event.payload, reason: event.reason, document: event.document, source: event.source),
                                            more: event.more, previous: event.previousHash).line
            encoded.withUnsafeBytes { message.add(line: UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
        if event.more == 0 {
            // The batch ends unsigned.
            inBatch = false
            return authorizeBatch(signer: nil)
        }
        return nil
    }

    /// Who recorded each event of the batch just read: `signer`'s roles at
    /// each point, or (nil) that the ledger allowed unsigned events.
    private func authorizeBatch(signer: SignerIdentity?) -> (seq: Int64, breach: RuleBreach)? {
        var roster = batchRoster
        var required = batchRequired
        var special = 0
        for (i, type) in batchTypes.enumerated() {
            var payload: EventPayload?
            if special < batchSpecials.count, batchSpecials[special].0 == i {
                payload = batchSpecials[special].1
                special += 1
            }
            var added: MemberRecord?
            if case .memberAdded(let r)? = payload { added = r }
            if let r = Decider.authorize(type, added: added, signer: signer, roster: roster, signaturesRequired: required) {
                return (batchFirstSeq + Int64(i), .refused(r))
            }
            if let payload {
                roster.apply(payload, seq: batchFirstSeq + Int64(i))
                if payload == .signaturesRequired { required = true }
            }
        }
        if let signer {
            // The key must be the member's as the batch leaves it (the first admin's, added in it, included).
            guard let m = roster.member(named: signer.name) else { return (batchFirstSeq, .refused(.keyOfNoMember(fingerprint: signer.publicKey.fingerprint))) }
            guard m.publicKey == signer.publicKey else {
                return (batchFirstSeq, .signerKeyDiffers(signer: signer.name, fingerprint: signer.publicKey.fingerprint))
            }
        }
        return nil
    }

    /// A batch's signature line: where it stands, what it says, who may
    /// have made it; the Ed25519 check itself is queued.
    private mutating func checkSignature(_ s: BatchSignature, _ event: RecordedEvent) -> (seq: Int64, breach: RuleBreach)? {
        guard event.more == 0, !batchTypes.isEmpty, s.fromSeq == batchFirstSeq else { return (event.seq, .signatureMisplaced) }
        guard event.actor.hasSameBytes(as: s.signer) else { return (event.seq, .signerNotActor(actor: event.actor, signer: s.signer)) }
        if !batchActor.hasSameBytes(as: s.signer) { return (batchFirstSeq, .signerNotActor(actor: batchActor, signer: s.signer)) }
        if let other = otherActor { return (other.seq, .signerNotActor(actor: other.actor, signer: s.signer)) }
        let signature: SSHSignature
        do {
            signature = try SSHSignature(blob: s.blob)
        } catch {
            return (event.seq, .signatureUnreadable("\(error)"))
        }
        guard signature.namespace == SignedBatch.namespace else { return (event.seq, .signatureNamespace(signature.namespace)) }
        if let breach = authorizeBatch(signer: SignerIdentity(name: s.signer, publicKey: signature.publicKey)) { return breach }
        pendingBytes += message.heldCount
        let key = signature.publicKey.key
        var prepared = preparedKeys[key]
        if prepared == nil {
            prepared = Ed25519.PreparedKey(publicKey: key)
            preparedKeys[key] = prepared
        }
        checks.append(SignatureCheck(seq: event.seq, signer: s.signer, batch: message, hashAlgorithm: signature.hashAlgorithm,
                                     namespace: signature.namespace, signature: signature.signature, publicKey: key,
                                     preparedKey: prepared))
        // The check now owns the batch's bytes. A fresh message, not `reset`:
        // emptying a buffer the check shares would allocate one of the same
        // capacity (the largest batch so far) for every later batch, and each
        // pending check would hold that much (235 MB at 1M).
        message = SignedMessage()
        return nil
    }

    /// A seal's segment ends before the seal itself (decide, which does not
    /// know the seal's seq, checked the rest).
    func checkSeal(_ segments: [SegmentRecord], seq: Int64) -> RuleBreach? {
        guard let last = segments.last, last.lastSeq >= seq else { return nil }
        return .sealNotBefore(lastSeq: last.lastSeq)
    }
}
