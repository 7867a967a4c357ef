// The generator: a realistic synthetic ledger of exactly N events, written
// through the real append path (`Ledger.append`: decide, encode, write,
// fsync, index), one batch per body and month as planning offices do.
//
// The story it tells, month after month of recorded time:
// - January, days 2-10: every body defines its plan for the year (one batch).
// - Days 1-10 of each month: every body reports last month's readings, with
//   observations and (at quarter ends) budget, as one batch file would.
// - Days 11-19: reprogrammings (target changes) and corrections, some of
//   them to quarters already closed (post-close adjustments, with a reason).
// - Days 20-24 of January, April, July, October: each body closes the
//   quarter that ended.
// - Days 25-28 of those months: a few post-close adjustments.
// The phases never overlap in time, so the model the generator keeps (which
// readings exist, which quarters are closed) is always the ledger's.
//
// Deterministic: the same events, seed and first year give a byte-identical
// journal, because every recorded time comes from the seeded clock and no
// choice depends on Dictionary or Set order.

import LedgerCore
import LedgerCrypto
import LedgerStore
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

/// How big a synthetic ledger is: bodies, years, and the first year.
public struct GeneratorShape: Equatable, Sendable {
    public var events: Int
    /// The span planned for: a municipality writes ~10^4 events a year, a
    /// federating audit office or a ten-year ledger reaches millions.
    public var years: Int
    public var bodies: Int
    public var firstYear: Int

    /// Roughly how many events one body writes in a year (40 indicators).
    public static let eventsPerBodyYear = 600

    public static func forEvents(_ events: Int, firstYear: Int = 2016) -> GeneratorShape {
        let years = events < 5_000 ? 1 : events <= 20_000 ? 2 : events <= 200_000 ? 5 : 10
        let bodies = max(2, (events + years * eventsPerBodyYear - 1) / (years * eventsPerBodyYear))
        return GeneratorShape(events: events, years: years, bodies: bodies, firstYear: firstYear)
    }
}

/// What was generated: the facts the bench needs to ask sensible questions.
public struct GeneratedLedger: Equatable, Sendable {
    public var events: Int
    public var seed: UInt64
    public var generatorVersion: Int
    public var bodies: Int
    public var indicators: Int
    public var firstYear: Int
    public var lastYear: Int
    /// Events of each type, keyed by the journal's type name, in EventType order.
    public var counts: [(String, Int)]
    public var firstAt: Timestamp
    public var lastAt: Timestamp
    /// The last quarter closed: the board's current quarter view.
    public var reportQuarter: String
    /// An indicator with many events (readings, corrections, target changes).
    public var busiestIndicator: String
    public var journalBytes: Int64
    public var head: String
    public var batches: Int
    public var actors: Int
    /// `none`, `batch` or `event` (GeneratorSigning's raw value).
    public var signing = GeneratorSigning.none.rawValue

    public static func == (a: GeneratedLedger, b: GeneratedLedger) -> Bool {
        a.events == b.events && a.seed == b.seed && a.generatorVersion == b.generatorVersion && a.bodies == b.bodies
            && a.indicators == b.indicators && a.firstYear == b.firstYear && a.lastYear == b.lastYear
            && a.counts.map(\.0) == b.counts.map(\.0) && a.counts.map(\.1) == b.counts.map(\.1)
            && a.firstAt == b.firstAt && a.lastAt == b.lastAt && a.reportQuarter == b.reportQuarter
            && a.busiestIndicator == b.busiestIndicator && a.journalBytes == b.journalBytes && a.head == b.head
            && a.batches == b.batches && a.actors == b.actors && a.signing == b.signing
    }

    public func count(of type: EventType) -> Int { counts.first { $0.0 == type.rawValue }?.1 ?? 0 }
}

/// Whether and how a generated ledger is signed (issue 12): not at all, one
/// signature per batch (a body's month of readings signed once), or one per
/// event (a clerk typing single readings, each signed). Signed ledgers
/// require signatures; every person is a member with a key made from the
/// seed and their name (`SSHSignature.sign`: the bytes ssh-keygen makes).
public enum GeneratorSigning: String, Sendable {
    case none, batch, event
}

