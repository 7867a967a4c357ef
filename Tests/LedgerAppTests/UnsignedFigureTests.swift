// Figures that rest on an unsigned batch are marked (issue 12, item 4): on
// a ledger with members that does not require signatures, a reading
// recorded without a signature bears U in `quarter` and `status` (text,
// JSON), with its legend; a signed correction of it clears the mark; a
// ledger without members never shows it.

import XCTest
import LedgerCore
import LedgerReports
@testable import LedgerApp

final class UnsignedFigureTests: XCTestCase {
    let q1 = Period.quarter(2017, 1)

    func quarter(_ f: AppFixture, _ format: ReportFormat) throws -> String {
        try f.session.quarter(q1, ReportRequest(format: format))
    }

    func status(_ f: AppFixture, _ format: ReportFormat) throws -> String {
        var out = ""
        try f.session.status(through: nil, ReportRequest(format: format)) { out += $0 }
        return out
    }

    func testAnUnsignedReadingIsMarkedUntilASignedCorrection() throws {
        let admin = SignedLedgerUseCaseTests.signer(1, "ana@planeacion"), clerk = SignedLedgerUseCaseTests.signer(2, "luis@captura")
        let f = try AppFixture()
        f.session.signer = admin
        var opening = LedgerOpening(entity: "COMAPA", timeZone: "America/Mexico_City")
        opening.admin = "ana"
        opening.adminKey = admin.publicKey.line
        _ = try f.session.create(opening, actor: nil)
        f.clock.set("2017-01-02T09:00:01-06:00")
        _ = try f.session.changeRoles(name: "ana", roles: "admin,planeación", actor: nil)
        _ = try f.session.addMember(name: "luis", publicKey: clerk.publicKey.line, roles: "capturista", actor: nil)
        _ = try f.append(.indicator, at: "2017-01-02T09:00:02-06:00", [
            "id": "MED", "name": "MEDIDORES", "unit": "MEDIDORES", "year": "2017", "annual-target": "3600", "plan": "POA 2017",
        ])
        f.session.signer = nil
        _ = try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "280"], actor: "luis")
        for text in [try quarter(f, .text), try status(f, .text)] {
            // (The legend is wrapped to the width: compared with its words joined.)
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            XCTAssertTrue(words.contains("U unsigned: the value in force was recorded in a batch no member signed"), text)
            XCTAssertTrue(text.contains("  U\n") || text.contains(" U "), text)
        }
        XCTAssertTrue(try quarter(f, .json).contains("\"reprogrammed\":false,\"unsigned\":true"))
        XCTAssertTrue(try status(f, .json).contains("\"unsigned\":true"))
        // The journal says the same to a fold from scratch and to a checkpoint (the codec keeps the mark).
        let (state, _) = try f.session.ledger.state()
        XCTAssertEqual(state.indicators["MED"]?.readings[.month(2017, 1)]?.isUnsigned, true)
        XCTAssertEqual(try StateCodec.decodeYearInto(state), state)
        // A snapshot of today's format shows the mark; one of format 5, re-derived, does not (its bytes hold).
        let key = SnapshotKey(quarter: q1, plan: nil, asOf: state.head.at)
        for format in SnapshotFormat.known where format >= 3 {
            let snapshot = try XCTUnwrap(Snapshot.make(key, state: state, clock: .utc, format: format))
            XCTAssertEqual(snapshot.view.rows[0].marks.unsigned, format >= SnapshotFormat.unsignedMarked, "format \(format)")
            XCTAssertEqual(snapshot.status?.rows[0].marks.unsigned, format >= SnapshotFormat.unsignedMarked, "format \(format)")
        }

        f.session.signer = admin  // a correction is the planning office's
        _ = try f.append(.correction, at: "2017-02-07T10:00:00-06:00",
                     ["indicator": "MED", "period": "2017-01", "value": "281", "reason": "firmado"])
        for text in [try quarter(f, .text), try status(f, .text)] {
            XCTAssertFalse(text.contains("U unsigned"), text)
        }
        XCTAssertFalse(try quarter(f, .json).contains("\"unsigned\""))
        XCTAssertEqual(try f.session.verify(all: true, digest: nil).events > 0, true)
    }

    func testALedgerWithoutMembersHasNoMark() throws {
        let f = try AppFixture.medidores()
        _ = try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "280"])
        XCTAssertFalse(try quarter(f, .json).contains("\"unsigned\""))
        XCTAssertFalse(try quarter(f, .text).contains("U unsigned"))
    }
}

extension StateCodec {
    /// `state` through the checkpoint codec (global part and every year).
    static func decodeYearInto(_ state: LedgerState) throws -> LedgerState {
        var s = try decodeGlobal(encodeGlobal(state), years: nil)
        for y in state.knownYears.sorted() { try decodeYear(encodeYear(state, y), into: &s) }
        s.indicatorOrder = state.indicatorOrder
        return s
    }
}
