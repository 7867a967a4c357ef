// Turns named fields into a Command. One path for the three ways a user
// says what to record: `append` flags, a CSV batch row, a JSON-lines batch
// row. Field names are the flag names without dashes; `-` and `_` are
// interchangeable.

import LedgerCore

/// A field that is missing (a usage error on the command line) or invalid.
struct FieldError: Error {
    enum Kind { case missing, invalid }
    var kind: Kind
    var message: Localized
}

/// The fields each event type accepts (for usage checks and batch headers).
enum EventFields {
    static let byType: [String: [String]] = [
        "indicator": ["id", "name", "unit", "year", "annual-target", "monthly-targets", "frequency", "aggregation", "direction",
                      "baseline", "owner", "owner-name", "plan", "description", "hierarchy", "green", "yellow", "ceiling"],
        "target": ["indicator", "annual-target", "period", "value", "reason"],
        "reading": ["indicator", "period", "value", "numerator", "denominator", "note", "post-close", "reason"],
        "correction": ["indicator", "period", "value", "numerator", "denominator", "reason", "post-close"],
        "observation": ["indicator", "period", "text"],
        "budget": ["indicator", "period", "modified", "accrued", "paid", "approved", "committed", "exercised"],
        "close": ["quarter", "plan"],
    ]
}

struct CommandBuilder {
    var fields: [String: String]

    init(fields: [String: String]) {
        var normalized: [String: String] = [:]
        for (k, v) in fields { normalized[String(k.lowercased().map { $0 == "_" ? "-" : $0 })] = v }
        self.fields = normalized
    }

