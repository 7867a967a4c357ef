// `pending`: who has not reported. Every indicator with a period over by the
// cut (now, or --as-of) and no reading, by owning unit, with its deadline and
// days late, and the unit's contact if recorded. The cut's date is a day in
// the ledger's zone: a period is late the day after its deadline there.

import LedgerCore
import LedgerReports

extension Session {
    /// The pending readings at the request's cut (default: now), optionally
    /// only for periods ending in `within` (a month or a quarter).
    public func pending(within: Period?, _ request: ReportRequest) throws -> String {
        let explicit = try cut(request.asOf)
        let (state, _) = try state(cut: explicit)
        try checkScope(request.scope, state)
        // The day of the cut in the ledger's zone; no cut means today, by the host's clock.
        let at = explicit ?? host.now()
        let rules = try zone()
        let seconds = at.microseconds >= 0 ? at.microseconds / 1_000_000 : (at.microseconds - 999_999) / 1_000_000
        let local = Timestamp(microseconds: at.microseconds + rules.offset(atUTC: seconds) * 1_000_000).parts
        let view = Views.pending(state, date: CivilDate(year: local.year, month: local.month, day: local.day), within: within, scope: request.scope)
        return PendingReport.render(view, format: request.format, header: request.header(explicit, isDemo: state.settings?.isDemo ?? false))
    }
}
