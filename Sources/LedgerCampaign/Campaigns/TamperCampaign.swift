// The tamper campaign. A base ledger of ~100 events (indicators, readings,
// corrections, observations, targets, batches, a quarter close) is built
// with the CLI, its digest taken, and its caches filled by the reader mix.
// Then thousands of seeded mutations of its journal: flip or set a byte,
// delete, duplicate, swap or insert a line (garbage, or a forged event with
// a valid hash of its own), truncate, append garbage, rewrite a past value
// without and with recomputing every later hash, delete an event and
// renumber and rehash the rest. Each mutated journal is put back beside the
// caches of the original, in the account's cache folder the binary reads
// for it (a cache that vouched for the journal without checking would hide
// the change), then `ledger verify` runs, and when it passes, `ledger
// verify --digest` with the digest taken before.
//
// Every mutation must be caught (exit 3), and the report must name the
// first affected seq, which the campaign works out from the bytes alone:
//   - the first line that differs from the original: `verify` names it
//     (a forged event is valid by itself, so the next line is named);
//   - a journal that is a clean prefix of the original but ends inside a
//     batch or in a partial line: a torn tail at the start of that batch;
//   - a journal whose chain is valid (a clean prefix, or history rewritten
//     with every later hash recomputed): `verify --digest` names the
//     digest's seq: one digest cannot say which earlier event changed;
//     unless the rewrite broke a rule, which `verify` names (at or after
//     the first line the forger changed);
//   - a forged event that breaks a rule (a second reading, a correction of
//     a closed quarter or naming the wrong reading, an unknown indicator, a
//     look-alike name, ...), written with a valid hash at the end or between
//     two batches (every later line renumbered and rehashed): `verify` names
//     exactly that event as breaking the rules.

import Foundation
import LedgerCore
import LedgerToolSupport

final class TamperCampaign: CampaignRun {
    let workspace: Workspace

    enum Expectation: Equatable, CustomStringConvertible {
        case damage(Int64)
        case torn(Int64)
        case digest(Int64)
        /// verify names event `s` as breaking the ledger's rules.
        case rule(Int64)

        var description: String {
            switch self {
            case .damage(let s): return "verify names event \(s)"
            case .torn(let s): return "verify reports a torn tail from event \(s)"
            case .digest(let s): return "verify passes and verify --digest names \(s)"
            case .rule(let s): return "verify names event \(s) as breaking a rule"
            }
        }
    }

    /// What a mutation must make verify say: `expected`, or, where a forger
    /// wrote lines with valid hashes from seq `rulesFrom` on, a broken rule
    /// at or after that seq (and no later than `rulesTo`).
    struct Verdict: CustomStringConvertible {
        var expected: Expectation
        var rulesFrom: Int64?
        var rulesTo: Int64 = .max

        func accepts(_ named: Expectation?) -> Bool {
            if named == expected { return true }
            if case .rule(let r)? = named, let from = rulesFrom { return r >= from && r <= rulesTo }
            return false
        }

        var description: String {
            guard let from = rulesFrom else { return expected.description }
            return "\(expected), or a broken rule at or after event \(from)" + (rulesTo < .max ? " up to \(rulesTo)" : "")
        }
    }

    enum Kind: String, CaseIterable {
        case flipByte = "flip a byte", setByte = "set a byte", deleteLine = "delete a line", duplicateLine = "duplicate a line",
             swapLines = "swap two lines", insertGarbage = "insert a garbage line", insertForged = "insert a forged event",
             truncate = "truncate", appendGarbage = "append garbage", rewriteValue = "rewrite a past value",
             rewriteValueRehash = "rewrite a past value and recompute every later hash",
             deleteRenumberRehash = "delete an event, renumber and rehash the rest",
             rewriteSealedValue = "rewrite a sealed value (same size)",
             forgeBreakingRule = "forge an event that breaks a rule (hash recomputed)"
    }

    /// A base ledger to mutate: its journal's files in order (sealed
    /// segments, then the active journal.jsonl), its caches, its digest.
    struct Base {
        var dir: String
        var files: [(name: String, lines: [[UInt8]])]
        var caches: [(String, [UInt8])]
        var digest: (seq: Int64, hash: String)
        /// Every line of the journal in order, across files.
        var lines: [[UInt8]]
        /// For each line, the seq of the first event of its batch.
        var batchStart: [Int64]

