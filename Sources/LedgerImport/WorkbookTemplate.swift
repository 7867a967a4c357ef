// `xlsx`: the CSV template's two sheets (indicadores, lecturas) as one
// workbook, as users save it from Excel or LibreOffice. Each sheet is read
// like the CSV file of the same name (CSVTemplate.swift): its rows become
// records, the row number standing for the line, so findings and events
// name `FILE#SHEET:ROW`. The indicators sheet is read first, so readings of
// indicators the same workbook defines are accepted.
//
// What the template cannot hold is refused whole, nothing imported, each
// with what to do: a file that is not a workbook, a damaged or oversized
// ZIP (a bomb stops at its declared sizes: LedgerWorkbook's limits), a
// sheet the template does not have, formulas (a value that follows other
// cells is not a reading anyone typed), merged cells (whose value belongs to
// one cell and looks like several), dates stored as serial numbers (a period
// Excel turned into a date).

import LedgerCore
import LedgerWorkbook

enum WorkbookTemplateImporter {
    static let what = Localized("our workbook template (a sheet indicadores and a sheet lecturas)",
                                "nuestra plantilla de libro (una hoja indicadores y una hoja lecturas)")

    /// The sheets the template has, by their folded names.
    static let sheetNames: [String: CSVTemplateImporter.Sheet] = [
        "INDICADORES": .indicators, "INDICATORS": .indicators, "LECTURAS": .readings, "READINGS": .readings,
    ]

    static func read(_ bytes: [UInt8], options: ImportOptions, existing: ExistingLedger) throws -> ImportResult {
        let book: ReadWorkbook
        do {
            book = try XLSXReader.read(bytes)
        } catch {
            throw LayoutError(line: 0, WorkbookWords.unreadable(error), place: "")
        }
        var sheets: [(CSVTemplateImporter.Sheet, ReadSheet)] = []
        for sheet in book.sheets {
            let folded = sheet.name.folded.filter { $0 != " " && $0 != "_" && $0 != "-" }
            guard sheet.kind == .worksheet, let kind = sheetNames[folded] else {
                throw LayoutError(line: 0, Localized(
                    "the workbook has a sheet \"\(sheet.name)\" that the template does not have (only indicadores and lecturas); move it to another workbook or delete it",
                    "el libro tiene una hoja \"\(sheet.name)\" que la plantilla no tiene (solo indicadores y lecturas); muévala a otro libro o bórrela"), place: "")
            }
            guard !sheets.contains(where: { $0.0 == kind }) else {
                throw LayoutError(line: 0, Localized("the workbook has two \(kind == .indicators ? "indicators" : "readings") sheets; keep one",
                                                     "el libro tiene dos hojas de \(kind == .indicators ? "indicadores" : "lecturas"); deje una"), place: "")
            }
            try checkValues(sheet)
            sheets.append((kind, sheet))
        }
        guard !sheets.isEmpty else {
            throw LayoutError(line: 0, Localized("the workbook has no sheet named indicadores or lecturas; it is not \(what.en)",
                                                 "el libro no tiene hojas llamadas indicadores ni lecturas; no es \(what.es)"), place: "")
        }
        // Indicators first, whatever the tabs' order.
        sheets.sort { a, _ in a.0 == .indicators }
        var combined = ImportResult()
        var known = ImportedDefinitions(base: existing)
        for (kind, sheet) in sheets {
            var sheetOptions = options
            sheetOptions.fileName = options.fileName + "#" + sheet.name
            let records = self.records(sheet)
            let read: (sheet: CSVTemplateImporter.Sheet, result: ImportResult)
            do {
                read = try CSVTemplateImporter.read(records: records, what: Localized("the template's \(kind == .indicators ? "indicators" : "readings") sheet",
                                                                                    "la hoja de \(kind == .indicators ? "indicadores" : "lecturas") de la plantilla"),
                                                    options: sheetOptions, existing: known)
            } catch var e as LayoutError {
                e.place = "#\(sheet.name):\(e.line)"
                throw e
            }
            guard read.sheet == kind else {
                let header = records.first?.line ?? 1
                throw LayoutError(line: header, Localized(
                    "the sheet \(sheet.name) has the columns of the \(read.sheet == .indicators ? "indicators" : "readings") sheet; rename the sheet or fix its header",
                    "la hoja \(sheet.name) tiene las columnas de la hoja de \(read.sheet == .indicators ? "indicadores" : "lecturas"); cambie el nombre de la hoja o corrija su encabezado"),
                                  place: "#\(sheet.name):\(header)")
            }
            for d in read.result.definedIndicators { known.defined[d.id] = d }
            combined.commands += read.result.commands
            combined.findings += read.result.findings.map { f in
                var f = f
                f.sheet = sheet.name
                return f
            }
            if combined.plan.isEmpty { combined.plan = read.result.plan }
        }
        // Definitions before the events that need them, each sheet in its order.
        let definitions = combined.commands.filter { if case .defineIndicator = $0.command { return true } else { return false } }
        let rest = combined.commands.filter { if case .defineIndicator = $0.command { return false } else { return true } }
        combined.commands = definitions + rest
        return combined
    }

