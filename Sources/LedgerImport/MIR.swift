// `mir`: results indicators with budget (seed 001): programa > componente >
// actividad, each with Modificado, Devengado, Pagado, %AV.FIN, %AV.FIS,
// Ponderado %, and for activities Meta, Unidades (achieved) and Unidad de
// Medida, at a cut date ("AL 31 DE MARZO DE 2024").
//
// Every row becomes an indicator of the plan, quarterly, in the cut's year:
// PLAN-101 (programa), PLAN-101-C01 (componente), PLAN-101-C01-A01
// (actividad), with the hierarchy labels programa / componente /
// actividad. Activities have the Meta as annual target, their unit of
// measure, and a reading for the cut's quarter (Unidades). Programs and
// components carry budget only: annual target 0, unit MXN. Every row gets
// a budget event for the cut's quarter (modified, accrued, paid).
//
// Recomputed and compared with the document (findings when they differ
// beyond the rounding or truncation of the document's decimals):
// %AV.FIN = devengado / modificado, Ponderado = modificado / the program's
// modificado, %AV.FIS = unidades / meta; component totals against their
// activities, program totals against their components, SUMAS against the
// programs. Names broken over several lines are joined (every row gets the
// whole names of its programa and componente); a budget whose moments break
// CONAC's order is a finding and left out; an activity whose
// component row was lost (Actividad 02 after Actividad 04) is refused.

import LedgerCore

enum MIRImporter {
    static let what = Localized("a results-indicators report with budget (mir)", "un reporte de indicadores de resultados con presupuesto (mir)")
    static let monthNames = ["ENERO": 1, "FEBRERO": 2, "MARZO": 3, "ABRIL": 4, "MAYO": 5, "JUNIO": 6, "JULIO": 7, "AGOSTO": 8,
                             "SEPTIEMBRE": 9, "SETIEMBRE": 9, "OCTUBRE": 10, "NOVIEMBRE": 11, "DICIEMBRE": 12]

    enum Level { case program, component, activity }

    struct Row {
        var line: Int
        var level: Level
        var number: String
        var name: String
        var modified: NumberCell, accrued: NumberCell, paid: NumberCell
        var financial: NumberCell, physical: NumberCell, weight: NumberCell
        var metaCell: String, unitsCell: String, unitCell: String
        var program: String = "", component: String = ""
        var programName: String = "", componentName: String = ""
        /// The component row above it was lost: its place is unknown.
        var orphan = false
    }

    struct Columns { var clave = 0, name = 1, modified = 2, accrued = 3, paid = 4, financial = 5, physical = 6, weight = 7, meta = 8, units = 9, unit = 10 }