public enum GeneratorError: Error, CustomStringConvertible {
    case refused(batch: String, reasons: String)
    case exists(String)

    public var description: String {
        switch self {
        case .refused(let batch, let reasons): return "the ledger refused a generated batch (\(batch)): \(reasons); this is a generator bug"
        case .exists(let dir): return "\(dir) already holds a ledger; generate into an empty directory"
        }
    }
}

/// One body (organismo, oficina, alcaldía) and its people.
struct Body {
    var index: Int
    var kind: BodyKind
    var code: String
    var name: String
    var short: String
    var units: [(String, String)]
    var reporters: [String]
    var planner: String
    var head: String
    var osUser: String
    var indicatorCount: Int
    var templates: [Int]
}

/// An indicator of one body's plan for one year, as the generator models it.
final class ModelIndicator {
    let id: String
    let template: IndicatorTemplate
    let frequency: Frequency
    let year: Int
    let plan: String
    let periods: [Period]
    /// A period's typical value (sum: the period's total; others: the level).
    let base: [Double]
    let hasBudget: Bool
    let budgetAnnual: Double
    var readings: [Measurement?]
    var skipped: [Int] = []
    var events = 1

    init(id: String, template: IndicatorTemplate, frequency: Frequency, year: Int, plan: String, base: [Double], hasBudget: Bool, budgetAnnual: Double) {
        self.id = id
        self.template = template
        self.frequency = frequency
        self.year = year
        self.plan = plan
        self.periods = Period.year(year).periods(of: frequency)
        self.base = base
        self.hasBudget = hasBudget
        self.budgetAnnual = budgetAnnual
        readings = Array(repeating: nil, count: periods.count)
    }

    /// The index of the period that ends in `month`, if one does.
    func periodIndex(endingIn month: Int) -> Int? {
        periods.firstIndex { $0.lastMonth == month }
    }
}

/// A batch to append at a time, by someone.
struct Job {
    var at: Timestamp
    var order: Int
    var actor: String
    var osUser: String
    var label: String
    var commands: [(Command, String?)]
}

public enum Generator {
    /// Bump when the generated journal changes, so cached ledgers are rebuilt.
    /// 2: the seeded clock never runs behind the journal (a job dated before the
    /// last event is recorded 1 µs after it, as a clerk's clock would be moved on),
    /// since the ledger refuses a clock far behind its last event; and journals
    /// are written by format 2 with rules edition 2.
    public static let version = 2

    /// Probabilities, tuned so that the mix is ~20 % observations, ~5 %
    /// target changes and ~3 % corrections of all events.
    static let observationChance = 0.33
    static let targetChangeChance = 0.062
    static let recentCorrectionChance = 0.036
    static let olderCorrectionChance = 0.012
    static let skipChance = 0.02
    static let lateReadingChance = 0.5
    static let postCloseChance = 0.25

    /// Writes a ledger of exactly `events` events into `directory` (which
    /// must not hold one) and returns what it made. `progress` is told the
    /// number of events written after each batch.
    public static func generate(events: Int, seed: UInt64, into directory: String, firstYear: Int = 2016, signing: GeneratorSigning = .none,
                                progress: (Int) -> Void = { _ in }) throws -> GeneratedLedger {
        var g = GeneratorRun(shape: .forEvents(max(events, 1), firstYear: firstYear), seed: seed, directory: directory)
        g.signing = signing
        return try g.run(progress: progress)
    }
}

/// The members' signings of one generation, made once per person.
final class Signers {
    var byName: [String: BatchSigning] = [:]
}

