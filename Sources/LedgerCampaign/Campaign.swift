// The six campaigns, their parameters, and the workspace each runs in.
// A campaign drives the built `ledger` binary as child processes, checks the
// contract of docs/CONTRACT.md from outside (exit codes, messages, journal bytes,
// acknowledged receipts), and returns a Report of figures and defects.

import Foundation
import LedgerToolSupport

/// Parameters of a campaign run. The defaults are the bounded (CI) sizes;
/// RELIABILITY.md gives the full-run sizes.
public struct CampaignConfig: Sendable {
    /// The `ledger` binary under test.
    public var binary: String
    /// Where ledgers, inputs and reproducers go.
    public var workdir: String
    public var seed: UInt64 = 1
    /// Crash and concurrency: rounds, each followed by the checks.
    public var rounds: Int = 3
    /// Concurrent writer processes (crash, concurrency).
    public var writers: Int = 3
    /// Concurrent reader processes (concurrency).
    public var readers: Int = 2
    /// Appends per writer per round.
    public var operations: Int = 6
    /// Crash: the chance that an append is killed, at a random instant within its expected run time.
    public var killProbability: Double = 0.5
    /// Largest batch, in indicators (each with up to 12 readings).
    public var maxBatchIndicators: Int = 20
    /// Tamper: mutations tried.
    public var mutations: Int = 200
    /// Bad input: inputs tried.
    public var inputs: Int = 200
    /// Bad input: include the 10 MB inputs.
    public var hugeInputs: Bool = true
    /// Resource faults: how many times each fault case runs.
    public var faultRepeats: Int = 1
    /// Resource faults: also wait out the default 10 s lock timeout once.
    public var defaultLockWait: Bool = false
    /// Trust: cases tried (forged caches, planted links and clocks in turn).
    public var trustCases: Int = 60
    /// Print progress to stderr.
    public var verbose: Bool = false

    public init(binary: String, workdir: String) {
        self.binary = binary
        self.workdir = workdir
    }
}

public enum CampaignName: String, CaseIterable, Sendable {
    case crash, concurrency, tamper, badinput, faults, trust
}

public enum Campaigns {
    public static func run(_ name: CampaignName, _ config: CampaignConfig) -> Report {
        let start = Monotonic.now()
        let report: Report
        switch name {
        case .crash: report = CrashCampaign(config).run()
        case .concurrency: report = ConcurrencyCampaign(config).run()
        case .tamper: report = TamperCampaign(config).run()
        case .badinput: report = BadInputCampaign(config).run()
        case .faults: report = FaultCampaign(config).run()
        case .trust: report = TrustCampaign(config).run()
        }
        report.seconds = Monotonic.now() - start
        return report
    }
}

/// A campaign: what it reaches through its workspace.
protocol CampaignRun: AnyObject {
    var workspace: Workspace { get }
}

extension CampaignRun {
    var config: CampaignConfig { workspace.config }
    var report: Report { workspace.report }
    var tool: LedgerTool { workspace.tool }
}

/// A campaign's directory, its `ledger` runner, and where reproducers go.
final class Workspace {
    let root: String
    let tool: LedgerTool
    let config: CampaignConfig
    let report: Report
    private var reproducers = 0
    private let lock = NSLock()

    init(_ name: String, _ config: CampaignConfig) {
        self.config = config
        root = "\(config.workdir)/\(name)-\(config.seed)"
        try? Files.removeTree(root)
        try? Files.makeDirectories(root)
        tool = LedgerTool(binary: config.binary, scratch: "\(root)/scratch")
        report = Report(campaign: name, seed: config.seed)
    }

    func path(_ relative: String) -> String { "\(root)/\(relative)" }

    /// Saves what reproduces a defect: the listed files and a text of the
    /// command and its output. Returns the directory.
    func keep(_ label: String, files: [String] = [], trees: [String] = [], command: String, result: CapturedProcess?) -> String {
        lock.lock()
        reproducers += 1
        let number = reproducers
        lock.unlock()
        let dir = "\(config.workdir)/defects/\(report.campaign)-\(config.seed)-\(number)-\(label)"
        try? Files.removeTree(dir)
        try? Files.makeDirectories(dir)
        for f in files where Files.exists(f) {
            try? Files.write("\(dir)/\(URL(fileURLWithPath: f).lastPathComponent)", (try? Files.read(f)) ?? [])
        }
        for t in trees { try? Files.copyTree(t, "\(dir)/\(URL(fileURLWithPath: t).lastPathComponent)") }
        var text = "command: \(command)\n"
        if let r = result {
            text += "ended: \(r.termination) in \(String(format: "%.3f", r.seconds)) s\(r.timedOut ? " (timed out)" : "")\n"
            text += "--- stdout (first 4 KB)\n" + String(r.out.prefix(4096)) + "\n--- stderr (first 8 KB)\n" + String(r.err.prefix(8192)) + "\n"
        }
        try? Files.write("\(dir)/README.txt", text)
        return dir
    }

    func log(_ text: String) {
        if config.verbose { FileHandle.standardError.write(("[\(report.campaign)] " + text + "\n").data(using: .utf8)!) }
    }

    /// Removes the workspace (reproducers live elsewhere and stay).
    func cleanUp() { try? Files.removeTree(root) }
}

/// Replaces the ledger directory's path in a command's output, so the
/// outputs of two copies of a ledger can be compared.
func normalized(_ text: String, _ directory: String) -> String {
    text.replacingOccurrences(of: directory, with: "<LEDGER>")
}
