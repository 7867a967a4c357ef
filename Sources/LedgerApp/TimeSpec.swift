// A time as a user writes it on the command line: an exact timestamp, or a
// bare date, whose meaning (the end of that day, or its first instant)
// needs the ledger's time zone. The CLI reads the text; the session turns
// it into an instant once it knows the zone.

import LedgerCore

/// `--as-of`, `--since`, `--before` and friends, before the zone is known.
public enum TimeSpec: Equatable, Sendable {
    /// A full timestamp: exactly that instant.
    case exact(Timestamp)
    /// A bare date meaning the last microsecond of that day in the ledger's zone.
    case endOfDay(CivilDate)
    /// A bare date meaning the first microsecond of that day in the ledger's zone.
    case startOfDay(CivilDate)
    /// `now` (`ahora`): this instant, by the host's clock.
    case now
    /// `today` (`hoy`): today's date in the ledger's zone, meaning its end or its start.
    case today(DateMeaning)

    /// Reads `text` as a timestamp, a date meaning `dateMeans`, or the words
    /// `now`/`ahora` and `today`/`hoy`; nil when it is none of them.
    public init?(_ text: String, dateMeans: DateMeaning = .endOfDay) {
        if let t = Timestamp(parsing: text) {
            self = .exact(t)
        } else if let d = CivilDate(text) {
            self = dateMeans == .endOfDay ? .endOfDay(d) : .startOfDay(d)
        } else {
            switch text.trimmingSpaces.lowercased() {
            case "now", "ahora": self = .now
            case "today", "hoy": self = .today(dateMeans)
            default: return nil
            }
        }
    }

    /// What a bare date stands for.
    public enum DateMeaning: Sendable { case endOfDay, startOfDay }
}

extension TimeZoneRulesResolving {
    /// The instant `spec` names in this zone, `now` being the host's clock.
    func instant(_ spec: TimeSpec, now: Timestamp) -> Timestamp {
        switch spec {
        case .exact(let t): return t
        case .now: return now
        case .today(let meaning):
            let local = Timestamp(microseconds: now.microseconds + offset(at: now) * 1_000_000).parts
            let date = CivilDate(year: local.year, month: local.month, day: local.day)
            return instant(meaning == .endOfDay ? .endOfDay(date) : .startOfDay(date), now: now)
        case .endOfDay(let d): return endOfDay(d)
        case .startOfDay(let d):
            // The first instant of a day is just after the end of the day before.
            let previous = Timestamp(microseconds: Timestamp(year: d.year, month: d.month, day: d.day).microseconds - 86_400_000_000).parts
            return endOfDay(CivilDate(year: previous.year, month: previous.month, day: previous.day)).next
        }
    }
}

/// A zone that knows where each day ends, and its offset at an instant.
protocol TimeZoneRulesResolving {
    func endOfDay(_ date: CivilDate) -> Timestamp
    /// Seconds east of UTC at `t`.
    func offset(at t: Timestamp) -> Int64
}
