// Recorded time: when the ledger wrote an event. UTC, microseconds,
// strictly increasing along the journal. Written as
// `2017-04-10T15:04:05.123456Z` (always 27 characters).

/// Microseconds since 1970-01-01T00:00:00Z.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.microseconds < b.microseconds }

    /// The next representable instant: what the ledger records when the clock
    /// has not moved past the previous event.
    public var next: Timestamp { Timestamp(microseconds: microseconds + 1) }

    public static let distantPast = Timestamp(microseconds: Int64.min / 2)
    public static let distantFuture = Timestamp(microseconds: Int64.max / 2)

    // MARK: Civil calendar (proleptic Gregorian), after H. Hinnant's algorithms.

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        let days = Timestamp.days(year: year, month: month, day: day)
        let seconds = days * 86400 + Int64(hour * 3600 + minute * 60 + second)
        microseconds = seconds * 1_000_000 + Int64(microsecond)
    }

    public struct Parts: Equatable, Sendable {
        public var year, month, day, hour, minute, second, microsecond: Int
    }

    public var parts: Parts {
        let us = microseconds
        var seconds = us / 1_000_000
        var micro = us % 1_000_000
        if micro < 0 { micro += 1_000_000; seconds -= 1 }
        var days = seconds / 86400
        var secOfDay = seconds % 86400
        if secOfDay < 0 { secOfDay += 86400; days -= 1 }
        let (y, m, d) = Timestamp.civil(days: days)
        return Parts(year: y, month: m, day: d, hour: Int(secOfDay / 3600), minute: Int(secOfDay % 3600 / 60),
                     second: Int(secOfDay % 60), microsecond: Int(micro))
    }

    /// `2017-04-10T15:04:05.123456Z`.
    public var description: String {
        let p = parts
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))T\(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2)).\(pad(p.microsecond, 6))Z"
    }

    /// Parses a full timestamp: `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` followed by
    /// `Z` or an offset `±HH:MM`. A space may stand for the `T`. Nil for
    /// anything else, including a bare date (which needs a time zone).
    public init?(parsing text: String) {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for j in i..<(i + width) {
                guard b[j] >= 48 && b[j] <= 57 else { return nil }
                v = v * 10 + Int(b[j] - 48)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2) else { return nil }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let h = number(2), expect(58), let mi = number(2) else { return nil }
        var s = 0, micro = 0
        if expect(58) {
            guard let sec = number(2) else { return nil }
            s = sec
            if expect(46) {
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    if digits < 6 { micro = micro * 10 + Int(b[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                if digits < 6 { for _ in digits..<6 { micro *= 10 } }
            }
        }
        guard (1...12).contains(mo), d >= 1, d <= Timestamp.daysInMonth(year: y, month: mo),
              h <= 23, mi <= 59, s <= 60 else { return nil }
        var offsetSeconds = 0
        if expect(UInt8(ascii: "Z")) {
        } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = number(2) else { return nil }
            _ = expect(58)
            guard let om = number(2), oh <= 23, om <= 59 else { return nil }
            offsetSeconds = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let local = Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59), microsecond: micro)
        self.init(microseconds: local.microseconds - Int64(offsetSeconds) * 1_000_000)
    }
}

/// A calendar date without a time: `--as-of 2017-04-10` means the end of that
/// day in the ledger's time zone, which the edge resolves.
public struct CivilDate: Hashable, Sendable, CustomStringConvertible {
    public let year, month, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Timestamp.daysInMonth(year: y, month: m) else { return nil }
        year = y; month = m; day = d
    }

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    public var description: String {
        String(format4: year) + "-" + (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)"
    }
}

extension String {
    init(format4 v: Int) {
        let s = String(v)
        self = s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
