// The member roster looks members up by name and by key through indexes
// (verify asks for the signer of every event). A seeded property test holds
// it to the plain scan it replaced: after random additions, re-additions
// with a new key, role changes and removals, every lookup answers the same,
// names matched byte for byte (a canonically equivalent spelling is another
// name, as it always was).

import XCTest
import LedgerCore
import LedgerCrypto
import LedgerToolSupport

final class MemberRosterTests: XCTestCase {
    /// The roster's answers as the former linear scans gave them.
    struct ScanRoster {
        var members: [Member] = []
        func member(named n: String) -> Member? { members.first { $0.name.utf8.elementsEqual(n.utf8) } }
        func active(withKey k: SSHPublicKey) -> Member? { members.first { $0.isActive && $0.publicKey == k } }
        func any(withKey k: SSHPublicKey) -> Member? { members.first { $0.publicKey == k } }
        mutating func apply(_ p: EventPayload, seq: Int64) {
            switch p {
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
            default: break
            }
        }
    }

    // "José" composed and decomposed: equal as Swift Strings, different bytes.
    static let names = ["ana", "luis", "Jos\u{E9}", "Jose\u{301}", "comisario", "planeacion"]
    static let keys = (1...5).map { try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: UInt8($0), count: 32))) }

    func testIndexedLookupsAnswerAsTheScanDid() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<60 {
            var roster = MemberRoster(), scan = ScanRoster()
            for seq in Int64(1)...40 {
                let name = rng.portablePick(Self.names)
                let payload: EventPayload
                switch rng.portableInt(0..<4) {
                case 0, 1: payload = .memberAdded(MemberRecord(name: name, publicKey: rng.portablePick(Self.keys), roles: [rng.portablePick(Role.allCases)]))
                case 2: payload = .memberRolesChanged(name: name, roles: [.auditor, .recorder])
                default: payload = .memberRemoved(name: name)
                }
                roster.apply(payload, seq: seq)
                scan.apply(payload, seq: seq)
                XCTAssertEqual(roster.members, scan.members)
                for n in Self.names { XCTAssertEqual(roster.member(named: n), scan.member(named: n), n) }
                for k in Self.keys {
                    XCTAssertEqual(roster.activeMember(withKey: k), scan.active(withKey: k))
                    XCTAssertEqual(roster.anyMember(withKey: k), scan.any(withKey: k))
                }
            }
            // A roster rebuilt from its members (the state codec's way) answers alike.
            let decoded = MemberRoster(members: roster.members)
            for n in Self.names { XCTAssertEqual(decoded.member(named: n), scan.member(named: n)) }
            for k in Self.keys { XCTAssertEqual(decoded.activeMember(withKey: k), scan.active(withKey: k)) }
        }
    }

    func testCanonicallyEquivalentNamesStayTwoMembers() {
        var roster = MemberRoster()
        roster.apply(.memberAdded(MemberRecord(name: "Jos\u{E9}", publicKey: Self.keys[0], roles: [.recorder])), seq: 2)
        roster.apply(.memberAdded(MemberRecord(name: "Jose\u{301}", publicKey: Self.keys[1], roles: [.planner])), seq: 3)
        XCTAssertEqual(roster.members.count, 2)
        XCTAssertEqual(roster.member(named: "Jose\u{301}")?.publicKey, Self.keys[1])
        XCTAssertEqual(roster.member(named: "Jos\u{E9}")?.publicKey, Self.keys[0])
    }
}
