// Which edition of the figure rules a view is computed with. A snapshot is
// re-derived from the journal and compared byte for byte, so a snapshot
// written under older rules must be re-derived under those rules: snapshot
// format 1 pins `.v1`, format 2 pins `.v2` (FORMAT.md). Live reports always
// use `.current`.

/// An edition of the rules of docs/FIGURES.md.
public enum FigureRules: Int, Sendable, CaseIterable {
    /// Until issue 13: prorated months rounded one by one before adding;
    /// descending compliance programmed / executed over whatever was
    /// reported (a missing month counted as zero, zero executed 0 %, a zero
    /// target no status); budget-only rows with a programmed 0.
    case v1 = 1
    /// Exact prorating, compliance that a missing period never improves,
    /// zero cases with a status, budget-only rows not applicable; every due
    /// period weighed whatever the cut.
    case v2 = 2
    /// docs/FIGURES.md as it stands: v2, and a view weighs a period only
    /// once it is reported or past its reporting deadline at the view's cut
    /// (`ReportingHorizon`): one still within its reporting window, or not
    /// yet ended, is awaited, neither programmed nor missing.
    case v3 = 3

    public static let current = FigureRules.v3
}

/// The figures of rules `.v1`, kept only so that snapshots written under
/// them still verify. Nothing else may call them.
enum FiguresV1 {
    static func programmed(for period: Period, of ind: IndicatorState) -> DecimalNumber? {
        if let explicit = ind.periodTargets[period] { return explicit }
        let d = ind.definition
        guard period.year == d.year else { return nil }
        switch d.aggregation {
        case .sum:
            return (ind.annualTarget * period.frequency.months).divided(by: 12, decimals: max(Figures.derivedDecimals, ind.annualTarget.scale))
        case .last, .average, .ratio:
            return ind.annualTarget
        }
    }

    static func programmed(over periods: [Period], of ind: IndicatorState) -> DecimalNumber? {
        let values = periods.compactMap { programmed(for: $0, of: ind) }
        guard !values.isEmpty else { return nil }
        switch ind.definition.aggregation {
        case .sum: return values.reduce(.zero, +)
        case .last, .ratio: return values[values.count - 1]
        case .average: return values.reduce(.zero, +).divided(by: values.count, decimals: max(Figures.derivedDecimals, values[0].scale))
        }
    }

    static func compliance(executed: DecimalNumber?, programmed: DecimalNumber?, direction: Direction) -> DecimalNumber? {
        guard let e = executed, let p = programmed else { return nil }
        switch direction {
        case .ascending: return p.isZero ? nil : e.percent(of: p)
        case .descending: return e.isZero ? (p.isZero ? nil : DecimalNumber(mantissa: 0, scale: 2)) : p.percent(of: e)
        }
    }

    static func span(_ ind: IndicatorState, year: Int, months: ClosedRange<Int>, bands: StatusBands) -> Span {
        let due = Figures.duePeriods(ind, year: year, months: months)
        guard !due.isEmpty else { return Span.notApplicable }
        let programmed = programmed(over: due, of: ind)
        let executed = Figures.executed(over: due, of: ind)
        let compliance = compliance(executed: executed, programmed: programmed, direction: ind.definition.direction)
        return Span(isApplicable: true, programmed: programmed, executed: executed, compliance: compliance,
                    status: Figures.status(compliance: compliance, bands: bands),
                    missing: due.filter { ind.readings[$0] == nil })
    }
}
