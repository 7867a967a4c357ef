// The names a batch file's columns (or JSON keys) may give a form's fields:
// the flag names (`annual-target`, with `_` or `-`), or the Spanish words a
// planning office writes in its own sheets (`meta anual`, `periodo`,
// `valor`), compared as `import csv` compares headers: without case,
// accents, spaces, `_` or `-`. The words are those of the import template
// (docs/IMPORT.md), so one sheet's headers work for both.

import LedgerImport

enum FieldNames {
    /// Spanish column names, and the field each names.
    static let spanish: [String: String] = [
        "tipo": "type", "indicador": "indicator", "periodo": "period", "valor": "value", "numerador": "numerator",
        "denominador": "denominator", "nota": "note", "motivo": "reason", "razon": "reason", "texto": "text",
        "observacion": "text", "postcierre": "post-close", "clave": "id", "nombre": "name", "unidad": "unit",
        "unidaddemedida": "unit", "ano": "year", "ejercicio": "year", "metaanual": "annual-target",
        "metasmensuales": "monthly-targets", "frecuencia": "frequency", "acumulacion": "aggregation", "agregacion": "aggregation",
        "sentido": "direction", "lineabase": "baseline", "claveunidad": "owner", "unidadresponsable": "owner-name",
        "descripcion": "description", "jerarquia": "hierarchy", "verde": "green", "amarillo": "yellow", "techo": "ceiling",
        "modificado": "modified", "devengado": "accrued", "pagado": "paid", "aprobado": "approved",
        "comprometido": "committed", "ejercido": "exercised", "trimestre": "quarter",
    ]

    /// Every field name of every form, and `type`, by key.
    static let byKey: [String: String] = {
        var out: [String: String] = [CSVSheet.key("type"): "type"]
        for form in EventForm.all { for f in form.fields { out[CSVSheet.key(f.name)] = f.name } }
        for (word, field) in spanish { out[CSVSheet.key(word)] = field }
        return out
    }()

    /// The field a column header or JSON key names; the header as it is
    /// (lower case) when it names none, so the row reports it as unknown.
    static func field(forHeader header: String) -> String {
        byKey[CSVSheet.key(header)] ?? header.trimmingSpaces.lowercased()
    }

    /// The fields whose values are numbers, read in the file's convention.
    static let numeric: Set<String> = ["value", "numerator", "denominator", "annual-target", "baseline", "green", "yellow", "ceiling",
                                       "modified", "accrued", "paid", "approved", "committed", "exercised"]
}
