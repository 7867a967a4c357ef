// `export pnt`: the formats of Mexico's national transparency platform
// (PNT) for results indicators, article 70 of the general transparency law:
// fraction VI, "los indicadores que permitan rendir cuenta de sus objetivos
// y resultados", and fraction V, "indicadores relacionados con temas de
// interés público". Their columns, in their order, as the Lineamientos
// técnicos generales set them (the version modified by acuerdo
// CONAIP/SNT/ACUERDO/ORD01-15/12/2017-08, DOF 28/12/2017, in force with
// later reforms): one row per indicator for the quarter. The format is in
// Spanish whatever the user's language. A blank the format needs is said in
// Nota, as the Lineamientos ask of a subject that lacks a datum.

import LedgerCore
import LedgerWorkbook

/// Which fraction's format.
public enum TransparencyFormat: String, Sendable, CaseIterable {
    /// Fracción VI: indicadores de resultados.
    case vi
    /// Fracción V: indicadores de interés público.
    case v

    /// The format's columns, in the platform's order.
    public var columns: [String] {
        switch self {
        case .vi:
            return ["Ejercicio", "Fecha de inicio del periodo que se informa", "Fecha de término del periodo que se informa",
                    "Nombre del programa o concepto al que corresponde el indicador", "Objetivo institucional",
                    "Nombre(s) del(os) indicador(es)", "Dimensión(es) a medir", "Definición del indicador",
                    "Método de cálculo con variables de la fórmula", "Unidad de medida", "Frecuencia de medición", "Línea base",
                    "Metas programadas", "Metas ajustadas que existan, en su caso", "Avance de metas", "Sentido del indicador (catálogo)",
                    "Fuente de información", "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información",
                    "Fecha de validación", "Fecha de actualización", "Nota"]
        case .v:
            return ["Ejercicio", "Fecha de inicio del periodo que se informa", "Fecha de término del periodo que se informa",
                    "Objetivo institucional", "Nombre(s) del(os) indicador(es)", "Dimensión(es) a medir", "Definición del indicador",
                    "Método de cálculo", "Unidad de medida", "Frecuencia de medición", "Línea base", "Metas programadas",
                    "Metas ajustadas que existan, en su caso", "Avance de metas", "Sentido del indicador (catálogo)", "Fuente de información",
                    "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información",
                    "Fecha de validación", "Fecha de actualización", "Nota"]
        }
    }

    /// The sheet's name in the workbook.
    var sheetName: String { "Reporte de Formatos" }
}

public enum TransparencyReport {
    /// A cell of the format: text, a number, or a percentage.
    enum Value: Equatable {
        case text(String?)
        case number(DecimalNumber?)
        case percent(DecimalNumber?)

        var csv: String {
            switch self {
            case .text(let s): return s ?? ""
            case .number(let d): return d?.description ?? ""
            case .percent(let d): return d.map { $0.description + "%" } ?? ""
            }
        }
    }

    /// The rows: one per indicator, the format's columns in order.
    static func rows(_ v: TransparencyView, _ format: TransparencyFormat, clock: LocalClock) -> [[Value]] {
        let q = v.quarter
        let start = date(CivilDate(year: q.year, month: q.firstMonth, day: 1))
        let end = date(CivilDate(year: q.year, month: q.lastMonth, day: Timestamp.daysInMonth(year: q.year, month: q.lastMonth)))
        let updated = date(local(v.head.at, clock))
        return v.rows.map { r in
            let d = r.definition
            var missing: [String] = []
            func required(_ s: String?, _ name: String) -> Value {
                guard let s, !s.isEmpty else { missing.append(name); return .text(nil) }
                return .text(s)
            }
            let program = required(r.program, "nombre del programa")
            let objective = required(d.objective, "objetivo institucional")
            let dimension = required(d.dimension, "dimensión a medir")
            let definition = required(d.definitionText, "definición del indicador")
            let method = required(d.method, "método de cálculo")
            if d.baseline == nil { missing.append("línea base") }
            let source = required(d.informationSource, "fuente de información")
            let area = required(d.ownerName ?? d.ownerCode, "área responsable")
            var common: [Value] = [.number(DecimalNumber(d.year)), .text(start), .text(end)]
            if format == .vi { common.append(program) }
            common += [objective, .text(d.name), dimension, definition, method, .text(d.unit), .text(frequency(d.frequency)),
                       .number(d.baseline), .number(r.approvedTarget), .number(r.adjustedTarget), .percent(r.progress),
                       .text(d.direction == .ascending ? "Ascendente" : "Descendente"), source, area,
                       .text(r.close.map { date(local($0.stamp.at, clock)) }), .text(updated)]
            common.append(.text(note(r, missing: missing, v: v)))
            return common
        }
    }

