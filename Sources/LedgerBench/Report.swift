// The bench's results as values, and their two renderings: a text table for
// people (and BENCHMARKS.md) and a JSON document for scripts. Pure: values
// in, text out, so the formatting is tested without running anything.

import LedgerCore

/// One measured thing: repeated whole-process runs of one command.
public struct BenchResult: Equatable, Sendable {
    /// Stable identifier, e.g. `quarter.warm`, `sqlite.quarter.index`, `floor.fsync`.
    public var key: String
    /// What was run, for people.
    public var label: String
    /// `ledger`, `sqlite` or `floor`.
    public var group: String
    public var samples: [ProcessSample]
    /// Why it was skipped, or anything a reader must know about it.
    public var note: String?
    /// For throughput: how many events and bytes one run processed.
    public var events: Int?
    public var bytes: Int64?
    /// The result this one is compared with, as a ratio (ours / theirs).
    public var floorKey: String?
    public var sqliteKey: String?
    /// The median wall time, when it is not one process (e.g. a sum of four).
    public var derivedSeconds: Double?
    /// For a verify of a signed ledger: the signatures one run checks.
    public var signatures: Int?

    public init(key: String, label: String, group: String, samples: [ProcessSample] = [], note: String? = nil,
                events: Int? = nil, bytes: Int64? = nil, floorKey: String? = nil, sqliteKey: String? = nil,
                derivedSeconds: Double? = nil, signatures: Int? = nil) {
        self.key = key
        self.label = label
        self.group = group
        self.samples = samples
        self.note = note
        self.events = events
        self.bytes = bytes
        self.floorKey = floorKey
        self.sqliteKey = sqliteKey
        self.derivedSeconds = derivedSeconds
        self.signatures = signatures
    }

    /// The median CPU time (user + system) of the process, seconds.
    public var medianCPU: Double? { Stats.median(samples.map { $0.user + $0.system }) }

    /// CPU time over wall time, by medians: above 1 when the process ran on
    /// more than one core at once.
    public var cpuPerWall: Double? {
        guard let c = medianCPU, let m = median, m > 0 else { return nil }
        return c / m
    }

    /// The median wall time in seconds; nil when nothing ran.
    public var median: Double? {
        if let derivedSeconds { return derivedSeconds }
        return Stats.median(samples.map(\.wall))
    }

    /// The largest peak RSS over the runs, kilobytes.
    public var peakRSSKB: Int? { samples.map(\.maxRSSKB).max().flatMap { $0 > 0 ? $0 : nil } }

    public var eventsPerSecond: Double? {
        guard let events, let m = median, m > 0 else { return nil }
        return Double(events) / m
    }

    public var megabytesPerSecond: Double? {
        guard let bytes, let m = median, m > 0 else { return nil }
        return Double(bytes) / 1_000_000 / m
    }
}

/// The results for one ledger size.
public struct SizeReport: Equatable, Sendable {
    public var ledger: GeneratedLedger
    /// Seconds the generator took (nil when a cached ledger was reused).
    public var generationSeconds: Double?
    public var sqliteLoadSeconds: Double?
    public var results: [BenchResult]
    /// Checks that our figures and SQLite's agree on the same data.
    public var crossChecks: [String]

    public init(ledger: GeneratedLedger, generationSeconds: Double? = nil, sqliteLoadSeconds: Double? = nil,
                results: [BenchResult] = [], crossChecks: [String] = []) {
        self.ledger = ledger
        self.generationSeconds = generationSeconds
        self.sqliteLoadSeconds = sqliteLoadSeconds
        self.results = results
        self.crossChecks = crossChecks
    }

    public func result(_ key: String) -> BenchResult? { results.first { $0.key == key } }

    /// ours / theirs, by median.
    public func ratio(_ key: String, to other: String?) -> Double? {
        guard let other, let a = result(key)?.median, let b = result(other)?.median, b > 0 else { return nil }
        return a / b
    }
}

/// One target (Targets.swift), evaluated at one size.
public struct TargetCheck: Equatable, Sendable {
    public var target: String
    public var events: Int
    public var measured: String
    public var goal: String
    /// nil when it could not be measured (e.g. SQLite skipped).
    public var met: Bool?

    public init(target: String, events: Int, measured: String, goal: String, met: Bool?) {
        self.target = target
        self.events = events
        self.measured = measured
        self.goal = goal
        self.met = met
    }
}