/// One generation, with its model of the ledger.
struct GeneratorRun {
    let shape: GeneratorShape
    let seed: UInt64
    let ledger: Ledger
    var bodies: [Body] = []
    /// plans[year - firstYear][body] = the body's indicators that year.
    var plans: [[[ModelIndicator]]] = []
    /// closed[year - firstYear][body][quarter - 1]
    var closed: [[[Bool]]] = []
    var written = 0
    var batches = 0
    var counts = Array(repeating: 0, count: EventType.allCases.count)
    var firstAt = Timestamp(microseconds: 0)
    var lastAt = Timestamp(microseconds: 0)
    var lastClosed: Period?
    var jobOrder = 0
    var signing = GeneratorSigning.none
    let signers = Signers()

    init(shape: GeneratorShape, seed: UInt64, directory: String) {
        self.shape = shape
        self.seed = seed
        ledger = Ledger(paths: LedgerPaths(directory: directory))
    }

    // MARK: The bodies

    mutating func makeBodies() {
        var used = Set<String>()
        for i in 0..<shape.bodies {
            var r = SplitMix64(seed: seed, path: 1, UInt64(i))
            let kind = BodyKind.allCases[i % 3]
            let city = Catalogue.cities[i % Catalogue.cities.count] + (i >= Catalogue.cities.count ? " \(i / Catalogue.cities.count + 1)" : "")
            let code = kind.prefix + pad(i + 1, 3)
            func person() -> String {
                while true {
                    let name = r.portablePick(Catalogue.firstNames) + "." + r.portablePick(Catalogue.surnames)
                    let unique = used.contains(name) ? name + String(r.portableInt(2...99)) : name
                    if used.insert(unique).inserted { return unique }
                }
            }
            let reporters = (0..<r.portableInt(2...4)).map { _ in person() }
            let templates: [Int]
            switch kind {
            case .waterUtility: templates = [0, 1, 2, 3, 6, 11, 12, 13, 14, 17, 18, 19]
            case .taxOffice: templates = [4, 5, 6, 8, 15, 16, 17, 19]
            case .municipality: templates = [6, 7, 8, 9, 10, 16, 17, 19]
            }
            bodies.append(Body(index: i, kind: kind, code: code, name: "\(kind.namePrefix) \(city)", short: city,
                               units: kind.units, reporters: reporters, planner: person(), head: person(),
                               osUser: code.lowercased() + "-captura", indicatorCount: r.portableInt(25...55), templates: templates))
        }
    }

    // MARK: Plans

    func decimal(_ x: Double, _ decimals: Int) -> DecimalNumber {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return DecimalNumber(mantissa: Int128((x * scale).rounded()), scale: decimals)
    }

    func planName(_ body: Body, _ year: Int) -> String {
        (body.kind == .taxOffice ? "POI " : "POA ") + "\(year) " + body.short
    }

