// Bounded versions of the six reliability campaigns (RELIABILITY.md), run
// by `swift test` against the `ledger` binary built beside the tests. Each
// takes seconds; the full campaigns are `ledger-campaign` runs with larger
// parameters. LEDGER_CAMPAIGN_SEED picks another seed (the default is fixed,
// so CI is repeatable); a failure prints the figures and where the
// reproducers were kept.

import Foundation
import LedgerCampaign
import XCTest

final class CampaignTests: XCTestCase {
    static let workdir = NSTemporaryDirectory() + "ledger-campaign-tests-\(getpid())"

    /// The campaigns remove their own ledgers; the work directory goes too unless it keeps reproducers.
    override class func tearDown() {
        if !FileManager.default.fileExists(atPath: workdir + "/defects") { try? FileManager.default.removeItem(atPath: workdir) }
    }

    private func config() throws -> CampaignConfig {
        guard let binary = LedgerTool.locate() else {
            XCTFail("cannot find the ledger binary next to the tests; run `swift build` (or set LEDGER_BIN)")
            throw XCTSkip("no ledger binary")
        }
        var c = CampaignConfig(binary: binary, workdir: CampaignTests.workdir)
        c.seed = ProcessInfo.processInfo.environment["LEDGER_CAMPAIGN_SEED"].flatMap(UInt64.init) ?? 1
        return c
    }

    private func run(_ name: CampaignName, _ c: CampaignConfig) -> Report {
        let report = Campaigns.run(name, c)
        print(report.render())
        XCTAssertEqual(report.defectCount, 0, "\n" + report.render())
        return report
    }

    func testCrashCampaign() throws {
        var c = try config()
        c.rounds = 4
        c.writers = 3
        c.operations = 10
        c.maxBatchIndicators = 16
        let r = run(.crash, c)
        XCTAssertGreaterThan(r["kills"], 0)
        XCTAssertGreaterThan(r["acknowledged events"], 0)
        XCTAssertEqual(r["lost"], 0)
        XCTAssertEqual(r["half-present batches"], 0)
        XCTAssertEqual(r["cache mismatches"], 0)
        XCTAssertEqual(r["cache checks"], 4)
    }

    func testConcurrencyCampaign() throws {
        var c = try config()
        c.rounds = 2
        c.writers = 3
        c.readers = 3
        c.operations = 6
        let r = run(.concurrency, c)
        XCTAssertGreaterThan(r["reader runs"], 0)
        XCTAssertGreaterThan(r["heads observed by readers"], 0)
        XCTAssertEqual(r["reader failures"], 0)
        XCTAssertEqual(r["acknowledged events missing"], 0)
        XCTAssertEqual(r["unacknowledged events in the journal"], 0)
        XCTAssertEqual(r["heads inside a batch"], 0)
        XCTAssertGreaterThan(r["seals beside readers"], 0, "seals ran beside the reader mix")
    }

    func testTamperCampaign() throws {
        var c = try config()
        c.mutations = 300
        let r = run(.tamper, c)
        XCTAssertGreaterThan(r["mutations tried"], 250)
        XCTAssertEqual(r["caught by verify"] + r["caught by verify --digest"], r["mutations tried"])
        XCTAssertGreaterThan(r["caught by verify --digest"], 0)
        XCTAssertGreaterThan(r["tried: forge an event that breaks a rule (hash recomputed)"], 0)
        XCTAssertGreaterThanOrEqual(r["named as a broken rule"], r["tried: forge an event that breaks a rule (hash recomputed)"])
        XCTAssertEqual(r["missed"], 0)
        XCTAssertEqual(r["misnamed"], 0)
    }

    func testBadInputCampaign() throws {
        var c = try config()
        c.inputs = 300
        let r = run(.badinput, c)
        XCTAssertEqual(r["inputs tried"], 300)
        XCTAssertEqual(r["handled"], r["inputs tried"])
        XCTAssertGreaterThan(r["cache cases"], 0)
        XCTAssertEqual(r["crashes"] + r["hangs"] + r["undocumented exit codes"], 0)
        XCTAssertEqual(r["journal changed by a refused command"], 0)
        XCTAssertEqual(r["invalid inputs accepted"], 0)
        XCTAssertGreaterThan(r["look-alike or invisible names refused"], 0)
        XCTAssertGreaterThan(r["formula texts recorded"], 0)
        XCTAssertGreaterThan(r["CSV reports read back"], 0)
        XCTAssertEqual(r["formula cells in CSV reports"], 0)
    }

    func testResourceFaultCampaign() throws {
        let c = try config()
        let r = run(.faults, c)
        XCTAssertGreaterThan(r["fault cases"], 0)
        XCTAssertEqual(r["crashes"] + r["hangs"], 0)
        XCTAssertEqual(r["lost"], 0)
        XCTAssertEqual(r["journal changed by a failed command"], 0)
    }

    func testTrustCampaign() throws {
        var c = try config()
        c.trustCases = 45
        let r = run(.trust, c)
        XCTAssertGreaterThan(r["forged caches"], 0)
        XCTAssertEqual(r["forged caches ignored"] + r["forged caches in the account's own folder"], r["forged caches"])
        XCTAssertEqual(r["forged figures accepted by verify"], 0)
        XCTAssertGreaterThan(r["symlinks planted"], 0)
        XCTAssertEqual(r["symlinks followed"], 0)
        XCTAssertGreaterThan(r["clock cases"], 0)
        XCTAssertEqual(r["clock cases handled"], r["clock cases"])
        XCTAssertEqual(r["crashes"] + r["hangs"], 0)
    }
}