        init(dir: String, files: [(name: String, lines: [[UInt8]])], caches: [(String, [UInt8])], digest: (Int64, String)) {
            self.dir = dir
            self.files = files
            self.caches = caches
            self.digest = digest
            lines = files.flatMap(\.lines)
            var start: Int64 = 1
            batchStart = lines.enumerated().map { i, line in
                let s = start
                if LineFields(line).more == 0 { start = Int64(i) + 2 }
                return s
            }
        }

        /// Where file `f`'s first line sits among all lines.
        func firstLine(of f: Int) -> Int { files[..<f].reduce(0) { $0 + $1.lines.count } }

        /// All the journal's bytes, with file `f` replaced by `bytes`.
        func logical(replacing f: Int, with bytes: [UInt8]) -> [UInt8] {
            files.indices.flatMap { $0 == f ? bytes : JournalLines(lines: files[$0].lines).bytes }
        }
    }

    init(_ config: CampaignConfig) {
        workspace = Workspace("tamper", config)
    }

    func run() -> Report {
        report.declare("mutations tried", "mutations of sealed ledgers", "caught by verify", "caught by verify --digest",
                       "named as a broken rule", "missed", "misnamed", "crashes or hangs")
        var bases: [Base] = []
        do {
            bases.append(try build(workspace.path("base")))
            if tool.has("seal") { bases.append(try sealed(from: bases[0], into: workspace.path("sealed"))) } else {
                report.note("`ledger seal` is not in this build: no sealed ledgers were tampered with")
            }
        } catch {
            report.defect("setup", "\(error)")
            return report
        }
        let work = workspace.path("case")
        var rng = SplitMix64(seed: config.seed, stream: 77)
        var i = 0
        while i < config.mutations {
            let base = bases[i % bases.count]
            let drawn = Kind.allCases[rng.weighted([14, 6, 8, 6, 6, 6, 6, 8, 4, 8, 10, 6, 0, 12])]
            // A draw that would change nothing (a byte set to itself) is drawn again.
            guard let (kind, file, bytes, expectation) = mutate(drawn, base, &rng) else { continue }
            defer { i += 1 }
            try? Files.removeTree(work)
            try? Files.makeDirectories("\(work)/events")
            try? Files.makeDirectories("\(work)/snapshots")
            for (f, entry) in base.files.enumerated() {
                try? Files.write("\(work)/events/\(entry.name)", f == file ? bytes : JournalLines(lines: entry.lines).bytes)
            }
            // The original's caches, where the binary looks for this copy's (its folder is named after the copy's first line).
            if let cache = tool.cacheFolder(of: work) {
                try? Files.removeTree(cache)
                try? Files.makeDirectories(cache)
                for (name, content) in base.caches { try? Files.write("\(cache)/\(name)", content) }
            }
            report.add("mutations tried")
            if base.files.count > 1 { report.add("mutations of sealed ledgers") }
            report.add("tried: \(kind.rawValue)")
            judge(kind, expectation, base: base, work: work, bytes: base.logical(replacing: file, with: bytes), index: i)
            if i % 1000 == 999 { workspace.log("\(i + 1) mutations, \(report["missed"]) missed, \(report["misnamed"]) misnamed") }
        }
        report.note("a single published digest proves that history up to its seq is unchanged, not where it changed: a rewrite with every later hash recomputed that keeps the rules is named at the digest's seq")
        report.note("`verify` replays every event through the rules: a forged event with a valid hash that breaks one is named itself")
        if report.defectCount == 0 { workspace.cleanUp() }
        return report
    }

    // MARK: The base ledgers