    /// The year's plan of one body: its indicator definitions, and the model.
    mutating func definePlan(_ body: Body, year: Int, r: inout SplitMix64) -> [(Command, String?)] {
        let plan = planName(body, year)
        var model: [ModelIndicator] = []
        var commands: [(Command, String?)] = []
        let count = body.indicatorCount + r.portableInt(-3...3)
        for k in 0..<count {
            let template = Catalogue.templates[body.templates[k % body.templates.count]]
            let frequency: Frequency = k < 3 ? .monthly : r.portableWeighted([(.monthly, 70), (.quarterly, 15), (.semiannual, 10), (.annual, 5)])
            let typical = template.typical.lowerBound + r.portableUnit() * (template.typical.upperBound - template.typical.lowerBound)
            let periods = Period.year(year).periods(of: frequency)
            // Monthly schedule with a season; periods of other frequencies aggregate it.
            let season = (0..<12).map { m in 1.0 + 0.25 * sin(Double(m + body.index) * 0.52) * (template.aggregation == .sum ? 1 : 0.1) }
            let monthly = season.map { typical * $0 }
            func periodBase(_ p: Period) -> Double {
                let values = p.months.map { monthly[$0 - 1] }
                return template.aggregation == .sum ? values.reduce(0, +) : values[values.count - 1]
            }
            let base = periods.map(periodBase)
            let annual = template.aggregation == .sum ? monthly.reduce(0, +) : typical
            let withSchedule = r.portableChance(template.aggregation == .sum ? 0.5 : 0.3)
            var hierarchy: [PlanLevel] = []
            var hasBudget = false
            switch body.kind {
            case .waterUtility:
                let program = Catalogue.programs[k % Catalogue.programs.count]
                if k < Catalogue.programs.count {
                    hierarchy = [PlanLevel(level: "programa", value: program.0)]
                    hasBudget = true
                } else {
                    hierarchy = [PlanLevel(level: "programa", value: program.0),
                                 PlanLevel(level: "componente", value: program.1[k % 2]),
                                 PlanLevel(level: "actividad", value: "A\(pad(k, 2)) " + template.name)]
                    hasBudget = r.portableChance(0.4)
                }
            case .municipality:
                let axis = Catalogue.axes[k % Catalogue.axes.count]
                hierarchy = [PlanLevel(level: "eje", value: axis.0), PlanLevel(level: "estrategia", value: axis.1),
                             PlanLevel(level: "línea de acción", value: "L\(k % 7 + 1) " + template.name.lowercased()),
                             PlanLevel(level: "objetivo", value: "O\(k % 5 + 1) MEJORAR LA ATENCION A LA POBLACION")]
            case .taxOffice:
                break
            }
            let unit = body.units[k % body.units.count]
            let id = "\(body.code)-\(pad(k + 1, 3))-\(year)"
            let definition = IndicatorDefinition(
                id: id, name: template.name, description: template.description, unit: template.unit, frequency: frequency,
                year: year, annualTarget: decimal(annual, template.decimals),
                monthlyTargets: withSchedule ? monthly.map { decimal($0, template.decimals) } : nil,
                aggregation: template.aggregation, direction: template.direction,
                baseline: r.portableChance(0.3) ? decimal(annual * 0.9, template.decimals) : nil,
                ownerCode: unit.0, ownerName: unit.1, plan: plan, hierarchy: hierarchy,
                bands: r.portableChance(0.1) ? StatusBands(green: DecimalNumber(95), yellow: DecimalNumber(80), ceiling: DecimalNumber(130)) : nil)
            commands.append((.defineIndicator(definition), nil))
            model.append(ModelIndicator(id: id, template: template, frequency: frequency, year: year, plan: plan, base: base,
                                        hasBudget: hasBudget, budgetAnnual: 1_000_000 + r.portableUnit() * 49_000_000))
        }
        let y = year - shape.firstYear
        while plans.count <= y {
            plans.append(Array(repeating: [], count: bodies.count))
            closed.append(Array(repeating: [false, false, false, false], count: bodies.count))
        }
        plans[y][body.index] = model
        return commands
    }

    func indicators(_ body: Int, _ year: Int) -> [ModelIndicator] {
        let y = year - shape.firstYear
        guard y >= 0, y < plans.count else { return [] }
        return plans[y][body]
    }

    func isClosed(_ body: Int, _ period: Period) -> Bool {
        let y = period.year - shape.firstYear
        guard y >= 0, y < closed.count else { return false }
        return closed[y][body][(period.lastMonth - 1) / 3]
    }

    // MARK: Values

    func measurement(_ ind: ModelIndicator, _ i: Int, r: inout SplitMix64) -> Measurement {
        let t = ind.template
        let base = ind.base[i]
        switch t.aggregation {
        case .sum: return .value(decimal(base * (0.55 + r.portableUnit() * 0.75), t.decimals))
        case .last: return .value(decimal(min(base * (0.9 + r.portableUnit() * 0.18), t.unit == "%" ? 100 : .infinity), t.decimals))
        case .average: return .value(decimal(base * (0.7 + r.portableUnit() * 0.7), t.decimals))
        case .ratio:
            let denominator = t.decimals == 0 ? Double(r.portableInt(40...900)) : 200_000 + r.portableUnit() * 9_000_000
            let rate = min(base * (0.85 + r.portableUnit() * 0.23), 100) / 100
            return .ratio(numerator: decimal(denominator * rate, t.decimals), denominator: decimal(denominator, t.decimals))
        }
    }

