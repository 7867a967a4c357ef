// The ledger's members: who signs, with which SSH key, in which roles, as
// the member events have left them. A member removed keeps its record (its
// past signatures stay valid) but signs nothing after. The roster is small
// (people, not events), so it is kept whole wherever it is needed: the
// folded state, verify's facts, a batch being decided.

import LedgerCrypto

/// What `member add` records: a name, an Ed25519 public key and roles.
public struct MemberRecord: Equatable, Sendable {
    /// The member's name: the actor of every event it signs.
    public var name: String
    /// The key its signatures are made with (its comment is kept, as a label).
    public var publicKey: SSHPublicKey
    /// In their written order (`Role.canonical`), at least one.
    public var roles: [Role]

    public init(name: String, publicKey: SSHPublicKey, roles: [Role]) {
        self.name = name
        self.publicKey = publicKey
        self.roles = roles
    }
}

/// One member as it stands.
public struct Member: Equatable, Sendable {
    public var name: String
    public var publicKey: SSHPublicKey
    public var roles: [Role]
    /// False once removed: it signs nothing after its removal.
    public var isActive: Bool
    /// The seq of the event that added it (the latest, if it was added again).
    public var addedSeq: Int64
    /// The seq of the event that removed it, while it is removed.
    public var removedSeq: Int64?

    public init(name: String, publicKey: SSHPublicKey, roles: [Role], isActive: Bool, addedSeq: Int64, removedSeq: Int64? = nil) {
        self.name = name
        self.publicKey = publicKey
        self.roles = roles
        self.isActive = isActive
        self.addedSeq = addedSeq
        self.removedSeq = removedSeq
    }

    public func holds(_ role: Role) -> Bool { roles.contains(role) }
}

/// Every member ever added, in the order they were first added.
public struct MemberRoster: Equatable, Sendable {
    public private(set) var members: [Member] = []

    public init() {}

    /// True before any member was added: a ledger without members records
    /// unsigned events only, and its first member signs its own addition.
    public var isEmpty: Bool { members.isEmpty }

    public func member(named name: String) -> Member? {
        members.first { $0.name.utf8.elementsEqual(name.utf8) }
    }

    /// The active member whose key this is.
    public func activeMember(withKey key: SSHPublicKey) -> Member? {
        members.first { $0.isActive && $0.publicKey == key }
    }

    /// Any member, active or removed, whose key this is.
    public func anyMember(withKey key: SSHPublicKey) -> Member? {
        members.first { $0.publicKey == key }
    }

    /// Active members holding `role`.
    public func active(holding role: Role) -> [Member] {
        members.filter { $0.isActive && $0.holds(role) }
    }

    /// The roster after a member event (seq `seq`); other events change nothing.
    public mutating func apply(_ payload: EventPayload, seq: Int64) {
        switch payload {
        case .memberAdded(let r):
            let m = Member(name: r.name, publicKey: r.publicKey, roles: r.roles, isActive: true, addedSeq: seq)
            if let i = members.firstIndex(where: { $0.name.utf8.elementsEqual(r.name.utf8) }) { members[i] = m } else { members.append(m) }
        case .memberRolesChanged(let name, let roles):
            if let i = members.firstIndex(where: { $0.name.utf8.elementsEqual(name.utf8) }) { members[i].roles = roles }
        case .memberRemoved(let name):
            if let i = members.firstIndex(where: { $0.name.utf8.elementsEqual(name.utf8) }) {
                members[i].isActive = false
                members[i].removedSeq = seq
            }
        default:
            break
        }
    }

    /// A roster from its members (the state codec).
    public init(members: [Member]) { self.members = members }
}
