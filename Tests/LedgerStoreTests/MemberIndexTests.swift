// The facts index's member entries (by name, by key, the first member):
// an append asks them about its signer instead of folding every member.
// A seeded property test holds their answers to the whole roster's fold on
// random member events, written straight into a journal (so also ones the
// rules would refuse: a key reused after its holder's removal, a name added
// again with another key, roles of a name never added, canonically
// equivalent names). And an entry forged with valid slot checks but
// pointing at the wrong event is caught by the journal line it points to:
// the index is marked damaged, rebuilt, and the decision is the journal's.
// (An entry pointing at an earlier event of its own list, so that the list
// leaves out the later ones, points at a true line and is not caught: the
// limit of every index answer, FactsIndex.swift says it.)

import XCTest
import LedgerCore
import LedgerCrypto
import LedgerToolSupport
@testable import LedgerStore

final class MemberIndexTests: XCTestCase {
    /// A journal written event by event, each its own batch.
    struct Journal {
        let file = InMemoryJournalBytes()
        var seq: Int64 = 0
        var previous = Digest256.zero
        var at = Timestamp(year: 2017, month: 1, day: 2)

        mutating func append(_ payload: EventPayload) {
            seq += 1
            at = Timestamp(microseconds: at.microseconds + 1_000_000)
            let (line, hash) = EventCodec.encode(seq: seq, at: at, actor: "ana", osUser: "u", pending: PendingEvent(payload), more: 0,
                                                 previous: previous)
            file.bytes += line
            previous = hash
        }
    }

