// Exact decimals for every value on the ledger's path: targets, readings,
// money. Binary floating point never touches a figure: 14757499.81 and
// 239415 are read, stored, summed and written back digit for digit.

/// An exact decimal: `mantissa / 10^scale`. Input is limited to 18
/// significant digits and 9 decimals; arithmetic runs in 128 bits, so sums
/// over any realistic journal cannot overflow.
public struct DecimalNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let mantissa: Int128
    public let scale: Int

    public static let maximumDigits = 18
    public static let maximumScale = 9

    public init(mantissa: Int128, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    public init(_ integer: Int) { self.init(mantissa: Int128(integer), scale: 0) }

    public static let zero = DecimalNumber(0)
    public static let hundred = DecimalNumber(100)

    /// Why a text is not a number the ledger accepts.
    public enum ParseError: Error, Equatable, Sendable {
        case empty, notANumber, tooManyDigits, tooManyDecimals
    }

    /// Parses `-?digits(.digits)?`: no exponent, no grouping, no sign but
    /// a leading minus. Grouped or suffixed forms ("1,234", "25%") are the
    /// importers' business, where they are reported as findings.
    @inlinable
    public static func parse<C: Collection>(_ bytes: C) -> Result<DecimalNumber, ParseError> where C.Element == UInt8 {
        var negative = false
        var mantissa: Int128 = 0
        var digits = 0, scale = 0
        var sawPoint = false, sawDigit = false, first = true, fractionDigits = 0
        for c in bytes {
            defer { first = false }
            if c == UInt8(ascii: "-") && first { negative = true; continue }
            if c == UInt8(ascii: ".") && !sawPoint { sawPoint = true; continue }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return .failure(bytes.isEmpty ? .empty : .notANumber) }
            sawDigit = true
            if digits > 0 || c != UInt8(ascii: "0") { digits += 1 }
            if digits > maximumDigits { return .failure(.tooManyDigits) }
            if sawPoint {
                fractionDigits += 1
                scale += 1
                if scale > maximumScale { return .failure(.tooManyDecimals) }
            }
            mantissa = mantissa * 10 + Int128(c - UInt8(ascii: "0"))
        }
        if bytes.isEmpty { return .failure(.empty) }
        guard sawDigit, !sawPoint || fractionDigits > 0 else { return .failure(.notANumber) }
        return .success(DecimalNumber(mantissa: negative ? -mantissa : mantissa, scale: scale))
    }

    /// The same rules on raw bytes, without generic overhead (the replay path).
    public static func parse(bytes: UnsafeRawBufferPointer) -> Result<DecimalNumber, ParseError> {
        parse(bytes)
    }

    public static func parse(_ text: String) -> Result<DecimalNumber, ParseError> {
        parse(Array(text.utf8))
    }

    public init?(_ text: String) {
        guard case .success(let value) = DecimalNumber.parse(text) else { return nil }
        self = value
    }

    // MARK: Arithmetic

    static func power10(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// The mantissa at a larger scale.
    func mantissa(atScale target: Int) -> Int128 {
        mantissa * DecimalNumber.power10(target - scale)
    }

    public static func + (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        let s = max(a.scale, b.scale)
        return DecimalNumber(mantissa: a.mantissa(atScale: s) + b.mantissa(atScale: s), scale: s)
    }

    public static func - (a: DecimalNumber, b: DecimalNumber) -> DecimalNumber {
        let s = max(a.scale, b.scale)
        return DecimalNumber(mantissa: a.mantissa(atScale: s) - b.mantissa(atScale: s), scale: s)
    }

    public static func * (a: DecimalNumber, b: Int) -> DecimalNumber {
        DecimalNumber(mantissa: a.mantissa * Int128(b), scale: a.scale)
    }

    public var isZero: Bool { mantissa == 0 }
    public var isNegative: Bool { mantissa < 0 }

    /// `self / divisor`, rounded half away from zero to `decimals` places;
    /// nil when the divisor is zero or the result would not fit.
    public func divided(by divisor: DecimalNumber, decimals: Int) -> DecimalNumber? {
        guard divisor.mantissa != 0 else { return nil }
        // self/divisor = (m1/10^s1) / (m2/10^s2) = m1 * 10^(s2 - s1) / m2
        let shift = divisor.scale - scale + decimals
        var numerator = mantissa
        var denominator = divisor.mantissa
        if shift >= 0 {
            let (n, overflow) = numerator.multipliedReportingOverflow(by: DecimalNumber.power10(shift))
            if overflow { return nil }
            numerator = n
        } else {
            let (d, overflow) = denominator.multipliedReportingOverflow(by: DecimalNumber.power10(-shift))
            if overflow { return nil }
            denominator = d
        }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var q = n / d
        if (n % d) * 2 >= d { q += 1 }
        let signed = Int128(q)
        return DecimalNumber(mantissa: negative ? -signed : signed, scale: decimals)
    }

    public func divided(by count: Int, decimals: Int) -> DecimalNumber? {
        divided(by: DecimalNumber(count), decimals: decimals)
    }

    /// `self / other * 100`, to two decimals: the ledger's percentages.
    public func percent(of other: DecimalNumber) -> DecimalNumber? {
        (self * 100).divided(by: other, decimals: 2)
    }

    /// Trailing fractional zeros removed: 25.50 -> 25.5, 100.00 -> 100.
    public var trimmed: DecimalNumber {
        var m = mantissa, s = scale
        while s > 0 && m % 10 == 0 { m /= 10; s -= 1 }
        return DecimalNumber(mantissa: m, scale: s)
    }

    /// Rounded half away from zero to `decimals` places (never adds places).
    public func rounded(decimals: Int) -> DecimalNumber {
        guard scale > decimals else { return self }
        return divided(by: DecimalNumber(1), decimals: decimals) ?? self
    }

    // MARK: Comparison

    public static func == (a: DecimalNumber, b: DecimalNumber) -> Bool {
        let s = max(a.scale, b.scale)
        return a.mantissa(atScale: s) == b.mantissa(atScale: s)
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        let s = max(a.scale, b.scale)
        return a.mantissa(atScale: s) < b.mantissa(atScale: s)
    }

    public func hash(into hasher: inout Hasher) {
        let t = trimmed
        hasher.combine(t.mantissa)
        hasher.combine(t.scale)
    }

    // MARK: Text

    /// The exact text, as it was written: "14757499.81", "-0.5", "239415".
    public var description: String { text(grouped: false) }

    /// With thousands grouped by commas, as Mexican, Peruvian and Salvadoran
    /// offices write them: "14,757,499.81".
    public var grouped: String { text(grouped: true) }

    public func text(grouped: Bool) -> String {
        // Built as bytes, right to left: reports format thousands of these.
        var magnitude = mantissa.magnitude
        var out = [UInt8](repeating: 0, count: 60)
        var i = out.count
        var written = 0
        func put(_ c: UInt8) { i -= 1; out[i] = c }
        if scale > 0 {
            for _ in 0..<scale {
                put(UInt8(48 + Int(magnitude % 10)))
                magnitude /= 10
            }
            put(UInt8(ascii: "."))
        }
        repeat {
            if grouped && written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
            put(UInt8(48 + Int(magnitude % 10)))
            magnitude /= 10
            written += 1
        } while magnitude > 0
        if mantissa < 0 { put(UInt8(ascii: "-")) }
        return String(decoding: out[i...], as: UTF8.self)
    }
}
