// The cache oracle: caches (the facts index, state checkpoints, kept
// reports, in the account's cache folder for the ledger) must never change
// an answer. The same probe run on a ledger as it is, with whatever caches
// kills, corruption or forgery left, and on a copy of it elsewhere (another
// folder, so another cache folder: none) must print the same bytes and exit
// the same way.
// The probe is a dry-run batch (readings and corrections whose refusals
// name the seqs the facts index points to) and the deterministic reader
// commands at a fixed clock.

import Foundation
import LedgerToolSupport

struct CacheOracle {
    let workspace: Workspace

    struct Probe {
        /// (indicator, month) pairs to record a reading for: refused when one exists.
        var readings: [(String, Int)]
        /// (indicator, month) pairs to correct: refused when there is no reading.
        var corrections: [(String, Int)]
        /// An indicator id for `history`.
        var indicator: String?
    }

    private static func period(_ m: Int) -> String { m < 10 ? "2017-0\(m)" : "2017-\(m)" }

    /// Runs the probe on `ledger` and on a cacheless copy; returns the
    /// differences (empty when they agree). Without `readers`, only the
    /// dry-run batch and `verify` (the reader mix reads the whole journal twice).
    func compare(ledger: String, probe: Probe, label: String, readers: Bool = true) -> [String] {
        let tool = workspace.tool
        let file = workspace.path("probe-\(label).csv")
        var text = "type,indicator,period,value,reason\n"
        for (id, m) in probe.readings { text += "reading,\(id),\(CacheOracle.period(m)),1,\n" }
        for (id, m) in probe.corrections { text += "correction,\(id),\(CacheOracle.period(m)),777777,probe\n" }
        try? Files.write(file, text)
        let env = ["LEDGER_CLOCK": LedgerTool.fixedClock]
        var commands: [[String]] = []
        if !probe.readings.isEmpty || !probe.corrections.isEmpty { commands.append(["append", "--file", file, "--dry-run"]) }
        for reader in tool.availableReaders() where reader.deterministic && (readers || reader.name == "verify") {
            if reader.arguments.contains("{indicator}") && probe.indicator == nil { continue }
            commands.append(reader.arguments.map { $0 == "{indicator}" ? probe.indicator! : $0 })
        }
        // The ledger as it is first, so the probe meets the caches as they were left.
        let asIs = commands.map { tool.run($0, ledger: ledger, env: env, timeout: 120) }
        let copy = workspace.path("oracle-\(label)")
        do { try Files.copyTree(ledger, copy, skip: ["events/.cache"]) } catch { return ["cannot copy the ledger: \(error)"] }
        if let fresh = tool.cacheFolder(of: copy) { try? Files.removeTree(fresh) }
        defer {
            if let fresh = tool.cacheFolder(of: copy) { try? Files.removeTree(fresh) }
            try? Files.removeTree(copy)
        }
        let fresh = commands.map { tool.run($0, ledger: copy, env: env, timeout: 120) }
        var differences: [String] = []
        for (i, command) in commands.enumerated() {
            let a = asIs[i], b = fresh[i]
            let same = a.termination == b.termination && normalized(a.out, ledger) == normalized(b.out, copy)
                && normalized(a.err, ledger) == normalized(b.err, copy)
            if !same {
                differences.append("`ledger \(command.joined(separator: " "))` with caches: \(a.summary) / without: \(b.summary)")
            }
            if a.isCrash || a.timedOut { differences.append("`ledger \(command.joined(separator: " "))` crashed with caches: \(a.summary)") }
        }
        return differences
    }
}