    private func build(_ dir: String) throws -> Base {
        try tool.initLedger(dir, entity: "Tamper campaign")
        func ok(_ args: [String]) throws {
            let r = tool.run(args, ledger: dir)
            guard r.code == 0 else { throw FileError(description: "`ledger \(args.joined(separator: " "))` failed: \(r.summary)") }
        }
        for n in 1...5 {
            try ok(["append", "indicator", "--id", "IND-\(n)", "--name", "Indicador \(n)", "--unit", "RECIBOS", "--year", "2017",
                    "--annual-target", "\(1200 * n)", "--owner", "30\(n)", "--owner-name", "COORDINACION \(n)", "--plan", "POA 2017"])
            for m in 1...6 {
                try ok(["append", "reading", "--indicator", "IND-\(n)", "--period", "2017-0\(m)", "--value", "\(90 * n + m)", "--note", "mes \(m)"])
            }
        }
        var batch = "type,indicator,period,value,reason,text\n"
        for n in 1...5 { batch += "reading,IND-\(n),2017-07,\(100 + n),,\n" }
        for n in 1...5 { batch += "correction,IND-\(n),2017-02,\(200 + n),error de captura,\n" }
        for n in 1...5 { batch += "observation,IND-\(n),2017-03,,,\"NO SE CUMPLIO LA META, \(n)\"\n" }
        try Files.write("\(dir)/batch.csv", batch)
        try ok(["append", "--file", "\(dir)/batch.csv"])
        try ok(["append", "target", "--indicator", "IND-1", "--annual-target", "1500", "--reason", "reprogramación"])
        try ok(["append", "budget", "--indicator", "IND-2", "--period", "2017-03", "--modified", "14757499.81", "--accrued", "239415", "--paid", "1000.5"])
        try ok(["append", "close", "--quarter", "2017-Q1", "--plan", "POA 2017"])
        var json = ""
        for n in 1...5 { json += "{\"type\":\"reading\",\"indicator\":\"IND-\(n)\",\"period\":\"2017-08\",\"value\":\"\(300 + n)\"}\n" }
        try Files.write("\(dir)/batch.jsonl", json)
        try ok(["append", "--file", "\(dir)/batch.jsonl"])
        try ok(["append", "reading", "--indicator", "IND-3", "--period", "2017-09", "--value", "7"])
        return try describe(dir)
    }

    /// A copy of `base` whose first half (in whole batches) is sealed into a segment file.
    private func sealed(from base: Base, into dir: String) throws -> Base {
        try Files.copyTree(base.dir, dir)
        let middle = base.lines[base.lines.count / 2]
        guard let at = LineFields.string(middle, key: "\"at\":\"") else { throw FileError(description: "no time in the base journal") }
        let r = tool.run(["seal", "--before", at], ledger: dir)
        guard r.code == 0 else { throw FileError(description: "`ledger seal --before \(at)` failed: \(r.summary)") }
        return try describe(dir)
    }

    /// Fills every cache the build keeps (so mutated journals meet caches that
    /// vouch for the original), takes the digest, reads the journal's files.
    private func describe(_ dir: String) throws -> Base {
        for reader in tool.availableReaders() where reader.deterministic {
            _ = tool.run(reader.arguments.map { $0 == "{indicator}" ? "IND-1" : $0 }, ledger: dir)
        }
        _ = tool.run(["append", "reading", "--indicator", "IND-3", "--period", "2017-10", "--value", "1", "--dry-run"], ledger: dir)
        let d = tool.run(["digest"], ledger: dir)
        guard let head = LedgerTool.head(d.out) else { throw FileError(description: "no digest: \(d.summary)") }
        let events = "\(dir)/events"
        let segments = Files.list(events)
            .filter { $0.hasPrefix("journal.") && $0.hasSuffix(".jsonl") && $0 != "journal.jsonl" }.sorted()
        let files = try (segments + ["journal.jsonl"]).map { ($0, JournalLines(try Files.read("\(events)/\($0)")).lines) }
        let cache = tool.cacheFolder(of: dir) ?? "\(dir)/no-cache"
        let caches = Files.regularFiles(under: cache).map { ($0, (try? Files.read("\(cache)/\($0)")) ?? []) }
        guard !caches.isEmpty else { throw FileError(description: "the reader mix left no cache in \(cache)") }
        return Base(dir: dir, files: files, caches: caches, digest: head)
    }

    // MARK: Mutations

