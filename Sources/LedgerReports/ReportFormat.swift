// How a report is written: a table for people, JSON for scripts, CSV for
// spreadsheets. (The language is LedgerCore's `Language`.)

/// How a report is written.
public enum ReportFormat: Sendable {
    case text, json, csv
}
