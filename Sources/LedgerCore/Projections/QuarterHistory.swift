// Which events make a quarter's history (the workbook's events sheet):
// those about the quarter's periods, the quarter's closes, and what
// defines or redefines the indicators it shows (definitions, annual
// targets, amendments), within a report's scope. Read in journal order: a
// filter that learns each indicator's year, plan and owner from its
// definition and amendments as they pass.

public struct QuarterHistoryFilter: Sendable {
    public let quarter: Period
    public let scope: ReportScope
    /// Every indicator of the quarter's year seen so far, as it stands.
    private var known: [String: IndicatorDefinition] = [:]

    public init(quarter: Period, scope: ReportScope) {
        self.quarter = quarter
        self.scope = scope
    }

    /// True when `p` belongs to the quarter: inside it, or a period due in it.
    func covers(_ p: Period) -> Bool {
        quarter.contains(p) || (p.year == quarter.year && quarter.months.contains(p.lastMonth))
    }

    func inScope(_ id: String) -> Bool { known[id].map(scope.includes) ?? false }

    /// Whether `e` (the next event of the journal) belongs to the history.
    public mutating func keeps(_ e: RecordedEvent) -> Bool {
        switch e.payload {
        case .indicatorDefined(let d):
            guard d.year == quarter.year else { return false }
            known[d.id] = d
            return scope.includes(d)
        case .indicatorAmended(let id, let a):
            guard let d = known[id] else { return false }
            let wasIn = scope.includes(d)
            known[id] = a.applied(to: d)
            return wasIn || inScope(id)
        case .targetChanged(let id, .annual):
            return inScope(id)
        case .quarterClosed(let q, let plan):
            return q == quarter && (plan == nil || scope.plan == nil || plan == scope.plan)
        case .quarterAttested(let a):
            return a.quarter == quarter && (a.plan == nil || scope.plan == nil || a.plan == scope.plan)
        case .ledgerOpened, .segmentSealed, .deadlineSet, .unitDescribed, .memberAdded, .memberRolesChanged, .memberRemoved,
             .signaturesRequired, .batchSigned:
            return false
        case .targetChanged, .readingRecorded, .readingCorrected, .observationAdded, .budgetRecorded:
            guard let id = e.payload.indicator, let p = e.payload.period else { return false }
            return covers(p) && inScope(id)
        }
    }
}
