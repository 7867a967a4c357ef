// The POSIX TZ rule at the end of a TZif file of version 2 or later (the
// "footer", RFC 8536 section 3.3): how a zone's clocks go after the last
// transition the file lists. `America/Tijuana` ends in
// `PST8PDT,M3.2.0,M11.1.0`: UTC-8 as standard time, UTC-7 in daylight time
// from the second Sunday of March to the first Sunday of November, each at
// 02:00 local time. Without it, a zone that still changes its clocks would
// stay on its last listed offset forever (from 2038 on a "fat" database,
// from years earlier on a "slim" one).
//
// Read here: `std offset [dst [offset] [,start[/time],end[/time]]]`, names
// alphabetic or quoted in <>, offsets `[+-]hh[:mm[:ss]]` (positive west of
// Greenwich, as POSIX has it), dates `Jn` (1...365, 29 February never
// counted), `n` (0...365, counted) and `Mm.w.d` (day d of week w of month m,
// week 5 meaning the last), times up to ±167 hours (RFC 8536's extension).

import LedgerCore

/// A POSIX TZ rule: standard time, and optionally daylight time between two
/// yearly dates.
struct PosixTimeZoneRule: Equatable, Sendable {
    /// When in a year a change happens: a day, and a local time (seconds) on it.
    enum Day: Equatable, Sendable {
        /// `Jn`: 1...365, 29 February never counted.
        case julianSkippingLeapDay(Int)
        /// `n`: 0...365, 29 February counted.
        case zeroBasedDay(Int)
        /// `Mm.w.d`: weekday d (0 Sunday) of week w (5: the last) of month m.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    struct Change: Equatable, Sendable {
        var day: Day
        /// Local time of day, in seconds (may be negative or past 24 h).
        var time: Int64
    }

    /// Seconds east of UTC in standard time.
    var standardOffset: Int64
    /// Daylight time: its offset (seconds east of UTC) and when it starts
    /// and ends each year; nil for a zone without daylight time.
    var daylight: (offset: Int64, start: Change, end: Change)?

    static func == (a: PosixTimeZoneRule, b: PosixTimeZoneRule) -> Bool {
        a.standardOffset == b.standardOffset && a.daylight?.offset == b.daylight?.offset
            && a.daylight?.start == b.daylight?.start && a.daylight?.end == b.daylight?.end
    }

    /// Seconds east of UTC at the instant `t` (seconds since the epoch).
    func offset(atUTC t: Int64) -> Int64 {
        guard let dst = daylight else { return standardOffset }
        let year = Timestamp.civil(days: floorDiv(t + standardOffset, 86_400)).year
        // The start is given in standard time, the end in daylight time.
        let start = instant(dst.start, year: year, offset: standardOffset)
        let end = instant(dst.end, year: year, offset: dst.offset)
        let inDaylight = start < end ? (start <= t && t < end) : !(end <= t && t < start)
        return inDaylight ? dst.offset : standardOffset
    }

    /// The UTC instant of a change in `year`, its local time read at `offset`.
    func instant(_ change: Change, year: Int, offset: Int64) -> Int64 {
        PosixTimeZoneRule.dayNumber(change.day, year: year) * 86_400 + change.time - offset
    }

