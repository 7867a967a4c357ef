// Quarterly snapshots end to end: the same command writes the same bytes
// later and elsewhere; a snapshot as of T shows only what was recorded by T;
// `verify` catches an edited snapshot and an edited journal; the HTML page is
// well formed and shows every indicator. Golden files pin the bytes.

import Foundation
import XCTest
import LedgerCore
import LedgerReports

final class SnapshotTests: XCTestCase {
    /// The seed-000 story's files as of 10 April (before the May correction).
    static let april = "2017-Q1_2017-04-11T045959.999999Z"

    func files(_ s: Sandbox) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + name)))
        }
        return out
    }

    func json(_ s: Sandbox, _ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + name)))) as! [String: Any]
    }

    func text(_ s: Sandbox, _ name: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: s.path("snapshots/" + name)), encoding: .utf8)
    }

    func testTheFileNamesAndWhatTheCommandPrints() throws {
        let s = try AuditorStoryTests.story()
        let out = s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        let head = try JournalRewriter.hash(s.journal, line: 8)
        XCTAssertEqual(out, """
            escrito:    snapshots/\(Self.april).json
            escrito:    snapshots/\(Self.april).csv
            escrito:    snapshots/\(Self.april).es.html
            escrito:    snapshots/\(Self.april).es.xlsx
            2017-Q1 al 2017-04-10T23:59:59.999999-05:00 (America/Mexico_City), del diario hasta el evento 8:
            8:\(head)

            """)
        XCTAssertEqual(Set(try files(s).keys), ["\(Self.april).json", "\(Self.april).csv", "\(Self.april).es.html", "\(Self.april).es.xlsx"])
        // Again: nothing new, nothing rewritten.
        XCTAssertTrue(s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "en"]).contains("unchanged: snapshots/\(Self.april).json"))
        // Without --as-of, T is the recorded time of the last event (the May correction).
        let now = s.ok(["snapshot", "2017-Q1", "--lang", "en"])
        XCTAssertTrue(now.contains("written:   snapshots/2017-Q1_2017-05-15T160000.000000Z.en.html"), now)
        // With a plan, the plan closes the name: a space is _, other bytes %XX.
        XCTAssertTrue(s.ok(["snapshot", "2017-Q1", "--plan", "POA 2017", "--as-of", "2017-04-10"]).contains("\(Self.april)_POA_2017.json"))
    }

    func testRegenerationIsByteIdenticalAfterMoreAppendsAndElsewhere() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--plan", "POA 2017", "--as-of", "2017-04-10T12:00:00Z", "--lang", "en"])
        let before = try files(s)
        XCTAssertEqual(before.keys.filter { $0.hasPrefix("2017-Q1") }.count, 12)

        // More history: a reading, a correction of Q1, an observation.
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-04", "--value", "310"], env: ["LEDGER_CLOCK": "2017-05-20T10:00:00-05:00"])
        s.ok(["append", "correction", "--indicator", "MED", "--period", "2017-03", "--value", "400", "--reason", "Auditoría"], env: ["LEDGER_CLOCK": "2017-05-21T10:00:00-05:00"])
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-03", "--text", "Revisado"], env: ["LEDGER_CLOCK": "2017-05-22T10:00:00-05:00"])
        s.ok(["verify"])

        // The same commands, from scratch, write the same bytes. The default
        // T of the first run is written out explicitly, since "now" has moved.
        try FileManager.default.removeItem(atPath: s.path("snapshots"))
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-05-15T16:00:00Z", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--plan", "POA 2017", "--as-of", "2017-04-10T07:00:00-05:00", "--lang", "en"])
        XCTAssertEqual(try files(s).filter { $0.key.hasPrefix("2017-Q1") }, before.filter { $0.key.hasPrefix("2017-Q1") })

        // Another machine: another path, user, zone, locale and language setting.
        let other = try Sandbox()
        try FileManager.default.removeItem(at: other.directory)
        try FileManager.default.copyItem(at: s.directory, to: other.directory)
        try FileManager.default.removeItem(atPath: other.path("snapshots"))
        try? FileManager.default.removeItem(atPath: other.path(".cache"))
        let env = ["TZ": "Asia/Tokyo", "LANG": "es_MX.UTF-8", "LC_ALL": "de_DE.UTF-8", "USER": "otro", "HOME": "/tmp", "LEDGER_LANG": "en"]
        for args in [["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"],
                     ["snapshot", "2017-Q1", "--as-of", "2017-05-15T16:00:00.000000Z", "--lang", "es"],
                     ["snapshot", "2017-Q1", "--plan", "POA 2017", "--as-of", "2017-04-10T12:00:00Z"]] {
            other.ok(args, env: env)
        }
        XCTAssertEqual(try files(other).filter { $0.key.hasPrefix("2017-Q1") }, before.filter { $0.key.hasPrefix("2017-Q1") })
        other.ok(["verify"])

        // And the default now is a new T: new files beside the old ones.
        let later = s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        XCTAssertTrue(later.contains("2017-Q1_2017-05-22T150000.000000Z.json"), later)
        XCTAssertEqual(try files(s).keys.filter { $0.hasPrefix("2017-Q1") }.count, 16)
    }

    func testASnapshotAsOfTExcludesWhatWasRecordedAfterT() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        let j = try json(s, "\(Self.april).json")
        XCTAssertEqual(j["as_of"] as? String, "2017-04-11T04:59:59.999999Z")
        XCTAssertEqual(j["as_of_local"] as? String, "2017-04-10T23:59:59.999999-05:00")
        XCTAssertEqual(j["quarter"] as? String, "2017-Q1")
        XCTAssertEqual(j["entity"] as? String, "COMAPA Gerencia Comercial")
        XCTAssertEqual(j["time_zone"] as? String, "America/Mexico_City")
        let head = j["head"] as! [String: Any]
        let hash8 = try JournalRewriter.hash(s.journal, line: 8)
        XCTAssertEqual(head["seq"] as? Int, 8, "the May correction (event 9) is after T")
        XCTAssertEqual(head["hash"] as? String, hash8)
        XCTAssertEqual(j["digest"] as? String, "8:\(hash8)")
        let row = (j["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual((row["executed"] as? NSNumber)?.stringValue, "1223")
        XCTAssertEqual(row["corrected"] as? Bool, false)
        // The JSON is what `quarter --as-of T --json` prints, plus the snapshot's own fields.
        let quarter = s.ok(["quarter", "2017-Q1", "--as-of", "2017-04-11T04:59:59.999999Z", "--json"])
        XCTAssertTrue(try text(s, "\(Self.april).json").hasPrefix(String(quarter.dropLast(2))))

        let csv = try text(s, "\(Self.april).csv")
        XCTAssertTrue(csv.contains(",1223,"), csv)
        XCTAssertTrue(csv.contains(",POA 2017,2017-Q1,2017-04-11T04:59:59.999999Z,COMAPA Gerencia Comercial,8:\(hash8)\r\n"), csv)
        let html = try text(s, "\(Self.april).es.html")
        XCTAssertTrue(html.contains(">1,223<"))
        XCTAssertFalse(html.contains("1,261"), "the corrected total is after T")
        XCTAssertTrue(html.contains("10 de abril de 2017, 23:59:59"))
        XCTAssertTrue(html.contains("ledger verify --digest 8:\(hash8)"))

        // Now: the correction shows, marked.
        s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        let now = (try json(s, "2017-Q1_2017-05-15T160000.000000Z.json")["indicators"] as! [[String: Any]])[0]
        XCTAssertEqual((now["executed"] as? NSNumber)?.stringValue, "1261")
        XCTAssertEqual(now["corrected"] as? Bool, true)
    }

    func testVerifyCatchesAnEditedSnapshot() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        try s.write("snapshots/README", "Snapshots firmados por el Comisario.\n")
        XCTAssertTrue(s.ok(["verify"]).contains("ok: 4 snapshot files re-derived byte for byte."))
        for name in ["\(Self.april).json", "\(Self.april).csv", "\(Self.april).es.html"] {
            let url = URL(fileURLWithPath: s.path("snapshots/" + name))
            let original = try Data(contentsOf: url)
            let edited = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "1223", with: "1323").replacingOccurrences(of: "1,223", with: "1,323")
            XCTAssertNotEqual(Data(edited.utf8), original)
            try Data(edited.utf8).write(to: url)
            let r = s.run(["verify"])
            XCTAssertEqual(r.code, 3, name)
            XCTAssertTrue(r.err.contains("snapshots/\(name) differs"), r.err)
            XCTAssertTrue(r.err.contains("the snapshot file was altered"), r.err)
            XCTAssertEqual(r.err.split(separator: "\n").count, 1, "only the edited file is named: \(r.err)")
            // The snapshot command keeps the evidence rather than overwrite it.
            let again = s.run(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
            XCTAssertEqual(again.code, 3)
            XCTAssertTrue(again.err.contains("No se escribió nada"), again.err)
            XCTAssertEqual(try Data(contentsOf: url), Data(edited.utf8))
            try original.write(to: url)
            s.ok(["verify"])
        }
        // The workbook: a changed byte, and a figure changed by another tool
        // that writes a valid workbook (python's zipfile), are both caught.
        let workbook = URL(fileURLWithPath: s.path("snapshots/\(Self.april).es.xlsx"))
        let original = try Data(contentsOf: workbook)
        var flipped = original
        flipped[flipped.count / 2] ^= 0x20
        try flipped.write(to: workbook)
        let bad = s.run(["verify"])
        XCTAssertEqual(bad.code, 3)
        XCTAssertTrue(bad.err.contains("snapshots/\(Self.april).es.xlsx differs") && bad.err.contains("the snapshot file was altered"), bad.err)
        try original.write(to: workbook)
        if PythonCheck.isAvailable {
            _ = try PythonCheck.json("""
                import sys, zipfile, json
                src = zipfile.ZipFile(sys.argv[1]); items = [(i, src.read(i.filename)) for i in src.infolist()]; src.close()
                with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as out:
                    for info, data in items:
                        if info.filename == 'xl/worksheets/sheet1.xml':
                            data = data.replace(b'<v>1223</v>', b'<v>1323</v>')
                        out.writestr(info.filename, data)
                print(json.dumps({"ok": True}))
                """, [workbook.path])
            let edited = s.run(["verify"])
            XCTAssertEqual(edited.code, 3)
            XCTAssertTrue(edited.err.contains("snapshots/\(Self.april).es.xlsx differs") && edited.err.contains("the snapshot file was altered"), edited.err)
            try original.write(to: workbook)
        }
        s.ok(["verify"])
        // A deleted snapshot file is simply gone (the README does not list them);
        // a renamed one claims another T and no longer matches.
        try FileManager.default.moveItem(atPath: s.path("snapshots/\(Self.april).json"), toPath: s.path("snapshots/2017-Q1_2017-04-01T000000.000000Z.json"))
        let renamed = s.run(["verify"])
        XCTAssertEqual(renamed.code, 3)
        XCTAssertTrue(renamed.err.contains("2017-Q1_2017-04-01T000000.000000Z.json"), renamed.err)
    }

    func testVerifyCatchesAnEditedJournal() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        let published = s.ok(["digest"]).split(separator: "\n").last.map(String.init)!
        let journal = s.journalBytes()

        // A rewrite of February's reading (event 5) that recomputes every
        // later hash: the chain checks out, the snapshot does not.
        try JournalRewriter.rewrite(s.journal, line: 5) { $0.replacingOccurrences(of: "\"value\":\"262\"", with: "\"value\":\"362\"") }
        let chain = s.run(["verify"])
        XCTAssertEqual(chain.code, 3, chain.out)
        for ext in ["json", "csv", "es.html", "es.xlsx"] {
            XCTAssertTrue(chain.err.contains("snapshots/\(Self.april).\(ext) pins the digest 8:"), chain.err)
        }
        XCTAssertTrue(chain.err.contains("rewritten"), chain.err)
        XCTAssertEqual(s.run(["verify", "--digest", published]).code, 3)
        try FileManager.default.moveItem(atPath: s.path("snapshots"), toPath: s.path("aside"))
        XCTAssertTrue(s.ok(["verify"]).contains("chain intact"), "without snapshots, only a published digest catches it")
        try FileManager.default.moveItem(atPath: s.path("aside"), toPath: s.path("snapshots"))

        // Events removed from the end.
        let lines = journal.split(separator: UInt8(ascii: "\n"))
        try Data((lines.prefix(6).joined(separator: [UInt8(ascii: "\n")]) + [UInt8(ascii: "\n")])).write(to: s.journal)
        let short = s.run(["verify"])
        XCTAssertEqual(short.code, 3)
        XCTAssertTrue(short.err.contains("up to event 8, but the journal ends at event 6"), short.err)

        // One changed byte without recomputing: the chain names the event first.
        var bytes = journal
        bytes[bytes.range(of: Data("\"value\":\"542\"".utf8))!.lowerBound + 9] = UInt8(ascii: "6")
        try bytes.write(to: s.journal)
        let damaged = s.run(["verify"])
        XCTAssertEqual(damaged.code, 3)
        XCTAssertTrue(damaged.err.contains("journal.jsonl:3:"), damaged.err)

        try journal.write(to: s.journal)
        s.ok(["verify"])
    }

    func testRefusals() throws {
        let s = try AuditorStoryTests.story()
        for (args, code, text) in [
            (["snapshot", "2018-Q1"], Int32(1), "no indicator of 2018"),
            (["snapshot", "2017-Q1", "--as-of", "2016-12-31"], 1, "no indicator of 2017"),
            (["snapshot", "2017-Q1", "--as-of", "2999-01-01"], 1, "has not passed yet"),
            (["snapshot", "2017-Q1", "--plan", "POA 2071"], 1, "no plan named POA 2071"),
            (["snapshot", "2017-03"], 2, "not a quarter"),
            (["snapshot", "2017-Q1", "--as-of", "ayer"], 2, "not a date"),
        ] as [([String], Int32, String)] {
            let r = s.run(args)
            XCTAssertEqual(r.code, code, "\(args): \(r.err)")
            XCTAssertTrue(r.err.contains(text), "\(args): \(r.err)")
        }
        XCTAssertEqual(try files(s).keys.filter { $0.hasPrefix("20") }, [])
    }

    /// Several units, a unit-less indicator, budget, a post-close value,
    /// text that would break HTML: the page is well formed, self-contained,
    /// and shows every indicator of the quarter, in both languages.
    func testTheHTMLIsWellFormedAndShowsEveryIndicator() throws {
        let s = try Sandbox()
        s.makeMedidores()
        let hostile = "REPARACION <script>alert(\"x\")</script> & 'FUGAS' <b>"
        s.ok(["append", "indicator", "--id", "REP", "--name", hostile, "--unit", "A&B", "--year", "2017", "--annual-target", "1200",
              "--owner", "307", "--owner-name", "COORDINACION DE MEDIDORES", "--plan", "POA 2017"])
        s.ok(["append", "indicator", "--id", "QUE", "--name", "QUEJAS POR FACTURACION", "--unit", "QUEJAS", "--year", "2017", "--annual-target", "600",
              "--direction", "descending", "--owner", "308", "--owner-name", "FACTURACION <norte>", "--plan", "POA 2017"])
        s.ok(["append", "indicator", "--id", "EFI", "--name", "EFICIENCIA", "--unit", "%", "--year", "2017", "--annual-target", "85",
              "--aggregation", "ratio", "--frequency", "quarterly", "--plan", "POA 2017"])
        s.ok(["append", "indicator", "--id", "PAD", "--name", "PADRON", "--unit", "REGISTROS", "--year", "2017", "--annual-target", "20000",
              "--frequency", "semiannual", "--owner", "307", "--owner-name", "COORDINACION DE MEDIDORES", "--plan", "POA 2017"])
        s.ok(["append", "indicator", "--id", "OTRO", "--name", "DE OTRO AÑO", "--unit", "X", "--year", "2018", "--annual-target", "1", "--plan", "POA 2018"])
        for (id, p, v) in [("MED", "2017-01", "542"), ("MED", "2017-02", "262"), ("REP", "2017-01", "80"), ("QUE", "2017-01", "61"), ("QUE", "2017-02", "40")] {
            s.ok(["append", "reading", "--indicator", id, "--period", p, "--value", v])
        }
        s.ok(["append", "reading", "--indicator", "EFI", "--period", "2017-Q1", "--numerator", "9120", "--denominator", "11200"])
        s.ok(["append", "observation", "--indicator", "REP", "--period", "2017-01", "--text", "</td></tr></table><h1>falso</h1> & más"])
        s.ok(["append", "budget", "--indicator", "MED", "--period", "2017-Q1", "--modified", "14757499.81", "--accrued", "11792305.84", "--paid", "11729359.93"])
        s.ok(["append", "close", "--quarter", "2017-Q1"])
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419", "--post-close", "--reason", "Entregado tarde"])
        s.ok(["snapshot", "2017-Q1", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--lang", "en"])
        let names = try files(s).keys.filter { $0.hasSuffix(".html") }
        XCTAssertEqual(names.count, 2)
        for name in names {
            let html = try text(s, name)
            XCTAssertEqual(HTMLChecker.problems(html), [], name)
            for id in ["MED", "REP", "QUE", "EFI", "PAD"] { XCTAssertTrue(html.contains("<span class=\"id\">\(id)</span>"), "\(name) shows \(id)") }
            XCTAssertFalse(html.contains("OTRO"), "an indicator of another year is not in the quarter")
            XCTAssertTrue(html.contains("REPARACION &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;FUGAS&#39; &lt;b&gt;"), name)
            XCTAssertTrue(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;h1&gt;falso&lt;/h1&gt; &amp; más"), name)
            XCTAssertFalse(html.contains("<script"), name)
            XCTAssertTrue(html.contains("14,757,499.81"), "budget columns: \(name)")
            XCTAssertTrue(html.contains("<span class=\"mark post\""), "post-close mark: \(name)")
            XCTAssertTrue(html.contains("@page"), name)
        }
        let es = try text(s, names.first { $0.hasSuffix(".es.html") }!)
        for word in ["Elaboró", "Autorizó", "Validó", "Comisario", "Cerrado", "(sin unidad)", "ajuste posterior al cierre", "ledger verify --digest"] {
            XCTAssertTrue(es.contains(word), word)
        }
        // A checker that finds nothing would pass anything.
        XCTAssertFalse(HTMLChecker.problems("<!DOCTYPE html><html><body><p>a & b</body></html>").isEmpty)
        XCTAssertFalse(HTMLChecker.problems("<!DOCTYPE html><html><body><td>x</td></body></html>").isEmpty)
        XCTAssertEqual(HTMLChecker.problems("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>a &amp; b</p></body></html>"), [])
    }

    /// The file-name rule: readable, reversible, and only canonical names
    /// are taken for snapshots.
    func testFileNamesRoundTrip() {
        let t = Timestamp(parsing: "2017-04-11T04:59:59.999999Z")!
        for plan in [nil, "POA 2017", "", "Plan de Acción 2018", "a_b%c/d:e", "POA.es"] as [String?] {
            let key = SnapshotKey(quarter: .quarter(2017, 1), plan: plan, asOf: t)
            for kind in SnapshotKind.all {
                let name = SnapshotFileName(key: key, kind: kind).text
                XCTAssertFalse(name.contains("/") || name.contains(":") || name.contains(" ") || name.contains("\\"), name)
                XCTAssertEqual(SnapshotFileName(name), SnapshotFileName(key: key, kind: kind), name)
            }
        }
        XCTAssertEqual(SnapshotKey(quarter: .quarter(2017, 1), plan: "Plan de Acción", asOf: t).stem, "2017-Q1_2017-04-11T045959.999999Z_Plan_de_Acci%C3%B3n")
        for other in ["README", ".gitkeep", "2017-Q1.json", "2017-Q1_2017-04-11T045959Z.json", "2017-Q5_2017-04-11T045959.999999Z.json",
                      "2017-Q1_2017-04-11T045959.999999Z.fr.html", "2017-Q1_2017-04-11T045959.999999Z_%zz.json",
                      "2017-Q1_2017-04-11T045959.999999Z_a b.json", "2017-Q1_2017-04-11T045959.999999Z.json.tmp.123"] {
            XCTAssertNil(SnapshotFileName(other), other)
        }
    }

    /// Golden files of the seed-000 story's snapshot: the bytes are a
    /// contract (verify compares them), so any change must be deliberate.
    /// Re-record with LEDGER_RECORD_GOLDEN=1 only with a new snapshot format.
    func testGoldenSnapshotFiles() throws {
        let s = try AuditorStoryTests.story()
        s.ok(["snapshot", "2017-Q1", "--as-of", "2017-04-10", "--lang", "es"])
        s.ok(["snapshot", "2017-Q1", "--lang", "en"])
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/snapshots")
        let record = ProcessInfo.processInfo.environment["LEDGER_RECORD_GOLDEN"] == "1"
        if record { try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true) }
        let written = try files(s).filter { $0.key.hasPrefix("2017-Q1") }
        XCTAssertEqual(written.count, 8)
        for (name, bytes) in written {
            let file = golden.appendingPathComponent(name)
            if record {
                try bytes.write(to: file)
            } else {
                XCTAssertEqual(bytes, try Data(contentsOf: file), "\(name) differs from the golden file: snapshots already written would no longer verify; change the snapshot format deliberately (FORMAT.md), then re-record with LEDGER_RECORD_GOLDEN=1")
            }
        }
    }
}
