// `poa-report`: the monthly POA report of a Mexican utility (seed 000).
//
// The document is a sequence of blocks, one per reporting round and
// coordinación: a title ("PROGRAMA OPERATIVO ANUAL 2017"), the round
// ("ene-17", or "PRIMER TRIMESTRE 2017" for the quarterly indicators), the
// plan labels (EJE RECTOR, ESTRATEGIA, SUB EJE), two header rows and the
// data rows. Columns are found by their header names, not by position.
//
// How a row becomes events:
// - The indicator is identified by its unit's clave and its NOMBRE (compared
//   without accents: "SUSPENSIÓN" and "SUSPENSION" are one indicator). Its
//   id is PLAN-CLAVE-SLUG (POA2017-307-INSTALACION-MEDIDORES).
// - It is defined from its first row in the document, whichever round is
//   imported, so every round of one document agrees on the definition; it
//   is defined only when the ledger does not know it yet.
// - META is the target of the row's period. For counts the meta anual is
//   META x periods per year (the document's own AVANCE ABSOLUTO, 8.33 % a
//   month, says each month is 1/12 of the year) and the aggregation `sum`.
//   For "%" units META is a level, so the meta anual is META itself and
//   the aggregation `last`: a quarter of 100, 100, 100 is 100, not 300.
//   A level held every period (AVANCE % = VALOR / META x AVANCE ABSOLUTO)
//   has META as every target; a level that grows through the year
//   (AVANCE % = VALOR / META: 25 of 100 at Q1) has cumulative targets,
//   META x AVANCE ABSOLUTO x periods so far (25, 50, 75, 100).
// - A META that differs from the target in force for that period is a
//   target change for that period (INSTALACION DE MEDIDORES: 300, then 350,
//   then 420), with the round as its reason.
// - VALOR ACTUAL is the period's reading; OBSERVACIONES an observation
//   ("NINGUNA" is not recorded).
// - AVANCE %/META ANUAL is recomputed as executed to date / meta anual
//   (per the aggregation) and a difference beyond rounding or truncation
//   at the precision the document prints (3.10 is 3.1) is a finding.
// - Rounds: with `month`, only the blocks of that round are imported; a
//   quarter block (PRIMER TRIMESTRE) belongs to the round of the quarter's
//   last month (March).

import LedgerCore

enum POAReportImporter {
    static let what = Localized("a POA monthly report (poa-report)", "un reporte mensual de POA (poa-report)")

    /// One data row, with what it inherits from the rows above (merged cells).
    struct Entry {
        var line: Int
        var round: Period
        var year: Int
        var hierarchy: [PlanLevel]
        var ownerCode: String
        var ownerName: String
        var name: String
        var description: String
        var meta: NumberCell
        var unit: String
        var frequencyText: String
        var value: NumberCell
        var observation: String
        var progress: NumberCell
        /// AVANCE ABSOLUTO: the share of the annual target one period is (8.33 % a month, 25 % a quarter).
        var share: NumberCell
        var key: String { ownerCode + "|" + name.folded }
        var isPercent: Bool { unit.trimmed == "%" || meta.notations.contains(.percentSign) }
    }

    struct Columns {
        var lineaDeAccion = 0, objetivo = 1, acciones = 4
        var clave = -1, unitName = -1, metaAnual = -1, avance = -1, share = -1, name = -1, description = -1
        var meta = -1, unit = -1, frequency = -1, value = -1, observations = -1
        var count = 0
    }