    func corrected(_ m: Measurement, _ ind: ModelIndicator, r: inout SplitMix64) -> Measurement {
        let step = DecimalNumber(mantissa: 1, scale: ind.template.decimals)
        switch m {
        case .value(let v):
            let factor = r.portableChance(0.5) ? 0.9 + r.portableUnit() * 0.08 : 1.02 + r.portableUnit() * 0.08
            var n = DecimalNumber(mantissa: v.mantissa * Int128((factor * 1000).rounded()) / 1000, scale: v.scale)
            if n == v { n = v + step }
            return .value(n)
        case .ratio(let num, let den):
            var n = DecimalNumber(mantissa: num.mantissa * Int128(((0.9 + r.portableUnit() * 0.1) * 1000).rounded()) / 1000, scale: num.scale)
            if n == num { n = num.isZero ? step : num - step }
            if n.isNegative { n = .zero }
            return .ratio(numerator: n, denominator: den)
        }
    }

    // MARK: Time

    /// A local office time on `day` of (year, month), as a UTC timestamp.
    func time(_ body: Body, year: Int, month: Int, days: ClosedRange<Int>, r: inout SplitMix64) -> Timestamp {
        let day = min(r.portableInt(days), Timestamp.daysInMonth(year: year, month: month))
        let local = Timestamp(year: year, month: month, day: day, hour: r.portableInt(8...18), minute: r.portableInt(0...59),
                              second: r.portableInt(0...59), microsecond: r.portableInt(0...999_999))
        return Timestamp(microseconds: local.microseconds - Int64(body.kind.utcOffsetHours) * 3_600_000_000)
    }

    mutating func job(_ at: Timestamp, _ actor: String, _ body: Body, _ label: String, _ commands: [(Command, String?)]) -> Job {
        jobOrder += 1
        return Job(at: at, order: jobOrder, actor: actor, osUser: body.osUser, label: label, commands: commands)
    }

    // MARK: The months

