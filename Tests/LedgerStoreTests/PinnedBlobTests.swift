// Blobs pinned to a journal position answer a repeated question without
// folding, and never with bytes the journal no longer supports: the same
// rules on disk (in the account's cache folder) and in memory; a settled
// blob copied to a ledger that shares a prefix but not the event after
// the cut is not served.

import XCTest
import LedgerCore
@testable import LedgerStore

final class PinnedBlobTests: XCTestCase {
    var directory: String!
    override func setUp() { directory = NSTemporaryDirectory() + "ledger-cache-\(UInt64.random(in: 0...UInt64.max))" }
    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testOnDisk() throws {
        try FileManager.default.createDirectory(atPath: directory + "-home", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory + "-home") }
        let ledger = Ledger(paths: LedgerPaths(directory: directory), caches: .account(directory: directory + "-home/.cache/ledger"))
        try checkRules(ledger)
        XCTAssertTrue(try ledger.currentCacheFolder().path.hasPrefix(directory + "-home/.cache/ledger/"), "kept in the account's folder")
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
        if read.tornOffset == nil { ledger.keepPinnedBlob(key: key, Array(output.utf8), read: read) }
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
        let cache = try ledger.currentCacheFolder()
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

    /// RELIABILITY.md / issue 11, finding 1: a settled entry pinned only the
    /// last event before its cut, so an entry copied from a ledger sharing
    /// that prefix (a backup restored with another continuation) was served
    /// although the other ledger recorded a different event before the cut.
    func testASettledBlobCopiedToALedgerSharingAPrefixIsNotServed() throws {
        let author = Author(actor: "ana", osUser: "u")
        func hour(_ h: Int) -> Timestamp { Timestamp(year: 2017, month: 3, day: 1, hour: h) }
        func reading(_ m: Int, _ v: Int) -> (Command, String?) {
            (.recordReading(indicator: "I", period: .month(2017, m), measurement: .value(DecimalNumber(v)), note: nil, postClose: false, reason: nil), nil)
        }
        // The same first three events in both; then A records 10 at 05:00 and B records 99 at 03:00, both before the cut at 04:30...
        func make(_ ledger: Ledger, _ value: Int, at h: Int) throws {
            _ = try ledger.create(LedgerSettings(entity: "E"), by: author, clock: { hour(0) })
            _ = try ledger.append([(.defineIndicator(IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))), nil)],
                                  by: author, clock: { hour(1) }).get()
            _ = try ledger.append([reading(1, 1)], by: author, clock: { hour(2) }).get()
            _ = try ledger.append([reading(2, value)], by: author, clock: { hour(h) }).get()
        }
        let a = Ledger.inMemory(), b = Ledger.inMemory()
        try make(a, 10, at: 5)
        try make(b, 99, at: 3)
        let cut = Timestamp(year: 2017, month: 3, day: 1, hour: 4, minute: 30)
        func sum(_ ledger: Ledger) throws -> String {
            if let kept = try ledger.pinnedBlob(key: "sum") { return String(decoding: kept, as: UTF8.self) }
            let (state, read) = try ledger.state(cut: cut, years: [2017])
            let output = "\(state.indicators["I"]!.readings.count)"
            ledger.keepPinnedBlob(key: "sum", Array(output.utf8), read: read)
            return output
        }
        XCTAssertEqual(try sum(a), "1", "A's February reading came after the cut")
        // ...so A's answer is settled by its event 4, and B shares A's events 1 to 3 byte for byte.
        let fromA = try a.currentCacheFolder(), toB = try b.currentCacheFolder()
        for name in fromA.names() where name.hasPrefix(PinnedBlobs.prefix) { try toB.writeAtomically(name, try fromA.readAll(name), durable: false) }
        XCTAssertEqual(try sum(b), "2", "B recorded February before the cut: A's settled answer is not B's")
    }
}
