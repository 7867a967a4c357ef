// The read side's views: the quarter view (programmed vs executed per
// indicator, compliance, status, observations, marks; totals per owning
// unit) and the status view (state to date). Pure functions of a state.

/// Which indicators a report covers.
public struct ReportScope: Equatable, Sendable {
    public var plan: String?
    public var owner: String?
    public init(plan: String? = nil, owner: String? = nil) {
        self.plan = plan
        self.owner = owner
    }

    public func includes(_ d: IndicatorDefinition) -> Bool {
        (plan == nil || d.plan == plan) && (owner == nil || d.ownerCode == owner)
    }
}

/// Programmed against executed over a span of periods.
public struct Span: Equatable, Sendable {
    /// False when no period of the indicator falls due in the span (shown as
    /// not applicable, never as zero).
    public var isApplicable: Bool
    public var programmed: DecimalNumber?
    public var executed: DecimalNumber?
    public var compliance: DecimalNumber?
    public var status: Status
    /// Periods weighed in the span with no reading: their reporting deadline
    /// passed unreported (under rules v1 and v2: every due period unreported).
    public var missing: [Period]
    /// Periods of the span not weighed at the view's cut: ended but still
    /// within their reporting window, or not yet ended, and not reported.
    public var awaiting: [Period] = []

    static let notApplicable = Span(isApplicable: false, programmed: nil, executed: nil, compliance: nil, status: .none, missing: [])

    static func make(_ ind: IndicatorState, year: Int, months: ClosedRange<Int>, bands: StatusBands, rules: FigureRules = .current,
                     horizon: ReportingHorizon = .everything) -> Span {
        if rules == .v1 { return FiguresV1.span(ind, year: year, months: months, bands: bands) }
        let all = Figures.duePeriods(ind, year: year, months: months)
        guard !all.isEmpty, !ind.isBudgetOnly else { return notApplicable }
        // v3: a period counts once reported or past its deadline at the cut.
        let due = rules == .v2 ? all : all.filter { ind.readings[$0] != nil || horizon.isOverdue($0) }
        let awaiting = rules == .v2 ? [] : all.filter { ind.readings[$0] == nil && !horizon.isOverdue($0) }
        guard !due.isEmpty else {
            return Span(isApplicable: true, programmed: nil, executed: nil, compliance: nil, status: .none, missing: [], awaiting: awaiting)
        }
        let programmed = Figures.exactProgrammed(over: due, of: ind)
        let executed = Figures.executed(over: due, of: ind)
        let missing = due.filter { ind.readings[$0] == nil }
        let (compliance, status) = Figures.judge(programmed: programmed, executed: executed, due: due, missing: missing,
                                                 aggregation: ind.definition.aggregation, direction: ind.definition.direction, bands: bands)
        return Span(isApplicable: true, programmed: programmed.map { $0.rounded(decimals: Figures.derivedDecimals) }, executed: executed,
                    compliance: compliance, status: status, missing: missing, awaiting: awaiting)
    }
}

extension IndicatorState {
    /// A row kept for its budget only (a programa or componente of a results
    /// report): nothing physical is programmed or measured, so its spans are
    /// not applicable (n/a), never a programmed 0 with a missing period. An
    /// ascending indicator with an annual target of zero, no period targets
    /// above zero, no reading, and budget records.
    public var isBudgetOnly: Bool {
        definition.direction == .ascending && annualTarget.isZero && !budgets.isEmpty && readings.isEmpty
            && periodTargets.values.allSatisfy(\.isZero)
    }
}

/// Budget next to the physical figures: %AV.FIN and the weight in the program.
public struct BudgetView: Equatable, Sendable {
    public var period: Period
    public var figures: BudgetFigures
    /// accrued / modified, percent.
    public var financialProgress: DecimalNumber?
    /// modified / the program's modified, percent (ponderado).
    public var weight: DecimalNumber?
}

