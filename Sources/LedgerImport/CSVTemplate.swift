// `csv`: our own template, two sheets a clerk fills in Excel and saves as
// CSV (comma, semicolon or tab; UTF-8, with or without BOM). A file is one
// sheet, told by its header:
//
// Indicators (indicadores): id, name, unit, year, annual_target, the twelve
//   monthly targets ene..dic (or jan..dec), and optionally frequency,
//   aggregation, direction, owner, owner_name, description, plan, and the
//   transparency fields: baseline (linea_base), dimension, definition,
//   method (metodo_de_calculo), information_source (fuente_de_informacion),
//   objective (objetivo_institucional).
// Readings (lecturas): indicator, period, value, and optionally note.
//
// Headers are matched without case, accents, spaces or "_" / "-", in
// English or Spanish (meta_anual, unidad_responsable, periodo, valor...).
// The ids are the sheet's own (never prefixed); `--plan` names the plan of
// every indicator, over the plan column, and a readings sheet imported with
// `--plan` takes readings only for that plan's indicators.
// A row that cannot be read is refused with the reason; numbers written
// with thousands separators or percent signs are read exactly and
// reported; monthly targets that do not add up to the annual target are
// imported and reported.

import LedgerCore

enum CSVTemplateImporter {
    static let what = Localized("our CSV template (an indicators sheet or a readings sheet)", "nuestra plantilla CSV (una hoja de indicadores o de lecturas)")
    static let monthKeys: [[String]] = [
        ["ENE", "JAN", "M01"], ["FEB", "M02"], ["MAR", "M03"], ["ABR", "APR", "M04"], ["MAY", "M05"], ["JUN", "M06"],
        ["JUL", "M07"], ["AGO", "AUG", "M08"], ["SEP", "SEPT", "M09"], ["OCT", "M10"], ["NOV", "M11"], ["DIC", "DEC", "M12"],
    ]
    static let aliases: [String: String] = [
        "ID": "id", "CLAVE": "id", "NAME": "name", "NOMBRE": "name", "UNIT": "unit", "UNIDAD": "unit", "UNIDADDEMEDIDA": "unit",
        "YEAR": "year", "ANO": "year", "EJERCICIO": "year", "ANNUALTARGET": "annual", "METAANUAL": "annual",
        "FREQUENCY": "frequency", "FRECUENCIA": "frequency", "AGGREGATION": "aggregation", "ACUMULACION": "aggregation",
        "DIRECTION": "direction", "SENTIDO": "direction", "OWNER": "owner", "CLAVEUNIDAD": "owner", "OWNERNAME": "ownerName",
        "UNIDADRESPONSABLE": "ownerName", "DESCRIPTION": "description", "DESCRIPCION": "description", "PLAN": "plan",
        "INDICATOR": "indicator", "INDICADOR": "indicator", "PERIOD": "period", "PERIODO": "period", "VALUE": "value",
        "VALOR": "value", "NOTE": "note", "NOTA": "note",
        "BASELINE": "baseline", "LINEABASE": "baseline", "DIMENSION": "dimension", "DIMENSIONAMEDIR": "dimension",
        "DEFINITION": "definition", "DEFINICION": "definition", "DEFINICIONDELINDICADOR": "definition",
        "METHOD": "method", "METODO": "method", "METODODECALCULO": "method", "INFORMATIONSOURCE": "informationSource",
        "FUENTE": "informationSource", "FUENTEDEINFORMACION": "informationSource", "OBJECTIVE": "objective",
        "OBJETIVO": "objective", "OBJETIVOINSTITUCIONAL": "objective",
    ]

    static func key(_ header: String) -> String { CSVSheet.key(header) }

    /// Which of the template's two sheets a header names.
    enum Sheet { case indicators, readings }

    static func read(_ bytes: [UInt8], options: ImportOptions, existing: ExistingLedger) throws -> ImportResult {
        // Decoded the way batch files are (CSVSheet.swift): UTF-8, else Windows-1252.
        guard let (text, encoding) = UserText.decode(bytes) else {
            throw LayoutError(line: 1, Localized("the file holds binary data; it is not \(what.en)", "el archivo contiene datos binarios; no es \(what.es)"))
        }
        _ = try Document.lines(text, what: what)  // empty
        let records: [CSVRecord]
        switch CSV.parse(text) {
        case .success(let r): records = r
        case .failure(let e): throw LayoutError(line: e.line, Localized("\(e.message); this is not \(what.en)", "\(e.message); no es \(what.es)"))
        }
        var result = try read(records: records, what: what, options: options, existing: existing).result
        if encoding == .windows1252 {
            result.findings.insert(Finding(line: 1, kind: .encoding,
                message: Localized("the file is not UTF-8; it was read as Windows-1252 (what Excel saves as \"CSV\" on Windows): check its accents",
                                   "el archivo no es UTF-8; se leyó como Windows-1252 (lo que Excel guarda como \"CSV\" en Windows): revise sus acentos")), at: 0)
        }
        return result
    }