    static func read(_ bytes: [UInt8], options: ImportOptions, existing: ExistingLedger) throws -> ImportResult {
        let lines = try Document.lines(bytes, what: what)
        if options.month != nil {
            throw LayoutError(line: 1, Localized("--month is for reports made of monthly rounds (poa-report); a results report is imported whole",
                                                 "--month es para reportes por rondas mensuales (poa-report); un reporte de resultados se importa completo"))
        }
        let numbers = Numbers.choose(lines, option: options.numberConvention)
        let (cut, rows, sums) = try parse(lines, numbers: numbers)
        let year = cut.year
        let quarter = Period.quarter(year, (cut.lastMonth - 1) / 3 + 1)
        let plan = options.plan ?? "MIR \(year)"
        var a = Assembly(options: options, existing: existing, plan: plan)
        a.numbers = numbers
        a.noteConvention(numbers)
        let prefix = idPrefix(plan)

        // Notation: thousands separators, once per document.
        let grouped = rows.flatMap { r in [r.modified, r.accrued, r.paid].filter { $0.notations.contains(.thousandsSeparator) }.map { (r.line, $0) } }
        if let first = grouped.first, let last = grouped.last {
            a.note(first.0, .thousandsSeparator,
                   "\(grouped.count) amounts of Modificado, Devengado and Pagado (lines \(first.0)-\(last.0)) are written with thousands separators, e.g. \(first.1.text); each was read exactly (\(first.1.value!))",
                   "\(grouped.count) importes de Modificado, Devengado y Pagado (líneas \(first.0)-\(last.0)) están escritos con separadores de miles, p. ej. \(first.1.text); cada uno se leyó exactamente (\(first.1.value!))")
        }

        let currency = rows.flatMap { r in [r.modified, r.accrued, r.paid].filter { $0.notations.contains(.currencySign) }.map { (r.line, $0) } }
        if let first = currency.first {
            a.note(first.0, .currencySign, "\(currency.count) amounts are written with a currency sign, e.g. \(first.1.text); each was read without it",
                   "\(currency.count) importes están escritos con signo de moneda, p. ej. \(first.1.text); cada uno se leyó sin él")
        }
        for r in rows {
            for (column, cell) in [("Modificado", r.modified), ("Devengado", r.accrued), ("Pagado", r.paid), ("%AV.FIN", r.financial),
                                   ("%AV.FIS", r.physical), ("Ponderado", r.weight)] {
                a.noteAmbiguous(cell, column: column, line: r.line, choice: a.numbers)
            }
        }

        var programModified: [String: DecimalNumber] = [:]
        for r in rows where r.level == .program { if let m = r.modified.value { programModified[r.program] = m } }

        for r in rows {
            let id: String
            switch r.level {
            case .program: id = "\(prefix)-\(r.program)"
            case .component: id = "\(prefix)-\(r.program)-C\(r.number)"
            case .activity: id = "\(prefix)-\(r.program)-C\(r.component)-A\(r.number)"
            }
            if r.orphan {
                a.note(r.line, .missingCells,
                       "Actividad \(r.number) \"\(r.name.prefix(40))\" follows a later activity of Componente \(r.component): the rows between (a page break) were lost, so its component is unknown; not imported",
                       "la Actividad \(r.number) \"\(r.name.prefix(40))\" sigue a una actividad posterior del Componente \(r.component): se perdieron las filas intermedias (un salto de página), así que su componente es desconocido; no se importó",
                       imported: false)
                continue
            }
            guard let modified = r.modified.value, let accrued = r.accrued.value, let paid = r.paid.value else {
                a.note(r.line, .unreadable, "Modificado, Devengado or Pagado is not a number; the row was not imported",
                       "Modificado, Devengado o Pagado no es un número; la fila no se importó", imported: false)
                continue
            }
            var hierarchy = [PlanLevel(level: "programa", value: "\(r.program) \(r.programName)")]
            if r.level != .program { hierarchy.append(PlanLevel(level: "componente", value: "Componente \(r.component) \(r.componentName)")) }
            if r.level == .activity { hierarchy.append(PlanLevel(level: "actividad", value: "Actividad \(r.number)")) }

            var meta: DecimalNumber = .zero
            var unit = "MXN"
            var achieved: DecimalNumber?
            if r.level == .activity {
                guard let m = physical(r, id: id, log: &a) else { continue }
                meta = m.meta
                unit = m.unit
                achieved = m.achieved
            }
            let d = IndicatorDefinition(
                id: id, name: r.name, description: r.level == .activity ? nil : (options.language == .es ? "Solo presupuesto (sin meta física)" : "Budget only (no physical target)"),
                unit: unit, frequency: .quarterly, year: year, annualTarget: meta, aggregation: unit == "%" ? .last : .sum,
                direction: .ascending, plan: plan, hierarchy: hierarchy)
            guard a.define(d, line: r.line) else { continue }
            let budget = BudgetFigures(modified: modified, accrued: accrued, paid: paid)
            if let (moment, earlier) = budget.momentOutOfOrder {
                // The ledger refuses such a budget (CONAC's order of moments): say so, and leave it out.
                a.note(r.line, .budgetMoments,
                       "\(name(moment).0) \(budget.amount(moment)!.grouped) is above \(name(earlier).0) \(budget.amount(earlier)!.grouped): the moments go Pagado <= Devengado <= Modificado (CONAC); the budget was not imported",
                       "\(name(moment).1) \(budget.amount(moment)!.grouped) es mayor que \(name(earlier).1) \(budget.amount(earlier)!.grouped): los momentos van Pagado <= Devengado <= Modificado (CONAC); el presupuesto no se importó",
                       indicator: id, period: quarter, imported: false)
            } else {
                a.emit(.recordBudget(indicator: id, period: quarter, figures: budget), line: r.line)
            }
            if let achieved {
                a.emit(.recordReading(indicator: id, period: quarter, measurement: .value(achieved), note: nil, postClose: false, reason: nil), line: r.line)
                if let doc = r.physical.value, !meta.isZero, !Numbers.percentMatches(doc, numerator: achieved, denominator: meta) {
                    let mine = Numbers.percent(achieved, of: meta, decimals: max(2, doc.scale)) ?? .zero
                    a.note(r.line, .percentMismatch, "%AV.FIS is \(r.physical.text), but Unidades / Meta (\(achieved) / \(meta)) is \(mine) %",
                           "%AV.FIS es \(r.physical.text), pero Unidades / Meta (\(achieved) / \(meta)) es \(mine) %", indicator: id, period: quarter)
                }
            }
            // %AV.FIN = devengado / modificado.
            if let doc = r.financial.value, !modified.isZero, !Numbers.percentMatches(doc, numerator: accrued, denominator: modified) {
                let mine = Numbers.percent(accrued, of: modified, decimals: max(3, doc.scale)) ?? .zero
                a.note(r.line, .percentMismatch, "%AV.FIN is \(r.financial.text), but Devengado / Modificado (\(accrued) / \(modified)) is \(mine) %",
                       "%AV.FIN es \(r.financial.text), pero Devengado / Modificado (\(accrued) / \(modified)) es \(mine) %", indicator: id, period: quarter)
            }
            // Ponderado = modificado / the program's modificado.
            if r.level != .program, let doc = r.weight.value, let total = programModified[r.program], !total.isZero,
               !Numbers.percentMatches(doc, numerator: modified, denominator: total) {
                let mine = Numbers.percent(modified, of: total, decimals: max(3, doc.scale)) ?? .zero
                a.note(r.line, .percentMismatch, "Ponderado is \(r.weight.text), but Modificado / the program's Modificado (\(modified) / \(total)) is \(mine) %",
                       "Ponderado es \(r.weight.text), pero Modificado / Modificado del programa (\(modified) / \(total)) es \(mine) %", indicator: id, period: quarter)
            }
        }
        checkTotals(rows, sums: sums, prefix: prefix, quarter: quarter, log: &a)
        return a.finish()
    }

