// The `ledger-bench` command line: `generate`, `run` and `signatures`.

import LedgerCore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

public enum BenchCLI {
    static let usage = """
    usage: ledger-bench generate --events N [--seed S] --out DIR [--signed none|batch|event]
           ledger-bench signatures [--count N] [--seed S]
           ledger-bench run [--sizes 10000,100000,1000000] [--seed S] [--json FILE] [--markdown FILE] [--cache DIR]
                            [--runs N] [--ledger-binary PATH] [--static-binary PATH] [--skip-sqlite]
                            [--per-event-up-to N] [--skip-signing]

    generate  writes a synthetic ledger of exactly N events into DIR (which must
              not hold one), through the real append path, deterministic for a seed;
              --signed batch signs each batch once, --signed event every event
              (members' keys made from the seed; signatures required).
    signatures  times N ledger signature checks on one core, then on every core.
    run       builds (or reuses, under --cache, default /tmp/ledger-bench) a ledger
              of each size and times whole `ledger` processes against SQLite and
              this machine's floors; prints a table, writes JSON with --json and the
              targets and full tables as Markdown with --markdown.
              --static-binary names a second build of the same code, linked with
              `--static-swift-stdlib`: its start and append are timed next to the
              README's build (the `ledger` beside this program, or --ledger-binary).
              Each size also gets a ledger signed per batch and (up to
              --per-event-up-to N events, default 1000000) one signed per event,
              verified beside the unsigned one; and once per run, signed appends
              (ssh-agent, key file) against unsigned ones on small ledgers, and the
              signature checks a second in process (--skip-signing: neither).
    """

    /// What each command accepts.
    static let generateArguments = ArgumentSpec(options: ["events", "seed", "out", "signed"])
    static let runArguments = ArgumentSpec(options: ["sizes", "seed", "json", "markdown", "cache", "runs", "ledger-binary", "static-binary", "per-event-up-to"],
                                                flags: ["skip-sqlite", "skip-signing"])

    /// `--name` as a positive whole number (underscores allowed), if given.
    static func positive(_ o: ParsedArguments, _ name: String) throws -> Int? {
        guard let v = o.value(name) else { return nil }
        guard let n = Int(v.filter { $0 != "_" }), n > 0 else { throw BenchError.usage("--\(name) must be a positive whole number") }
        return n
    }

    /// Splits a command's arguments; a misfit is a usage error.
    static func parse(_ args: ArraySlice<String>, _ spec: ArgumentSpec) throws -> ParsedArguments {
        do { return try spec.parse(Array(args)) } catch { throw BenchError.usage(error.description) }
    }

    public static func main(_ args: [String]) -> Int32 {
        guard let command = args.first else {
            Console.error(usage)
            return 2
        }
        do {
            switch command {
            case "generate":
                let o = try parse(args.dropFirst(), generateArguments)
                guard let n = try positive(o, "events"), let out = o.value("out") else { throw BenchError.usage("generate needs --events N and --out DIR") }
                let seed = try UInt64(positive(o, "seed") ?? 1)
                let start = Monotonic.now()
                var lastReport = 0
                guard let signing = GeneratorSigning(rawValue: o.value("signed") ?? "none") else {
                    throw BenchError.usage("--signed takes none, batch or event")
                }
                let made = try Generator.generate(events: n, seed: seed, into: out, signing: signing) { done in
                    if done * 10 / n > lastReport {
                        lastReport = done * 10 / n
                        Console.error("generate: \(done) of \(n) events (\(Format.seconds(Monotonic.now() - start)))")
                    }
                }
                try Files.write(out + "/" + GeneratedLedger.fileName, made.manifest)
                print(made.manifest, terminator: "")
                print("seconds=\(Format.fixed(Monotonic.now() - start, 1))")
                return 0
            case "run":
                let o = try parse(args.dropFirst(), runArguments)
                var config = BenchConfig()
                if let s = o.value("sizes") {
                    config.sizes = try s.split(separator: ",").map { part -> Int in
                        guard let n = Int(part.filter { $0 != "_" }), n >= 2000 else { throw BenchError.usage("--sizes takes sizes of at least 2000, comma-separated") }
                        return n
                    }
                }
                if let seed = try positive(o, "seed") { config.seed = UInt64(seed) }
                if let c = o.value("cache") { config.cache = c }
                config.json = o.value("json")
                config.markdown = o.value("markdown")
                config.runs = try positive(o, "runs")
                config.ledgerBinary = o.value("ledger-binary")
                config.staticBinary = o.value("static-binary")
                config.sqlite = !o.has("skip-sqlite")
                config.signing = !o.has("skip-signing")
                if let n = try positive(o, "per-event-up-to") { config.perEventUpTo = n }
                config.commandLine = (["ledger-bench"] + args).joined(separator: " ")
                return try Bench(config).run()
            case "signatures":
                let o = try parse(args.dropFirst(), ArgumentSpec(options: ["count", "seed"]))
                return try SignatureBench.run(count: try positive(o, "count") ?? 20_000, seed: UInt64(try positive(o, "seed") ?? 1))
            case "-h", "--help", "help":
                print(usage)
                return 0
            default:
                throw BenchError.usage("unknown command \(command)")
            }
        } catch let e as BenchError {
            Console.error("ledger-bench: \(e)")
            if case .usage = e { Console.error(usage); return 2 }
            return 1
        } catch {
            Console.error("ledger-bench: \(error)")
            return 1
        }
    }
}

public enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case failed(String)

    public var description: String {
        switch self {
        case .usage(let m), .failed(let m): return m
        }
    }
}