    static func read(_ bytes: [UInt8], options: ImportOptions, existing: ExistingLedger) throws -> ImportResult {
        let lines = try Document.lines(bytes, what: what)
        let numbers = Numbers.choose(lines, option: options.numberConvention)
        let (all, refusedRows) = try parse(lines, numbers: numbers)
        var entries = all
        guard let year = entries.first?.year else {
            throw LayoutError(line: 1, Localized("no data row under a POA header (VALOR ACTUAL) was found; this is not \(what.en)",
                                                 "no se encontró ninguna fila de datos bajo un encabezado de POA (VALOR ACTUAL); no es \(what.es)"))
        }
        let plan = options.plan ?? "POA \(year)"
        var a = Assembly(options: options, existing: existing, plan: plan)
        a.numbers = numbers
        a.noteConvention(numbers)
        for (line, en, es) in refusedRows { a.note(line, .missingCells, en, es, imported: false) }

        // Ids over the whole document, in order of first appearance.
        let prefix = idPrefix(plan)
        var ids: [String: String] = [:]
        var used: Set<String> = []
        for e in entries where ids[e.key] == nil {
            var id = "\(prefix)-\(e.ownerCode.isEmpty ? "X" : e.ownerCode.slug(limit: 12))-\(e.name.slug(limit: 36))"
            if used.contains(id) {
                var n = 2
                while used.contains("\(id)-\(n)") { n += 1 }
                id = "\(id)-\(n)"
            }
            used.insert(id)
            ids[e.key] = id
        }
        var first: [String: Entry] = [:]
        for e in entries where first[e.key] == nil { first[e.key] = e }

        // Rounds in time order: a quarter block after the months of its quarter.
        func roundMonth(_ p: Period) -> Int { p.lastMonth }
        entries.sort { (roundMonth($0.round), $0.round.frequency.months, $0.line) < (roundMonth($1.round), $1.round.frequency.months, $1.line) }
        if let m = options.month {
            entries = entries.filter { $0.round.year == m.year && roundMonth($0.round) == m.lastMonth }
            if entries.isEmpty {
                a.note(1, .unreadable, "the document has no reporting round for \(m)", "el documento no tiene ronda de reporte de \(m)", imported: false)
            }
        }

        // What this document says each indicator executed, per period, to
        // recompute AVANCE % from the document itself (the ledger fills gaps).
        var documentReadings: [String: [Period: DecimalNumber]] = [:]
        for e in all {
            guard let id = ids[e.key], let v = e.value.value, let f = Frequency(text: e.frequencyText.folded.lowercased()),
                  let p = period(of: e.round, frequency: f) else { continue }
            documentReadings[id, default: [:]][p] = v
        }

        var targets: [String: [Period: DecimalNumber]] = [:]
        var seen: Set<String> = []
        for e in entries {
            let id = ids[e.key]!
            let origin = first[e.key]!
            guard let frequency = Frequency(text: origin.frequencyText.folded.lowercased()) else {
                a.note(e.line, .unreadable, "FRECUENCIA DE MEDICION \"\(origin.frequencyText)\" is not MENSUAL, TRIMESTRAL, SEMESTRAL or ANUAL; the row was not imported",
                       "FRECUENCIA DE MEDICION \"\(origin.frequencyText)\" no es MENSUAL, TRIMESTRAL, SEMESTRAL ni ANUAL; la fila no se importó", imported: false)
                continue
            }
            guard let definition = makeDefinition(origin, id: id, frequency: frequency, plan: plan, log: &a) else { continue }
            guard a.define(definition, line: origin.line) else { continue }
            let d = a.definition(of: id)!
            notations(e, id: id, log: &a)
            guard let p = period(of: e.round, frequency: d.frequency) else {
                let v = e.value.text.isEmpty ? "" : " (VALOR ACTUAL \(e.value.text))"
                a.note(e.line, .unreadable,
                       "the \(roundName(e.round, .en)) report gives a value\(v) for an indicator measured \(d.frequency.rawValue); no period of that frequency ends with this round, so nothing was recorded",
                       "el reporte \(ofRound(e.round)) da un valor\(v) para un indicador de frecuencia \(spanish(d.frequency)); ningún periodo de esa frecuencia termina con esta ronda, así que no se registró nada",
                       indicator: id, imported: false)
                continue
            }
            guard seen.insert(id + "@" + p.description).inserted else {
                a.note(e.line, .conflict, "\(origin.name) appears twice in the \(p) round; the second row was not imported",
                       "\(origin.name) aparece dos veces en la ronda de \(p); la segunda fila no se importó", indicator: id, period: p, imported: false)
                continue
            }
            // Target: META (for a cumulative level, its share due by this
            // period) against the target in force for the period.
            if let meta = isCumulative(origin) ? cumulativeTarget(e, d, p) : e.meta.value {
                let before = targets[id]?[p] ?? existing.target(of: id, for: p) ?? programmed(d, p)
                if before != meta {
                    let reason = options.language == .es
                        ? "META del reporte \(ofRound(e.round)): \(meta) (antes \(before.map(\.description) ?? "sin meta"))"
                        : "META of the \(roundName(e.round, .en)) report: \(meta) (was \(before.map(\.description) ?? "none"))"
                    a.emit(.changeTarget(indicator: id, change: .period(p, meta), reason: reason), line: e.line)
                    targets[id, default: [:]][p] = meta
                }
            } else if !e.meta.text.isEmpty {
                a.note(e.line, .unreadable, "META \"\(e.meta.text)\" is not a number; the target was not changed", "META \"\(e.meta.text)\" no es un número; la meta no se cambió",
                       indicator: id, period: p, imported: false)
            }
            // Reading.
            if let v = e.value.value {
                a.emit(.recordReading(indicator: id, period: p, measurement: .value(v), note: nil, postClose: false, reason: nil), line: e.line)
                checkProgress(e, id: id, d: d, period: p, documentReadings: documentReadings, existing: existing, log: &a)
            } else {
                let why = e.value.isEmpty ? ("VALOR ACTUAL is empty", "VALOR ACTUAL está vacío") : ("VALOR ACTUAL \"\(e.value.text)\" is not a number", "VALOR ACTUAL \"\(e.value.text)\" no es un número")
                a.note(e.line, e.value.isEmpty ? .missingCells : .unreadable, "\(why.0); no reading was recorded for \(p)", "\(why.1); no se registró lectura de \(p)",
                       indicator: id, period: p, imported: false)
            }
            let text = e.observation.trimmed
            if !text.isEmpty && text.folded != "NINGUNA" {
                a.emit(.addObservation(indicator: id, period: p, text: text), line: e.line)
            }
        }
        return a.finish()
    }

