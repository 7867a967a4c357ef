// UTC offsets of an IANA time zone, read from the system's tz database
// (/usr/share/zoneinfo, TZif format, RFC 8536). Written by hand so the
// binary needs no Foundation: a bare date in --as-of is the end of that
// day in the ledger's zone, which needs the zone's offset at that time.

import LedgerCore

public struct TimeZoneRules: Sendable {
    public let name: String
    /// Transition instants (seconds since the epoch, ascending) and the
    /// offset in force from each.
    let transitions: [Int64]
    let offsets: [Int32]
    /// The offset before the first transition (or always, without any).
    let initialOffset: Int32
    /// The footer's rule: the offsets after the last transition (or always,
    /// without any). Nil in a version-1 file or an empty footer: the last
    /// offset stays.
    let rule: PosixTimeZoneRule?

    public static let utc = TimeZoneRules(name: "UTC", transitions: [], offsets: [], initialOffset: 0, rule: nil)

    /// The system's tz database, where `load` looks unless told otherwise.
    public static let databaseDirectory = "/usr/share/zoneinfo"

    /// Loads a zone by its IANA name (America/Mexico_City) from the tz
    /// database in `directory`; nil when the name is not in the database.
    public static func load(_ name: String, from directory: String = databaseDirectory) -> TimeZoneRules? {
        if name == "UTC" || name == "Etc/UTC" || name == "Z" { return .utc }
        guard !name.isEmpty, !name.contains(".."), !name.hasPrefix("/"),
              let bytes = try? FileSystem.readAll(directory + "/" + name) else { return nil }
        return parse(name: name, bytes)
    }

    static func parse(name: String, _ b: [UInt8]) -> TimeZoneRules? {
        func u32(_ at: Int) -> Int64? {
            guard at + 4 <= b.count else { return nil }
            return Int64(UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3]))
        }
        func i32(_ at: Int) -> Int64? { u32(at).map { Int64(Int32(truncatingIfNeeded: $0)) } }
        func i64(_ at: Int) -> Int64? {
            guard let hi = u32(at), let lo = u32(at + 4) else { return nil }
            return Int64(bitPattern: UInt64(hi) << 32 | UInt64(lo))
        }
        guard b.count >= 44, b[0] == 0x54, b[1] == 0x5A, b[2] == 0x69, b[3] == 0x66 else { return nil }
        let version = b[4]
        // Header counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
        func counts(_ at: Int) -> [Int]? {
            let c = (0..<6).compactMap { u32(at + 20 + 4 * $0).map(Int.init) }
            return c.count == 6 ? c : nil
        }
        guard var c = counts(0) else { return nil }
        var start = 44
        var timeSize = 4
        if version >= 0x32 {
            // Skip the 32-bit block to the 64-bit one.
            let v1 = c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]
            guard let c2 = counts(44 + v1) else { return nil }
            c = c2
            start = 44 + v1 + 44
            timeSize = 8
        }
        let timecnt = c[3], typecnt = c[4]
        var times: [Int64] = []
        for i in 0..<timecnt {
            guard let t = timeSize == 8 ? i64(start + i * 8) : i32(start + i * 4) else { return nil }
            times.append(t)
        }
        let indexStart = start + timecnt * timeSize
        let typeStart = indexStart + timecnt
        guard typecnt > 0, typeStart + typecnt * 6 <= b.count else { return nil }
        var typeOffsets: [Int32] = []
        for i in 0..<typecnt {
            guard let off = i32(typeStart + i * 6) else { return nil }
            typeOffsets.append(Int32(off))
        }
        var offsets: [Int32] = []
        for i in 0..<timecnt {
            let idx = Int(b[indexStart + i])
            guard idx < typecnt else { return nil }
            offsets.append(typeOffsets[idx])
        }
        var rule: PosixTimeZoneRule?
        if version >= 0x32 {
            // The footer: a newline, the TZ string, a newline, ending the file.
            // A file cut short or with anything after it is damaged.
            let footer = typeStart + typecnt * 6 + c[5] + c[2] * 12 + c[1] + c[0]
            guard footer < b.count, b[footer] == 0x0A, b[b.count - 1] == 0x0A, footer < b.count - 1 else { return nil }
            let text = Array(b[(footer + 1)..<(b.count - 1)])
            guard !text.contains(0x0A) else { return nil }
            if !text.isEmpty {
                guard let r = PosixTimeZoneRule(text) else { return nil }
                rule = r
            }
        }
        return TimeZoneRules(name: name, transitions: times, offsets: offsets, initialOffset: typeOffsets[0], rule: rule)
    }

    /// Seconds east of UTC at the instant `seconds` since the epoch.
    public func offset(atUTC seconds: Int64) -> Int64 {
        if let rule, transitions.last.map({ seconds > $0 }) ?? true { return rule.offset(atUTC: seconds) }
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= seconds { lo = mid + 1 } else { hi = mid }
        }
        return Int64(lo == 0 ? initialOffset : offsets[lo - 1])
    }

    /// The last microsecond of `date` in this zone, as a UTC instant.
    public func endOfDay(_ date: CivilDate) -> Timestamp {
        let nextMidnightLocal = (Timestamp.days(year: date.year, month: date.month, day: date.day) + 1) * 86400
        var utc = nextMidnightLocal - offset(atUTC: nextMidnightLocal)
        utc = nextMidnightLocal - offset(atUTC: utc)
        return Timestamp(microseconds: utc * 1_000_000 - 1)
    }
}
