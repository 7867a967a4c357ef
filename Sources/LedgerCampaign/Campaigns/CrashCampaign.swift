// The crash campaign. Several writer threads each run `ledger append`
// processes (single events and batch files of up to hundreds of rows), and
// a seeded share of them is SIGKILLed at a random instant within the
// append's expected run time: before the lock, mid-decide, mid-write (a
// torn batch), between write and fsync, during the facts index update.
// Writers that meet a torn tail run `ledger repair`, which may be killed
// too. A SIGKILL lands inside write(2) only now and then (the write of a
// batch takes microseconds), so before some rounds the campaign also
// writes what such a kill leaves: a valid, chained batch cut at a random
// byte. After each round:
//   - `verify` passes, after at most one `ledger repair`;
//   - every acknowledged (seq, hash) (exit 0 and a printed receipt) is in
//     the journal: lost must be 0;
//   - every batch file is wholly present or wholly absent;
//   - the caches the kills left give the same answers as no caches at all
//     (a dry-run batch and verify each round, the whole reader mix every tenth).

import Foundation
import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

final class CrashCampaign: CampaignRun {
    let workspace: Workspace
    private var ledger = ""
    private var ledgerNumber = 0
    /// Every acknowledged event of the current ledger: seq -> hash.
    private var acknowledged: [Int64: String] = [:]
    private var writers: [Writer] = []
    /// How long a seal takes (a moving average), to aim kills inside it.
    private var sealSeconds = 0.05
    /// Events in the current ledger that no receipt acknowledged (killed after their write), as last reported.
    private var unacknowledgedReported = 0

    enum BatchOutcome { case acknowledged, killed, failed }

    /// One writer thread's state, kept across rounds.
    final class Writer {
        let workload: WriterWorkload
        /// Expected run time per kind of append (a moving average), to aim kills inside it.
        var expected: [Operation.Kind: Double] = [:]
        var receipts: [(Int64, String)] = []
        var batches: [(name: String, rows: Int, outcome: BatchOutcome)] = []
        init(_ workload: WriterWorkload) { self.workload = workload }
    }

    init(_ config: CampaignConfig) {
        workspace = Workspace("crash", config)
    }