/// Marks that tell an auditor a figure is not what was first reported.
public struct Marks: Equatable, Sendable {
    /// A value in the span was replaced by a correction.
    public var corrected: Bool
    /// A value in the span was recorded or corrected after its quarter closed.
    public var postClose: Bool
    /// A target in the span was reprogrammed.
    public var reprogrammed: Bool
    /// An import finding (recorded as an observation on a period of the
    /// span) questions the figure: the document disagreed with itself there.
    public var questioned: Bool = false
    /// A value in the span rests on a batch no member signed, recorded
    /// after the ledger had members (issue 12).
    public var unsigned: Bool = false

    static func make(_ ind: IndicatorState, _ periods: [Period]) -> Marks {
        Marks(corrected: periods.contains { ind.readings[$0]?.isCorrected == true },
              postClose: periods.contains { ind.readings[$0]?.isPostClose == true },
              reprogrammed: periods.contains { ind.reprogrammed.contains($0) },
              questioned: ind.observations.contains { $0.isImportFinding && periods.contains($0.period) },
              unsigned: periods.contains { ind.readings[$0]?.isUnsigned == true })
    }
}

extension ObservationState {
    /// True for the observation an import writes for a finding (docs/IMPORT.md:
    /// its text starts `Import finding (FILE:LINE):` or `Hallazgo de importación (FILE:LINE):`).
    public var isImportFinding: Bool {
        text.hasPrefix("Import finding (") || text.hasPrefix("Hallazgo de importación (")
    }
}

/// What identifies an indicator in every report row.
public struct IndicatorHeading: Equatable, Sendable {
    public var id: String
    public var name: String
    public var unit: String
    public var plan: String
    public var ownerCode: String?
    public var ownerName: String?
    public var frequency: Frequency
    public var aggregation: Aggregation
    public var direction: Direction
    /// Meta aprobada.
    public var approvedTarget: DecimalNumber
    /// Meta modificada (the annual target in force).
    public var annualTarget: DecimalNumber

    init(_ ind: IndicatorState) {
        let d = ind.definition
        id = d.id; name = d.name; unit = d.unit; plan = d.plan; ownerCode = d.ownerCode; ownerName = d.ownerName
        frequency = d.frequency; aggregation = d.aggregation; direction = d.direction
        approvedTarget = d.annualTarget
        annualTarget = ind.annualTarget
    }
}

/// The note a reading in force was recorded with (`append reading --note`).
public struct ReadingNote: Equatable, Sendable {
    public var period: Period
    public var text: String
    /// The seq of the reading that carries it.
    public var seq: Int64
}

public struct QuarterRow: Equatable, Sendable {
    public var heading: IndicatorHeading
    public var quarter: Span
    /// Accumulated from January to the quarter's end (avance acumulado).
    public var yearToDate: Span
    /// Year-to-date executed / annual target in force.
    public var progress: DecimalNumber?
    public var observations: [ObservationState]
    public var marks: Marks
    public var budget: BudgetView?
    /// The notes of the quarter's readings in force, by period.
    public var notes: [ReadingNote] = []
    /// Each period due from January to the quarter's end, for the board's
    /// charts (empty where nothing physical is measured).
    public var timeline: [PeriodPoint] = []
    /// The documents that authorised the figures of the quarter's periods
    /// (target changes, corrections, post-close adjustments), first seen first.
    public var documents: [String] = []
}

/// One period of an indicator's year to date: its own figures, the
/// figures accumulated from January by the indicator's aggregation, and
/// what happened to them.
public struct PeriodPoint: Equatable, Sendable {
    public var period: Period
    /// The target in force for the period (as shown: rounded once).
    public var programmed: DecimalNumber?
    /// The reading in force (nil: none yet).
    public var executed: DecimalNumber?
    /// Programmed and executed over January..this period, by the
    /// indicator's aggregation (a sum for counts, the last for levels, ...).
    public var cumulativeProgrammed: DecimalNumber?
    public var cumulativeExecuted: DecimalNumber?
    public var isCorrected: Bool
    public var isPostClose: Bool
    public var isReprogrammed: Bool
    /// The document behind the reading in force, else behind the period's target.
    public var document: String?
}

