// The read side through the application layer, in-process: the quarter at
// two recorded times, history, diff, snapshots and verify.

import XCTest
import LedgerCore
import LedgerReports
@testable import LedgerApp

final class ReadUseCaseTests: XCTestCase {
    /// Seed 000's first quarter: readings 542 and 262, then a correction of February to 300 by luis.
    func story() throws -> AppFixture {
        let f = try AppFixture.medidores()
        try f.append(.reading, at: "2017-02-06T10:00:00-06:00", ["indicator": "MED", "period": "2017-01", "value": "542"])
        try f.append(.reading, at: "2017-03-06T10:01:00-06:00", ["indicator": "MED", "period": "2017-02", "value": "262"])
        try f.append(.correction, at: "2017-05-15T10:00:00-06:00", ["indicator": "MED", "period": "2017-02", "value": "300", "reason": "Error de captura"],
                     actor: "luis")
        return f
    }

    func executed(_ f: AppFixture, asOf: String?) throws -> String? {
        let text = try f.session.quarter(Period("2017-Q1")!, ReportRequest(asOf: asOf.flatMap { TimeSpec($0) }, asOfText: asOf, format: .json))
        let row = (try f.json(text)["indicators"] as! [[String: Any]])[0]
        return (row["executed"] as? NSNumber)?.stringValue
    }

    func testTheQuarterThenAndNow() throws {
        let f = try story()
        XCTAssertEqual(try executed(f, asOf: "2017-04-10"), "804")
        XCTAssertEqual(try executed(f, asOf: nil), "842")
        // Asked again, the same bytes (from the answer cache or not).
        let request = ReportRequest(format: .text, language: .es)
        XCTAssertEqual(try f.session.quarter(Period("2017-Q1")!, request), try f.session.quarter(Period("2017-Q1")!, request))
    }

    func testAnUnknownPlanIsSaidNotPrintedEmpty() throws {
        let f = try story()
        XCTAssertThrowsError(try f.session.quarter(Period("2017-Q1")!, ReportRequest(scope: ReportScope(plan: "POA 2071")))) {
            guard case .unknownPlan(let p, let plans)? = $0 as? Problem else { return XCTFail("\($0)") }
            XCTAssertEqual(p, "POA 2071")
            XCTAssertEqual(plans, ["POA 2017"])
        }
    }

    func testHistoryAndDiffNameWhoChangedWhat() throws {
        let f = try story()
        let history = try f.json(try f.session.history("MED", asOf: nil, format: .json, language: .en))
        let events = history["events"] as! [[String: Any]]
        XCTAssertEqual(events.map { $0["type"] as! String }, ["indicator", "reading", "reading", "correction"])
        XCTAssertEqual(events.last?["actor"] as? String, "luis")
        XCTAssertThrowsError(try f.session.history("NOPE", asOf: nil, format: .json, language: .en)) {
            guard case .unknownIndicator("NOPE", _, appending: false)? = $0 as? Problem else { return XCTFail("\($0)") }
        }
        let from = try f.session.instant(TimeSpec("2017-04-10")!)
        let to = try f.session.instant(TimeSpec("2017-06-01")!)
        let diff = try f.json(try f.session.diff(from: from, to: to, quarter: Period("2017-Q1"), format: .json, language: .en))
        let changes = diff["changes"] as! [[String: Any]]
        XCTAssertFalse(changes.isEmpty)
        XCTAssertTrue(changes.allSatisfy { ($0["events"] as? [[String: Any]])?.first?["actor"] as? String == "luis" }, "\(changes)")
    }

    func testASnapshotVerifiesUntilItIsEdited() throws {
        let f = try story()
        f.clock.set("2017-06-01T00:00:00Z")
        let outcome = try f.session.snapshot(Period("2017-Q1")!, asOf: TimeSpec("2017-04-10"), plan: nil, language: .es)
        XCTAssertEqual(outcome.files.count, 4)
        XCTAssertTrue(outcome.files.allSatisfy(\.isNew))
        XCTAssertEqual(outcome.head.seq, 4)
        let verified = try f.session.verify(all: false, digest: nil)
        XCTAssertEqual(verified.snapshots.count, 4)
        XCTAssertEqual(verified.head.seq, 5)
        // Again: nothing new, the same files.
        XCTAssertFalse(try f.session.snapshot(Period("2017-Q1")!, asOf: TimeSpec("2017-04-10"), plan: nil, language: .es).files.contains(where: \.isNew))
        let csv = String(outcome.files.first { $0.path.hasSuffix(".csv") }!.path.split(separator: "/").last!)
        try f.replaceSnapshot(csv, try f.snapshot(csv).replacingOccurrences(of: "804", with: "904"))
        XCTAssertThrowsError(try f.session.verify(all: false, digest: nil)) {
            guard case .snapshotsDiffer(let files)? = $0 as? Problem else { return XCTFail("\($0)") }
            XCTAssertEqual(files.map(\.cause), [.fileAltered])
            XCTAssertEqual(Failure(describing: $0, directory: f.directory).kind, .integrity)
        }
    }

    func testADigestProvesThePastUntilItIsRewritten() throws {
        let f = try story()
        let head = try f.session.head()
        XCTAssertNoThrow(try f.session.verify(all: false, digest: PublishedDigest(seq: head.seq, hash: head.hash)))
        XCTAssertThrowsError(try f.session.verify(all: false, digest: PublishedDigest(seq: head.seq, hash: .zero))) {
            XCTAssertEqual(Failure(describing: $0, directory: f.directory).kind, .integrity)
        }
    }
}
