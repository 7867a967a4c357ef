// When the facts index must not be trusted: written before a reboot (its
// pages perhaps never reached the disk), or damaged slot by slot. It is
// rebuilt from the journal, and no decision ever rests on a damaged slot
// (RELIABILITY.md, defects 2 and 5).

import XCTest
import LedgerCore
@testable import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// Defect 2.
final class FactsIndexBootTests: XCTestCase {
    /// The boot id was read as "the whole file", and /proc files have a
    /// size of 0, so it was always empty and an index written before a power
    /// cut (pages perhaps never on disk) was trusted after the reboot
    /// instead of rebuilt.
    func testBootIDIsReadFromProc() throws {
        #if os(Linux)
        let text = try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)
        XCTAssertEqual(POSIXFolder.bootID.count, 36)
        XCTAssertEqual(POSIXFolder.bootID, String(text.prefix(36)))
        #endif
    }
}

/// Defect 5: the facts index trusted its slots blindly (only its header is
/// checksummed). The bad-input campaign's corrupted caches found an index
/// whose slots were all 0xFF made every append probe forever (a hang), and
/// zeroed slots made appends refuse ("not opened") or read a reading's slot
/// as empty. Slots now carry checks, lookups are bounded, answers are
/// checked against the journal, and a damaged index is rebuilt before
/// anything is decided.
final class FactsIndexCorruptionTests: FreshLedgerTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try openWithIndicator()
        for m in 1...3 { _ = try append([reading(m)]).get() }
    }

    /// What the ledger decides, without writing: the second reading of
    /// 2017-02 is refused naming seq 4, and one for 2017-05 would go in.
    func assertDecisionsAreRight(file: StaticString = #filePath, line: UInt = #line) throws {
        guard case .failure(let refusal) = try append([reading(2)], dryRun: true) else {
            return XCTFail("a second reading for 2017-02 was accepted", file: file, line: line)
        }
        XCTAssertEqual(refusal.refusals.first?.1, .readingExists(indicator: "I", period: .month(2017, 2), seq: 4), file: file, line: line)
        XCTAssertNoThrow(try append([reading(5)], dryRun: true).get(), file: file, line: line)
    }

    /// The facts index on disk, in the account's cache folder of this ledger.
    func factsIndexPath() throws -> String { try ledger.currentCacheFolder().path(of: FactsIndex.fileName) }

    func corruptSlots(_ body: (inout [UInt8]) -> Void) throws {
        var bytes = try FileSystem.readAll(try factsIndexPath())
        body(&bytes)
        let f = try FileHandle(path: try factsIndexPath(), flags: O_WRONLY)
        try f.writeAll(bytes)
    }

    func word(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    func setWord(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    /// The offsets of the slots in use.
    func usedSlots(_ bytes: [UInt8]) -> [Int] {
        stride(from: FactsIndex.headerSize, to: bytes.count, by: FactsIndex.slotSize).filter { word(bytes, $0) != 0 }
    }

    func testSlotsFullOfOnesAreRebuiltNotProbedForever() throws {
        try corruptSlots { bytes in
            for i in FactsIndex.headerSize..<bytes.count { bytes[i] = 0xFF }
        }
        try assertDecisionsAreRight()
    }

    func testZeroedSlotsAreNotTakenForEmptyOnes() throws {
        try corruptSlots { bytes in
            for offset in usedSlots(bytes) { for i in offset..<(offset + FactsIndex.slotSize) { bytes[i] = 0 } }
        }
        try assertDecisionsAreRight()
    }

    func testASlotThatPointsAtAnotherEventIsCaughtByTheJournal() throws {
        // Swap the payloads of two reading slots and make their checks right again:
        // only the journal line each points to can tell.
        try corruptSlots { bytes in
            // Readings of January and February (seqs 3 and 4); seq 5 is also the
            // indicator's history slot (its last event), so it is left alone.
            let readings = usedSlots(bytes).filter { (3...4).contains(word(bytes, $0 + 16)) }
            XCTAssertEqual(readings.count, 2)
            let (x, y) = (readings[0], readings[1])
            let (px, py) = ((word(bytes, x + 16), word(bytes, x + 24)), (word(bytes, y + 16), word(bytes, y + 24)))
            for (offset, payload) in [(x, py), (y, px)] {
                let i = (offset - FactsIndex.headerSize) / FactsIndex.slotSize
                let a = word(bytes, offset), bHigh = word(bytes, offset + 8) & 0xFFFF_FFFF_0000_0000
                setWord(&bytes, offset + 16, payload.0)
                setWord(&bytes, offset + 24, payload.1)
                setWord(&bytes, offset + 8, bHigh | FactsIndex.check(i, a, bHigh, payload.0, payload.1))
            }
        }
        try assertDecisionsAreRight()
    }

    func testRandomDamageToTheSlotsNeverChangesADecision() throws {
        let original = try FileSystem.readAll(try factsIndexPath())
        var seed: UInt64 = 20171  // fixed, so that a failure reproduces
        for _ in 0..<200 {
            try corruptSlots { bytes in
                bytes = original
                for _ in 0..<(1 + Int(seed % 16)) {
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    let at = FactsIndex.headerSize + Int((seed >> 33) % UInt64(bytes.count - FactsIndex.headerSize))
                    bytes[at] ^= UInt8(1 << ((seed >> 20) % 8))
                }
            }
            try assertDecisionsAreRight()
        }
    }
}