/// Totals of one owning unit (unidad responsable).
public struct UnitTotals: Equatable, Sendable {
    public var ownerCode: String?
    public var ownerName: String?
    public var indicators: Int
    public var green: Int, yellow: Int, red: Int, none: Int
    /// The mean of the unit's indicators' quarter compliance (those that have one).
    public var meanCompliance: DecimalNumber?
}

public struct QuarterView: Equatable, Sendable {
    public var entity: String
    public var quarter: Period
    public var scope: ReportScope
    public var head: ChainHead
    /// True when the quarter is closed for every indicator shown.
    public var isClosed: Bool
    public var rows: [QuarterRow]
    public var units: [UnitTotals]
}

public struct StatusRow: Equatable, Sendable {
    public var heading: IndicatorHeading
    /// The last month counted ("to date").
    public var through: Period?
    public var toDate: Span
    public var progress: DecimalNumber?
    public var lastObservation: ObservationState?
    public var marks: Marks
    public var budget: BudgetView?
}

public struct StatusView: Equatable, Sendable {
    public var entity: String
    public var scope: ReportScope
    public var head: ChainHead
    public var rows: [StatusRow]

    public init(entity: String, scope: ReportScope, head: ChainHead, rows: [StatusRow]) {
        self.entity = entity
        self.scope = scope
        self.head = head
        self.rows = rows
    }
}

public enum Views {
    static func bands(_ state: LedgerState, _ ind: IndicatorState) -> StatusBands {
        ind.definition.bands ?? state.settings?.bands ?? .standard
    }

    static func indicators(_ state: LedgerState, _ scope: ReportScope) -> [IndicatorState] {
        state.indicatorOrder.compactMap { state.indicators[$0] }.filter { scope.includes($0.definition) }
    }

    /// The program indicators (hierarchy of one level: a programa) by plan
    /// and program, to weigh activities against; built once per view.
    struct Programs {
        var byKey: [String: String] = [:]

        init(_ state: LedgerState) {
            for id in state.indicatorOrder {
                let d = state.indicators[id]!.definition
                if d.hierarchy.count == 1, !state.indicators[id]!.budgets.isEmpty {
                    byKey[d.plan + "\u{0}" + d.hierarchy[0].level + "\u{0}" + d.hierarchy[0].value] = id
                }
            }
        }

        func program(of d: IndicatorDefinition, in state: LedgerState) -> IndicatorState? {
            guard let root = d.hierarchy.first, let id = byKey[d.plan + "\u{0}" + root.level + "\u{0}" + root.value] else { return nil }
            return state.indicators[id]
        }
    }

