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
    public func export(_ subject: ExportSubject, asOf: TimeSpec?, format: ReportFormat, scope: ReportScope = ReportScope(),
                       write: @escaping (String) -> Void) throws {
        try requireLedger()
        let cut = try cut(asOf)
        try requireRecorded(by: cut)
        switch subject {
        case .journal:
            // Streamed: one row at a time, whatever the journal's length.
            let filter = try scopeFilter(scope)
            var writer = AuditWriter(format: format, language: .en, isDemo: try isDemo(), sink: write)
            try ledger.auditTrail(cut: cut, keep: filter.keeps) { entry, _ in writer.write(entry) }
            writer.end()
        case .state:
            if scope.plan != nil || scope.owner != nil { try checkScope(scope, try state(cut: cut).0) }
            var rows: [[Cell]] = []
            var head = ChainHead.empty
            try eachYear(cut: cut) { state, _ in
                rows += StateExport.table(state, scope: scope).rows
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
