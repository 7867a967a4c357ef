// The snapshot as a page a person prints for the board: entity, plan,
// quarter and cut; one row per indicator grouped by owning unit, with the
// status colour and progress bars in pure CSS; observations and marks;
// the head digest and how to verify it; signature lines (Elaboró, Autorizó,
// Validó: the Comisario). Self-contained (no scripts, no external files),
// every user text escaped, and printable on A4 and letter. Pure and frozen
// like the rest of the snapshot (SnapshotReport.swift).
//
// From snapshot format 3 the page is the board's (`isBoard`): a summary of
// each unit's statuses at the top, each indicator's monthly chart (inline
// SVG, BoardCharts.swift), the documents that authorised its figures, and
// the importers' findings moved out of the units' observations into a
// section of their own at the end. Formats 1 and 2 keep their bytes.

import LedgerCore

enum SnapshotHTML {
    static func render(_ s: Snapshot, language l: Language) -> String {
        var page = Page(s: s, l: l)
        return page.render()
    }
}

/// Escapes text for HTML content and attribute values.
func escapeHTML(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}

private struct Page {
    let s: Snapshot
    let l: Language
    var out = ""
    /// Computed once: rows ask for them, and a quarter may have thousands of rows.
    let plans: [String]
    let hasBudget: Bool
    /// Format 3 and later: the board's page (charts, unit summary, documents, findings apart).
    let isBoard: Bool

    init(s: Snapshot, l: Language) {
        self.s = s
        self.l = l
        plans = s.plans
        hasBudget = s.view.rows.contains { $0.budget != nil }
        isBoard = s.format >= SnapshotFormat.board
    }

    var v: QuarterView { s.view }
    var columnCount: Int { (hasBudget ? 15 : 10) + (isBoard ? 1 : 0) }

    /// An observation an importer wrote about the document it read (its
    /// text starts with the importer's prefix, in either language).
    static func isImportFinding(_ o: ObservationState) -> Bool {
        o.text.hasPrefix("Hallazgo de importación (") || o.text.hasPrefix("Import finding (")
    }
    var fileName: String { SnapshotFileName(key: s.key, kind: .html(l)).text }

    func t(_ en: String, _ es: String) -> String { l == .es ? es : en }

    mutating func add(_ text: String) { out += text }

    mutating func render() -> String {
        add("<!DOCTYPE html>\n<html lang=\"\(l == .es ? "es" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n")
        add("<meta name=\"ledger-digest\" content=\"\(v.head.digest)\">\n")
        add("<meta name=\"ledger-snapshot\" content=\"\(escapeHTML(fileName))\">\n")
        add("<title>\(escapeHTML(v.entity)) · \(v.quarter) · \(escapeHTML(longDate(s.key.asOf)))</title>\n")
        // The demonstration mark's rule only on its pages: other pages keep their bytes.
        add("<style>\n\(css)\(s.isDemo ? demoCSS : "")</style>\n</head>\n<body>\n")
        header()
        table()
        legend()
        integrity()
        signatures()
        if isBoard { findings() }
        add("</body>\n</html>\n")
        return out
    }

    // MARK: Words

    static let monthsES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    func month(_ m: Int) -> String { (l == .es ? Page.monthsES : Page.monthsEN)[m - 1] }

    /// `10 de abril de 2017` in the ledger's zone.
    func longDate(_ at: Timestamp) -> String {
        let p = s.clock.parts(at)
        return l == .es ? "\(p.day) de \(month(p.month)) de \(p.year)" : "\(p.day) \(month(p.month)) \(p.year)"
    }

    func clockTime(_ at: Timestamp) -> String {
        let p = s.clock.parts(at)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
    }

    var quarterTitle: String {
        let q = v.quarter
        let ordinal = l == .es ? ["Primer", "Segundo", "Tercer", "Cuarto"][q.quarterNumber - 1]
                               : ["First", "Second", "Third", "Fourth"][q.quarterNumber - 1]
        return t("\(ordinal) quarter \(q.year)", "\(ordinal) trimestre \(q.year)")
            + " (\(month(q.firstMonth))–\(month(q.lastMonth)))"
    }

    func status(_ st: Status) -> String { Words.statusName(st, l) }

    func number(_ d: DecimalNumber?) -> String { d.map { $0.grouped } ?? "—" }
    func figure(_ d: DecimalNumber?, _ span: Span) -> String { span.isApplicable ? number(d) : "n/a" }
    func percent(_ d: DecimalNumber?) -> String { d.map { $0.grouped + " %" } ?? "—" }