    /// The batches recorded in calendar month (year, month), in time order.
    mutating func jobs(year: Int, month: Int) -> [Job] {
        var jobs: [Job] = []
        let (reportYear, reportMonth) = month == 1 ? (year - 1, 12) : (year, month - 1)
        let closing: Period? = month % 3 == 1 ? Period.quarter(reportYear, (reportMonth - 1) / 3 + 1) : nil

        // Days 1-10: plans (January) and last month's readings.
        for body in bodies {
            var r = SplitMix64(seed: seed, path: 2, UInt64(year), UInt64(month), UInt64(body.index))
            if month == 1 {
                let commands = definePlan(body, year: year, r: &r)
                jobs.append(job(time(body, year: year, month: 1, days: 2...10, r: &r), body.planner, body, "\(body.code) plan \(year)", commands))
            }
            let due = indicators(body.index, reportYear)
            guard !due.isEmpty else { continue }
            var commands: [(Command, String?)] = []
            let file = "\(body.code.lowercased())-\(reportYear)-\(pad(reportMonth, 2)).csv"
            func source() -> String { "\(file):\(commands.count + 2)" }
            for ind in due {
                guard let i = ind.periodIndex(endingIn: reportMonth) else { continue }
                let period = ind.periods[i]
                if r.portableChance(Generator.skipChance) {
                    ind.skipped.append(i)
                } else {
                    let m = measurement(ind, i, r: &r)
                    commands.append((.recordReading(indicator: ind.id, period: period, measurement: m,
                                                    note: r.portableChance(0.04) ? "Cifra preliminar" : nil, postClose: false, reason: nil), source()))
                    ind.readings[i] = m
                    ind.events += 1
                    if r.portableChance(Generator.observationChance) {
                        commands.append((.addObservation(indicator: ind.id, period: period, text: r.portablePick(Catalogue.observations)), source()))
                        ind.events += 1
                    }
                }
                if ind.hasBudget && reportMonth % 3 == 0 {
                    let share = Double(reportMonth) / 12
                    let modified = ind.budgetAnnual * (0.95 + r.portableUnit() * 0.15)
                    let accrued = modified * share * (0.6 + r.portableUnit() * 0.4)
                    let paid = accrued * (0.8 + r.portableUnit() * 0.2)
                    commands.append((.recordBudget(indicator: ind.id, period: .quarter(reportYear, reportMonth / 3),
                                                   figures: BudgetFigures(modified: decimal(modified, 2), accrued: decimal(accrued, 2), paid: decimal(paid, 2))), source()))
                    ind.events += 1
                }
            }
            if !commands.isEmpty {
                let reporter = body.reporters[reportMonth % body.reporters.count]
                jobs.append(job(time(body, year: year, month: month, days: 1...10, r: &r), reporter, body, file, commands))
            }
        }

        // Days 11-19: reprogrammings, corrections, late readings.
        for body in bodies {
            var r = SplitMix64(seed: seed, path: 3, UInt64(year), UInt64(month), UInt64(body.index))
            var commands: [(Command, String?)] = []
            for ind in indicators(body.index, year) where r.portableChance(Generator.targetChangeChance) {
                if r.portableChance(0.2) || ind.frequency == .annual {
                    let total = ind.template.aggregation == .sum ? ind.base.reduce(0, +) : ind.base[0]
                    commands.append((.changeTarget(indicator: ind.id, change: .annual(decimal(total * (0.85 + r.portableUnit() * 0.35), ind.template.decimals)),
                                                   reason: r.portablePick(Catalogue.targetReasons)), nil))
                } else {
                    let open = ind.periods.indices.filter { ind.periods[$0].lastMonth >= month }
                    guard !open.isEmpty else { continue }
                    let i = r.portablePick(open)
                    commands.append((.changeTarget(indicator: ind.id, change: .period(ind.periods[i], decimal(ind.base[i] * (0.8 + r.portableUnit() * 0.4), ind.template.decimals)),
                                                   reason: r.portablePick(Catalogue.targetReasons)), nil))
                }
                ind.events += 1
            }
            for ind in indicators(body.index, reportYear) {
                if let i = ind.periodIndex(endingIn: reportMonth), let m = ind.readings[i], r.portableChance(Generator.recentCorrectionChance) {
                    commands.append(correction(ind, i, m, body: body.index, r: &r))
                } else if r.portableChance(Generator.olderCorrectionChance) {
                    let earlier = ind.readings.indices.filter { ind.readings[$0] != nil && ind.periods[$0].lastMonth < reportMonth }
                    if !earlier.isEmpty {
                        let i = r.portablePick(earlier)
                        commands.append(correction(ind, i, ind.readings[i]!, body: body.index, r: &r))
                    }
                }
                if let late = ind.skipped.first, r.portableChance(Generator.lateReadingChance) {
                    ind.skipped.removeFirst()
                    let period = ind.periods[late]
                    let m = measurement(ind, late, r: &r)
                    let post = isClosed(body.index, period)
                    commands.append((.recordReading(indicator: ind.id, period: period, measurement: m, note: "Lectura extemporánea",
                                                    postClose: post, reason: post ? r.portablePick(Catalogue.postCloseReasons) : nil), nil))
                    ind.readings[late] = m
                    ind.events += 1
                }
            }
            if !commands.isEmpty {
                jobs.append(job(time(body, year: year, month: month, days: 11...19, r: &r), body.planner, body, "\(body.code) amendments \(year)-\(pad(month, 2))", commands))
            }
        }

        // Days 20-24: quarter closes; days 25-28: post-close adjustments.
        if let q = closing {
            for body in bodies where !indicators(body.index, q.year).isEmpty {
                var r = SplitMix64(seed: seed, path: 4, UInt64(year), UInt64(month), UInt64(body.index))
                jobs.append(job(time(body, year: year, month: month, days: 20...24, r: &r), body.head, body, "\(body.code) close \(q)",
                                [(.closeQuarter(quarter: q, plan: planName(body, q.year)), nil)]))
                closed[q.year - shape.firstYear][body.index][q.quarterNumber - 1] = true
                lastClosed = q
                guard r.portableChance(Generator.postCloseChance) else { continue }
                let candidates = indicators(body.index, q.year).filter { ind in ind.readings.indices.contains { ind.readings[$0] != nil && q.contains(ind.periods[$0]) } }
                guard !candidates.isEmpty else { continue }
                let ind = r.portablePick(candidates)
                let i = ind.readings.indices.first { ind.readings[$0] != nil && q.contains(ind.periods[$0]) }!
                jobs.append(job(time(body, year: year, month: month, days: 25...28, r: &r), body.planner, body, "\(body.code) post-close \(q)",
                                [correction(ind, i, ind.readings[i]!, body: body.index, r: &r)]))
            }
        }
        return jobs.sorted { ($0.at, $0.order) < ($1.at, $1.order) }
    }