public struct MachineInfo: Equatable, Sendable {
    public var cpus: Int
    public var cpuModel: String
    public var memoryMB: Int
    public var kernel: String
    public var swift: String
    public var sqlite: String
    public var ledgerLinkage: String
    public var date: String

    public init(cpus: Int, cpuModel: String, memoryMB: Int, kernel: String, swift: String, sqlite: String, ledgerLinkage: String, date: String) {
        self.cpus = cpus
        self.cpuModel = cpuModel
        self.memoryMB = memoryMB
        self.kernel = kernel
        self.swift = swift
        self.sqlite = sqlite
        self.ledgerLinkage = ledgerLinkage
        self.date = date
    }
}

public struct BenchReport: Equatable, Sendable {
    public var command: String
    public var machine: MachineInfo
    public var sizes: [SizeReport]
    public var targets: [TargetCheck]
    /// The signing measures that do not depend on a size (issue 12).
    public var signing: SigningReport?

    public init(command: String, machine: MachineInfo, sizes: [SizeReport], targets: [TargetCheck], signing: SigningReport? = nil) {
        self.command = command
        self.machine = machine
        self.sizes = sizes
        self.targets = targets
        self.signing = signing
    }
}

/// Signature checks a second in one process (`ledger-bench signatures`).
public struct SignatureRates: Equatable, Sendable {
    public var count: Int
    public var cores: Int
    public var oneCoreSeconds: Double
    public var allCoresSeconds: Double

    public init(count: Int, cores: Int, oneCoreSeconds: Double, allCoresSeconds: Double) {
        self.count = count
        self.cores = cores
        self.oneCoreSeconds = oneCoreSeconds
        self.allCoresSeconds = allCoresSeconds
    }

    public var oneCorePerSecond: Double { Double(count) / oneCoreSeconds }
    public var allCoresPerSecond: Double { Double(count) / allCoresSeconds }
    public var allCoresPerSecondPerCore: Double { allCoresPerSecond / Double(max(cores, 1)) }
}

/// The measures of signing that are not tied to a ledger size: the signed
/// append as whole processes on a small ledger requiring signatures
/// (`append.unsigned`, `append.agent`, `append.keyfile`), and the
/// signature checks a second in process.
public struct SigningReport: Equatable, Sendable {
    /// Events in the small ledgers the appends go to.
    public var ledgerEvents: Int
    public var appends: [BenchResult]
    public var checks: SignatureRates?
    public var notes: [String]

    public init(ledgerEvents: Int, appends: [BenchResult] = [], checks: SignatureRates? = nil, notes: [String] = []) {
        self.ledgerEvents = ledgerEvents
        self.appends = appends
        self.checks = checks
        self.notes = notes
    }

    public func result(_ key: String) -> BenchResult? { appends.first { $0.key == key } }
}

enum Stats {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Number formatting without Foundation.
public enum Format {
    /// `x` with exactly `decimals` decimals, rounded half away from zero.
    public static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = x < 0
        let n = Int64((abs(x) * scale).rounded())
        let unit = Int64(scale)
        var text = String(n / unit)
        if decimals > 0 { text += "." + pad(Int(n % unit), decimals) }
        return (negative && n != 0 ? "-" : "") + text
    }

    /// A duration for a table: `842 us`, `3.21 ms`, `45.6 ms`, `312 ms`, `1.23 s`, `14.2 s`.
    public static func seconds(_ s: Double) -> String {
        if s < 0.001 { return fixed(s * 1e6, 0) + " us" }
        if s < 0.01 { return fixed(s * 1e3, 2) + " ms" }
        if s < 0.1 { return fixed(s * 1e3, 1) + " ms" }
        if s < 1 { return fixed(s * 1e3, 0) + " ms" }
        if s < 10 { return fixed(s, 2) + " s" }
        return fixed(s, 1) + " s"
    }

    /// A ratio: `0.42x`, `1.9x`, `37x`.
    public static func ratio(_ r: Double) -> String {
        if r < 1 { return fixed(r, 2) + "x" }
        if r < 10 { return fixed(r, 1) + "x" }
        return fixed(r, 0) + "x"
    }

    /// Kilobytes as `12.3 MB` (decimal megabytes).
    public static func megabytes(kilobytes kb: Int) -> String {
        let mb = Double(kb) * 1024 / 1_000_000
        return fixed(mb, mb < 100 ? 1 : 0) + " MB"
    }