    /// A moment's column in the document (en, es).
    static func name(_ m: BudgetMoment) -> (String, String) {
        switch m {
        case .modified: return ("Modificado", "el Modificado")
        case .accrued: return ("Devengado", "el Devengado")
        case .paid: return ("Pagado", "el Pagado")
        default: return (m.spanish.prefix(1).uppercased() + m.spanish.dropFirst(), m.spanish)
        }
    }

    /// Meta, Unidades and Unidad de Medida of an activity, also when the
    /// cells shifted one column left ("", "12", "0 SEGUIMIENTO").
    static func physical(_ r: Row, id: String, log a: inout Assembly) -> (meta: DecimalNumber, achieved: DecimalNumber?, unit: String)? {
        let meta = Numbers.read(r.metaCell, a.numbers), units = Numbers.read(r.unitsCell, a.numbers)
        if let m = meta.value {
            return (m, units.value, r.unitCell.isEmpty ? "UNIDADES" : r.unitCell)
        }
        if meta.isEmpty, let m = units.value {
            let parts = r.unitCell.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2, let achieved = Numbers.read(parts[0], a.numbers).value {
                a.note(r.line, .missingCells,
                       "Meta is empty and the cells after it shifted one column left (\"\(r.unitsCell)\", \"\(r.unitCell)\"); read as Meta \(m), Unidades \(achieved), Unidad de Medida \(parts[1])",
                       "Meta está vacía y las celdas siguientes se corrieron una columna a la izquierda (\"\(r.unitsCell)\", \"\(r.unitCell)\"); se leyó Meta \(m), Unidades \(achieved), Unidad de Medida \(parts[1])",
                       indicator: id)
                return (m, achieved, parts[1])
            }
        }
        a.note(r.line, .missingCells, "the activity has no readable Meta (\"\(r.metaCell)\", \"\(r.unitsCell)\", \"\(r.unitCell)\"); not imported",
               "la actividad no tiene Meta legible (\"\(r.metaCell)\", \"\(r.unitsCell)\", \"\(r.unitCell)\"); no se importó", imported: false)
        return nil
    }