    mutating func correction(_ ind: ModelIndicator, _ i: Int, _ m: Measurement, body: Int, r: inout SplitMix64) -> (Command, String?) {
        let period = ind.periods[i]
        let post = isClosed(body, period)
        let n = corrected(m, ind, r: &r)
        ind.readings[i] = n
        ind.events += 1
        let reason = post ? r.portablePick(Catalogue.postCloseReasons) : r.portablePick(Catalogue.correctionReasons)
        return (.correctReading(indicator: ind.id, period: period, measurement: n, reason: reason, postClose: post), nil)
    }

    // MARK: Writing

    /// The signing of a person's batches: a key from the seed and the name,
    /// derived once per person (a derivation is a scalar multiplication).
    func signing(_ name: String) -> BatchSigning {
        if let known = signers.byName[name] { return known }
        var r = SplitMix64(seed: seed ^ 0x5167_0000)
        var seed = (0..<32).map { _ in UInt8.random(in: 0...255, using: &r) }
        for (i, b) in name.utf8.enumerated() { seed[i % 32] ^= b }
        let key = try! SSHPublicKey(ed25519: Ed25519.publicKey(seed: seed), comment: name + " (benchmark)")
        let secret = seed
        let made = BatchSigning(publicKey: key) { try SSHSignature.sign(message: $0, namespace: SignedBatch.namespace, seed: secret).blob }
        signers.byName[name] = made
        return made
    }

    mutating func append(_ job: Job, limit: Int) throws {
        guard signing != .none else { return try appendBatch(job, limit: limit) }
        if signing == .batch { return try appendBatch(job, limit: limit - 1) }
        // One signature per event: each command its own signed batch.
        for (k, c) in job.commands.enumerated() {
            guard written + 2 <= shape.events || k == 0 else { return }
            var one = job
            one.commands = [c]
            one.at = Timestamp(microseconds: job.at.microseconds + Int64(k) * 3)
            try appendBatch(one, limit: max(0, min(1, shape.events - written - 1)))
        }
    }

    mutating func appendBatch(_ job: Job, limit: Int) throws {
        let commands = job.commands.count > limit ? Array(job.commands.prefix(max(0, limit))) : job.commands
        guard !commands.isEmpty else { return }
        let author = Author(actor: job.actor, osUser: job.osUser)
        let sign = signing == .none ? nil : signing(job.actor)
        let at = max(job.at, Timestamp(microseconds: lastAt.microseconds + 1))
        switch try ledger.append(commands, by: author, signing: sign, clock: { at }) {
        case .success(let receipts):
            written += receipts.count
            batches += 1
            lastAt = receipts.last?.at ?? lastAt
            for (command, _) in commands { counts[typeIndex(command)] += 1 }
            if sign != nil { counts[EventType.allCases.firstIndex(of: .batchSigned)!] += 1 }
        case .failure(let refusal):
            let reasons = refusal.refusals.prefix(3).map { "row \($0.0 + 1): \($0.1)" }.joined(separator: "; ")
            throw GeneratorError.refused(batch: job.label, reasons: reasons)
        }
    }

