// The signed append as whole processes (issue 12): one `ledger append
// reading` process per run on small ledgers, unsigned (`--actor`, on a
// ledger requiring nothing), signed through ssh-agent (`--key clerk.pub`)
// and signed with the key file (`--key clerk`: ssh-keygen -Y sign), on a
// ledger requiring signatures, measured interleaved; with `ssh-keygen -Y
// sign` of a one-line message alone (the key file's floor). The keys are
// made here with `ssh-keygen -t ed25519 -N ''`; the agent is started here
// and stopped (by its pid) when the measures are done.

import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

/// The signed-append measures of a run, and the in-process signature checks.
final class SignedAppendRun {
    let bench: Bench
    let directory: String
    var plain: String { directory + "/plain" }
    var signed: String { directory + "/signed" }
    var agentPID: pid_t = 0
    var socket: String { directory + "/agent.sock" }
    /// The plan year of the indicators the appends go to.
    static let year = 2017

    init(bench: Bench) {
        self.bench = bench
        directory = bench.config.cache + "/signing"
    }

    func ledger(_ dir: String, _ args: [String]) -> [String] { [bench.ledgerBinary, "--ledger", dir] + args }

    /// The indicators `APPEND-k-2017` of `k` in 1...count, as a batch file.
    func defineIndicators(count: Int) throws -> String {
        let file = directory + "/indicators.csv"
        try Files.write(file, Workloads.slotIndicators(year: Self.year, count: count))
        return file
    }