    /// Refuses what a sheet of values may not hold: formulas, merged cells,
    /// dates stored as serial numbers, error values.
    static func checkValues(_ sheet: ReadSheet) throws {
        if let range = sheet.mergedRanges.first {
            throw LayoutError(line: range.first.row, Localized(
                "cells \(range) are merged; the template needs one value per cell: unmerge them (Format > Merge cells) and fill each cell",
                "las celdas \(range) están combinadas; la plantilla necesita un valor por celda: sepárelas (Formato > Combinar celdas) y llene cada celda"),
                              place: "#\(sheet.name)!\(range)")
        }
        for cell in sheet.cells {
            let place = "#\(sheet.name)!\(cell.reference)"
            if let formula = cell.formula {
                throw LayoutError(line: cell.row, Localized(
                    "the cell holds a formula (=\(formula)) instead of a value; the template takes the values typed: copy the cells and paste values only (Paste Special > Values)",
                    "la celda tiene una fórmula (=\(formula)) en lugar de un valor; la plantilla toma los valores capturados: copie las celdas y pegue solo los valores (Pegado especial > Valores)"),
                                  place: place)
            }
            if cell.isDate {
                let serial: String
                switch cell.value {
                case .number(let n): serial = n
                case .date(let d): serial = d
                default: serial = "?"
                }
                throw LayoutError(line: cell.row, Localized(
                    "the cell is a date stored as a serial number (\(serial)), which Excel made of what was typed; write periods as text such as 2017-03 (format the column as Text first, or type an apostrophe before it)",
                    "la celda es una fecha guardada como número de serie (\(serial)), que Excel hizo de lo capturado; escriba los periodos como texto, p. ej. 2017-03 (dé primero formato de Texto a la columna, o anteponga un apóstrofo)"),
                                  place: place)
            }
            if case .error(let e) = cell.value {
                throw LayoutError(line: cell.row, Localized("the cell holds the error value \(e); type the value instead",
                                                            "la celda tiene el valor de error \(e); capture el valor en su lugar"), place: place)
            }
        }
    }

    /// A sheet's rows as CSV records, the row number as the line: text as
    /// written, numbers as the decimal Excel kept (15 significant digits:
    /// what was typed, not the last bits of a binary double).
    static func records(_ sheet: ReadSheet) -> [CSVRecord] {
        sheet.rows.compactMap { row in
            guard let last = row.cells.last?.column else { return nil }
            var fields = [String](repeating: "", count: last)
            for c in row.cells { fields[c.column - 1] = text(c.value) }
            guard fields.contains(where: { !$0.trimmed.isEmpty }) else { return nil }
            return CSVRecord(line: row.number, fields: fields)
        }
    }

    static func text(_ v: ReadValue) -> String {
        switch v {
        case .text(let s): return s
        case .number(let n): return ExcelNumber.typed(n) ?? n
        case .boolean(let b): return b ? "true" : "false"
        case .error(let e): return e
        case .date(let d): return d
        case .empty: return ""
        }
    }
}

/// Definitions an import has made so far, over the ledger's: the readings
/// sheet may name indicators the indicators sheet defines.
struct ImportedDefinitions: ExistingLedger {
    let base: ExistingLedger
    var defined: [String: IndicatorDefinition] = [:]

    func definition(of indicator: String) -> IndicatorDefinition? { defined[indicator] ?? base.definition(of: indicator) }
    func target(of indicator: String, for period: Period) -> DecimalNumber? { base.target(of: indicator, for: period) }
    func reading(of indicator: String, for period: Period) -> DecimalNumber? { base.reading(of: indicator, for: period) }
}

/// A number as a spreadsheet saved it, back to what was typed.
enum ExcelNumber {
    /// Excel keeps 15 significant digits and may save up to 17 of a binary
    /// double ("0.30000000000000004" for a typed 0.3; LibreOffice saves the
    /// shortest text that reads back). Rounded to 15 significant digits,
    /// trailing zeros dropped, without exponent: "1E-3" -> "0.001". Nil for
    /// text that is not a number.
    static func typed(_ text: String) -> String? {
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let x = Int(text[text.index(after: e)...]) else { return nil }
            exponent = x
            mantissa = String(text[..<e])
        }
        var negative = false
        if mantissa.hasPrefix("-") { negative = true; mantissa.removeFirst() } else if mantissa.hasPrefix("+") { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !mantissa.isEmpty else { return nil }
        let whole = String(parts[0]), fraction = parts.count == 2 ? String(parts[1]) : ""
        guard (whole + fraction).allSatisfy(\.isASCII), (whole + fraction).allSatisfy(\.isNumber), !(whole + fraction).isEmpty else { return nil }
        // digits × 10^(point - digits.count), the point after `point` digits.
        var digits = Array(whole + fraction)
        var point = whole.count + exponent
        // Leading zeros carry no significance.
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        if digits.count > 15 {
            // Round half up at the 15th significant digit.
            let roundUp = digits[15] >= "5"
            digits = Array(digits.prefix(15))
            if roundUp {
                var i = 14
                while i >= 0 {
                    if digits[i] == "9" { digits[i] = "0"; i -= 1 } else { digits[i] = Character(String(digits[i].wholeNumberValue! + 1)); break }
                }
                if i < 0 { digits.insert("1", at: 0); point += 1; digits.removeLast() }
            }
        }
        // Place the point.
        var intPart: String, fracPart: String
        if point <= 0 {
            intPart = "0"
            fracPart = String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            intPart = String(digits) + String(repeating: "0", count: point - digits.count)
            fracPart = ""
        } else {
            intPart = String(digits[..<point])
            fracPart = String(digits[point...])
        }
        while fracPart.hasSuffix("0") { fracPart.removeLast() }
        while intPart.count > 1, intPart.hasPrefix("0") { intPart.removeFirst() }
        let body = fracPart.isEmpty ? intPart : intPart + "." + fracPart
        return (negative && body.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "") + body
    }
}