    /// The latest budget record of `ind` ending by `month` of its year, with
    /// %AV.FIN and its weight in the program (the indicator whose hierarchy is
    /// the first level of this one's, e.g. the programa of an actividad).
    static func budget(_ state: LedgerState, _ ind: IndicatorState, throughMonth month: Int, programs: Programs) -> BudgetView? {
        func latest(_ i: IndicatorState) -> (Period, BudgetState)? {
            i.budgets.filter { $0.key.year == i.definition.year && $0.key.lastMonth <= month }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        guard !ind.budgets.isEmpty, let (period, b) = latest(ind) else { return nil }
        var weight: DecimalNumber?
        if let program = programs.program(of: ind.definition, in: state), let (_, pb) = latest(program) {
            weight = b.figures.modified.percent(of: pb.figures.modified)
        }
        return BudgetView(period: period, figures: b.figures, financialProgress: b.figures.financialProgress, weight: weight)
    }

    /// The quarter view; `rules` other than `.current` only to re-derive a
    /// snapshot written under older rules. `horizon`: what had ended and was
    /// overdue at the view's cut (rules v3). `withTimelines` adds each row's
    /// periods for the board's charts (a cost only the page and the workbook pay).
    public static func quarter(_ q: Period, of state: LedgerState, scope: ReportScope = ReportScope(), rules: FigureRules = .current,
                               horizon: ReportingHorizon = .everything, withTimelines: Bool = false) -> QuarterView {
        var rows: [QuarterRow] = []
        let programs = Programs(state)
        // The quarter's year only, in the state's order, without copying the other indicators out.
        for id in state.indicatorOrder {
            guard let ind = state.indicators[id], ind.definition.year == q.year, scope.includes(ind.definition) else { continue }
            let b = bands(state, ind)
            let quarter = Span.make(ind, year: q.year, months: q.months, bands: b, rules: rules, horizon: horizon)
            let ytd = Span.make(ind, year: q.year, months: 1...q.lastMonth, bands: b, rules: rules, horizon: horizon)
            let duePeriods = Figures.duePeriods(ind, year: q.year, months: q.months)
            rows.append(QuarterRow(
                heading: IndicatorHeading(ind), quarter: quarter, yearToDate: ytd,
                progress: Figures.progress(executed: ytd.executed, annualTarget: ind.annualTarget, direction: ind.definition.direction),
                observations: ind.observations.filter { q.contains($0.period) || ($0.period.year == q.year && duePeriods.contains($0.period)) },
                marks: Marks.make(ind, duePeriods),
                budget: budget(state, ind, throughMonth: q.lastMonth, programs: programs),
                notes: duePeriods.compactMap { p in
                    ind.readings[p].flatMap { r in
                        r.note.map { ReadingNote(period: p, text: $0, seq: r.firstSeq) }
                    }
                },
                timeline: withTimelines ? timeline(ind, through: q) : [],
                documents: documents(ind, duePeriods)))
        }
        let plans = Set(rows.map(\.heading.plan))
        let closed = !rows.isEmpty && plans.allSatisfy { state.isClosed(q, plan: $0) || state.isClosed(q, plan: nil) }
        return QuarterView(entity: state.settings?.entity ?? "", quarter: q, scope: scope, head: state.head,
                           isClosed: closed, rows: rows, units: unitTotals(rows))
    }

    /// The points of the charts: every period due from January to the end
    /// of `q`, with the figures accumulated the way the year-to-date span
    /// accumulates them.
    static func timeline(_ ind: IndicatorState, through q: Period) -> [PeriodPoint] {
        guard !ind.isBudgetOnly else { return [] }
        let due = Figures.duePeriods(ind, year: q.year, months: 1...q.lastMonth)
        return due.enumerated().map { i, p in
            let upTo = Array(due[...i])
            let reading = ind.readings[p]
            return PeriodPoint(period: p, programmed: Figures.programmed(for: p, of: ind), executed: reading?.measurement.value,
                               cumulativeProgrammed: Figures.programmed(over: upTo, of: ind), cumulativeExecuted: Figures.executed(over: upTo, of: ind),
                               isCorrected: reading?.isCorrected ?? false, isPostClose: reading?.isPostClose ?? false,
                               isReprogrammed: ind.reprogrammed.contains(p), document: reading?.document ?? ind.targetDocuments[p])
        }
    }

    /// The documents behind the figures of `periods`: the annual target's,
    /// then each period's target and reading, without repeats.
    static func documents(_ ind: IndicatorState, _ periods: [Period]) -> [String] {
        var seen = Set<String>(), out: [String] = []
        let all = [ind.annualTargetDocument] + periods.flatMap { [ind.targetDocuments[$0], ind.readings[$0]?.document] }
        for d in all.compactMap({ $0 }) where seen.insert(d).inserted { out.append(d) }
        return out
    }

    /// One pass over the rows: counts by status and the mean compliance of
    /// each owning unit, in the order units first appear.
    static func unitTotals(_ rows: [QuarterRow]) -> [UnitTotals] {
        var totals: [UnitTotals] = []
        var sums: [DecimalNumber] = []
        var counted: [Int] = []
        var index: [String: Int] = [:]
        for r in rows {
            let key = r.heading.ownerCode ?? ""
            let i: Int
            if let known = index[key] {
                i = known
            } else {
                i = totals.count
                index[key] = i
                totals.append(UnitTotals(ownerCode: r.heading.ownerCode, ownerName: r.heading.ownerName, indicators: 0,
                                         green: 0, yellow: 0, red: 0, none: 0, meanCompliance: nil))
                sums.append(.zero)
                counted.append(0)
            }
            totals[i].indicators += 1
            switch r.quarter.status {
            case .green: totals[i].green += 1
            case .yellow: totals[i].yellow += 1
            case .red: totals[i].red += 1
            case .none: totals[i].none += 1
            }
            if let c = r.quarter.compliance {
                sums[i] = sums[i] + c
                counted[i] += 1
            }
        }
        for i in totals.indices where counted[i] > 0 {
            totals[i].meanCompliance = sums[i].divided(by: counted[i], decimals: 2)
        }
        return totals
    }

    /// The last month with a reading, for every plan and year, in one pass:
    /// "to date" when no --through is given.
    static func lastReportedMonths(_ state: LedgerState) -> [String: Int] {
        var last: [String: Int] = [:]
        for ind in state.indicators.values {
            guard let m = ind.readings.keys.map(\.lastMonth).max() else { continue }
            let key = ind.definition.plan + "\u{0}\(ind.definition.year)"
            last[key] = max(last[key] ?? 0, m)
        }
        return last
    }

    /// Every indicator to date: through `through` (a month), or through the
    /// last month due at the view's cut (its reporting deadline passed), or
    /// the last month its plan has readings for, whichever is later, so a
    /// month overdue for everyone is missing here as in `quarter`.
    /// `rules` other than `.current` only to re-derive a snapshot's workbook
    /// written under older rules (before v3 "to date" was the last month the
    /// plan had readings for).
    public static func status(of state: LedgerState, scope: ReportScope = ReportScope(), through: Period? = nil,
                              horizon: ReportingHorizon = .everything, rules: FigureRules = .current) -> StatusView {
        var rows: [StatusRow] = []
        let lastMonths = through == nil ? lastReportedMonths(state) : [:]
        let programs = Programs(state)
        for ind in indicators(state, scope) {
            let d = ind.definition
            var month: Int?
            if let through {
                month = through.year == d.year ? through.lastMonth : (through.year > d.year ? 12 : nil)
            } else {
                let due = rules != .v3 ? nil : horizon.lastOverdueMonth >= d.year * 12 + 11 ? 12
                    : horizon.lastOverdueMonth >= d.year * 12 ? horizon.lastOverdueMonth - d.year * 12 + 1 : nil
                let reported = lastMonths[d.plan + "\u{0}\(d.year)"]
                month = [due, reported].compactMap { $0 }.max()
            }
            let b = bands(state, ind)
            let span = month.map { Span.make(ind, year: d.year, months: 1...$0, bands: b, rules: rules, horizon: horizon) }
                ?? Span.notApplicable
            let periods = month.map { Figures.duePeriods(ind, year: d.year, months: 1...$0) } ?? []
            rows.append(StatusRow(
                heading: IndicatorHeading(ind), through: month.map { .month(d.year, $0) }, toDate: span,
                progress: Figures.progress(executed: span.executed, annualTarget: ind.annualTarget, direction: d.direction),
                lastObservation: ind.observations.last, marks: Marks.make(ind, periods),
                budget: budget(state, ind, throughMonth: month ?? 12, programs: programs)))
        }
        return StatusView(entity: state.settings?.entity ?? "", scope: scope, head: state.head, rows: rows)
    }
}