    /// Reads a sheet of the template given as records (a CSV file's, or a
    /// workbook sheet's rows): which sheet its header names, and what it holds.
    static func read(records: [CSVRecord], what: Localized, options: ImportOptions, existing: ExistingLedger) throws -> (sheet: Sheet, result: ImportResult) {
        guard let header = records.first else {
            throw LayoutError(line: 1, Localized("the file has no header row; it is not \(what.en)", "el archivo no tiene fila de encabezado; no es \(what.es)"))
        }
        var columns: [String: Int] = [:]
        var months: [Int: Int] = [:]
        for (i, h) in header.fields.enumerated() {
            let k = key(h)
            if let name = aliases[k], columns[name] == nil { columns[name] = i }
            if let m = monthKeys.firstIndex(where: { $0.contains(k) }) { months[m + 1] = i }
        }
        let numbers = NumberReader.choose(records.dropFirst().lazy.flatMap { r in r.fields.lazy.map { ($0, r.line) } }, option: options.numberConvention)
        if columns["indicator"] != nil, columns["period"] != nil, columns["value"] != nil {
            return (.readings, readings(records.dropFirst(), columns, numbers: numbers, options: options, existing: existing))
        }
        if let missing = ["id", "name", "unit", "year", "annual"].first(where: { columns[$0] == nil }) {
            let en = columns["id"] != nil || columns["name"] != nil
                ? "the indicators sheet lacks the column \(missing)" : "the header has neither the indicators columns (id, name, unit, year, annual_target) nor the readings columns (indicator, period, value)"
            let es = columns["id"] != nil || columns["name"] != nil
                ? "a la hoja de indicadores le falta la columna \(missing)" : "el encabezado no tiene las columnas de indicadores (id, nombre, unidad, año, meta_anual) ni las de lecturas (indicador, periodo, valor)"
            throw LayoutError(line: header.line, Localized("\(en); this is not \(what.en)", "\(es); no es \(what.es)"))
        }
        if !months.isEmpty && months.count != 12 {
            throw LayoutError(line: header.line, Localized("the header names \(months.count) of the 12 monthly target columns (ene..dic); give all twelve or none",
                                                           "el encabezado nombra \(months.count) de las 12 columnas de metas mensuales (ene..dic); ponga las doce o ninguna"))
        }
        return (.indicators, indicators(records.dropFirst(), columns, months: months, numbers: numbers, options: options, existing: existing))
    }

    static func field(_ r: CSVRecord, _ i: Int?) -> String {
        guard let i, i < r.fields.count else { return "" }
        return r.fields[i].trimmed
    }

