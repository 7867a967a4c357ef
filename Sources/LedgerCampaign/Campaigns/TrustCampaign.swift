// The trust campaign (issue 11): what someone can do with write access to
// the ledger's folder, or a clock, and no bug at all. Seeded cases of three
// classes against the built binary:
//
//   - Forged caches with valid internal checks, of every kind (a checkpoint
//     with a reading changed and its sections' SHA-256 recomputed, a kept
//     report with a digit changed and its check recomputed, a facts index
//     that claims the head while it lacks the last reading, links with two
//     records swapped: CacheForgery.swift), planted where another account
//     could have written them (the shared events/.cache/, or the account's
//     cache folder handed to another account), or in the account's own
//     folder. Checks: planted by another, they change no answer (the cache
//     oracle: every deterministic reader and a dry-run probe of second
//     readings print what a copy without caches prints); planted in the
//     account's own folder, `verify` (which reads no cache) prints what it
//     prints without caches, and a snapshot that took a forged figure never
//     passes `verify`. (The account trusts its own folder: there the oracle
//     does see forgeries change answers, a control counted in the report.)
//   - Symbolic links planted at every path the ledger writes (the journal,
//     events/, snapshots/, a snapshot file, the lock, a segment's and a torn
//     tail's name, the seal's old temporary name, every cache file), pointing
//     at a victim file (or at a path that does not exist yet). Checks: the
//     command succeeds or fails with exit 4 naming a symbolic link; the
//     victim keeps its bytes and a missing target is never created; a failed
//     command leaves the journal as it was.
//   - Clock overrides: LEDGER_CLOCK on a ledger not made with `init --demo`
//     (every command refused, exit 1, nothing written; `init` without
//     `--demo` too), and on a demonstration ledger clocks a little behind the
//     last event (recorded, the reading kept in `clock`), far behind
//     (refused), ahead (recorded), and out of the years a line holds
//     (refused). Checks: exit codes, the journal's bytes, and `verify --json`
//     listing exactly the events the journal shows under a skewed clock and
//     dated after this machine's clock.

import Foundation
import LedgerCore
import LedgerToolSupport

final class TrustCampaign: CampaignRun {
    let workspace: Workspace
    /// The base ledger's folder, its journal, its caches and what the cache
    /// oracle's probe asks (second readings of existing periods, the last
    /// reading's among them).
    private var base = ""
    private var baseJournal: [UInt8] = []
    private var baseCaches: [(String, [UInt8])] = []
    private var probe = CacheOracle.Probe(readings: [], corrections: [], indicator: nil)
    /// A facts index claiming the base's head while it lacks the last reading, and its links.
    private var forgedIndex: [UInt8] = []
    /// Indicators and their readings (period, value), for forged checkpoints.
    private var readings: [(String, Int)] = []

    init(_ config: CampaignConfig) {
        workspace = Workspace("trust", config)
    }

