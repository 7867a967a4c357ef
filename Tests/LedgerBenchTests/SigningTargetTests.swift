// The signing rows of the summary (issues 12 and 15), from made-up results:
// signatures a second per core from the signed and unsigned verify, "both
// cores" from the extra CPU over the extra wall, the signed append's ratios
// and the in-process checks; and how they reach the Markdown and the JSON.

import XCTest
import LedgerCore
@testable import LedgerBench

final class SigningTargetTests: XCTestCase {
    func sample(_ wall: Double, cpu: Double, rss: Int = 20_000) -> ProcessSample {
        ProcessSample(wall: wall, maxRSSKB: rss, user: cpu * 0.9, system: cpu * 0.1, status: 0)
    }

    func ledger(_ events: Int) -> GeneratedLedger {
        GeneratedLedger(events: events, seed: 7, generatorVersion: 2, bodies: 34, indicators: 6_000, firstYear: 2016, lastYear: 2020,
                        counts: [("ledger_opened", 1)], firstAt: Timestamp(microseconds: 0), lastAt: Timestamp(microseconds: 1),
                        reportQuarter: "2020-Q2", busiestIndicator: "OA001-001-2016", journalBytes: 43_000_000, head: "x", batches: 4_000, actors: 200)
    }

    /// Unsigned verify 1 s (1 s CPU); signed per batch 1.2 s with 1.6 s CPU
    /// and 4,000 signatures: 4,000 / 0.2 s / 2 cores = 10,000/s per core, extra
    /// CPU 0.6 s over 0.2 s: 3 (both cores). Per event: 2 s, 2.4 s CPU, 20,000
    /// signatures: 10,000/s per core but 1.4 / 1 = 1.4 (not both cores).
    func size() -> SizeReport {
        SizeReport(ledger: ledger(100_000), results: [
            BenchResult(key: "verify", label: "verify", group: "ledger", samples: [sample(1.0, cpu: 1.0), sample(0.9, cpu: 0.9), sample(1.1, cpu: 1.1)]),
            BenchResult(key: "verify.signed-batch", label: "verify, a signature per batch", group: "ledger",
                        samples: [sample(1.2, cpu: 1.6), sample(1.3, cpu: 1.7), sample(1.1, cpu: 1.5)], events: 100_000, floorKey: "verify", signatures: 4_000),
            BenchResult(key: "verify.signed-event", label: "verify, a signature per event", group: "ledger",
                        samples: [sample(2.0, cpu: 2.4)], events: 100_000, floorKey: "verify", signatures: 20_000),
        ])
    }

    func testSignaturesPerCoreAndBothCores() throws {
        let s = size()
        let batch = try XCTUnwrap(Targets.signedVerify(s, mode: "batch", cores: 2))
        XCTAssertEqual(batch.met, true, batch.measured)
        XCTAssertTrue(batch.measured.contains("10,000/s per core"), batch.measured)
        XCTAssertTrue(batch.measured.contains("extra CPU / extra wall 3.00 (both cores)"), batch.measured)
        XCTAssertTrue(batch.measured.contains("6,666/s per CPU-second of the extra"), batch.measured)
        let event = try XCTUnwrap(Targets.signedVerify(s, mode: "event", cores: 2))
        XCTAssertEqual(event.met, false, event.measured)
        XCTAssertTrue(event.measured.contains("10,000/s per core"), event.measured)
        XCTAssertTrue(event.measured.contains("1.40 (not both cores)"), event.measured)
        // One core only: never "both cores".
        XCTAssertEqual(Targets.signedVerify(s, mode: "batch", cores: 1)?.met, false)
        // Fewer signatures a second per core than 10,000: not met, though both cores are used.
        var slow = s
        slow.results[1].signatures = 3_999
        XCTAssertEqual(Targets.signedVerify(slow, mode: "batch", cores: 2)?.met, false)
    }

    func testASignedVerifyNoSlowerThanTheUnsignedIsNotJudged() throws {
        var s = size()
        s.results[1].samples = [sample(0.95, cpu: 1.0)]
        let check = try XCTUnwrap(Targets.signedVerify(s, mode: "batch", cores: 2))
        XCTAssertNil(check.met)
        XCTAssertTrue(check.measured.contains("not measurable"), check.measured)
        // No ledger signed per event at this size: the row says why, unjudged.
        s.results[2] = BenchResult(key: "verify.signed-event", label: "verify, a signature per event", group: "ledger",
                                   note: "skipped: no ledger signed per event above 100,000 events")
        let skipped = try XCTUnwrap(Targets.signedVerify(s, mode: "event", cores: 2))
        XCTAssertNil(skipped.met)
        XCTAssertEqual(skipped.measured, "skipped: no ledger signed per event above 100,000 events")
        // Nothing asked at all: no row.
        s.results.removeLast()
        XCTAssertNil(Targets.signedVerify(s, mode: "event", cores: 2))
    }

