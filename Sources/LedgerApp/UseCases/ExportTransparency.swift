// `export pnt FILE --quarter Q [--format vi|v]`: the quarter's indicators in
// the format of Mexico's transparency platform (art. 70 fr. VI, results
// indicators; or fr. V, indicators of public interest), as CSV or as a
// workbook by the file's extension. Written whole; an existing file is
// replaced only with --force.

import LedgerCore
import LedgerStore
import LedgerReports

/// What `export pnt` is asked.
public struct TransparencyRequest: Sendable {
    public var path: String
    public var quarter: Period
    public var format: TransparencyFormat
    public var asOf: TimeSpec?
    public var scope: ReportScope
    public var force: Bool

    public init(path: String, quarter: Period, format: TransparencyFormat, asOf: TimeSpec?, scope: ReportScope, force: Bool) {
        self.path = path
        self.quarter = quarter
        self.format = format
        self.asOf = asOf
        self.scope = scope
        self.force = force
    }

    /// A workbook when the name ends in .xlsx, else CSV.
    public var isWorkbook: Bool { path.lowercased().hasSuffix(".xlsx") }
}

extension Session {
    /// Writes the transparency format of the request's quarter.
    public func exportTransparency(_ request: TransparencyRequest) throws -> ExportOutcome {
        if !request.force && OutputFile.exists(request.path) { throw Problem.exportExists(path: request.path) }
        let cut = try cut(request.asOf)
        let (state, _) = try state(cut: cut, years: [request.quarter.year])
        try checkScope(request.scope, state)
        let view = Views.transparency(request.quarter, of: state, scope: request.scope)
        guard !view.rows.isEmpty else { throw Problem.noIndicatorsToExport(quarter: request.quarter) }
        let clock = try localClock(state.settings?.timeZone ?? "UTC")
        let bytes = request.isWorkbook ? TransparencyReport.workbook(view, format: request.format, clock: clock)
                                       : Array(TransparencyReport.csv(view, format: request.format, clock: clock).utf8)
        try writeExport(request.path, bytes, force: request.force)
        return ExportOutcome(path: request.path, bytes: bytes.count, quarter: request.quarter, head: state.head)
    }
}