    /// A field's text, trimmed; nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let v = fields[name] else { return nil }
        let t = v.trimmingSpaces
        return t.isEmpty ? nil : t
    }

    func required(_ name: String) throws -> String {
        guard let v = text(name) else {
            throw FieldError(kind: .missing, message: Localized("missing \(name)", "falta \(name)"))
        }
        return v
    }

    func number(_ name: String) throws -> DecimalNumber {
        try parseNumber(try required(name), name)
    }

    func optionalNumber(_ name: String) throws -> DecimalNumber? {
        guard let t = text(name) else { return nil }
        return try parseNumber(t, name)
    }

    func parseNumber(_ t: String, _ name: String) throws -> DecimalNumber {
        switch DecimalNumber.parse(t) {
        case .success(let d): return d
        case .failure(let e):
            let (en, es): (String, String)
            switch e {
            case .tooManyDigits: (en, es) = ("has more than 18 digits", "tiene más de 18 dígitos")
            case .tooManyDecimals: (en, es) = ("has more than 9 decimals", "tiene más de 9 decimales")
            case .empty, .notANumber: (en, es) = ("is not a number", "no es un número")
            }
            throw FieldError(kind: .invalid, message: Localized(
                "\(name) \"\(t.clipped)\" \(en); write digits with a point for decimals and no thousands separators, e.g. 14757499.81",
                "\(name) \"\(t.clipped)\" \(es); escriba dígitos con punto decimal y sin separadores de miles, p. ej. 14757499.81"))
        }
    }

    func period(_ name: String = "period") throws -> Period {
        let t = try required(name)
        guard let p = Period(t) else {
            throw FieldError(kind: .invalid, message: Localized(
                "\(name) \"\(t.clipped)\" is not a period; write 2017-03 (month), 2017-Q1 (quarter), 2017-H1 (half) or 2017 (year)",
                "\(name) \"\(t.clipped)\" no es un periodo; escriba 2017-03 (mes), 2017-Q1 (trimestre), 2017-H1 (semestre) o 2017 (año)"))
        }
        return p
    }

    func flag(_ name: String) throws -> Bool {
        guard let t = text(name)?.lowercased() else { return false }
        switch t {
        case "true", "yes", "si", "sí", "1", "x": return true
        case "false", "no", "0": return false
        default:
            throw FieldError(kind: .invalid, message: Localized("\(name) must be true or false, not \"\(t.clipped)\"",
                                                                "\(name) debe ser true o false, no \"\(t.clipped)\""))
        }
    }

    func choice<T>(_ name: String, _ parse: (String) -> T?, _ allowed: String) throws -> T? {
        guard let t = text(name) else { return nil }
        guard let v = parse(t) else {
            throw FieldError(kind: .invalid, message: Localized("\(name) \"\(t.clipped)\" is not one of \(allowed)",
                                                                "\(name) \"\(t.clipped)\" no es uno de \(allowed)"))
        }
        return v
    }

    func measurement() throws -> Measurement {
        if text("value") != nil {
            if text("numerator") != nil || text("denominator") != nil {
                throw FieldError(kind: .invalid, message: Localized("give either value or numerator and denominator, not both",
                                                                    "indique value o bien numerator y denominator, no ambos"))
            }
            return .value(try number("value"))
        }
        if text("numerator") != nil || text("denominator") != nil {
            return .ratio(numerator: try number("numerator"), denominator: try number("denominator"))
        }
        throw FieldError(kind: .missing, message: Localized("missing value (or numerator and denominator for a ratio indicator)",
                                                            "falta value (o numerator y denominator para un indicador de razón)"))
    }

    /// The command of an event type named `type` (`reading`, `target`, ...).
    func command(type: String) throws -> Command {
        switch type {
        case "indicator": return .defineIndicator(try definition())
        case "target":
            let id = try required("indicator")
            let change: TargetChange
            if let annual = try optionalNumber("annual-target") {
                if text("period") != nil || text("value") != nil {
                    throw FieldError(kind: .invalid, message: Localized("give either annual-target or period and value, not both",
                                                                        "indique annual-target o bien period y value, no ambos"))
                }
                change = .annual(annual)
            } else if text("period") != nil || text("value") != nil {
                change = .period(try period(), try number("value"))
            } else {
                throw FieldError(kind: .missing, message: Localized("missing annual-target (or period and value)",
                                                                    "falta annual-target (o period y value)"))
            }
            return .changeTarget(indicator: id, change: change, reason: text("reason"))
        case "reading":
            return .recordReading(indicator: try required("indicator"), period: try period(), measurement: try measurement(),
                                  note: text("note"), postClose: try flag("post-close"), reason: text("reason"))
        case "correction":
            return .correctReading(indicator: try required("indicator"), period: try period(), measurement: try measurement(),
                                   reason: text("reason"), postClose: try flag("post-close"))
        case "observation":
            return .addObservation(indicator: try required("indicator"), period: try period(), text: try required("text"))
        case "budget":
            let figures = BudgetFigures(modified: try number("modified"), accrued: try number("accrued"), paid: try number("paid"),
                                        approved: try optionalNumber("approved"), committed: try optionalNumber("committed"),
                                        exercised: try optionalNumber("exercised"))
            return .recordBudget(indicator: try required("indicator"), period: try period(), figures: figures)
        case "close":
            let q = try period("quarter")
            guard q.frequency == .quarterly else {
                throw FieldError(kind: .invalid, message: Localized("quarter \"\(q)\" is not a quarter; write it as 2017-Q1",
                                                                    "quarter \"\(q)\" no es un trimestre; escríbalo como 2017-Q1"))
            }
            return .closeQuarter(quarter: q, plan: text("plan"))
        default:
            throw FieldError(kind: .invalid, message: Localized(
                "unknown type \"\(type.clipped)\"; use indicator, target, reading, correction, observation, budget or close",
                "tipo desconocido \"\(type.clipped)\"; use indicator, target, reading, correction, observation, budget o close"))
        }
    }

    func definition() throws -> IndicatorDefinition {
        let id = try required("id")
        let name = try required("name")
        let unit = try required("unit")
        let yearText = try required("year")
        guard let year = Int(yearText), yearText.count == 4 else {
            throw FieldError(kind: .invalid, message: Localized("year \"\(yearText.clipped)\" is not a year such as 2017",
                                                                "year \"\(yearText.clipped)\" no es un año como 2017"))
        }
        let annual = try number("annual-target")
        var monthly: [DecimalNumber]?
        if let m = text("monthly-targets") {
            let parts = m.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 12 else {
                throw FieldError(kind: .invalid, message: Localized(
                    "monthly-targets needs 12 values separated by commas (January to December), not \(parts.count)",
                    "monthly-targets necesita 12 valores separados por comas (enero a diciembre), no \(parts.count)"))
            }
            monthly = try parts.map { try parseNumber($0, "monthly-targets") }
        }
        let frequency = try choice("frequency", Frequency.init(text:), "monthly, quarterly, semiannual, annual") ?? .monthly
        let aggregation = try choice("aggregation", { Aggregation(rawValue: $0.lowercased()) }, "sum, last, average, ratio") ?? .sum
        let direction = try choice("direction", { Direction(rawValue: $0.lowercased()) }, "ascending, descending") ?? .ascending
        var hierarchy: [PlanLevel] = []
        if let h = text("hierarchy") {
            for part in h.split(separator: "|") {
                guard let eq = part.firstIndex(of: "=") else {
                    throw FieldError(kind: .invalid, message: Localized("hierarchy is written level=value|level=value, e.g. eje=1 CIUDAD COMPETITIVA|estrategia=B4",
                                                                        "hierarchy se escribe nivel=valor|nivel=valor, p. ej. eje=1 CIUDAD COMPETITIVA|estrategia=B4"))
                }
                hierarchy.append(PlanLevel(level: String(part[..<eq]).trimmingSpaces, value: String(part[part.index(after: eq)...]).trimmingSpaces))
            }
        }
        var bands: StatusBands?
        if text("green") != nil || text("yellow") != nil || text("ceiling") != nil {
            bands = StatusBands(green: try number("green"), yellow: try number("yellow"), ceiling: try optionalNumber("ceiling"))
        }
        return IndicatorDefinition(id: id, name: name, description: text("description"), unit: unit, frequency: frequency, year: year,
                                   annualTarget: annual, monthlyTargets: monthly, aggregation: aggregation, direction: direction,
                                   baseline: try optionalNumber("baseline"), ownerCode: text("owner"), ownerName: text("owner-name"),
                                   plan: text("plan") ?? "", hierarchy: hierarchy, bands: bands)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    /// At most 40 characters, for quoting user input in a message.
    var clipped: String { count > 40 ? String(prefix(37)) + "..." : self }
}
