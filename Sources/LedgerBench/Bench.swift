// `ledger-bench run`: for each size, a generated ledger (cached under
// /tmp/ledger-bench/, keyed by size, seed and generator version), then
// whole-process timings of the real `ledger` binary, of `sqlite3` on the
// same data, and of this machine's floors. Medians over repeated runs after
// one untimed warm-up (so the page cache holds the files: these are warm-
// cache figures; "cold" means without checkpoints, not without page cache).

import LedgerCore
import LedgerStore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

public struct BenchConfig: Sendable {
    public var sizes = [10_000, 100_000, 1_000_000]
    public var seed: UInt64 = 42
    public var cache = "/tmp/ledger-bench"
    public var json: String?
    /// Where to write the targets and the full tables as Markdown.
    public var markdown: String?
    /// Timed runs per measure; nil: 7 below 1M events, 5 at 1M, 3 for anything over 2 s.
    public var runs: Int?
    public var ledgerBinary: String?
    /// The same code built with `--static-swift-stdlib` (the README's build is
    /// `ledgerBinary`): start and append measured side by side, when given.
    public var staticBinary: String?
    public var sqlite = true
    /// The largest size that gets a ledger signed per event too (issue 15):
    /// at 1M, its 500,000 signed appends take 5 to 6 minutes to generate
    /// here (each asks the facts index for its signer alone; folding every
    /// member for each append took over an hour).
    public var perEventUpTo = 1_000_000
    /// Whether to time the signed appends and the signature checks (issue 12).
    public var signing = true
    public var commandLine = "ledger-bench run"
    public init() {}
}

final class Bench {
    let config: BenchConfig
    var ledgerBinary = ""
    var floors: (trivial: String, fsync: String, measure: String) = ("", "", "")
    var sqlite = false
    var hasSnapshot = false

    init(_ config: BenchConfig) { self.config = config }

    func run() throws -> Int32 {
        try Files.makeDirectories(config.cache)
        ledgerBinary = try locateLedger()
        let machine = try machineInfo()
        sqlite = config.sqlite && ensureSQLite()
        floors = try Floors.build(in: config.cache + "/floors")
        Spawn.helper = floors.measure
        let help = (try? Spawn.output([ledgerBinary, "help"])) ?? ""
        hasSnapshot = help.split(separator: "\n").contains { $0.droppingLeading(" ").hasPrefix("snapshot") }
        print(ReportText.machine(machine, command: config.commandLine))
        var signing: SigningReport?
        if config.signing {
            Console.error("ledger-bench: signed appends against unsigned, on small ledgers")
            let report = try SignedAppendRun(bench: self).run()
            print(ReportText.signingTable(report))
            signing = report
        }
        var sizes: [SizeReport] = []
        for n in config.sizes {
            let report = try SizeRun(bench: self, events: n).run()
            print(ReportText.table(report))
            sizes.append(report)
        }
        let report = BenchReport(command: config.commandLine, machine: machine, sizes: sizes,
                                 targets: Targets.evaluate(sizes, signing: signing, cores: machine.cpus), signing: signing)
        print("## Targets (issues 15, 12 and 6)\n")
        print(ReportText.targets(report.targets))
        try Files.write(config.cache + "/latest.md", ReportText.report(report))
        if let json = config.json { try Files.write(json, ReportJSON.render(report)) }
        if let markdown = config.markdown { try Files.write(markdown, ReportText.report(report)) }
        return 0
    }

    /// The `ledger` next to this executable (same build), unless given.
    func locateLedger() throws -> String {
        if let b = config.ledgerBinary { return b }
        guard let me = Files.selfExecutable(), let slash = me.lastIndex(of: "/") else {
            throw BenchError.failed("cannot find this executable's directory; pass --ledger-binary PATH")
        }
        let candidate = String(me[..<slash]) + "/ledger"
        guard Files.exists(candidate) else {
            throw BenchError.failed("\(candidate) does not exist; build both with `swift build -c release --static-swift-stdlib` first")
        }
        return candidate
    }

