// Issue 13, item 17: the README's and the guides' examples can be followed
// as written. Every ```sh block of README.md, docs/GUIDE.md and docs/GUIA.md
// runs, in order, one shell per document (so `cd` and `export` carry over
// as they do for a reader), in a copy of the repository's ledger and example
// files, with the built `ledger` on PATH (and `swift run ledger` running
// it), and every command must succeed. A
// line that is not meant to run (building, installing, the test suite)
// says so in a comment the test recognises: `(not run here)` in English,
// `(no se ejecuta aquí)` in Spanish. The guides' chapter on the planning
// office quotes outputs of the story kept in 2017, so OfficeGuideTests runs
// it, after the story recorded on its dates; here it is left out.

import Foundation
import XCTest

final class DocumentationExamplesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let markers = ["(not run here)", "(no se ejecuta aquí)"]
    /// Sections OfficeGuideTests runs (on the guide's story dated in 2017).
    static let runElsewhere = ["## The planning office", "## La oficina de planeación"]

    /// The shell lines of a document's ```sh blocks, each with its line number.
    static func examples(_ document: String) throws -> [(line: Int, text: String)] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        var out: [(Int, String)] = []
        var inBlock = false
        var skippedSection = false
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("## ") { skippedSection = runElsewhere.contains { line.hasPrefix($0) } }
            if skippedSection { continue }
            if line.hasPrefix("```") {
                inBlock = !inBlock && line.trimmingCharacters(in: .whitespaces) == "```sh"
                continue
            }
            if inBlock { out.append((i + 1, line)) }
        }
        return out
    }

    /// A scratch copy of what the documents read: the shipped ledger, the
    /// example sheets and the seed documents; `ledger` on PATH.
    func workspace() throws -> URL {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("ledger-docs-\(UUID().uuidString)")
        let repo = tmp.appendingPathComponent("repo")
        try fm.createDirectory(at: repo.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try fm.createDirectory(at: repo.appendingPathComponent("Tests/LedgerImportTests"), withIntermediateDirectories: true)
        for folder in ["events", "snapshots", "docs/examples", "Tests/LedgerImportTests/Seeds"] {
            try fm.copyItem(at: Self.root.appendingPathComponent(folder), to: repo.appendingPathComponent(folder))
        }
        try? fm.removeItem(at: repo.appendingPathComponent("events/.cache"))
        let bin = tmp.appendingPathComponent("bin")
        try fm.createDirectory(at: bin, withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: bin.appendingPathComponent("ledger"), withDestinationURL: Sandbox.binary)
        // `swift run ledger ARGS` is the built binary with ARGS; no other swift command runs here.
        let swift = bin.appendingPathComponent("swift")
        try "#!/bin/sh\nif [ \"$1\" = run ] && [ \"$2\" = ledger ]; then shift 2; exec ledger \"$@\"; fi\necho \"swift $*: not available to the examples test\" >&2\nexit 127\n"
            .write(to: swift, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
        addTeardownBlock { try? fm.removeItem(at: tmp) }
        return repo
    }

    /// Runs `document`'s examples as one script; fails naming the document
    /// line whose command failed.
    func run(_ document: String, environment extra: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let lines = try Self.examples(document)
        XCTAssertFalse(lines.isEmpty, "\(document) has no sh examples", file: file, line: line)
        var script = ["set -euo pipefail", "trap 'echo \"FAILED AT SCRIPT LINE $LINENO: $BASH_COMMAND\" >&2' ERR"]
        var origin: [Int: Int] = [:]   // script line -> document line
        var skipping = false
        for (n, text) in lines {
            // A skipped line takes its continuation lines with it.
            if skipping || Self.markers.contains(where: { text.contains($0) }) {
                skipping = text.hasSuffix("\\")
                script.append("")
                continue
            }
            script.append(text)
            origin[script.count] = n
        }
        let repo = try workspace()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script.joined(separator: "\n")]
        p.currentDirectoryURL = repo
        var env = ["PATH": repo.deletingLastPathComponent().appendingPathComponent("bin").path + ":/usr/bin:/bin",
                   "HOME": repo.deletingLastPathComponent().path, "LANG": "C", "COLUMNS": "100"]
        env.merge(extra) { $1 }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus != 0 else { return }
        var at = "?"
        if let r = e.range(of: "FAILED AT SCRIPT LINE ") {
            let n = Int(e[r.upperBound...].prefix { $0.isNumber }) ?? 0
            at = origin[n].map { "\(document):\($0): \(script[n - 1])" } ?? "script line \(n)"
        }
        XCTFail("an example of \(document) fails as written (\(at)), exit \(p.terminationStatus):\n\(e.suffix(2000))\nstdout (end):\n\(String(decoding: o, as: UTF8.self).suffix(1500))",
                file: file, line: line)
    }

    func testTheREADMEsExamplesRun() throws { try run("README.md") }

    func testTheGuidesExamplesRun() throws { try run("docs/GUIDE.md") }

    func testTheSpanishGuidesExamplesRun() throws { try run("docs/GUIA.md", environment: ["LANG": "es_MX.UTF-8"]) }

    /// The markers are used sparingly: most of each document runs.
    func testMostOfEachDocumentRuns() throws {
        for document in ["README.md", "docs/GUIDE.md", "docs/GUIA.md"] {
            let lines = try Self.examples(document).filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            let skipped = lines.filter { l in Self.markers.contains { l.text.contains($0) } }
            XCTAssertLessThan(skipped.count, 8, "\(document): \(skipped.map(\.text))")
            XCTAssertGreaterThan(lines.count - skipped.count, 10, document)
        }
    }
}
