// The board's page (snapshot format 3): a summary of each unit's statuses
// at the top, a monthly chart per indicator in inline SVG (executed and
// programmed to date, corrections and post-close adjustments marked), the
// documents behind the figures, and the importers' findings in a section of
// their own at the end instead of among the units' observations. Format 2
// pages keep their bytes (Golden/format2 and SnapshotFormatTests).

import Foundation
import XCTest
import LedgerCore
import LedgerReports

final class BoardPageTests: XCTestCase {
    /// The story, with a reprogramming and a post-close correction that cite
    /// their documents, a second unit imported from our CSV template with a
    /// finding (a reading twice in the file), and a close.
    func ledger() throws -> Sandbox {
        let s = try Sandbox()
        s.makeMedidores()
        func at(_ t: String) -> [String: String] { ["LEDGER_CLOCK": t] }
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-01", "--value", "542"], env: at("2017-02-06T10:00:00-06:00"))
        s.ok(["append", "target", "--indicator", "MED", "--period", "2017-02", "--value", "350", "--reason", "Reprogramación autorizada",
              "--document", "Oficio DPE/123/2017"], env: at("2017-03-06T10:00:00-06:00"))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-02", "--value", "262"], env: at("2017-03-06T10:01:00-06:00"))
        s.ok(["append", "observation", "--indicator", "MED", "--period", "2017-02", "--text", "NO SE CUMPLIO LA META POR FALTA DE MATERIAL"],
             env: at("2017-03-06T10:02:00-06:00"))
        try s.write("indicadores.csv", """
            id,nombre,unidad,año,meta_anual,clave_unidad,unidad_responsable,plan
            REZ,CONVENIOS,CONVENIOS,2017,4800,309,REZAGOS,POA 2017

            """)
        s.ok(["import", "csv", "indicadores.csv", "--lang", "es"], env: at("2017-03-07T10:00:00-06:00"))
        // January twice in the file: the second row is a finding on REZ 2017-01.
        try s.write("lecturas.csv", "indicador,periodo,valor\nREZ,2017-01,380\nREZ,2017-01,390\n")
        s.ok(["import", "csv", "lecturas.csv", "--lang", "es"], env: at("2017-03-07T10:01:00-06:00"))
        s.ok(["append", "reading", "--indicator", "MED", "--period", "2017-03", "--value", "419"], env: at("2017-04-05T10:01:00-06:00"))
        s.ok(["append", "close", "--quarter", "2017-Q1"], env: at("2017-04-12T10:00:00-05:00"))
        s.ok(["append", "correction", "--indicator", "MED", "--period", "2017-02", "--value", "300", "--reason", "Error de captura",
              "--post-close", "--document", "Oficio DPE/130/2017"], env: at("2017-05-15T10:00:00-05:00"))
        return s
    }

