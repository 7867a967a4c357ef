// The bench's table and JSON, from made-up results: medians, ratios to the
// floor and to SQLite, throughput, skipped rows, and the targets' verdicts.

import XCTest
import LedgerCore
@testable import LedgerBench

final class ReportTests: XCTestCase {
    func sample(_ seconds: Double, rss: Int = 8_000) -> ProcessSample {
        ProcessSample(wall: seconds, maxRSSKB: rss, user: 0, system: 0, status: 0)
    }

    func size() -> SizeReport {
        let ledger = GeneratedLedger(events: 10_000, seed: 42, generatorVersion: 1, bodies: 9, indicators: 756, firstYear: 2016,
                                     lastYear: 2017, counts: [("ledger_opened", 1), ("reading_recorded", 9_999)],
                                     firstAt: Timestamp(microseconds: 0), lastAt: Timestamp(microseconds: 1),
                                     reportQuarter: "2017-Q3", busiestIndicator: "OA001-028-2016", journalBytes: 4_359_625,
                                     head: "10000:abc", batches: 484, actors: 44)
        return SizeReport(ledger: ledger, results: [
            BenchResult(key: "append", label: "append reading (one process)", group: "ledger",
                        samples: [sample(0.004), sample(0.003), sample(0.005)], floorKey: "floor.fsync-process", sqliteKey: "sqlite.insert.wal"),
            BenchResult(key: "verify", label: "verify", group: "ledger", samples: [sample(0.01), sample(0.02)],
                        events: 10_000, bytes: 4_359_625, floorKey: "floor.sha256sum"),
            BenchResult(key: "snapshot", label: "snapshot", group: "ledger", note: "skipped: absent"),
            BenchResult(key: "sqlite.insert.wal", label: "sqlite3 insert", group: "sqlite", samples: [sample(0.008)]),
            BenchResult(key: "floor.fsync-process", label: "floor: fsync", group: "floor", samples: [sample(0.002)]),
            BenchResult(key: "floor.sha256sum", label: "floor: sha256sum", group: "floor", samples: [sample(0.005)]),
            BenchResult(key: "floor.openssl", label: "floor: openssl", group: "floor", samples: [sample(0.006)]),
        ], crossChecks: ["cross-check: fine"])
    }

