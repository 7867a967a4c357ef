// Sealing a closed stretch of history into its own segment file: reports
// do not change, every verify (with or without the old --all) re-hashes the
// segment and names damage in it, and a seal interrupted at any step is
// finished by repair.

import Foundation
import XCTest

final class SealTests: XCTestCase {
    func story() throws -> Sandbox {
        let s = try AuditorStoryTests.story()
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-06", "--text", "junio"], env: ["LEDGER_CLOCK": "2018-02-01T10:00:00-06:00"])
        return s
    }

    func files(_ s: Sandbox) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: s.path("events")).filter { $0.hasPrefix("journal.") }.sorted()
    }

    func testSealingChangesNoReportAndTheChainContinues() throws {
        let s = try story()
        func figures() throws -> [String] {
            // Everything but the head, which the seal event moves.
            try ["quarter 2017-Q1 --json", "status --json", "history MED --json"].map { line in
                let json = try JSONSerialization.jsonObject(with: Data(s.ok(line.split(separator: " ").map(String.init)).utf8)) as! [String: Any]
                let rows = json["indicators"] ?? json["events"]!
                return String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]), as: UTF8.self)
            }
        }
        let before = try figures()
        let digest = s.ok(["digest"]).split(separator: "\n").last.map(String.init)!
        let out = s.ok(["seal", "--year", "2017"], env: ["LEDGER_CLOCK": "2018-03-01T10:00:00-06:00"])
        XCTAssertTrue(out.contains("sealed events 1 to 9"), out)
        XCTAssertEqual(try files(s), ["journal.000000001-000000009.jsonl", "journal.jsonl"])
        XCTAssertEqual(try figures(), before, "reports read sealed and active files as one journal")
        // Every verify reads the sealed events too: the rules need the whole history.
        XCTAssertTrue(s.ok(["verify"]).contains("11 events, chain intact"))
        XCTAssertTrue(s.ok(["verify", "--all"]).contains("11 events, chain intact"))
        XCTAssertTrue(s.ok(["verify", "--digest", digest]).contains("extends"), "the chain continues across the segment")
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-07", "--text", "julio"])
        s.ok(["verify"])
        XCTAssertTrue(s.ok(["seal", "--year", "2017"]).contains("nothing to seal"))
        XCTAssertEqual(s.ok(["quarter", "2017-Q1", "--json"]).contains("\"executed\":1261"), true)
    }

    /// Issue 11, finding 8: a byte changed inside a sealed segment (same
    /// size) passed plain `verify` ("chain intact") while every report then
    /// failed naming journal.jsonl. Plain verify re-hashes the segments now,
    /// and every message names the segment, at its first damaged event.
    func testATamperedSealedSegmentIsCaughtByPlainVerify() throws {
        let s = try story()
        // A digest published for event 9, which the seal puts in the segment.
        let line9 = String(decoding: s.journalBytes(), as: UTF8.self).split(separator: "\n")[8]
        let digest = "9:" + line9.suffix(66).prefix(64)
        s.ok(["seal", "--year", "2017"])
        let segment = URL(fileURLWithPath: s.path("events/journal.000000001-000000009.jsonl"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: segment.path)
        var bytes = [UInt8](try Data(contentsOf: segment))
        let value = Array("\"value\":\"542\"".utf8)
        let i = (0...(bytes.count - value.count)).first { Array(bytes[$0..<($0 + value.count)]) == value }! + 9
        bytes[i] = UInt8(ascii: "6")  // 542 -> 642, same size
        try Data(bytes).write(to: segment)
        // Every verify re-hashes the sealed segments and replays their events (the rules need them).
        let plain = s.run(["verify"])
        XCTAssertEqual(plain.code, 3, plain.out)
        let damaged = String(decoding: bytes[..<i], as: UTF8.self).filter { $0 == "\n" }.count + 1
        XCTAssertTrue(plain.err.hasPrefix("ledger: events/journal.000000001-000000009.jsonl:\(damaged): event \(damaged) is damaged"), plain.err)
        let all = s.run(["verify", "--all"])
        XCTAssertEqual(all.code, 3)
        XCTAssertTrue(all.err.hasPrefix("ledger: events/journal.000000001-000000009.jsonl:\(damaged): event \(damaged) is damaged"), all.err)
        for report in [["quarter", "2017-Q1"], ["status"], ["history", "MED"], ["log"]] {
            let r = s.run(report)
            XCTAssertEqual(r.code, 3, report.joined(separator: " "))
            XCTAssertTrue(r.err.contains("journal.000000001-000000009.jsonl:\(damaged):") && !r.err.contains("journal.jsonl"), r.err)
        }
        XCTAssertEqual(s.run(["verify", "--digest", digest]).code, 3, "a digest inside the sealed part is proved from event 1")
        try FileManager.default.removeItem(at: segment)
        let missing = s.run(["verify"])
        XCTAssertEqual(missing.code, 3)
        XCTAssertTrue(missing.err.contains("missing from events/"), missing.err)
    }

    /// A crash after the seal event was written but before the active file
    /// was cut (with or without the segment file): readers see the whole
    /// journal, verify says to repair, repair finishes the seal.
    func testAnInterruptedSealIsFinishedByRepair() throws {
        for segmentWritten in [true, false] {
            let s = try story()
            s.ok(["seal", "--year", "2017"])
            let segment = s.path("events/journal.000000001-000000009.jsonl")
            let active = s.path("events/journal.jsonl")
            // Undo the cut: the active file holds everything again.
            let whole = try Data(contentsOf: URL(fileURLWithPath: segment)) + Data(contentsOf: URL(fileURLWithPath: active))
            try whole.write(to: URL(fileURLWithPath: active))
            if !segmentWritten {
                try FileManager.default.removeItem(atPath: segment)
            }
            XCTAssertTrue(s.ok(["quarter", "2017-Q1", "--json"]).contains("\"executed\":1261"), "readers use the whole active file")
            let v = s.run(["verify"])
            XCTAssertEqual(v.code, 3, "segment written: \(segmentWritten)")
            XCTAssertTrue(v.err.contains("ledger repair"), v.err)
            s.ok(["repair"])
            XCTAssertEqual(try files(s), ["journal.000000001-000000009.jsonl", "journal.jsonl"])
            XCTAssertTrue(s.ok(["verify", "--all"]).contains("chain intact"))
            s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-08", "--text", "agosto"])
        }
    }
}
