// Who has not reported: every indicator with a period over by the cut and
// no reading, grouped by owning unit, with the reporting deadline of each
// period (a day of the following month, set at init or by `deadline_set`)
// and how many days late it is. The list a planning office mails out.
// Pure: the cut comes in as a civil date in the ledger's zone.

/// One period without a reading.
public struct PendingItem: Equatable, Sendable {
    public var heading: IndicatorHeading
    public var period: Period
    /// The day the reading was due by: the deadline day of the month after
    /// the period (the month's last day when it has no such day).
    public var deadline: CivilDate
    /// Days past the deadline at the cut; 0 when it is not yet late.
    public var daysLate: Int
    /// True when the period's quarter is closed (its reading now needs --post-close).
    public var isClosed: Bool
}

/// One owning unit and its missing readings.
public struct PendingUnit: Equatable, Sendable {
    public var ownerCode: String?
    /// The unit's name: as last described, else as its indicators say.
    public var ownerName: String?
    /// Whom to write to, if recorded (`append unit --contact`).
    public var contact: String?
    public var items: [PendingItem]
}

public struct PendingView: Equatable, Sendable {
    public var entity: String
    public var head: ChainHead
    /// The cut's date in the ledger's zone: periods over by it are due.
    public var date: CivilDate
    /// The deadline day in force.
    public var deadlineDay: Int
    /// Only periods ending in this month or quarter, when given.
    public var within: Period?
    public var scope: ReportScope
    public var units: [PendingUnit]

    /// How many periods are pending, and how many of them are late.
    public var count: Int { units.reduce(0) { $0 + $1.items.count } }
    public var lateCount: Int { units.reduce(0) { $0 + $1.items.filter { $0.daysLate > 0 }.count } }
}

extension Views {
    /// The deadline of `period`: `day` of the month after it ends, or that
    /// month's last day.
    public static func deadline(of period: Period, day: Int) -> CivilDate {
        let (year, month) = period.lastMonth == 12 ? (period.year + 1, 1) : (period.year, period.lastMonth + 1)
        return CivilDate(year: year, month: month, day: min(day, Timestamp.daysInMonth(year: year, month: month)))
    }

    /// Days from `a` to `b` (negative when `b` is earlier).
    static func days(from a: CivilDate, to b: CivilDate) -> Int {
        Int(Timestamp.days(year: b.year, month: b.month, day: b.day) - Timestamp.days(year: a.year, month: a.month, day: a.day))
    }

    /// Every period over by `date` (its last day before `date`) with no
    /// reading, for the indicators in `scope`; with `within` (a month or a
    /// quarter), only periods ending in it. Budget-only rows expect no
    /// reading and are left out. Units in the order they first appear;
    /// within a unit, the latest first.
    public static func pending(_ state: LedgerState, date: CivilDate, within: Period? = nil, scope: ReportScope = ReportScope()) -> PendingView {
        let day = state.settings?.reportingDeadlineDay ?? LedgerSettings.defaultDeadlineDay
        var units: [PendingUnit] = []
        var index: [String: Int] = [:]
        for ind in indicators(state, scope) where !ind.isBudgetOnly {
            let d = ind.definition
            for p in Period.year(d.year).periods(of: d.frequency) where ind.readings[p] == nil {
                if let w = within, !(w.year == p.year && w.months.contains(p.lastMonth)) { continue }
                // Over when its last day is before the cut's date.
                let end = CivilDate(year: p.year, month: p.lastMonth, day: Timestamp.daysInMonth(year: p.year, month: p.lastMonth))
                guard days(from: end, to: date) > 0 else { continue }
                let deadline = deadline(of: p, day: day)
                let item = PendingItem(heading: IndicatorHeading(ind), period: p, deadline: deadline,
                                       daysLate: max(0, days(from: deadline, to: date)), isClosed: state.close(covering: p, plan: d.plan) != nil)
                let key = d.ownerCode ?? ""
                if index[key] == nil {
                    index[key] = units.count
                    let described = d.ownerCode.flatMap { state.units[$0]?.description }
                    units.append(PendingUnit(ownerCode: d.ownerCode, ownerName: described?.name ?? d.ownerName,
                                             contact: described?.contact, items: []))
                }
                units[index[key]!].items.append(item)
            }
        }
        for i in units.indices {
            // Stable: equal lateness keeps the indicators' order.
            units[i].items = units[i].items.enumerated().sorted { a, b in
                a.element.daysLate != b.element.daysLate ? a.element.daysLate > b.element.daysLate : a.offset < b.offset
            }.map(\.element)
        }
        return PendingView(entity: state.settings?.entity ?? "", head: state.head, date: date, deadlineDay: day, within: within,
                           scope: scope, units: units)
    }
}