    /// A mutation of one file of `base`: the kind applied, which file, its new
    /// bytes, and what the report must say; nil when it would change nothing.
    /// Sealed segments get same-size changes only: a segment whose size
    /// changed is refused by its size check, whatever else it holds.
    private func mutate(_ drawn: Kind, _ base: Base, _ rng: inout SplitMix64) -> (Kind, Int, [UInt8], Verdict)? {
        let active = base.files.count - 1
        let file = active > 0 && rng.chance(0.5) ? rng.int(0..<active) : active
        var kind = drawn
        if kind == .forgeBreakingRule { return forgeBreakingRule(base, &rng).map { (kind, active, $0.0, $0.1) } }
        if file < active && ![.flipByte, .setByte, .rewriteSealedValue].contains(kind) {
            kind = [Kind.flipByte, .setByte, .rewriteSealedValue][rng.int(0..<3)]
        }
        if file == active && kind == .rewriteSealedValue { kind = .rewriteValue }
        let first = base.firstLine(of: file)
        let own = base.files[file].lines
        var lines = own
        let n = lines.count
        guard n > 1 else { return nil }
        func result(_ bytes: [UInt8], _ expect: Expectation? = nil, rulesFrom: Int64? = nil, rulesTo: Int64 = .max) -> (Kind, Int, [UInt8], Verdict) {
            (kind, file, bytes, Verdict(expected: expect ?? expectation(base.logical(replacing: file, with: bytes), base),
                                        rulesFrom: rulesFrom, rulesTo: rulesTo))
        }
        switch kind {
        case .flipByte, .setByte:
            var bytes = JournalLines(lines: own).bytes
            let at = rng.int(0..<bytes.count)
            let old = bytes[at]
            if kind == .flipByte { bytes[at] ^= UInt8(1 << rng.int(0..<8)) } else { bytes[at] = UInt8(rng.int(0x20...0x7E)) }
            if bytes[at] == old { return nil }
            return result(bytes)
        case .deleteLine:
            lines.remove(at: rng.int(0..<n))
        case .duplicateLine:
            let k = rng.int(0..<n)
            lines.insert(lines[k], at: rng.int(0...n))
        case .swapLines:
            let a = rng.int(0..<n), b = rng.int(0..<n)
            if a == b { return nil }
            lines.swapAt(a, b)
        case .insertGarbage:
            let garbage: [UInt8]
            switch rng.int(0..<4) {
            case 0: garbage = []
            case 1: garbage = Array("{\"v\":1,\"seq\":\(rng.int(1...(first + n)))}".utf8)
            case 2: garbage = rng.bytes(rng.int(1...200)).map { $0 == 0x0A ? 0x20 : $0 }
            default: garbage = Array(own[rng.int(0..<n)].prefix(rng.int(1...100)))
            }
            lines.insert(garbage, at: rng.int(0...n))
        case .insertForged:
            // A new event with a valid hash of its own, placed before event k.
            let k = rng.int(1..<n)
            guard let forged = rewriteValue(own[k], &rng) else { return nil }
            lines.insert(TamperCampaign.rehashed(forged, previous: lineHash(own[k - 1])), at: k)
            // The forged copy is valid by itself, and may break a rule (a budget out of order, ...).
            let forgedSeq = Int64(first + k) + 1
            return result(JournalLines(lines: lines).bytes, .damage(forgedSeq + 1), rulesFrom: forgedSeq, rulesTo: forgedSeq)
        case .truncate:
            let bytes = JournalLines(lines: own).bytes
            return result(Array(bytes.prefix(rng.int(0..<bytes.count))))
        case .appendGarbage:
            var bytes = JournalLines(lines: own).bytes
            bytes += rng.chance(0.5) ? Array(own[n - 1].prefix(rng.int(1..<own[n - 1].count))) : rng.bytes(rng.int(1...64))
            return result(bytes)
        case .rewriteValue:
            let k = rng.int(1..<n)
            guard let changed = rewriteValue(own[k], &rng) else { return nil }
            lines[k] = changed
        case .rewriteSealedValue:
            let k = rng.int(0..<n)
            guard let changed = rewriteValue(own[k], &rng, sameSize: true) else { return nil }
            lines[k] = changed
        case .rewriteValueRehash, .deleteRenumberRehash:
            // Rewrite history from a line of this file on, every later hash recomputed
            // (the rest of this file, and, as this is the last file, nothing after it).
            var all = base.lines
            let k: Int
            if kind == .rewriteValueRehash {
                k = rng.int(max(1, first)..<(first + n))
                guard let changed = rewriteValue(all[k], &rng) else { return nil }
                all[k] = changed
                TamperCampaign.rehash(&all, from: k)
            } else {
                // Only a batch of one that is no seal, so that the batch counts stay consistent and the chain is valid.
                let candidates = (max(1, first)..<(first + n)).filter {
                    LineFields(all[$0]).more == 0 && LineFields(all[$0 - 1]).more == 0
                        && LineFields.string(all[$0], key: "\"type\":\"") != "segment_sealed"
                }
                guard !candidates.isEmpty else { return nil }
                k = rng.pick(candidates)
                all.remove(at: k)
                for i in k..<all.count { all[i] = TamperCampaign.renumbered(all[i], to: Int64(i) + 1) }
                TamperCampaign.rehash(&all, from: k)
            }
            // The lines from k on have valid hashes: a rule they now break (a value a later
            // correction repeats, a correction naming a renumbered reading) is named.
            return result(JournalLines(lines: Array(all[first...])).bytes, .digest(base.digest.seq), rulesFrom: Int64(k) + 1)
        case .forgeBreakingRule:
            return nil  // forged above
        }
        return result(JournalLines(lines: lines).bytes)
    }