    /// `1,000,000`.
    public static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Throughput: `1.23M/s`, `456k/s`.
    public static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return fixed(perSecond / 1e6, 2) + "M/s" }
        if perSecond >= 1e3 { return fixed(perSecond / 1e3, 0) + "k/s" }
        return fixed(perSecond, 0) + "/s"
    }
}

public enum ReportText {
    static func cell(_ s: String, _ width: Int, right: Bool = false) -> String {
        let n = s.unicodeScalars.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return right ? fill + s : s + fill
    }

    /// The table of one size: one row per measure, with its ratios.
    public static func table(_ size: SizeReport) -> String {
        let l = size.ledger
        var lines: [String] = []
        let mb = Double(l.journalBytes) / 1_000_000
        lines.append("## \(Format.grouped(l.events)) events: journal \(Format.fixed(mb, 1)) MB, \(l.bodies) bodies, \(Format.grouped(l.indicators)) indicators, \(l.firstYear)-\(l.lastYear), \(l.actors) actors, \(Format.grouped(l.batches)) batches")
        lines.append("")
        let header = ["measure", "median", "runs", "peak RSS", "vs floor", "vs SQLite", "throughput"]
        var rows: [[String]] = []
        for r in size.results {
            guard let m = r.median else {
                let failed = r.note?.hasPrefix("failed") == true
                rows.append([r.label, failed ? "failed" : "skipped", "", "", "", "", failed ? "see below" : (r.note ?? "")])
                continue
            }
            let runs = r.derivedSeconds != nil ? "sum" : String(r.samples.count)
            let rss = r.peakRSSKB.map { Format.megabytes(kilobytes: $0) } ?? ""
            var vsFloor = ""
            if let f = r.floorKey, let ratio = size.ratio(r.key, to: f) { vsFloor = Format.ratio(ratio) + " " + f.replacingPrefix("floor.", "") }
            var vsSQL = ""
            if let s = r.sqliteKey, let ratio = size.ratio(r.key, to: s) { vsSQL = Format.ratio(ratio) + " " + s.replacingPrefix("sqlite.", "") }
            var throughput = ""
            if let e = r.eventsPerSecond { throughput = Format.rate(e) + " events" }
            if let b = r.megabytesPerSecond { throughput += (throughput.isEmpty ? "" : ", ") + Format.fixed(b, 0) + " MB/s" }
            if let n = r.signatures { throughput += ", \(Format.grouped(n)) signatures" }
            if r.signatures != nil || r.key == "verify", let c = r.cpuPerWall { throughput += ", CPU/wall " + Format.fixed(c, 2) }
            rows.append([r.label, Format.seconds(m), runs, rss, vsFloor, vsSQL, throughput])
        }
        lines.append(contentsOf: markdownTable(header, rows, rightAligned: [1, 2, 3]))
        var made: [String] = []
        if let g = size.generationSeconds { made.append("generated in \(Format.seconds(g)) through Ledger.append (\(Format.rate(Double(l.events) / g)) events, one fsync per batch)") }
        if let q = size.sqliteLoadSeconds { made.append("loaded into SQLite in \(Format.seconds(q)) (.import, then covering indexes and ANALYZE)") }
        let mix = l.counts.filter { $0.1 > 0 }.map { "\($0.0) \(Format.fixed(100 * Double($0.1) / Double(max(l.events, 1)), 1)) %" }
        made.append("mix: " + mix.joined(separator: ", "))
        let notes = made + size.crossChecks + size.results.compactMap { r in r.note.map { "\(r.key): \($0)" } }
        if !notes.isEmpty {
            lines.append("")
            for c in notes { lines.append("- " + c.split(separator: "\n").joined(separator: " ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Markdown table, padded so it also reads as plain text.
    public static func markdownTable(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
        var widths = header.map { $0.unicodeScalars.count }
        for row in rows { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.unicodeScalars.count) } }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { cell($0.element, widths[$0.offset], right: rightAligned.contains($0.offset)) }.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { i, w in rightAligned.contains(i) ? String(repeating: "-", count: w + 1) + ":" : String(repeating: "-", count: w + 2) }.joined(separator: "|") + "|"
        return [line(header), rule] + rows.map(line)
    }

    public static func targets(_ checks: [TargetCheck]) -> String {
        let rows = checks.map { c in
            [c.target, c.events > 0 ? Format.grouped(c.events) : "-", c.measured, c.goal, c.met.map { $0 ? "met" : "NOT met" } ?? "not measured"]
        }
        return markdownTable(["target", "events", "measured", "goal", "verdict"], rows, rightAligned: [1]).joined(separator: "\n") + "\n"
    }

    public static func machine(_ m: MachineInfo, command: String) -> String {
        """
        - command: `\(command)`
        - date: \(m.date)
        - machine: \(m.cpus) CPUs (\(m.cpuModel)), \(Format.grouped(m.memoryMB)) MB memory, Linux \(m.kernel)
        - toolchain: \(m.swift); sqlite3 \(m.sqlite)
        - ledger binary: \(m.ledgerLinkage)

        """
    }

    /// The whole run as Markdown: how it was made, the targets at a glance,
    /// then every size's full table.
    public static func report(_ r: BenchReport) -> String {
        var text = "# ledger-bench: full tables\n\n" + machine(r.machine, command: r.command) + "\n"
        if !r.targets.isEmpty { text += "## Targets (issues 15, 12 and 6)\n\n" + targets(r.targets) + "\n" }
        if let signing = r.signing { text += signingTable(signing) + "\n" }
        for s in r.sizes { text += table(s) + "\n" }
        return text
    }

    /// The signed append and the in-process signature checks.
    public static func signingTable(_ s: SigningReport) -> String {
        var lines = ["## Signing: appends on a small ledger (\(Format.grouped(s.ledgerEvents)) events) and checks in process", ""]
        var rows: [[String]] = []
        let unsigned = s.result("append.unsigned")?.median
        for r in s.appends {
            guard let m = r.median else {
                rows.append([r.label, "failed", "", "", "", r.note ?? ""])
                continue
            }
            let ratio = unsigned.map { Format.ratio(m / $0) + " unsigned" } ?? ""
            rows.append([r.label, Format.seconds(m), String(r.samples.count), r.peakRSSKB.map { Format.megabytes(kilobytes: $0) } ?? "",
                         ratio, r.medianCPU.map { "CPU " + Format.seconds($0) } ?? ""])
        }
        if let c = s.checks {
            rows.append(["Ed25519 ledger signature checks in process, one core (\(Format.grouped(c.count)))", Format.seconds(c.oneCoreSeconds), "1", "", "",
                         Format.rate(c.oneCorePerSecond) + " signatures"])
            rows.append(["the same on \(c.cores) cores", Format.seconds(c.allCoresSeconds), "1", "", "",
                         Format.rate(c.allCoresPerSecond) + " signatures (\(Format.rate(c.allCoresPerSecondPerCore)) per core)"])
        }
        lines.append(contentsOf: markdownTable(["measure", "median", "runs", "peak RSS", "vs unsigned", "notes"], rows, rightAligned: [1, 2, 3]))
        if !s.notes.isEmpty {
            lines.append("")
            for n in s.notes { lines.append("- " + n) }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

public enum ReportJSON {
    static func number(_ w: inout JSONWriter, _ x: Double?, _ decimals: Int = 6) {
        if let x, x.isFinite { w.raw(Format.fixed(x, decimals)) } else { w.raw("null") }
    }

    public static func render(_ r: BenchReport) -> String {
        var w = JSONWriter()
        w.raw("{\"command\":"); w.string(r.command)
        let m = r.machine
        w.raw(",\"machine\":{\"cpus\":"); w.int(m.cpus)
        w.raw(",\"cpu_model\":"); w.string(m.cpuModel)
        w.raw(",\"memory_mb\":"); w.int(m.memoryMB)
        w.raw(",\"kernel\":"); w.string(m.kernel)
        w.raw(",\"swift\":"); w.string(m.swift)
        w.raw(",\"sqlite\":"); w.string(m.sqlite)
        w.raw(",\"ledger_linkage\":"); w.string(m.ledgerLinkage)
        w.raw(",\"date\":"); w.string(m.date)
        w.raw("},\"sizes\":[")
        for (i, s) in r.sizes.enumerated() {
            if i > 0 { w.raw(",") }
            let l = s.ledger
            w.raw("{\"events\":"); w.int(l.events)
            w.raw(",\"seed\":"); w.int(l.seed)
            w.raw(",\"journal_bytes\":"); w.int(l.journalBytes)
            w.raw(",\"bodies\":"); w.int(l.bodies)
            w.raw(",\"indicators\":"); w.int(l.indicators)
            w.raw(",\"years\":["); w.int(l.firstYear); w.raw(","); w.int(l.lastYear); w.raw("]")
            w.raw(",\"actors\":"); w.int(l.actors)
            w.raw(",\"batches\":"); w.int(l.batches)
            w.raw(",\"head\":"); w.string(l.head)
            w.raw(",\"report_quarter\":"); w.string(l.reportQuarter)
            w.raw(",\"counts\":{")
            for (j, (type, n)) in l.counts.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(type); w.raw(":"); w.int(n)
            }
            w.raw("},\"generation_seconds\":"); number(&w, s.generationSeconds, 3)
            w.raw(",\"sqlite_load_seconds\":"); number(&w, s.sqliteLoadSeconds, 3)
            w.raw(",\"cross_checks\":[")
            for (j, c) in s.crossChecks.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(c)
            }
            w.raw("],\"results\":[")
            for (j, res) in s.results.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{\"key\":"); w.string(res.key)
                w.raw(",\"label\":"); w.string(res.label)
                w.raw(",\"group\":"); w.string(res.group)
                w.raw(",\"median_seconds\":"); number(&w, res.median)
                w.raw(",\"runs\":"); w.int(res.samples.count)
                w.raw(",\"samples_seconds\":[")
                for (k, sample) in res.samples.enumerated() {
                    if k > 0 { w.raw(",") }
                    number(&w, sample.wall)
                }
                w.raw("],\"peak_rss_kb\":"); if let p = res.peakRSSKB { w.int(p) } else { w.raw("null") }
                w.raw(",\"floor\":"); if let f = res.floorKey { w.string(f) } else { w.raw("null") }
                w.raw(",\"ratio_to_floor\":"); number(&w, s.ratio(res.key, to: res.floorKey), 3)
                w.raw(",\"sqlite\":"); if let q = res.sqliteKey { w.string(q) } else { w.raw("null") }
                w.raw(",\"ratio_to_sqlite\":"); number(&w, s.ratio(res.key, to: res.sqliteKey), 3)
                w.raw(",\"events_per_second\":"); number(&w, res.eventsPerSecond, 0)
                w.raw(",\"megabytes_per_second\":"); number(&w, res.megabytesPerSecond, 1)
                w.raw(",\"median_cpu_seconds\":"); number(&w, res.medianCPU)
                w.raw(",\"signatures\":"); if let n = res.signatures { w.int(n) } else { w.raw("null") }
                w.raw(",\"note\":"); if let n = res.note { w.string(n) } else { w.raw("null") }
                w.raw("}")
            }
            w.raw("]}")
        }
        w.raw("],\"signing\":")
        if let g = r.signing {
            w.raw("{\"ledger_events\":"); w.int(g.ledgerEvents)
            w.raw(",\"appends\":[")
            for (j, res) in g.appends.enumerated() {
                if j > 0 { w.raw(",") }
                w.raw("{\"key\":"); w.string(res.key)
                w.raw(",\"label\":"); w.string(res.label)
                w.raw(",\"median_seconds\":"); number(&w, res.median)
                w.raw(",\"median_cpu_seconds\":"); number(&w, res.medianCPU)
                w.raw(",\"runs\":"); w.int(res.samples.count)
                w.raw(",\"peak_rss_kb\":"); if let p = res.peakRSSKB { w.int(p) } else { w.raw("null") }
                w.raw(",\"note\":"); if let n = res.note { w.string(n) } else { w.raw("null") }
                w.raw("}")
            }
            w.raw("],\"checks\":")
            if let c = g.checks {
                w.raw("{\"count\":"); w.int(c.count)
                w.raw(",\"cores\":"); w.int(c.cores)
                w.raw(",\"one_core_per_second\":"); number(&w, c.oneCorePerSecond, 0)
                w.raw(",\"all_cores_per_second\":"); number(&w, c.allCoresPerSecond, 0)
                w.raw("}")
            } else {
                w.raw("null")
            }
            w.raw("}")
        } else {
            w.raw("null")
        }
        w.raw(",\"targets\":[")
        for (i, t) in r.targets.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"target\":"); w.string(t.target)
            w.raw(",\"events\":"); w.int(t.events)
            w.raw(",\"measured\":"); w.string(t.measured)
            w.raw(",\"goal\":"); w.string(t.goal)
            w.raw(",\"met\":"); if let met = t.met { w.raw(met ? "true" : "false") } else { w.raw("null") }
            w.raw("}")
        }
        w.raw("]}")
        return w.text + "\n"
    }
}

extension String {
    func replacingPrefix(_ prefix: String, _ with: String) -> String {
        hasPrefix(prefix) ? with + dropFirst(prefix.count) : self
    }
}