    /// What the blanks mean and what the figures rest on, in Spanish.
    static func note(_ r: TransparencyRow, missing: [String], v: TransparencyView) -> String {
        var parts: [String] = []
        if !missing.isEmpty {
            parts.append("Sin dato en el registro del indicador: " + list(missing) + ".")
        }
        if r.adjustedTarget == nil {
            parts.append("La meta no se ha ajustado.")
        } else if let doc = r.adjustedTargetDocument {
            parts.append("Meta ajustada mediante \(doc).")
        }
        if !r.reprogrammed.isEmpty {
            let periods = r.reprogrammed.map { p in p.period.description + (p.document.map { " (\($0))" } ?? "") }
            parts.append("Se reprogramaron las metas de " + list(periods) + ".")
        }
        if !r.missing.isEmpty {
            parts.append("Sin lectura de " + list(r.missing.map(\.description)) + "; el avance no la incluye.")
        } else if r.progress == nil {
            parts.append("Sin avance que informar: ninguna medición del indicador (frecuencia \(frequency(r.definition.frequency).lowercased())) vence hasta el fin del periodo.")
        }
        if r.hasPostCloseAdjustments { parts.append("Incluye ajustes posteriores al cierre del trimestre.") }
        if r.close == nil {
            parts.append("El trimestre no está cerrado: las cifras pueden cambiar y aún no tienen fecha de validación.")
        }
        parts.append("Cifras del diario del ledger hasta el evento \(v.head.seq) (resumen \(v.head.digest)).")
        return parts.joined(separator: " ")
    }

    /// "a, b y c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " y " + items.last!
    }

    static func frequency(_ f: Frequency) -> String {
        switch f {
        case .monthly: return "Mensual"
        case .quarterly: return "Trimestral"
        case .semiannual: return "Semestral"
        case .annual: return "Anual"
        }
    }

    /// The day of `t` in the ledger's zone.
    static func local(_ t: Timestamp, _ clock: LocalClock) -> CivilDate {
        let p = clock.parts(t)
        return CivilDate(year: p.year, month: p.month, day: p.day)
    }

    /// día/mes/año, as the Lineamientos write dates: 31/03/2017.
    static func date(_ d: CivilDate) -> String {
        (d.day < 10 ? "0" : "") + "\(d.day)/" + (d.month < 10 ? "0" : "") + "\(d.month)/\(d.year)"
    }

    /// The format as CSV: UTF-8 with a byte-order mark, CRLF, the header row first.
    public static func csv(_ v: TransparencyView, format: TransparencyFormat, clock: LocalClock) -> String {
        let table = Table(columns: format.columns.map { Column($0, $0) },
                          rows: rows(v, format, clock: clock).map { $0.map { .text($0.csv) } })
        return TableRenderer.csv(table)
    }

    /// The format as a workbook: one sheet, the header row frozen, numbers as numbers.
    public static func workbook(_ v: TransparencyView, format: TransparencyFormat, clock: LocalClock) -> [UInt8] {
        var sheet = SheetBuilder(name: format.sheetName, columns: format.columns.map { SheetColumn(header: $0, wraps: true) })
        for row in rows(v, format, clock: clock) {
            sheet.add(row.map { value -> LedgerWorkbook.Cell in
                switch value {
                case .text(let s): return SheetBuilder.text(s, wraps: (s?.count ?? 0) > 40)
                case .number(let d): return SheetBuilder.number(d)
                case .percent(let d): return SheetBuilder.percent(d)
                }
            })
        }
        let at = v.head.at.parts
        func pad(_ n: Int, _ w: Int = 2) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        let stamp = "\(pad(at.year, 4))-\(pad(at.month))-\(pad(at.day))T\(pad(at.hour)):\(pad(at.minute)):\(pad(at.second))Z"
        let title = "Art. 70 fr. \(format.rawValue.uppercased()) · \(v.entity) · \(v.quarter)"
        let properties = DocumentProperties(title: title, subject: "Plataforma Nacional de Transparencia", creator: "ledger",
                                            created: stamp, modified: stamp,
                                            custom: [CustomProperty(name: QuarterWorkbook.digestProperty, value: v.head.digest),
                                                     CustomProperty(name: "ledger-quarter", value: v.quarter.description)])
        do {
            return try XLSXWriter.write(Workbook(sheets: [sheet.worksheet], properties: properties))
        } catch {
            preconditionFailure("the transparency workbook could not be written: \(error)")
        }
    }
}
