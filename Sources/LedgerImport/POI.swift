// `poi`: the Peruvian Plan Operativo Institucional (seed 002): per activity
// (ACTIVIDAD POI) of an Unidad Orgánica, the meta anual, PROGRAMADO and
// EJECUTADO for each month, PROG/EJEC per quarter and the year's totals.
//
// Each activity is a monthly indicator PLAN-NNN (NNN its order in the
// document: activities have no code, and their names repeat across units).
// Its monthly targets are the PROGRAMADO months and its readings the
// EJECUTADO months, when the row's cells can be placed (POIAlignment): a
// month is imported only when every best placement gives it the same
// value. A month with nothing programmed and nothing executed gets no
// reading (nothing was due); an empty EJECUTADO cell is never a reading of
// 0 (a blank is not a value; the document's sums count it as zero, the
// placement does too, but the month stays missing). "%" units aggregate as levels (`last`),
// everything else as counts (`sum`, as the document's own quarter columns
// do).
//
// Findings: monthly targets that do not add up to the meta anual, quarter
// and total columns that disagree with their parts, cells lost or extra,
// blank EJECUTADO months, footnote marks, grouped numbers, currency signs.

import LedgerCore

enum POIImporter {
    static let what = Localized("a POI (Plan Operativo Institucional) with PROGRAMADO and EJECUTADO by month (poi)",
                                "un POI (Plan Operativo Institucional) con PROGRAMADO y EJECUTADO por mes (poi)")
    static let monthNames = ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"]
    static let quarterNames = ["I", "II", "III", "IV"]

    struct Row {
        var line: Int
        var category: String
        var unitName: String
        var activity: String
        var unit: String
        var meta: NumberCell
        var cells: [NumberCell]
    }

    static func read(_ bytes: [UInt8], options: ImportOptions, existing: ExistingLedger) throws -> ImportResult {
        let lines = try Document.lines(bytes, what: what)
        let numbers = Numbers.choose(lines, option: options.numberConvention)
        let (year, rows) = try parse(lines, numbers: numbers)
        if options.month != nil {
            throw LayoutError(line: 1, Localized("--month is for reports made of monthly rounds (poa-report); a POI is imported whole",
                                                 "--month es para reportes por rondas mensuales (poa-report); un POI se importa completo"))
        }
        let plan = options.plan ?? "POI \(year)"
        var a = Assembly(options: options, existing: existing, plan: plan)
        a.numbers = numbers
        a.noteConvention(numbers)
        let prefix = idPrefix(plan)
        // Units have no clave in a POI: number them UO01, UO02, ... in the
        // order they first appear, so reports can group and filter by unit.
        var unitCodes: [String: String] = [:]
        for row in rows where !row.unitName.isEmpty && unitCodes[row.unitName] == nil {
            let n = unitCodes.count + 1
            unitCodes[row.unitName] = "UO" + (n < 10 ? "0" : "") + "\(n)"
        }
        for (n, row) in rows.enumerated() {
            let id = "\(prefix)-" + String(repeating: "0", count: max(0, 3 - String(n + 1).count)) + "\(n + 1)"
            importRow(row, id: id, year: year, plan: plan, ownerCode: unitCodes[row.unitName], into: &a)
        }
        return a.finish()
    }

