// The recorded time under the system clock (the host's, not one a user
// set): a clock a little behind the last event is kept in the event, a
// clock far behind is refused, one far ahead is recorded (nothing local can
// tell) but verify on a machine with the right time flags it and later
// appends are refused rather than silently dated after it; a time the
// journal cannot hold is never written. A clock the user set is honoured
// only on a demonstration ledger.

import Foundation
import XCTest
import LedgerCore
import LedgerStore
@testable import LedgerApp

final class RecordedTimeUseCaseTests: XCTestCase {
    func reading(_ f: AppFixture, _ period: String, at time: String) throws -> ChainHead {
        try f.append(.reading, at: time, ["indicator": "MED", "period": period, "value": "1"])
    }

    /// The events of the fixture's journal.
    func journal(_ f: AppFixture) throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        try f.session.ledger.scan { events.append($0) }
        return events
    }

    func testAClockALittleBehindIsKeptAndAClockFarBehindIsRefused() throws {
        let f = try AppFixture.medidores()
        _ = try reading(f, "2017-01", at: "2017-02-06T10:00:00-06:00")
        let kept = try reading(f, "2017-02", at: "2017-02-06T09:55:00-06:00")
        XCTAssertEqual(kept.at, Timestamp(parsing: "2017-02-06T16:00:00.000001Z"))
        XCTAssertEqual(try journal(f)[3].clock, Timestamp(parsing: "2017-02-06T15:55:00Z"))
        let before = try journal(f)
        XCTAssertThrowsError(try reading(f, "2017-03", at: "2017-02-06T09:00:00-06:00")) { e in
            guard case StoreError.clockBehind(_, _, let seq)? = e as? StoreError else { return XCTFail("\(e)") }
            XCTAssertEqual(seq, 4)
        }
        XCTAssertEqual(try journal(f), before, "nothing written")
        let outcome = try f.session.verify(all: false, digest: nil)
        XCTAssertEqual(outcome.clockBehind.map(\.seq), [4])
        XCTAssertFalse(outcome.isDemo)
    }

    func testAClockFarAheadIsFlaggedAndLaterAppendsAreNotDatedAfterIt() throws {
        let f = try AppFixture.medidores()
        _ = try reading(f, "2017-01", at: "2099-01-01T00:00:00Z")
        f.clock.set("2017-03-01T00:00:00Z")
        let outcome = try f.session.verify(all: false, digest: nil)
        XCTAssertEqual(outcome.datedAfterNow.map(\.seq), [3])
        XCTAssertThrowsError(try reading(f, "2017-02", at: "2017-03-01T00:00:00Z"))
        XCTAssertEqual(try journal(f).count, 3, "nothing written after the event dated 2099")
    }

    func testATimeTheJournalCannotHoldIsRefused() throws {
        let f = try AppFixture.medidores()
        let before = try journal(f)
        XCTAssertThrowsError(try reading(f, "2017-01", at: "9999-12-31T23:00:00-05:00")) { e in
            guard case StoreError.clockOutOfRange? = e as? StoreError else { return XCTFail("\(e)") }
        }
        XCTAssertEqual(try journal(f), before)
        XCTAssertEqual(try f.session.verify(all: false, digest: nil).head.seq, 2)
    }

    func testAClockTheUserSetIsHonouredOnlyOnADemonstrationLedger() throws {
        let f = try AppFixture.medidores()
        let set = Session(ledger: f.session.ledger, host: Host(now: { Timestamp(parsing: "2017-02-06T16:00:00Z")! }, account: { "tester" },
                                                               clockIsSetByUser: true))
        XCTAssertThrowsError(try set.append(.reading, values: ["indicator": "MED", "period": "2017-01", "value": "1"], actor: "ana", dryRun: false)) { e in
            guard case Problem.clockSetOnRealLedger? = e as? Problem else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try set.admitClock())
        let demo = Session(ledger: Ledger.inMemory(), host: set.host)
        XCTAssertThrowsError(try demo.create(LedgerOpening(entity: "E"), actor: "ana")) { e in
            guard case Problem.clockSetWithoutDemo? = e as? Problem else { return XCTFail("\(e)") }
        }
        _ = try demo.create(LedgerOpening(entity: "E", isDemo: true), actor: "ana")
        XCTAssertNoThrow(try demo.admitClock())
        XCTAssertTrue(try demo.isDemo())
        XCTAssertTrue(try demo.verify(all: false, digest: nil).isDemo)
    }
}