    // "José" composed and decomposed: equal as Swift Strings, different bytes.
    static let names = ["ana", "luis", "Jos\u{E9}", "Jose\u{301}", "comisario", "eva"]
    static let keys = (1...5).map { try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: UInt8($0), count: 32))) }

    /// Every question an append asks about members, answered by the index
    /// and by the fold of every member event, compared.
    func assertSameAnswers(_ facts: IndexedFacts, _ roster: MemberRoster, _ context: String, line: UInt = #line) {
        XCTAssertEqual(facts.hasMembers, roster.hasMembers, context, line: line)
        for n in Self.names + ["nobody"] { XCTAssertEqual(facts.member(named: n), roster.member(named: n), "\(context) \(n)", line: line) }
        for (i, k) in Self.keys.enumerated() {
            XCTAssertEqual(facts.activeMember(withKey: k), roster.activeMember(withKey: k), "\(context) active key \(i)", line: line)
            XCTAssertEqual(facts.anyMember(withKey: k), roster.anyMember(withKey: k), "\(context) any key \(i)", line: line)
        }
        XCTAssertEqual(facts.members, roster, context, line: line)
        XCTAssertFalse(facts.index.isDamaged, context, line: line)
    }

    func testIndexedMemberAnswersEqualTheFoldOfEveryMemberEvent() throws {
        var rng = SplitMix64(seed: 1207)
        for round in 0..<25 {
            var journal = Journal()
            journal.append(.ledgerOpened(LedgerSettings(entity: "X")))
            let cache = MemoryFolder(path: "cache")
            try cache.create()
            var roster = MemberRoster()
            for _ in 0..<36 {
                let name = rng.portablePick(Self.names)
                let payload: EventPayload
                switch rng.portableInt(0..<7) {
                case 0, 1, 2:
                    let roles = Role.canonical(Role.allCases.filter { _ in rng.portableInt(0..<2) == 0 })
                    payload = .memberAdded(MemberRecord(name: name, publicKey: rng.portablePick(Self.keys), roles: roles.isEmpty ? [.recorder] : roles))
                case 3: payload = .memberRolesChanged(name: name, roles: [rng.portablePick(Role.allCases)])
                case 4: payload = .memberRemoved(name: name)
                case 5: payload = .readingRecorded(indicator: "I", period: .month(2017, 1), measurement: .value(DecimalNumber(mantissa: 1, scale: 0)),
                                                   note: nil, postClose: false)
                default: payload = .deadlineSet(day: 10)
                }
                journal.append(payload)
                roster.apply(payload, seq: journal.seq)
                // The index brought up to date with the journal as an append finds it.
                let size = try journal.file.size()
                let (index, _) = try FactsIndex.open(in: cache, journal: journal.file, journalSize: size, heldBatchLimit: 4096)
                XCTAssertEqual(index.wasRebuilt, journal.seq == 2, "made once, then caught up")
                assertSameAnswers(IndexedFacts(index: index, journal: journal.file), roster, "round \(round) seq \(journal.seq)")
            }
            // And one built from the whole journal at once.
            let (rebuilt, _) = try FactsIndex.open(in: cache, journal: journal.file, journalSize: try journal.file.size(), heldBatchLimit: 4096,
                                                   rebuild: true)
            assertSameAnswers(IndexedFacts(index: rebuilt, journal: journal.file), roster, "round \(round) rebuilt")
        }
    }

    // MARK: Forged entries

    /// ana (admin, key 1), luis (recorder, key 2), eva (recorder, key 3, then removed).
    func membersJournal() -> (Journal, offsets: [Int64: Int64]) {
        var journal = Journal()
        var offsets: [Int64: Int64] = [:]
        func add(_ p: EventPayload) {
            offsets[journal.seq + 1] = Int64(journal.file.bytes.count)
            journal.append(p)
        }
        add(.ledgerOpened(LedgerSettings(entity: "X")))
        add(.memberAdded(MemberRecord(name: "ana", publicKey: Self.keys[0], roles: [.admin])))
        add(.memberAdded(MemberRecord(name: "luis", publicKey: Self.keys[1], roles: [.recorder])))
        add(.memberAdded(MemberRecord(name: "eva", publicKey: Self.keys[2], roles: [.recorder])))
        add(.memberRemoved(name: "eva"))
        add(.deadlineSet(day: 10))
        return (journal, offsets)
    }

    /// Writes `key`'s slot with this payload, its check made right: a
    /// forgery only the journal can tell.
    func forge(_ index: FactsIndex, _ key: [UInt8], _ p1: Int64, _ p2: Int64) throws {
        let h = FactsIndex.hashes(key)
        let s = try XCTUnwrap(index.slot(for: h))
        XCTAssertTrue(s.found, "the key is in the index")
        index.write(slot: s.index, h, UInt64(bitPattern: p1), UInt64(bitPattern: p2))
    }

    func testAForgedMemberEntryIsCaughtByTheJournalLineItPointsTo() throws {
        let (journal, at) = membersJournal()
        let size = try journal.file.size()
        let truthFolder = MemoryFolder(path: "truth")
        try truthFolder.create()
        let (truthIndex, _) = try FactsIndex.open(in: truthFolder, journal: journal.file, journalSize: size, heldBatchLimit: 4096)
        let truth = IndexedFacts(index: truthIndex, journal: journal.file)
        XCTAssertEqual(truth.member(named: "luis")?.roles, [.recorder])
        XCTAssertEqual(truth.anyMember(withKey: Self.keys[2])?.isActive, false)

        // Each forgery, and the question that reads it.
        let forgeries: [(String, [UInt8], Int64, Int64, (IndexedFacts) -> Member?)] = [
            // luis's name points at ana's addition: a member of another name.
            ("name to another member", FactsIndex.memberNameKey("luis"), 2, at[2]!, { $0.member(named: "luis") }),
            // eva's key points at luis's addition: another key.
            ("key to another key", FactsIndex.memberKeyKey(Self.keys[2]), 3, at[3]!, { $0.activeMember(withKey: Self.keys[2]) }),
            // luis's name points at a line that is no member event.
            ("name to another event", FactsIndex.memberNameKey("luis"), 6, at[6]!, { $0.member(named: "luis") }),
            // The seq says one event, the offset another.
            ("seq and offset disagree", FactsIndex.memberNameKey("eva"), 5, at[4]!, { $0.member(named: "eva") }),
            // eva.s removal linked to luis.s addition, as if it were her earlier event.
            ("link to another name", FactsIndex.memberNameLinkKey(5), 3, at[3]!, { $0.member(named: "eva") }),
            // The list of luis.s key links to a later event.
            ("link to a later event", FactsIndex.memberKeyLinkKey(3), 5, at[5]!, { $0.anyMember(withKey: Self.keys[1]) }),
        ]
        for (what, key, seq, offset, ask) in forgeries {
            let cache = MemoryFolder(path: "cache")
            try cache.create()
            let (index, _) = try FactsIndex.open(in: cache, journal: journal.file, journalSize: size, heldBatchLimit: 4096)
            try forge(index, key, seq, offset)
            let facts = IndexedFacts(index: index, journal: journal.file)
            let answer = ask(facts)
            XCTAssertTrue(index.isDamaged, what)
            // Never the forged answer: none (and the caller rebuilds and asks again).
            XCTAssertNil(answer, what)
            // The index rebuilt from the journal answers the truth.
            let (rebuilt, _) = try FactsIndex.open(in: cache, journal: journal.file, journalSize: size, heldBatchLimit: 4096, rebuild: true)
            let again = IndexedFacts(index: rebuilt, journal: journal.file)
            XCTAssertEqual(ask(again), ask(truth), what)
            XCTAssertFalse(rebuilt.isDamaged, what)
        }
        // The first member, pointed at a line that is no addition.
        let cache = MemoryFolder(path: "cache")
        try cache.create()
        let (index, _) = try FactsIndex.open(in: cache, journal: journal.file, journalSize: size, heldBatchLimit: 4096)
        try forge(index, FactsIndex.firstMemberKey, 5, at[5]!)
        _ = IndexedFacts(index: index, journal: journal.file).hasMembers
        XCTAssertTrue(index.isDamaged)
    }

    // MARK: Through an append

    var clock = Timestamp(year: 2017, month: 1, day: 2)

    func tick() -> Timestamp {
        clock = Timestamp(microseconds: clock.microseconds + 60_000_000)
        return clock
    }

    static let seeds = (1...3).map { [UInt8](repeating: UInt8($0), count: 32) }

    func signing(_ n: Int) -> BatchSigning {
        BatchSigning(publicKey: Self.keys[n], sign: { message in
            try SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: Self.seeds[n]).blob
        })
    }

    /// The member events' (seq, offset) in `ledger`'s journal.
    func memberEventOffsets(_ ledger: Ledger) throws -> [Int64: Int64] {
        var offsets: [Int64: Int64] = [:]
        let journal = try ledger.openJournal(writable: false)
        _ = try ledger.read(journal, from: .start, to: try journal.size()) { e, offset in offsets[e.seq] = offset }
        return offsets
    }

    func testTheRosterListedThroughTheIndexIsTheJournalsEvenWhenForged() throws {
        let ledger = Ledger.inMemory()
        try ledger.createEmpty()
        let ana = Author(actor: "ana", osUser: "u")
        let opening: [(Command, String?)] = [(.open(LedgerSettings(entity: "X")), nil),
                                             (.addMember(MemberRecord(name: "ana", publicKey: Self.keys[0], roles: [.admin])), nil)]
        _ = try ledger.append(opening, by: ana, signing: signing(0), clock: tick).get()  // seqs 1-3
        let rest: [Command] = [.addMember(MemberRecord(name: "luis", publicKey: Self.keys[1], roles: [.recorder])),  // 4-5
                               .addMember(MemberRecord(name: "eva", publicKey: Self.keys[2], roles: [.recorder])),  // 6-7
                               .changeRoles(name: "luis", roles: [.recorder, .auditor]),  // 8-9
                               .removeMember(name: "eva")]  // 10-11
        for c in rest { _ = try ledger.append([(c, nil)], by: ana, signing: signing(0), clock: tick).get() }
        var scanned = MemberRoster()
        _ = try ledger.scan { scanned.apply($0.payload, seq: $0.seq) }
        XCTAssertEqual(scanned.members.map(\.name), ["ana", "luis", "eva"])
        XCTAssertEqual(try ledger.rosterThroughIndex(), scanned)
        XCTAssertEqual(try ledger.memberRoster(), scanned)
        // The list of all member events forged to link eva's removal to luis's
        // change of roles' signature line (no member event) instead of that change.
        let at = try memberEventOffsets(ledger)
        let journal = try ledger.openJournal(writable: false)
        let (index, _) = try FactsIndex.open(in: try ledger.currentCacheFolder(), journal: journal, journalSize: try journal.size(),
                                             heldBatchLimit: 4096)
        try forge(index, FactsIndex.memberLinkKey(10), 9, at[9]!)
        _ = IndexedFacts(index: index, journal: journal).members
        XCTAssertTrue(index.isDamaged, "caught: event 9 is no member event")
        XCTAssertEqual(try ledger.memberRoster(), scanned, "listed from the index rebuilt")
        XCTAssertEqual(try ledger.rosterThroughIndex(), scanned)
    }

    func testASignedAppendDecidesFromTheJournalWhenAMemberEntryIsForged() throws {
        let ledger = Ledger.inMemory()
        try ledger.createEmpty()
        let ana = Author(actor: "ana", osUser: "u")
        let opening: [(Command, String?)] = [(.open(LedgerSettings(entity: "X")), nil),
                                             (.addMember(MemberRecord(name: "ana", publicKey: Self.keys[0], roles: [.admin, .planner])), nil)]
        _ = try ledger.append(opening, by: ana, signing: signing(0), clock: tick).get()  // seqs 1-3
        _ = try ledger.append([(.addMember(MemberRecord(name: "luis", publicKey: Self.keys[1], roles: [.recorder])), nil)],
                              by: ana, signing: signing(0), clock: tick).get()  // 4-5
        _ = try ledger.append([(.addMember(MemberRecord(name: "eva", publicKey: Self.keys[2], roles: [.recorder])), nil)],
                              by: ana, signing: signing(0), clock: tick).get()  // 6-7
        _ = try ledger.append([(.removeMember(name: "eva"), nil)], by: ana, signing: signing(0), clock: tick).get()  // 8-9
        let define = Command.defineIndicator(IndicatorDefinition(id: "I", name: "I", unit: "u", year: 2017, annualTarget: .zero, plan: "P"))
        _ = try ledger.append([(define, nil)], by: ana, signing: signing(0), clock: tick).get()  // 10-11
        let at = try memberEventOffsets(ledger)
        let cache = try ledger.currentCacheFolder()
        func forge(_ key: [UInt8], pointingAt seq: Int64) throws {
            let journal = try ledger.openJournal(writable: false)
            let (index, _) = try FactsIndex.open(in: cache, journal: journal, journalSize: try journal.size(), heldBatchLimit: 4096)
            XCTAssertFalse(index.wasRebuilt)
            try self.forge(index, key, seq, at[seq]!)
        }
        let someone = Author(actor: "x", osUser: "u")
        // eva's key forged to point at luis's addition (an active recorder): the
        // journal says the key is eva's, and eva was removed.
        try forge(FactsIndex.memberKeyKey(Self.keys[2]), pointingAt: 4)
        let reading = Command.recordReading(indicator: "I", period: .month(2017, 1), measurement: .value(DecimalNumber(mantissa: 5, scale: 0)),
                                            note: nil, postClose: false, reason: nil)
        XCTAssertThrowsError(try ledger.append([(reading, nil)], by: someone, signing: signing(2), clock: tick)) {
            XCTAssertEqual($0 as? Refusal, .signerRemoved("eva"))
        }
        // luis's name forged to point at ana's addition (an admin and planner):
        // luis is a recorder, and a deadline needs a planner.
        try forge(FactsIndex.memberNameKey("luis"), pointingAt: 2)
        guard case .failure(let refusal) = try ledger.append([(.setDeadline(day: 12), nil)], by: someone, signing: signing(1), clock: tick) else {
            return XCTFail("luis set a deadline as if he were ana")
        }
        XCTAssertEqual(refusal.refusals.count, 1)
        guard case .roleMissing(member: "luis", type: .deadlineSet, needs: _)? = refusal.refusals.first?.1 else {
            return XCTFail("\(refusal.refusals)")
        }
        // What luis may record is recorded in his name, from the index rebuilt.
        try forge(FactsIndex.memberNameKey("luis"), pointingAt: 2)
        XCTAssertEqual(try ledger.append([(reading, nil)], by: someone, signing: signing(1), clock: tick).get().map(\.seq), [12, 13])
        var last: RecordedEvent?
        _ = try ledger.scan { last = $0 }
        XCTAssertEqual(last?.actor, "luis")
        XCTAssertEqual(try ledger.verify().seq, 13)
        let journal = try ledger.openJournal(writable: false)
        let (index, _) = try FactsIndex.open(in: cache, journal: journal, journalSize: try journal.size(), heldBatchLimit: 4096)
        XCTAssertEqual(IndexedFacts(index: index, journal: journal).member(named: "luis")?.roles, [.recorder])
        XCTAssertFalse(index.isDamaged)
    }
}