    /// The definition from an indicator's first row.
    static func makeDefinition(_ e: Entry, id: String, frequency: Frequency, plan: String, log a: inout Assembly) -> IndicatorDefinition? {
        guard let meta = e.meta.value else {
            a.note(e.line, .unreadable, "META \"\(e.meta.text)\" is not a number, so \(e.name) cannot be defined; its rows were not imported",
                   "META \"\(e.meta.text)\" no es un número, así que \(e.name) no puede definirse; sus filas no se importaron", imported: false)
            return nil
        }
        let isPercent = e.isPercent
        let perYear = 12 / frequency.months
        let annual = isPercent ? meta : meta * perYear
        var monthly: [DecimalNumber]?
        if frequency == .monthly || isPercent { monthly = Array(repeating: meta, count: 12) }
        if isCumulative(e), let share = e.share.value {
            // A level that grows to META over the year: each month gets the
            // target of the period it belongs to, META x share x periods so far.
            monthly = (1...12).map { m in cumulative(meta, share: share, periods: (m - 1) / frequency.months + 1) }
        }
        return IndicatorDefinition(
            id: id, name: e.name, description: e.description.isEmpty ? nil : e.description, unit: e.unit.isEmpty ? "UNIDADES" : e.unit,
            frequency: frequency, year: e.year, annualTarget: annual, monthlyTargets: monthly,
            aggregation: isPercent ? .last : .sum, direction: .ascending,
            ownerCode: e.ownerCode.isEmpty ? nil : e.ownerCode, ownerName: e.ownerName.isEmpty ? nil : e.ownerName,
            plan: plan, hierarchy: e.hierarchy)
    }

    /// A `%` row whose document reads VALOR ACTUAL as progress toward the
    /// annual META, a level that grows through the year: its AVANCE %/META
    /// ANUAL is VALOR / META (CUMPLIMIENTO DEL PLAN OPERATIVO ANUAL: 25 of
    /// 100 at Q1, 25 %), not VALOR / META x AVANCE ABSOLUTO as for a level
    /// held every period (CAPTURA DE INFORMACION: 100 of 100, 8.33 %).
    static func isCumulative(_ e: Entry) -> Bool {
        guard e.isPercent, let meta = e.meta.value, !meta.isZero, let share = e.share.value, share < DecimalNumber.hundred,
              let value = e.value.value, let document = e.progress.value else { return false }
        let asProgress = Numbers.percentMatches(document, numerator: value, denominator: meta)
        let asLevelHeld = Numbers.percentMatches(document, numerator: product(value, share), denominator: meta * 100)
        return asProgress && !asLevelHeld
    }

    /// META x share % x periods, at most META: the cumulative target after `periods` periods.
    static func cumulative(_ meta: DecimalNumber, share: DecimalNumber, periods: Int) -> DecimalNumber {
        let due = product(meta * periods, share)
        let target = DecimalNumber(mantissa: due.mantissa, scale: due.scale + 2).trimmed
        return min(target, meta)
    }

    /// The cumulative target of period `p` by the row's own META and AVANCE ABSOLUTO.
    static func cumulativeTarget(_ e: Entry, _ d: IndicatorDefinition, _ p: Period) -> DecimalNumber? {
        guard let meta = e.meta.value, let share = e.share.value else { return nil }
        return cumulative(meta, share: share, periods: (p.lastMonth - 1) / d.frequency.months + 1)
    }