    /// Components against their activities, programs against their
    /// components, SUMAS against the programs.
    static func checkTotals(_ rows: [Row], sums: (Int, [NumberCell])?, prefix: String, quarter: Period, log a: inout Assembly) {
        func figures(_ r: Row) -> [DecimalNumber]? {
            guard let m = r.modified.value, let d = r.accrued.value, let p = r.paid.value else { return nil }
            return [m, d, p]
        }
        let names = [("Modificado", "Modificado"), ("Devengado", "Devengado"), ("Pagado", "Pagado")]
        func compare(_ parent: Row, id: String?, parts: [Row], what: (String, String)) {
            guard let whole = figures(parent) else { return }
            var sum = [DecimalNumber.zero, .zero, .zero]
            for p in parts { guard let f = figures(p) else { return }; for i in 0..<3 { sum[i] = sum[i] + f[i] } }
            for i in 0..<3 where whole[i] != sum[i] {
                a.note(parent.line, .totalMismatch,
                       "\(names[i].0) of \(parent.level == .program ? "programa" : "Componente") \(parent.level == .program ? parent.program : parent.number) is \(whole[i].grouped), but its \(what.0) add up to \(sum[i].grouped) (\(parts.count) rows)",
                       "el \(names[i].1) del \(parent.level == .program ? "programa" : "Componente") \(parent.level == .program ? parent.program : parent.number) es \(whole[i].grouped), pero sus \(what.1) suman \(sum[i].grouped) (\(parts.count) filas)",
                       indicator: id, period: quarter)
            }
        }
        for r in rows where r.level == .component {
            let parts = rows.filter { $0.level == .activity && !$0.orphan && $0.program == r.program && $0.component == r.number }
            compare(r, id: "\(prefix)-\(r.program)-C\(r.number)", parts: parts, what: ("activities", "actividades"))
        }
        for r in rows where r.level == .program {
            let parts = rows.filter { $0.level == .component && $0.program == r.program }
            compare(r, id: "\(prefix)-\(r.program)", parts: parts, what: ("components", "componentes"))
        }
        if let (line, cells) = sums {
            let programs = rows.filter { $0.level == .program }
            for i in 0..<min(3, cells.count) {
                guard let total = cells[i].value else { continue }
                let sum = programs.compactMap { figures($0)?[i] }.total
                if sum != total {
                    a.note(line, .totalMismatch, "SUMAS \(names[i].0) is \(total.grouped), but the programs add up to \(sum.grouped)",
                           "SUMAS \(names[i].1) es \(total.grouped), pero los programas suman \(sum.grouped)")
                }
            }
        }
    }

    // MARK: Parsing

