// Runs the built `ledger` binary as a user would: in a temporary directory,
// with an environment we choose, reading its exit code, stdout and stderr.

import Foundation
import XCTest

struct Outcome {
    var code: Int32
    var out: String
    var err: String
}

/// A temporary ledger directory and a way to run `ledger` in it.
final class Sandbox {
    let directory: URL
    var environment: [String: String]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment = ["PATH": "/usr/bin:/bin", "LEDGER_ACTOR": "ana", "LANG": "C", "HOME": directory.path]
    }

    /// Every ledger a test builds must keep the rules (issue 11): before the
    /// sandbox goes, `verify` replays its journal, and an event the rules
    /// would have refused fails the test that made it. Tests that forge
    /// such events on purpose turn this off.
    var checksRulesAtTheEnd = true

    deinit {
        if checksRulesAtTheEnd, FileManager.default.fileExists(atPath: journal.path) {
            let r = run(["verify"])
            if r.err.contains("breaks the ledger's rules") { XCTFail("this test left a ledger that breaks the rules: \(r.err)") }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The `ledger` executable built next to the test bundle.
    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("ledger")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/ledger")
    }()

    var journal: URL { directory.appendingPathComponent("events/journal.jsonl") }

    /// The folder of this ledger's caches: HOME is the sandbox, so the
    /// account's cache directory is `.cache/ledger/` in it, one folder per ledger.
    func cacheFolder(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let base = path(".cache/ledger")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        XCTAssertEqual(folders.count, 1, "one ledger's cache folder in \(base)", file: file, line: line)
        return base + "/" + (try XCTUnwrap(folders.first, file: file, line: line))
    }

    func journalBytes() -> Data { (try? Data(contentsOf: journal)) ?? Data() }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    /// Runs `ledger ARGS`; with `wrapper` (a program and its first
    /// arguments, e.g. setpriv or `sh -c 'ulimit -f 1 && exec "$0" "$@"'`),
    /// runs the wrapper with the ledger's path and ARGS after it. A death by
    /// signal reads as 128 + the signal, as a shell reports it.
    @discardableResult
    func run(_ arguments: [String], env extra: [String: String] = [:], stdin: String? = nil, through wrapper: [String] = []) -> Outcome {
        let p = Process()
        p.executableURL = wrapper.first.map { URL(fileURLWithPath: $0) } ?? Sandbox.binary
        p.arguments = wrapper.isEmpty ? arguments : Array(wrapper.dropFirst()) + [Sandbox.binary.path] + arguments
        p.currentDirectoryURL = directory
        p.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return Outcome(code: -1, out: "", err: "cannot run \(Sandbox.binary.path): \(error)") }
        // Read before waiting so a large output cannot fill the pipe and block.
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let code = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        return Outcome(code: code, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// `ledger ARGS...` split on spaces (no quoting); for short commands.
    @discardableResult
    func run(_ line: String, env: [String: String] = [:]) -> Outcome {
        run(line.split(separator: " ").map(String.init), env: env)
    }

    /// Runs and asserts success, returning stdout.
    @discardableResult
    func ok(_ arguments: [String], env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) -> String {
        let r = run(arguments, env: env)
        XCTAssertEqual(r.code, 0, "ledger \(arguments.joined(separator: " ")) failed: \(r.err)", file: file, line: line)
        return r.out
    }

    /// A ledger with the seed-000 indicator INSTALACION DE MEDIDORES (300 a month).
    func makeMedidores(clock: String = "2017-01-02T09:00:00-06:00") {
        ok(["init", "--demo", "--entity", "COMAPA Gerencia Comercial", "--timezone", "America/Mexico_City"], env: ["LEDGER_CLOCK": clock])
        ok(["append", "indicator", "--id", "MED", "--name", "INSTALACION DE MEDIDORES", "--unit", "MEDIDORES", "--year", "2017",
            "--annual-target", "3600", "--monthly-targets", "300,300,300,300,300,300,300,300,300,300,300,300",
            "--owner", "307", "--owner-name", "COORDINACION DE MEDIDORES", "--plan", "POA 2017"], env: ["LEDGER_CLOCK": clock])
    }
}