    static func product(_ a: DecimalNumber, _ b: DecimalNumber) -> DecimalNumber {
        DecimalNumber(mantissa: a.mantissa * b.mantissa, scale: a.scale + b.scale)
    }

    /// The target a definition gives a period when nothing changed it.
    static func programmed(_ d: IndicatorDefinition, _ p: Period) -> DecimalNumber? {
        if let monthly = d.monthlyTargets, monthly.count == 12 {
            let values = p.months.map { monthly[$0 - 1] }
            return d.aggregation == .sum ? values.total : values.last
        }
        if d.aggregation == .sum { return (d.annualTarget * p.frequency.months).divided(by: 12, decimals: max(2, d.annualTarget.scale))?.trimmed }
        return d.annualTarget
    }

    /// The indicator's period a round reports: the month for monthly
    /// indicators in a month's round, the quarter for quarterly ones in a
    /// quarter's round; nil when none fits.
    static func period(of round: Period, frequency: Frequency) -> Period? {
        guard round.frequency == frequency else { return nil }
        return round
    }

    static func checkProgress(_ e: Entry, id: String, d: IndicatorDefinition, period p: Period,
                              documentReadings: [String: [Period: DecimalNumber]], existing: ExistingLedger, log a: inout Assembly) {
        guard let doc = e.progress.value, !d.annualTarget.isZero else { return }
        var executed: DecimalNumber
        var basis: String
        switch d.aggregation {
        case .sum:
            executed = .zero
            for q in Period.year(d.year).periods(of: d.frequency) where q <= p {
                guard let v = documentReadings[id]?[q] ?? existing.reading(of: id, for: q) else { return }
                executed = executed + v
            }
            basis = "\(executed)"
        default:
            guard let v = documentReadings[id]?[p] else { return }
            executed = v
            basis = "\(v)"
        }
        // Right at the precision the document prints (3.10 % for 3.125 %).
        if Numbers.percentMatches(doc, numerator: executed, denominator: d.annualTarget) { return }
        // The document sums monthly percentages, each computed with 8.33 %
        // for one twelfth and cut to two decimals: allow one unit of its last
        // decimal per period summed, plus 0.04 % of the figure (8.33 / 8.333...).
        let periods = d.aggregation == .sum ? Period.year(d.year).periods(of: d.frequency).filter { $0 <= p }.count : 1
        if let exact = Numbers.percent(executed, of: d.annualTarget, decimals: 6) {
            let unit = DecimalNumber(mantissa: 1, scale: doc.scale)
            let tolerance = unit * periods + (exact * 4).divided(by: 10000, decimals: 6)!
            let gap = doc > exact ? doc - exact : exact - doc
            if gap <= tolerance { return }
        }
        let mine = Numbers.percent(executed, of: d.annualTarget, decimals: max(2, doc.scale)) ?? .zero
        let sumEn = d.aggregation == .sum ? "executed to date" : "the level reported"
        let sumEs = d.aggregation == .sum ? "lo ejecutado a la fecha" : "el nivel reportado"
        a.note(e.line, .percentMismatch,
               "AVANCE %/META ANUAL is \(e.progress.text), but \(sumEn) (\(basis)) over the annual target (\(d.annualTarget)) is \(mine) %",
               "AVANCE %/META ANUAL es \(e.progress.text), pero \(sumEs) (\(basis)) sobre la meta anual (\(d.annualTarget)) es \(mine) %",
               indicator: id, period: p)
    }