    /// A CSS width for a percentage, clamped to 0...100.
    func width(_ d: DecimalNumber?) -> String {
        guard var d else { return "0%" }
        if d < .zero { d = .zero }
        if d > .hundred { d = .hundred }
        return d.rounded(decimals: 1).trimmed.description + "%"
    }

    func frequency(_ f: Frequency) -> String { Words.frequency(f, l) }

    /// A shell word: as is when plain, else in single quotes.
    func shellWord(_ w: String) -> String {
        let plain = !w.isEmpty && w.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic && $0.isASCII) || ("0"..."9").contains($0) || "-_.:/".unicodeScalars.contains($0) }
        return plain ? w : "'" + w.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'"
    }

    // MARK: Parts

    mutating func header() {
        add("<header class=\"top\">\n")
        add("<div class=\"entity\">\(escapeHTML(v.entity))</div>\n")
        if s.isDemo { add("<p class=\"demo\">\(escapeHTML(Words.demo(l)))</p>\n") }
        add("<h1>\(t("Quarterly progress of indicators", "Avance trimestral de indicadores"))</h1>\n")
        let plans = self.plans.map { $0.isEmpty ? t("(no plan)", "(sin plan)") : $0 }
        let planLabel = plans.count == 1 ? "Plan" : t("Plans", "Planes")
        add("<div class=\"subtitle\">\(planLabel): <b>\(escapeHTML(plans.joined(separator: ", ")))</b>")
        if s.key.plan == nil && plans.count > 1 { add(" " + t("(all plans)", "(todos los planes)")) }
        add(" · <b>\(quarterTitle)</b> · \(v.quarter)</div>\n")

        add("<table class=\"facts\">\n")
        let at = s.key.asOf
        add("<tr><th>\(t("As of", "Corte"))</th><td>\(t("everything recorded by", "todo lo registrado hasta el")) <b>\(longDate(at)), \(clockTime(at))</b> ")
        add("(\(escapeHTML(s.clock.zone)), UTC\(s.clock.offsetText(at)))<br><span class=\"mono\">\(at) (UTC)</span></td></tr>\n")
        add("<tr><th>\(t("Quarter", "Trimestre"))</th><td>\(closeText())</td></tr>\n")
        add("<tr><th>\(t("Journal", "Diario"))</th><td>\(t("up to event", "hasta el evento")) \(v.head.seq), ")
        add(t("recorded", "registrado el") + " \(longDate(v.head.at)), \(clockTime(v.head.at)) · ")
        add("<span class=\"mono\">\(t("digest", "resumen")) \(v.head.seq):\(v.head.hash.hex.prefix(16))…</span> (\(t("in full at the foot", "completo al pie")))</td></tr>\n")
        add("</table>\n")

        let rows = v.rows
        func count(_ st: Status) -> Int { rows.filter { $0.quarter.status == st }.count }
        add("<div class=\"summary\"><span class=\"total\">\(v.rows.count) \(v.rows.count == 1 ? t("indicator", "indicador") : t("indicators", "indicadores"))</span>")
        for st in [Status.green, .yellow, .red, .none] {
            add("<span class=\"pill s-\(st.rawValue)\"><i></i>\(count(st)) \(status(st))</span>")
        }
        add("</div>\n")
        if isBoard { unitSummary() }
        add("</header>\n")
    }

    func closeText() -> String {
        var parts: [String] = []
        for c in s.closes {
            let who = escapeHTML(c.stamp.actor)
            let plan = c.plan.map { t(" for plan ", " para el plan ") + escapeHTML($0) } ?? ""
            parts.append(t("closed", "cerrado") + plan + " " + t("on", "el") + " \(longDate(c.stamp.at)), \(clockTime(c.stamp.at)) "
                         + t("by", "por") + " \(who) (" + t("event", "evento") + " \(c.stamp.seq))")
        }
        let state = v.isClosed ? "<b>" + t("Closed", "Cerrado") + "</b>: " + t("its figures are final; later values appear as post-close adjustments (P).",
                                                                            "sus cifras son definitivas; los valores posteriores aparecen como ajustes posteriores al cierre (P).")
                               : "<b>" + t("Open", "Abierto") + "</b>: " + t("its figures may still change until it is closed.", "sus cifras aún pueden cambiar hasta su cierre.")
        return state + (parts.isEmpty ? "" : "<br><span class=\"small\">" + parts.joined(separator: "; ") + "</span>")
    }

    mutating func table() {
        add("<table class=\"figures\">\n<thead>\n<tr>")
        add("<th rowspan=\"2\" class=\"ind\">\(t("Indicator", "Indicador"))<div class=\"sub\">\(t("unit of measure, frequency", "unidad de medida, frecuencia"))</div></th>")
        add("<th rowspan=\"2\" class=\"num\">\(t("Annual target", "Meta anual"))</th>")
        add("<th colspan=\"3\" class=\"group\">\(t("Quarter", "Trimestre"))</th>")
        add("<th colspan=\"3\" class=\"group\">\(t("Year to date", "Acumulado al trimestre"))</th>")
        add("<th rowspan=\"2\" class=\"bar-col\">\(t("Annual progress", "Avance anual"))</th>")
        if isBoard {
            add("<th rowspan=\"2\" class=\"chart-col\">\(t("To date, by period", "Acumulado por periodo"))<div class=\"sub\">")
            add("<span class=\"key-e\"></span> \(t("executed", "ejecutado")) <span class=\"key-p\"></span> \(t("programmed", "programado"))</div></th>")
        }
        add("<th rowspan=\"2\" class=\"marks\">\(t("Marks", "Marcas"))</th>")
        if hasBudget { add("<th colspan=\"5\" class=\"group\">\(t("Budget", "Presupuesto"))</th>") }
        add("</tr>\n<tr>")
        add("<th class=\"num\">\(t("Programmed", "Programado"))</th><th class=\"num\">\(t("Executed", "Ejecutado"))</th><th class=\"bar-col\">\(t("Compliance", "Cumplimiento"))</th>")
        add("<th class=\"num\">\(t("Programmed", "Programado"))</th><th class=\"num\">\(t("Executed", "Ejecutado"))</th><th class=\"num\">\(t("Compliance", "Cumplimiento"))</th>")
        if hasBudget {
            add("<th class=\"num\">\(t("Modified", "Modificado"))</th><th class=\"num\">\(t("Accrued", "Devengado"))</th><th class=\"num\">\(t("Paid", "Pagado"))</th>")
            add("<th class=\"num\">\(t("Fin. progress", "Av. fin."))</th><th class=\"num\">\(t("Weight", "Ponderado"))</th>")
        }
        add("</tr>\n</thead>\n")
        // One group per owning unit, in the order units first appear; the
        // unit's header row shares a group with its first indicator, so a
        // page never ends with a header and no indicator under it.
        for u in v.units {
            for (i, r) in v.rows.filter({ $0.heading.ownerCode == u.ownerCode }).enumerated() {
                add("<tbody>\n")
                if i == 0 { unitRow(u, r) }
                row(r)
                add("</tbody>\n")
            }
        }
        add("</table>\n")
    }

    mutating func unitRow(_ u: UnitTotals, _ r: QuarterRow) {
        let name = [r.heading.ownerCode, r.heading.ownerName].compactMap { $0 }.map(escapeHTML).joined(separator: " · ")
        add("<tr class=\"unit\"><th colspan=\"\(columnCount)\"><span class=\"uname\">\(name.isEmpty ? t("(no unit)", "(sin unidad)") : name)</span>")
        add("<span class=\"utotals\">\(u.indicators) \(u.indicators == 1 ? t("indicator", "indicador") : t("indicators", "indicadores"))")
        for (st, n) in [(Status.green, u.green), (.yellow, u.yellow), (.red, u.red), (.none, u.none)] where n > 0 {
            add(" <span class=\"pill s-\(st.rawValue)\"><i></i>\(n) \(status(st))</span>")
        }
        if let m = u.meanCompliance { add(" · " + t("mean compliance", "cumplimiento medio") + " \(percent(m))") }
        add("</span>")
        add("</th></tr>\n")
    }

    mutating func row(_ r: QuarterRow) {
        let h = r.heading
        add("<tr class=\"main\">")
        add("<td class=\"ind\"><span class=\"id\">\(escapeHTML(h.id))</span>")
        if plans.count > 1 { add(" <span class=\"small\">\(escapeHTML(h.plan))</span>") }
        add("<div class=\"name\">\(escapeHTML(h.name))</div>")
        add("<div class=\"small\">\(escapeHTML(h.unit)) · \(frequency(h.frequency))")
        if h.direction == .descending { add(" · " + t("less is better", "menos es mejor")) }
        add("</div></td>")
        add("<td class=\"num\">\(number(h.annualTarget))")
        if h.approvedTarget != h.annualTarget { add("<div class=\"small\">\(t("approved", "aprobada")) \(number(h.approvedTarget))</div>") }
        add("</td>")
        add("<td class=\"num\">\(figure(r.quarter.programmed, r.quarter))</td>")
        add("<td class=\"num\">\(figure(r.quarter.executed, r.quarter))</td>")
        add(complianceCell(r.quarter))
        add("<td class=\"num\">\(figure(r.yearToDate.programmed, r.yearToDate))</td>")
        add("<td class=\"num\">\(figure(r.yearToDate.executed, r.yearToDate))</td>")
        add("<td class=\"num\">")
        if r.yearToDate.isApplicable {
            add("\(percent(r.yearToDate.compliance)) <span class=\"dot s-\(r.yearToDate.status.rawValue)\" title=\"\(status(r.yearToDate.status))\"></span>")
        } else {
            add("n/a")
        }
        add("</td>")
        add("<td class=\"bar-col\">")
        if let p = r.progress {
            add("<div class=\"val\">\(percent(p))</div><div class=\"bar progress\"><i style=\"width:\(width(p))\"></i></div>")
        } else {
            add("—")
        }
        add("</td>")
        if isBoard {
            add("<td class=\"chart-col\">\(BoardCharts.indicator(r.timeline, quarter: v.quarter, language: l, unit: h.unit) ?? "n/a")</td>")
        }
        add("<td class=\"marks\">\(marks(r.marks))</td>")
        if hasBudget {
            if let b = r.budget {
                add("<td class=\"num\">\(number(b.figures.modified))<div class=\"small\">\(b.period)</div></td>")
                add("<td class=\"num\">\(number(b.figures.accrued))</td><td class=\"num\">\(number(b.figures.paid))</td>")
                add("<td class=\"num\">\(percent(b.financialProgress))</td><td class=\"num\">\(percent(b.weight))</td>")
            } else {
                add(String(repeating: "<td class=\"num\">—</td>", count: 5))
            }
        }
        add("</tr>\n")
        var notes: [String] = []
        for o in r.observations where !(isBoard && Page.isImportFinding(o)) {
            notes.append("<span class=\"obs\"><b>\(o.period)</b> \(escapeHTML(o.text)) <span class=\"small\">(\(escapeHTML(o.stamp.actor)), \(longDate(o.stamp.at)))</span></span>")
        }
        if s.format >= SnapshotFormat.horizon {
            for n in r.notes {
                notes.append("<span class=\"obs\"><b>\(n.period)</b> \(t("reading note:", "nota de la lectura:")) \(escapeHTML(n.text))</span>")
            }
        }
        if isBoard && !r.documents.isEmpty {
            notes.append("<span class=\"docs\">\(t("Authorised by", "Autorizado por")): \(r.documents.map(escapeHTML).joined(separator: "; "))</span>")
        }
        if !r.quarter.missing.isEmpty {
            notes.append("<span class=\"missing\">\(t("No reading for", "Sin lectura de")) \(r.quarter.missing.map(\.description).joined(separator: ", "))</span>")
        }
        if s.format >= SnapshotFormat.horizon, !r.quarter.awaiting.isEmpty {
            notes.append("<span class=\"small\">\(t("Not yet due (awaiting report)", "Aún no vence (por reportar)")): \(r.quarter.awaiting.map(\.description).joined(separator: ", "))</span>")
        }
        if !notes.isEmpty {
            add("<tr class=\"notes\"><td colspan=\"\(columnCount)\"><span class=\"label\">\(t("Observations", "Observaciones")):</span> ")
            add(notes.joined(separator: " · "))
            add("</td></tr>\n")
        }
    }

    func complianceCell(_ span: Span) -> String {
        guard span.isApplicable else { return "<td class=\"bar-col\">n/a</td>" }
        let st = span.status.rawValue
        return "<td class=\"bar-col\"><div class=\"val\">\(percent(span.compliance))</div>"
            + "<div class=\"bar s-\(st)\"><i style=\"width:\(width(span.compliance))\"></i></div>"
            + "<div class=\"pill s-\(st)\"><i></i>\(status(span.status))</div></td>"
    }

    func marks(_ m: Marks) -> String {
        var out: [String] = []
        if m.corrected { out.append("<span class=\"mark\" title=\"\(t("corrected", "corregido"))\">C</span>") }
        if m.postClose { out.append("<span class=\"mark post\" title=\"\(t("post-close adjustment", "ajuste posterior al cierre"))\">P</span>") }
        if m.reprogrammed { out.append("<span class=\"mark\" title=\"\(t("target reprogrammed", "meta reprogramada"))\">R</span>") }
        if s.format >= SnapshotFormat.horizon, m.questioned {
            out.append("<span class=\"mark post\" title=\"\(t("an import finding questions the figure", "un hallazgo de importación cuestiona la cifra"))\">!</span>")
        }
        if m.unsigned { out.append("<span class=\"mark post\" title=\"\(t("unsigned", "sin firma"))\">U</span>") }
        return out.joined(separator: " ")
    }

    /// At the top of the board's page: each owning unit's indicators by status.
    mutating func unitSummary() {
        add("<table class=\"units\">\n<caption>\(t("Status by responsible unit", "Semáforo por unidad responsable"))</caption>\n")
        for u in v.units {
            let name = [u.ownerCode, u.ownerName].compactMap { $0 }.map(escapeHTML).joined(separator: " · ")
            add("<tr><th>\(name.isEmpty ? t("(no unit)", "(sin unidad)") : name)</th><td>\(BoardCharts.unitBar(u))</td><td class=\"counts\">")
            for (st, n) in [(Status.green, u.green), (.yellow, u.yellow), (.red, u.red), (.none, u.none)] where n > 0 {
                add("<span class=\"pill s-\(st.rawValue)\"><i></i>\(n) \(status(st))</span>")
            }
            if let m = u.meanCompliance { add(" <span class=\"small\">\(t("mean compliance", "cumplimiento medio")) \(percent(m))</span>") }
            add("</td></tr>\n")
        }
        add("</table>\n")
    }

    /// At the end of the board's page: what the importers found in the
    /// documents they read, apart from what the units said.
    mutating func findings() {
        var items: [(QuarterRow, ObservationState)] = []
        for r in v.rows { for o in r.observations where Page.isImportFinding(o) { items.append((r, o)) } }
        guard !items.isEmpty else { return }
        add("<section class=\"findings\">\n<h2>\(t("Import findings", "Hallazgos de importación"))</h2>\n")
        add("<p class=\"small\">\(t("What the importers noticed in the documents the figures came from (sums that do not add up, lost cells, numbers read two ways); recorded as observations, kept apart from what the units said.", "Lo que los importadores notaron en los documentos de los que vienen las cifras (sumas que no cuadran, celdas perdidas, números que se leen de dos formas); registrado como observaciones y separado de lo que dijeron las unidades."))</p>\n<ul>\n")
        for (r, o) in items {
            // "Hallazgo de importación (FILE:LINE): text": the heading says the first words; the place goes apart.
            var text = Substring(o.text)
            text = text.drop { $0 != "(" }
            var place = ""
            if let close = text.firstIndex(of: ")") {
                place = String(text[text.index(after: text.startIndex)..<close])
                text = text[text.index(after: close)...].drop { $0 == ":" || $0 == " " }
            }
            add("<li><span class=\"id\">\(escapeHTML(r.heading.id))</span> <b>\(o.period)</b> \(escapeHTML(String(text)))")
            if !place.isEmpty { add(" <span class=\"src\">\(escapeHTML(place))</span>") }
            add("</li>\n")
        }
        add("</ul>\n</section>\n")
    }

    mutating func legend() {
        let b = s.bands
        add("<section class=\"legend\">\n<p><b>\(t("Marks", "Marcas")):</b> ")
        add("<span class=\"mark\">C</span> \(t("a value was corrected (the original stays in the journal)", "se corrigió un valor (el original queda en el diario)")); ")
        add("<span class=\"mark post\">P</span> \(t("post-close adjustment: recorded or corrected after the quarter was closed", "ajuste posterior al cierre: registrado o corregido después de cerrar el trimestre")); ")
        add("<span class=\"mark\">R</span> \(t("a target was reprogrammed", "se reprogramó una meta")); ")
        if s.format >= SnapshotFormat.horizon {
            add("<span class=\"mark post\">!</span> \(t("an import finding questions the figure (see the importers' findings)", "un hallazgo de importación cuestiona la cifra (vea los hallazgos de importación)")); ")
        }
        if s.view.rows.contains(where: { $0.marks.unsigned }) {
            add("<span class=\"mark post\">U</span> \(t("unsigned: the value in force was recorded in a batch no member signed", "sin firma: el valor vigente se registró en un lote que ningún miembro firmó")); ")
        }
        if isBoard {
            add(t("in the charts, bars are executed to date and the line programmed to date, period by period from January; the quarter is shaded; × no reading; ",
                  "en las gráficas, las barras son lo ejecutado acumulado y la línea lo programado acumulado, periodo a periodo desde enero; el trimestre va sombreado; × sin lectura; "))
        }
        add("n/a \(t("no measurement due in the period", "sin medición en el periodo")).</p>\n")
        if s.format >= SnapshotFormat.horizon {
            add("<p>\(t("A month counts once it is reported or its reporting deadline (day \(s.deadline.day) of the following month) has passed by the cut; until then it is awaited, neither programmed nor missing.", "Un mes cuenta cuando se reporta o cuando vence su plazo de reporte (el día \(s.deadline.day) del mes siguiente) al corte; mientras tanto está por reportar: ni programado ni faltante."))</p>\n")
        }
        add("<p><b>\(t("Status", "Semáforo")):</b> ")
        add("\(t("compliance", "cumplimiento")) <span class=\"pill s-green\"><i></i>\(status(.green))</span> ≥ \(b.green.grouped) %, ")
        add("<span class=\"pill s-yellow\"><i></i>\(status(.yellow))</span> ≥ \(b.yellow.grouped) %, ")
        add("<span class=\"pill s-red\"><i></i>\(status(.red))</span> \(t("below", "por debajo de")) \(b.yellow.grouped) %")
        if let c = b.ceiling { add(t(", and above \(c.grouped) % (over-achievement)", ", y por encima de \(c.grouped) % (sobrecumplimiento)")) }
        add("; \(t("an indicator may set its own bands", "un indicador puede tener bandas propias")). ")
        add(t("Compliance = executed / programmed in the same periods (programmed / executed when less is better). Annual progress = executed to date / annual target in force.",
              "Cumplimiento = ejecutado / programado en los mismos periodos (programado / ejecutado cuando menos es mejor). Avance anual = ejecutado acumulado / meta anual vigente."))
        add("</p>\n</section>\n")
    }

    mutating func integrity() {
        let digest = v.head.digest
        var quarterCommand = "ledger quarter \(v.quarter) --as-of \(s.key.asOf)"
        if let p = s.key.plan { quarterCommand += " --plan " + shellWord(p) }
        add("<section class=\"integrity\">\n<h2>\(t("Integrity", "Integridad"))</h2>\n")
        let seq = v.head.seq
        let intro = t("These figures were computed from the journal up to event \(seq), whose SHA-256 chain hash pins every event before it. The digest:",
                      "Estas cifras se calcularon del diario hasta el evento \(seq), cuyo hash SHA-256 encadenado fija todos los eventos anteriores. El resumen:")
        add("<p>" + intro + "</p>\n")
        add("<p class=\"digest\">\(digest)</p>\n")
        add("<p>\(t("To check it at any time, in the ledger's folder:", "Para comprobarlo en cualquier momento, en la carpeta del ledger:"))</p>\n<ul>\n")
        add("<li><code>ledger verify --digest \(digest)</code> — \(t("proves the journal still holds exactly this history, byte for byte.", "prueba que el diario conserva exactamente esta historia, byte por byte."))</li>\n")
        add("<li><code>ledger verify</code> — \(t("re-derives this very file", "vuelve a derivar este mismo archivo")) (<code>snapshots/\(escapeHTML(fileName))</code>) \(t("from the journal and names any difference.", "desde el diario y señala cualquier diferencia."))</li>\n")
        add("<li><code>\(escapeHTML(quarterCommand))</code> — \(t("shows the same figures on screen.", "muestra las mismas cifras en pantalla."))</li>\n")
        add("</ul>\n</section>\n")
    }

    mutating func signatures() {
        add("<section class=\"signatures\">\n")
        let roles = [(t("Prepared by", "Elaboró"), t("Name, position and signature", "Nombre, cargo y firma")),
                     (t("Authorised by", "Autorizó"), t("Name, position and signature", "Nombre, cargo y firma")),
                     (t("Validated by", "Validó"), t("Comisario: name and signature", "Comisario: nombre y firma"))]
        for (i, (role, caption)) in roles.enumerated() {
            // Validó: the Comisario's attestation, when one is recorded (the latest).
            if i == 2, let a = s.attestations.last {
                let p = s.clock.parts(a.stamp.at)
                func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                let date = "\(p.year)-\(pad(p.month))-\(pad(p.day))"
                add("<div class=\"sig\"><div class=\"role\">\(role): \(escapeHTML(a.stamp.actor)), \(date)</div><div class=\"line\"></div>")
                add("<div class=\"caption\">\(t("Signed with the member's SSH key, event", "Firmado con la llave SSH del miembro, evento")) \(a.stamp.seq)</div>")
                add("<div class=\"date\">\(t("Date", "Fecha")): \(date)</div></div>\n")
                continue
            }
            add("<div class=\"sig\"><div class=\"role\">\(role)</div><div class=\"line\"></div><div class=\"caption\">\(caption)</div>")
            add("<div class=\"date\">\(t("Date", "Fecha")): </div></div>\n")
        }
        add("</section>\n")
        for a in s.attestations {
            // A later snapshot of an attested quarter says that the attested one exists.
            let files = a.attestation.files.map { "<code>\(escapeHTML($0.name))</code>" }.joined(separator: ", ")
            add("<p class=\"attested\">\(t("Attested by", "Validado por")) \(escapeHTML(a.stamp.actor)) (\(t("event", "evento")) \(a.stamp.seq), \(escapeHTML(s.clock.short(a.stamp.at)))): \(files)</p>\n")
        }
    }

    // MARK: Style

    /// The demonstration mark's style (only on a demonstration ledger's page).
    var demoCSS: String {
        ".demo { border: 2px solid #b00020; color: #b00020; font-weight: bold; padding: 4px 8px; margin: 6px 0; }\n"
    }

    var css: String {
        // Every page's foot names the quarter, the cut and the digest, so a
        // single printed sheet still says which history it shows. Only
        // ASCII we write ourselves goes into these CSS strings.
        let foot = "\(v.quarter) \u{B7} \(t("as of", "corte")) \(s.key.asOf) \u{B7} \(v.head.digest)"
            .unicodeScalars.map { $0.isASCII ? String($0) : "\\" + String($0.value, radix: 16) + " " }.joined()
        let pageWord = t("Page", "P\\E1 gina")
        let ofWord = t("of", "de")
        return """
        @page { size: landscape; margin: 12mm 11mm 14mm 11mm;
          @bottom-left { content: "\(foot)"; font: 6.5pt "DejaVu Sans Mono", Consolas, monospace; color: #666; }
          @bottom-right { content: "\(pageWord) " counter(page) " \(ofWord) " counter(pages); font: 7.5pt Arial, sans-serif; color: #666; }
        }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 1500px; padding: 24px; color: #1b1f24; background: #fff;
          font: 9pt/1.35 "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; }
        @media print { body { padding: 0; max-width: none; } }
        .top { border-bottom: 2px solid #1f3a5f; padding-bottom: 8px; margin-bottom: 10px; }
        .entity { font-size: 11pt; font-weight: bold; color: #1f3a5f; }
        h1 { font-size: 16pt; margin: 2px 0 2px; font-weight: bold; }
        h2 { font-size: 10.5pt; margin: 0 0 4px; color: #1f3a5f; }
        .subtitle { font-size: 10pt; margin-bottom: 6px; }
        table.facts { border-collapse: collapse; margin: 4px 0 6px; }
        table.facts th { text-align: left; vertical-align: top; padding: 1px 12px 1px 0; color: #555; font-weight: normal; white-space: nowrap; }
        table.facts td { padding: 1px 0; }
        .mono, code, .digest { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 8pt; }
        .small { font-size: 7.5pt; color: #555; }
        .summary { margin-top: 4px; }
        .summary .total { font-weight: bold; margin-right: 8px; }
        .pill { display: inline-block; white-space: nowrap; font-size: 7.5pt; margin-right: 6px; }
        .pill i, .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 3px; vertical-align: -0.5px; background: #b0b4b9; }
        .s-green i, .dot.s-green, .bar.s-green i { background: #2e7d32; }
        .s-yellow i, .dot.s-yellow, .bar.s-yellow i { background: #f2b400; }
        .s-red i, .dot.s-red, .bar.s-red i { background: #c62828; }
        table.figures { width: 100%; border-collapse: collapse; margin-top: 6px; font-size: 8.5pt; }
        table.figures thead { display: table-header-group; }
        table.figures th, table.figures td { border-bottom: 1px solid #d5d9de; padding: 3px 4px; vertical-align: top; }
        table.figures thead th { background: #1f3a5f; color: #fff; font-size: 7.5pt; font-weight: bold; text-align: left; border: 1px solid #1f3a5f; border-left-color: #3d5a80; }
        table.figures thead th.group { text-align: center; border-bottom: 1px solid #5b7aa3; }
        table.figures tbody { break-inside: avoid; page-break-inside: avoid; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        tr.unit th { background: #e8edf3; color: #1f3a5f; text-align: left; font-size: 8.5pt; padding: 4px 5px; border-top: 1px solid #9fb1c8; }
        tr.unit .uname { font-weight: bold; }
        tr.unit .utotals { float: right; font-weight: normal; color: #333; font-size: 7.5pt; }
        tr.unit .utotals .pill { margin: 0 0 0 6px; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.figures thead th.num { text-align: right; }
        td.ind { min-width: 170px; }
        th .sub { font-weight: normal; font-size: 7pt; opacity: .85; }
        td.ind .id { font-size: 7.5pt; color: #555; font-family: "DejaVu Sans Mono", Consolas, monospace; }
        td.ind .name { font-weight: bold; }
        .bar-col { width: 78px; white-space: nowrap; text-align: right; }
        .bar-col .val { text-align: right; font-variant-numeric: tabular-nums; }
        .bar-col .pill { display: block; margin: 1px 0 0; text-align: left; font-size: 7pt; }
        .bar { height: 6px; background: #e4e7eb; border-radius: 3px; overflow: hidden; margin-top: 2px; }
        .bar i { display: block; height: 100%; background: #b0b4b9; }
        .bar.progress i { background: #3d6fa8; }
        td.marks { text-align: center; white-space: nowrap; }
        .mark { display: inline-block; min-width: 13px; padding: 0 2px; border: 1px solid #555; border-radius: 2px; font-size: 7pt; font-weight: bold; text-align: center; }
        .mark.post { border-color: #c62828; color: #c62828; }
        tr.main td { border-bottom: none; }
        tr.main:last-child td { border-bottom: 1px solid #d5d9de; }
        tr.notes td { font-size: 8pt; color: #333; padding-top: 0; padding-left: 14px; }
        tr.notes .label { color: #555; }
        tr.notes .missing { color: #c62828; }
        .legend { margin-top: 10px; font-size: 7.5pt; color: #333; break-inside: avoid; }
        .legend p { margin: 2px 0; }
        .integrity { margin-top: 10px; padding: 6px 10px; border: 1px solid #9fb1c8; background: #f5f7fa; break-inside: avoid; font-size: 8pt; }
        .integrity p { margin: 2px 0; }
        .integrity ul { margin: 2px 0; padding-left: 18px; }
        .digest { font-size: 9pt; font-weight: bold; word-break: break-all; margin: 3px 0 5px; }
        .signatures { display: flex; gap: 28px; margin-top: 36px; break-inside: avoid; }
        .sig { flex: 1; font-size: 8.5pt; }
        .sig .role { font-weight: bold; }
        .sig .line { border-bottom: 1px solid #000; height: 44px; }
        .sig .caption { color: #555; font-size: 7.5pt; margin-top: 2px; }
        .sig .date { margin-top: 10px; color: #555; font-size: 7.5pt; border-bottom: 1px dotted #999; padding-bottom: 2px; }

        """ + (isBoard ? boardCSS : "")
    }

    /// What the board's page adds (format 3 and later).
    var boardCSS: String {
        """
        table.units { border-collapse: collapse; margin: 6px 0 2px; font-size: 8pt; }
        table.units caption { text-align: left; font-weight: bold; color: #1f3a5f; font-size: 8.5pt; padding-bottom: 2px; }
        table.units th { text-align: left; font-weight: normal; padding: 1px 10px 1px 0; white-space: nowrap; }
        table.units td { padding: 1px 8px 1px 0; vertical-align: middle; }
        svg.ubar { display: block; background: #e4e7eb; }
        svg.ubar .s-green { fill: #2e7d32; } svg.ubar .s-yellow { fill: #f2b400; } svg.ubar .s-red { fill: #c62828; } svg.ubar .s-none { fill: #b0b4b9; }
        .chart-col { width: 1%; white-space: nowrap; text-align: left; }
        th.chart-col .sub .key-e { display: inline-block; width: 8px; height: 8px; background: #7fa3c8; vertical-align: -0.5px; }
        th.chart-col .sub .key-p { display: inline-block; width: 10px; height: 0; border-top: 2px solid #fff; vertical-align: 2px; }
        svg.chart { display: block; overflow: visible; }
        svg.chart .q { fill: #eef2f7; }
        svg.chart .axis { stroke: #9aa3ad; stroke-width: 1; }
        svg.chart rect.e { fill: #7fa3c8; }
        svg.chart polyline.p { fill: none; stroke: #1b1f24; stroke-width: 1.2; }
        svg.chart circle.p { fill: #1b1f24; }
        svg.chart .none { stroke: #c62828; stroke-width: 1.2; fill: none; }
        svg.chart text { font: 7px Arial, "Liberation Sans", sans-serif; text-anchor: middle; fill: #555; }
        svg.chart text.m { font-weight: bold; fill: #1b1f24; }
        svg.chart text.m.p { fill: #c62828; }
        tr.notes .docs { color: #1f3a5f; }
        .findings { margin-top: 14px; font-size: 7.5pt; color: #333; }
        .findings ul { margin: 2px 0; padding-left: 16px; }
        .findings li { margin: 1px 0; break-inside: avoid; }
        .findings .id, .findings .src { font-family: "DejaVu Sans Mono", Consolas, monospace; color: #555; }
        .findings .src { font-size: 6.5pt; }

        """
    }
}