    func testMediansRatiosAndThroughput() {
        let s = size()
        XCTAssertEqual(s.result("append")?.median, 0.004)
        XCTAssertEqual(s.result("verify")?.median ?? 0, 0.015, accuracy: 1e-12)
        XCTAssertEqual(s.ratio("append", to: "floor.fsync-process") ?? 0, 2, accuracy: 1e-12)
        XCTAssertEqual(s.ratio("append", to: "sqlite.insert.wal") ?? 0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(s.result("verify")?.eventsPerSecond ?? 0, 666_666.67, accuracy: 0.01)
        XCTAssertNil(s.result("snapshot")?.median)
    }

    func testTheTable() {
        let text = ReportText.table(size())
        XCTAssertTrue(text.hasPrefix("## 10,000 events: journal 4.4 MB, 9 bodies, 756 indicators, 2016-2017, 44 actors, 484 batches\n"), text)
        let lines = text.split(separator: "\n").map(String.init)
        let append = try! XCTUnwrap(lines.first { $0.hasPrefix("| append reading") })
        XCTAssertTrue(append.contains("4.00 ms"), append)
        XCTAssertTrue(append.contains("| 3 |") || append.contains(" 3 |"), append)
        XCTAssertTrue(append.contains("2.0x fsync-process"), append)
        XCTAssertTrue(append.contains("0.50x insert.wal"), append)
        XCTAssertTrue(append.contains("8.2 MB"), append)
        let verify = try! XCTUnwrap(lines.first { $0.hasPrefix("| verify") })
        XCTAssertTrue(verify.contains("667k/s events, 291 MB/s"), verify)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| snapshot") && $0.contains("skipped") })
        XCTAssertTrue(text.contains("- cross-check: fine"))
        // Every row of the Markdown table has the same number of cells.
        let rows = lines.filter { $0.hasPrefix("|") }
        XCTAssertEqual(Set(rows.map { $0.filter { $0 == "|" }.count }).count, 1)
    }

    func testTheJSONParsesAndCarriesTheFigures() throws {
        let machine = MachineInfo(cpus: 2, cpuModel: "AMD EPYC", memoryMB: 24_000, kernel: "6.1", swift: "Swift version 6.3.1",
                                  sqlite: "3.40.1", ledgerLinkage: "static", date: "2026-11-23 12:00 UTC")
        let s = size()
        let report = BenchReport(command: "ledger-bench run --sizes 10000", machine: machine, sizes: [s], targets: Targets.evaluate([s]))
        let json = try JSONParser.parse(ReportJSON.render(report))
        XCTAssertEqual(json["command"]?.stringValue, "ledger-bench run --sizes 10000")
        guard case .array(let sizes)? = json["sizes"], case .array(let results)? = sizes.first?["results"] else { return XCTFail("no results") }
        XCTAssertEqual(results.count, 7)
        let append = try XCTUnwrap(results.first { $0["key"]?.stringValue == "append" })
        XCTAssertEqual(append["median_seconds"], .number("0.004000"))
        XCTAssertEqual(append["ratio_to_floor"], .number("2.000"))
        XCTAssertEqual(append["ratio_to_sqlite"], .number("0.500"))
        XCTAssertEqual(append["peak_rss_kb"], .number("8000"))
        let snapshot = try XCTUnwrap(results.first { $0["key"]?.stringValue == "snapshot" })
        XCTAssertEqual(snapshot["median_seconds"], .null)
        guard case .array(let targets)? = json["targets"] else { return XCTFail("no targets") }
        let verdicts = targets.compactMap { t -> (String, JSONValue)? in
            guard let name = t["target"]?.stringValue, let met = t["met"] else { return nil }
            return (name, met)
        }
        // 4.00 ms is exactly 2x the 2.00 ms floor (met), and half SQLite's insert (met); verify's 15 ms is 2.5x openssl's 6 ms (not met).
        XCTAssertEqual(verdicts.first { $0.0.hasPrefix("append <= 2x") }?.1, .bool(true))
        XCTAssertEqual(verdicts.first { $0.0.hasPrefix("append faster") }?.1, .bool(true))
        XCTAssertEqual(verdicts.first { $0.0.hasPrefix("verify") }?.1, .bool(false))
        // Nothing measured, nothing judged: no static build, no quarter in this run.
        XCTAssertNil(verdicts.first { $0.0.contains("static-swift-stdlib") })
        XCTAssertNil(verdicts.first { $0.0.hasPrefix("quarter from") })
    }

    func testNumberFormats() {
        XCTAssertEqual(Format.fixed(1.005, 1), "1.0")
        XCTAssertEqual(Format.fixed(2.5, 0), "3")
        XCTAssertEqual(Format.fixed(-0.25, 1), "-0.3")
        XCTAssertEqual(Format.seconds(0.000842), "842 us")
        XCTAssertEqual(Format.seconds(0.00321), "3.21 ms")
        XCTAssertEqual(Format.seconds(0.0456), "45.6 ms")
        XCTAssertEqual(Format.seconds(0.312), "312 ms")
        XCTAssertEqual(Format.seconds(1.234), "1.23 s")
        XCTAssertEqual(Format.seconds(14.24), "14.2 s")
        XCTAssertEqual(Format.ratio(0.4249), "0.42x")
        XCTAssertEqual(Format.ratio(1.94), "1.9x")
        XCTAssertEqual(Format.ratio(37.4), "37x")
        XCTAssertEqual(Format.grouped(1_000_000), "1,000,000")
        XCTAssertEqual(Format.grouped(999), "999")
        XCTAssertEqual(Format.rate(1_234_000), "1.23M/s")
        XCTAssertEqual(Format.megabytes(kilobytes: 8_000), "8.2 MB")
    }

    func testTheBatchWorkloadHasExactlyTheRowsAsked() {
        let (csv, sql) = Workloads.batch(year: 2030, rows: 10_000)
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(lines.count, 10_001)
        XCTAssertEqual(String(lines[0]), Workloads.batchHeader)
        XCTAssertTrue(sql.hasPrefix("PRAGMA synchronous=FULL;\nBEGIN;\n"))
        XCTAssertTrue(sql.hasSuffix("COMMIT;\n"))
        XCTAssertEqual(Workloads.quarterReported(at: Timestamp(year: 2019, month: 4, day: 10)), .quarter(2019, 1))
        XCTAssertEqual(Workloads.quarterReported(at: Timestamp(year: 2019, month: 2, day: 1)), .quarter(2018, 4))
    }
}