    func run() -> Report {
        report.declare("rounds", "appends started", "kill attempts", "kills aimed at the write", "kills", "kills of batch appends", "kills of repair",
                       "acknowledged appends", "acknowledged events", "torn writes injected", "torn tails moved aside", "torn bytes moved aside",
                       "appends refused for a torn tail", "seals started", "kills of seal", "round-end repairs", "batches acknowledged", "killed batches present whole",
                       "killed batches absent", "half-present batches", "lost", "events present without acknowledgement",
                       "cache checks", "cache checks with the reader mix", "cache mismatches")
        do { try newLedger() } catch {
            report.defect("setup", "\(error)")
            return report
        }
        for round in 1...max(1, config.rounds) {
            runRound(round)
            checkRound(round)
            report.add("rounds")
            workspace.log("round \(round): kills \(report["kills"]), acknowledged \(report["acknowledged events"]), lost \(report["lost"])")
        }
        let missing = tool.missingReaders()
        if !missing.isEmpty { report.note("reader commands not in this build, skipped in the cache checks: \(missing.joined(separator: ", "))") }
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    private func newLedger() throws {
        ledgerNumber += 1
        ledger = workspace.path("ledger-\(ledgerNumber)")
        try tool.initLedger(ledger, entity: "Crash campaign \(ledgerNumber)")
        acknowledged = [:]
        unacknowledgedReported = 0
        let files = workspace.path("files-\(ledgerNumber)")
        try? Files.makeDirectories(files)
        writers = (0..<max(1, config.writers)).map {
            Writer(WriterWorkload(writer: $0 + 1, seed: config.seed &+ UInt64(ledgerNumber) &* 7919, directory: files,
                                  maxBatchIndicators: config.maxBatchIndicators))
        }
    }

    // MARK: A round

    private func runRound(_ round: Int) {
        for w in writers {
            w.receipts = []
            w.batches = []
        }
        var rng = SplitMix64(seed: config.seed, stream: 2000 + UInt64(round))
        if rng.chance(0.3) { injectTornWrite(&rng) }
        if tool.has("seal") && rng.chance(0.25) { seal(&rng) }
        parallel(writers.count) { i in self.write(self.writers[i], round: round) }
    }

    private func write(_ w: Writer, round: Int) {
        for _ in 0..<max(1, config.operations) {
            let op = w.workload.next(round: round)
            let expected = w.expected[op.kind] ?? (op.kind == .batch ? 0.1 : 0.03)
            var killAt: Double?
            var killWhen: (() -> Bool)?
            if w.workload.rng.chance(config.killProbability) {
                if op.kind == .batch && w.workload.rng.chance(0.5) {
                    // Aim at the write itself: kill the moment the journal starts to grow.
                    let journal = "\(ledger)/events/journal.jsonl"
                    let size = CrashCampaign.size(journal)
                    killWhen = { CrashCampaign.size(journal) > size }
                    report.add("kills aimed at the write")
                } else {
                    killAt = w.workload.rng.double(0..<1.3) * expected
                }
            }
            report.add("appends started")
            let r = tool.run(op.arguments + ["--json"], ledger: ledger, timeout: 120, killAfter: killAt, killWhen: killWhen)
            if r.killedByUs && !r.timedOut { report.add("kill attempts") }
            if !r.killedByUs { w.expected[op.kind] = 0.7 * expected + 0.3 * r.seconds }
            switch r.termination {
            case .exited(0):
                guard let receipts = LedgerTool.receipts(r.out), receipts.count == op.events else {
                    report.defect("acknowledged without its receipts", "`ledger \(op.arguments.joined(separator: " "))` exited 0 but printed \(r.out.prefix(200))")
                    w.workload.abandoned(op)
                    continue
                }
                w.receipts += receipts
                w.workload.acknowledged(op)
                report.add("acknowledged appends")
                report.add("acknowledged events", receipts.count)
                if let name = op.batchName { w.batches.append((name, op.events, .acknowledged)) }
            case .signaled(SIGKILL) where r.killedByUs && !r.timedOut:
                report.add("kills")
                if let name = op.batchName {
                    report.add("kills of batch appends")
                    w.batches.append((name, op.events, .killed))
                }
                w.workload.abandoned(op)
            case .exited(3) where r.err.contains("ledger repair"):
                // Another writer's kill tore the tail: nothing was written; repair as an operator would.
                report.add("appends refused for a torn tail")
                if let name = op.batchName { w.batches.append((name, op.events, .failed)) }
                w.workload.abandoned(op)
                repair(w)
            default:
                let kind = r.timedOut ? "hang" : r.isCrash ? "crash" : "unexpected exit"
                let dir = workspace.keep(kind.replacingOccurrences(of: " ", with: "-"), files: op.batchName.map { ["\(w.workload.directory)/\($0)"] } ?? [],
                                         command: "ledger " + op.arguments.joined(separator: " "), result: r)
                report.defect(kind, "`ledger \(op.arguments.prefix(3).joined(separator: " ")) ...`: \(r.summary)", reproducer: dir)
                if let name = op.batchName { w.batches.append((name, op.events, .failed)) }
                w.workload.abandoned(op)
            }
        }
    }

    /// Appends what a kill inside write(2) leaves: the first bytes of a
    /// valid batch chained to the journal's head, cut before its end.
    private func injectTornWrite(_ rng: inout SplitMix64) {
        let path = "\(ledger)/events/journal.jsonl"
        let journal = JournalLines((try? Files.read(path)) ?? [])
        guard journal.fragment.isEmpty, let last = journal.lines.last, let seq = LineFields(last).seq,
              let hashHex = LineFields(last).hash, var previous = Digest256(hex: hashHex),
              let atText = LineFields.string(last, key: "\"at\":\""), var at = Timestamp(parsing: atText) else {
            return
        }
        let count = rng.int(1...6)
        var bytes: [UInt8] = []
        for i in 0..<count {
            at = at.next
            let pending = PendingEvent(.observationAdded(indicator: "W1-1", period: .month(2017, 1), text: "torn \(i)"))
            let (line, hash) = EventCodec.encode(seq: seq + 1 + Int64(i), at: at, actor: "campaign", osUser: "campaign",
                                                 pending: pending, more: count - 1 - i, previous: previous)
            bytes += line
            previous = hash
        }
        let cut = rng.int(1..<bytes.count)
        let fd = open(path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, cut) }
        close(fd)
        report.add("torn writes injected")
    }

