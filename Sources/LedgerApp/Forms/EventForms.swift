// The forms of the events a user records: their fields (with the help the
// CLI shows for each flag) and how the values become a command. Declared
// once; see EventForm.swift.

import LedgerCore

private func field(_ name: String, _ placeholder: String?, _ en: String, _ es: String, required: Bool = false) -> FormField {
    FormField(name, placeholder, Localized(en, es), required: required)
}

extension EventForm {
    /// Every form, in the order help lists them.
    public static let all: [EventForm] = [indicator, target, reading, correction, observation, budget, close, amend, unit, deadline]

    /// The document that authorised a change: an oficio, an acta, a resolution.
    static let documentField = field("document", "TEXT", "the document that authorised it, e.g. \"Oficio DPE/123/2017\"",
                                     "el documento que lo autorizó, p. ej. \"Oficio DPE/123/2017\"")

    /// The fields the transparency formats ask for (art. 70 fr. V and VI), on definitions and amendments.
    static let transparencyFields = [
        field("dimension", "TEXT", "dimension measured: eficacia, eficiencia, calidad, economía", "dimensión a medir: eficacia, eficiencia, calidad, economía"),
        field("definition", "TEXT", "what the indicator measures, briefly", "definición del indicador: qué mide, brevemente"),
        field("method", "TEXT", "method of calculation, with the variables of the formula", "método de cálculo, con las variables de la fórmula"),
        field("information-source", "TEXT", "where the figures come from", "fuente de información de las cifras"),
        field("objective", "TEXT", "the institutional objective it serves", "objetivo institucional al que sirve"),
    ]

    /// `indicator`: defines an indicator (indicador de desempeño).
    public static let indicator = EventForm(.indicatorDefined, [
        field("id", "ID", "a short unique id, without spaces (at most \(NameKind.indicator.limit) characters)", "un id corto y único, sin espacios (a lo sumo \(NameKind.indicator.limit) caracteres)", required: true),
        field("name", "TEXT", "the indicator's name (at most \(NameRules.labelLimit) characters)", "el nombre del indicador (a lo sumo \(NameRules.labelLimit) caracteres)", required: true),
        field("unit", "UNIT", "unit of measure: RECIBOS, ACCIONES, %", "unidad de medida: RECIBOS, ACCIONES, %", required: true),
        field("year", "YYYY", "fiscal year", "ejercicio fiscal", required: true),
        field("annual-target", "N", "meta anual", "meta anual", required: true),
        field("monthly-targets", "N,...", "12 monthly targets, January to December", "12 metas mensuales, enero a diciembre"),
        field("frequency", "F", "monthly (default), quarterly, semiannual, annual", "monthly (por omisión), quarterly, semiannual, annual"),
        field("aggregation", "A", "how months make a quarter: sum (default), last, average, ratio", "cómo los meses forman un trimestre: sum (por omisión), last, average, ratio"),
        field("direction", "D", "ascending (more is better, default) or descending", "ascending (más es mejor, por omisión) o descending"),
        field("baseline", "N", "línea base", "línea base"),
        field("owner", "CODE", "clave of the responsible unit (at most \(NameKind.owner.limit) characters)", "clave de la unidad responsable (a lo sumo \(NameKind.owner.limit) caracteres)"),
        field("owner-name", "TEXT", "name of the responsible unit", "nombre de la unidad responsable"),
        field("plan", "NAME", "the plan it belongs to, e.g. POA 2017 (at most \(NameKind.plan.limit) characters)", "el plan al que pertenece, p. ej. POA 2017 (a lo sumo \(NameKind.plan.limit) caracteres)"),
        field("description", "TEXT", "description or formula (at most \(NameRules.textLimit) characters)", "descripción o fórmula (a lo sumo \(NameRules.textLimit) caracteres)"),
        field("hierarchy", "L=V|...", "plan levels: eje=...|estrategia=...|objetivo=...", "niveles del plan: eje=...|estrategia=...|objetivo=..."),
        field("green", "N", "own status band: green at or above N %", "semáforo propio: verde desde N %"),
        field("yellow", "N", "own status band: yellow at or above N %", "semáforo propio: amarillo desde N %"),
        field("ceiling", "N", "own ceiling: above N % is over-achievement", "techo propio: por encima de N % es sobrecumplimiento"),
    ] + transparencyFields) { v in .defineIndicator(try definition(v)) }

