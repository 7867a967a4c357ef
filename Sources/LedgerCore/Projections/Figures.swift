// The figures of LEDGER.md: programmed and executed values of a span of
// months, aggregated by the indicator's type, compliance, progress and
// status. Pure functions of an IndicatorState; every rule is here once.

public enum Figures {
    /// Decimals kept in derived values (averages, prorated targets).
    static let derivedDecimals = 2

    /// The target in force for one period of the indicator's frequency, as
    /// shown: the explicit target (definition's monthly targets or a target
    /// change), else, for sum indicators, the annual target prorated by
    /// months (annual / 12 a month, rounded for display only); for levels
    /// and rates, the annual target itself.
    public static func programmed(for period: Period, of ind: IndicatorState) -> DecimalNumber? {
        exactProgrammed(for: period, of: ind).map { $0.rounded(decimals: derivedDecimals) }
    }

    /// The target in force for one period, exactly: a prorated month is
    /// annual / 12, not its rounding.
    public static func exactProgrammed(for period: Period, of ind: IndicatorState) -> ExactQuotient? {
        if let explicit = ind.periodTargets[period] { return ExactQuotient(explicit) }
        let d = ind.definition
        guard period.year == d.year else { return nil }
        switch d.aggregation {
        case .sum:
            return ExactQuotient(ind.annualTarget * period.frequency.months, over: 12)
        case .last, .average, .ratio:
            return ExactQuotient(ind.annualTarget)
        }
    }

    /// The periods of the indicator's frequency that fall due within `months`
    /// of its year (a period is due in the month it ends).
    public static func duePeriods(_ ind: IndicatorState, year: Int, months: ClosedRange<Int>) -> [Period] {
        guard year == ind.definition.year else { return [] }
        return Period.year(year).periods(of: ind.definition.frequency).filter { months.contains($0.lastMonth) }
    }

    /// Programmed over `periods`, as shown (rounded once, from the exact value).
    public static func programmed(over periods: [Period], of ind: IndicatorState) -> DecimalNumber? {
        exactProgrammed(over: periods, of: ind).map { $0.rounded(decimals: derivedDecimals) }
    }

    /// Programmed over `periods`, exactly: summed for counts (so a quarter of
    /// a 124 target with no schedule is 124 x 3 / 12 = 31, not 3 x 10.33);
    /// for levels and rates the target of the last period; for averages the
    /// mean of the targets.
    public static func exactProgrammed(over periods: [Period], of ind: IndicatorState) -> ExactQuotient? {
        let values = periods.compactMap { exactProgrammed(for: $0, of: ind) }
        guard let first = values.first else { return nil }
        switch ind.definition.aggregation {
        case .sum: return values.dropFirst().reduce(first, +)
        case .last, .ratio: return values[values.count - 1]
        case .average: return values.dropFirst().reduce(first, +).divided(by: values.count)
        }
    }

    /// Executed over `periods`, from the readings in force: summed for counts,
    /// the last reported value for levels, the mean of reported values for
    /// averages, and for rates the sum of numerators over the sum of
    /// denominators times 100 (never an average of percentages). Nil when
    /// nothing was reported.
    public static func executed(over periods: [Period], of ind: IndicatorState) -> DecimalNumber? {
        let readings = periods.compactMap { ind.readings[$0]?.measurement }
        guard !readings.isEmpty else { return nil }
        switch ind.definition.aggregation {
        case .sum: return readings.compactMap(\.value).reduce(.zero, +)
        case .last: return readings[readings.count - 1].value
        case .average:
            let values = readings.compactMap(\.value)
            return values.reduce(.zero, +).divided(by: values.count, decimals: max(derivedDecimals, values[0].scale))
        case .ratio:
            var numerator = DecimalNumber.zero, denominator = DecimalNumber.zero
            for r in readings {
                switch r {
                case .ratio(let n, let d):
                    numerator = numerator + n
                    denominator = denominator + d
                case .value:
                    break
                }
            }
            return numerator.percent(of: denominator)
        }
    }

    /// Compliance % of a complete span (every period the aggregation reads
    /// was reported): executed / programmed for ascending indicators, nil
    /// when nothing was programmed; for descending ones (less is better)
    /// programmed / executed, with the zero cases of docs/FIGURES.md: a zero
    /// target met with zero is 100, a zero target exceeded is 0, and zero
    /// executed against a positive target is unbounded (nil here; `judge`
    /// gives it its status).
    public static func compliance(executed: DecimalNumber?, programmed: ExactQuotient?, direction: Direction) -> DecimalNumber? {
        guard let e = executed, let p = programmed else { return nil }
        switch direction {
        case .ascending:
            return p.isZero ? nil : p.percent(e)
        case .descending:
            if p.isZero { return e.isZero ? DecimalNumber(mantissa: 10000, scale: 2) : DecimalNumber(mantissa: 0, scale: 2) }
            return e.isZero ? nil : p.percent(of: e)
        }
    }

    /// True when every period the aggregation reads was reported: for levels
    /// the last due period, for the others every due period.
    public static func isComplete(due: [Period], missing: [Period], aggregation: Aggregation) -> Bool {
        switch aggregation {
        case .last: return due.last.map { !missing.contains($0) } ?? true
        case .sum, .average, .ratio: return missing.isEmpty
        }
    }

    /// Compliance and status of a span (docs/FIGURES.md, "Compliance and
    /// status"). A missing period never improves the figure:
    /// - nothing programmed (ascending) or nothing reported: no compliance,
    ///   status `none`;
    /// - ascending sums count a missing period as zero executed, so their
    ///   compliance can only rise when it comes in; every other incomplete
    ///   span (descending, or a level, average or rate whose periods are
    ///   missing) could hide anything: no compliance, status red;
    /// - descending, complete: programmed / executed; zero executed against
    ///   a positive target is the best result there is: green, or red where
    ///   a ceiling flags over-achievement (it is above any ceiling).
    public static func judge(programmed: ExactQuotient?, executed: DecimalNumber?, due: [Period], missing: [Period],
                             aggregation: Aggregation, direction: Direction, bands: StatusBands) -> (compliance: DecimalNumber?, status: Status) {
        guard let p = programmed, let e = executed else { return (nil, .none) }
        let complete = isComplete(due: due, missing: missing, aggregation: aggregation)
        switch direction {
        case .ascending:
            if p.isZero { return (nil, .none) }
            if !complete && aggregation != .sum { return (nil, .red) }
        case .descending:
            if !complete { return (nil, .red) }
            if !p.isZero && e.isZero { return (nil, bands.ceiling == nil ? .green : .red) }
        }
        let c = compliance(executed: e, programmed: p, direction: direction)
        return (c, status(compliance: c, bands: bands))
    }

    /// Progress %: executed to date / annual target in force.
    public static func progress(executed: DecimalNumber?, annualTarget: DecimalNumber, direction: Direction) -> DecimalNumber? {
        guard let e = executed, !annualTarget.isZero else { return nil }
        return e.percent(of: annualTarget)
    }

    /// The status colour of a compliance, by the bands in force.
    public static func status(compliance: DecimalNumber?, bands: StatusBands) -> Status {
        guard let c = compliance else { return .none }
        if let ceiling = bands.ceiling, c > ceiling { return .red }
        if c >= bands.green { return .green }
        if c >= bands.yellow { return .yellow }
        return .red
    }
}

/// Semáforo.
public enum Status: String, Sendable, Equatable {
    case green, yellow, red, none
}