    func machineInfo() throws -> MachineInfo {
        let cpuinfo = Files.readText("/proc/cpuinfo") ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").droppingLeading(" ") } ?? "unknown"
        let meminfo = Files.readText("/proc/meminfo") ?? ""
        let memKB = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var u = utsname()
        uname(&u)
        let kernel = withUnsafePointer(to: u.release) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
        let swift = ((try? Spawn.output(["swift", "--version"])) ?? "").split(separator: "\n").first { $0.contains("Swift version") }.map(String.init) ?? "unknown"
        let sqlite = ((try? Spawn.output(["sqlite3", "--version"])) ?? "").split(separator: " ").first.map(String.init) ?? "absent"
        let ldd = (try? Spawn.output(["ldd", ledgerBinary])) ?? ""
        let linkage = ldd.contains("libswiftCore") ? "dynamic Swift runtime (libswiftCore.so): build with --static-swift-stdlib"
            : "static Swift stdlib (ldd lists no libswift*.so)"
        return MachineInfo(cpus: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), cpuModel: model, memoryMB: memKB / 1024, kernel: kernel,
                           swift: swift, sqlite: sqlite, ledgerLinkage: linkage, date: utcDate())
    }

    /// Whether two builds are the same program: identical bytes, or how they differ.
    static func sameBuild(_ a: String, _ b: String) -> String {
        let x = try? Files.read(a), y = try? Files.read(b)
        if let x, let y, x == y { return "the README's build (\(a)) and the --static-swift-stdlib build are the same bytes (\(x.count) B)" }
        func linkage(_ path: String) -> String {
            ((try? Spawn.output(["ldd", path])) ?? "").contains("libswiftCore") ? "dynamic Swift runtime" : "static Swift runtime"
        }
        return "the README's build: \(x?.count ?? 0) B, \(linkage(a)); the --static-swift-stdlib build: \(y?.count ?? 0) B, \(linkage(b))"
    }

    /// sqlite3 on PATH, or installed from Debian's packages; false (and
    /// SQLite columns left empty) when neither works.
    func ensureSQLite() -> Bool {
        if (try? Spawn.check(["sqlite3", "--version"])) != nil { return true }
        Console.error("ledger-bench: sqlite3 is missing; installing it with apt-get install -y sqlite3")
        _ = try? Spawn.check(["apt-get", "install", "-y", "sqlite3"])
        if (try? Spawn.check(["sqlite3", "--version"])) != nil { return true }
        Console.error("ledger-bench: sqlite3 could not be installed; SQLite comparisons are skipped")
        return false
    }
}

extension Bench {
    /// Measures `cases` together: warm-ups first, then run i of every case
    /// before run i + 1 of any, so that cases compared with each other see
    /// the same machine (the disk's fsync latency and the neighbours' load
    /// drift over seconds on these shared machines). A case without its own
    /// number of runs gets `standard(slowest warm-up of such cases)`;
    /// `forcedRuns` (--runs) overrides both.
    static func interleave(_ cases: [Case], forcedRuns: Int?, standard: (Double) -> Int) -> [BenchResult] {
        var cases = cases
        var slowest = 0.0
        for c in cases.indices {
            do {
                for w in 0..<cases[c].warmups {
                    let wall = try cases[c].body(w).wall
                    if cases[c].runs == nil { slowest = max(slowest, wall) }
                }
            } catch {
                cases[c].result.note = "failed: \(error)"
            }
        }
        let usual = standard(slowest)
        let runs = cases.map { forcedRuns ?? $0.runs ?? usual }
        for i in 0..<(runs.max() ?? 0) {
            for c in cases.indices where i < runs[c] && cases[c].result.note == nil {
                do {
                    cases[c].result.samples.append(try cases[c].body(cases[c].warmups + i))
                } catch {
                    cases[c].result.samples = []
                    cases[c].result.note = "failed: \(error)"
                }
            }
        }
        return cases.map(\.result)
    }
}

/// One thing to measure: a result to fill, and how to run it once.
struct Case {
    var result: BenchResult
    var warmups = 1
    /// Timed runs; nil: the size's default.
    var runs: Int?
    /// Runs it once (the argument counts runs, warm-ups first).
    var body: (Int) throws -> ProcessSample
}

/// Everything measured for one ledger size.
final class SizeRun {
    let bench: Bench
    let events: Int
    let directory: String
    let ledgerDir: String
    let journal: String
    let scratch: String
    let batchDir: String
    let sqliteDir: String
    var db: String { sqliteDir + "/ledger.db" }
    var ledger: GeneratedLedger!
    var results: [BenchResult] = []
    var crossChecks: [String] = []
    var generationSeconds: Double?
    var sqliteLoadSeconds: Double?
    var slot = 0
    var batchBytes: Int64 = 0

    init(bench: Bench, events: Int) {
        self.bench = bench
        self.events = events
        directory = bench.config.cache + "/ledger-\(events)-seed\(bench.config.seed)-g\(Generator.version)"
        ledgerDir = directory + "/ledger"
        journal = ledgerDir + "/events/journal.jsonl"
        scratch = directory + "/scratch"
        batchDir = directory + "/scratch-batch"
        sqliteDir = directory + "/sqlite"
    }

