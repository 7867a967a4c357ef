// The concurrency campaign. Writer threads run `ledger append` processes
// (single events and batch files) while reader threads run the reader mix
// (verify, digest, log, and status, quarter, history, snapshot... where this
// build has them) in a loop, and a sealer runs `ledger seal --before` (a
// moment ago) now and then, so that readers meet seals in progress. Nothing
// is killed. Checks:
//   - every reader exits 0: a writer mid-append, or a seal moving events to
//     a segment file, never makes a reader fail (no false tamper alarm);
//   - every seal exits 0, and its event is acknowledged like an append's;
//   - every head a reader reports (digest, verify, status/quarter `head`, the
//     last event `log` lists) is in the final journal and ends a whole
//     batch: no reader ever saw a partial event or half a batch;
//   - `log` lists seqs 1..n without a gap;
//   - the final journal verifies without repair and holds exactly the
//     acknowledged events: none lost, none unacknowledged.

import Foundation
import LedgerToolSupport

final class ConcurrencyCampaign: CampaignRun {
    let workspace: Workspace
    private let lock = NSLock()
    private var indicators: [String] = []
    private var receipts: [(Int64, String)] = []
    /// Heads seen by readers: (seq, hash or nil when only the seq is known, which command).
    private var heads: [(Int64, String?, String)] = []
    private var writersLeft = 0
    /// The passed instant the snapshot reader takes its snapshots at (`{asof}`).
    private var snapshotAsOf = ""

    init(_ config: CampaignConfig) {
        workspace = Workspace("concurrency", config)
    }