    /// An event that breaks one of the ledger's rules, written with a valid
    /// hash: at the end of the journal, or (for a rule that holds wherever
    /// the event sits) between two batches after the indicators are defined,
    /// every later line renumbered and rehashed. The base ledger is known:
    /// IND-1..5 (plan POA 2017, owners 301..305, monthly, 2017) with readings
    /// for January to August, corrections of February, 2017-Q1 closed for
    /// POA 2017, and nothing recorded for October to December.
    private func forgeBreakingRule(_ base: Base, _ rng: inout SplitMix64) -> ([UInt8], Verdict)? {
        let n = rng.int(1...5), id = "IND-\(n)"
        func month(_ m: Int) -> Period { .month(2017, m) }
        func value(_ v: Int) -> LedgerCore.Measurement { .value(DecimalNumber(v)) }
        func reading(_ m: Int, _ v: Int = 5, postClose: Bool = false, reason: String? = nil) -> PendingEvent {
            PendingEvent(.readingRecorded(indicator: id, period: month(m), measurement: value(v), note: nil, postClose: postClose), reason: reason)
        }
        func definition(_ newID: String) -> PendingEvent {
            PendingEvent(.indicatorDefined(IndicatorDefinition(id: newID, name: "Indicador", unit: "RECIBOS", year: 2017, annualTarget: DecimalNumber(1200), plan: "POA 2017")))
        }
        // Rules that hold only at the end (they ask what came before), then rules that hold anywhere.
        let atEnd: [(PendingEvent, String)] = [
            (reading(rng.int(4...8)), "campaign"),                                              // a second reading, no correction
            (PendingEvent(.readingCorrected(indicator: id, period: month(rng.int(1...3)), measurement: value(99_999), corrects: 1, postClose: false), reason: "x"), "campaign"),
            (PendingEvent(.readingCorrected(indicator: id, period: month(5), measurement: value(99_999), corrects: 1, postClose: false), reason: "x"), "campaign"),
            (PendingEvent(.readingCorrected(indicator: id, period: month(5), measurement: value(99_999), corrects: 1, postClose: false)), "campaign"),
            (reading(10, postClose: true, reason: "x"), "campaign"),                            // a post-close mark on an open quarter
            (reading(11, reason: "x"), "campaign"),                                             // a reason the rules do not record
            (PendingEvent(.quarterClosed(quarter: .quarter(2017, 1), plan: "POA 2017")), "campaign"),
            (PendingEvent(.budgetRecorded(indicator: id, period: month(6), figures: BudgetFigures(modified: DecimalNumber(10), accrued: DecimalNumber(20), paid: DecimalNumber(5)))), "campaign"),
        ]
        let anywhere: [(PendingEvent, String)] = [
            (PendingEvent(.readingRecorded(indicator: "IND-9", period: month(5), measurement: value(1), note: nil, postClose: false)), "campaign"),
            (definition("\u{406}ND-\(n)"), "campaign"),                                         // Cyrillic I
            (definition("IND-\(n)\u{200B}"), "campaign"),                                        // zero-width space
            (definition(String(repeating: "X", count: 5000)), "campaign"),
            (PendingEvent(.observationAdded(indicator: id, period: month(12), text: "ok")), "Campaign"),
            (PendingEvent(.observationAdded(indicator: id, period: month(12), text: "ok")), "c\u{430}mpaign"),  // Cyrillic a
            (PendingEvent(.observationAdded(indicator: id, period: month(12), text: "abc\u{202E}fed")), "campaign"),
            (reading(12, -5), "campaign"),
            (PendingEvent(.readingRecorded(indicator: id, period: .month(2018, 1), measurement: value(1), note: nil, postClose: false)), "campaign"),
            (PendingEvent(.targetChanged(indicator: id, change: .annual(DecimalNumber(10)))), "campaign"),
        ]
        var all = base.lines
        let active = base.firstLine(of: base.files.count - 1)
        // Between two batches, after every definition and first reading (line 36), in the active file.
        let boundaries = (max(active + 1, 36)..<all.count).filter {
            LineFields(all[$0 - 1]).more == 0 && LineFields.string(all[$0], key: "\"type\":\"") != "segment_sealed"
        }
        let endwise = boundaries.isEmpty || rng.chance(0.5)
        let (pending, actor) = endwise ? (rng.chance(0.5) ? rng.pick(atEnd) : rng.pick(anywhere)) : rng.pick(anywhere)
        let k = endwise ? all.count : rng.pick(boundaries)
        let previous = all[k - 1]
        guard let atText = LineFields.string(previous, key: "\"at\":\""), let previousAt = Timestamp(parsing: atText) else { return nil }
        let at = Timestamp(microseconds: previousAt.microseconds + 1)
        if k < all.count, let nextText = LineFields.string(all[k], key: "\"at\":\""), let nextAt = Timestamp(parsing: nextText), nextAt <= at { return nil }
        let (line, _) = EventCodec.encode(seq: Int64(k) + 1, at: at, actor: actor, osUser: "forger", pending: pending, more: 0, previous: lineHash(previous))
        all.insert(Array(line.dropLast()), at: k)
        for i in (k + 1)..<all.count { all[i] = TamperCampaign.renumbered(all[i], to: Int64(i) + 1) }
        TamperCampaign.rehash(&all, from: k + 1)
        return (JournalLines(lines: Array(all[active...])).bytes, Verdict(expected: .rule(Int64(k) + 1)))
    }