    var config: BenchConfig { bench.config }

    func ledgerCommand(_ dir: String, _ args: [String]) -> [String] { [bench.ledgerBinary, "--ledger", dir] + args }

    // MARK: Measuring

    /// A whole process: `argv` after `prepare`, stdout to /dev/null; a
    /// non-zero exit is an error that names the command and its stderr.
    func process(_ key: String, _ label: String, group: String = "ledger", floor: String? = nil, sqlite: String? = nil,
                 events: Int? = nil, bytes: Int64? = nil, signatures: Int? = nil, warmups: Int = 1, runs: Int? = nil,
                 prepare: @escaping (Int) throws -> Void = { _ in }, stdin: String = "/dev/null",
                 _ argv: @escaping (Int) -> [String]) -> Case {
        let errPath = directory + "/stderr.txt"
        return Case(result: BenchResult(key: key, label: label, group: group, events: events, bytes: bytes, floorKey: floor, sqliteKey: sqlite,
                                        signatures: signatures),
                    warmups: warmups, runs: runs) { i in
            try prepare(i)
            let args = argv(i)
            let s = try Spawn.measured(args, redirects: Redirects(stdin: stdin, stdout: "/dev/null", stderr: errPath))
            guard s.status == 0 else {
                throw BenchError.failed("\(args.joined(separator: " ").prefix(300)) exited \(s.status): \((Files.readText(errPath) ?? "").prefix(400))")
            }
            return s
        }
    }

    /// Measures `cases` together (Bench.interleave), with this size's
    /// standard number of runs; logs each median.
    func measure(_ cases: [Case]) {
        let measured = Bench.interleave(cases, forcedRuns: config.runs) { slowest in
            slowest > 2 ? 3 : self.events >= 1_000_000 ? 5 : 7
        }
        for r in measured {
            results.append(r)
            let shown = r.median.map { Format.seconds($0) + " (\(r.samples.count) runs)" } ?? (r.note ?? "")
            Console.error("  \(Format.grouped(events)) \(r.key): \(shown)")
        }
    }

    func skipped(_ key: String, _ label: String, group: String = "ledger", note: String) {
        results.append(BenchResult(key: key, label: label, group: group, note: note))
    }

