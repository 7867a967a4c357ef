// Each report renderer on a view built by hand (no journal, no fold): the
// quarter, status, audit (log/history), diff and replay texts, with the
// words, columns, marks, "n/a" cells and legends people read, and the JSON
// and CSV forms where scripts depend on field names.

import LedgerReports
import XCTest
@testable import LedgerCore

final class ReportRendererTests: XCTestCase {
    func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    let head = ChainHead(seq: 12, hash: SHA256.hash(Array("head".utf8)), at: Timestamp(year: 2017, month: 4, day: 3, hour: 16))
    var digest: String { "12:" + head.hash.hex }
    let stamp = Stamp(seq: 9, at: Timestamp(year: 2017, month: 3, day: 1, hour: 16), actor: "ana")

    func heading(_ id: String, _ name: String, unit: String, frequency: Frequency = .monthly, target: String) -> IndicatorHeading {
        let definition = IndicatorDefinition(id: id, name: name, unit: unit, frequency: frequency, year: 2017, annualTarget: d(target),
                                             ownerCode: "301", ownerName: "Dirección Comercial", plan: "POA")
        return IndicatorHeading(IndicatorState(definition: definition, definedSeq: 2))
    }

    let notApplicable = Span(isApplicable: false, programmed: nil, executed: nil, compliance: nil, status: .none, missing: [])

    func quarterView(closed: Bool = false) -> QuarterView {
        let med = Span(isApplicable: true, programmed: d("900"), executed: d("842"), compliance: d("93.56"), status: .yellow, missing: [])
        let rows = [
            QuarterRow(heading: heading("MED", "Medidores", unit: "pieza", target: "3600"), quarter: med, yearToDate: med, progress: d("23.39"),
                       observations: [ObservationState(period: .month(2017, 2), text: "Retraso del proveedor", stamp: stamp)],
                       marks: Marks(corrected: true, postClose: false, reprogrammed: false), budget: nil),
            QuarterRow(heading: heading("SEM", "Informe semestral", unit: "informe", frequency: .semiannual, target: "2"),
                       quarter: notApplicable, yearToDate: notApplicable, progress: nil, observations: [],
                       marks: Marks(corrected: false, postClose: false, reprogrammed: false), budget: nil),
        ]
        let units = [UnitTotals(ownerCode: "301", ownerName: "Dirección Comercial", indicators: 2, green: 0, yellow: 1, red: 0, none: 1,
                                meanCompliance: d("93.56"))]
        return QuarterView(entity: "Organismo", quarter: .quarter(2017, 1), scope: ReportScope(plan: "POA"), head: head, isClosed: closed,
                           rows: rows, units: units)
    }

    // MARK: quarter