    /// Findings for numbers written with signs or separators in value cells.
    static func notations(_ e: Entry, id: String, log a: inout Assembly) {
        for (column, cell) in [("META", e.meta), ("VALOR ACTUAL", e.value)] {
            a.noteAmbiguous(cell, column: column, line: e.line, choice: a.numbers, indicator: id)
            for n in cell.notations {
                switch n {
                case .decimalComma:
                    break  // said once for the document
                case .currencySign:
                    a.note(e.line, .currencySign, "\(column) is written \"\(cell.text)\" with a currency sign; read as \(cell.value.map(\.description) ?? "?")",
                           "\(column) está escrito \"\(cell.text)\" con signo de moneda; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: id)
                case .percentSign:
                    a.note(e.line, .percentSign, "\(column) is written \"\(cell.text)\" with a percent sign; read as \(cell.value.map(\.description) ?? "?")",
                           "\(column) está escrito \"\(cell.text)\" con signo de porcentaje; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: id)
                case .thousandsSeparator:
                    a.note(e.line, .thousandsSeparator, "\(column) is written \"\(cell.text)\" with thousands separators; read as \(cell.value.map(\.description) ?? "?")",
                           "\(column) está escrito \"\(cell.text)\" con separadores de miles; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: id)
                case .footnote:
                    a.note(e.line, .footnote, "\(column) \"\(cell.text)\" carries a footnote mark", "\(column) \"\(cell.text)\" lleva una llamada de nota",
                           indicator: id, imported: cell.value != nil)
                }
            }
        }
    }

    // MARK: Parsing

    static let months = ["ENE": 1, "FEB": 2, "MAR": 3, "ABR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AGO": 8, "SEP": 9, "SEPT": 9, "SET": 9, "OCT": 10, "NOV": 11, "DIC": 12]
    static let ordinals = ["PRIMER": 1, "PRIMERO": 1, "SEGUNDO": 2, "TERCER": 3, "TERCERO": 3, "CUARTO": 4]

    /// "ene-17", "FEB 2017", "PRIMER TRIMESTRE 2017".
    static func roundPeriod(_ text: String, year: Int?) -> Period? {
        let t = text.folded
        let words = t.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" }).map(String.init)
        if words.count == 2, let m = months[words[0]], let y = Int(words[1]) {
            let full = y < 100 ? 2000 + y : y
            return Period.month(full, m)
        }
        if words.count >= 2, let q = ordinals[words[0]], words[1] == "TRIMESTRE" {
            let y = words.count >= 3 ? Int(words[2]) : year
            return y.map { Period.quarter($0, q) }
        }
        return nil
    }

    /// "de 2017-02", "del trimestre 2017-Q1": a round after "reporte".
    static func ofRound(_ p: Period) -> String {
        p.frequency == .quarterly ? "del trimestre \(p)" : "de \(p)"
    }

    static func roundName(_ p: Period, _ l: Language) -> String {
        if p.frequency == .quarterly { return l == .es ? "el trimestre \(p)" : "quarter \(p)" }
        return p.description
    }

    static func spanish(_ f: Frequency) -> String {
        switch f {
        case .monthly: return "mensual"
        case .quarterly: return "trimestral"
        case .semiannual: return "semestral"
        case .annual: return "anual"
        }
    }

    /// Every data row with the block context it belongs to, and the rows
    /// that could not be read at all (line, en, es).
    static func parse(_ lines: [Line], numbers: ConventionChoice) throws -> ([Entry], [(Int, String, String)]) {
        var entries: [Entry] = []
        var refused: [(Int, String, String)] = []
        var year: Int?
        var round: Period?
        var labels: [String: String] = [:]
        var columns: Columns?
        var inherited: [String: String] = [:]
        var sawTitle = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            i += 1
            if line.isBlank { columns = nil; continue }
            let filled = line.filled
            let first = filled.first?.folded ?? ""
            if filled.count == 1 {
                if first.hasPrefix("PROGRAMA OPERATIVO ANUAL") {
                    sawTitle = true
                    if let y = first.split(separator: " ").last.flatMap({ Int($0) }) { year = y }
                    columns = nil
                    continue
                }
                if let p = roundPeriod(first, year: year) { round = p; labels = [:]; columns = nil; continue }
                for (prefix, level) in [("EJE RECTOR", "eje"), ("ESTRATEGIA", "estrategia"), ("SUB EJE", "sub eje")] where first.hasPrefix(prefix) {
                    let value = filled[0].split(separator: ":", maxSplits: 1).dropFirst().first.map { String($0).trimmed } ?? ""
                    labels[level] = value
                }
                if columns == nil { continue }
            }
            if filled.contains(where: { $0.folded == "VALOR ACTUAL" }) {
                columns = try headerColumns(line, above: i >= 2 ? lines[i - 2] : nil)
                inherited = [:]
                continue
            }
            if first == "LINEA DE ACCION" { continue }
            guard let cols = columns else { continue }
            guard sawTitle, let y = year, let r = round else {
                throw LayoutError(line: line.number, Localized("a data row comes before the report's title and month (PROGRAMA OPERATIVO ANUAL YYYY, ene-17); this is not \(what.en)",
                                                               "hay una fila de datos antes del título y el mes del reporte (PROGRAMA OPERATIVO ANUAL AAAA, ene-17); no es \(what.es)"))
            }
            if line.cells.count < cols.value + 1 {
                refused.append((line.number, "the row has \(line.cells.count) cells, the header \(cols.count): cells are missing, so none can be placed; the row was not imported",
                                "la fila tiene \(line.cells.count) celdas y el encabezado \(cols.count): faltan celdas, así que ninguna puede ubicarse; la fila no se importó"))
                continue
            }
            func cell(_ c: Int, inherit key: String? = nil) -> String {
                let v = c >= 0 ? line[c] : ""
                guard let key else { return v }
                if !v.isEmpty { inherited[key] = v; return v }
                return inherited[key] ?? ""
            }
            let name = cell(cols.name)
            if name.isEmpty {
                refused.append((line.number, "the indicator NOMBRE is empty; the row was not imported", "el NOMBRE del indicador está vacío; la fila no se importó"))
                continue
            }
            let code = line[cols.clave]
            if !code.isEmpty {
                inherited["clave"] = code
                inherited["unit"] = line[cols.unitName]
            }
            var hierarchy: [PlanLevel] = []
            for level in ["eje", "estrategia", "sub eje"] { if let v = labels[level], !v.isEmpty { hierarchy.append(PlanLevel(level: level, value: v)) } }
            let la = cell(cols.lineaDeAccion, inherit: "la"), ob = cell(cols.objetivo, inherit: "objetivo"), ac = cell(cols.acciones, inherit: "accion")
            if !la.isEmpty { hierarchy.append(PlanLevel(level: "línea de acción", value: la)) }
            if !ob.isEmpty { hierarchy.append(PlanLevel(level: "objetivo", value: ob)) }
            if !ac.isEmpty { hierarchy.append(PlanLevel(level: "acción", value: ac)) }
            let unitName = line[cols.unitName]
            entries.append(Entry(
                line: line.number, round: r, year: y, hierarchy: hierarchy,
                ownerCode: inherited["clave"] ?? "", ownerName: unitName.isEmpty ? (inherited["unit"] ?? "") : unitName,
                name: name, description: cell(cols.description), meta: Numbers.read(cell(cols.meta), numbers), unit: cell(cols.unit),
                frequencyText: cell(cols.frequency), value: Numbers.read(cell(cols.value), numbers), observation: cell(cols.observations),
                progress: Numbers.read(cell(cols.avance), numbers), share: Numbers.read(cell(cols.share), numbers)))
        }
        return (entries, refused)
    }

    /// Column positions from the second header row (CLAVE ... VALOR ACTUAL)
    /// and the first (LINEA DE ACCION, OBJETIVO, ACCIONES OPERATIVAS).
    static func headerColumns(_ line: Line, above: Line?) throws -> Columns {
        var c = Columns()
        c.count = line.cells.count
        var names = 0
        for (i, raw) in line.cells.enumerated() {
            let h = raw.folded
            switch h {
            case "CLAVE": c.clave = i
            case "NOMBRE":
                names += 1
                if names == 1 { c.unitName = i } else { c.name = i }
            case "META ANUAL": c.metaAnual = i
            case "DESCRIPCION": c.description = i
            case "META": c.meta = i
            case "UNIDAD MEDIDA", "UNIDAD DE MEDIDA": c.unit = i
            case "VALOR ACTUAL": c.value = i
            case "OBSERVACIONES": c.observations = i
            case "AVANCE ABSOLUTO": c.share = i
            default:
                if h.hasPrefix("AVANCE %") { c.avance = i }
                if h.hasPrefix("FRECUENCIA") { c.frequency = i }
            }
        }
        if let above {
            for (i, raw) in above.cells.enumerated() {
                switch raw.folded {
                case "LINEA DE ACCION": c.lineaDeAccion = i
                case "OBJETIVO": c.objetivo = i
                case "ACCIONES OPERATIVAS": c.acciones = i
                default: break
                }
            }
        }
        guard c.name >= 0, c.meta >= 0, c.value >= 0, c.frequency >= 0, c.unit >= 0 else {
            throw LayoutError(line: line.number, Localized("the header lacks one of NOMBRE (twice), META, UNIDAD MEDIDA, FRECUENCIA DE MEDICION, VALOR ACTUAL; this is not \(what.en)",
                                                           "al encabezado le falta NOMBRE (dos veces), META, UNIDAD MEDIDA, FRECUENCIA DE MEDICION o VALOR ACTUAL; no es \(what.es)"))
        }
        return c
    }
}
