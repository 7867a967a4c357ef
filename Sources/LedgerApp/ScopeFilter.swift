// `--plan` and `--owner` on the reports made of events (log, replay,
// export journal) and of figure changes (diff): which indicators they
// cover, from the ledger's definitions, and so which events they keep. A
// plan or owner no indicator has is refused, as in status and quarter.

import LedgerCore

/// The indicators a scope covers, for keeping events and changes.
struct ScopeFilter {
    let scope: ReportScope
    /// Nil when the scope is everything.
    let ids: Set<String>?

    /// Events about the scope's indicators, and closes of its plan (or of
    /// every plan); with no scope, everything.
    func keeps(_ e: RecordedEvent) -> Bool {
        guard let ids else { return true }
        if let id = e.payload.indicator { return ids.contains(id) }
        if case .quarterClosed(_, let plan) = e.payload { return plan == nil || scope.plan == nil || plan == scope.plan }
        return false
    }

    /// Changes to the scope's indicators, and to the closes of its plan.
    func keeps(_ c: FigureChange) -> Bool {
        guard let ids else { return true }
        if c.indicator.hasPrefix("*") { return scope.plan == nil || c.indicator == "*" + scope.plan! || c.indicator == "*" }
        return ids.contains(c.indicator)
    }
}

extension Session {
    /// The filter for `scope` (checked: an unknown plan or owner is refused).
    func scopeFilter(_ scope: ReportScope) throws -> ScopeFilter {
        guard scope.plan != nil || scope.owner != nil else { return ScopeFilter(scope: scope, ids: nil) }
        let (state, _) = try state(cut: nil)
        try checkScope(scope, state)
        return ScopeFilter(scope: scope, ids: Set(state.indicators.values.filter { scope.includes($0.definition) }.map(\.definition.id)))
    }
}
