// Who may record a command: a signed batch is recorded in its signer's name
// and only with the roles the signer holds at that point; an unsigned one
// only where the ledger does not require signatures, and never for the
// types that must prove who made them. One function, asked by appends for
// each row of a batch and by verify for each event of a signed batch, so
// both apply the same rule (Roles.swift holds the table).

import LedgerCrypto

/// Who signs a batch: a member's name and the key the signature is made with.
public struct SignerIdentity: Equatable, Sendable {
    public var name: String
    public var publicKey: SSHPublicKey

    public init(name: String, publicKey: SSHPublicKey) {
        self.name = name
        self.publicKey = publicKey
    }
}

extension Decider {
    /// Whether an event of `payload` may be recorded by `signer` (nil:
    /// unsigned), given the members (a roster, or facts that answer about
    /// one member at a time) and the requirement of signatures just before
    /// it. Nil when it may; else the refusal.
    public static func authorize(_ payload: EventPayload, signer: SignerIdentity?, roster: some MemberQueries,
                                 signaturesRequired: Bool) -> Refusal? {
        var added: MemberRecord?
        if case .memberAdded(let r) = payload { added = r }
        return authorize(payload.type, added: added, signer: signer, roster: roster, signaturesRequired: signaturesRequired)
    }

    /// `authorize` by the event's type (and, for a member added, its record):
    /// all the rule looks at, so verify need not keep a batch's payloads.
    public static func authorize(_ type: EventType, added: MemberRecord?, signer: SignerIdentity?, roster: some MemberQueries,
                                 signaturesRequired: Bool) -> Refusal? {
        guard let signer else {
            if type.needsSignature { return .signatureNeeded(type) }
            if signaturesRequired { return .signaturesRequired }
            return nil
        }
        // `init --admin`: the opening is signed by the first admin the same batch adds.
        if type == .ledgerOpened { return nil }
        guard let member = roster.member(named: signer.name) else {
            // The first member signs its own addition, as an admin.
            let empty = !roster.hasMembers
            if empty, let r = added, r.name.utf8.elementsEqual(signer.name.utf8),
               r.publicKey == signer.publicKey, r.roles.contains(.admin) {
                return nil
            }
            return empty ? .firstMemberMustBeAdmin : .keyOfNoMember(fingerprint: signer.publicKey.fingerprint)
        }
        guard member.isActive else { return .signerRemoved(member.name) }
        guard member.publicKey == signer.publicKey else { return .keyOfNoMember(fingerprint: signer.publicKey.fingerprint) }
        guard type.roles.contains(where: member.holds) else { return .roleMissing(member: member.name, type: type, needs: type.roles) }
        return nil
    }

    /// The member a key signs as, for a batch of `commands` about to be
    /// decided against `roster`: the active member holding the key; on a
    /// ledger without members, the member the batch adds with that key
    /// (the first admin signs its own addition).
    public static func signer(for key: SSHPublicKey, roster: some MemberQueries, commands: [Command]) -> Result<SignerIdentity, Refusal> {
        if let m = roster.activeMember(withKey: key) { return .success(SignerIdentity(name: m.name, publicKey: key)) }
        if let m = roster.anyMember(withKey: key) { return .failure(.signerRemoved(m.name)) }
        if !roster.hasMembers {
            for case .addMember(let r) in commands where r.publicKey == key {
                return .success(SignerIdentity(name: r.name, publicKey: key))
            }
            return .failure(.firstMemberMustBeAdmin)
        }
        return .failure(.keyOfNoMember(fingerprint: key.fingerprint))
    }
}
