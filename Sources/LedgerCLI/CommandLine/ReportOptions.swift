// The options reports share, declared once.

import LedgerCore

enum ReportOptions {
    static let asOf = OptionSpec("as-of", "T", "only what had been recorded by T: a date (end of that day in the ledger's zone), a timestamp, today or now",
                                 "solo lo registrado hasta T: una fecha (fin de ese día en la zona del ledger), una fecha y hora, today (hoy) o now (ahora)")
    static let plan = OptionSpec("plan", "NAME", "only the indicators of this plan", "solo los indicadores de este plan")
    static let owner = OptionSpec("owner", "CODE", "only the indicators of this unit (clave)", "solo los indicadores de esta unidad (clave)")
    static let json = OptionSpec("json", nil, "one JSON document on stdout", "un documento JSON en la salida")
    static let csv = OptionSpec("csv", nil, "CSV (UTF-8) for Excel or LibreOffice", "CSV (UTF-8) para Excel o LibreOffice")
    static let wide = OptionSpec("wide", nil, "text: every column in one table, however wide (default: fitted to the terminal, $COLUMNS or 100)",
                                 "texto: todas las columnas en una tabla, por ancha que sea (por omisión: ajustada a la terminal, $COLUMNS o 100)")
    /// --json and --csv: the renderings every report offers besides the table.
    static let formats = [json, csv]
}
