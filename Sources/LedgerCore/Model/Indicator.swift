// What is measured (indicador de desempeño) and how its months make a quarter.

/// How the months of a period make the period's value (tipo de acumulación).
public enum Aggregation: String, Sendable, CaseIterable, Codable {
    /// Counts: the quarter is the sum of its months.
    case sum
    /// Stocks and levels: the quarter is its last reported value.
    case last
    /// The mean of the reported values.
    case average
    /// Rates: sum of numerators over sum of denominators, times 100.
    case ratio
}

/// Whether more is better (ascending) or less is better (descending).
public enum Direction: String, Sendable, CaseIterable, Codable {
    case ascending, descending
}

/// Status bands (semáforo), in percent of compliance.
public struct StatusBands: Equatable, Sendable {
    /// Green at or above this compliance.
    public var green: DecimalNumber
    /// Yellow at or above this compliance; red below.
    public var yellow: DecimalNumber
    /// Optional: compliance above this is flagged (over-achievement means poor planning).
    public var ceiling: DecimalNumber?

    public init(green: DecimalNumber, yellow: DecimalNumber, ceiling: DecimalNumber? = nil) {
        self.green = green
        self.yellow = yellow
        self.ceiling = ceiling
    }

    public static let standard = StatusBands(green: DecimalNumber(90), yellow: DecimalNumber(70))
}

/// One level of the plan hierarchy an indicator hangs from: eje, estrategia,
/// línea de acción, objetivo; or programa, componente, actividad.
public struct PlanLevel: Equatable, Sendable {
    public var level: String
    public var value: String
    public init(level: String, value: String) { self.level = level; self.value = value }
}

/// An indicator as defined: the `indicator_defined` event's data.
public struct IndicatorDefinition: Equatable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// Unidad de medida: RECIBOS, CONTRATOS, ACCIONES, %.
    public var unit: String
    public var frequency: Frequency
    /// Fiscal (calendar) year.
    public var year: Int
    /// Meta anual.
    public var annualTarget: DecimalNumber
    /// Programado ENE..DIC: exactly 12 values when given.
    public var monthlyTargets: [DecimalNumber]?
    public var aggregation: Aggregation
    public var direction: Direction
    public var baseline: DecimalNumber?
    /// Unidad responsable: clave and name.
    public var ownerCode: String?
    public var ownerName: String?
    /// The plan (an entity's plan for one year) the indicator belongs to; "" for none.
    public var plan: String
    public var hierarchy: [PlanLevel]
    /// Per-indicator status bands; nil means the ledger's.
    public var bands: StatusBands?
    // The fields the transparency formats ask for (art. 70 fr. V and VI);
    // all optional, format version 2.
    /// Dimensión a medir: eficacia, eficiencia, calidad, economía.
    public var dimension: String?
    /// Definición del indicador: what it measures, briefly.
    public var definitionText: String?
    /// Método de cálculo, with the variables of the formula.
    public var method: String?
    /// Fuente de información: where the figures come from.
    public var informationSource: String?
    /// Objetivo institucional the indicator serves.
    public var objective: String?

    public init(id: String, name: String, description: String? = nil, unit: String, frequency: Frequency = .monthly,
                year: Int, annualTarget: DecimalNumber, monthlyTargets: [DecimalNumber]? = nil,
                aggregation: Aggregation = .sum, direction: Direction = .ascending, baseline: DecimalNumber? = nil,
                ownerCode: String? = nil, ownerName: String? = nil, plan: String = "", hierarchy: [PlanLevel] = [],
                bands: StatusBands? = nil, dimension: String? = nil, definitionText: String? = nil, method: String? = nil,
                informationSource: String? = nil, objective: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.unit = unit
        self.frequency = frequency
        self.year = year
        self.annualTarget = annualTarget
        self.monthlyTargets = monthlyTargets
        self.aggregation = aggregation
        self.direction = direction
        self.baseline = baseline
        self.ownerCode = ownerCode
        self.ownerName = ownerName
        self.plan = plan
        self.hierarchy = hierarchy
        self.bands = bands
        self.dimension = dimension
        self.definitionText = definitionText
        self.method = method
        self.informationSource = informationSource
        self.objective = objective
    }

    /// True when it uses a field of format version 2.
    public var needsFormatVersion2: Bool {
        dimension != nil || definitionText != nil || method != nil || informationSource != nil || objective != nil
    }

    /// True when `period` is one this indicator is measured for: of its
    /// frequency and within its year.
    public func accepts(_ period: Period) -> Bool {
        period.frequency == frequency && period.year == year
    }
}

/// What a reading carries: a value, or for ratio indicators a numerator and
/// a denominator (the value is their quotient times 100).
public enum Measurement: Equatable, Sendable {
    case value(DecimalNumber)
    case ratio(numerator: DecimalNumber, denominator: DecimalNumber)

    /// The figure shown for this one measurement.
    public var value: DecimalNumber? {
        switch self {
        case .value(let v): return v
        case .ratio(let n, let d): return n.percent(of: d)
        }
    }

    public var description: String {
        switch self {
        case .value(let v): return v.description
        case .ratio(let n, let d): return "\(n)/\(d)"
        }
    }
}

/// Budget figures for a program, component or activity at a period.
public struct BudgetFigures: Equatable, Sendable {
    /// Modificado.
    public var modified: DecimalNumber
    /// Devengado.
    public var accrued: DecimalNumber
    /// Pagado.
    public var paid: DecimalNumber
    /// Aprobado, comprometido, ejercido: optional.
    public var approved: DecimalNumber?
    public var committed: DecimalNumber?
    public var exercised: DecimalNumber?

    public init(modified: DecimalNumber, accrued: DecimalNumber, paid: DecimalNumber,
                approved: DecimalNumber? = nil, committed: DecimalNumber? = nil, exercised: DecimalNumber? = nil) {
        self.modified = modified
        self.accrued = accrued
        self.paid = paid
        self.approved = approved
        self.committed = committed
        self.exercised = exercised
    }

    /// %AV.FIN: accrued / modified, in percent.
    public var financialProgress: DecimalNumber? { accrued.percent(of: modified) }
}
