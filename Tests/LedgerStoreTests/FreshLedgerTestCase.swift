// The fixture the store's in-process tests share: a fresh ledger in a
// temporary directory (its caches in a cache folder beside it, as an
// account's would be), one monthly indicator, a clock that ticks.

import XCTest
import LedgerCore
@testable import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// A fresh ledger with one monthly indicator I, in a temporary directory
/// removed afterwards, and a clock that ticks a microsecond per call.
class FreshLedgerTestCase: XCTestCase {
    var directory: String!
    var ledger: Ledger!
    let author = Author(actor: "ana", osUser: "root")
    var clock = Timestamp(year: 2017, month: 2, day: 6)

    func tick() -> Timestamp {
        clock = clock.next
        return clock
    }

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "ledger-store-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory + "-home", withIntermediateDirectories: true)
        ledger = Ledger(paths: LedgerPaths(directory: directory), caches: .account(directory: directory + "-home/.cache/ledger"))
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: directory + "-home")
    }

    /// Creates the ledger and defines I.
    func openWithIndicator() throws {
        _ = try ledger.create(LedgerSettings(entity: "X"), by: author, clock: tick)
        let def = IndicatorDefinition(id: "I", name: "N", unit: "U", year: 2017, annualTarget: DecimalNumber(12))
        _ = try ledger.append([(.defineIndicator(def), nil)], by: author, clock: tick).get()
    }

    func reading(_ month: Int, value: Int? = nil) -> Command {
        .recordReading(indicator: "I", period: .month(2017, month), measurement: .value(DecimalNumber(value ?? month)),
                       note: nil, postClose: false, reason: nil)
    }

    func append(_ commands: [Command], dryRun: Bool = false) throws -> Result<[Receipt], BatchRefusal> {
        try ledger.append(commands.map { ($0, nil) }, by: author, clock: tick, dryRun: dryRun)
    }
}