    /// Makes the keys, starts the agent, makes both ledgers, measures.
    func run() throws -> SigningReport {
        guard (try? Spawn.check(["sh", "-c", "command -v ssh-keygen && command -v ssh-agent && command -v ssh-add"])) != nil else {
            return SigningReport(ledgerEvents: 0, notes: ["signed appends skipped: ssh-keygen, ssh-agent or ssh-add is not on this machine"])
        }
        try Files.removeTree(directory)
        try Files.makeDirectories(directory)
        for name in ["admin", "clerk"] {
            try Spawn.check(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", directory + "/" + name, "-C", "benchmark \(name)"])
        }
        let agentOutput = try Spawn.output(["ssh-agent", "-s", "-a", socket])
        guard let pid = SignedAppendRun.agentPID(agentOutput) else { throw BenchError.failed("cannot read ssh-agent's pid from: \(agentOutput.prefix(200))") }
        agentPID = pid
        defer { stopAgent() }
        let agentEnvironment = ["SSH_AUTH_SOCK": socket]
        try Spawn.check(["ssh-add", "-q", directory + "/clerk"], environment: agentEnvironment)

        let runs = bench.config.runs ?? 15
        let warmups = 1
        let perCase = (warmups + runs + 11) / 12 + 1
        let indicators = try defineIndicators(count: 2 * perCase)
        let admin = directory + "/admin"
        try Spawn.check(ledger(plain, ["init", "--entity", "Bench", "--actor", "ana"]))
        try Spawn.check(ledger(plain, ["append", "--file", indicators, "--actor", "ana"]))
        try Spawn.check(ledger(signed, ["init", "--entity", "Bench", "--admin", "ana", "--public-key", admin + ".pub", "--key", admin,
                                        "--signatures", "required"]))
        try Spawn.check(ledger(signed, ["member", "roles", "--name", "ana", "--role", "admin,planner", "--key", admin]))
        try Spawn.check(ledger(signed, ["member", "add", "--name", "luis", "--public-key", directory + "/clerk.pub", "--role", "recorder", "--key", admin]))
        try Spawn.check(ledger(signed, ["append", "--file", indicators, "--key", admin]))
        let events = (Files.readText(signed + "/events/journal.jsonl") ?? "").utf8.filter { $0 == 0x0A }.count

        // Each case its own indicators: the agent's first, the key file's after them.
        func reading(_ slot: Int, offset: Int) -> [String] {
            let k = offset + slot / 12 + 1, m = slot % 12 + 1
            return ["append", "reading", "--indicator", "APPEND-\(k)-\(Self.year)", "--period", "\(Self.year)-\(pad(m, 2))", "--value", String(5 + slot)]
        }
        let errPath = directory + "/stderr.txt"
        func process(_ key: String, _ label: String, environment: [String: String] = [:], prepare: @escaping () -> Void = {},
                     _ argv: @escaping (Int) -> [String]) -> Case {
            Case(result: BenchResult(key: key, label: label, group: "ledger"), warmups: warmups, runs: runs) { i in
                prepare()
                let args = argv(i)
                let s = try Spawn.measured(args, redirects: Redirects(stdout: "/dev/null", stderr: errPath), environment: environment)
                guard s.status == 0 else {
                    throw BenchError.failed("\(args.joined(separator: " ").prefix(300)) exited \(s.status): \((Files.readText(errPath) ?? "").prefix(400))")
                }
                return s
            }
        }
        let message = directory + "/message.txt"
        try Files.write(message, "2017-01 reading of one indicator, as a batch's line would be\n")
        let cases = [
            process("append.unsigned", "append reading, unsigned (--actor), ledger requiring nothing") { i in
                self.ledger(self.plain, reading(i, offset: 0) + ["--actor", "luis"])
            },
            process("append.agent", "append reading, signed through ssh-agent (--key clerk.pub)", environment: agentEnvironment) { i in
                self.ledger(self.signed, reading(i, offset: 0) + ["--key", self.directory + "/clerk.pub"])
            },
            process("append.keyfile", "append reading, signed with the key file (--key clerk: ssh-keygen -Y sign)") { i in
                self.ledger(self.signed, reading(i, offset: perCase) + ["--key", self.directory + "/clerk"])
            },
            process("keygen.sign", "floor: ssh-keygen -Y sign of a one-line message alone", prepare: { Files.remove(message + ".sig") }) { _ in
                ["ssh-keygen", "-Y", "sign", "-f", self.directory + "/clerk", "-n", SignedBatch.namespace, message]
            },
        ]
        var results = Bench.interleave(cases, forcedRuns: nil) { _ in runs }
        for r in results {
            let shown = r.median.map { Format.seconds($0) + " (\(r.samples.count) runs)" } ?? (r.note ?? "")
            Console.error("  signing \(r.key): \(shown)")
        }
        var notes = ["two small ledgers: one requiring nothing (unsigned appends), one requiring signatures (\(Format.grouped(events)) events before the appends: "
                     + "admin ana, recorder luis with an Ed25519 key made by ssh-keygen -t ed25519 -N ''); one reading per process, "
                     + "\(runs) timed runs after \(warmups) untimed, the cases interleaved"]
        do {
            try Spawn.check(ledger(signed, ["verify"]))
            notes.append("the signed ledger verifies after the appends")
        } catch {
            notes.append("the signed ledger does NOT verify after the appends: \(error)")
            for i in results.indices where results[i].key != "append.unsigned" { results[i].note = "its ledger does not verify" }
        }
        Console.error("ledger-bench: signature checks in process (20,000)")
        let checks = try SignatureBench.measure(count: 20_000, seed: bench.config.seed)
        return SigningReport(ledgerEvents: events, appends: results, checks: checks, notes: notes)
    }

    /// The pid in `ssh-agent -s`'s output (`SSH_AGENT_PID=1234; export SSH_AGENT_PID;`).
    static func agentPID(_ output: String) -> pid_t? {
        let prefix = "SSH_AGENT_PID="
        for part in output.split(whereSeparator: { $0 == ";" || $0 == "\n" }) {
            let field = part.droppingLeading(" ")
            if field.hasPrefix(prefix) { return pid_t(field.dropFirst(prefix.count)) }
        }
        return nil
    }

    /// Stops the agent this run started, by its pid.
    func stopAgent() {
        guard agentPID > 0 else { return }
        kill(agentPID, SIGTERM)
        agentPID = 0
        Files.remove(socket)
    }
}