    func signing(agent: Double, keyFile: Double) -> SigningReport {
        SigningReport(ledgerEvents: 13, appends: [
            BenchResult(key: "append.unsigned", label: "append reading, unsigned", group: "ledger", samples: [sample(0.004, cpu: 0.002)]),
            BenchResult(key: "append.agent", label: "append reading, signed through ssh-agent", group: "ledger", samples: [sample(agent, cpu: 0.002)]),
            BenchResult(key: "append.keyfile", label: "append reading, signed with the key file", group: "ledger", samples: [sample(keyFile, cpu: 0.005)]),
        ], checks: SignatureRates(count: 20_000, cores: 2, oneCoreSeconds: 1.0, allCoresSeconds: 1.25), notes: ["a note"])
    }

    func testSignedAppendRatiosAndChecksInProcess() {
        let checks = Targets.evaluate([size()], signing: signing(agent: 0.0059, keyFile: 0.0061), cores: 2)
        func verdict(_ prefix: String) -> Bool?? { checks.first { $0.target.hasPrefix(prefix) }.map(\.met) }
        // 5.9 ms against 4 ms is under 1.5x: met; 6.1 ms is not.
        XCTAssertEqual(verdict("signed append / unsigned, whole processes, through ssh-agent"), .some(true))
        XCTAssertEqual(verdict("signed append / unsigned, whole processes, with the key file"), .some(false))
        // 20,000 in 1 s on one core: met; in 1.25 s on two: 8,000/s per core, not met.
        XCTAssertEqual(verdict("Ed25519 ledger signature checks in process, one core"), .some(true))
        XCTAssertEqual(verdict("the same on all 2 cores, per core"), .some(false))
        XCTAssertEqual(verdict("verify of the ledger signed per batch"), .some(true))
        XCTAssertEqual(verdict("verify of the ledger signed per event"), .some(false))
        // The run-level rows come first, with no size.
        XCTAssertEqual(checks.first?.events, 13)
        XCTAssertEqual(checks.first { $0.target.hasPrefix("Ed25519") }?.events, 0)
    }

    func testTheMarkdownAndTheJSONCarryTheSigningMeasures() throws {
        let machine = MachineInfo(cpus: 2, cpuModel: "AMD EPYC", memoryMB: 24_000, kernel: "6.1", swift: "Swift version 6.3.1",
                                  sqlite: "3.40.1", ledgerLinkage: "static", date: "2026-12-02 04:00 UTC")
        let g = signing(agent: 0.006, keyFile: 0.012)
        let report = BenchReport(command: "ledger-bench run", machine: machine, sizes: [size()],
                                 targets: Targets.evaluate([size()], signing: g, cores: 2), signing: g)
        let text = ReportText.report(report)
        XCTAssertTrue(text.contains("## Signing: appends on a small ledger (13 events) and checks in process"), text)
        let lines = text.split(separator: "\n").map(String.init)
        let agent = try XCTUnwrap(lines.first { $0.hasPrefix("| append reading, signed through ssh-agent") })
        XCTAssertTrue(agent.contains("1.5x unsigned"), agent)
        let perEvent = try XCTUnwrap(lines.first { $0.hasPrefix("| verify, a signature per event") })
        XCTAssertTrue(perEvent.contains("20,000 signatures"), perEvent)
        XCTAssertTrue(perEvent.contains("CPU/wall 1.20"), perEvent)
        let targetRow = try XCTUnwrap(lines.first { $0.hasPrefix("| Ed25519 ledger signature checks in process, one core") && $0.contains("met") })
        XCTAssertTrue(targetRow.contains(" - |"), targetRow)

        let json = try JSONParser.parse(ReportJSON.render(report))
        XCTAssertEqual(json["signing"]?["ledger_events"], .number("13"))
        guard case .array(let appends)? = json["signing"]?["appends"] else { return XCTFail("no appends") }
        XCTAssertEqual(appends.count, 3)
        XCTAssertEqual(json["signing"]?["checks"]?["one_core_per_second"], .number("20000"))
        guard case .array(let sizes)? = json["sizes"], case .array(let results)? = sizes.first?["results"] else { return XCTFail("no results") }
        let event = try XCTUnwrap(results.first { $0["key"]?.stringValue == "verify.signed-event" })
        XCTAssertEqual(event["signatures"], .number("20000"))
        XCTAssertEqual(event["median_cpu_seconds"], .number("2.400000"))
    }

    func testTheAgentPidIsReadFromItsOutput() {
        let output = "SSH_AUTH_SOCK=/tmp/x/agent.sock; export SSH_AUTH_SOCK;\nSSH_AGENT_PID=48213; export SSH_AGENT_PID;\necho Agent pid 48213;\n"
        XCTAssertEqual(SignedAppendRun.agentPID(output), 48213)
        XCTAssertNil(SignedAppendRun.agentPID("SSH_AUTH_SOCK=/tmp/x; export SSH_AUTH_SOCK;\n"))
    }
}
