// Valid time: the month, quarter, half or year a value belongs to.

/// How often an indicator is measured; decides which periods a reading may name.
public enum Frequency: String, Sendable, CaseIterable, Codable {
    case monthly, quarterly, semiannual, annual

    /// How many months one period of this frequency spans.
    public var months: Int {
        switch self {
        case .monthly: return 1
        case .quarterly: return 3
        case .semiannual: return 6
        case .annual: return 12
        }
    }

    /// Accepts the English names and the Spanish words of the seed documents
    /// (MENSUAL, TRIMESTRAL, SEMESTRAL, ANUAL).
    public init?(text: String) {
        switch text.lowercased() {
        case "monthly", "mensual", "month": self = .monthly
        case "quarterly", "trimestral", "quarter": self = .quarterly
        case "semiannual", "semestral", "semiannually", "half": self = .semiannual
        case "annual", "anual", "yearly", "year": self = .annual
        default: return nil
        }
    }
}

/// A period of the fiscal (calendar) year: `2017-03`, `2017-Q1`, `2017-H1`, `2017`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// First month of the period, 1...12.
    public let firstMonth: Int
    public let frequency: Frequency

    public init(year: Int, firstMonth: Int, frequency: Frequency) {
        self.year = year
        self.firstMonth = firstMonth
        self.frequency = frequency
    }

    public static func month(_ year: Int, _ month: Int) -> Period { Period(year: year, firstMonth: month, frequency: .monthly) }
    public static func quarter(_ year: Int, _ q: Int) -> Period { Period(year: year, firstMonth: (q - 1) * 3 + 1, frequency: .quarterly) }
    public static func half(_ year: Int, _ h: Int) -> Period { Period(year: year, firstMonth: (h - 1) * 6 + 1, frequency: .semiannual) }
    public static func year(_ year: Int) -> Period { Period(year: year, firstMonth: 1, frequency: .annual) }

    public var lastMonth: Int { firstMonth + frequency.months - 1 }
    public var months: ClosedRange<Int> { firstMonth...lastMonth }

    /// The quarter number (1...4) of a month or quarter.
    public var quarterNumber: Int { (firstMonth - 1) / 3 + 1 }

    /// True when every month of `other` lies in this period.
    public func contains(_ other: Period) -> Bool {
        other.year == year && other.firstMonth >= firstMonth && other.lastMonth <= lastMonth
    }

    /// The periods of `frequency` that end within this period, in order
    /// (e.g. the months of a quarter, or the quarter of a quarter).
    public func periods(of frequency: Frequency) -> [Period] {
        stride(from: 1, through: 12, by: frequency.months).compactMap { first in
            let p = Period(year: year, firstMonth: first, frequency: frequency)
            return p.lastMonth >= firstMonth && p.lastMonth <= lastMonth ? p : nil
        }
    }

    public var description: String {
        switch frequency {
        case .monthly: return "\(year)-" + (firstMonth < 10 ? "0" : "") + "\(firstMonth)"
        case .quarterly: return "\(year)-Q\(quarterNumber)"
        case .semiannual: return "\(year)-H\(firstMonth == 1 ? 1 : 2)"
        case .annual: return "\(year)"
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.lastMonth, a.frequency.months) < (b.year, b.lastMonth, b.frequency.months)
    }

    /// Parses `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`; nil for anything else
    /// (`2017-13`, `2017-Q5`, `17-01`).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard bytes[i] >= 48 && bytes[i] <= 57 else { return nil }
                v = v * 10 + Int(bytes[i] - 48)
            }
            return v
        }
        guard bytes.count >= 4, let year = digits(0..<4), year >= 1900, year <= 2999 else { return nil }
        if bytes.count == 4 { self = .year(year); return }
        guard bytes.count >= 6, bytes[4] == UInt8(ascii: "-") else { return nil }
        if bytes.count == 7, let m = digits(5..<7) {
            guard (1...12).contains(m) else { return nil }
            self = .month(year, m)
            return
        }
        guard bytes.count == 7, let n = digits(6..<7) else { return nil }
        switch bytes[5] {
        case UInt8(ascii: "Q"), UInt8(ascii: "q"):
            guard (1...4).contains(n) else { return nil }
            self = .quarter(year, n)
        case UInt8(ascii: "H"), UInt8(ascii: "h"):
            guard (1...2).contains(n) else { return nil }
            self = .half(year, n)
        default:
            return nil
        }
    }
}
