// The `ledger-bench` command line: `generate` and `run`.

import LedgerCore
#if canImport(Glibc)
import Glibc
#endif

public enum BenchCLI {
    static let usage = """
    usage: ledger-bench generate --events N [--seed S] --out DIR
           ledger-bench run [--sizes 10000,100000,1000000] [--seed S] [--json FILE] [--cache DIR]
                            [--runs N] [--ledger-binary PATH] [--skip-sqlite]

    generate  writes a synthetic ledger of exactly N events into DIR (which must
              not hold one), through the real append path, deterministic for a seed.
    run       builds (or reuses, under --cache, default /tmp/ledger-bench) a ledger
              of each size and times whole `ledger` processes against SQLite and
              this machine's floors; prints a table, and writes JSON with --json.
    """

    /// Options as `--name value` pairs (and bare flags).
    struct Options {
        var values: [String: String] = [:]
        var flags: Set<String> = []

        init(_ args: [String], flags known: Set<String>) throws {
            var i = 0
            while i < args.count {
                let a = args[i]
                guard a.hasPrefix("--") else { throw BenchError.usage("unexpected argument \(a)") }
                var name = String(a.dropFirst(2))
                if let eq = name.firstIndex(of: "=") {
                    values[String(name[..<eq])] = String(name[name.index(after: eq)...])
                    name = ""
                } else if known.contains(name) {
                    flags.insert(name)
                } else {
                    guard i + 1 < args.count else { throw BenchError.usage("--\(name) needs a value") }
                    values[name] = args[i + 1]
                    i += 1
                }
                i += 1
            }
        }

        func int(_ name: String) throws -> Int? {
            guard let v = values[name] else { return nil }
            guard let n = Int(v.filter { $0 != "_" }), n > 0 else { throw BenchError.usage("--\(name) must be a positive whole number") }
            return n
        }
    }

    public static func main(_ args: [String]) -> Int32 {
        guard let command = args.first else {
            printError(usage)
            return 2
        }
        do {
            switch command {
            case "generate":
                let o = try Options(Array(args.dropFirst()), flags: [])
                guard let n = try o.int("events"), let out = o.values["out"] else { throw BenchError.usage("generate needs --events N and --out DIR") }
                let seed = try UInt64(o.int("seed") ?? 1)
                let start = Clock.now()
                var lastReport = 0
                let made = try Generator.generate(events: n, seed: seed, into: out) { done in
                    if done * 10 / n > lastReport {
                        lastReport = done * 10 / n
                        printError("generate: \(done) of \(n) events (\(Format.seconds(Clock.now() - start)))")
                    }
                }
                try Files.write(out + "/" + GeneratedLedger.fileName, made.manifest)
                print(made.manifest, terminator: "")
                print("seconds=\(Format.fixed(Clock.now() - start, 1))")
                return 0
            case "run":
                let o = try Options(Array(args.dropFirst()), flags: ["skip-sqlite"])
                var config = BenchConfig()
                if let s = o.values["sizes"] {
                    config.sizes = try s.split(separator: ",").map { part -> Int in
                        guard let n = Int(part.filter { $0 != "_" }), n >= 2000 else { throw BenchError.usage("--sizes takes sizes of at least 2000, comma-separated") }
                        return n
                    }
                }
                if let seed = try o.int("seed") { config.seed = UInt64(seed) }
                if let c = o.values["cache"] { config.cache = c }
                config.json = o.values["json"]
                config.runs = try o.int("runs")
                config.ledgerBinary = o.values["ledger-binary"]
                config.sqlite = !o.flags.contains("skip-sqlite")
                config.commandLine = (["ledger-bench"] + args).joined(separator: " ")
                return try Bench(config).run()
            case "-h", "--help", "help":
                print(usage)
                return 0
            default:
                throw BenchError.usage("unknown command \(command)")
            }
        } catch let e as BenchError {
            printError("ledger-bench: \(e)")
            if case .usage = e { printError(usage); return 2 }
            return 1
        } catch {
            printError("ledger-bench: \(error)")
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

func printError(_ text: String) {
    var t = text + "\n"
    t.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}