    /// Seals the older part of the journal (`ledger seal --before` the time of
    /// an event half-way through the active file), killed half the time at a
    /// random instant: seal's own crash story (seal event, segment file, cut
    /// of the active file) meets the writers of the next round.
    private func seal(_ rng: inout SplitMix64) {
        let active = JournalLines((try? Files.read("\(ledger)/events/journal.jsonl")) ?? [])
        guard active.lines.count > 4, let at = LineFields.string(active.lines[active.lines.count / 2], key: "\"at\":\"") else { return }
        let killAt: Double? = rng.chance(0.5) ? rng.double(0..<1.2) * sealSeconds : nil
        let r = tool.run(["seal", "--before", at], ledger: ledger, timeout: 120, killAfter: killAt)
        report.add("seals started")
        switch r.termination {
        case .exited(0):
            sealSeconds = 0.7 * sealSeconds + 0.3 * r.seconds
        case .signaled(SIGKILL) where r.killedByUs && !r.timedOut:
            report.add("kills")
            report.add("kills of seal")
        case .exited(3) where r.err.contains("ledger repair"):
            // The previous round left a torn tail or an unfinished seal: repair, as an operator would.
            _ = tool.run(["repair"], ledger: ledger, timeout: 120)
        default:
            report.defect(r.isCrash ? "crash" : r.timedOut ? "hang" : "seal failed", r.summary,
                          reproducer: workspace.keep("seal", trees: ["\(ledger)/events"], command: "ledger seal --before \(at)", result: r))
        }
    }

