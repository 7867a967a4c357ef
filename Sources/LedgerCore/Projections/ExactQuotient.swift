// A value kept as an exact quotient until it is shown. Prorating divides an
// annual target by 12: 124 / 12 a month is not a decimal, and rounding each
// month before adding them made a year of 123.96 out of a target of 124.
// Programmed values are carried as numerator / denominator, compliance is
// computed from the exact value, and rounding happens once, for display.

/// `numerator / denominator`, exactly. The denominator is positive and
/// small (12, a count of periods, or their product).
public struct ExactQuotient: Equatable, Sendable {
    public let numerator: DecimalNumber
    public let denominator: Int

    public init(_ numerator: DecimalNumber, over denominator: Int = 1) {
        precondition(denominator > 0, "an exact quotient needs a positive denominator")
        self.numerator = numerator
        self.denominator = denominator
    }

    public var isZero: Bool { numerator.isZero }

    public static func + (a: ExactQuotient, b: ExactQuotient) -> ExactQuotient {
        if a.denominator == b.denominator { return ExactQuotient(a.numerator + b.numerator, over: a.denominator) }
        return ExactQuotient(a.numerator * b.denominator + b.numerator * a.denominator, over: a.denominator * b.denominator)
    }

    /// `self / count`.
    public func divided(by count: Int) -> ExactQuotient {
        ExactQuotient(numerator, over: denominator * count)
    }

    /// The value to show: exact when the denominator is 1, otherwise rounded
    /// half away from zero to `decimals` places (at least the numerator's own).
    public func rounded(decimals: Int = 2) -> DecimalNumber {
        if denominator == 1 { return numerator }
        return numerator.divided(by: DecimalNumber(denominator), decimals: max(decimals, numerator.scale)) ?? numerator
    }

    /// `value / self * 100`, to two decimals: executed over programmed.
    public func percent(_ value: DecimalNumber) -> DecimalNumber? {
        (value * denominator).percent(of: numerator)
    }

    /// `self / value * 100`, to two decimals: programmed over executed.
    public func percent(of value: DecimalNumber) -> DecimalNumber? {
        numerator.percent(of: value * denominator)
    }
}
