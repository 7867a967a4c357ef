// The journal read on two cores (ChainPipeline) against the one-thread
// reader: on a journal longer than several of the pipeline's runs and on
// damaged copies of it (a flipped byte, a line removed, repeated or moved,
// a cut anywhere), both apply the same events at the same offsets, show
// the same lines' bytes, and end with the same result or the same damage.

import XCTest
import LedgerCore
@testable import LedgerStore

final class ChainPipelineTests: XCTestCase {
    /// What a read did: the events applied (seq and offset), the lines it
    /// showed (an FNV-1a hash of each), and its result or damage.
    struct Outcome: Equatable {
        var applied: [[Int64]] = []
        var lines: [UInt64] = []
        var result: String = ""
    }

    func read(_ bytes: [UInt8], parallel: Bool) -> Outcome {
        var outcome = Outcome()
        let file = InMemoryJournalBytes(bytes)
        do {
            let r = try JournalReader.read(file, from: .start, to: Int64(bytes.count), eager: true, heldBatchLimit: 4096, parallel: parallel,
                                           lineSeen: { line in outcome.lines.append(line.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }) }) { e, offset in
                outcome.applied.append([e.seq, offset])
            }
            outcome.result = "\(r.cursor) torn \(String(describing: r.tornOffset)) over \(r.overApplied)"
        } catch {
            outcome.result = "\(error)"
        }
        return outcome
    }

    /// A journal of about 2,600 events: single readings and batches of up to 40.
    func journal() throws -> [UInt8] {
        var clock = Timestamp(year: 2017, month: 1, day: 2)
        let tick = { () -> Timestamp in
            clock = Timestamp(microseconds: clock.microseconds + 60_000_000)
            return clock
        }
        let author = Author(actor: "ana", osUser: "u")
        let ledger = Ledger.inMemory()
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        for k in 0..<200 {
            let id = "I\(k)"
            var batch: [(Command, String?)] = [(.defineIndicator(IndicatorDefinition(id: id, name: "N \(k)", unit: "U", year: 2017,
                                                                                     annualTarget: DecimalNumber(12))), nil)]
            if k % 3 == 0 {
                _ = try ledger.append(batch, by: author, clock: tick).get()
                batch = []
            }
            for m in 1...12 {
                let reading = Command.recordReading(indicator: id, period: .month(2017, m), measurement: .value(DecimalNumber(m + k)),
                                                    note: nil, postClose: false, reason: nil)
                if k % 3 == 0 { _ = try ledger.append([(reading, nil)], by: author, clock: tick).get() } else { batch.append((reading, nil)) }
            }
            if !batch.isEmpty { _ = try ledger.append(batch, by: author, clock: tick).get() }
        }
        return try ledger.storage.events.readAll("journal.jsonl")
    }

    func testTwoCoresReadExactlyAsOne() throws {
        let whole = try journal()
        var lineStarts = [0]
        for (i, b) in whole.enumerated() where b == 0x0A && i + 1 < whole.count { lineStarts.append(i + 1) }
        XCTAssertGreaterThan(lineStarts.count, 2 * ChainPipeline.runLength)
        let clean = read(whole, parallel: true)
        XCTAssertEqual(clean, read(whole, parallel: false))
        XCTAssertEqual(clean.applied.count, lineStarts.count)
        XCTAssertEqual(clean.lines.count, lineStarts.count)
        XCTAssertEqual(Set(clean.lines).count, lineStarts.count, "every line shown, each its own bytes")

        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func line(_ i: Int) -> Range<Int> { lineStarts[i]..<(i + 1 < lineStarts.count ? lineStarts[i + 1] : whole.count) }
        var damaged = 0
        for round in 0..<60 {
            var bytes = whole
            let i = 1 + next(lineStarts.count - 1)
            switch round % 6 {
            case 0: // a byte of a line changed (never its newline)
                let r = line(i)
                bytes[r.lowerBound + next(r.count - 1)] ^= 0x01
            case 1: bytes.removeSubrange(line(i))
            case 2: bytes.insert(contentsOf: whole[line(i - 1)], at: line(i).lowerBound)
            case 3: bytes.removeSubrange(next(bytes.count)...)
            case 4: // two lines swapped
                let a = Array(whole[line(i - 1)]), b = Array(whole[line(i)])
                bytes.replaceSubrange(line(i - 1).lowerBound..<line(i).upperBound, with: b + a)
            default: // a hex digit of a hash changed
                let r = line(i)
                bytes[r.upperBound - 4] = bytes[r.upperBound - 4] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            }
            let two = read(bytes, parallel: true)
            XCTAssertEqual(two, read(bytes, parallel: false), "round \(round), line \(i)")
            if two.result.contains("damaged") || two.result.contains("torn") { damaged += 1 }
        }
        XCTAssertGreaterThan(damaged, 40)
    }
}