    /// What the report must say for a journal (all its files, in order)
    /// changed without forging hashes.
    private func expectation(_ bytes: [UInt8], _ base: Base) -> Expectation {
        let mutated = JournalLines(bytes)
        let original = base.lines
        for (i, line) in mutated.lines.enumerated() where i >= original.count || line != original[i] {
            return .damage(Int64(i) + 1)
        }
        let k = mutated.lines.count
        if k > 0 && LineFields(original[k - 1]).more > 0 { return .torn(base.batchStart[k - 1]) }
        if !mutated.fragment.isEmpty { return .torn(Int64(k) + 1) }
        // A clean prefix of a sealed ledger has lost the seal event at its end: verify names where it was.
        if base.files.count > 1 { return .damage(Int64(k) + 1) }
        return .digest(base.digest.seq)
    }

    private func lineHash(_ line: [UInt8]) -> Digest256 {
        Digest256(hex: line[(line.count - 66)..<(line.count - 2)])!
    }

    /// The line with one value (`value`, `annual_target`, a note or text) changed.
    private func rewriteValue(_ line: [UInt8], _ rng: inout SplitMix64, sameSize: Bool = false) -> [UInt8]? {
        let text = String(decoding: line, as: UTF8.self)
        for key in ["\"value\":\"", "\"annual_target\":\"", "\"modified\":\"", "\"note\":\"", "\"text\":\"", "\"entity\":\""] {
            guard let range = text.range(of: key) else { continue }
            guard let end = text[range.upperBound...].firstIndex(of: "\"") else { continue }
            let old = String(text[range.upperBound..<end])
            var new = key.contains("value") || key.contains("target") || key.contains("modified") ? String(rng.int(0...99999)) : old + "x"
            if new == old { new += "1" }
            if sameSize {
                // Each character replaced by another of the same width: the line keeps its length.
                new = String(old.map { c -> Character in
                    guard c.isASCII else { return c }
                    if let d = c.wholeNumberValue { return Character(String((d + 1) % 10)) }
                    return c == "x" ? "y" : "x"
                })
                if new == old { continue }
            }
            return Array((text[..<range.upperBound] + new + text[end...]).utf8)
        }
        return nil
    }

