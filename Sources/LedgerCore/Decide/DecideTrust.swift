// decide for the commands of "who recorded it, proven": members, their
// roles, the requirement of signatures and the Comisario's attestation.
// Who may give each command (the signer's roles) is Authorization.swift's
// question; this file decides what the command itself may say.

extension Decider {
    static func decideTrust(_ command: Command, _ facts: some LedgerFacts) throws -> EventPayload {
        // Members are asked about one at a time; only a change that could
        // leave no admin folds the whole roster (to count the admins).
        switch command {
        case .addMember(let r):
            _ = try nonEmpty(r.name, "name")
            if let p = NameRules.identifierProblem(r.name, .actor) { throw Refusal.invalidName(field: "name", p) }
            guard r.publicKey.isValidEd25519Key else { throw Refusal.publicKeyRefused(.weak) }
            guard !r.roles.isEmpty else { throw Refusal.noRoles }
            let existing = facts.member(named: r.name)
            if let m = existing, m.isActive { throw Refusal.memberExists(r.name) }
            if let other = facts.anyMember(withKey: r.publicKey), !other.name.utf8.elementsEqual(r.name.utf8) {
                throw Refusal.keyHeldByAnother(member: other.name)
            }
            if !facts.hasMembers, !r.roles.contains(.admin) { throw Refusal.firstMemberMustBeAdmin }
            if existing == nil, let e = facts.lookAlike(of: r.name, .actor) {
                throw Refusal.lookAlike(.actor, given: r.name, existing: e)
            }
            return .memberAdded(MemberRecord(name: r.name, publicKey: r.publicKey, roles: Role.canonical(r.roles)))
        case .changeRoles(let name, let given):
            let m = try activeMember(name, facts)
            let roles = Role.canonical(given)
            guard !roles.isEmpty else { throw Refusal.noRoles }
            guard roles != m.roles else { throw Refusal.rolesUnchanged(name) }
            if m.holds(.admin), !roles.contains(.admin), facts.members.active(holding: .admin).count == 1 { throw Refusal.lastAdmin(name) }
            return .memberRolesChanged(name: name, roles: roles)
        case .removeMember(let name):
            let m = try activeMember(name, facts)
            if m.holds(.admin), facts.members.active(holding: .admin).count == 1 { throw Refusal.lastAdmin(name) }
            return .memberRemoved(name: name)
        case .requireSignatures:
            guard !facts.signaturesRequired else { throw Refusal.signaturesAlreadyRequired }
            return .signaturesRequired
        case .attestQuarter(let a):
            guard a.quarter.frequency == .quarterly else { throw Refusal.notAQuarter(a.quarter) }
            if let p = a.plan, !facts.hasPlan(p) {
                if let e = facts.lookAlike(of: p, .plan) { throw Refusal.lookAlike(.plan, given: p, existing: e) }
                throw Refusal.unknownPlan(p)
            }
            guard facts.isClosed(a.quarter, plan: a.plan) || facts.isClosed(a.quarter, plan: nil) else {
                throw Refusal.attestOpenQuarter(quarter: a.quarter, plan: a.plan)
            }
            let names = a.files.map(\.name)
            guard !names.isEmpty, names == names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }),
                  Set(names).count == names.count,
                  names.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." && NameRules.textProblem($0) == nil }) else {
                throw Refusal.nothingToAttest(quarter: a.quarter)
            }
            guard let head = facts.headLink, head.seq == a.headSeq, head.hash == a.headHash else { throw Refusal.attestationHeadDiffers }
            return .quarterAttested(a)
        default:
            preconditionFailure("decideTrust decides the trust commands only")
        }
    }

    /// The active member `name`, or the refusal that says why there is none.
    static func activeMember(_ name: String, _ roster: some MemberQueries) throws -> Member {
        guard let m = roster.member(named: name) else { throw Refusal.unknownMember(name) }
        guard m.isActive else { throw Refusal.memberAlreadyRemoved(name) }
        return m
    }
}