    /// `target`: a new annual or period target (reprogramación), with a reason.
    public static let target = EventForm(.targetChanged, [
        field("indicator", "ID", "the indicator", "el indicador", required: true),
        field("annual-target", "N", "the new annual target", "la nueva meta anual"),
        field("period", "P", "the period whose target changes (2017-03)", "el periodo cuya meta cambia (2017-03)"),
        field("value", "N", "the new target for that period", "la nueva meta de ese periodo"),
        field("reason", "TEXT", "why (mandatory)", "por qué (obligatorio)"),
        documentField,
    ]) { v in
        let id = try v.required("indicator")
        let change: TargetChange
        if let annual = try v.number("annual-target") {
            if v.isGiven("period") || v.isGiven("value") { throw FieldError.annualAndPeriod }
            change = .annual(annual)
        } else if v.isGiven("period") || v.isGiven("value") {
            guard let p = try v.period() else { throw FieldError.missing("period") }
            change = .period(p, try v.number(present: "value"))
        } else {
            throw FieldError.missingTargetChange
        }
        return .changeTarget(indicator: id, change: change, reason: try v.text("reason"), document: try v.text("document"))
    }

    /// `reading`: what was executed in a period (valor actual).
    public static let reading = EventForm(.readingRecorded, [
        field("indicator", "ID", "the indicator", "el indicador", required: true),
        field("period", "P", "2017-03, 2017-Q1, 2017-H1 or 2017, as the frequency asks", "2017-03, 2017-Q1, 2017-H1 o 2017, según la frecuencia", required: true),
        field("value", "N", "the executed value", "el valor ejecutado"),
        field("numerator", "N", "for ratio indicators", "para indicadores de razón"),
        field("denominator", "N", "for ratio indicators", "para indicadores de razón"),
        field("note", "TEXT", "a note kept with the reading", "una nota que acompaña a la lectura"),
        field("post-close", nil, "the quarter is closed: record it as a post-close adjustment", "el trimestre está cerrado: regístrela como ajuste posterior al cierre"),
        field("reason", "TEXT", "why (with --post-close)", "por qué (con --post-close)"),
        field("document", "TEXT", "with --post-close: the document that authorised it", "con --post-close: el documento que lo autorizó"),
    ]) { v in
        .recordReading(indicator: try v.required("indicator"), period: try v.period()!, measurement: try v.measurement(),
                       note: try v.text("note"), postClose: try v.flag("post-close"), reason: try v.text("reason"),
                       document: try v.text("document"))
    }

    /// `correction`: replaces the value of a reading, with a reason.
    public static let correction = EventForm(.readingCorrected, [
        field("indicator", "ID", "the indicator", "el indicador", required: true),
        field("period", "P", "the period of the reading", "el periodo de la lectura", required: true),
        field("value", "N", "the corrected value", "el valor corregido"),
        field("numerator", "N", "for ratio indicators", "para indicadores de razón"),
        field("denominator", "N", "for ratio indicators", "para indicadores de razón"),
        field("reason", "TEXT", "why (mandatory)", "por qué (obligatorio)"),
        field("post-close", nil, "the quarter is closed: a post-close adjustment", "el trimestre está cerrado: ajuste posterior al cierre"),
        documentField,
    ]) { v in
        .correctReading(indicator: try v.required("indicator"), period: try v.period()!, measurement: try v.measurement(),
                        reason: try v.text("reason"), postClose: try v.flag("post-close"), document: try v.text("document"))
    }

