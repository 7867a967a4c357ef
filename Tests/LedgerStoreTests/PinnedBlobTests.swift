// Blobs pinned to a journal position answer a repeated question without
// folding, and never with bytes the journal no longer supports: the same
// rules on disk and in memory.

import XCTest
import LedgerCore
@testable import LedgerStore

final class PinnedBlobTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = NSTemporaryDirectory() + "ledger-cache-\(UInt64.random(in: 0...UInt64.max))" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testOnDisk() throws {
        try checkRules(Ledger(paths: LedgerPaths(directory: directory)))
    }

    func testInMemory() throws {
        try checkRules(Ledger.inMemory())
    }

    /// What a report command does: the kept bytes while they describe the
    /// journal, else a fold (counted), rendered and kept.
    private func report(_ ledger: Ledger, key: String, cut: Timestamp?, folds: inout Int) throws -> String {
        if let kept = try ledger.pinnedBlob(key: key) { return String(decoding: kept, as: UTF8.self) }
        let (state, read) = try ledger.state(cut: cut, years: [2017])
        folds += 1
        let output = "\(state.indicators["I"]!.readings.count)"
        if read.tornOffset == nil { ledger.keepPinnedBlob(key: key, Array(output.utf8), cursor: read.cursor, settled: read.stoppedAtCut) }
        return output
    }

    private func checkRules(_ ledger: Ledger, file: StaticString = #filePath, line: UInt = #line) throws {
        let author = Author(actor: "ana", osUser: "u")
        var t = Timestamp(year: 2017, month: 1, day: 2)
        let clock = { () -> Timestamp in t = Timestamp(microseconds: t.microseconds + 3_600_000_000); return t }
        _ = try ledger.create(LedgerSettings(entity: "E"), by: author, clock: clock)
        _ = try ledger.append([(.defineIndicator(IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))), nil)], by: author, clock: clock).get()
        func read(_ m: Int) throws {
            _ = try ledger.append([(.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(m)), note: nil, postClose: false, reason: nil), nil)], by: author, clock: clock).get()
        }
        try read(1)
        let past = t
        try read(2)
        var folds = 0
        func now() throws -> String { try report(ledger, key: "now", cut: nil, folds: &folds) }
        func asOfPast() throws -> String { try report(ledger, key: "past", cut: past, folds: &folds) }
        XCTAssertEqual(try now(), "2", file: file, line: line); XCTAssertEqual(folds, 1, file: file, line: line)
        XCTAssertEqual(try now(), "2", file: file, line: line); XCTAssertEqual(folds, 1, "served while the journal is unchanged", file: file, line: line)
        XCTAssertEqual(try asOfPast(), "1", file: file, line: line); XCTAssertEqual(folds, 2, file: file, line: line)
        try read(3)
        XCTAssertEqual(try now(), "3", "an append invalidates a blob that is not settled", file: file, line: line); XCTAssertEqual(folds, 3, file: file, line: line)
        XCTAssertEqual(try asOfPast(), "1", file: file, line: line)
        XCTAssertEqual(folds, 3, "the past was settled: a later event existed when it was made", file: file, line: line)

        // A damaged blob is not used.
        let cache = ledger.storage.cache
        let blobs = cache.names().filter { $0.hasPrefix(PinnedBlobs.prefix) }
        XCTAssertEqual(blobs.count, 2, file: file, line: line)
        for name in blobs {
            var bytes = try cache.readAll(name)
            bytes[bytes.count / 2] ^= 0x01
            try cache.writeAtomically(name, bytes, durable: false)
        }
        XCTAssertEqual(try now(), "3", file: file, line: line); XCTAssertEqual(try asOfPast(), "1", file: file, line: line)
        XCTAssertEqual(folds, 5, file: file, line: line)

        // A journal rewritten under the blobs (same length, other bytes) is not trusted either.
        let events = ledger.storage.events
        var bytes = try events.readAll("journal.jsonl")
        let i = bytes.count - 10
        bytes[i] = bytes[i] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try events.writeAtomically("journal.jsonl", bytes, durable: false)
        XCTAssertThrowsError(try now(), "the damaged journal is read, not the kept bytes", file: file, line: line)
    }
}
