// Which events made a changed figure of a diff. Each figure is credited
// only to the events that can change it: a target change to the programmed
// values it sets, a reading to the executed value of its period, never every
// event of the same month (a target change's reason printed on the executed
// row was the bug this replaced).

extension DiffView {
    /// True when `e` (between the diff's two times, about `key`'s indicator,
    /// or a close) is one of the events that made the figure `key`. `after`
    /// is the state at the later time: an annual target change rescales only
    /// the periods that have no explicit target there.
    static func attributes(_ e: RecordedEvent, to key: Key, after: LedgerState) -> Bool {
        if key.figure == "closed" {
            if case .quarterClosed(let q, _) = e.payload { return q == key.period }
            return false
        }
        guard e.payload.indicator == key.indicator else { return false }
        let isQuarterFigure = key.figure.hasPrefix("quarter_")
        /// A period the figure covers: its own period, or one due in its quarter.
        func covers(_ p: Period) -> Bool {
            guard let kp = key.period else { return false }
            return isQuarterFigure ? kp.contains(p) || (kp.year == p.year && kp.months.contains(p.lastMonth)) : p == kp
        }
        let setsProgrammed = key.figure == "programmed" || key.figure == "quarter_programmed"
        let judgesTheQuarter = key.figure == "quarter_compliance_pct" || key.figure == "quarter_status"
        switch e.payload {
        case .indicatorDefined:
            // A definition sets the targets and the description; readings come in their own events.
            return key.figure == "annual_target" || setsProgrammed || judgesTheQuarter || descriptiveFigures.contains(key.figure)
        case .targetChanged(_, .annual):
            if key.figure == "annual_target" { return true }
            guard setsProgrammed || judgesTheQuarter, let ind = after.indicators[key.indicator] else { return false }
            // It rescales the periods without an explicit target (annual / 12 a month).
            let periods = Period.year(ind.definition.year).periods(of: ind.definition.frequency).filter(covers)
            return periods.contains { ind.periodTargets[$0] == nil }
        case .targetChanged(_, .period(let p, _)):
            return (setsProgrammed || judgesTheQuarter) && covers(p)
        case .readingRecorded(_, let p, _, _, _), .readingCorrected(_, let p, _, _, _):
            return (key.figure == "executed" || key.figure == "quarter_executed" || judgesTheQuarter) && covers(p)
        case .observationAdded(_, let p, _):
            return key.figure == "observations" && covers(p)
        case .budgetRecorded(_, let p, _):
            return (key.figure == "modified" || key.figure == "accrued" || key.figure == "paid") && covers(p)
        case .indicatorAmended(_, let a):
            return a.fields.contains { $0.key == key.figure }
        case .ledgerOpened, .quarterClosed, .segmentSealed, .deadlineSet, .unitDescribed, .memberAdded, .memberRolesChanged,
             .memberRemoved, .signaturesRequired, .quarterAttested, .batchSigned:
            return false
        }
    }
}
