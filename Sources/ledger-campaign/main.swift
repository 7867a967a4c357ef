// ledger-campaign: runs the reliability campaigns of RELIABILITY.md against
// the built `ledger` binary and prints their figures. Exit 0 when no defect
// was found, 1 when one was, 2 for a usage error.

import Foundation
import LedgerCampaign

let usage = """
    usage: ledger-campaign CAMPAIGN... [options]
      CAMPAIGN: crash, concurrency, tamper, badinput, faults, or all
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
      --ledger PATH     the ledger binary (default: $LEDGER_BIN, next to this program, or .build/debug/ledger)
      --workdir DIR     where ledgers and reproducers go (default: $TMPDIR/ledger-campaign)
      --json            print each report as one JSON line instead of text
      --verbose         progress on stderr
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write((message + "\n\n" + usage + "\n").data(using: .utf8)!)
    exit(2)
}

var names: [CampaignName] = []
var json = false
var binary: String?
var workdir = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/ledger-campaign"
var settings: [(inout CampaignConfig) -> Void] = []
var arguments = Array(CommandLine.arguments.dropFirst())
var i = 0

func value() -> String {
    i += 1
    guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
    return arguments[i]
}

func number(_ text: String) -> Int {
    guard let n = Int(text), n >= 0 else { fail("\(text) is not a count") }
    return n
}

while i < arguments.count {
    let a = arguments[i]
    switch a {
    case "all": names += CampaignName.allCases
    case "--seed":
        guard let s = UInt64(value()) else { fail("--seed takes a whole number") }
        settings.append { $0.seed = s }
    case "--rounds": let n = number(value()); settings.append { $0.rounds = n }
    case "--writers": let n = number(value()); settings.append { $0.writers = n }
    case "--readers": let n = number(value()); settings.append { $0.readers = n }
    case "--operations": let n = number(value()); settings.append { $0.operations = n }
    case "--max-batch": let n = number(value()); settings.append { $0.maxBatchIndicators = n }
    case "--kill-probability":
        guard let p = Double(value()), p >= 0, p <= 1 else { fail("--kill-probability takes a number from 0 to 1") }
        settings.append { $0.killProbability = p }
    case "--mutations": let n = number(value()); settings.append { $0.mutations = n }
    case "--inputs": let n = number(value()); settings.append { $0.inputs = n }
    case "--no-huge": settings.append { $0.hugeInputs = false }
    case "--fault-repeats": let n = number(value()); settings.append { $0.faultRepeats = n }
    case "--default-lock-wait": settings.append { $0.defaultLockWait = true }
    case "--ledger": binary = value()
    case "--workdir": workdir = value()
    case "--json": json = true
    case "--verbose": settings.append { $0.verbose = true }
    case "-h", "--help", "help":
        print(usage)
        exit(0)
    default:
        guard let name = CampaignName(rawValue: a) else { fail("unknown campaign or option \(a)") }
        names.append(name)
    }
    i += 1
}
guard !names.isEmpty else { fail("name a campaign") }
guard let ledgerBinary = binary ?? LedgerTool.locate() else {
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
    FileHandle.standardError.write("ledger-campaign: \(defects) defects found; reproducers are under \(config.workdir)/defects\n".data(using: .utf8)!)
}
exit(defects == 0 ? 0 : 1)