    func run() -> Report {
        report.declare("rounds", "writer appends", "acknowledged events", "reader runs", "reader failures", "seals beside readers",
                       "seals that sealed something",
                       "heads observed by readers", "heads not in the final journal", "heads inside a batch",
                       "acknowledged events missing", "unacknowledged events in the journal")
        let ledger = workspace.path("ledger")
        do { try tool.initLedger(ledger, entity: "Concurrency campaign") } catch {
            report.defect("setup", "\(error)")
            return report
        }
        // Something for every reader to show from the start (a snapshot of an empty year is refused, rightly).
        for args in [["append", "indicator", "--id", "BASE", "--name", "Base", "--unit", "ACCIONES", "--year", "2017", "--annual-target", "12"],
                     ["append", "reading", "--indicator", "BASE", "--period", "2017-01", "--value", "1"]] {
            let r = tool.run(args, ledger: ledger)
            guard r.code == 0 else {
                report.defect("setup", "`ledger \(args.joined(separator: " "))`: \(r.summary)")
                return report
            }
        }
        indicators = ["BASE"]
        // The snapshot reader's T: now, after the setup's events and before any writer's.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        snapshotAsOf = formatter.string(from: Date())
        usleep(10_000)
        let files = workspace.path("files")
        try? Files.makeDirectories(files)
        let workloads = (0..<max(1, config.writers)).map {
            WriterWorkload(writer: $0 + 1, seed: config.seed, directory: files, maxBatchIndicators: max(1, config.maxBatchIndicators / 4))
        }
        let readers = tool.availableReaders()
        let missing = tool.missingReaders()
        if !missing.isEmpty { report.note("reader commands not in this build, skipped: \(missing.joined(separator: ", "))") }

        let sealer = tool.has("seal") ? 1 : 0
        if sealer == 0 { report.note("`ledger seal` is not in this build: no seals beside readers") }
        for round in 1...max(1, config.rounds) {
            writersLeft = workloads.count
            let readerCount = max(1, config.readers)
            parallel(workloads.count + readerCount + sealer) { i in
                if i < workloads.count {
                    self.write(workloads[i], round: round, ledger: ledger)
                    self.lock.lock()
                    self.writersLeft -= 1
                    self.lock.unlock()
                } else if i == workloads.count + readerCount {
                    var rng = SplitMix64(seed: self.config.seed, stream: UInt64(900 + round))
                    self.seal(ledger: ledger, rng: &rng)
                } else {
                    var rng = SplitMix64(seed: self.config.seed, stream: UInt64(500 + round * 100 + i))
                    self.read(readers, ledger: ledger, rng: &rng)
                }
            }
            report.add("rounds")
            workspace.log("round \(round): \(report["acknowledged events"]) acknowledged, \(report["reader runs"]) reader runs")
        }
        check(ledger)
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    private func write(_ workload: WriterWorkload, round: Int, ledger: String) {
        for _ in 0..<max(1, config.operations) {
            let op = workload.next(round: round)
            let r = tool.run(op.arguments + ["--json"], ledger: ledger, timeout: 120)
            report.add("writer appends")
            guard r.code == 0, let got = LedgerTool.receipts(r.out), got.count == op.events else {
                let dir = workspace.keep("writer", files: op.batchName.map { ["\(workload.directory)/\($0)"] } ?? [],
                                         command: "ledger " + op.arguments.joined(separator: " "), result: r)
                report.defect(r.isCrash ? "crash" : r.timedOut ? "hang" : "writer failed beside readers",
                              "`ledger \(op.arguments.prefix(3).joined(separator: " ")) ...`: \(r.summary)", reproducer: dir)
                workload.abandoned(op)
                continue
            }
            workload.acknowledged(op)
            report.add("acknowledged events", got.count)
            lock.lock()
            receipts += got
            indicators += op.defines
            lock.unlock()
        }
    }

    /// Seals what was recorded until a moment ago, every few tenths of a
    /// second, while the writers run.
    private func seal(ledger: String, rng: inout SplitMix64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        while true {
            lock.lock()
            let done = writersLeft == 0
            lock.unlock()
            if done { return }
            usleep(useconds_t(rng.int(100_000...400_000)))
            let before = formatter.string(from: Date(timeIntervalSinceNow: -0.05))
            let r = tool.run(["seal", "--before", before], ledger: ledger, timeout: 120)
            report.add("seals beside readers")
            guard r.code == 0 else {
                report.defect(r.isCrash ? "crash" : r.timedOut ? "hang" : "seal failed beside readers and writers",
                              "`ledger seal --before \(before)`: \(r.summary)",
                              reproducer: workspace.keep("seal", command: "ledger seal --before \(before)", result: r))
                continue
            }
            // A seal that sealed something prints its event's receipt, `SEQ HASH`, last.
            let last = r.out.split(separator: "\n").last.map { $0.split(separator: " ") } ?? []
            if last.count == 2, let seq = Int64(last[0]), last[1].count == 64 {
                report.add("seals that sealed something")
                lock.lock()
                receipts.append((seq, String(last[1])))
                lock.unlock()
            }
        }
    }

    private func read(_ readers: [ReaderCommand], ledger: String, rng: inout SplitMix64) {
        guard !readers.isEmpty else { return }
        while true {
            lock.lock()
            let done = writersLeft == 0
            let indicator = indicators.isEmpty ? nil : indicators[rng.int(0..<indicators.count)]
            lock.unlock()
            if done { return }
            let reader = rng.pick(readers)
            if (reader.arguments.contains("{indicator}") || reader.needsIndicators) && indicator == nil { continue }
            let arguments = reader.arguments.map { $0 == "{indicator}" ? indicator! : $0 == "{asof}" ? snapshotAsOf : $0 }
            let r = tool.run(arguments, ledger: ledger, timeout: 120)
            report.add("reader runs")
            report.add("reader runs: \(reader.name)")
            guard r.code == 0 else {
                report.add("reader failures")
                report.defect(r.isCrash ? "crash" : r.timedOut ? "hang" : "reader failed beside writers",
                              "`ledger \(arguments.joined(separator: " "))`: \(r.summary)",
                              reproducer: workspace.keep("reader", command: "ledger " + arguments.joined(separator: " "), result: r))
                continue
            }
            observe(reader.name, arguments, r)
        }
    }

    /// Records the head a reader reported, and checks what it printed is whole.
    private func observe(_ name: String, _ arguments: [String], _ r: CapturedProcess) {
        var seen: [(Int64, String?)] = []
        if name == "digest" || name == "verify" {
            if let h = LedgerTool.head(r.out) { seen.append((h.0, h.1)) } else {
                report.defect("reader output", "`ledger \(name)` printed no SEQ:HASH line: \(r.out.prefix(200))")
            }
        } else if arguments.contains("--json") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(r.stdout)) else {
                report.defect("reader printed invalid JSON", "`ledger \(arguments.joined(separator: " "))`: \(r.out.prefix(200))")
                return
            }
            if let dict = object as? [String: Any] {
                if let head = dict["head"] as? [String: Any], let seq = (head["seq"] as? NSNumber)?.int64Value {
                    seen.append((seq, head["hash"] as? String))
                }
                if name == "log", let events = dict["events"] as? [[String: Any]] {
                    let seqs = events.compactMap { ($0["seq"] as? NSNumber)?.int64Value }
                    if !seqs.isEmpty && seqs != Array(1...Int64(seqs.count)) {
                        report.defect("log skipped or repeated an event", "seqs \(seqs.prefix(5))...\(seqs.suffix(5))")
                    }
                    if let last = seqs.last { seen.append((last, nil)) }
                }
            }
        }
        lock.lock()
        heads += seen.map { ($0.0, $0.1, name) }
        lock.unlock()
    }

    private func check(_ ledger: String) {
        let v = tool.run(["verify"], ledger: ledger, timeout: 300)
        if v.code != 0 {
            report.defect("journal does not verify after concurrent appends", v.summary,
                          reproducer: workspace.keep("verify", trees: ["\(ledger)/events"], command: "ledger verify", result: v))
        }
        let summary = JournalSummary(ledger: ledger)
        let present = summary.hashes
        var more: [Int64: Int] = [:]
        for e in summary.events { if let s = e.seq { more[s] = e.more } }
        var acknowledged: [Int64: String] = [:]
        for (seq, hash) in receipts {
            if acknowledged[seq] != nil { report.defect("two appends acknowledged the same seq", "seq \(seq)") }
            acknowledged[seq] = hash
            if present[seq] != hash { report.add("acknowledged events missing") }
        }
        for (seq, _) in present where seq > 3 && acknowledged[seq] == nil { report.add("unacknowledged events in the journal") }
        if report["acknowledged events missing"] > 0 {
            report.defect("acknowledged event lost", "\(report["acknowledged events missing"]) acknowledged events are not in the journal")
        }
        if report["unacknowledged events in the journal"] > 0 {
            report.defect("journal holds events nobody acknowledged", "\(report["unacknowledged events in the journal"]) events")
        }
        for (seq, hash, name) in heads {
            report.add("heads observed by readers")
            if let hash, present[seq] != hash {
                report.add("heads not in the final journal")
                report.defect("a reader saw a head that is not in the journal", "\(name): \(seq):\(hash)")
            } else if present[seq] == nil && seq > 0 {
                report.add("heads not in the final journal")
                report.defect("a reader saw a head that is not in the journal", "\(name): seq \(seq)")
            } else if let m = more[seq], m != 0 {
                report.add("heads inside a batch")
                report.defect("a reader saw half a batch", "\(name): head at seq \(seq), which has \(m) more events in its batch")
            }
        }
    }
}