    /// Reads a number cell, reporting notation; nil (and a finding) when unreadable.
    static func number(_ r: CSVRecord, _ text: String, column: String, indicator: String?, _ a: inout Assembly) -> DecimalNumber? {
        let cell = Numbers.read(text, a.numbers)
        a.noteAmbiguous(cell, column: column, line: r.line, choice: a.numbers, indicator: indicator)
        for n in cell.notations {
            switch n {
            case .decimalComma:
                break  // said once for the document
            case .currencySign:
                a.note(r.line, .currencySign, "\(column) \"\(text)\" is written with a currency sign; read as \(cell.value.map(\.description) ?? "?")",
                       "\(column) \"\(text)\" está escrito con signo de moneda; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: indicator)
            case .thousandsSeparator:
                a.note(r.line, .thousandsSeparator, "\(column) \"\(text)\" is written with thousands separators; read as \(cell.value.map(\.description) ?? "?")",
                       "\(column) \"\(text)\" está escrito con separadores de miles; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: indicator)
            case .percentSign:
                a.note(r.line, .percentSign, "\(column) \"\(text)\" is written with a percent sign; read as \(cell.value.map(\.description) ?? "?")",
                       "\(column) \"\(text)\" está escrito con signo de porcentaje; se leyó como \(cell.value.map(\.description) ?? "?")", indicator: indicator)
            case .footnote:
                a.note(r.line, .footnote, "\(column) \"\(text)\" carries a footnote mark", "\(column) \"\(text)\" lleva una llamada de nota", indicator: indicator,
                       imported: cell.value != nil)
            }
        }
        return cell.value
    }

    static func indicators(_ rows: ArraySlice<CSVRecord>, _ c: [String: Int], months: [Int: Int], numbers: ConventionChoice,
                           options: ImportOptions, existing: ExistingLedger) -> ImportResult {
        var plan = options.plan ?? ""
        var a = Assembly(options: options, existing: existing, plan: plan)
        a.numbers = numbers
        a.noteConvention(numbers)
        var ids: Set<String> = []
        var planOverridden = false
        for r in rows {
            let id = field(r, c["id"]), name = field(r, c["name"]), unit = field(r, c["unit"])
            func refuse(_ en: String, _ es: String) {
                a.note(r.line, .unreadable, "\(en); the indicator was not imported", "\(es); el indicador no se importó", imported: false)
            }
            guard !id.isEmpty, !name.isEmpty, !unit.isEmpty else { refuse("id, name and unit must not be empty", "id, nombre y unidad no deben estar vacíos"); continue }
            guard !id.contains(where: { $0 == " " || $0 == "," || $0 == "\t" }) else { refuse("id \"\(id)\" may not hold spaces or commas", "el id \"\(id)\" no puede tener espacios ni comas"); continue }
            guard ids.insert(id).inserted else {
                a.note(r.line, .conflict, "id \(id) appears twice in the file; the second row was not imported", "el id \(id) aparece dos veces en el archivo; la segunda fila no se importó", imported: false)
                continue
            }
            guard let year = Int(field(r, c["year"])), (1900...2999).contains(year) else { refuse("year \"\(field(r, c["year"]))\" is not a year", "el año \"\(field(r, c["year"]))\" no es un año"); continue }
            guard let annual = number(r, field(r, c["annual"]), column: "annual_target", indicator: id, &a) else {
                refuse("annual_target \"\(field(r, c["annual"]))\" is not a number", "meta_anual \"\(field(r, c["annual"]))\" no es un número"); continue
            }
            var monthly: [DecimalNumber]?
            if !months.isEmpty {
                let texts = (1...12).map { field(r, months[$0]) }
                if texts.allSatisfy({ $0.isEmpty }) {
                    monthly = nil
                } else {
                    let values = (1...12).map { number(r, texts[$0 - 1], column: POIImporter.monthNames[$0 - 1], indicator: id, &a) }
                    if values.contains(where: { $0 == nil }) {
                        let bad = (1...12).filter { values[$0 - 1] == nil }.map { POIImporter.monthNames[$0 - 1] }.joined(separator: ", ")
                        refuse("monthly targets \(bad) are empty or not numbers (leave all twelve empty for annual / 12)",
                               "las metas mensuales \(bad) están vacías o no son números (deje las doce vacías para meta anual / 12)")
                        continue
                    }
                    monthly = values.map { $0! }
                }
            }
            func choice<T>(_ name: String, _ parse: (String) -> T?, default value: T) -> T? {
                let text = field(r, c[name])
                if text.isEmpty { return value }
                return parse(text)
            }
            guard let frequency = choice("frequency", { Frequency(text: $0.folded.lowercased()) }, default: .monthly) else {
                refuse("frequency \"\(field(r, c["frequency"]))\" is not monthly, quarterly, semiannual or annual", "la frecuencia \"\(field(r, c["frequency"]))\" no es mensual, trimestral, semestral ni anual"); continue
            }
            let aggregationNames: [String: Aggregation] = ["SUM": .sum, "SUMA": .sum, "LAST": .last, "ULTIMO": .last, "NIVEL": .last,
                                                           "AVERAGE": .average, "PROMEDIO": .average, "RATIO": .ratio, "RAZON": .ratio, "TASA": .ratio]
            guard let aggregation = choice("aggregation", { aggregationNames[$0.folded] }, default: unit == "%" ? .last : .sum) else {
                refuse("aggregation \"\(field(r, c["aggregation"]))\" is not sum, last, average or ratio", "la acumulación \"\(field(r, c["aggregation"]))\" no es sum, last, average ni ratio"); continue
            }
            let directionNames: [String: Direction] = ["ASCENDING": .ascending, "ASCENDENTE": .ascending, "DESCENDING": .descending, "DESCENDENTE": .descending]
            guard let direction = choice("direction", { directionNames[$0.folded] }, default: .ascending) else {
                refuse("direction \"\(field(r, c["direction"]))\" is not ascending or descending", "el sentido \"\(field(r, c["direction"]))\" no es ascendente ni descendente"); continue
            }
            var baseline: DecimalNumber?
            if !field(r, c["baseline"]).isEmpty {
                guard let b = number(r, field(r, c["baseline"]), column: "baseline", indicator: id, &a) else {
                    refuse("baseline \"\(field(r, c["baseline"]))\" is not a number", "la línea base \"\(field(r, c["baseline"]))\" no es un número"); continue
                }
                baseline = b
            }
            func optional(_ name: String) -> String? { field(r, c[name]).isEmpty ? nil : field(r, c[name]) }
            // --plan names the plan of every indicator of the sheet; the plan
            // column is read only without it (and a disagreement is said once).
            let column = field(r, c["plan"])
            let rowPlan = options.plan ?? column
            if let chosen = options.plan, !column.isEmpty, column != chosen, !planOverridden {
                planOverridden = true
                a.note(r.line, .conflict, "the plan column says \"\(column)\"; every indicator of the file was imported under --plan \"\(chosen)\", as asked",
                       "la columna plan dice \"\(column)\"; todos los indicadores del archivo se importaron con --plan \"\(chosen)\", como se pidió")
            }
            if plan.isEmpty { plan = rowPlan }
            let d = IndicatorDefinition(id: id, name: name, description: field(r, c["description"]).isEmpty ? nil : field(r, c["description"]),
                                        unit: unit, frequency: frequency, year: year, annualTarget: annual, monthlyTargets: monthly,
                                        aggregation: aggregation, direction: direction, baseline: baseline,
                                        ownerCode: optional("owner"), ownerName: optional("ownerName"), plan: rowPlan,
                                        dimension: optional("dimension"), definitionText: optional("definition"), method: optional("method"),
                                        informationSource: optional("informationSource"), objective: optional("objective"))
            if a.definition(of: id) != nil {
                a.note(r.line, .conflict, "indicator \(id) is already in the ledger; the row was not imported (change its target with `ledger append target`)",
                       "el indicador \(id) ya está en el ledger; la fila no se importó (cambie su meta con `ledger append target`)", indicator: nil, imported: false)
                continue
            }
            a.define(d, line: r.line)
            if let m = monthly, d.aggregation == .sum, m.total != annual {
                a.note(r.line, .targetsDoNotAddUp, "monthly targets add up to \(m.total), annual target is \(annual)",
                       "las metas mensuales suman \(m.total), la meta anual es \(annual)", indicator: id)
            }
        }
        var result = a.finish()
        result.plan = plan
        return result
    }

    static func readings(_ rows: ArraySlice<CSVRecord>, _ c: [String: Int], numbers: ConventionChoice, options: ImportOptions, existing: ExistingLedger) -> ImportResult {
        var a = Assembly(options: options, existing: existing, plan: options.plan ?? "")
        a.numbers = numbers
        a.noteConvention(numbers)
        var seen: Set<String> = []
        for r in rows {
            let id = field(r, c["indicator"]), periodText = field(r, c["period"])
            func refuse(_ en: String, _ es: String) {
                a.note(r.line, .unreadable, "\(en); the reading was not imported", "\(es); la lectura no se importó", imported: false)
            }
            guard let d = a.definition(of: id) else {
                refuse("unknown indicator \"\(id)\" (import the indicators sheet first)", "indicador desconocido \"\(id)\" (importe primero la hoja de indicadores)"); continue
            }
            if let chosen = options.plan, d.plan != chosen {
                refuse("\(id) belongs to plan \"\(d.plan)\", not to --plan \"\(chosen)\"", "\(id) pertenece al plan \"\(d.plan)\", no a --plan \"\(chosen)\""); continue
            }
            guard let period = Period(periodText) ?? POAReportImporter.roundPeriod(periodText, year: d.year) else {
                refuse("period \"\(periodText)\" is not 2017-03, 2017-Q1, 2017-H1 or 2017", "el periodo \"\(periodText)\" no es 2017-03, 2017-Q1, 2017-H1 ni 2017"); continue
            }
            guard d.accepts(period) else {
                refuse("\(period) is not a period of \(id), measured \(d.frequency.rawValue) in \(d.year)", "\(period) no es un periodo de \(id), que se mide \(POAReportImporter.spanish(d.frequency)) en \(d.year)"); continue
            }
            guard seen.insert("\(id)@\(period)").inserted else {
                a.note(r.line, .conflict, "a second reading for \(id) \(period) in the file; not imported (record a correction instead)",
                       "una segunda lectura de \(id) \(period) en el archivo; no se importó (registre una corrección)", indicator: id, period: period, imported: false)
                continue
            }
            guard let value = number(r, field(r, c["value"]), column: "value", indicator: id, &a) else {
                refuse("value \"\(field(r, c["value"]))\" is not a number", "el valor \"\(field(r, c["value"]))\" no es un número"); continue
            }
            let note = field(r, c["note"])
            a.emit(.recordReading(indicator: id, period: period, measurement: .value(value), note: note.isEmpty ? nil : note, postClose: false, reason: nil), line: r.line)
        }
        return a.finish()
    }
}
