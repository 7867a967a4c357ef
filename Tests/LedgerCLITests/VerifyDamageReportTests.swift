// What `verify` says about a damaged journal: a torn tail names its first
// incomplete event, a digest vouches for sealed events too, and a cut or
// missing active event is named where it is (RELIABILITY.md, defects 8,
// 10, 11 and 12).

import Foundation
import XCTest

final class VerifyDamageReportTests: XCTestCase {
    /// RELIABILITY.md, defect 8: a journal cut inside a batch (or ending in
    /// half a line) was reported with a byte offset only; the tamper
    /// campaign asks every report to name the first affected event. It is
    /// the first event of the incomplete batch.
    func testATornTailNamesItsFirstEvent() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        try sandbox.write("b.csv", "type,indicator,period,value\nreading,MED,2017-01,262\nreading,MED,2017-02,280\nreading,MED,2017-03,301\n")
        sandbox.ok(["append", "--file", "b.csv"])
        var bytes = [UInt8](sandbox.journalBytes())
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        bytes.removeSubrange((lines[3] + 20)...)  // into the batch's third event (seq 5)
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        let r = sandbox.run(["verify"])
        XCTAssertEqual(r.code, 3)
        // Named by its first event, and for what it is: whole events of a batch (issue 13, item 15).
        XCTAssertTrue(r.err.hasPrefix("ledger: events/journal.jsonl:3: the journal ends in an incomplete batch: events 3 to 4 are whole"), r.err)
        XCTAssertTrue(sandbox.run(["--lang", "es", "verify"]).err.contains("journal.jsonl:3: el diario termina en un lote incompleto"))
    }

    /// RELIABILITY.md, defect 10: with sealed segments, `verify --digest`
    /// re-hashed them only when the digest's seq lay inside them. A digest
    /// taken at the head (the usual case) vouches for every event up to it,
    /// sealed ones included, yet a byte changed in a sealed segment passed
    /// `verify --digest` ("the journal extends the digest").
    func testADigestCoversTheSealedEventsBeforeIt() throws {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        for m in 1...3 {
            sandbox.ok(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "26\(m)"],
                       env: ["LEDGER_CLOCK": "2017-0\(m + 1)-06T10:00:00-06:00"])
        }
        let digest = try XCTUnwrap(sandbox.ok(["digest"]).split(separator: "\n").last.map(String.init))
        sandbox.ok(["seal", "--before", "2017-04-01"], env: ["LEDGER_CLOCK": "2017-05-02T10:00:00-06:00"])
        let segment = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("events"))
            .first { $0.hasPrefix("journal.0") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sandbox.path("events/\(segment)"))))
        let value = Array("\"value\":\"262\"".utf8)
        let at = try XCTUnwrap((0...(bytes.count - value.count)).first { Array(bytes[$0..<($0 + value.count)]) == value })
        bytes[at + 11] = UInt8(ascii: "9")  // 262 -> 292, same size
        try sandbox.write("events/\(segment)", bytes: bytes)
        XCTAssertEqual(sandbox.run(["verify"]).code, 3, "every verify replays the sealed events: the rules need the whole history")
        let r = sandbox.run(["verify", "--digest", digest])
        XCTAssertEqual(r.code, 3, r.err)
        XCTAssertTrue(r.err.contains(":4: event 4 is damaged"), r.err)
    }

    /// A ledger of 8 events whose first 5 (through the 2017-03 reading) are sealed; the seal is event 9.
    private func sealedLedger() throws -> Sandbox {
        let sandbox = try Sandbox()
        sandbox.makeMedidores()
        for m in 1...6 {
            sandbox.ok(["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "26\(m)"],
                       env: ["LEDGER_CLOCK": "2017-0\(m + 1)-06T10:00:00-06:00"])
        }
        sandbox.ok(["seal", "--before", "2017-04-10"], env: ["LEDGER_CLOCK": "2017-09-02T10:00:00-06:00"])
        return sandbox
    }

    /// RELIABILITY.md, defect 11: a sealed ledger's active journal cut
    /// short (the seal event at its end gone with the tail) was reported as
    /// damage to the last whole event, "the sealed segment files are not the
    /// ones the last seal records", instead of a torn tail to repair.
    func testACutSealedJournalIsATornTail() throws {
        let sandbox = try sealedLedger()
        var bytes = [UInt8](sandbox.journalBytes())
        let lines = bytes.indices.filter { bytes[$0] == 0x0A }
        bytes.removeSubrange((lines[1] + 30)...)  // into event 8, the active file's third line
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        let r = sandbox.run(["verify"])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.contains("journal.jsonl:8: the journal ends in an incomplete event 8"), r.err)
        // Cut at a line boundary instead: nothing is torn, and the missing seal is named where it was.
        bytes.removeSubrange((lines[1] + 1)...)
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        XCTAssertTrue(sandbox.run(["verify"]).err.contains("journal.jsonl:8: event 8 is damaged"))
    }

    /// RELIABILITY.md, defect 12: an active journal that lost its first
    /// event was reported as "events 1 to 6 are not here: the sealed
    /// segment file is missing", naming event 1; event 6 is the first missing.
    func testAMissingFirstActiveEventIsNamed() throws {
        let sandbox = try sealedLedger()
        var bytes = [UInt8](sandbox.journalBytes())
        bytes.removeSubrange(0...(bytes.firstIndex(of: 0x0A)!))
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        let r = sandbox.run(["verify"])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.contains("journal.jsonl:6: event 6 is damaged: events 6 to 6 are not here"), r.err)
    }

    /// Found by the tamper campaign once plain verify re-hashed segments: a
    /// byte changed in the seal event's own record (its SHA-256) was blamed
    /// on the segment ("event 1 is damaged"), because the fallback that looks
    /// for damage in the segments trusted that record. The segments' own
    /// chain decides now: the seal event is named, in journal.jsonl.
    func testAnAlteredSealRecordIsNamedWhereItIs() throws {
        let sandbox = try sealedLedger()
        var bytes = [UInt8](sandbox.journalBytes())
        let key = Array("\"sha256\":\"".utf8)
        let at = try XCTUnwrap((0...(bytes.count - key.count)).first { Array(bytes[$0..<($0 + key.count)]) == key }) + key.count
        bytes[at] = bytes[at] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try sandbox.write("events/journal.jsonl", bytes: bytes)
        let r = sandbox.run(["verify"])
        XCTAssertEqual(r.code, 3)
        XCTAssertTrue(r.err.hasPrefix("ledger: events/journal.jsonl:9: event 9 is damaged"), r.err)
    }

    /// The other side: the segment's last line altered (a digit of its own
    /// hash) breaks the active file's first link, but the damage is in the
    /// segment, at its last event.
    func testAnAlteredLastSealedLineIsNamedInItsSegment() throws {
        let sandbox = try sealedLedger()
        let segment = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: sandbox.path("events")).first { $0.hasPrefix("journal.0") })
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: sandbox.path("events/\(segment)"))))
        let i = bytes.count - 10  // inside the last line's hash field
        bytes[i] = bytes[i] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try sandbox.write("events/\(segment)", bytes: bytes)
        for args in [["verify"], ["verify", "--all"]] {
            let r = sandbox.run(args)
            XCTAssertEqual(r.code, 3)
            XCTAssertTrue(r.err.hasPrefix("ledger: events/\(segment):5: event 5 is damaged"), "\(args): \(r.err)")
        }
    }
}
