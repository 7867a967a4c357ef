// `export`: the whole journal (every event with who, when, what, value
// before and after) or the state (one row per indicator and period), as
// JSON or CSV, for other tools and spreadsheets.

import LedgerCore
import LedgerReports

/// What `export` writes.
public enum ExportSubject: String, Sendable, CaseIterable {
    case journal, state
}

extension Session {
    /// Writes the export piece by piece to `write` (`format` is JSON or CSV).
    public func export(_ subject: ExportSubject, asOf: TimeSpec?, format: ReportFormat, write: @escaping (String) -> Void) throws {
        let cut = try cut(asOf)
        switch subject {
        case .journal:
            // Streamed: one row at a time, whatever the journal's length.
            var writer = AuditWriter(format: format, language: .en, isDemo: try isDemo(), sink: write)
            try ledger.auditTrail(cut: cut) { entry, _ in writer.write(entry) }
            writer.end()
        case .state:
            var rows: [[Cell]] = []
            var head = ChainHead.empty
            try eachYear(cut: cut) { state, _ in
                rows += StateExport.table(state).rows
                head = state.head
            }
            let table = Table(columns: StateExport.columns, rows: rows)
            if format == .csv {
                write(TableRenderer.csv(table))
            } else {
                var w = JSONWriter()
                w.raw("{")
                w.key("as_of", first: true); if let cut { w.string(cut.description) } else { w.raw("null") }
                w.key("head"); w.raw("{\"seq\":"); w.int(head.seq); w.raw(",\"hash\":"); w.string(head.hash.hex); w.raw("}")
                if try isDemo() { w.key("demo"); w.raw("true") }
                w.key("rows")
                TableRenderer.writeJSONRows(table, &w)
                w.raw("}\n")
                write(w.text)
            }
        }
    }
}
