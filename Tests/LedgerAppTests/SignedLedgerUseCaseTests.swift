// Members, roles and signatures through the application layer, in-process:
// keys are seeds (SeedSigner, the same SSHSIG bytes ssh-keygen makes); the
// end-to-end tests with ssh-keygen and ssh-agent are in LedgerCLITests.

import XCTest
import LedgerCore
import LedgerCrypto
import LedgerSigning
@testable import LedgerApp

final class SignedLedgerUseCaseTests: XCTestCase {
    static func signer(_ n: UInt8, _ comment: String) -> SeedSigner {
        try! SeedSigner(seed: [UInt8](repeating: n, count: 32), comment: comment)
    }
    let admin = signer(1, "ana@planeacion"), clerk = signer(2, "luis@captura"), comisario = signer(3, "carla@oic")

    /// A ledger opened by `ana` (admin and planner), with clerk luis and Comisario carla, and MED defined.
    func office(required: Bool = true) throws -> AppFixture {
        let f = try AppFixture()
        f.session.signer = admin
        var opening = LedgerOpening(entity: "COMAPA", timeZone: "America/Mexico_City")
        opening.admin = "ana"
        opening.adminKey = admin.publicKey.line
        opening.signaturesRequired = required
        _ = try f.session.create(opening, actor: nil)
        f.clock.set("2017-01-02T09:00:01-06:00")
        _ = try f.session.changeRoles(name: "ana", roles: "admin,planeación", actor: nil)
        _ = try f.session.addMember(name: "luis", publicKey: clerk.publicKey.line, roles: "capturista", actor: nil)
        _ = try f.session.addMember(name: "carla", publicKey: comisario.publicKey.line, roles: "auditor", actor: nil)
        try f.append(.indicator, at: "2017-01-02T09:00:02-06:00", [
            "id": "MED", "name": "MEDIDORES", "unit": "MEDIDORES", "year": "2017", "annual-target": "3600", "plan": "POA 2017",
        ])
        return f
    }

