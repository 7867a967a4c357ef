// A seeded property test of signed batches: random ledgers of random
// batches, each signed by the member that records it, replay without a
// breach and every signature check passes; one byte changed in a covered
// line (hashes recomputed, as a forger would) makes that batch's check
// fail, and every later batch's (their lines' prev changed with it). Also the rules of who may sign, replayed: a batch signed by
// a member without the role breaks the rules at its first event.

import XCTest
import LedgerCore
import LedgerCrypto
import LedgerToolSupport

final class SignedReplayPropertyTests: XCTestCase {
    struct Member { let name: String; let seed: [UInt8]; let key: SSHPublicKey }
    static func member(_ name: String, _ n: UInt8) -> Member {
        let seed = [UInt8](repeating: n, count: 32)
        return Member(name: name, seed: seed, key: try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: seed), comment: name))
    }

    /// Encodes batches after each other, each signed by its member: the journal's lines.
    struct Writer {
        var lines: [[UInt8]] = []
        var prev = Digest256.zero
        var seq: Int64 = 0
        var at = Timestamp(microseconds: 1_500_000_000_000_000)

        mutating func batch(_ payloads: [EventPayload], by m: Member, signed: Bool = true) {
            var message: [UInt8] = []
            let count = payloads.count + (signed ? 1 : 0)
            for (i, p) in payloads.enumerated() {
                seq += 1; at = at.next
                let (line, hash) = EventCodec.encode(seq: seq, at: at, actor: m.name, osUser: "x", pending: PendingEvent(p),
                                                     more: count - 1 - i, previous: prev)
                message += line
                lines.append(Array(line.dropLast()))
                prev = hash
            }
            guard signed else { return }
            let sig = try! SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: m.seed)
            seq += 1; at = at.next
            let (line, hash) = EventCodec.encode(seq: seq, at: at, actor: m.name, osUser: "x",
                                                 pending: PendingEvent(.batchSigned(BatchSignature(signer: m.name, fromSeq: seq - Int64(payloads.count),
                                                                                                   blob: sig.blob))),
                                                 more: 0, previous: prev)
            lines.append(Array(line.dropLast()))
            prev = hash
        }
    }

    /// Replays `lines`; the first breach, and the seqs of the signature checks that fail.
    static func replay(_ lines: [[UInt8]]) throws -> (breach: (Int64, RuleBreach)?, failed: [Int64]) {
        var replay = RuleReplay()
        for line in lines {
            let event = try EventCodec.decode(line: line)
            if let b = line.withUnsafeBytes({ replay.checkLine(event, line: $0) }) { return (b, []) }
        }
        let checks = replay.takeChecks()
        // Every way of checking agrees: one by one with the prepared key, one by
        // one without it, and together (the batches' SHA-512 taken many at once).
        let one = checks.map { $0.verify() }
        let unprepared = checks.map { check -> Bool in
            var plain = check
            plain.preparedKey = nil
            return plain.verify()
        }
        XCTAssertEqual(unprepared, one)
        XCTAssertEqual(SignatureCheck.verify(checks[...]), one)
        XCTAssertEqual(SignatureCheck.verify(checks.dropFirst()), Array(one.dropFirst()))
        XCTAssertTrue(checks.allSatisfy { $0.preparedKey != nil }, "verify prepares every member's key")
        return (nil, zip(checks, one).filter { !$0.1 }.map(\.0.seq))
    }

    static let admin = member("ana", 1), clerk = member("luis", 2)

    static func opening(_ w: inout Writer) {
        w.batch([.ledgerOpened(LedgerSettings(entity: "E")), .memberAdded(MemberRecord(name: "ana", publicKey: admin.key, roles: [.admin, .planner])),
                 .signaturesRequired], by: admin)
        w.batch([.memberAdded(MemberRecord(name: "luis", publicKey: clerk.key, roles: [.recorder]))], by: admin)
        w.batch([.indicatorDefined(IndicatorDefinition(id: "A", name: "A", unit: "u", frequency: .monthly, year: 2017,
                                                         annualTarget: DecimalNumber("120")!, plan: "P"))], by: admin)
    }

    func testRandomSignedBatchesRoundTripAndAnyChangedByteIsCaught() throws {
        var rng = SplitMix64(seed: 0x5167_0012)
        for round in 0..<20 {
            var w = Writer()
            SignedReplayPropertyTests.opening(&w)
            var month = 1
            var signatureLines: [Int] = []
            while month <= 12 {
                let n = Int.random(in: 1...min(4, 13 - month), using: &rng)
                let payloads = (0..<n).map { k in
                    EventPayload.readingRecorded(indicator: "A", period: .month(2017, month + k),
                                                 measurement: .value(DecimalNumber("\(Int.random(in: 0...999, using: &rng))")!), note: nil, postClose: false)
                }
                month += n
                w.batch(payloads, by: SignedReplayPropertyTests.clerk)
                signatureLines.append(w.lines.count - 1)
            }
            let clean = try SignedReplayPropertyTests.replay(w.lines)
            XCTAssertNil(clean.breach.map { "\($0)" }, "round \(round)")
            XCTAssertEqual(clean.failed, [], "round \(round)")
            // Change one digit of one reading's value; recompute every later hash (a forger's rewrite).
            let target = signatureLines.randomElement(using: &rng)! - 1
            var forged = w.lines
            let text = String(decoding: forged[target], as: UTF8.self)
            let old = text.range(of: "\"value\":\"")!.upperBound
            let digit = text[old]
            var edited = text
            edited.replaceSubrange(old...old, with: digit == "9" ? "8" : String(Character(UnicodeScalar(digit.asciiValue! + 1))))
            forged[target] = Array(edited.utf8)
            var prev = try EventCodec.decode(line: forged[target - 1]).hash
            for i in target..<forged.count {
                var e = try EventCodec.decode(line: forged[i])
                e.previousHash = prev
                let line = EventCodec.encode(seq: e.seq, at: e.at, actor: e.actor, osUser: e.osUser,
                                             pending: PendingEvent(e.payload, reason: e.reason, document: e.document, source: e.source),
                                             more: e.more, previous: prev)
                forged[i] = Array(line.line.dropLast())
                prev = line.hash
            }
            let caught = try SignedReplayPropertyTests.replay(forged)
            XCTAssertNil(caught.breach.map { "\($0)" }, "round \(round): the rules still hold")
            // That batch's signature fails, and so does every later one: each covers its lines' prev, which the rewrite changed.
            let expected = try signatureLines.filter { $0 > target }.map { try EventCodec.decode(line: forged[$0]).seq }
            XCTAssertEqual(caught.failed, expected, "round \(round)")
        }
    }

    func testABatchSignedByAMemberWithoutTheRoleBreaksTheRules() throws {
        var w = Writer()
        SignedReplayPropertyTests.opening(&w)
        let seq = w.seq + 1
        w.batch([.quarterClosed(quarter: .quarter(2017, 1), plan: nil)], by: SignedReplayPropertyTests.clerk)
        let r = try SignedReplayPropertyTests.replay(w.lines)
        XCTAssertEqual(r.breach?.0, seq)
        XCTAssertEqual(r.breach?.1, .refused(.roleMissing(member: "luis", type: .quarterClosed, needs: [.planner])))
        // Unsigned where signatures are required.
        var u = Writer()
        SignedReplayPropertyTests.opening(&u)
        u.batch([.readingRecorded(indicator: "A", period: .month(2017, 1), measurement: .value(DecimalNumber("1")!), note: nil, postClose: false)],
                by: SignedReplayPropertyTests.clerk, signed: false)
        XCTAssertEqual(try SignedReplayPropertyTests.replay(u.lines).breach?.1, .refused(.signaturesRequired))
    }
}
