// Snapshots written under older figure rules still re-derive byte for
// byte. Golden/format1 holds a small journal and the snapshot that the
// ledger of snapshot format 1 (before issue 13) wrote from it: a prorated
// 124, a less-is-better indicator with March missing, a zero target and a
// budget-only row, every figure issue 13 changed. Re-derived in format 1
// it is the same bytes; in the current format its figures are the new
// ones. (`verify` must pass each file's own format: see FORMAT.md.)

import Foundation
import XCTest
import LedgerCore
import LedgerReports
import LedgerStore

final class SnapshotFormatTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/format1")

    /// Golden/format2: the seed-000 story as a ledger of journal format 1
    /// wrote it (before issue 14), and the snapshot files of format 2 it
    /// wrote, byte for byte.
    static let format2 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/format2")

    func state(asOf t: Timestamp, fixture: URL = SnapshotFormatTests.fixture) throws -> LedgerState {
        let text = try Data(contentsOf: fixture.appendingPathComponent("journal.jsonl"))
        var state = LedgerState()
        for line in text.split(separator: UInt8(ascii: "\n")) {
            let e = try EventCodec.decode(line: Array(line))
            if e.at <= t { state.apply(e) }
        }
        return state
    }

    func clock(_ zone: String) throws -> LocalClock {
        let rules = try XCTUnwrap(TimeZoneRules.load(zone), "the time zone database has \(zone)")
        return LocalClock(zone: zone) { t in rules.offset(atUTC: t.microseconds / 1_000_000) }
    }

    func testAFormatOneSnapshotReDerivesInFormatOne() throws {
        let folder = Self.fixture.appendingPathComponent("snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 3)
        let json = try XCTUnwrap(names.first { $0.hasSuffix(".json") })
        XCTAssertEqual(SnapshotFormat.format(ofJSON: Array(try Data(contentsOf: folder.appendingPathComponent(json)))), 1)
        for name in names {
            let file = try XCTUnwrap(SnapshotFileName(name), name)
            let key = file.key
            let s = try state(asOf: key.asOf)
            let zone = try XCTUnwrap(s.settings?.timeZone)
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let v1 = try XCTUnwrap(Snapshot.make(key, state: s, clock: try clock(zone), format: 1))
            XCTAssertEqual(Array(SnapshotReport.render(v1, file.kind).utf8), bytes, "\(name) re-derives in format 1")
            let now = try XCTUnwrap(Snapshot.make(key, state: s, clock: try clock(zone)))
            XCTAssertNotEqual(Array(SnapshotReport.render(now, file.kind).utf8), bytes, "\(name): the current format shows the new figures")
        }
        XCTAssertNil(Snapshot.make(SnapshotFileName(json)!.key, state: try state(asOf: SnapshotFileName(json)!.key.asOf), clock: .utc, format: 99),
                     "a format this ledger does not know is not guessed")
    }

    /// `verify` re-derives each file in its own format: a ledger whose
    /// snapshots were written before issue 13 still verifies, and an edit
    /// to one of them is still caught.
    func testVerifyReDerivesAFormatOneSnapshotInItsOwnFormat() throws {
        let s = try Sandbox()
        let fm = FileManager.default
        try fm.createDirectory(atPath: s.path("events"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.fixture.appendingPathComponent("journal.jsonl").path, toPath: s.path("events/journal.jsonl"))
        try fm.copyItem(atPath: Self.fixture.appendingPathComponent("snapshots").path, toPath: s.path("snapshots"))
        let ok = s.run(["verify"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertTrue(ok.out.contains("3 snapshot files re-derived"), ok.out)
        let csv = try XCTUnwrap(try fm.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".csv") })
        var text = try String(contentsOfFile: s.path("snapshots/" + csv), encoding: .utf8)
        text = text.replacingOccurrences(of: ",124", with: ",125")
        try text.write(toFile: s.path("snapshots/" + csv), atomically: true, encoding: .utf8)
        XCTAssertEqual(s.run(["verify"]).code, 3)
    }

    /// Snapshots of format 2, written from a journal of format version 1,
    /// re-derive byte for byte in format 2, and `verify` accepts them.
    func testAFormatTwoSnapshotReDerivesInFormatTwo() throws {
        let folder = Self.format2.appendingPathComponent("snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 6)
        for name in names {
            let file = try XCTUnwrap(SnapshotFileName(name), name)
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            if file.kind == .json { XCTAssertEqual(SnapshotFormat.format(ofJSON: bytes), 2) }
            let s = try state(asOf: file.key.asOf, fixture: Self.format2)
            let v2 = try XCTUnwrap(Snapshot.make(file.key, state: s, clock: try clock(try XCTUnwrap(s.settings?.timeZone)), format: 2))
            XCTAssertEqual(Array(SnapshotReport.render(v2, file.kind).utf8), bytes, "\(name) re-derives in format 2")
        }
        let sandbox = try Sandbox()
        let fm = FileManager.default
        try fm.createDirectory(atPath: sandbox.path("events"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: Self.format2.appendingPathComponent("journal.jsonl").path, toPath: sandbox.path("events/journal.jsonl"))
        try fm.copyItem(atPath: folder.path, toPath: sandbox.path("snapshots"))
        let ok = sandbox.run(["verify"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertTrue(ok.out.contains("6 snapshot files re-derived"), ok.out)
    }

    /// The figures that differ between the two formats, row by row.
    func testTheFiguresEachFormatShows() throws {
        let t = Timestamp(year: 2017, month: 4, day: 11)
        let s = try state(asOf: t)
        func row(_ id: String, _ rules: FigureRules) -> QuarterRow {
            Views.quarter(.quarter(2017, 1), of: s, rules: rules).rows.first { $0.heading.id == id }!
        }
        XCTAssertEqual(row("REG", .v1).quarter.programmed?.description, "30.99")
        XCTAssertEqual(row("REG", .v2).quarter.programmed?.description, "31.00")
        XCTAssertEqual(row("DESC", .v1).quarter.compliance?.description, "166.67")
        XCTAssertEqual(row("DESC", .v2).quarter.status, .red)
        XCTAssertEqual(row("CERO", .v1).quarter.status, .none)
        XCTAssertEqual(row("CERO", .v2).quarter.status, .green)
        XCTAssertTrue(row("P101", .v1).quarter.isApplicable)
        XCTAssertFalse(row("P101", .v2).quarter.isApplicable)
    }

    /// Golden/format3: the same story's snapshot files of format 3 (issue
    /// 14's board: the workbook, the charts, the documents), written before
    /// the reporting horizon of format 4; each re-derives byte for byte in
    /// format 3, and `verify` accepts them.
    func testAFormatThreeSnapshotReDerivesInFormatThree() throws {
        let fixture = Self.fixture.deletingLastPathComponent().appendingPathComponent("format3")
        let folder = fixture.appendingPathComponent("snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertEqual(names.count, 8)
        for name in names {
            let file = try XCTUnwrap(SnapshotFileName(name), name)
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            if file.kind == .json { XCTAssertEqual(SnapshotFormat.format(ofJSON: bytes), 3) }
            let s = try state(asOf: file.key.asOf, fixture: fixture)
            let three = try XCTUnwrap(Snapshot.make(file.key, state: s, clock: try clock("America/Mexico_City"), format: 3))
            if case .xlsx = file.kind { continue }  // the workbook holds the events too: `verify` below re-derives it
            XCTAssertEqual(SnapshotReport.bytes(three, file.kind), bytes, "\(name) re-derives in format 3")
        }
        let sandbox = try Sandbox()
        let fm = FileManager.default
        try fm.createDirectory(atPath: sandbox.path("events"), withIntermediateDirectories: true)
        try fm.copyItem(atPath: fixture.appendingPathComponent("journal.jsonl").path, toPath: sandbox.path("events/journal.jsonl"))
        try fm.copyItem(atPath: folder.path, toPath: sandbox.path("snapshots"))
        let ok = sandbox.run(["verify"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertTrue(ok.out.contains("8 snapshot files re-derived"), ok.out)
    }

    /// Format 4 weighs the months by the reporting horizon at T: a snapshot
    /// taken on 10 March 2017 judges January and February, and says March
    /// is awaited; formats 2 and 3 counted March as nothing executed.
    func testFormatFourWeighsTheMonthsDueAtT() throws {
        let fixture = Self.fixture.deletingLastPathComponent().appendingPathComponent("format2")
        let text = try Data(contentsOf: fixture.appendingPathComponent("journal.jsonl"))
        let events = try text.split(separator: UInt8(ascii: "\n")).map { try EventCodec.decode(line: Array($0)) }
        let t = Timestamp(year: 2017, month: 3, day: 11, hour: 5, minute: 59, second: 59, microsecond: 999_999)
        let state = LedgerState.fold(events.filter { $0.at <= t })
        let key = SnapshotKey(quarter: .quarter(2017, 1), plan: nil, asOf: t)
        let four = try XCTUnwrap(Snapshot.make(key, state: state, clock: try clock("America/Mexico_City"), format: 4))
        let three = try XCTUnwrap(Snapshot.make(key, state: state, clock: try clock("America/Mexico_City"), format: 3))
        XCTAssertEqual(four.view.rows[0].quarter.programmed?.description, "650")
        XCTAssertEqual(four.view.rows[0].quarter.awaiting, [.month(2017, 3)])
        XCTAssertEqual(three.view.rows[0].quarter.programmed?.description, "950", "March counted though not yet ended")
        XCTAssertTrue(SnapshotReport.render(four, .json).contains("\"awaiting\":[\"2017-03\"]"))
        XCTAssertFalse(SnapshotReport.render(three, .json).contains("awaiting"))
        XCTAssertTrue(SnapshotReport.render(four, .html(.es)).contains("Aún no vence (por reportar)"))
    }
}