    /// `observation`: a comment on a period's result.
    public static let observation = EventForm(.observationAdded, [
        field("indicator", "ID", "the indicator", "el indicador", required: true),
        field("period", "P", "the period", "el periodo", required: true),
        field("text", "TEXT", "the observation (at most \(NameRules.textLimit) characters)", "la observación (a lo sumo \(NameRules.textLimit) caracteres)", required: true),
    ]) { v in
        .addObservation(indicator: try v.required("indicator"), period: try v.period()!, text: try v.required("text"))
    }

    /// `budget`: modified, accrued (devengado) and paid, and the other moments.
    public static let budget = EventForm(.budgetRecorded, [
        field("indicator", "ID", "the program, component or activity", "el programa, componente o actividad", required: true),
        field("period", "P", "the period (2024-Q1, 2024-03)", "el periodo (2024-Q1, 2024-03)", required: true),
        field("modified", "N", "modificado", "modificado", required: true),
        field("accrued", "N", "devengado", "devengado", required: true),
        field("paid", "N", "pagado", "pagado", required: true),
        field("approved", "N", "aprobado", "aprobado"),
        field("committed", "N", "comprometido", "comprometido"),
        field("exercised", "N", "ejercido", "ejercido"),
    ]) { v in
        let figures = BudgetFigures(modified: try v.number("modified")!, accrued: try v.number("accrued")!, paid: try v.number("paid")!,
                                    approved: try v.number("approved"), committed: try v.number("committed"),
                                    exercised: try v.number("exercised"))
        return .recordBudget(indicator: try v.required("indicator"), period: try v.period()!, figures: figures)
    }

    /// `close`: a quarter's figures become final.
    public static let close = EventForm(.quarterClosed, [
        field("quarter", "YYYY-Qn", "the quarter", "el trimestre", required: true),
        field("plan", "NAME", "close it for one plan only (default: every plan)", "cerrarlo solo para un plan (por omisión: todos)"),
    ]) { v in
        let q = try v.period("quarter")!
        guard q.frequency == .quarterly else { throw FieldError.notAQuarter(field: "quarter", text: q.description) }
        return .closeQuarter(quarter: q, plan: try v.text("plan"))
    }

    /// The Spanish words of the import template for aggregation and direction.
    static let spanishAggregation: [String: Aggregation] = ["suma": .sum, "nivel": .last, "ultimo": .last, "promedio": .average,
                                                            "razon": .ratio, "tasa": .ratio]
    static let spanishDirection: [String: Direction] = ["ascendente": .ascending, "descendente": .descending]

    /// `amend`: new descriptive fields for an indicator (name, unit, owner,
    /// description, the transparency fields), with a reason. Targets keep
    /// their own events (`target`).
    public static let amend = EventForm(.indicatorAmended, [
        field("indicator", "ID", "the indicator", "el indicador", required: true),
        field("name", "TEXT", "the new name", "el nuevo nombre"),
        field("unit", "UNIT", "the new unit of measure", "la nueva unidad de medida"),
        field("owner", "CODE", "the new responsible unit's clave", "la clave de la nueva unidad responsable"),
        field("owner-name", "TEXT", "the responsible unit's name", "el nombre de la unidad responsable"),
        field("description", "TEXT", "description or formula", "descripción o fórmula"),
        field("baseline", "N", "línea base", "línea base"),
    ] + transparencyFields + [
        field("reason", "TEXT", "why (mandatory)", "por qué (obligatorio)"),
        documentField,
    ]) { v in
        let a = IndicatorAmendment(
            name: try v.text("name"), description: try v.text("description"), unit: try v.text("unit"), ownerCode: try v.text("owner"),
            ownerName: try v.text("owner-name"), baseline: try v.number("baseline"), dimension: try v.text("dimension"),
            definitionText: try v.text("definition"), method: try v.text("method"), informationSource: try v.text("information-source"),
            objective: try v.text("objective"))
        return .amendIndicator(indicator: try v.required("indicator"), amendment: a, reason: try v.text("reason"), document: try v.text("document"))
    }

