// The time-zone reader (TZif files of the system's tz database) against
// what the machine's own tools say: offsets at chosen instants and end of
// day in America/Mexico_City (including the abolition of daylight saving
// time in October 2022), America/Lima, America/El_Salvador and UTC, checked
// against values from `date` and Python's zoneinfo; and, when python3 is
// on the machine, against zoneinfo over a century of instants and every
// transition. Unknown names and damaged files are refused, never a trap.

import Foundation
import LedgerCore
@testable import LedgerStore
import XCTest

final class TimeZoneRulesTests: XCTestCase {
    func zone(_ name: String) throws -> TimeZoneRules {
        try XCTUnwrap(TimeZoneRules.load(name), "\(name) is not in \(TimeZoneRules.databaseDirectory) (is tzdata installed?)")
    }

    /// Seconds since the epoch of a UTC civil time.
    func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
        Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s).microseconds / 1_000_000
    }

    func endOfDay(_ z: TimeZoneRules, _ date: String) -> String {
        z.endOfDay(CivilDate(date)!).description
    }

    // MARK: Offsets at chosen instants (values from `date` and zoneinfo)

    func testMexicoCityKeptDaylightTimeUntilOctober2022() throws {
        let z = try zone("America/Mexico_City")
        XCTAssertEqual(z.name, "America/Mexico_City")
        XCTAssertEqual(z.offset(atUTC: utc(1921, 1, 1)), -23_796, "local mean time before 1922")
        XCTAssertEqual(z.offset(atUTC: 0), -21_600)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 1, 15, 12)), -21_600)
        // 2017: CDT from the first Sunday of April at 02:00 to the last Sunday of October at 02:00.
        XCTAssertEqual(z.offset(atUTC: utc(2017, 4, 2, 7, 59, 59)), -21_600)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 4, 2, 8)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 7, 1)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 10, 29, 6, 59, 59)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 10, 29, 7)), -21_600)
        // 2022: the last daylight time; it ended on 30 October and was abolished.
        XCTAssertEqual(z.offset(atUTC: utc(2022, 4, 3, 8)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2022, 10, 30, 6, 59, 59)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2022, 10, 30, 7)), -21_600)
        XCTAssertEqual(z.offset(atUTC: utc(2023, 4, 2, 8)), -21_600, "no daylight time in April 2023")
        XCTAssertEqual(z.offset(atUTC: utc(2023, 7, 1)), -21_600, "nor in summer 2023")
        XCTAssertEqual(z.offset(atUTC: utc(2030, 7, 1)), -21_600)
    }

    func testLima() throws {
        let z = try zone("America/Lima")
        XCTAssertEqual(z.offset(atUTC: utc(1890, 1, 1)), -18_492, "local mean time")
        XCTAssertEqual(z.offset(atUTC: utc(1990, 1, 1)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(1994, 3, 31)), -14_400, "the last summer time, 1994")
        XCTAssertEqual(z.offset(atUTC: utc(2017, 6, 1)), -18_000)
        XCTAssertEqual(z.offset(atUTC: utc(2030, 1, 1)), -18_000)
    }

    func testElSalvador() throws {
        let z = try zone("America/El_Salvador")
        XCTAssertEqual(z.offset(atUTC: utc(1900, 1, 1)), -21_408, "local mean time")
        XCTAssertEqual(z.offset(atUTC: utc(1987, 6, 1)), -18_000, "summer time of 1987")
        XCTAssertEqual(z.offset(atUTC: utc(1988, 1, 1)), -21_600)
        XCTAssertEqual(z.offset(atUTC: utc(2017, 6, 1)), -21_600)
    }

    func testUTC() throws {
        for name in ["UTC", "Etc/UTC", "Z"] {
            let z = try zone(name)
            XCTAssertEqual(z.offset(atUTC: utc(1900, 1, 1)), 0)
            XCTAssertEqual(z.offset(atUTC: utc(2017, 7, 1)), 0)
            XCTAssertEqual(endOfDay(z, "2017-12-31"), "2017-12-31T23:59:59.999999Z")
        }
    }

    // MARK: End of day (the meaning of a bare date in --as-of)

    func testEndOfDayInMexicoCity() throws {
        let z = try zone("America/Mexico_City")
        XCTAssertEqual(endOfDay(z, "2017-01-15"), "2017-01-16T05:59:59.999999Z")
        XCTAssertEqual(endOfDay(z, "2017-04-01"), "2017-04-02T05:59:59.999999Z", "midnight before the change is still CST")
        XCTAssertEqual(endOfDay(z, "2017-04-02"), "2017-04-03T04:59:59.999999Z", "the first CDT day")
        XCTAssertEqual(endOfDay(z, "2017-07-01"), "2017-07-02T04:59:59.999999Z")
        XCTAssertEqual(endOfDay(z, "2017-10-28"), "2017-10-29T04:59:59.999999Z", "midnight before the change is still CDT")
        XCTAssertEqual(endOfDay(z, "2017-10-29"), "2017-10-30T05:59:59.999999Z")
        XCTAssertEqual(endOfDay(z, "2022-10-29"), "2022-10-30T04:59:59.999999Z", "the last CDT midnight")
        XCTAssertEqual(endOfDay(z, "2022-10-30"), "2022-10-31T05:59:59.999999Z")
        XCTAssertEqual(endOfDay(z, "2023-07-01"), "2023-07-02T05:59:59.999999Z", "CST all year since 2023")
        XCTAssertEqual(endOfDay(z, "2017-03-31"), "2017-04-01T05:59:59.999999Z", "the end of Q1 2017")
    }

    func testEndOfDayInLimaAndSanSalvador() throws {
        let lima = try zone("America/Lima")
        XCTAssertEqual(endOfDay(lima, "2017-03-31"), "2017-04-01T04:59:59.999999Z")
        XCTAssertEqual(endOfDay(lima, "2024-02-29"), "2024-03-01T04:59:59.999999Z")
        XCTAssertEqual(endOfDay(lima, "2017-12-31"), "2018-01-01T04:59:59.999999Z", "the year's last day ends in the next UTC year")
        let salvador = try zone("America/El_Salvador")
        XCTAssertEqual(endOfDay(salvador, "2017-06-30"), "2017-07-01T05:59:59.999999Z")
        XCTAssertEqual(endOfDay(salvador, "1987-06-01"), "1987-06-02T04:59:59.999999Z", "in the summer time of 1987")
    }

    // MARK: Names and files that are not zones

    func testNamesThatAreNotZonesAreRefused() {
        for name in ["America/Atlantis", "", "America", "America/", "../zoneinfo/America/Lima", "/usr/share/zoneinfo/America/Lima",
                     "America/../America/Lima", "zone1970.tab", "america/mexico_city"] {
            XCTAssertNil(TimeZoneRules.load(name), name)
        }
    }

    func testDamagedFilesAreRefusedWithoutATrap() throws {
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: TimeZoneRules.databaseDirectory + "/America/Mexico_City")).map { $0 }
        XCTAssertNotNil(TimeZoneRules.parse(name: "whole", bytes))
        // Every cut is refused: the footer (a newline, the TZ rule, a newline)
        // must end the file, so a file cut anywhere is seen to be short.
        func count(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        func counts(_ header: Int) -> [Int] { (0..<6).map { count(header + 20 + 4 * $0) } }  // isut, isstd, leap, time, type, char
        let v1 = counts(0)
        let v2Header = 44 + v1[3] * 5 + v1[4] * 6 + v1[5] + v1[2] * 8 + v1[1] + v1[0]
        let v2 = counts(v2Header)
        let footer = v2Header + 44 + v2[3] * 9 + v2[4] * 6 + v2[5] + v2[2] * 12 + v2[1] + v2[0]
        XCTAssertEqual(String(decoding: bytes[footer...], as: UTF8.self), "\nCST6\n", "the footer this test expects")
        let accepted = (0..<bytes.count).filter { TimeZoneRules.parse(name: "cut", Array(bytes.prefix($0))) != nil }
        XCTAssertEqual(accepted, [])
        XCTAssertNil(TimeZoneRules.parse(name: "trailing bytes", bytes + [0x41]))
        XCTAssertNil(TimeZoneRules.parse(name: "bad rule", Array(bytes.prefix(footer)) + Array("\nCST6CDT,M3.2.0\n".utf8)))
        XCTAssertNotNil(TimeZoneRules.parse(name: "empty footer", Array(bytes.prefix(footer)) + [0x0A, 0x0A]))
        XCTAssertNil(TimeZoneRules.parse(name: "not tzif", Array("TZix".utf8) + bytes.dropFirst(4)))
        // Damaged counts and type indexes: refused or parsed, never a trap.
        for i in 4..<min(bytes.count, 400) {
            var damaged = bytes
            damaged[i] ^= 0xFF
            _ = TimeZoneRules.parse(name: "damaged", damaged)
        }
    }

    // MARK: Against Python's zoneinfo, when the machine has python3

    static let zones = ["America/Mexico_City", "America/Lima", "America/El_Salvador", "America/Monterrey", "America/Cancun",
                        "America/Hermosillo", "America/Mazatlan", "America/Merida", "America/Chihuahua", "America/Bahia_Banderas", "UTC"]

    func testOffsetsAgreeWithZoneinfoOverACenturyAndAtEveryTransition() throws {
        var input = ""
        var ours: [Int64] = []
        for name in Self.zones {
            let z = try zone(name)
            var instants = Array(stride(from: utc(1900, 1, 1), through: utc(2050, 1, 1), by: 5 * 86_400 + 3_607))
            for t in z.transitions { instants += [t - 1, t, t + 1] }
            for t in instants {
                input += "\(name) \(t)\n"
                ours.append(z.offset(atUTC: t))
            }
        }
        let script = """
        import sys
        from datetime import datetime, timezone
        from zoneinfo import ZoneInfo
        zones = {}
        for line in sys.stdin:
            name, t = line.split()
            z = zones.setdefault(name, ZoneInfo(name))
            print(int(datetime.fromtimestamp(int(t), timezone.utc).astimezone(z).utcoffset().total_seconds()))
        """
        guard let output = try python(script, input: input) else { throw XCTSkip("python3 with zoneinfo is not on this machine") }
        let theirs = output.split(separator: "\n").map { Int64($0)! }
        XCTAssertEqual(theirs.count, ours.count)
        let lines = input.split(separator: "\n")
        var mismatches: [String] = []
        for i in 0..<min(theirs.count, ours.count) where theirs[i] != ours[i] { mismatches.append("\(lines[i]): ours \(ours[i]), zoneinfo \(theirs[i])") }
        XCTAssertEqual(mismatches.count, 0, mismatches.prefix(10).joined(separator: "\n"))
    }

    func testEndOfEveryDayAgreesWithZoneinfo() throws {
        var input = ""
        var ours: [Int64] = []
        let first = Timestamp.days(year: 1995, month: 1, day: 1), last = Timestamp.days(year: 2030, month: 12, day: 31)
        for name in Self.zones {
            let z = try zone(name)
            for day in stride(from: first, through: last, by: 1) {
                let p = Timestamp(microseconds: day * 86_400_000_000).parts
                input += "\(name) \(p.year) \(p.month) \(p.day)\n"
                ours.append(z.endOfDay(CivilDate(year: p.year, month: p.month, day: p.day)).microseconds)
            }
        }
        let script = """
        import sys
        from datetime import datetime, timedelta
        from zoneinfo import ZoneInfo
        zones = {}
        for line in sys.stdin:
            name, y, m, d = line.split()
            z = zones.setdefault(name, ZoneInfo(name))
            midnight = datetime(int(y), int(m), int(d), tzinfo=z) + timedelta(days=1)
            print(int(midnight.timestamp()) * 1000000 - 1)
        """
        guard let output = try python(script, input: input) else { throw XCTSkip("python3 with zoneinfo is not on this machine") }
        let theirs = output.split(separator: "\n").map { Int64($0)! }
        XCTAssertEqual(theirs.count, ours.count)
        let lines = input.split(separator: "\n")
        var mismatches: [String] = []
        for i in 0..<min(theirs.count, ours.count) where theirs[i] != ours[i] {
            mismatches.append("\(lines[i]): ours \(Timestamp(microseconds: ours[i])), zoneinfo \(Timestamp(microseconds: theirs[i]))")
        }
        XCTAssertEqual(mismatches.count, 0, mismatches.prefix(10).joined(separator: "\n"))
    }
}