    func page(_ s: Sandbox, _ language: String) throws -> String {
        s.ok(["snapshot", "2017-Q1", "--lang", language])
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".\(language).html") })
        return try String(contentsOfFile: s.path("snapshots/" + name), encoding: .utf8)
    }

    /// The text between the first `start` and the next `end` after it.
    func part(_ html: String, from start: String, to end: String) -> String {
        guard let a = html.range(of: start), let b = html.range(of: end, range: a.upperBound..<html.endIndex) else { return "" }
        return String(html[a.lowerBound..<b.upperBound])
    }

    func testTheBoardsPage() throws {
        let s = try ledger()
        let html = try page(s, "es")
        XCTAssertEqual(HTMLChecker.problems(html), [])
        XCTAssertFalse(html.contains("<script"))
        // At the top: each unit's statuses, a bar each.
        let summary = part(html, from: "<table class=\"units\">", to: "</table>")
        XCTAssertTrue(summary.contains("Semáforo por unidad responsable"), summary)
        XCTAssertTrue(summary.contains("307 · COORDINACION DE MEDIDORES") && summary.contains("309 · REZAGOS"), summary)
        XCTAssertEqual(summary.components(separatedBy: "<svg class=\"ubar\"").count - 1, 2)
        XCTAssertTrue(html.range(of: "<table class=\"units\">")!.lowerBound < html.range(of: "<table class=\"figures\">")!.lowerBound)
        // A chart per indicator: three months, executed bars, programmed dots, C and P on February.
        XCTAssertEqual(html.components(separatedBy: "<svg class=\"chart\"").count - 1, 2)
        let med = part(html, from: "<svg class=\"chart\"", to: "</svg>")
        XCTAssertEqual(med.components(separatedBy: "<rect class=\"e\"").count - 1, 3)
        XCTAssertEqual(med.components(separatedBy: "<circle class=\"p\"").count - 1, 3)
        XCTAssertTrue(med.contains("<text class=\"m c\" x=\"28\" y=\"8\">C</text><text class=\"m p\" x=\"35\" y=\"8\">P</text>"), med)
        XCTAssertTrue(med.contains("2017-03 419: ejecutado acumulado 1,261"), med)
        XCTAssertTrue(med.contains(">E</text>") && med.contains(">F</text>") && med.contains(">M</text>"), med)
        // REZ has January only: February and March crossed out, no bar.
        let rez = part(String(html[html.range(of: "REZ</span>")!.lowerBound...]), from: "<svg class=\"chart\"", to: "</svg>")
        XCTAssertEqual(rez.components(separatedBy: "<rect class=\"e\"").count - 1, 1)
        XCTAssertEqual(rez.components(separatedBy: "<path class=\"none\"").count - 1, 2)
        // The documents behind MED's figures, with the units' own observations.
        XCTAssertTrue(html.contains("Autorizado por: Oficio DPE/123/2017; Oficio DPE/130/2017"), html)
        XCTAssertTrue(html.contains("NO SE CUMPLIO LA META POR FALTA DE MATERIAL"))
        // The import's finding is not among the observations, but at the end.
        let notes = html.components(separatedBy: "<tr class=\"notes\">").dropFirst().map { String($0.prefix { $0 != "\n" }) }
        XCTAssertFalse(notes.contains { $0.contains("Hallazgo") }, "\(notes)")
        let findings = part(html, from: "<section class=\"findings\">", to: "</section>")
        XCTAssertTrue(findings.contains("<h2>Hallazgos de importación</h2>"), findings)
        XCTAssertTrue(findings.contains("una segunda lectura de REZ 2017-01 en el archivo; no se importó"), findings)
        XCTAssertTrue(findings.contains("<span class=\"src\">lecturas.csv:3</span>"), findings)
        XCTAssertTrue(html.range(of: "<section class=\"signatures\">")!.lowerBound < html.range(of: "<section class=\"findings\">")!.lowerBound)
        // In English, the same parts.
        let en = try page(s, "en")
        XCTAssertEqual(HTMLChecker.problems(en), [])
        XCTAssertTrue(en.contains("Status by responsible unit") && en.contains("<h2>Import findings</h2>") && en.contains("Authorised by: Oficio DPE/123/2017"))
        XCTAssertTrue(en.contains(">J</text>"), "English month letters")
        s.ok(["verify"])
    }

    /// The same snapshot made in format 2 has none of it: old pages keep their bytes.
    func testFormatTwoPagesHaveNoneOfIt() throws {
        let s = try ledger()
        _ = try page(s, "es")
        let json = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots")).first { $0.hasSuffix(".json") })
        let key = try XCTUnwrap(SnapshotFileName(json)?.key)
        var state = LedgerState()
        for line in s.journalBytes().split(separator: UInt8(ascii: "\n")) {
            let e = try EventCodec.decode(line: Array(line))
            if e.at <= key.asOf { state.apply(e) }
        }
        let old = try XCTUnwrap(Snapshot.make(key, state: state, clock: .utc, format: 2))
        let html = SnapshotReport.render(old, .html(.es))
        for board in ["<svg", "class=\"units\"", "class=\"findings\"", "Autorizado por"] { XCTAssertFalse(html.contains(board), board) }
        XCTAssertTrue(html.contains("Hallazgo de importación (lecturas.csv:3)"), "format 2 keeps findings among the observations")
    }
}