    static func parse(_ lines: [Line], numbers: ConventionChoice) throws -> (cut: Period, rows: [Row], sums: (Int, [NumberCell])?) {
        var cut: Period?
        var columns: Columns?
        var rows: [Row] = []
        var sums: (Int, [NumberCell])?
        var program = "", programName = "", component = "", componentName = ""
        var lastActivity = 0
        var orphaned = false
        var sawSumas = false
        for line in lines {
            if line.isBlank { continue }
            let filled = line.filled
            if columns == nil {
                let text = filled.joined(separator: " ").folded
                let words: [String] = text.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "*" || $0 == "," }).map(String.init)
                // "... AL 31 DE MARZO DE 2024"
                for k in words.indices where words[k] == "AL" && k + 5 < words.count + 1 && k + 5 <= words.count - 0 {
                    guard k + 5 < words.count + 1, k + 5 <= words.count else { continue }
                    let w = Array(words[(k + 1)...])
                    guard w.count >= 5, Int(w[0]) != nil, w[1] == "DE", w[3] == "DE" else { continue }
                    if let m = monthNames[w[2]], let y = Int(w[4]) { cut = .month(y, m) }
                }
                let folded = line.cells.map { $0.folded.filter { $0 != ":" } }
                if folded.contains("CLAVE") && folded.contains("MODIFICADO") && folded.contains("DEVENGADO") {
                    var c = Columns()
                    for (i, h) in folded.enumerated() {
                        switch h {
                        case "CLAVE": c.clave = i
                        case "NOMBRE": c.name = i
                        case "MODIFICADO": c.modified = i
                        case "DEVENGADO": c.accrued = i
                        case "PAGADO": c.paid = i
                        case "%AV.FIN": c.financial = i
                        case "%AV.FIS": c.physical = i
                        case "PONDERADO %", "PONDERADO": c.weight = i
                        case "META": c.meta = i
                        case "UNIDADES": c.units = i
                        case "UNIDAD DE MEDIDA": c.unit = i
                        default: break
                        }
                    }
                    columns = c
                }
                continue
            }
            let c = columns!
            let clave = line[c.clave].folded
            if clave == "SUMAS" || (filled.count == 1 && filled[0].folded == "SUMAS") { sawSumas = true; continue }
            if sawSumas {
                let cells = filled.map { Numbers.read($0, numbers) }
                if sums == nil, cells.contains(where: { $0.value != nil }) { sums = (line.number, cells) }
                continue
            }
            if clave.isEmpty {
                // A name broken over lines continues the row above.
                let more = line[c.name]
                if !more.isEmpty, !rows.isEmpty { rows[rows.count - 1].name += " " + more }
                if rows.last?.level == .program { programName = rows[rows.count - 1].name }
                if rows.last?.level == .component { componentName = rows[rows.count - 1].name }
                continue
            }
            var level: Level
            var number: String
            if clave.allSatisfy({ $0.isNumber }) {
                level = .program
                number = clave
                program = clave
                programName = line[c.name]
                component = ""
                lastActivity = 0
                orphaned = false
            } else if clave.hasPrefix("COMPONENTE ") {
                level = .component
                number = String(clave.dropFirst("COMPONENTE ".count))
                component = number
                componentName = line[c.name]
                lastActivity = 0
                orphaned = false
            } else if clave.hasPrefix("ACTIVIDAD ") {
                level = .activity
                number = String(clave.dropFirst("ACTIVIDAD ".count))
                let n = Int(number) ?? 0
                if n <= lastActivity { orphaned = true }
                lastActivity = n
            } else {
                continue
            }
            guard !program.isEmpty, level == .program || level == .component || !component.isEmpty else {
                throw LayoutError(line: line.number, Localized("a \(clave) row comes before its programa or componente; this is not \(what.en)",
                                                               "una fila \(clave) aparece antes de su programa o componente; no es \(what.es)"))
            }
            rows.append(Row(line: line.number, level: level, number: number, name: line[c.name],
                            modified: Numbers.read(line[c.modified], numbers), accrued: Numbers.read(line[c.accrued], numbers),
                            paid: Numbers.read(line[c.paid], numbers), financial: Numbers.read(line[c.financial], numbers),
                            physical: Numbers.read(line[c.physical], numbers), weight: Numbers.read(line[c.weight], numbers),
                            metaCell: line[c.meta], unitsCell: line[c.units], unitCell: line[c.unit],
                            program: program, component: component, programName: programName, componentName: componentName,
                            orphan: level == .activity && orphaned))
        }
        // A name that wraps is whole only once its last line is read: give
        // every row the whole names of its programa and componente, so the
        // program's own hierarchy label and its children's agree (else a
        // child finds no program and shows no Ponderado).
        var programNames: [String: String] = [:], componentNames: [String: String] = [:]
        for r in rows {
            if r.level == .program { programNames[r.program] = r.name }
            if r.level == .component { componentNames[r.program + "|" + r.number] = r.name }
        }
        for i in rows.indices {
            rows[i].programName = programNames[rows[i].program] ?? rows[i].programName
            if rows[i].level != .program { rows[i].componentName = componentNames[rows[i].program + "|" + rows[i].component] ?? rows[i].componentName }
        }
        guard columns != nil else {
            throw LayoutError(line: 1, Localized("no header with Clave, Nombre, Modificado, Devengado was found; this is not \(what.en)",
                                                 "no se encontró un encabezado con Clave, Nombre, Modificado, Devengado; no es \(what.es)"))
        }
        guard let cut else {
            throw LayoutError(line: 1, Localized("no cut date (\"AL 31 DE MARZO DE 2024\") was found in the title; this is not \(what.en)",
                                                 "no se encontró la fecha de corte (\"AL 31 DE MARZO DE 2024\") en el título; no es \(what.es)"))
        }
        guard !rows.isEmpty else {
            throw LayoutError(line: 1, Localized("the header has no programa, componente or actividad rows under it", "el encabezado no tiene filas de programa, componente o actividad"))
        }
        return (cut, rows, sums)
    }
}
