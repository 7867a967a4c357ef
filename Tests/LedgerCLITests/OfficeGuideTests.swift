// The office's chapter of the users' guide, in both languages, run as a
// user would: its shell examples through bash with the built `ledger` first
// on PATH, after the guide's own story up to it (its first ledger, the March
// batch, the correction, the close, each recorded on the date the guide
// tells). Every example must succeed, and the output the chapter quotes
// after one (a `text` block) must be what it printed or wrote.

import Foundation
import XCTest

final class OfficeGuideTests: XCTestCase {
    struct Block {
        var language: String
        var text: String
    }

    static var repository: URL { OfficeCommandTests.repository }

    /// The fenced blocks of the section whose `## ` heading starts with `title`.
    func blocks(_ markdown: String, section title: String) throws -> [Block] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## " + title) }) else {
            XCTFail("no section \(title)")
            return []
        }
        var out: [Block] = []
        var i = start + 1
        while i < lines.count, !lines[i].hasPrefix("## ") {
            let fence = lines[i].trimmingCharacters(in: .whitespaces)
            if fence.hasPrefix("```") {
                // A block may be indented under a list item; its lines lose that indent.
                let indent = lines[i].prefix { $0 == " " }.count
                let language = String(fence.dropFirst(3))
                var body: [String] = []
                i += 1
                while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                    body.append(String(lines[i].dropFirst(min(indent, lines[i].prefix { $0 == " " }.count))))
                    i += 1
                }
                out.append(Block(language: language, text: body.joined(separator: "\n")))
            }
            i += 1
        }
        return out
    }

    /// Runs `script` with bash in `directory`, `ledger` the built one.
    func bash(_ script: String, in directory: URL, clock: String) throws -> (code: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-e", "-c", script]
        p.currentDirectoryURL = directory
        p.environment = ["PATH": Sandbox.binary.deletingLastPathComponent().path + ":/usr/bin:/bin", "LANG": "C", "HOME": directory.path,
                         "LEDGER_ACTOR": "ana", "LEDGER_CLOCK": clock]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func run(_ guide: String, firstLedger: String, mistake: String, closing: String, office: String) throws {
        let markdown = try String(contentsOf: Self.repository.appendingPathComponent("docs/" + guide), encoding: .utf8)
        let s = try Sandbox()
        // The story up to the chapter, as the guide tells it.
        let first = try blocks(markdown, section: firstLedger)
        let story = try XCTUnwrap(first.first { $0.language == "sh" }, "\(guide): the first ledger's example")
        // The story is dated as the guide tells it (LEDGER_CLOCK), so it is replayed
        // on a demonstration ledger, the one kind whose times the user may set.
        var r = try bash(story.text.replacingOccurrences(of: "ledger init ", with: "ledger init --demo "), in: s.directory,
                         clock: "2017-03-06T10:00:00-06:00")
        XCTAssertEqual(r.code, 0, "\(guide): \(r.output)")
        let poa = s.directory.appendingPathComponent("poa")
        // The March batch: the section's second example writes marzo.csv and appends it.
        let batch = try XCTUnwrap(first.filter { $0.language == "sh" }.dropFirst().first, "\(guide): the March batch")
        r = try bash(batch.text, in: poa, clock: "2017-04-05T10:00:00-05:00")
        XCTAssertEqual(r.code, 0, "\(guide): \(r.output)")
        let fix = try XCTUnwrap(try blocks(markdown, section: mistake).first { $0.language == "sh" })
        r = try bash(fix.text, in: poa, clock: "2017-05-15T10:00:00-05:00")
        XCTAssertEqual(r.code, 0, "\(guide): \(r.output)")
        let close = try XCTUnwrap(try blocks(markdown, section: closing).first { $0.language == "sh" })
        let closeLines = close.text.components(separatedBy: "\n").filter { $0.hasPrefix("ledger append close") }
        XCTAssertEqual(closeLines.count, 1)
        r = try bash(closeLines.joined(separator: "\n"), in: poa, clock: "2017-05-20T13:00:00-05:00")
        XCTAssertEqual(r.code, 0, "\(guide): \(r.output)")

        // The chapter: every example, and what it quotes.
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("docs/examples/plantilla.xlsx"),
                                         to: poa.appendingPathComponent("plantilla.xlsx"))
        let chapter = try blocks(markdown, section: office)
        XCTAssertGreaterThanOrEqual(chapter.filter { $0.language == "sh" }.count, 4, guide)
        var last = ""
        for block in chapter {
            switch block.language {
            case "sh":
                r = try bash(block.text.replacingOccurrences(of: "ledger init ", with: "ledger init --demo "), in: poa,
                             clock: "2017-05-20T14:00:00-05:00")
                XCTAssertEqual(r.code, 0, "\(guide): \(block.text)\n\(r.output)")
                // What it printed, and any CSV it wrote.
                last = r.output
                for name in try FileManager.default.contentsOfDirectory(atPath: poa.path) where name.hasSuffix(".csv") && name != "marzo.csv" {
                    last += try String(contentsOf: poa.appendingPathComponent(name), encoding: .utf8)
                }
            case "text":
                for line in block.text.components(separatedBy: "\n") where !line.isEmpty {
                    XCTAssertTrue(last.contains(line), "\(guide): the chapter quotes \"\(line)\", but the example printed:\n\(last)")
                }
            default:
                break
            }
        }
        // What the examples wrote is what they say.
        for name in ["avance-2017-T1.xlsx", "fraccion-vi-2017-T1.xlsx", "fraccion-v-2017-T1.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: poa.appendingPathComponent(name).path), "\(guide): \(name)")
        }
        XCTAssertEqual(try bash("ledger verify", in: poa, clock: "2017-05-20T15:00:00-05:00").code, 0)
    }

    func testTheGuide() throws {
        try run("GUIDE.md", firstLedger: "A first ledger", mistake: "Fixing a mistake", closing: "Closing a quarter",
                office: "The planning office")
    }

    func testLaGuia() throws {
        try run("GUIA.md", firstLedger: "Un primer ledger", mistake: "Cómo corregir un error", closing: "El cierre del trimestre",
                office: "La oficina de planeación")
    }
}