    /// Days since 1970-01-01 of a rule's day in `year`.
    static func dayNumber(_ day: Day, year: Int) -> Int64 {
        let january1 = Timestamp.days(year: year, month: 1, day: 1)
        switch day {
        case .julianSkippingLeapDay(let n):
            let leap = Timestamp.daysInMonth(year: year, month: 2) == 29
            return january1 + Int64(n - 1) + (leap && n >= 60 ? 1 : 0)
        case .zeroBasedDay(let n):
            return january1 + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = Timestamp.days(year: year, month: month, day: 1)
            let firstWeekday = Int(floorMod(first + 4, 7))  // 1970-01-01 was a Thursday
            var day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1)
            let length = Timestamp.daysInMonth(year: year, month: month)
            while day > length { day -= 7 }
            return first + Int64(day - 1)
        }
    }

    // MARK: Parsing

    /// The rule a TZ string states; nil when it is not one (an empty string
    /// is not a rule: the caller keeps the last transition's offset).
    init?(_ text: [UInt8]) {
        var p = Parser(bytes: text)
        guard p.name(), let std = p.offset(maxHours: 24) else { return nil }
        standardOffset = -std
        if p.atEnd {
            daylight = nil
            return
        }
        guard p.name() else { return nil }
        var dstOffset = standardOffset + 3600
        if !p.atEnd, p.peek != UInt8(ascii: ",") {
            guard let o = p.offset(maxHours: 24) else { return nil }
            dstOffset = -o
        }
        // Without dates POSIX leaves the rule to the implementation; zic
        // always writes them, and glibc's default is the US rule.
        var start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
        var end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        if !p.atEnd {
            guard p.take(UInt8(ascii: ",")), let s = p.change(), p.take(UInt8(ascii: ",")), let e = p.change() else { return nil }
            start = s
            end = e
        }
        guard p.atEnd else { return nil }
        daylight = (dstOffset, start, end)
    }

    /// Reads a TZ string's parts from its bytes.
    private struct Parser {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i == bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func take(_ c: UInt8) -> Bool {
            guard peek == c else { return false }
            i += 1
            return true
        }

        static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

        /// A zone abbreviation: three or more letters, or `<...>` of letters, digits, + and -.
        mutating func name() -> Bool {
            let start = i
            if take(UInt8(ascii: "<")) {
                while let c = peek, Parser.isLetter(c) || Parser.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { i += 1 }
                guard i - start - 1 >= 3, take(UInt8(ascii: ">")) else { return false }
                return true
            }
            while let c = peek, Parser.isLetter(c) { i += 1 }
            return i - start >= 3
        }

        /// A whole number of at most `digits` digits.
        mutating func number(digits: Int) -> Int? {
            var value = 0, count = 0
            while let c = peek, Parser.isDigit(c), count < digits {
                value = value * 10 + Int(c - UInt8(ascii: "0"))
                i += 1
                count += 1
            }
            if let c = peek, Parser.isDigit(c) { return nil }
            return count > 0 ? value : nil
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, hours at most `maxHours`.
        mutating func offset(maxHours: Int) -> Int64? {
            var sign: Int64 = 1
            if take(UInt8(ascii: "-")) { sign = -1 } else { _ = take(UInt8(ascii: "+")) }
            guard let h = number(digits: 3), h <= maxHours else { return nil }
            var seconds = Int64(h) * 3600
            if take(UInt8(ascii: ":")) {
                guard let m = number(digits: 2), m <= 59 else { return nil }
                seconds += Int64(m) * 60
                if take(UInt8(ascii: ":")) {
                    guard let s = number(digits: 2), s <= 59 else { return nil }
                    seconds += Int64(s)
                }
            }
            return sign * seconds
        }

        /// `date[/time]`, the time 02:00 when absent.
        mutating func change() -> Change? {
            let day: Day
            if take(UInt8(ascii: "M")) {
                guard let m = number(digits: 2), (1...12).contains(m), take(UInt8(ascii: ".")),
                      let w = number(digits: 1), (1...5).contains(w), take(UInt8(ascii: ".")),
                      let d = number(digits: 1), (0...6).contains(d) else { return nil }
                day = .monthWeekDay(month: m, week: w, weekday: d)
            } else if take(UInt8(ascii: "J")) {
                guard let n = number(digits: 3), (1...365).contains(n) else { return nil }
                day = .julianSkippingLeapDay(n)
            } else {
                guard let n = number(digits: 3), (0...365).contains(n) else { return nil }
                day = .zeroBasedDay(n)
            }
            var time: Int64 = 7200
            if take(UInt8(ascii: "/")) {
                guard let t = offset(maxHours: 167) else { return nil }
                time = t
            }
            return Change(day: day, time: time)
        }
    }
}

@inline(__always) func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
@inline(__always) func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