    func testQuarterText() {
        // Fitted to the width: a summary per unit first, then each unit's indicators with the id below the name.
        let text = QuarterReport.render(quarterView(), format: .text, header: ReportHeader(language: .en, asOf: nil))
        XCTAssertEqual(text, """
            Organismo · quarter 2017-Q1 · plan POA
            as of now (everything recorded)
            journal head \(digest)

            unit                     indicators  green  yellow  red  -  mean compl. %
            -----------------------  ----------  -----  ------  ---  -  -------------
            301 Dirección Comercial           2      0       1    0  1          93.56

            301 Dirección Comercial
            indicator          programmed  executed  compl. %  status  progress %  marks
            -----------------  ----------  --------  --------  ------  ----------  -----
            Medidores                 900       842     93.56  yellow       23.39  C
              MED
            Informe semestral         n/a       n/a         -  -                -
              SEM

            Observations and notes on the readings (who and when: `ledger history ID`):
              MED 2017-02: Retraso del proveedor

            Marks: C corrected, P post-close adjustment, R target reprogrammed, ! an import finding questions
            the figure (`ledger history ID` shows it); n/a no measurement due in the period.
            A month counts once reported, or once its reporting deadline (day 10 of the following month) has
            passed by the cut; until then it is awaited. `--wide` shows every column, `--json` and `--csv`
            everything.

            """)
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 100, String(line)) }
    }

    func testQuarterTextFitsANarrowTerminalAndSaysWhatIsMissingOrAwaited() {
        var v = quarterView()
        v.rows[0].heading.name = "CONTRATOS POR SERVICIO E INSTALACION DE AGUA POTABLE Y DRENAJE SANITARIO EN COLONIAS"
        v.rows[0].quarter.missing = [.month(2017, 2)]
        v.rows[0].quarter.awaiting = [.month(2017, 3)]
        v.rows[0].marks.questioned = true
        let text = QuarterReport.render(v, format: .text, header: ReportHeader(language: .en, asOf: nil, width: 72))
        for line in text.split(separator: "\n") where !line.hasPrefix("journal head") { XCTAssertLessThanOrEqual(line.count, 72, String(line)) }
        XCTAssertTrue(text.contains("  MED · missing 2017-02 · awaiting 2017-03 · ! an import finding\n    questions this figure\n"), text)
        XCTAssertTrue(text.contains("  C!\n"), text)
        XCTAssertTrue(text.contains("CONTRATOS POR SERVICIO E"), text)
        // --wide: every column in one table.
        let wide = QuarterReport.render(v, format: .text, header: ReportHeader(language: .en, asOf: nil, width: 72, wide: true))
        XCTAssertTrue(wide.contains("ytd programmed  ytd executed  ytd compl. %"), wide)
        XCTAssertTrue(wide.contains("  2017-02  2017-03  "), wide)
    }

    func testQuarterTextInSpanishAsOfADate() {
        let asOf = Timestamp(year: 2017, month: 4, day: 11, hour: 4, minute: 59, second: 59, microsecond: 999_999)
        let text = QuarterReport.render(quarterView(closed: true), format: .text,
                                        header: ReportHeader(language: .es, asOf: asOf, asOfText: "2017-04-10", width: 140))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), [
            "Organismo · trimestre 2017-Q1 · plan POA",
            "al 2017-04-10 (2017-04-11T04:59:59.999999Z) · cabeza del diario \(digest)",
            "El trimestre está cerrado.",
            "",
        ])
        XCTAssertTrue(lines[4].hasPrefix("unidad                   indicadores  verde  amarillo  rojo  -  cumpl. medio %"), lines[4])
        XCTAssertTrue(text.contains("\nindicador          programado  ejecutado  cumpl. %  semáforo  avance %  marcas\n"), text)
        XCTAssertTrue(text.contains("  amarillo  "), text)
        XCTAssertTrue(text.contains("\nObservaciones y notas de las lecturas"), text)
        XCTAssertTrue(text.contains("\nMarcas: C corregido, P ajuste posterior al cierre, R meta reprogramada, ! un hallazgo"), text)
    }

    func testAQuarterWithoutIndicatorsSaysSo() {
        var v = quarterView()
        v.rows = []
        v.units = []
        XCTAssertEqual(QuarterReport.render(v, format: .text, header: ReportHeader(language: .en, asOf: nil)),
                       "Organismo · quarter 2017-Q1 · plan POA\nas of now (everything recorded)\njournal head \(digest)\n\n(no indicators for this quarter)\n")
    }

    func testQuarterJSONAndCSV() throws {
        let header = ReportHeader(language: .en, asOf: nil)
        let json = QuarterReport.render(quarterView(), format: .json, header: header)
        XCTAssertTrue(json.hasSuffix("}\n"))
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertTrue(doc["as_of"] is NSNull)
        XCTAssertEqual((doc["head"] as? [String: Any])?["seq"] as? Int, 12)
        XCTAssertEqual(doc["quarter"] as? String, "2017-Q1")
        let rows = try XCTUnwrap(doc["indicators"] as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["indicator"] as? String }, ["MED", "SEM"])
        XCTAssertEqual(rows[0]["status"] as? String, "yellow")
        XCTAssertEqual(rows[1]["applicable"] as? Bool, false)
        XCTAssertTrue(rows[1]["programmed"] is NSNull)
        XCTAssertTrue(json.contains(#""compliance_pct":93.56,"#), "exact decimals, not floats")

        let csv = QuarterReport.render(quarterView(), format: .csv, header: header)
        let lines = csv.split(separator: "\r\n").map(String.init)
        XCTAssertEqual(lines[0], "\u{FEFF}owner,indicator,name,unit,annual_target,programmed,executed,compliance_pct,status,missing,awaiting,ytd_programmed,ytd_executed,ytd_compliance_pct,progress_pct,marks,financial_progress_pct,weight_pct,observations")
        XCTAssertEqual(lines[1], "301,MED,Medidores,pieza,3600,900,842,93.56,yellow,,,900,842,93.56,23.39,C,,,2017-02: Retraso del proveedor")
        XCTAssertEqual(lines[2], "301,SEM,Informe semestral,informe,2,n/a,n/a,,-,,,n/a,n/a,,,,,,")
        // Spanish: the headers in Spanish too (JSON keys stay as the contract fixes them).
        let es = QuarterReport.render(quarterView(), format: .csv, header: ReportHeader(language: .es, asOf: nil))
        XCTAssertTrue(es.hasPrefix("\u{FEFF}unidad,indicador,nombre,u. medida,meta anual,programado,ejecutado,cumpl. %,semáforo,faltantes,por reportar,"), es)
        XCTAssertTrue(es.contains(",amarillo,"), es)
    }

    // MARK: status

    func statusView(budget: Bool) -> StatusView {
        let span = Span(isApplicable: true, programmed: d("1070"), executed: d("1261"), compliance: d("117.85"), status: .green, missing: [])
        let b = BudgetView(period: .quarter(2017, 1), figures: BudgetFigures(modified: d("1000"), accrued: d("250"), paid: d("200")),
                           financialProgress: d("25"), weight: nil)
        return StatusView(entity: "Organismo", scope: ReportScope(), head: head, rows: [
            StatusRow(heading: heading("MED", "Medidores", unit: "pieza", target: "3600"), through: .month(2017, 3), toDate: span, progress: d("35.03"),
                      lastObservation: ObservationState(period: .month(2017, 2), text: "Falta de material, \"urgente\"", stamp: stamp),
                      marks: Marks(corrected: true, postClose: false, reprogrammed: true), budget: budget ? b : nil),
        ])
    }

    func testStatusText() {
        XCTAssertEqual(StatusReport.render(statusView(budget: false), format: .text, header: ReportHeader(language: .en, asOf: nil)), """
            Organismo · status
            as of now (everything recorded)
            journal head \(digest)

            indicator  name       measure  approved  annual target  through  programmed  executed  progress %  compl. %  status  marks  last observation
            ---------  ---------  -------  --------  -------------  -------  ----------  --------  ----------  --------  ------  -----  -------------------------------------
            MED        Medidores  pieza       3,600          3,600  2017-03       1,070     1,261       35.03    117.85  green   CR     2017-02: Falta de material, "urgente"

            Marks: C corrected, P post-close adjustment, R target reprogrammed, ! an import finding questions the figure (`ledger history ID` shows it); n/a no measurement due in the period.

            """)
    }

    func testStatusTextShowsBudgetColumnsOnlyWhenThereIsABudget() {
        let header = ReportHeader(language: .en, asOf: nil)
        XCTAssertFalse(StatusReport.render(statusView(budget: false), format: .text, header: header).contains("fin. progress %"))
        let text = StatusReport.render(statusView(budget: true), format: .text, header: header)
        XCTAssertTrue(text.contains("  fin. progress %  weight %  "))
        XCTAssertTrue(text.contains("  CR                  25         -  2017-02"), text)
    }

    func testStatusCSVQuotesTheObservation() {
        let csv = StatusReport.render(statusView(budget: false), format: .csv, header: ReportHeader(language: .es, asOf: nil))
        XCTAssertEqual(csv, "\u{FEFF}indicador,nombre,u. medida,meta aprobada,meta modificada,al mes,programado,ejecutado,avance %,cumpl. %,semáforo,faltantes,por reportar,marcas,av. fin. %,ponderado %,última observación\r\n"
                       + "MED,Medidores,pieza,3600,3600,2017-03,1070,1261,35.03,117.85,verde,,,CR,,,\"2017-02: Falta de material, \"\"urgente\"\"\"\r\n")
    }

    func testAnEmptyStatusSaysSo() {
        let v = StatusView(entity: "Organismo", scope: ReportScope(plan: "POA", owner: "301"), head: .empty, rows: [])
        XCTAssertEqual(StatusReport.render(v, format: .text, header: ReportHeader(language: .es, asOf: nil)),
                       "Organismo · estado · plan POA · unidad 301\na la fecha (todo lo registrado)\ncabeza del diario 0:\(Digest256.zero.hex)\n\n(no hay indicadores)\n")
        XCTAssertEqual(StatusReport.render(v, format: .json, header: ReportHeader(language: .en, asOf: nil)),
                       #"{"as_of":null,"head":{"seq":0,"hash":"\#(Digest256.zero.hex)"},"entity":"Organismo","plan":"POA","owner":"301","indicators":[]}"# + "\n")
    }

    // MARK: audit trail (log, history)

    let entries = [
        AuditEntry(seq: 5, at: Timestamp(year: 2017, month: 2, day: 6, hour: 16), actor: "luis", osUser: "captura", type: .readingRecorded,
                   indicator: "MED", period: .month(2017, 1), value: "542", previousValue: nil, reason: nil, source: "enero.csv:3", isPostClose: false),
        AuditEntry(seq: 12, at: Timestamp(year: 2017, month: 3, day: 6, hour: 16), actor: "ana", osUser: "captura", type: .readingCorrected,
                   indicator: "MED", period: .month(2017, 1), value: "500", previousValue: "542", reason: "Error de captura", source: nil, isPostClose: true),
    ]

    func testAuditText() {
        // Times in the ledger's zone; the reason on its own line, never cut.
        let mexico = LocalClock(zone: "America/Mexico_City") { _ in -6 * 3600 }
        var long = entries[1]
        long.reason = String(repeating: "Error de captura detectado en la revisión del trimestre. ", count: 2)
        long.note = "Recibido por oficio"
        XCTAssertEqual(AuditReport.render([entries[0], long], format: .text, language: .en, root: "events", clock: mexico), """
            seq  recorded (America/Mexico_City)  actor  type        indicator  period   value  previous value  post-close
            ---  ------------------------------  -----  ----------  ---------  -------  -----  --------------  ----------
              5  2017-02-06 10:00:00 -06:00      luis   reading     MED        2017-01  542    -
             12  2017-03-06 10:00:00 -06:00      ana    correction  MED        2017-01  500    542             yes
                 reason: \(long.reason!)
                 note: Recibido por oficio

            """)
        XCTAssertEqual(AuditReport.render([], format: .text, language: .es, root: "events"), "(sin eventos)\n")
        let es = AuditReport.render(entries, format: .text, language: .es, root: "events")
        XCTAssertTrue(es.contains("corrección  MED        2017-01  500    542             sí\n     motivo: Error de captura\n"), es)
    }

    func testAuditJSONAndCSVKeepTheAccountAndSource() {
        XCTAssertEqual(AuditReport.render(Array(entries.prefix(1)), format: .json, language: .en, root: "history"),
                       #"{"history":[{"seq":5,"at":"2017-02-06T16:00:00.000000Z","actor":"luis","type":"reading","indicator":"MED","period":"2017-01","value":"542","previous_value":null,"reason":null,"note":null,"post_close":false,"os_user":"captura","source":"enero.csv:3","document":null,"signed_by":null}]}"# + "\n")
        XCTAssertEqual(AuditReport.render(entries, format: .csv, language: .en, root: "events"),
                       "\u{FEFF}seq,at,actor,type,indicator,period,value,previous_value,reason,note,post_close,os_user,source,document,signed_by\r\n"
                       + "5,2017-02-06T16:00:00.000000Z,luis,reading,MED,2017-01,542,,,,false,captura,enero.csv:3,,\r\n"
                       + "12,2017-03-06T16:00:00.000000Z,ana,correction,MED,2017-01,500,542,Error de captura,,true,captura,,,\r\n")
        // In Spanish: Spanish headers, type words and yes/no; times stay in UTC.
        XCTAssertEqual(AuditReport.render(entries, format: .csv, language: .es, root: "events"),
                       "\u{FEFF}sec,registrado (UTC),actor,tipo,indicador,periodo,valor,valor anterior,motivo,nota,post-cierre,cuenta SO,origen,documento,firmado por\r\n"
                       + "5,2017-02-06T16:00:00.000000Z,luis,lectura,MED,2017-01,542,,,,no,captura,enero.csv:3,,\r\n"
                       + "12,2017-03-06T16:00:00.000000Z,ana,corrección,MED,2017-01,500,542,Error de captura,,sí,captura,,,\r\n")
    }

    func testAuditWriterStreamsTheSameDocument() {
        for format in [ReportFormat.json, .csv, .text] {
            var pieces: [String] = []
            var w = AuditWriter(format: format, language: .en, root: "events") { pieces.append($0) }
            w.chunk = 1
            for e in entries { w.write(e) }
            w.end()
            let whole = AuditReport.render(entries, format: format, language: .en, root: "events")
            if format == .text {
                // Text comes in tables of `chunk` rows, each with its header.
                XCTAssertEqual(pieces.count, 2)
                XCTAssertEqual(pieces.joined().components(separatedBy: "recorded (UTC)").count, 3)
                XCTAssertTrue(pieces[1].contains("reason: Error de captura"), pieces[1])
            } else {
                XCTAssertEqual(pieces.joined(), whole, "\(format)")
            }
        }
    }

    // MARK: diff and replay

    func testDiffText() {
        let changes = [
            FigureChange(indicator: "MED", period: .month(2017, 1), figure: "executed", before: "542", after: "500",
                         events: [Stamp(seq: 12, at: Timestamp(year: 2017, month: 3, day: 6, hour: 16), actor: "ana")], reasons: ["Error de captura"]),
            FigureChange(indicator: "MED", period: nil, figure: "annual_target", before: "3600", after: "4000",
                         events: [Stamp(seq: 13, at: Timestamp(year: 2017, month: 3, day: 7, hour: 16), actor: "ana")], reasons: [nil]),
        ]
        let from = Timestamp(year: 2017, month: 3, day: 1), to = Timestamp(year: 2017, month: 4, day: 1)
        XCTAssertEqual(DiffReport.render(changes, format: .text, language: .en, from: from, to: to, heads: (.empty, head)), """
            Changes between 2017-03-01T00:00:00.000000Z (0:\(Digest256.zero.hex)) and 2017-04-01T00:00:00.000000Z (\(digest))

            indicator  period   figure         before  after  events (seq actor recorded)         reasons
            ---------  -------  -------------  ------  -----  ----------------------------------  --------------------
            MED        2017-01  executed          542    500  12 ana 2017-03-06T16:00:00.000000Z  12: Error de captura
            MED        -        annual_target    3600   4000  13 ana 2017-03-07T16:00:00.000000Z

            """)
        XCTAssertEqual(DiffReport.render([], format: .text, language: .es, from: from, to: to, heads: (head, head)),
                       "Cambios entre 2017-03-01T00:00:00.000000Z (\(digest)) y 2017-04-01T00:00:00.000000Z (\(digest))\n\n(ninguna cifra cambió)\n")
        XCTAssertTrue(DiffReport.render(changes, format: .json, language: .en, from: from, to: to, heads: (.empty, head))
            .contains(#""events":[{"seq":13,"at":"2017-03-07T16:00:00.000000Z","actor":"ana","reason":null,"document":null}]"#))
    }

    func testReplayLines() {
        XCTAssertEqual(ReplayText.line(entries[1], .en),
                       "12 2017-03-06 16:00:00 +00:00 ana: MED 2017-01 executed 542 -> 500 [post-close] (Error de captura)")
        XCTAssertEqual(ReplayText.line(entries[0], .es), "5 2017-02-06 16:00:00 +00:00 luis: MED 2017-01 ejecutado - -> 542")
        var target = entries[0]
        target.type = .targetChanged
        target.period = nil
        target.value = "4000"
        target.previousValue = "3600"
        XCTAssertEqual(ReplayText.line(target, .en), "5 2017-02-06 16:00:00 +00:00 luis: MED annual target 3600 -> 4000")
        // In the ledger's zone, with the reading's note.
        var noted = entries[0]
        noted.note = "dato preliminar"
        let lima = LocalClock(zone: "America/Lima") { _ in -5 * 3600 }
        XCTAssertEqual(ReplayText.line(noted, .es, clock: lima), "5 2017-02-06 11:00:00 -05:00 luis: MED 2017-01 ejecutado - -> 542 [nota: dato preliminar]")
    }
}
