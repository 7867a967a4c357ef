// Writes that run out of room (a full disk, `ulimit -f`) leave the journal
// as it was, so the same command can run again once there is room
// (RELIABILITY.md, defect 3).

import XCTest
import LedgerCore
@testable import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// Defect 3: writes that run out of room.
final class OutOfRoomTests: FreshLedgerTestCase {
    /// Runs `body` with writes past `bytes` refused (EFBIG), as a full disk
    /// or `ulimit -f` would refuse them.
    private func withFileSizeLimit<T>(_ bytes: Int, _ body: () throws -> T) rethrows -> T {
        let resource = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
        var old = rlimit()
        getrlimit(resource, &old)
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: old.rlim_max)
        let previous = signal(SIGXFSZ, SIG_IGN)
        setrlimit(resource, &limit)
        defer {
            setrlimit(resource, &old)
            signal(SIGXFSZ, previous)
        }
        return try body()
    }

    /// On a full disk the batch's write stopped partway, the append reported
    /// the I/O error (exit 4), and the part that had reached the file stayed:
    /// a torn tail that made every later append refuse until `ledger repair`.
    func testAnAppendThatRunsOutOfRoomLeavesTheJournalAsItWas() throws {
        try openWithIndicator()
        let before = try FileSystem.readAll(ledger.paths.journal)
        let batch = (1...12).map { reading($0) }
        XCTAssertThrowsError(try withFileSizeLimit(before.count + 100) { try append(batch) }) { error in
            guard case StoreError.io(let operation, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "write")
        }
        let after = try FileSystem.readAll(ledger.paths.journal)
        XCTAssertTrue(after == before, "the journal went from \(before.count) to \(after.count) bytes")
        XCTAssertEqual(try ledger.verify().seq, 2)
        // With room again, the same batch goes through.
        XCTAssertEqual(try append(batch).get().count, 12)
    }

    /// The same for `init`: a first event that does not fit leaves an empty
    /// journal, so that `init` can be run again.
    func testAnInitThatRunsOutOfRoomCanBeRunAgain() throws {
        XCTAssertThrowsError(try withFileSizeLimit(100) { try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick) })
        XCTAssertEqual(try FileSystem.readAll(ledger.paths.journal).count, 0)
        XCTAssertEqual(try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick).seq, 1)
    }
}