    /// The folder where the ledger binary keeps the caches of the ledger in
    /// `dir` for the account the bench runs as (`$XDG_CACHE_HOME/ledger/<id>`
    /// or `$HOME/.cache/ledger/<id>`, FORMAT.md "Caches").
    func cacheFolder(_ dir: String) -> String? {
        let env = Spawn.environment
        let base: String
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") { base = x + "/ledger" } else if let h = env["HOME"], h.hasPrefix("/") {
            base = h + "/.cache/ledger"
        } else {
            return nil
        }
        return Ledger(paths: LedgerPaths(directory: dir), caches: .account(directory: base)).cacheFolderPath()
    }

    /// Deletes the state checkpoints and the report cache (not the facts
    /// index, which reads do not use): the next report folds from scratch.
    func removeCheckpoints(_ dir: String) {
        guard let cache = cacheFolder(dir) else { return }
        for name in Files.list(cache) where name.hasPrefix("state-") || name.hasPrefix("report-") { Files.remove(cache + "/" + name) }
    }

    /// Deletes the report cache only: the next report folds from its checkpoint.
    func removeReportCache(_ dir: String) {
        guard let cache = cacheFolder(dir) else { return }
        for name in Files.list(cache) where name.hasPrefix("report-") { Files.remove(cache + "/" + name) }
    }

    // MARK: The ledger

    func ensureLedger() throws {
        if let text = Files.readText(ledgerDir + "/" + GeneratedLedger.fileName), let m = GeneratedLedger(manifest: text),
           m.events == events, m.seed == config.seed, m.generatorVersion == Generator.version, Files.size(journal) == m.journalBytes {
            ledger = m
            Console.error("ledger-bench: reusing the \(Format.grouped(events))-event ledger in \(ledgerDir)")
            return
        }
        try Files.removeTree(directory)
        try Files.makeDirectories(directory)
        Console.error("ledger-bench: generating \(Format.grouped(events)) events into \(ledgerDir)")
        let start = Monotonic.now()
        var reported = 0
        ledger = try Generator.generate(events: events, seed: config.seed, into: ledgerDir) { done in
            if done * 10 / self.events > reported {
                reported = done * 10 / self.events
                Console.error("  \(done) events (\(Format.seconds(Monotonic.now() - start)))")
            }
        }
        generationSeconds = Monotonic.now() - start
        try Files.write(ledgerDir + "/" + GeneratedLedger.fileName, ledger.manifest)
    }

    /// The ledger of this size signed per batch or per event (cached like the
    /// unsigned one, in its own folder keyed by size, seed, generator version
    /// and signing). Generated under /dev/shm when there is one (fsync there
    /// costs nothing; the bytes are the same), then copied with `cp -a`.
    func ensureSignedLedger(_ mode: GeneratorSigning) throws -> (directory: String, ledger: GeneratedLedger) {
        let folder = config.cache + "/ledger-\(events)-seed\(config.seed)-g\(Generator.version)-signed-\(mode.rawValue)"
        let dir = folder + "/ledger"
        if let text = Files.readText(dir + "/" + GeneratedLedger.fileName), let m = GeneratedLedger(manifest: text),
           (events - 1...events).contains(m.events), m.seed == config.seed, m.generatorVersion == Generator.version,
           m.signing == mode.rawValue, Files.size(dir + "/events/journal.jsonl") == m.journalBytes {
            Console.error("ledger-bench: reusing the \(Format.grouped(events))-event ledger signed per \(mode.rawValue) in \(dir)")
            return (dir, m)
        }
        try Files.removeTree(folder)
        try Files.makeDirectories(folder)
        let stage = Files.exists("/dev/shm") ? "/dev/shm/ledger-bench-\(getpid())-\(mode.rawValue)" : nil
        let target = (stage ?? folder) + "/ledger"
        if let stage { try Files.removeTree(stage); try Files.makeDirectories(stage) }
        Console.error("ledger-bench: generating \(Format.grouped(events)) events signed per \(mode.rawValue) into \(target)")
        let start = Monotonic.now()
        var reported = 0
        let made = try Generator.generate(events: events, seed: config.seed, into: target, signing: mode) { done in
            if done * 10 / self.events > reported {
                reported = done * 10 / self.events
                Console.error("  \(done) events (\(Format.seconds(Monotonic.now() - start)))")
            }
        }
        let seconds = Monotonic.now() - start
        try Files.write(target + "/" + GeneratedLedger.fileName, made.manifest)
        if let stage {
            try Spawn.check(["cp", "-a", target, dir])
            if let cache = cacheFolder(target) { try? Files.removeTree(cache) }
            try Files.removeTree(stage)
        }
        crossChecks.append("the ledger signed per \(mode.rawValue) (\(Format.grouped(made.count(of: .batchSigned))) signatures, "
                           + "\(Format.fixed(Double(made.journalBytes) / 1e6, 1)) MB) generated in \(Format.seconds(seconds))"
                           + (stage == nil ? "" : " under /dev/shm (no fsync cost), then copied"))
        return (dir, made)
    }

    func run() throws -> SizeReport {
        try ensureLedger()
        // The ledger's caches as a user's would be: the facts index (with its
        // history links) current for this build, so copies of the ledger do not
        // each rebuild it. `history` opens the index and brings it up to date.
        try Spawn.check(ledgerCommand(ledgerDir, ["history", ledger.busiestIndicator]))
        let sqlite = bench.sqlite
        if sqlite { try ensureSQLite() }
        let quarter = Period(ledger.reportQuarter)!
        let times = Workloads.pastTimes(ledger, count: 5, seed: config.seed)
        let slotYear = ledger.lastYear + 1
        let floorFile = directory + "/fsync-floor.dat"
        Files.remove(floorFile)
        func quarterSQL(_ indexed: Bool) -> (Int) -> [String] {
            { _ in ["sqlite3", self.db, SQLiteBaseline.quarterSQL(year: quarter.year, months: quarter.months, indexed: indexed)] }
        }
        func asOf(_ i: Int) -> (Timestamp, Period) {
            let t = times[i % times.count]
            return (t, Workloads.quarterReported(at: t))
        }

        // A copy of the ledger for single appends, with indicators whose months are free.
        try Spawn.copyLedger(ledgerDir, scratch)
        removeCheckpoints(scratch)
        let slotFile = directory + "/slots.csv"
        try Files.write(slotFile, Workloads.slotIndicators(year: slotYear, count: 8))
        try Spawn.check(ledgerCommand(scratch, ["append", "--file", slotFile]))
        slot = 0
        var insertCopies: [String] = []
        // The next free (indicator, month) of the slot indicators, appended by `binary`.
        func nextSlot(_ binary: String) -> [String] {
            slot += 1
            let k = (slot - 1) / 12 + 1, m = (slot - 1) % 12 + 1
            return [binary, "--ledger", scratch, "append", "reading", "--indicator", "APPEND-\(k)-\(slotYear)",
                    "--period", "\(slotYear)-\(pad(m, 2))", "--value", String(100 + slot)]
        }
        var writes = [
            process("floor.process", "floor: trivial static Swift binary (process start)", group: "floor") { _ in [self.bench.floors.trivial] },
            process("floor.fsync-process", "floor: that binary + write 300 B + fsync", group: "floor") { _ in [self.bench.floors.fsync, floorFile] },
            Case(result: BenchResult(key: "floor.fsync", label: "floor: write 300 B + fsync, in process", group: "floor")) { _ in
                try Floors.inProcessFsync(path: floorFile)
            },
            process("start", "ledger --version (process start)", floor: "floor.process", runs: 21) { _ in [self.bench.ledgerBinary, "--version"] },
            process("append", "append reading (one process)", floor: "floor.fsync-process", sqlite: "sqlite.insert.wal") { _ in
                nextSlot(self.bench.ledgerBinary)
            },
        ]
        // The README's build next to a `--static-swift-stdlib` build of the same code, when one is given.
        if let other = config.staticBinary {
            writes += [
                process("start.static", "ledger --version, --static-swift-stdlib build", floor: "start", runs: 21) { _ in [other, "--version"] },
                process("append.static", "append reading, --static-swift-stdlib build", floor: "append", sqlite: "sqlite.insert.wal") { _ in
                    nextSlot(other)
                },
            ]
            crossChecks.append(Bench.sameBuild(bench.ledgerBinary, other))
        }
        if sqlite {
            writes.append(process("sqlite.process", "sqlite3 :memory: SELECT 1 (process start)", group: "sqlite") { _ in ["sqlite3", ":memory:", "SELECT 1;"] })
            for mode in ["wal", "delete"] {
                let copy = sqliteDir + "/insert-\(mode).db"
                insertCopies.append(copy)
                try Spawn.check(["cp", db, copy])
                try Spawn.check(["sqlite3", copy, "PRAGMA journal_mode=\(mode.uppercased());"])
                var n = 0
                writes.append(process("sqlite.insert.\(mode)", "sqlite3 durable insert, journal_mode=\(mode.uppercased()), synchronous=FULL", group: "sqlite") { _ in
                    n += 1
                    let p = Period.month(slotYear, (n - 1) % 12 + 1)
                    return ["sqlite3", copy, SQLiteBaseline.insertSQL(at: 0, indicator: "APPEND-\(n)-\(slotYear)", period: p, value: String(100 + n))]
                })
            }
        }
        measure(writes)
        for copy in insertCopies { for suffix in ["", "-wal", "-shm"] { Files.remove(copy + suffix) } }

        // A batch file of 10,000 rows, on a copy restored before each run.
        let batch = Workloads.batch(year: slotYear + 1, rows: 10_000)
        let batchFile = directory + "/batch-10000.csv"
        try Files.write(batchFile, batch.csv)
        try Spawn.copyLedger(ledgerDir, batchDir)
        removeCheckpoints(batchDir)
        var batches = [
            process("batch", "append --file, 10,000 rows", floor: "floor.batch-write", sqlite: "sqlite.batch.wal", events: 10_000, prepare: { _ in
                try Spawn.check(["cp", "-a", self.ledgerDir + "/events/journal.jsonl", self.batchDir + "/events/journal.jsonl"])
                // The facts index as the ledger's own copy has it, in the batch copy's cache folder.
                if let from = self.cacheFolder(self.ledgerDir), let to = self.cacheFolder(self.batchDir), Files.exists(from + "/facts.v1") {
                    try Spawn.check(["cp", "-a", from + "/facts.v1", to + "/facts.v1"])
                }
            }) { _ in self.ledgerCommand(self.batchDir, ["append", "--file", batchFile]) },
            process("floor.batch-write", "floor: binary + write the batch's bytes + fsync", group: "floor") { _ in
                if self.batchBytes == 0 { self.batchBytes = (Files.size(self.batchDir + "/events/journal.jsonl") ?? 0) - self.ledger.journalBytes }
                return [self.bench.floors.fsync, floorFile, String(max(self.batchBytes, 1))]
            },
        ]
        let batchDB = sqliteDir + "/batch.db"
        if sqlite {
            let batchScript = sqliteDir + "/batch-10000.sql"
            try Files.write(batchScript, batch.sql)
            batches.append(process("sqlite.batch.wal", "sqlite3 10,000-row batch, one transaction, WAL, synchronous=FULL", group: "sqlite", prepare: { _ in
                for suffix in ["-wal", "-shm"] { Files.remove(batchDB + suffix) }
                try Spawn.check(["cp", self.db, batchDB])
                try Spawn.check(["sqlite3", batchDB, "PRAGMA journal_mode=WAL;"])
            }, stdin: batchScript) { _ in ["sqlite3", batchDB] })
        }
        measure(batches)
        if batchBytes > 0 {
            crossChecks.append("the 10,000-row batch adds \(Format.fixed(Double(batchBytes) / 1e6, 2)) MB to the journal")
        }
        for suffix in ["", "-wal", "-shm"] { Files.remove(batchDB + suffix) }
        Files.remove(floorFile)
        try Files.removeTree(batchDir)

        // Reads of the whole journal, and the reports without checkpoints.
        let openssl = (try? Spawn.check(["openssl", "version"])) != nil
        var reads = [
            process("verify", "verify (chain, rules replayed, snapshots)", floor: openssl ? "floor.openssl" : "floor.sha256sum",
                    events: ledger.events, bytes: ledger.journalBytes) { _ in
                self.ledgerCommand(self.ledgerDir, ["verify"])
            },
            process("floor.cat", "floor: cat journal > /dev/null", group: "floor", bytes: ledger.journalBytes) { _ in ["cat", self.journal] },
            process("floor.sha256sum", "floor: sha256sum journal", group: "floor", bytes: ledger.journalBytes) { _ in ["sha256sum", self.journal] },
        ]
        if openssl {
            reads.append(process("floor.openssl", "floor: openssl dgst -sha256 journal", group: "floor", bytes: ledger.journalBytes) { _ in
                ["openssl", "dgst", "-sha256", self.journal]
            })
        } else {
            skipped("floor.openssl", "floor: openssl dgst -sha256 journal", group: "floor", note: "skipped: openssl is not on this machine")
        }
        // The same size signed per batch and per event, verified beside the unsigned one.
        for mode in [GeneratorSigning.batch, .event] {
            let key = "verify.signed-\(mode.rawValue)", label = "verify, a signature per \(mode.rawValue)"
            if mode == .event && events > config.perEventUpTo {
                skipped(key, label, note: "skipped: no ledger signed per event above \(Format.grouped(config.perEventUpTo)) events (--per-event-up-to N)")
                continue
            }
            let (dir, made) = try ensureSignedLedger(mode)
            let n = made.count(of: .batchSigned)
            reads.append(process(key, label + " (\(Format.grouped(n)) signatures)", floor: "verify", events: made.events,
                                 bytes: made.journalBytes, signatures: n, runs: events >= 100_000 ? 3 : 5) { _ in
                self.ledgerCommand(dir, ["verify"])
            })
        }
        measure(reads)
        var cold = [
            process("status.cold", "status, no checkpoint", floor: "verify", prepare: { _ in self.removeCheckpoints(self.ledgerDir) }) { _ in
                self.ledgerCommand(self.ledgerDir, ["status"])
            },
            process("quarter.cold", "quarter \(quarter), no checkpoint", floor: "verify", sqlite: "sqlite.quarter.scan",
                    prepare: { _ in self.removeCheckpoints(self.ledgerDir) }) { _ in
                self.ledgerCommand(self.ledgerDir, ["quarter", quarter.description])
            },
        ]
        if sqlite { cold.append(process("sqlite.quarter.scan", "sqlite3 quarter \(quarter) GROUP BY, no index (full scan)", group: "sqlite", quarterSQL(false))) }
        measure(cold)

        // With checkpoints: the first (warm-up) run leaves one at the head.
        var warm = [
            process("status.warm", "status, checkpoint", floor: "floor.process") { _ in self.ledgerCommand(self.ledgerDir, ["status"]) },
            process("quarter.warm", "quarter \(quarter), checkpoint (report cache cleared)", floor: "floor.process", sqlite: "sqlite.quarter.index",
                    prepare: { _ in self.removeReportCache(self.ledgerDir) }) { _ in
                self.ledgerCommand(self.ledgerDir, ["quarter", quarter.description])
            },
            process("quarter.repeat", "quarter \(quarter) asked again (report cache)", floor: "floor.process", sqlite: "sqlite.quarter.index") { _ in
                self.ledgerCommand(self.ledgerDir, ["quarter", quarter.description])
            },
        ]
        if sqlite { warm.append(process("sqlite.quarter.index", "sqlite3 quarter \(quarter) GROUP BY, covering indexes", group: "sqlite", quarterSQL(true))) }
        measure(warm)

        // A year's four quarters: four of our processes against one SELECT.
        var year = (1...4).map { q -> Case in
            let p = Period.quarter(quarter.year, q)
            return process("year.\(p)", "quarter \(p), checkpoint", prepare: { _ in self.removeReportCache(self.ledgerDir) }) { _ in
                self.ledgerCommand(self.ledgerDir, ["quarter", p.description])
            }
        }
        if sqlite {
            for (indexed, suffix) in [(false, "scan"), (true, "index")] {
                year.append(process("sqlite.year.\(suffix)", "sqlite3 quarters \(quarter.year)-Q1..Q4 in one GROUP BY, \(indexed ? "covering indexes" : "no index (full scan)")", group: "sqlite") { _ in
                    ["sqlite3", self.db, SQLiteBaseline.quarterSQL(year: quarter.year, months: 1...12, perQuarter: true, indexed: indexed)]
                })
            }
        }
        measure(year)
        let parts = results.filter { $0.key.hasPrefix("year.") }
        results.removeAll { $0.key.hasPrefix("year.") }
        if parts.count == 4, parts.allSatisfy({ $0.median != nil }) {
            results.append(BenchResult(key: "year.warm", label: "quarters \(quarter.year)-Q1..Q4, 4 processes, checkpoint", group: "ledger",
                                       samples: parts.flatMap(\.samples), note: "sum of the medians of four quarter processes",
                                       floorKey: "floor.process", sqliteKey: "sqlite.year.index",
                                       derivedSeconds: parts.compactMap(\.median).reduce(0, +)))
        } else {
            skipped("year.warm", "quarters \(quarter.year)-Q1..Q4", note: parts.compactMap(\.note).first ?? "failed")
        }

        // The past: random recorded times, each asking for the quarter reported then.
        let pastRuns = events >= 1_000_000 ? times.count : 2 * times.count
        var pastCold = [
            process("asof.cold", "quarter --as-of random past time, no checkpoint", floor: "quarter.cold", sqlite: "sqlite.asof.scan",
                    runs: pastRuns, prepare: { _ in self.removeCheckpoints(self.ledgerDir) }) { i in
                let (t, q) = asOf(i)
                return self.ledgerCommand(self.ledgerDir, ["quarter", q.description, "--as-of", t.description])
            },
        ]
        var pastWarm = [
            process("asof.warm", "quarter --as-of random past time, checkpoint trail", floor: "quarter.warm", sqlite: "sqlite.asof.index",
                    warmups: times.count, runs: pastRuns, prepare: { _ in self.removeReportCache(self.ledgerDir) }) { i in
                let (t, q) = asOf(i)
                return self.ledgerCommand(self.ledgerDir, ["quarter", q.description, "--as-of", t.description])
            },
        ]
        if sqlite {
            for (indexed, suffix) in [(false, "scan"), (true, "index")] {
                let c = process("sqlite.asof.\(suffix)", "sqlite3 quarter as of random past time, \(indexed ? "covering indexes" : "no index (full scan)")",
                                group: "sqlite", warmups: indexed ? times.count : 1, runs: pastRuns) { i in
                    let (t, q) = asOf(i)
                    return ["sqlite3", self.db, SQLiteBaseline.quarterSQL(year: q.year, months: q.months, asOf: t.microseconds, indexed: indexed)]
                }
                if indexed { pastWarm.append(c) } else { pastCold.append(c) }
            }
        }
        measure(pastCold)
        measure(pastWarm)

        var history = [process("history", "history \(ledger.busiestIndicator)", floor: "floor.process", sqlite: "sqlite.history.index") { _ in
            self.ledgerCommand(self.ledgerDir, ["history", self.ledger.busiestIndicator])
        }]
        if sqlite {
            history.append(process("sqlite.history.index", "sqlite3 history of one indicator, index", group: "sqlite") { _ in
                ["sqlite3", self.db, SQLiteBaseline.historySQL(self.ledger.busiestIndicator)]
            })
        }
        measure(history)

        if bench.hasSnapshot {
            measure([process("snapshot", "snapshot \(quarter)", floor: "floor.process", prepare: { _ in
                for name in Files.list(self.scratch + "/snapshots") { try Files.removeTree(self.scratch + "/snapshots/" + name) }
            }) { _ in self.ledgerCommand(self.scratch, ["snapshot", quarter.description]) }])
        } else {
            skipped("snapshot", "snapshot \(quarter)", note: "skipped: this ledger binary has no snapshot command yet")
        }
        if sqlite { try crossCheck(quarter: quarter) }
        crossChecks.insert("as-of times: " + times.map(\.description).joined(separator: ", "), at: 0)
        return SizeReport(ledger: ledger, generationSeconds: generationSeconds, sqliteLoadSeconds: sqliteLoadSeconds,
                          results: ordered(results), crossChecks: crossChecks)
    }

    /// The table's order: ours first (writes, then reads), then SQLite, then the floors.
    func ordered(_ results: [BenchResult]) -> [BenchResult] {
        let order = ["start", "start.static", "append", "append.static", "batch", "verify", "verify.signed-batch", "verify.signed-event", "status.cold", "status.warm", "quarter.cold", "quarter.warm", "quarter.repeat", "year.warm",
                     "asof.cold", "asof.warm", "history", "snapshot",
                     "sqlite.process", "sqlite.insert.wal", "sqlite.insert.delete", "sqlite.batch.wal",
                     "sqlite.quarter.scan", "sqlite.quarter.index", "sqlite.year.scan", "sqlite.year.index",
                     "sqlite.asof.scan", "sqlite.asof.index", "sqlite.history.index",
                     "floor.process", "floor.fsync-process", "floor.fsync", "floor.batch-write", "floor.cat", "floor.sha256sum", "floor.openssl"]
        return results.sorted { (order.firstIndex(of: $0.key) ?? order.count, $0.key) < (order.firstIndex(of: $1.key) ?? order.count, $1.key) }
    }

    // MARK: SQLite

    /// The same events in SQLite (exported from the journal, loaded with
    /// `.import`, indexed), built once per cached ledger.
    func ensureSQLite() throws {
        let marker = sqliteDir + "/loaded"
        if !Files.exists(marker) || !Files.exists(db) {
            try Files.removeTree(sqliteDir)
            try Files.makeDirectories(sqliteDir)
            Console.error("ledger-bench: loading the \(Format.grouped(events))-event ledger into SQLite")
            let start = Monotonic.now()
            let counts = try SQLiteBaseline.export(ledgerDirectory: ledgerDir, to: sqliteDir)
            let exported = Monotonic.now() - start
            let script = sqliteDir + "/load.sql"
            try Files.write(script, SQLiteBaseline.loadScript(sqliteDir))
            let load = try Spawn.check(["sqlite3", db], stdin: script)
            sqliteLoadSeconds = load.wall
            for name in Files.list(sqliteDir) where name.hasSuffix(".csv") { Files.remove(sqliteDir + "/" + name) }
            let summary = counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
            try Files.write(marker, "\(summary)\nexport_seconds=\(exported)\nload_seconds=\(load.wall)\n")
        }
        let rows = (Files.readText(marker) ?? "").split(separator: "\n").first.map(String.init) ?? ""
        crossChecks.append("SQLite rows: \(rows); database \(Format.fixed(Double(Files.size(db) ?? 0) / 1e6, 1)) MB with covering indexes")
    }

    /// Both answer the same question: the quarter's executed figure per
    /// indicator, from our JSON and from SQLite's rows.
    func crossCheck(quarter: Period) throws {
        let ours = try Spawn.output(ledgerCommand(ledgerDir, ["quarter", quarter.description, "--json"]))
        let theirs = try Spawn.output(["sqlite3", "-separator", "|", db, SQLiteBaseline.quarterSQL(year: quarter.year, months: quarter.months)])
        guard case .array(let rows)? = try JSONParser.parse(ours)["indicators"] else {
            crossChecks.append("cross-check: cannot read our quarter JSON")
            return
        }
        var executed: [String: Double] = [:]
        for line in theirs.split(separator: "\n") {
            let f = line.split(separator: "|", omittingEmptySubsequences: false)
            if f.count >= 3, let v = Double(f[2]) { executed[String(f[0])] = v }
        }
        var agree = 0, compared = 0
        for row in rows {
            guard let id = row["indicator"]?.stringValue, case .number(let text)? = row["executed"], let v = Double(text) else { continue }
            guard let s = executed[id] else { continue }
            compared += 1
            if abs(v - s) <= max(0.01, abs(v) * 1e-9) { agree += 1 }
        }
        crossChecks.append("cross-check \(quarter): \(rows.count) indicator rows from ledger, \(theirs.split(separator: "\n").count) from SQLite; executed agrees for \(agree) of \(compared) indicators with a value (within 0.01)")
    }
}

extension StringProtocol {
    /// Without the leading characters that are in `set`.
    func droppingLeading(_ set: String) -> String { String(drop { set.contains($0) }) }
}
