// The figures of LEDGER.md: programmed and executed values of a span of
// months, aggregated by the indicator's type, compliance, progress and
// status. Pure functions of an IndicatorState; every rule is here once.

public enum Figures {
    /// Decimals kept in derived values (averages, prorated targets).
    static let derivedDecimals = 2

    /// The target in force for one period of the indicator's frequency: the
    /// explicit target (definition's monthly targets or a target change),
    /// else, for sum indicators, the annual target prorated by months
    /// (annual / 12 a month); for levels and rates, the annual target itself.
    public static func programmed(for period: Period, of ind: IndicatorState) -> DecimalNumber? {
        if let explicit = ind.periodTargets[period] { return explicit }
        let d = ind.definition
        guard period.year == d.year else { return nil }
        switch d.aggregation {
        case .sum:
            return (ind.annualTarget * period.frequency.months).divided(by: 12, decimals: max(derivedDecimals, ind.annualTarget.scale))
        case .last, .average, .ratio:
            return ind.annualTarget
        }
    }

    /// The periods of the indicator's frequency that fall due within `months`
    /// of its year (a period is due in the month it ends).
    public static func duePeriods(_ ind: IndicatorState, year: Int, months: ClosedRange<Int>) -> [Period] {
        guard year == ind.definition.year else { return [] }
        return Period.year(year).periods(of: ind.definition.frequency).filter { months.contains($0.lastMonth) }
    }

    /// Programmed over `periods`: summed for counts; for levels and rates the
    /// target of the last period; for averages the mean of the targets.
    public static func programmed(over periods: [Period], of ind: IndicatorState) -> DecimalNumber? {
        let values = periods.compactMap { programmed(for: $0, of: ind) }
        guard !values.isEmpty else { return nil }
        switch ind.definition.aggregation {
        case .sum: return values.reduce(.zero, +)
        case .last, .ratio: return values[values.count - 1]
        case .average: return values.reduce(.zero, +).divided(by: values.count, decimals: max(derivedDecimals, values[0].scale))
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

    /// Compliance %: executed / programmed, or programmed / executed for
    /// descending indicators (less is better). Nil when either is missing or
    /// the divisor is zero.
    public static func compliance(executed: DecimalNumber?, programmed: DecimalNumber?, direction: Direction) -> DecimalNumber? {
        guard let e = executed, let p = programmed else { return nil }
        switch direction {
        case .ascending: return p.isZero ? nil : e.percent(of: p)
        case .descending: return e.isZero ? (p.isZero ? nil : DecimalNumber(mantissa: 0, scale: 2)) : p.percent(of: e)
        }
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