    static func size(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    private func repair(_ w: Writer) {
        var killAt: Double?
        if w.workload.rng.chance(config.killProbability / 2) { killAt = w.workload.rng.double(0..<1) * (w.expected[.reading] ?? 0.03) }
        let r = tool.run(["repair"], ledger: ledger, timeout: 120, killAfter: killAt)
        if r.killedByUs && !r.timedOut { report.add("kill attempts") }
        switch r.termination {
        case .exited(0):
            countMoved(r)
        case .signaled(SIGKILL) where r.killedByUs && !r.timedOut:
            report.add("kills")
            report.add("kills of repair")
        default:
            report.defect("repair failed", r.summary, reproducer: workspace.keep("repair", command: "ledger repair", result: r))
        }
    }

    private func countMoved(_ r: CapturedProcess) {
        // "moved N bytes of an incomplete event to ..." or "moved K whole
        // events (...), N bytes in all, to ...": the only outputs that say a tail was torn.
        let patterns = [#"moved \d+ bytes of an incomplete event"#, #"\d+ bytes in all"#]
        if let range = patterns.lazy.compactMap({ r.out.range(of: $0, options: .regularExpression) }).first {
            let digits = r.out[range].split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? ""
            report.add("torn tails moved aside")
            report.add("torn bytes moved aside", Int(digits) ?? 0)
        }
    }

    // MARK: Checks

    private func checkRound(_ round: Int) {
        var v = tool.run(["verify"], ledger: ledger, timeout: 300)
        if v.code == 3 && v.err.contains("ledger repair") {
            let r = tool.run(["repair"], ledger: ledger, timeout: 300)
            report.add("round-end repairs")
            if r.code == 0 { countMoved(r) }
            v = tool.run(["verify"], ledger: ledger, timeout: 300)
        }
        if v.code != 0 {
            let dir = workspace.keep("verify", trees: ["\(ledger)/events"], command: "ledger verify (after at most one repair)", result: v)
            report.defect("journal does not verify after at most one repair", v.summary, reproducer: dir)
            try? newLedger()
            return
        }

        // Every acknowledged receipt is in the journal, and no seq was acknowledged twice.
        let summary = JournalSummary(ledger: ledger)
        let present = summary.hashes
        for w in writers {
            for (seq, hash) in w.receipts {
                if let earlier = acknowledged[seq], earlier != hash {
                    report.defect("two appends acknowledged the same seq", "seq \(seq): \(earlier) and \(hash)")
                }
                acknowledged[seq] = hash
            }
        }
        var lost = 0
        for (seq, hash) in acknowledged where present[seq] != hash {
            lost += 1
            if lost <= 5 { report.defect("acknowledged event lost", "seq \(seq) \(hash) is not in the journal after round \(round)") }
        }
        report.add("lost", lost)
        if lost > 0 { acknowledged = acknowledged.filter { present[$0.key] == $0.value } }

        // Every batch file is wholly present or wholly absent.
        var bySource: [String: Int] = [:]
        for e in summary.events {
            if let s = e.source, let colon = s.lastIndex(of: ":") { bySource[String(s[..<colon]), default: 0] += 1 }
        }
        for w in writers {
            for b in w.batches {
                let n = bySource[b.name] ?? 0
                switch (b.outcome, n) {
                case (.acknowledged, b.rows): report.add("batches acknowledged")
                case (.killed, b.rows): report.add("killed batches present whole")
                case (.killed, 0), (.failed, 0): report.add("killed batches absent")
                default:
                    report.add("half-present batches")
                    report.defect("batch half-present", "\(b.name): \(n) of \(b.rows) events in the journal (\(b.outcome))",
                                  reproducer: workspace.keep("half-batch", trees: ["\(ledger)/events"], command: "batch \(b.name)", result: nil))
                }
            }
        }
        let unacknowledged = max(0, summary.events.count - 1 - acknowledged.count)
        report.add("events present without acknowledgement", unacknowledged - unacknowledgedReported)
        unacknowledgedReported = unacknowledged

        // The caches the kills left answer as no caches would.
        var rng = SplitMix64(seed: config.seed, stream: 1000 + UInt64(round))
        let attempted = writers.flatMap(\.workload.attempted)
        let readings = writers.flatMap(\.workload.readings)
        let probe = CacheOracle.Probe(
            readings: (0..<min(30, attempted.count)).map { _ in rng.pick(attempted) },
            corrections: (0..<min(10, attempted.count)).map { _ in rng.pick(attempted) },
            indicator: readings.isEmpty ? nil : rng.pick(readings).0)
        // The whole reader mix every tenth round and the last: each reads the whole journal twice.
        let readers = round % 10 == 0 || round == config.rounds
        let differences = CacheOracle(workspace: workspace).compare(ledger: ledger, probe: probe, label: "r\(round)", readers: readers)
        report.add("cache checks")
        if readers { report.add("cache checks with the reader mix") }
        if !differences.isEmpty {
            report.add("cache mismatches")
            let dir = workspace.keep("cache", trees: ["\(ledger)/events"], command: "cache oracle after round \(round)", result: nil)
            report.defect("caches disagree with the journal", differences.joined(separator: "; "), reproducer: dir)
        }
    }
}

/// Runs `body(i)` for i in 0..<n on n threads at once and waits for all.
func parallel(_ n: Int, _ body: @escaping (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<n {
        group.enter()
        let thread = Thread {
            body(i)
            group.leave()
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
    group.wait()
}
