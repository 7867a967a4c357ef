// The signed write (SignedWrite.swift) on the in-memory store: a signature
// is made outside the lock, so another writer may append meanwhile; the
// batch is then decided and signed again against the journal as it is,
// never written on a head that moved. And a signer begun early is finished
// under the first lock, its batch signed once.

import XCTest
import LedgerCore
import LedgerCrypto
@testable import LedgerStore

final class SignedWriteTests: XCTestCase {
    var clock = Timestamp(year: 2017, month: 1, day: 2)

    func tick() -> Timestamp {
        clock = Timestamp(microseconds: clock.microseconds + 60_000_000)
        return clock
    }

    static let adminSeed = [UInt8](repeating: 7, count: 32)
    static let adminKey = try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: adminSeed), comment: "ana")

    /// The admin's signing; `onSign` runs (outside the lock) before each signature.
    func adminSigning(onSign: @escaping () throws -> Void = {}, begin: (() -> StartedSignature?)? = nil) -> BatchSigning {
        BatchSigning(publicKey: Self.adminKey, sign: { message in
            try onSign()
            return try SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: Self.adminSeed).blob
        }, begin: begin)
    }

    func member(_ name: String, _ n: UInt8) -> Command {
        .addMember(MemberRecord(name: name, publicKey: try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: [UInt8](repeating: n, count: 32))),
                                roles: [.recorder]))
    }

    /// A ledger opened by its admin, ana, in one signed batch.
    func signedLedger() throws -> Ledger {
        let ledger = Ledger.inMemory()
        try ledger.createEmpty()
        let opening: [(Command, String?)] = [(.open(LedgerSettings(entity: "X")), nil),
                                             (.addMember(MemberRecord(name: "ana", publicKey: Self.adminKey, roles: [.admin])), nil)]
        guard case .success = try ledger.append(opening, by: Author(actor: "ana", osUser: "u"), signing: adminSigning(), clock: tick) else {
            struct OpeningRefused: Error {}
            throw OpeningRefused()
        }
        return ledger
    }

    func types(_ ledger: Ledger) throws -> [EventType] {
        var types: [EventType] = []
        _ = try ledger.scan { types.append($0.payload.type) }
        return types
    }

    func testAJournalThatMovedWhileSigningIsDecidedAndSignedAgain() throws {
        let ledger = try signedLedger()
        var signatures = 0
        let interfering = adminSigning(onSign: {
            signatures += 1
            // Another writer appends while the first signature is being made (outside the lock).
            guard signatures == 1 else { return }
            guard case .success = try ledger.append([(self.member("eva", 2), nil)], by: Author(actor: "ana", osUser: "u"),
                                                    signing: self.adminSigning(), clock: self.tick) else { return XCTFail("eva refused") }
        })
        let result = try ledger.append([(member("luis", 3), nil)], by: Author(actor: "ana", osUser: "u"), signing: interfering, clock: tick)
        guard case .success(let receipts) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(signatures, 2, "signed again after the journal moved")
        XCTAssertEqual(receipts.count, 2)
        XCTAssertEqual(try types(ledger), [.ledgerOpened, .memberAdded, .batchSigned, .memberAdded, .batchSigned, .memberAdded, .batchSigned])
        XCTAssertEqual(try ledger.verify().seq, 7)
    }

    func testAJournalThatKeepsMovingIsGivenUpWithNothingWritten() throws {
        let ledger = try signedLedger()
        var n: UInt8 = 10
        let restless = adminSigning(onSign: {
            n += 1
            guard case .success = try ledger.append([(self.member("m\(n)", n), nil)], by: Author(actor: "ana", osUser: "u"),
                                                    signing: self.adminSigning(), clock: self.tick) else { return XCTFail("refused") }
        })
        XCTAssertThrowsError(try ledger.append([(member("luis", 3), nil)], by: Author(actor: "ana", osUser: "u"), signing: restless, clock: tick)) {
            guard case StoreError.journalKeepsMoving = $0 else { return XCTFail("\($0)") }
        }
        // Only the other writer's batches: luis was never written.
        XCTAssertEqual(try types(ledger).filter { $0 == .memberAdded }.count, 1 + Ledger.signingAttempts)
        XCTAssertNoThrow(try ledger.verify())
    }

    func testASignerBegunEarlySignsUnderTheFirstLockAndTheOrdinaryWayIsNotAsked() throws {
        let ledger = try signedLedger()
        var ordinary = 0, finished = 0, cancelled = 0
        let early = adminSigning(onSign: { ordinary += 1 }, begin: {
            StartedSignature(finish: { message in
                finished += 1
                return try? SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: Self.adminSeed).blob
            }, cancel: { cancelled += 1 })
        })
        guard case .success = try ledger.append([(member("luis", 3), nil)], by: Author(actor: "ana", osUser: "u"), signing: early, clock: tick) else {
            return XCTFail("refused")
        }
        XCTAssertEqual([finished, ordinary], [1, 0])
        // Refused (luis exists): the early signer is cancelled, nothing written.
        let before = try ledger.verify()
        guard case .failure = try ledger.append([(member("luis", 4), nil)], by: Author(actor: "ana", osUser: "u"), signing: early, clock: tick) else {
            return XCTFail("a second luis was recorded")
        }
        XCTAssertEqual(cancelled, 1)
        XCTAssertEqual(try ledger.verify(), before)
    }
}
