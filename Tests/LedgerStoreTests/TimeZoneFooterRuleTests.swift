// The TZif footer (RFC 8536 section 3.3): the POSIX TZ rule that decides
// offsets after the last transition a file lists. Checked by hand on zones
// that still change their clocks (values from `date` and zoneinfo), on the
// rules the tzfile(5) manual and RFC 8536 give as examples (negative and
// 167-hour times, daylight time all year, daylight time behind standard
// time), and against Python's zoneinfo, which reads the same footer: every
// zone of the machine's database over two decades, and each example rule
// in a TZif file made here with no transitions at all.

import Foundation
import LedgerCore
@testable import LedgerStore
import XCTest

final class TimeZoneFooterRuleTests: XCTestCase {
    func seconds(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s).microseconds / 1_000_000
    }

    func zone(_ name: String) throws -> TimeZoneRules {
        try XCTUnwrap(TimeZoneRules.load(name), "\(name) is not in \(TimeZoneRules.databaseDirectory) (is tzdata installed?)")
    }

    // MARK: Zones that still change their clocks

    func testOffsetsAfterTheLastTransitionFollowTheFooterRule() throws {
        let tijuana = try zone("America/Tijuana")
        // `TZ=America/Tijuana date -d '2040-07-01 12:00 UTC' +%z` says -0700; zoneinfo agrees.
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 7, 1, 12)), -25_200, "PDT in July 2040")
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 1, 15, 12)), -28_800, "PST in January 2040")
        XCTAssertEqual(tijuana.endOfDay(CivilDate("2040-07-01")!).description, "2040-07-02T06:59:59.999999Z")
        // 2040: PDT from 11 March 02:00 PST (10:00 UTC) to 4 November 02:00 PDT (09:00 UTC).
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 3, 11, 9, 59, 59)), -28_800)
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 3, 11, 10)), -25_200)
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 11, 4, 8, 59, 59)), -25_200)
        XCTAssertEqual(tijuana.offset(atUTC: seconds(2040, 11, 4, 9)), -28_800)
    }

    func testSouthernHemisphereAndNegativeDaylightTime() throws {
        // Sydney: AEST-10AEDT,M10.1.0,M4.1.0/3 (daylight time across the new year).
        let sydney = try zone("Australia/Sydney")
        XCTAssertEqual(sydney.offset(atUTC: seconds(2045, 1, 15)), 39_600, "AEDT in January")
        XCTAssertEqual(sydney.offset(atUTC: seconds(2045, 7, 15)), 36_000, "AEST in July")
        // Dublin: IST-1GMT0,M10.5.0,M3.5.0/1 (standard time is the summer's; winter is "daylight" GMT).
        let dublin = try zone("Europe/Dublin")
        XCTAssertEqual(dublin.offset(atUTC: seconds(2045, 1, 15)), 0)
        XCTAssertEqual(dublin.offset(atUTC: seconds(2045, 7, 15)), 3_600)
        // Zones without daylight time keep their one offset.
        XCTAssertEqual(try zone("America/Mexico_City").offset(atUTC: seconds(2045, 7, 1)), -21_600)
        XCTAssertEqual(try zone("America/Lima").offset(atUTC: seconds(2090, 7, 1)), -18_000)
    }

    // MARK: The parser

    func testRulesAreParsed() throws {
        let tijuana = try XCTUnwrap(PosixTimeZoneRule(Array("PST8PDT,M3.2.0,M11.1.0".utf8)))
        XCTAssertEqual(tijuana.standardOffset, -28_800)
        XCTAssertEqual(tijuana.daylight?.offset, -25_200)
        XCTAssertEqual(tijuana.daylight?.start, .init(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7_200))
        XCTAssertEqual(tijuana.daylight?.end, .init(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7_200))

        let chatham = try XCTUnwrap(PosixTimeZoneRule(Array("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45".utf8)))
        XCTAssertEqual(chatham.standardOffset, 45_900)
        XCTAssertEqual(chatham.daylight?.offset, 49_500)
        XCTAssertEqual(chatham.daylight?.start.time, 9_900)

        let nuuk = try XCTUnwrap(PosixTimeZoneRule(Array("<-02>2<-01>,M3.5.0/-1,M10.5.0/0".utf8)))
        XCTAssertEqual(nuuk.daylight?.start.time, -3_600)
        XCTAssertEqual(nuuk.daylight?.end.time, 0)

        let julian = try XCTUnwrap(PosixTimeZoneRule(Array("EST5EDT,J60/2,300/30".utf8)))
        XCTAssertEqual(julian.daylight?.start.day, .julianSkippingLeapDay(60))
        XCTAssertEqual(julian.daylight?.end, .init(day: .zeroBasedDay(300), time: 108_000))
        // J60 is 1 March in every year; day 59 (zero-based) is 29 February in a leap year.
        XCTAssertEqual(PosixTimeZoneRule.dayNumber(.julianSkippingLeapDay(60), year: 2040), Timestamp.days(year: 2040, month: 3, day: 1))
        XCTAssertEqual(PosixTimeZoneRule.dayNumber(.julianSkippingLeapDay(60), year: 2041), Timestamp.days(year: 2041, month: 3, day: 1))
        XCTAssertEqual(PosixTimeZoneRule.dayNumber(.zeroBasedDay(59), year: 2040), Timestamp.days(year: 2040, month: 2, day: 29))
        // M2.5.0: the last Sunday of February 2040 is the 26th; M5.5.1, the last Monday of May 2041, the 27th.
        XCTAssertEqual(PosixTimeZoneRule.dayNumber(.monthWeekDay(month: 2, week: 5, weekday: 0), year: 2040), Timestamp.days(year: 2040, month: 2, day: 26))
        XCTAssertEqual(PosixTimeZoneRule.dayNumber(.monthWeekDay(month: 5, week: 5, weekday: 1), year: 2041), Timestamp.days(year: 2041, month: 5, day: 27))

        let plain = try XCTUnwrap(PosixTimeZoneRule(Array("CST6".utf8)))
        XCTAssertEqual(plain.standardOffset, -21_600)
        XCTAssertNil(plain.daylight)
        let defaultDaylight = try XCTUnwrap(PosixTimeZoneRule(Array("EST5EDT".utf8)))
        XCTAssertEqual(defaultDaylight.daylight?.offset, -14_400, "one hour ahead of standard time by default")

        for bad in ["", "CS6", "CST", "CST25", "CST6CDT,M3.2.0", "CST6CDT,M13.2.0,M11.1.0", "CST6CDT,M3.6.0,M11.1.0",
                    "CST6CDT,M3.2.7,M11.1.0", "CST6CDT,J0,J365", "CST6CDT,366,0", "CST6CDT,M3.2.0/168,M11.1.0", "<AB>6",
                    "<-03", "CST6 ", "CST6CDT,M3.2.0,M11.1.0,", "CST6:60", "CST6CDT5:00:60,M3.2.0,M11.1.0", "CST0006"] {
            XCTAssertNil(PosixTimeZoneRule(Array(bad.utf8)), bad)
        }
    }

    func testTimesBeyondADay() throws {
        // RFC 8536's extension: -167...167 hours. Values from glibc's `date` with this TZ.
        let z = try XCTUnwrap(TimeZoneRules.parse(name: "167", Self.tzif(footer: "EST5EDT,M3.2.0/167,M11.1.0/-167")))
        // The second Sunday of March 2040 is the 11th, + 167 h = 17 March 23:00 EST; the
        // first Sunday of November is the 4th, - 167 h = 28 October 01:00 EDT.
        XCTAssertEqual(z.offset(atUTC: seconds(2040, 3, 18, 3, 59, 59)), -18_000)
        XCTAssertEqual(z.offset(atUTC: seconds(2040, 3, 18, 4)), -14_400)
        XCTAssertEqual(z.offset(atUTC: seconds(2040, 10, 28, 4, 59, 59)), -14_400)
        XCTAssertEqual(z.offset(atUTC: seconds(2040, 10, 28, 5)), -18_000)
        // `Jn` never counts 29 February, `n` counts from 0: J60 is 1 March, 300 is 28 October 2037.
        let days = try XCTUnwrap(TimeZoneRules.parse(name: "days", Self.tzif(footer: "EST5EDT,J60/2,300/30")))
        XCTAssertEqual(days.offset(atUTC: seconds(2037, 3, 1, 6, 59, 59)), -18_000)
        XCTAssertEqual(days.offset(atUTC: seconds(2037, 3, 1, 7)), -14_400)
        XCTAssertEqual(days.offset(atUTC: seconds(2037, 10, 29, 9, 59, 59)), -14_400, "28 October + 30 h = 29 October 06:00 EDT")
        XCTAssertEqual(days.offset(atUTC: seconds(2037, 10, 29, 10)), -18_000)
        XCTAssertEqual(days.offset(atUTC: seconds(2040, 2, 29, 7)), -18_000, "J60 skips the leap day")
        XCTAssertEqual(days.offset(atUTC: seconds(2040, 3, 1, 7)), -14_400)
        // Daylight time all year (tzfile(5)): XXX3EDT4,0/0,J365/23 is always UTC-4, across every new year.
        let always = try XCTUnwrap(TimeZoneRules.parse(name: "always", Self.tzif(footer: "XXX3EDT4,0/0,J365/23")))
        for t in stride(from: seconds(2039, 12, 31, 20), through: seconds(2040, 1, 1, 6), by: 900) {
            XCTAssertEqual(always.offset(atUTC: t), -14_400, "\(t)")
        }
    }

    // MARK: Against Python's zoneinfo

    /// Compares our offsets with zoneinfo's for `(zone, instant)` pairs;
    /// the zone is a database name, or a footer rule read from a TZif file with no transitions.
    func compare(_ pairs: [(String, Int64, Int64)], script: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let input = pairs.map { "\($0.0)\t\($0.1)" }.joined(separator: "\n") + "\n"
        guard let output = try python(script, input: input) else { throw XCTSkip("python3 with zoneinfo is not on this machine") }
        let theirs = output.split(separator: "\n").map { Int64($0) }
        XCTAssertEqual(theirs.count, pairs.count, file: file, line: line)
        var mismatches: [String] = []
        for (i, pair) in pairs.enumerated() where i < theirs.count && theirs[i] != pair.2 {
            mismatches.append("\(pair.0) at \(pair.1) (\(Timestamp(microseconds: pair.1 * 1_000_000))): ours \(pair.2), zoneinfo \(theirs[i].map(String.init) ?? "?")")
        }
        XCTAssertEqual(mismatches.count, 0, mismatches.prefix(10).joined(separator: "\n"), file: file, line: line)
    }

    func testEveryZoneOfTheDatabaseAgreesWithZoneinfoAfterItsLastTransition() throws {
        guard let names = try python("import zoneinfo\nfor n in sorted(zoneinfo.available_timezones()): print(n)", input: "") else {
            throw XCTSkip("python3 with zoneinfo is not on this machine")
        }
        var pairs: [(String, Int64, Int64)] = []
        var zones = 0
        for name in names.split(separator: "\n").map(String.init) {
            // Names python knows that are no TZif file here (its own tzdata package) are not ours to check.
            guard FileManager.default.fileExists(atPath: TimeZoneRules.databaseDirectory + "/" + name) else { continue }
            let z = try XCTUnwrap(TimeZoneRules.load(name), "\(name) does not load")
            zones += 1
            for t in stride(from: seconds(2030, 1, 1), through: seconds(2050, 1, 1), by: 11 * 86_400 + 3_607) {
                pairs.append((name, t, z.offset(atUTC: t)))
            }
        }
        XCTAssertGreaterThan(zones, 300)
        try compare(pairs, script: """
        import sys
        from datetime import datetime, timezone
        from zoneinfo import ZoneInfo
        zones = {}
        for line in sys.stdin:
            name, t = line.rstrip("\\n").split("\\t")
            z = zones.setdefault(name, ZoneInfo(name))
            print(int(datetime.fromtimestamp(int(t), timezone.utc).astimezone(z).utcoffset().total_seconds()))
        """)
    }

    /// A version-2 TZif file with no transitions, one UTC type and `rule` as its footer.
    static func tzif(footer rule: String) -> [UInt8] {
        func block() -> [UInt8] {
            var b = Array("TZif2".utf8) + [UInt8](repeating: 0, count: 15)
            for count: UInt32 in [0, 0, 0, 0, 1, 4] { b += withUnsafeBytes(of: count.bigEndian, Array.init) }
            return b + [0, 0, 0, 0, 0, 0] + Array("UTC".utf8) + [0]
        }
        return block() + block() + [0x0A] + Array(rule.utf8) + [0x0A]
    }

    /// Rules in zic's output and the manual's examples. (Times past 24 hours
    /// and zero-based days are in `testTimesBeyondADay`: Debian's python
    /// 3.11.2 refuses the first and reads `n` one day early.)
    static let exampleRules = [
        "PST8PDT,M3.2.0,M11.1.0", "AEST-10AEDT,M10.1.0,M4.1.0/3", "IST-1GMT0,M10.5.0,M3.5.0/1",
        "<-04>4<-03>,M9.1.6/24,M4.1.6/24", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
        "XXX3EDT4,0/0,J365/23", "EST5EDT,0/0,J365/25", "AAA3BBB,M3.2.0/01:30,M11.1.0/02:15:45",
        "WET0WEST,M3.5.0/1,M10.5.0", "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", "<+0330>-3:30",
        "CST6",
    ]

    func testExampleRulesAgreeWithZoneinfoInAFileWithoutTransitions() throws {
        var pairs: [(String, Int64, Int64)] = []
        for rule in Self.exampleRules {
            let z = try XCTUnwrap(TimeZoneRules.parse(name: rule, Self.tzif(footer: rule)), rule)
            var instants = Array(stride(from: seconds(2036, 12, 1), through: seconds(2042, 2, 1), by: 3 * 86_400 + 1_801))
            // Every new year's eve and every hour around each change, where the rules are easiest to get wrong.
            for year in 2037...2041 {
                instants += stride(from: seconds(year, 12, 31, 0), through: seconds(year + 1, 1, 1, 23), by: 1_800)
                if let d = z.rule?.daylight {
                    for change in [d.start, d.end] {
                        let local = PosixTimeZoneRule.dayNumber(change.day, year: year) * 86_400 + change.time
                        for offset in [z.rule!.standardOffset, d.offset] {
                            instants += [-3_601, -1, 0, 1, 3_600].map { local - offset + $0 }
                        }
                    }
                }
            }
            for t in instants { pairs.append((rule, t, z.offset(atUTC: t))) }
        }
        try compare(pairs, script: """
        import io, struct, sys
        from datetime import datetime, timezone
        from zoneinfo import ZoneInfo
        def tzif(rule):
            block = b"TZif2" + b"\\0" * 15 + struct.pack(">6l", 0, 0, 0, 0, 1, 4) + struct.pack(">lBB", 0, 0, 0) + b"UTC\\0"
            return block + block + b"\\n" + rule.encode() + b"\\n"
        zones = {}
        for line in sys.stdin:
            rule, t = line.rstrip("\\n").split("\\t")
            z = zones.setdefault(rule, ZoneInfo.from_file(io.BytesIO(tzif(rule))))
            print(int(datetime.fromtimestamp(int(t), timezone.utc).astimezone(z).utcoffset().total_seconds()))
        """)
    }
}
