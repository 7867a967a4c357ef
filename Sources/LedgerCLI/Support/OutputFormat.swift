// --json and --csv: the three renderings every report offers.

import LedgerReports

enum OutputFormat {
    static let options: [OptionSpec] = [
        OptionSpec(name: "json", value: nil, help: Localized("one JSON document on stdout", "un documento JSON en la salida")),
        OptionSpec(name: "csv", value: nil, help: Localized("CSV (UTF-8) for Excel or LibreOffice", "CSV (UTF-8) para Excel o LibreOffice")),
    ]

    static func from(_ a: ParsedArguments) throws -> ReportFormat {
        if a.has("json") && a.has("csv") {
            throw UsageError(message: Localized("choose --json or --csv, not both", "elija --json o --csv, no ambos"))
        }
        return a.has("json") ? .json : a.has("csv") ? .csv : .text
    }
}
