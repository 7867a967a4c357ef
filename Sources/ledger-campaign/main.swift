// ledger-campaign: runs the reliability campaigns of RELIABILITY.md against
// the built `ledger` binary and prints their figures. Exit 0 when no defect
// was found, 1 when one was, 2 for a usage error.

import Foundation
import LedgerCampaign
import LedgerToolSupport

let usage = """
    usage: ledger-campaign CAMPAIGN... [options]
      CAMPAIGN: crash, concurrency, tamper, badinput, faults, trust, or all
    options:
      --seed N          seed for inputs, mutations and kill instants (default 1)
      --rounds N        crash/concurrency rounds (default 3)
      --writers N       concurrent writers (default 3)
      --readers N       concurrent readers, concurrency campaign (default 2)
      --operations N    appends per writer per round (default 6)
      --kill-probability P   share of appends SIGKILLed in the crash campaign (default 0.5)
      --max-batch N     largest batch, in indicators of up to 12 readings each (default 20)
      --mutations N     tamper: mutations to try (default 200)
      --inputs N        bad input: inputs to try (default 200)
      --no-huge         bad input: leave out the 10 MB inputs
      --fault-repeats N resource faults: run each case N times (default 1)
      --default-lock-wait    faults: also wait out the default 10 s lock timeout once
      --trust-cases N   trust: forged caches, planted links and clocks to try (default 60)
      --ledger PATH     the ledger binary (default: $LEDGER_BIN, next to this program, or .build/debug/ledger)
      --workdir DIR     where ledgers and reproducers go (default: $TMPDIR/ledger-campaign)
      --json            print each report as one JSON line instead of text
      --verbose         progress on stderr
    """

func fail(_ message: String) -> Never {
    Console.error(message + "\n\n" + usage)
    exit(2)
}

let declared = ArgumentSpec(
    options: ["seed", "rounds", "writers", "readers", "operations", "kill-probability", "max-batch", "mutations", "inputs",
              "fault-repeats", "trust-cases", "ledger", "workdir"],
    flags: ["no-huge", "default-lock-wait", "json", "verbose", "help"],
    takesPositionals: true)
let parsed: ParsedArguments
do {
    parsed = try declared.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    if case .unknownOption(let token) = error { fail("unknown campaign or option \(token)") }
    fail(error.description)
}
if parsed.has("help") || parsed.positionals.contains(where: { $0 == "-h" || $0 == "help" }) {
    print(usage)
    exit(0)
}

/// A count option's value, if given.
func count(_ name: String) -> Int? {
    guard let text = parsed.value(name) else { return nil }
    guard let n = Int(text), n >= 0 else { fail("\(text) is not a count") }
    return n
}

var names: [CampaignName] = []
for a in parsed.positionals {
    if a == "all" { names += CampaignName.allCases; continue }
    guard let name = CampaignName(rawValue: a) else { fail("unknown campaign or option \(a)") }
    names.append(name)
}
var settings: [(inout CampaignConfig) -> Void] = []
if let text = parsed.value("seed") {
    guard let s = UInt64(text) else { fail("--seed takes a whole number") }
    settings.append { $0.seed = s }
}
if let n = count("rounds") { settings.append { $0.rounds = n } }
if let n = count("writers") { settings.append { $0.writers = n } }
if let n = count("readers") { settings.append { $0.readers = n } }
if let n = count("operations") { settings.append { $0.operations = n } }
if let n = count("max-batch") { settings.append { $0.maxBatchIndicators = n } }
if let text = parsed.value("kill-probability") {
    guard let p = Double(text), p >= 0, p <= 1 else { fail("--kill-probability takes a number from 0 to 1") }
    settings.append { $0.killProbability = p }
}
if let n = count("mutations") { settings.append { $0.mutations = n } }
if let n = count("inputs") { settings.append { $0.inputs = n } }
if parsed.has("no-huge") { settings.append { $0.hugeInputs = false } }
if let n = count("fault-repeats") { settings.append { $0.faultRepeats = n } }
if parsed.has("default-lock-wait") { settings.append { $0.defaultLockWait = true } }
if let n = count("trust-cases") { settings.append { $0.trustCases = n } }
if parsed.has("verbose") { settings.append { $0.verbose = true } }
let json = parsed.has("json")
let workdir = parsed.value("workdir") ?? (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/ledger-campaign"
guard !names.isEmpty else { fail("name a campaign") }
guard let ledgerBinary = parsed.value("ledger") ?? LedgerTool.locate() else {
    fail("cannot find the ledger binary; run `swift build` first or pass --ledger PATH")
}
var config = CampaignConfig(binary: URL(fileURLWithPath: ledgerBinary).standardizedFileURL.path,
                            workdir: URL(fileURLWithPath: workdir).standardizedFileURL.path)
for s in settings { s(&config) }

var defects = 0
for name in names {
    let report = Campaigns.run(name, config)
    print(json ? report.json() : report.render())
    defects += report.defectCount
}
if defects > 0 {
    Console.error("ledger-campaign: \(defects) defects found; reproducers are under \(config.workdir)/defects")
}
exit(defects == 0 ? 0 : 1)