    /// `unit`: an owning unit's name and contact (whom `pending` lists to write to).
    public static let unit = EventForm(.unitDescribed, [
        field("owner", "CODE", "the unit's clave, as indicators name it", "la clave de la unidad, como la nombran los indicadores", required: true),
        field("owner-name", "TEXT", "the unit's name", "el nombre de la unidad"),
        field("contact", "TEXT", "whom to write to: a person, an address, a telephone", "a quién escribir: una persona, un correo, un teléfono"),
    ]) { v in
        .describeUnit(UnitDescription(code: try v.required("owner"), name: try v.text("owner-name"), contact: try v.text("contact")))
    }

    /// `deadline`: the reporting deadline, a day of the month after each period.
    public static let deadline = EventForm(.deadlineSet, [
        field("day", "N", "readings are due by this day of the following month (1-31; default 10)",
              "las lecturas vencen este día del mes siguiente (1-31; por omisión 10)", required: true),
    ]) { v in .setDeadline(day: try deadlineDay(try v.required("day"), field: "day")) }

    /// A deadline day as written: a whole number (range checked by decide).
    static func deadlineDay(_ text: String, field: String) throws -> Int {
        guard let day = Int(text), text.count <= 3 else { throw FieldError.notOneOf(field: field, text: text, allowed: "1-31") }
        return day
    }

    static func definition(_ v: FieldValues) throws -> IndicatorDefinition {
        let id = try v.required("id")
        let name = try v.required("name")
        let unit = try v.required("unit")
        let yearText = try v.required("year")
        guard let year = Int(yearText), yearText.count == 4 else { throw FieldError.notAYear(yearText) }
        let annual = try v.number("annual-target")!
        var monthly: [DecimalNumber]?
        if let m = try v.text("monthly-targets") {
            let parts = m.split(separator: v.listSeparator, omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 12 else { throw FieldError.monthlyTargetsCount(parts.count) }
            monthly = try parts.map { try v.read($0, "monthly-targets") }
        }
        let frequency = try v.choice("frequency", Frequency.init(text:), "monthly, quarterly, semiannual, annual") ?? .monthly
        let aggregation = try v.choice("aggregation", { Aggregation(rawValue: $0.lowercased()) ?? spanishAggregation[String(NearestName.key($0)).lowercased()] },
                                       "sum, last, average, ratio") ?? .sum
        let direction = try v.choice("direction", { Direction(rawValue: $0.lowercased()) ?? spanishDirection[String(NearestName.key($0)).lowercased()] },
                                     "ascending, descending") ?? .ascending
        var hierarchy: [PlanLevel] = []
        if let h = try v.text("hierarchy") {
            for part in h.split(separator: "|") {
                guard let eq = part.firstIndex(of: "=") else { throw FieldError.hierarchySyntax }
                hierarchy.append(PlanLevel(level: String(part[..<eq]).trimmingSpaces, value: String(part[part.index(after: eq)...]).trimmingSpaces))
            }
        }
        var bands: StatusBands?
        if v.isGiven("green") || v.isGiven("yellow") || v.isGiven("ceiling") {
            bands = StatusBands(green: try v.number(present: "green"), yellow: try v.number(present: "yellow"), ceiling: try v.number("ceiling"))
        }
        return IndicatorDefinition(id: id, name: name, description: try v.text("description"), unit: unit, frequency: frequency, year: year,
                                   annualTarget: annual, monthlyTargets: monthly, aggregation: aggregation, direction: direction,
                                   baseline: try v.number("baseline"), ownerCode: try v.text("owner"), ownerName: try v.text("owner-name"),
                                   plan: try v.text("plan") ?? "", hierarchy: hierarchy, bands: bands,
                                   dimension: try v.text("dimension"), definitionText: try v.text("definition"), method: try v.text("method"),
                                   informationSource: try v.text("information-source"), objective: try v.text("objective"))
    }
}
