// `export xlsx FILE`: the quarter as an Excel workbook (quarter view, status,
// the quarter's events, the journal it came from), and the same workbook
// for a snapshot. Only the quarter's fiscal year is folded; the events come
// from the audit trail cut at the same instant. The file is written whole,
// and an existing one is replaced only with --force.

import LedgerCore
import LedgerStore
import LedgerReports

/// What `export xlsx` is asked.
public struct WorkbookRequest: Sendable {
    public var path: String
    /// Nil: the latest quarter with a reading.
    public var quarter: Period?
    public var asOf: TimeSpec?
    public var scope: ReportScope
    public var language: Language
    /// Replace a file already at `path`.
    public var force: Bool

    public init(path: String, quarter: Period?, asOf: TimeSpec?, scope: ReportScope, language: Language, force: Bool) {
        self.path = path
        self.quarter = quarter
        self.asOf = asOf
        self.scope = scope
        self.language = language
        self.force = force
    }
}

/// What an export wrote.
public struct ExportOutcome: Sendable {
    public var path: String
    public var bytes: Int
    public var quarter: Period
    public var head: ChainHead
}

extension Session {
    /// Writes the quarter's workbook to the request's path.
    public func exportWorkbook(_ request: WorkbookRequest) throws -> ExportOutcome {
        if !request.force && OutputFile.exists(request.path) { throw Problem.exportExists(path: request.path) }
        let explicit = try cut(request.asOf)
        let quarter: Period
        if let q = request.quarter {
            quarter = q
        } else {
            let (all, _) = try state(cut: explicit)
            try checkScope(request.scope, all)
            guard let q = Session.latestQuarter(all, scope: request.scope) else { throw Problem.nothingToExport }
            quarter = q
        }
        let (state, _) = try state(cut: explicit, years: [quarter.year])
        try checkScope(request.scope, state)
        let asOf = explicit ?? state.head.at
        let bytes = try quarterWorkbook(quarter, state: state, asOf: asOf, scope: request.scope, language: request.language)
        try writeExport(request.path, bytes, force: request.force)
        return ExportOutcome(path: request.path, bytes: bytes.count, quarter: quarter, head: state.head)
    }

    /// The quarter of the latest reading in scope; with none, the first
    /// quarter of the latest year with indicators.
    static func latestQuarter(_ state: LedgerState, scope: ReportScope) -> Period? {
        var best: (year: Int, month: Int)?
        var latestYear: Int?
        for ind in state.indicators.values where scope.includes(ind.definition) {
            let y = ind.definition.year
            latestYear = max(latestYear ?? y, y)
            if let m = ind.readings.keys.map(\.lastMonth).max(), best.map({ ($0.year, $0.month) < (y, m) }) ?? true { best = (y, m) }
        }
        if let b = best { return .quarter(b.year, (b.month - 1) / 3 + 1) }
        return latestYear.map { .quarter($0, 1) }
    }

    /// The workbook of `quarter` from `state` (the state at `asOf`, holding
    /// the quarter's year), its events read from the journal up to `asOf`.
    func quarterWorkbook(_ quarter: Period, state: LedgerState, asOf: Timestamp, scope: ReportScope, language: Language,
                         snapshotFile: String? = nil, rules: FigureRules = .current) throws -> [UInt8] {
        let clock = try localClock(state.settings?.timeZone ?? "UTC")
        let view = Views.quarter(quarter, of: state, scope: scope, rules: rules)
        let status = Views.status(of: state, scope: scope)
        let history = try quarterHistory(quarter, scope: scope, cut: asOf)
        let closes = state.closes.filter { $0.quarter == quarter && ($0.plan == nil || scope.plan == nil || $0.plan == scope.plan) }
        return QuarterWorkbook.bytes(QuarterWorkbookInput(view: view, status: status, history: history, closes: closes, asOf: asOf,
                                                          clock: clock, language: language, snapshotFile: snapshotFile,
                                                          isDemo: state.settings?.isDemo ?? false))
    }

    /// The quarter's events recorded by `cut`, as the audit trail reads them.
    func quarterHistory(_ quarter: Period, scope: ReportScope, cut: Timestamp) throws -> [AuditEntry] {
        var filter = QuarterHistoryFilter(quarter: quarter, scope: scope)
        var entries: [AuditEntry] = []
        try ledger.auditTrail(cut: cut, keep: { filter.keeps($0) }) { entry, _ in entries.append(entry) }
        return entries
    }

    /// The ledger's zone as a clock for renderers (an unreadable zone is an
    /// error: local times are shown, never a silent UTC).
    func localClock(_ zone: String) throws -> LocalClock {
        guard let rules = TimeZoneRules.load(zone) else {
            throw Problem.timeZoneUnreadable(zone: zone, directory: TimeZoneRules.databaseDirectory)
        }
        return LocalClock(zone: zone) { t in
            let us = t.microseconds
            return rules.offset(atUTC: us >= 0 ? us / 1_000_000 : (us - 999_999) / 1_000_000)
        }
    }

    /// Writes an export file the user named; refusals and I/O trouble as the user's to fix.
    func writeExport(_ path: String, _ bytes: [UInt8], force: Bool) throws {
        do {
            try OutputFile.write(path, bytes, replacing: force)
        } catch let e as OutputFileExists {
            throw Problem.exportExists(path: e.path)
        } catch StoreError.io(_, _, let message, _) {
            throw Problem.exportUnwritable(path: path, message: message)
        }
    }
}