    func testAnOfficeRecordsEachInItsOwnNameAndVerifies() throws {
        let f = try office()
        f.session.signer = clerk
        let r = try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "280"], actor: "whoever")
        let members = try f.session.members()
        XCTAssertEqual(members.map(\.name), ["ana", "luis", "carla"])
        XCTAssertEqual(members[0].roles, [.admin, .planner])
        var actors: [Int64: String] = [:]
        var types: [Int64: EventType] = [:]
        _ = try f.session.ledger.scan { actors[$0.seq] = $0.actor; types[$0.seq] = $0.payload.type }
        // The reading is the clerk's (whatever --actor said), and its batch ends with the clerk's signature.
        XCTAssertEqual(actors[r.seq], "luis")
        XCTAssertEqual(types[r.seq + 1], .batchSigned)
        XCTAssertEqual(try f.session.verify(all: true, digest: nil).head.seq, r.seq + 1)
    }

    func testRolesAreRefusedNamingTheRoleInBothLanguages() throws {
        let f = try office()
        f.session.signer = clerk
        XCTAssertThrowsError(try f.append(.close, at: "2017-04-01T10:00:00-06:00", ["quarter": "2017-Q1"])) { error in
            XCTAssertEqual(error as? Refusal, .roleMissing(member: "luis", type: .quarterClosed, needs: [.planner]))
            let failure = Failure(describing: error, directory: f.directory)
            XCTAssertEqual(failure.kind, .refused)
            XCTAssertTrue(failure.message.en.contains("needs the role planner (planeación)"), failure.message.en)
            XCTAssertTrue(failure.message.es.contains("necesita el rol planeación (planner)"), failure.message.es)
        }
        f.session.signer = comisario
        XCTAssertThrowsError(try f.append(.reading, at: "2017-04-01T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])) {
            XCTAssertEqual($0 as? Refusal, .roleMissing(member: "carla", type: .readingRecorded, needs: [.recorder]))
        }
        // Member changes are an admin's.
        XCTAssertThrowsError(try f.session.addMember(name: "eve", publicKey: SignedLedgerUseCaseTests.signer(9, "").publicKey.line,
                                                     roles: "admin", actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .roleMissing(member: "carla", type: .memberAdded, needs: [.admin]))
        }
        // The Comisario may observe.
        try f.append(.observation, at: "2017-04-01T10:00:01-06:00", ["indicator": "MED", "period": "2017-01", "text": "revisado"])
    }

    func testUnsignedAppendsAreRefusedWhereSignaturesAreRequired() throws {
        let f = try office()
        f.session.signer = nil
        XCTAssertThrowsError(try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])) {
            XCTAssertEqual($0 as? Refusal, .signaturesRequired)
        }
        let g = try office(required: false)
        g.session.signer = nil
        try g.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])
        // Member events are never unsigned.
        XCTAssertThrowsError(try g.session.removeMember(name: "luis", actor: "ana")) { XCTAssertEqual($0 as? Refusal, .signatureNeeded(.memberRemoved)) }
        // A ledger that did not require signatures starts to: an admin's signed event.
        g.session.signer = admin
        _ = try g.session.requireSignatures(actor: nil)
        XCTAssertThrowsError(try g.session.requireSignatures(actor: nil)) { XCTAssertEqual($0 as? Refusal, .signaturesAlreadyRequired) }
        g.session.signer = nil
        XCTAssertThrowsError(try g.append(.reading, at: "2017-03-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-02", "value": "1"])) {
            XCTAssertEqual($0 as? Refusal, .signaturesRequired)
        }
    }

    func testBadKeysAndMembersAreRefusedAndNothingIsWritten() throws {
        let f = try office()
        let head = try f.session.head().seq
        let stranger = SignedLedgerUseCaseTests.signer(7, "stranger")
        // Not Ed25519.
        XCTAssertThrowsError(try f.session.addMember(name: "rsa", publicKey: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x", roles: "recorder", actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .publicKeyRefused(.notEd25519("ssh-rsa")))
        }
        // A small-order key (the identity point): anyone could forge under it.
        let weak = try SSHPublicKey(ed25519: [1] + [UInt8](repeating: 0, count: 31)).line
        XCTAssertThrowsError(try f.session.addMember(name: "weak", publicKey: weak, roles: "recorder", actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .publicKeyRefused(.weak))
        }
        // Another member's key, a member twice, no roles, the last admin.
        XCTAssertThrowsError(try f.session.addMember(name: "luis2", publicKey: clerk.publicKey.line, roles: "recorder", actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .keyHeldByAnother(member: "luis"))
        }
        XCTAssertThrowsError(try f.session.addMember(name: "luis", publicKey: stranger.publicKey.line, roles: "recorder", actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .memberExists("luis"))
        }
        XCTAssertThrowsError(try f.session.removeMember(name: "ana", actor: nil)) { XCTAssertEqual($0 as? Refusal, .lastAdmin("ana")) }
        XCTAssertThrowsError(try f.session.changeRoles(name: "ana", roles: "planner", actor: nil)) { XCTAssertEqual($0 as? Refusal, .lastAdmin("ana")) }
        XCTAssertThrowsError(try f.session.changeRoles(name: "luis", roles: "chief", actor: nil)) {
            guard case .notOneOf(let field, _, _)? = $0 as? FieldError else { return XCTFail("\($0)") }
            XCTAssertEqual(field, "role")
        }
        // A key of no member.
        f.session.signer = stranger
        XCTAssertThrowsError(try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])) {
            XCTAssertEqual($0 as? Refusal, .keyOfNoMember(fingerprint: stranger.publicKey.fingerprint))
        }
        // A removed member signs nothing after.
        f.session.signer = admin
        _ = try f.session.removeMember(name: "luis", actor: nil)
        let afterRemoval = try f.session.head().seq
        f.session.signer = clerk
        XCTAssertThrowsError(try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])) {
            XCTAssertEqual($0 as? Refusal, .signerRemoved("luis"))
        }
        XCTAssertEqual(try f.session.head().seq, afterRemoval)
        XCTAssertEqual(afterRemoval, head + 2)
        XCTAssertEqual(try f.session.members().first { $0.name == "luis" }?.isActive, false)
    }

    func testTheComisarioAttestsAClosedQuarter() throws {
        let f = try office()
        f.session.signer = clerk
        try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "280"])
        f.session.signer = comisario
        f.clock.set("2017-04-02T10:00:00-06:00")
        try f.session.ledger.writeSnapshot("2017-Q1_x.json", Array("{}".utf8))
        XCTAssertThrowsError(try f.session.attest(quarter: Period("2017-Q1")!, plan: nil, actor: nil)) {
            XCTAssertEqual($0 as? Refusal, .attestOpenQuarter(quarter: Period("2017-Q1")!, plan: nil))
        }
        f.session.signer = admin
        try f.append(.close, at: "2017-04-03T10:00:00-06:00", ["quarter": "2017-Q1"])
        f.session.signer = comisario
        let r = try f.session.attest(quarter: Period("2017-Q1")!, plan: nil, actor: nil)
        XCTAssertEqual(r.count, 2)
        XCTAssertThrowsError(try f.session.attest(quarter: Period("2017-Q2")!, plan: nil, actor: nil))
        XCTAssertEqual(try f.session.verify(all: true, digest: nil).head.seq, r[1].seq)
    }

    func testUnsignedEventsAreMarkedOnceTheLedgerHasMembers() throws {
        let f = try office(required: false)
        f.session.signer = nil
        try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"], actor: "pedro")
        f.session.signer = clerk
        try f.append(.reading, at: "2017-03-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-02", "value": "2"])
        var text = ""
        try f.session.log(LogFilter(type: .readingRecorded), format: .text, language: .en) { text += $0 }
        XCTAssertTrue(text.contains("pedro (unsigned)"), text)
        XCTAssertFalse(text.contains("luis (unsigned)"), text)
        var es = ""
        try f.session.log(LogFilter(type: .readingRecorded), format: .text, language: .es) { es += $0 }
        XCTAssertTrue(es.contains("pedro (sin firma)"), es)
        var json = ""
        try f.session.log(LogFilter(type: .readingRecorded), format: .json, language: .en) { json += $0 }
        XCTAssertTrue(json.contains("\"actor\":\"pedro\"") && json.contains("\"signed_by\":null"), json)
        XCTAssertTrue(json.contains("\"signed_by\":\"luis\""), json)
        let history = try f.session.history("MED", asOf: nil, format: .text, language: .en)
        XCTAssertTrue(history.contains("pedro (unsigned)") && !history.contains("luis (unsigned)"), history)
        // A ledger that never had members marks nothing: nothing could be signed there.
        let plain = try AppFixture.medidores()
        try plain.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "1"])
        XCTAssertFalse(try plain.session.history("MED", asOf: nil, format: .text, language: .en).contains("unsigned"))
    }

    /// verify's background checks: runs handed over while the fold goes on; the failure of lowest seq is the one said.
    func testBackgroundChecksFindTheFirstBadSignatureAcrossRuns() throws {
        var checks: [SignatureCheck] = []
        for i in 0..<600 {
            let message = Array("batch \(i)\n".utf8)
            let sig = try SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: [UInt8](repeating: UInt8(i % 7 + 1), count: 32))
            var data = SSHSignature.signedData(message: message, namespace: SignedBatch.namespace)
            if i == 433 || i == 517 { data[data.count - 1] ^= 1 }  // two altered messages
            checks.append(SignatureCheck(seq: Int64(i), signer: "m\(i)", signedData: data, signature: sig.signature, publicKey: sig.publicKey.key))
        }
        let background = BackgroundSignatureChecks(inFlight: 2)
        for start in stride(from: 0, to: checks.count, by: 100) { background.submit(Array(checks[start..<min(start + 100, checks.count)])) }
        XCTAssertEqual(background.finish()?.seq, 433)
        let clean = BackgroundSignatureChecks()
        clean.submit(Array(checks[0..<400]))
        XCTAssertNil(clean.finish())
    }

    #if os(Linux)
    /// The check threads yield to the replay: a thread that calls
    /// `yieldToTheReplay` runs at nice 10 afterwards; other threads (the
    /// caller's, replaying the rules) keep theirs.
    func testCheckThreadsRunAtALowerPriorityThanTheReplay() {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        final class Seen: @unchecked Sendable { var nice: Int32 = -100 }
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        Thread {
            SignatureChecks.yieldToTheReplay()
            seen.nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
            done.signal()
        }.start()
        done.wait()
        let inside = seen.nice
        XCTAssertEqual(inside, max(before, SignatureChecks.niceness))
        XCTAssertEqual(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0), before)
    }
    #endif
}
