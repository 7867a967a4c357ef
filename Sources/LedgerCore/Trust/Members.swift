// The ledger's members: who signs, with which SSH key, in which roles, as
// the member events have left them. A member removed keeps its record (its
// past signatures stay valid) but signs nothing after. The roster is kept
// whole in memory where history is folded (the folded state, verify's
// facts, a batch that changes members); an append that changes no member
// asks only the questions of `MemberQueries` (one member by name or by
// key), which the facts index answers without folding every member.

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

/// What a decision asks about members, one member at a time: answered by a
/// whole `MemberRoster` in memory, or by the facts index on disk, which
/// reads back only the events of the member asked about. Every answer is
/// the roster's: the member as the fold of every member event leaves it.
public protocol MemberQueries {
    /// False before any member was added.
    var hasMembers: Bool { get }
    /// The member whose name has exactly these bytes (active or removed).
    func member(named name: String) -> Member?
    /// The active member whose key this is (the first added, if several).
    func activeMember(withKey key: SSHPublicKey) -> Member?
    /// Any member, active or removed, whose key this is (the first added, if several).
    func anyMember(withKey key: SSHPublicKey) -> Member?
}

/// Every member ever added, in the order they were first added.
public struct MemberRoster: Equatable, Sendable, MemberQueries {
    public private(set) var members: [Member] = []
    /// Positions in `members` by name and by key: verify asks for the signer of
    /// every event, and a federated ledger has hundreds of members, so a scan per
    /// event was the largest cost of verifying a signed ledger. Swift's String
    /// hashing treats canonically equivalent spellings as one key, so a hit is
    /// still compared byte for byte (names are matched exactly, as before).
    private var positionsByName: [String: [Int]] = [:]
    private var positionsByKey: [SSHPublicKey: [Int]] = [:]

    public init() {}

    /// A roster from its members (the state codec).
    public init(members: [Member]) {
        self.members = members
        for i in members.indices { index(i) }
    }

    public static func == (a: MemberRoster, b: MemberRoster) -> Bool { a.members == b.members }

    /// False before any member was added: a ledger without members records
    /// unsigned events only, and its first member signs its own addition.
    public var hasMembers: Bool { !members.isEmpty }

    public func member(named name: String) -> Member? {
        position(named: name).map { members[$0] }
    }

    /// The active member whose key this is.
    public func activeMember(withKey key: SSHPublicKey) -> Member? {
        positionsByKey[key]?.lazy.map { members[$0] }.first { $0.isActive }
    }

    /// Any member, active or removed, whose key this is.
    public func anyMember(withKey key: SSHPublicKey) -> Member? {
        positionsByKey[key]?.first.map { members[$0] }
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
            if let i = position(named: r.name) {
                unindexKey(i)
                members[i] = m
                positionsByKey[m.publicKey, default: []].append(i)
                positionsByKey[m.publicKey]!.sort()
            } else {
                members.append(m)
                index(members.count - 1)
            }
        case .memberRolesChanged(let name, let roles):
            if let i = position(named: name) { members[i].roles = roles }
        case .memberRemoved(let name):
            if let i = position(named: name) {
                members[i].isActive = false
                members[i].removedSeq = seq
            }
        default:
            break
        }
    }

    /// The first member whose name has exactly these bytes.
    private func position(named name: String) -> Int? {
        positionsByName[name]?.first { members[$0].name.hasSameBytes(as: name) }
    }

    private mutating func index(_ i: Int) {
        positionsByName[members[i].name, default: []].append(i)
        positionsByKey[members[i].publicKey, default: []].append(i)
    }

    private mutating func unindexKey(_ i: Int) {
        let key = members[i].publicKey
        positionsByKey[key]?.removeAll { $0 == i }
        if positionsByKey[key]?.isEmpty == true { positionsByKey[key] = nil }
    }
}