    static func importRow(_ row: Row, id: String, year: Int, plan: String, ownerCode: String?, into a: inout Assembly) {
        guard let meta = row.meta.value else {
            a.note(row.line, .unreadable, "META ANUAL \"\(row.meta.text)\" is not a number; the activity was not imported",
                   "META ANUAL \"\(row.meta.text)\" no es un número; la actividad no se importó", imported: false)
            return
        }
        // Scale every cell to a common number of decimals.
        var cells = row.cells
        while let last = cells.last, last.isEmpty { cells.removeLast() }
        let scale = ([meta.scale] + cells.compactMap { $0.value?.scale }).max() ?? 0
        func scaled(_ d: DecimalNumber) -> Int128 { d.mantissa * DecimalNumber.power10(scale - d.scale) }
        func decimal(_ x: Int128) -> DecimalNumber { DecimalNumber(mantissa: x, scale: scale).trimmed }
        let tokens: [POIAlignment.Token] = cells.map { c in
            if c.isEmpty { return .blank }
            if let v = c.value { return .value(scaled(v)) }
            return .opaque
        }
        let outcome = POIAlignment.solve(tokens: tokens, meta: scaled(meta))
        let v = outcome.values
        let prog = (1...12).map { v[POIAlignment.monthSlot(kind: 0, month: $0)].map(decimal) }
        let ejec = (1...12).map { v[POIAlignment.monthSlot(kind: 1, month: $0)].map(decimal) }
        let allProg = prog.allSatisfy { $0 != nil } ? prog.map { $0! } : nil

        let unit = row.unit.isEmpty ? "UNIDADES" : row.unit
        let isPercent = unit == "%"
        let d = IndicatorDefinition(
            id: id, name: row.activity, unit: unit, frequency: .monthly, year: year, annualTarget: meta,
            monthlyTargets: allProg, aggregation: isPercent ? .last : .sum, direction: .ascending,
            ownerCode: ownerCode, ownerName: row.unitName.isEmpty ? nil : row.unitName, plan: plan,
            hierarchy: row.category.isEmpty ? [] : [PlanLevel(level: "categoría presupuestal", value: row.category)])
        guard a.define(d, line: row.line) else { return }

        // Notation.
        let footnotes = row.cells.filter { $0.notations.contains(.footnote) }
        if !footnotes.isEmpty {
            a.note(row.line, .footnote, "\(footnotes.count) cell(s) carry a footnote mark (\(footnotes.map(\.text).joined(separator: " "))); a bare mark is not a value and its column stays unknown",
                   "\(footnotes.count) celda(s) llevan una llamada de nota (\(footnotes.map(\.text).joined(separator: " "))); una llamada sola no es un valor y su columna queda sin valor",
                   indicator: id, imported: false)
        }
        let grouped = ([row.meta] + row.cells).filter { $0.notations.contains(.thousandsSeparator) }
        if !grouped.isEmpty {
            a.note(row.line, .thousandsSeparator, "\(grouped.count) number(s) written with thousands separators (\(grouped[0].text)); read exactly",
                   "\(grouped.count) número(s) escritos con separadores de miles (\(grouped[0].text)); leídos exactamente", indicator: id)
        }
        let currency = ([row.meta] + row.cells).filter { $0.notations.contains(.currencySign) }
        if !currency.isEmpty {
            a.note(row.line, .currencySign, "\(currency.count) number(s) written with a currency sign (\(currency[0].text)); read without it",
                   "\(currency.count) número(s) escritos con signo de moneda (\(currency[0].text)); leídos sin él", indicator: id)
        }
        for cell in [row.meta] + row.cells { a.noteAmbiguous(cell, column: "a value", line: row.line, choice: a.numbers, indicator: id) }
        let unreadable = row.cells.filter { $0.isUnreadable && !$0.notations.contains(.footnote) && !($0.isAmbiguous && a.numbers.convention == nil) }
        if !unreadable.isEmpty {
            a.note(row.line, .unreadable, "cell(s) that are not numbers: \(unreadable.map { "\"\($0.text)\"" }.joined(separator: ", "))",
                   "celda(s) que no son números: \(unreadable.map { "\"\($0.text)\"" }.joined(separator: ", "))", indicator: id, imported: false)
        }

        // Read in order, without placing: what a reader adding up the first
        // twelve cells would conclude (the issue's count of 13 rows).
        let naive = cells.prefix(12).compactMap { $0.notations.isEmpty ? $0.value : nil }.total
        let naiveNote = naive != meta && (outcome.score == nil || outcome.edits > 0)
            ? ("; read in order, the first 12 cells add up to \(naive), not the meta anual \(meta), because cells shifted",
               "; leídas en orden, las primeras 12 celdas suman \(naive), no la meta anual \(meta), porque las celdas se corrieron")
            : ("", "")
        // Placement.
        guard outcome.score != nil else {
            let why = outcome.gaveUp ? ("too many ways to place them", "demasiadas formas de ubicarlas")
                                     : ("no placement loses or adds at most 5 cells", "ninguna ubicación pierde o agrega a lo más 5 celdas")
            a.note(row.line, .missingCells,
                   "the row has \(cells.count) value cells for 34 columns (PROGRAMADO and EJECUTADO by month, quarters, totals) and \(why.0); no month was imported and the monthly schedule falls back to the meta anual / 12" + naiveNote.0,
                   "la fila tiene \(cells.count) celdas de valores para 34 columnas (PROGRAMADO y EJECUTADO por mes, trimestres, totales) y \(why.1); no se importó ningún mes y la programación mensual queda en la meta anual / 12" + naiveNote.1,
                   indicator: id, imported: false)
            return
        }
        let unknownProg = (1...12).filter { prog[$0 - 1] == nil }
        let unknownEjec = (1...12).filter { ejec[$0 - 1] == nil }
        if outcome.edits > 0 || !unknownProg.isEmpty || !unknownEjec.isEmpty {
            var en = "\(cells.count) value cells for 34 columns: \(outcome.edits) cell(s) lost or extra (text taken out of a PDF); cells placed where the row's own quarter and total columns agree"
            var es = "\(cells.count) celdas de valores para 34 columnas: \(outcome.edits) celda(s) perdidas o sobrantes (texto extraído de un PDF); celdas ubicadas donde coinciden con las columnas de trimestre y total de la propia fila"
            if unknownProg.isEmpty && unknownEjec.isEmpty {
                en += "; every month was recovered"
                es += "; se recuperaron todos los meses"
            }
            if !unknownProg.isEmpty {
                en += "; PROGRAMADO of \(monthList(unknownProg)) cannot be placed, so the monthly schedule falls back to the meta anual / 12"
                es += "; el PROGRAMADO de \(monthList(unknownProg)) no puede ubicarse, así que la programación mensual queda en la meta anual / 12"
            }
            if !unknownEjec.isEmpty {
                en += "; EJECUTADO of \(monthList(unknownEjec)) cannot be placed and was not imported"
                es += "; el EJECUTADO de \(monthList(unknownEjec)) no puede ubicarse y no se importó"
            }
            a.note(row.line, .missingCells, en + naiveNote.0, es + naiveNote.1, indicator: id, imported: unknownProg.isEmpty && unknownEjec.isEmpty)
        }

        // In a damaged row the figures below come from the best placement,
        // not from cells read in place: say so.
        let (asPlacedEn, asPlacedEs) = outcome.edits > 0
            ? ("with the cells placed as best they agree, ", "con las celdas ubicadas donde mejor coinciden, ") : ("", "")
        // Targets against the meta anual.
        if let p = allProg {
            let sum = p.total
            if sum != meta {
                a.note(row.line, .targetsDoNotAddUp, asPlacedEn + "monthly targets add up to \(sum), annual target is \(meta)",
                       asPlacedEs + "las metas mensuales suman \(sum), la meta anual es \(meta)", indicator: id)
            }
        } else if let tp = v[POIAlignment.totalProg].map(decimal), tp != meta {
            a.note(row.line, .targetsDoNotAddUp, asPlacedEn + "the Total PROG column is \(tp), annual target is \(meta)",
                   asPlacedEs + "la columna Total PROG es \(tp), la meta anual es \(meta)", indicator: id)
        }
        // Quarter and total columns that disagree in every best placement.
        for kind in 0..<2 {
            let label = kind == 0 ? "PROG" : "EJEC"
            for q in 0..<4 where outcome.brokenEverywhere & POIAlignment.Check.group(kind: kind, quarter: q) != 0 {
                let months = (1...3).map { v[POIAlignment.monthSlot(kind: kind, month: q * 3 + $0)] }
                let column = v[POIAlignment.quarterSlot(kind: kind, quarter: q)]
                let quarter = Period.quarter(year, q + 1)
                if let c = column, months.allSatisfy({ $0 != nil }) {
                    let sum = decimal(months.map { $0! }.reduce(0, +))
                    a.note(row.line, .quarterMismatch, asPlacedEn + "\(quarterNames[q]) TRIM \(label) is \(decimal(c)), but its months add up to \(sum)",
                           asPlacedEs + "\(quarterNames[q]) TRIM \(label) es \(decimal(c)), pero sus meses suman \(sum)", indicator: id, period: quarter)
                } else {
                    a.note(row.line, .quarterMismatch, "\(quarterNames[q]) TRIM \(label) disagrees with its months",
                           "\(quarterNames[q]) TRIM \(label) no coincide con sus meses", indicator: id, period: quarter)
                }
            }
            if outcome.brokenEverywhere & POIAlignment.Check.total(kind: kind) != 0 {
                let quarters = (0..<4).map { v[POIAlignment.quarterSlot(kind: kind, quarter: $0)] }
                let t = v[kind == 0 ? POIAlignment.totalProg : POIAlignment.totalEjec]
                if let t, quarters.allSatisfy({ $0 != nil }) {
                    let sum = decimal(quarters.map { $0! }.reduce(0, +))
                    a.note(row.line, .totalMismatch, asPlacedEn + "Total \(label) is \(decimal(t)), but the quarters add up to \(sum)",
                           asPlacedEs + "el Total \(label) es \(decimal(t)), pero los trimestres suman \(sum)", indicator: id)
                } else {
                    a.note(row.line, .totalMismatch, "Total \(label) disagrees with the quarters", "el Total \(label) no coincide con los trimestres", indicator: id)
                }
            }
        }
        // Readings: a month placed on a blank cell (or computed from blanks
        // alone) is not a reading of 0; it stays unreported, and unless
        // nothing was programmed for it (nothing due) the blank is a finding.
        let blankDue = (1...12).filter { m in
            ejec[m - 1] != nil && outcome.blank & (1 << UInt64(POIAlignment.monthSlot(kind: 1, month: m))) != 0 && prog[m - 1].map { !$0.isZero } ?? true
        }
        if !blankDue.isEmpty {
            a.note(row.line, .blank,
                   "EJECUTADO of \(monthList(blankDue)) is blank: a blank is not a 0, so no reading was recorded",
                   "el EJECUTADO de \(monthList(blankDue)) está en blanco: un blanco no es un 0, así que no se registró lectura",
                   indicator: id, imported: false)
        }
        for m in 1...12 {
            guard let e = ejec[m - 1], outcome.blank & (1 << UInt64(POIAlignment.monthSlot(kind: 1, month: m))) == 0 else { continue }
            if e.isZero, let p = prog[m - 1], p.isZero { continue }
            a.emit(.recordReading(indicator: id, period: .month(year, m), measurement: .value(e), note: nil, postClose: false, reason: nil), line: row.line)
        }
    }

    static func monthList(_ months: [Int]) -> String {
        months.map { monthNames[$0 - 1] }.joined(separator: ", ")
    }

    // MARK: Parsing

    /// The year (from the title) and every activity row under a POI header.
    static func parse(_ lines: [Line], numbers: ConventionChoice) throws -> (Int, [Row]) {
        var year: Int?
        var header: Int?
        var rows: [Row] = []
        for line in lines {
            if line.isBlank { continue }
            let first = line.filled.first?.folded ?? ""
            if line.filled.count == 1 {
                if first.hasPrefix("PLAN OPERATIVO INSTITUCIONAL") || first.hasPrefix("POI ") {
                    for word in first.split(whereSeparator: { !$0.isNumber }) where word.count == 4 {
                        if let y = Int(word), (1900...2999).contains(y) { year = year ?? y }
                    }
                }
                continue
            }
            let folded = line.cells.map(\.folded)
            if folded.contains(where: { $0.hasPrefix("ACTIVIDAD") }) && folded.contains("META ANUAL")
                && folded.contains("PROGRAMADO") && folded.contains("EJECUTADO") {
                guard folded.firstIndex(of: "META ANUAL") == 4, folded.firstIndex(of: "PROGRAMADO") == 5 else {
                    throw LayoutError(line: line.number, Localized("the header does not have MEF, Unidad Orgánica, ACTIVIDAD POI, UNIDAD DE MEDIDA, META ANUAL, PROGRAMADO in that order; this is not \(what.en)",
                                                                   "el encabezado no tiene MEF, Unidad Orgánica, ACTIVIDAD POI, UNIDAD DE MEDIDA, META ANUAL, PROGRAMADO en ese orden; no es \(what.es)"))
                }
                header = line.number
                continue
            }
            if folded.count > 5 && folded[5] == "ENE" { continue }  // month names
            guard header != nil else { continue }
            if first.hasPrefix("FUENTE") { continue }
            guard line.cells.count >= 6 else { continue }
            rows.append(Row(line: line.number, category: line[0], unitName: line[1], activity: line[2], unit: line[3],
                            meta: Numbers.read(line[4], numbers), cells: line.cells.dropFirst(5).map { Numbers.read($0, numbers) }))
        }
        guard header != nil else {
            throw LayoutError(line: 1, Localized("no header with ACTIVIDAD POI, META ANUAL, PROGRAMADO and EJECUTADO was found; this is not \(what.en)",
                                                 "no se encontró un encabezado con ACTIVIDAD POI, META ANUAL, PROGRAMADO y EJECUTADO; no es \(what.es)"))
        }
        guard let y = year else {
            throw LayoutError(line: 1, Localized("no title with the year (PLAN OPERATIVO INSTITUCIONAL 2017) was found; this is not \(what.en)",
                                                 "no se encontró el título con el año (PLAN OPERATIVO INSTITUCIONAL 2017); no es \(what.es)"))
        }
        guard !rows.isEmpty else {
            throw LayoutError(line: header!, Localized("the POI header has no activity rows under it", "el encabezado del POI no tiene filas de actividades"))
        }
        return (y, rows)
    }
}