    /// The line with its hash recomputed over its body chained to `previous`
    /// (its prev field set to `previous` first).
    static func rehashed(_ line: [UInt8], previous: Digest256) -> [UInt8] {
        var body = Array(line[0..<(line.count - EventCodec.hashSuffixLength)])
        let prevHex = Array(previous.hex.utf8)
        body.replaceSubrange((body.count - 65)..<(body.count - 1), with: prevHex)
        let hash = ChainHash.of(previous: previous, body: body)
        return body + Array(",\"hash\":\"\(hash.hex)\"}".utf8)
    }

    static func rehash(_ lines: inout [[UInt8]], from k: Int) {
        for i in max(1, k)..<lines.count {
            let previous = Digest256(hex: lines[i - 1][(lines[i - 1].count - 66)..<(lines[i - 1].count - 2)])!
            lines[i] = rehashed(lines[i], previous: previous)
        }
        if k == 0 { lines[0] = rehashed(lines[0], previous: .zero) }
    }

    static func renumbered(_ line: [UInt8], to seq: Int64) -> [UInt8] {
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #""seq":\d+"#, options: .regularExpression) else { return line }
        return Array(text.replacingCharacters(in: range, with: "\"seq\":\(seq)").utf8)
    }

    // MARK: Judging

    private func judge(_ kind: Kind, _ expectation: Verdict, base: Base, work: String, bytes: [UInt8], index: Int) {
        let digest = base.digest
        let v = tool.run(["verify"], ledger: work, timeout: 60)
        var final = v
        var command = "ledger verify"
        if v.code == 0 {
            command = "ledger verify --digest \(digest.seq):\(digest.hash)"
            final = tool.run(["verify", "--digest", "\(digest.seq):\(digest.hash)"], ledger: work, timeout: 60)
        }
        if final.isCrash || final.timedOut {
            report.add("crashes or hangs")
            report.defect(final.timedOut ? "hang" : "crash", "\(kind.rawValue): \(final.summary)",
                          reproducer: workspace.keep("crash", trees: ["\(work)/events"], command: command, result: final))
            return
        }
        guard final.code == 3 else {
            report.add("missed")
            report.defect("mutation not caught", "#\(index) \(kind.rawValue): \(command) gave \(final.summary); expected: \(expectation)",
                          reproducer: workspace.keep("missed", trees: ["\(work)/events"], command: command, result: final))
            return
        }
        report.add(v.code == 0 ? "caught by verify --digest" : "caught by verify")
        let named = TamperCampaign.named(final.err, bytes: bytes)
        if case .rule? = named { report.add("named as a broken rule") }
        if !expectation.accepts(named) {
            report.add("misnamed")
            report.defect("report names the wrong event", "#\(index) \(kind.rawValue): expected \(expectation), got \(named.map { "\($0)" } ?? "no seq"): \(final.err.prefix(300))",
                          reproducer: workspace.keep("misnamed", trees: ["\(work)/events"], command: command, result: final))
        }
    }

    /// What a failed verify named, read from its message: the seq after
    /// `journal.jsonl:` (damage, or a torn tail), or the digest's seq.
    static func named(_ err: String, bytes: [UInt8]) -> Expectation? {
        func number(_ pattern: String) -> Int64? {
            guard let r = err.range(of: pattern, options: .regularExpression) else { return nil }
            return err[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }.first
        }
        // A digest the journal does not hold is named by its own seq, whether
        // the message reads it as a typo, a miscopied seq or a rewrite.
        if let d = number(#"the digest \d+"#) { return .digest(d) }
        guard let seq = number(#"\.jsonl:\d+:"#) else { return nil }
        if err.contains("breaks the ledger's rules") { return .rule(seq) }
        return err.contains("incomplete event") || err.contains("incomplete batch") ? .torn(seq) : .damage(seq)
    }
}

extension JournalLines {
    init(lines: [[UInt8]]) {
        self.init([])
        self.lines = lines
    }
}