    func typeIndex(_ command: Command) -> Int {
        EventType.allCases.firstIndex(of: command.eventType)!
    }

    mutating func run(progress: (Int) -> Void) throws -> GeneratedLedger {
        guard !ledger.exists else { throw GeneratorError.exists(ledger.paths.directory) }
        makeBodies()
        let opening = Timestamp(year: shape.firstYear, month: 1, day: 2, hour: 15)
        let settings = LedgerSettings(entity: "Auditoría Superior del Estado: consolidado sintético (semilla \(seed))",
                                      timeZone: "America/Mexico_City")
        if signing == .none {
            let receipt = try ledger.create(settings, by: Author(actor: "auditoria.superior", osUser: "asf-admin"), clock: { opening })
            written = 1
            counts[0] = 1
            firstAt = receipt.at
            lastAt = receipt.at
        } else {
            // The opening, the admin and every person as a member (planner and recorder), signatures required: one signed batch.
            let admin = signing("auditoria.superior")
            var commands: [(Command, String?)] = [(.open(settings), nil),
                                                  (.addMember(MemberRecord(name: "auditoria.superior", publicKey: admin.publicKey, roles: [.admin])), nil),
                                                  (.requireSignatures, nil)]
            var seen = Set<String>()
            for b in bodies {
                for name in b.reporters + [b.planner, b.head] where seen.insert(name).inserted {
                    commands.append((.addMember(MemberRecord(name: name, publicKey: signing(name).publicKey, roles: [.planner, .recorder])), nil))
                }
            }
            try ledger.createEmpty()
            switch try ledger.append(commands, by: Author(actor: "auditoria.superior", osUser: "asf-admin"), signing: admin, clock: { opening }) {
            case .success(let receipts):
                written = receipts.count
                counts[0] = 1
                counts[EventType.allCases.firstIndex(of: .memberAdded)!] = commands.count - 2
                counts[EventType.allCases.firstIndex(of: .signaturesRequired)!] = 1
                counts[EventType.allCases.firstIndex(of: .batchSigned)!] = 1
                firstAt = receipts[0].at
                lastAt = receipts.last!.at
            case .failure(let refusal):
                throw GeneratorError.refused(batch: "opening", reasons: refusal.refusals.prefix(3).map { "row \($0.0 + 1): \($0.1)" }.joined(separator: "; "))
            }
        }
        var year = shape.firstYear, month = 1
        // A signed batch is at least two events: a signed ledger may end one short of the size asked.
        let target = shape.events - (signing == .none ? 0 : 1)
        while written < target {
            for job in jobs(year: year, month: month) {
                try append(job, limit: shape.events - written)
                if written >= target { break }
            }
            progress(written)
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        let all = plans.flatMap { $0.flatMap { $0 } }
        let busiest = all.max { ($0.events, $1.id) < ($1.events, $0.id) }
        let size = try ledger.journalSize()
        let head = try ledger.verify()
        var actors = Set<String>(["auditoria.superior"])
        for b in bodies { actors.formUnion(b.reporters + [b.planner, b.head]) }
        return GeneratedLedger(
            events: written, seed: seed, generatorVersion: Generator.version, bodies: bodies.count, indicators: all.count,
            firstYear: shape.firstYear, lastYear: shape.firstYear + plans.count - 1,
            counts: zip(EventType.allCases, counts).map { ($0.0.rawValue, $0.1) }, firstAt: firstAt, lastAt: lastAt,
            reportQuarter: lastClosed?.description ?? "\(shape.firstYear)-Q1", busiestIndicator: busiest?.id ?? "",
            journalBytes: size, head: head.digest, batches: batches, actors: actors.count, signing: signing.rawValue)
    }
}

/// `v` with leading zeros to `width` digits.
func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
