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

    /// Reads `text` as a timestamp, or as a date meaning `dateMeans`; nil when it is neither.
    public init?(_ text: String, dateMeans: DateMeaning = .endOfDay) {
        if let t = Timestamp(parsing: text) {
            self = .exact(t)
        } else if let d = CivilDate(text) {
            self = dateMeans == .endOfDay ? .endOfDay(d) : .startOfDay(d)
        } else {
            return nil
        }
    }

    /// What a bare date stands for.
    public enum DateMeaning: Sendable { case endOfDay, startOfDay }
}

extension TimeZoneRulesResolving {
    /// The instant `spec` names in this zone.
    func instant(_ spec: TimeSpec) -> Timestamp {
        switch spec {
        case .exact(let t): return t
        case .endOfDay(let d): return endOfDay(d)
        case .startOfDay(let d):
            // The first instant of a day is just after the end of the day before.
            let previous = Timestamp(microseconds: Timestamp(year: d.year, month: d.month, day: d.day).microseconds - 86_400_000_000).parts
            return endOfDay(CivilDate(year: previous.year, month: previous.month, day: previous.day)).next
        }
    }
}

/// A zone that knows where each day ends.
protocol TimeZoneRulesResolving {
    func endOfDay(_ date: CivilDate) -> Timestamp
}
