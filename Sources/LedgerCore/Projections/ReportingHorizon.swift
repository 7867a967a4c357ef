// What a view knows of the calendar at its cut (docs/FIGURES.md, "Periods
// not yet reported"): which periods had ended, and which were past their
// reporting deadline, a day of the following month (the 10th unless the
// ledger sets its own: `init --deadline-day`, `append deadline`). A view weighs a period once it is reported, or
// once its deadline has passed unreported (then it is missing, and counts
// as the rules say); a period still within its reporting window, or not yet
// ended, is neither programmed nor missing: it is awaited. So `quarter
// 2017-Q1 --as-of 2017-03-10` judges January and February, not a March that
// had not ended, and `quarter` and `status` agree at every cut.

/// The reporting deadline: a day of the month after a period ends.
public struct ReportingDeadline: Equatable, Sendable {
    /// 1...31; a month shorter than this ends its window on its last day.
    public var day: Int

    public init(day: Int) { self.day = day }

    /// The 10th, as planning offices usually ask.
    public static let standard = ReportingDeadline(day: 10)
}

/// The periods ended and overdue at one cut, in the ledger's zone.
public struct ReportingHorizon: Equatable, Sendable {
    /// Every month up to this one (`year * 12 + month - 1`) had ended by the cut.
    public var lastEndedMonth: Int
    /// Every month up to this one was past its reporting deadline by the cut.
    public var lastOverdueMonth: Int
    public var deadline: ReportingDeadline

    public init(lastEndedMonth: Int, lastOverdueMonth: Int, deadline: ReportingDeadline = .standard) {
        self.lastEndedMonth = lastEndedMonth
        self.lastOverdueMonth = lastOverdueMonth
        self.deadline = deadline
    }

    /// No calendar: every period counts as ended and overdue (the rules
    /// before this one, and views of a past that is wholly settled).
    public static let everything = ReportingHorizon(lastEndedMonth: .max, lastOverdueMonth: .max)

    static func index(_ year: Int, _ month: Int) -> Int { year * 12 + month - 1 }

    /// The horizon at `cut`, whose local time is `cut` plus `offsetSeconds`
    /// (the ledger's UTC offset at that instant).
    public static func at(_ cut: Timestamp, offsetSeconds: Int64, deadline: ReportingDeadline = .standard) -> ReportingHorizon {
        let local = Timestamp(microseconds: cut.microseconds + offsetSeconds * 1_000_000).parts
        let month = index(local.year, local.month)
        let lastInstantOfDay = local.hour == 23 && local.minute == 59 && local.second == 59 && local.microsecond == 999_999
        let monthLength = Timestamp.daysInMonth(year: local.year, month: local.month)
        // The month in progress has ended at its very last instant.
        let ended = local.day == monthLength && lastInstantOfDay ? month : month - 1
        // The window of the month before this one closes at the end of the deadline day.
        let due = min(deadline.day, monthLength)
        let overdue = local.day > due || (local.day == due && lastInstantOfDay) ? month - 1 : month - 2
        return ReportingHorizon(lastEndedMonth: ended, lastOverdueMonth: overdue, deadline: deadline)
    }

    /// True when `period` had ended by the cut.
    public func hasEnded(_ period: Period) -> Bool {
        Self.index(period.year, period.lastMonth) <= lastEndedMonth
    }

    /// True when `period`'s reporting deadline had passed by the cut.
    public func isOverdue(_ period: Period) -> Bool {
        Self.index(period.year, period.lastMonth) <= lastOverdueMonth
    }

    /// The last day to report `period`: the deadline day of the month after
    /// it ends (or that month's last day, when shorter).
    public func deadlineDate(of period: Period) -> CivilDate {
        let year = period.lastMonth == 12 ? period.year + 1 : period.year
        let month = period.lastMonth == 12 ? 1 : period.lastMonth + 1
        return CivilDate(year: year, month: month, day: min(deadline.day, Timestamp.daysInMonth(year: year, month: month)))
    }

    /// A token naming this horizon, for cache keys.
    public var key: String { "\(lastEndedMonth)/\(lastOverdueMonth)/\(deadline.day)" }
}

extension LedgerState {
    /// The reporting deadline the ledger asks of its units: the day set at
    /// `init --deadline-day` or by a `deadline_set` event, else the 10th.
    public var reportingDeadline: ReportingDeadline {
        ReportingDeadline(day: settings?.reportingDeadlineDay ?? ReportingDeadline.standard.day)
    }
}