    func run() -> Report {
        report.declare("forged caches", "forged caches ignored", "forged caches in the account's own folder",
                       "control: own-folder forgeries that changed an answer", "forged figures in snapshots",
                       "forged figures accepted by verify", "symlinks planted", "symlinks followed", "clock cases", "clock cases handled",
                       "crashes", "hangs")
        do { try setUp() } catch {
            report.defect("setup", "\(error)")
            return report
        }
        var rng = SplitMix64(seed: config.seed, stream: 4242)
        let cases = max(3, config.trustCases)
        for i in 0..<cases {
            switch i % 3 {
            case 0: forgedCache(&rng, index: i)
            case 1: plantedLink(&rng, index: i)
            default: clock(&rng, index: i)
            }
            if i % 100 == 99 { workspace.log("\(i + 1) cases, \(report.defectCount) defects") }
        }
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    // MARK: The base ledger

    private func ok(_ dir: String, _ args: [String], clock: String) throws {
        let r = tool.run(args, ledger: dir, env: ["LEDGER_CLOCK": clock])
        guard r.code == 0 else { throw FileError(description: "`ledger \(args.joined(separator: " "))` failed: \(r.summary)") }
    }

    /// A demonstration ledger of 2017: five indicators with readings for
    /// January to June, a correction, 2,100 observations (so that reports
    /// leave checkpoints), a snapshot, and last a reading for July; its
    /// caches filled by every reader, `history` and a dry-run append.
    private func setUp() throws {
        base = workspace.path("base")
        try tool.initLedger(base, entity: "Trust campaign", clock: "2017-01-01T09:00:00Z")
        var month = 1
        func clock(_ day: Int) -> String { "2017-0\(month)-\(day < 10 ? "0" : "")\(day)T10:00:00Z" }
        for n in 1...5 {
            try ok(base, ["append", "indicator", "--id", "IND-\(n)", "--name", "Indicador \(n)", "--unit", "RECIBOS", "--year", "2017",
                          "--annual-target", "\(1200 * n)", "--plan", "POA 2017"], clock: clock(n))
        }
        for m in 1...6 {
            month = m + 1
            var csv = "type,indicator,period,value\n"
            for n in 1...5 {
                csv += "reading,IND-\(n),2017-0\(m),\(90 * n + m)\n"
                readings.append(("IND-\(n)", m))
            }
            try Files.write(workspace.path("month-\(m).csv"), csv)
            try ok(base, ["append", "--file", workspace.path("month-\(m).csv")], clock: clock(6))
        }
        try ok(base, ["append", "correction", "--indicator", "IND-2", "--period", "2017-02", "--value", "777", "--reason", "error de captura"],
               clock: clock(7))
        var notes = "type,indicator,period,text\n"
        for i in 0..<2100 { notes += "observation,IND-\(i % 5 + 1),2017-0\(i % 6 + 1),nota \(i)\n" }
        try Files.write(workspace.path("notes.csv"), notes)
        try ok(base, ["append", "--file", workspace.path("notes.csv")], clock: clock(8))
        try ok(base, ["snapshot", "2017-Q1", "--as-of", "2017-05-01"], clock: clock(9))
        // The last event: a reading, whose key a forged facts index will lack.
        let prefix = workspace.path("prefix")
        try Files.copyTree(base, prefix)
        try ok(base, ["append", "reading", "--indicator", "IND-1", "--period", "2017-07", "--value", "5"], clock: clock(10))
        readings.append(("IND-1", 7))
        baseJournal = try Files.read("\(base)/events/journal.jsonl")
        for reader in tool.availableReaders() where reader.deterministic {
            _ = tool.run(reader.arguments.map { $0 == "{indicator}" ? "IND-2" : $0 }, ledger: base, env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
        }
        _ = tool.run(["quarter", "2017-Q1"], ledger: base)
        _ = tool.run(["append", "reading", "--indicator", "IND-3", "--period", "2017-08", "--value", "1", "--dry-run"], ledger: base,
                     env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
        guard let folder = tool.cacheFolder(of: base) else { throw FileError(description: "the base ledger has no journal") }
        baseCaches = Files.regularFiles(under: folder).map { ($0, (try? Files.read("\(folder)/\($0)")) ?? []) }
        for kind in [CacheForgery.checkpointPrefix, CacheForgery.pinnedBlobPrefix, CacheForgery.factsIndexName] where
            !baseCaches.contains(where: { $0.0.hasPrefix(kind) }) {
            throw FileError(description: "no \(kind)* cache in \(folder), where FORMAT.md says the binary keeps them: \(baseCaches.map(\.0))")
        }
        // The prefix ledger's facts index (it never saw the last reading), made to claim the base's head.
        _ = tool.run(["append", "reading", "--indicator", "IND-3", "--period", "2017-08", "--value", "1", "--dry-run"], ledger: prefix,
                     env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
        guard let prefixFolder = tool.cacheFolder(of: prefix), let index = try? Files.read("\(prefixFolder)/\(CacheForgery.factsIndexName)"),
              let last = JournalLines(baseJournal).lines.last, let at = LineFields.string(last, key: "\"at\":\""),
              let time = Timestamp(parsing: at), let hash = Digest256(hex: last[(last.count - 66)..<(last.count - 2)]),
              let forged = CacheForgery.factsIndex(index, claiming: Int64(JournalLines(baseJournal).lines.count), offset: Int64(baseJournal.count),
                                                   at: time, hash: hash) else {
            throw FileError(description: "cannot forge a facts index from the prefix ledger")
        }
        forgedIndex = forged
        try? Files.removeTree(prefix)
        probe = CacheOracle.Probe(readings: [("IND-1", 7), ("IND-2", 2), ("IND-5", 6)], corrections: [("IND-4", 9)], indicator: "IND-2")
    }

    /// A fresh copy of the base ledger in `dir`, with the base's caches in its own cache folder.
    private func copyBase(_ dir: String) -> String? {
        try? Files.copyTree(base, dir)
        guard let folder = tool.cacheFolder(of: dir) else { return nil }
        try? Files.removeTree(folder)
        try? Files.makeDirectories(folder)
        chmod(folder, 0o700)
        for (name, bytes) in baseCaches { try? Files.write("\(folder)/\(name)", bytes, mode: 0o600) }
        return folder
    }

    // MARK: Forged caches

    enum Place: String, CaseIterable {
        case shared = "the shared events/.cache", foreign = "an account folder another account could write", own = "the account's own folder"
    }

    private func forgedCache(_ rng: inout SplitMix64, index: Int) {
        let work = workspace.path("forged")
        guard let folder = copyBase(work) else { return report.defect("setup", "no cache folder for \(work)") }
        let place = rng.pick(Place.allCases)
        let kinds = ["checkpoint", "kept report", "facts index", "links"]
        let kind = rng.pick(kinds)
        var forged: [(name: String, bytes: [UInt8])] = []
        switch kind {
        case "checkpoint":
            // Every checkpoint forged alike, so that whichever a command picks carries the forgery; mostly a first-quarter reading.
            let quarter = readings.filter { $0.1 <= 3 }
            let (id, m) = rng.chance(0.7) ? rng.pick(quarter) : rng.pick(readings)
            let value = DecimalNumber(rng.int(1...99_999))
            for (name, bytes) in baseCaches where name.hasPrefix(CacheForgery.checkpointPrefix) {
                if let f = CacheForgery.checkpoint(bytes, CacheForgery.setReading(id, Period.month(2017, m), to: value)) { forged.append((name, f)) }
            }
        case "kept report":
            let (name, bytes) = rng.pick(baseCaches.filter { $0.0.hasPrefix(CacheForgery.pinnedBlobPrefix) })
            // A digit of the output (past the header and key, before the trailing check) made another digit.
            let digits = (120..<max(120, bytes.count - 32)).filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
            if !digits.isEmpty {
                let at = rng.pick(digits)
                forged = [(name, CacheForgery.pinnedBlob(bytes, at: at, byte: UInt8(0x30 + (Int(bytes[at]) - 0x30 + rng.int(1...9)) % 10)))]
            }
        case "facts index":
            forged = [(CacheForgery.factsIndexName, forgedIndex)]
        default:
            let name = CacheForgery.factsIndexName + ".links"
            if var links = baseCaches.first(where: { $0.0 == name })?.1, links.count >= 64 {
                let records = links.count / 16
                let a = rng.int(0..<records), b = rng.int(0..<records)
                for k in 0..<16 { links.swapAt(a * 16 + k, b * 16 + k) }
                forged = [(name, links)]
            }
        }
        guard !forged.isEmpty else { return }
        report.add("forged caches")
        report.add("forged: \(kind) in \(place.rawValue)")
        switch place {
        case .shared:
            try? Files.makeDirectories("\(work)/events/.cache")
            for f in forged {
                try? Files.write("\(work)/events/.cache/\(f.name)", f.bytes)
                Files.remove("\(folder)/\(f.name)")
            }
        case .foreign, .own:
            for f in forged { try? Files.write("\(folder)/\(f.name)", f.bytes, mode: 0o600) }
            if place == .foreign {
                if geteuid() == 0 { chown(folder, 65534, 65534) } else { chmod(folder, 0o770) }
            }
        }
        let label = "forged \(kind) in \(place.rawValue)"
        if place != .own {
            let differences = CacheOracle(workspace: workspace).compare(ledger: work, probe: probe, label: "trust-\(index)")
            if differences.isEmpty {
                report.add("forged caches ignored")
            } else {
                let dir = workspace.keep("forged-cache", trees: [folder, "\(work)/events"], command: label, result: nil)
                for d in differences { report.defect("a forged cache changed an answer", "\(label): \(d)", reproducer: dir) }
            }
        } else {
            report.add("forged caches in the account's own folder")
            // The control: the account trusts its own folder, so there the same
            // forgeries may change answers; that they do shows the oracle would see it.
            if !CacheOracle(workspace: workspace).compare(ledger: work, probe: probe, label: "trust-own-\(index)").isEmpty {
                report.add("control: own-folder forgeries that changed an answer")
            }
            judgeOwn(work, label: label)
        }
        if geteuid() == 0 { chown(folder, geteuid(), getegid()) }
        chmod(folder, 0o700)
    }

    /// A forged cache in the account's own folder: `verify` (reading no
    /// cache) says what it says without caches, and a snapshot that took a
    /// forged figure fails it.
    private func judgeOwn(_ work: String, label: String) {
        let clean = workspace.path("forged-clean")
        try? Files.copyTree(base, clean)
        defer { try? Files.removeTree(clean) }
        let env = ["LEDGER_CLOCK": LedgerTool.fixedClock]
        let v = tool.run(["verify"], ledger: work, env: env, timeout: 120)
        let reference = tool.run(["verify"], ledger: clean, env: env, timeout: 120)
        if v.termination != reference.termination || normalized(v.out, work) != normalized(reference.out, clean) {
            report.defect("verify read a cache", "\(label): \(v.summary) / without caches: \(reference.summary)",
                          reproducer: workspace.keep("verify-read-a-cache", trees: ["\(work)/events"], command: "ledger verify", result: v))
        }
        // A snapshot as of the head (through the forged cache, if it is used), then verify.
        for dir in [work, clean] { try? Files.removeTree("\(dir)/snapshots"); try? Files.makeDirectories("\(dir)/snapshots") }
        let s = tool.run(["snapshot", "2017-Q1"], ledger: work, env: env, timeout: 120)
        let t = tool.run(["snapshot", "2017-Q1"], ledger: clean, env: env, timeout: 120)
        guard s.code == 0, t.code == 0 else {
            if s.isCrash || s.timedOut { report.defect("snapshot", "\(label): \(s.summary)") }
            return
        }
        let forgedFiles = Files.list("\(work)/snapshots").map { (try? Files.read("\(work)/snapshots/\($0)")) ?? [] }
        let trueFiles = Files.list("\(clean)/snapshots").map { (try? Files.read("\(clean)/snapshots/\($0)")) ?? [] }
        let tookForgery = forgedFiles != trueFiles
        if tookForgery { report.add("forged figures in snapshots") }
        let after = tool.run(["verify"], ledger: work, env: env, timeout: 120)
        if tookForgery && after.code == 0 {
            report.add("forged figures accepted by verify")
            report.defect("verify accepted a forged figure", "\(label): the snapshot took it and verify passed",
                          reproducer: workspace.keep("forged-figure-accepted", trees: ["\(work)/events", "\(work)/snapshots"], command: "ledger verify", result: after))
        } else if !tookForgery && after.code != 0 {
            report.defect("verify refused a true snapshot", "\(label): \(after.summary)")
        }
    }

    // MARK: Symbolic links

    /// Where a link is planted, and the commands that write there.
    enum LinkSite: String, CaseIterable {
        case journal = "events/journal.jsonl", events = "events", snapshots = "snapshots", snapshotFile = "a snapshot file",
             lock = "events/.lock", segmentName = "the next segment's name", tornName = "the torn tail's side file name",
             oldSealTemporary = "the seal's old temporary name", cacheFile = "a cache file", sharedCacheFile = "a file in events/.cache"
    }

    private func plantedLink(_ rng: inout SplitMix64, index: Int) {
        let work = workspace.path("links")
        guard let folder = copyBase(work) else { return report.defect("setup", "no cache folder for \(work)") }
        let victim = workspace.path("victim.txt")
        let victimBytes = Array("precious, not the ledger's \(index)\n".utf8)
        try? Files.write(victim, victimBytes)
        let missing = workspace.path("never-created-\(index)")
        Files.remove(missing)
        let site = rng.pick(LinkSite.allCases)
        let dangling = rng.chance(0.3)
        let target = dangling ? missing : victim
        var commands: [[String]] = []
        var planted = ""
        let events = "\(work)/events"
        switch site {
        case .journal:
            // The link points at a copy of the journal elsewhere, which would verify if followed.
            let elsewhere = workspace.path("elsewhere.jsonl")
            try? Files.write(elsewhere, baseJournal)
            Files.remove("\(events)/journal.jsonl")
            planted = "\(events)/journal.jsonl"
            symlink(dangling ? missing : elsewhere, planted)
            commands = [["append", "reading", "--indicator", "IND-4", "--period", "2017-09", "--value", "1"], ["seal", "--before", "2017-04-01"],
                        ["repair"], ["verify"]]
        case .events:
            let elsewhere = workspace.path("elsewhere-events")
            try? Files.copyTree(events, elsewhere)
            try? Files.removeTree(events)
            planted = events
            symlink(elsewhere, planted)
            commands = [["append", "reading", "--indicator", "IND-4", "--period", "2017-09", "--value", "1"], ["seal", "--before", "2017-04-01"]]
        case .snapshots:
            let elsewhere = workspace.path("elsewhere-snapshots")
            try? Files.removeTree(elsewhere)
            try? Files.makeDirectories(elsewhere)
            try? Files.removeTree("\(work)/snapshots")
            planted = "\(work)/snapshots"
            symlink(elsewhere, planted)
            commands = [["snapshot", "2017-Q2", "--as-of", "2017-07-01"]]
        case .snapshotFile:
            let files = Files.list("\(work)/snapshots")
            guard !files.isEmpty else { return }
            planted = "\(work)/snapshots/\(rng.pick(files))"
            Files.remove(planted)
            symlink(target, planted)
            commands = [["snapshot", "2017-Q1", "--as-of", "2017-05-01"], ["verify"]]
        case .lock:
            planted = "\(events)/.lock"
            Files.remove(planted)
            symlink(target, planted)
            commands = [["append", "reading", "--indicator", "IND-4", "--period", "2017-09", "--value", "1"], ["quarter", "2017-Q1"]]
        case .segmentName:
            planted = "\(events)/journal.000000001-000000015.jsonl"
            symlink(target, planted)
            commands = [["seal", "--before", "2017-04-01"], ["verify"]]
        case .tornName:
            // A torn tail at a known place: the side file's name is predictable.
            var torn = baseJournal
            let extra = Array(#"{"v":1,"seq":"#.utf8)
            torn += extra
            try? Files.write("\(events)/journal.jsonl", torn)
            let seq = JournalLines(baseJournal).lines.count + 1
            planted = "\(events)/journal.torn-\(seq)-at-byte-\(baseJournal.count)"
            symlink(target, planted)
            commands = [["repair"]]
        case .oldSealTemporary:
            planted = "\(events)/journal.000000001-000000015.jsonl.tmp"
            symlink(target, planted)
            commands = [["seal", "--before", "2017-04-01"]]
        case .cacheFile:
            let (name, _) = rng.pick(baseCaches)
            planted = "\(folder)/\(name)"
            Files.remove(planted)
            symlink(target, planted)
            commands = [["append", "reading", "--indicator", "IND-4", "--period", "2017-09", "--value", "1"], ["quarter", "2017-Q1"],
                        ["history", "IND-2"], ["status"]]
        case .sharedCacheFile:
            let (name, _) = rng.pick(baseCaches)
            try? Files.makeDirectories("\(events)/.cache")
            planted = "\(events)/.cache/\(name)"
            symlink(target, planted)
            Files.remove("\(folder)/\(name)")
            commands = [["append", "reading", "--indicator", "IND-4", "--period", "2017-09", "--value", "1"], ["quarter", "2017-Q1"],
                        ["history", "IND-2"]]
        }
        report.add("symlinks planted")
        report.add("planted: \(site.rawValue)")
        for command in commands {
            let journalBefore = (try? Files.read("\(events)/journal.jsonl")) ?? []
            let r = tool.run(command, ledger: work, env: ["LEDGER_CLOCK": "2017-09-15T10:00:00Z"], timeout: 60)
            var problems: [String] = []
            if r.isCrash || r.timedOut {
                report.add(r.isCrash ? "crashes" : "hangs")
                problems.append(r.summary)
            } else if r.code == 4 {
                if !r.err.contains("symbolic link") { problems.append("exit 4 without naming the link: \(r.err.prefix(200))") }
                if ((try? Files.read("\(events)/journal.jsonl")) ?? []) != journalBefore { problems.append("the journal changed on a failure") }
            } else if r.code != 0 {
                problems.append("exit \(r.code ?? -1): \(r.err.prefix(200))")
            }
            if ((try? Files.read(victim)) ?? []) != victimBytes { problems.append("the link's target was written through") }
            if Files.exists(missing) { problems.append("the link's missing target was created") }
            if !problems.isEmpty {
                report.add("symlinks followed")
                let dir = workspace.keep("symlink", trees: [events], command: "ledger \(command.joined(separator: " ")) with a link at \(site.rawValue)", result: r)
                for p in problems { report.defect("a planted link at \(site.rawValue)", "`ledger \(command.joined(separator: " "))`: \(p)", reproducer: dir) }
            }
        }
        try? Files.removeTree(work)
    }

    // MARK: Clocks

    private func clock(_ rng: inout SplitMix64, index: Int) {
        if rng.chance(0.35) { realLedgerClock(&rng) } else { demoLedgerClocks(&rng, index: index) }
    }

    private func handled(_ label: String, _ problems: [String], _ r: CapturedProcess?, trees: [String]) {
        report.add("clock cases")
        if problems.isEmpty {
            report.add("clock cases handled")
            return
        }
        let dir = workspace.keep("clock", trees: trees, command: label, result: r)
        for p in problems { report.defect("clock: \(label)", p, reproducer: dir) }
    }

    /// LEDGER_CLOCK on a ledger made on the system clock: every command refused, nothing written.
    private func realLedgerClock(_ rng: inout SplitMix64) {
        let real = workspace.path("real")
        if !Files.exists("\(real)/events/journal.jsonl") {
            try? Files.removeTree(real)
            guard (try? tool.initLedger(real, entity: "Real ledger", demo: false)) != nil else { return report.defect("setup", "init of a real ledger") }
            _ = tool.run(["append", "indicator", "--id", "MED", "--name", "M", "--unit", "U", "--year", "2017", "--annual-target", "12"], ledger: real)
        }
        let clock = rng.pick(["2017-02-06T10:00:00-06:00", "2099-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "9999-12-31T23:00:00-05:00",
                              "2030-06-15T12:30:00.123456Z"])
        let commands: [[String]] = [["append", "reading", "--indicator", "MED", "--period", "2017-0\(rng.int(1...9))", "--value", "1"],
                                    ["append", "close", "--quarter", "2017-Q1"], ["seal", "--year", "2017"], ["snapshot", "2017-Q1"],
                                    ["quarter", "2017-Q1"], ["verify"], ["digest"], ["repair"], ["log"], ["export"]]
        let command = rng.pick(commands)
        let before = (try? Files.read("\(real)/events/journal.jsonl")) ?? []
        let r = tool.run(command, ledger: real, env: ["LEDGER_CLOCK": clock])
        var problems: [String] = []
        if r.code != 1 || !r.err.contains("init --demo") { problems.append("exit \(r.code ?? -1) where the clock override is refused: \(r.err.prefix(200))") }
        if ((try? Files.read("\(real)/events/journal.jsonl")) ?? []) != before { problems.append("the journal changed") }
        // And `init` with a clock but without --demo creates nothing.
        let fresh = workspace.path("fresh")
        try? Files.removeTree(fresh)
        try? Files.makeDirectories(fresh)
        let i = tool.run(["init", "--entity", "X"], ledger: fresh, env: ["LEDGER_CLOCK": clock])
        if i.code != 1 || Files.exists("\(fresh)/events/journal.jsonl") { problems.append("init with LEDGER_CLOCK and no --demo: \(i.summary)") }
        handled("LEDGER_CLOCK=\(clock) on a real ledger: \(command.joined(separator: " "))", problems, r, trees: ["\(real)/events"])
    }

    /// A run of clocks on a fresh demonstration ledger, then verify's lists against the journal.
    private func demoLedgerClocks(_ rng: inout SplitMix64, index: Int) {
        let demo = workspace.path("demo")
        try? Files.removeTree(demo)
        guard (try? tool.initLedger(demo, entity: "Demo", clock: "2017-01-02T08:00:00Z")) != nil else { return report.defect("setup", "init --demo") }
        let indicator = tool.run(["append", "indicator", "--id", "MED", "--name", "M", "--unit", "U", "--year", "2017", "--annual-target", "12"],
                                 ledger: demo, env: ["LEDGER_CLOCK": "2017-01-02T09:00:00Z"])
        guard indicator.code == 0 else { return report.defect("setup", indicator.summary) }
        /// The recorded time of the journal's last event, as written.
        func lastRecorded() -> Timestamp? {
            JournalLines((try? Files.read("\(demo)/events/journal.jsonl")) ?? []).lines.last
                .flatMap { LineFields.string($0, key: "\"at\":\"") }.flatMap(Timestamp.init(parsing:))
        }
        guard var last = lastRecorded() else { return report.defect("setup", "no recorded time in the demo ledger") }
        for step in 0..<rng.int(3...8) {
            let before = (try? Files.read("\(demo)/events/journal.jsonl")) ?? []
            let kind = rng.int(0..<5)
            let reading: Timestamp
            let text: String
            switch kind {
            case 0:  // a little behind (up to ten minutes)
                reading = Timestamp(microseconds: last.microseconds - Int64(rng.int(0...600_000_000)))
                text = reading.description
            case 1:  // far behind
                reading = Timestamp(microseconds: last.microseconds - Int64(rng.int(600_000_001...400_000_000_000)))
                text = reading.description
            case 2:  // ahead, up to years
                reading = Timestamp(microseconds: last.microseconds + Int64(rng.int(1...3_000_000_000_000_000)))
                text = reading.description
            case 3:  // out of the years a line holds
                text = rng.pick(["9999-12-31T23:00:00-05:00", "0000-06-01T00:00:00Z", "9999-12-31T23:59:59-00:01"])
                reading = Timestamp(parsing: text)!
            default:  // the last instant a line holds, or just after the last event
                reading = rng.chance(0.5) ? Timestamp(parsing: "9999-12-31T23:59:59.999999Z")! : last.next
                text = reading.description
            }
            let r = tool.run(["append", "observation", "--indicator", "MED", "--period", "2017-01", "--text", "paso \(step)"], ledger: demo,
                             env: ["LEDGER_CLOCK": text])
            let after = (try? Files.read("\(demo)/events/journal.jsonl")) ?? []
            var problems: [String] = []
            guard Timestamp(parsing: text) != nil else {
                // A time past year 9999 cannot even be written as LEDGER_CLOCK: a usage error.
                if r.code != 2 { problems.append("exit \(r.code ?? -1) for an unreadable LEDGER_CLOCK: \(r.err.prefix(200))") }
                if after != before { problems.append("the journal changed on a usage error") }
                handled("demo ledger, clock \(text)", problems, r, trees: ["\(demo)/events"])
                if !problems.isEmpty { return }
                continue
            }
            let expected = RecordedTime.decide(reading: reading, after: last)
            switch expected {
            case .at(let t), .behind(let t, _):
                if r.code != 0 { problems.append("refused a clock the rule records: \(r.summary)") }
                let line = JournalLines(after).lines.last ?? []
                if LineFields.string(line, key: "\"at\":\"") != t.description { problems.append("recorded at another time than \(t)") }
                let kept = LineFields.string(line, key: "\"clock\":\"")
                if case .behind(_, let c) = expected, kept != c.description { problems.append("the reading \(c) is not kept in `clock`") }
                if case .at = expected, kept != nil { problems.append("a `clock` field where the clock was not behind") }
                if r.code == 0, let written = lastRecorded() { last = written }
            case .tooFarBehind, .outOfRange:
                if r.code != 1 { problems.append("exit \(r.code ?? -1) where a refusal was due: \(r.err.prefix(200))") }
                if after != before { problems.append("the journal changed on a refusal") }
            }
            handled("demo ledger, clock \(text) after \(last)", problems, r, trees: ["\(demo)/events"])
            if !problems.isEmpty { return }
        }
        // verify lists exactly what the journal shows.
        let v = tool.run(["verify", "--json"], ledger: demo)
        var problems: [String] = []
        let lines = JournalLines((try? Files.read("\(demo)/events/journal.jsonl")) ?? []).lines
        let skewed = lines.compactMap { l -> Int64? in LineFields.string(l, key: "\"clock\":\"") == nil ? nil : LineFields(l).seq }
        let now = Timestamp(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        let ahead = lines.compactMap { l -> Int64? in
            guard let at = LineFields.string(l, key: "\"at\":\"").flatMap(Timestamp.init(parsing:)) else { return nil }
            return at.microseconds - now.microseconds > RecordedTime.tolerance ? LineFields(l).seq : nil
        }
        if let object = try? JSONSerialization.jsonObject(with: Data(v.stdout)) as? [String: Any] {
            let listedSkew = ((object["clock_behind"] as? [[String: Any]]) ?? []).compactMap { ($0["seq"] as? NSNumber)?.int64Value }
            let listedAhead = ((object["dated_after_now"] as? [[String: Any]]) ?? []).compactMap { ($0["seq"] as? NSNumber)?.int64Value }
            if listedSkew != skewed { problems.append("verify lists \(listedSkew) under a clock behind; the journal shows \(skewed)") }
            if listedAhead != ahead { problems.append("verify lists \(listedAhead) dated after now; the journal shows \(ahead)") }
            if object["demo"] as? Bool != true { problems.append("verify does not say the ledger is a demonstration") }
        } else {
            problems.append("verify --json: \(v.summary)")
        }
        handled("demo ledger: verify's lists", problems, v, trees: ["\(demo)/events"])
    }
}
