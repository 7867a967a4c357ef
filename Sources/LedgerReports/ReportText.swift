// Words and small formatting rules shared by the reports.

import LedgerCore

/// What every report says about itself: the language, the cut, the head.
public struct ReportHeader: Sendable {
    public var language: Language
    /// The --as-of instant, or nil for "everything recorded so far".
    public var asOf: Timestamp?
    /// How the user wrote the cut (`2017-04-10`), shown next to the instant.
    public var asOfText: String?
    /// The ledger is a demonstration (`init --demo`): said under the cut line
    /// and as `"demo":true` in JSON.
    public var isDemo: Bool

    public init(language: Language, asOf: Timestamp?, asOfText: String? = nil, isDemo: Bool = false) {
        self.language = language
        self.asOf = asOf
        self.asOfText = asOfText
        self.isDemo = isDemo
    }

    /// "as of 2017-04-10 (2017-04-11T04:59:59.999999Z) · journal head 8:…",
    /// and on a demonstration ledger the line that says so.
    func cutLine(_ head: ChainHead) -> String {
        var cut = t("now (everything recorded)", "ahora (todo lo registrado)")
        if let asOf {
            cut = asOfText.map { $0 == asOf.description ? $0 : "\($0) (\(asOf))" } ?? asOf.description
        }
        return t("as of ", "al ") + cut + " · " + t("journal head ", "cabeza del diario ") + head.digest
            + (isDemo ? "\n" + Words.demo(language) : "")
    }

    func t(_ en: String, _ es: String) -> String { language == .es ? es : en }
}

enum Words {
    /// What every report of a demonstration ledger says.
    public static func demo(_ l: Language) -> String {
        l == .es ? "Ledger de demostración (init --demo): sus horas de registro pudieron fijarse con LEDGER_CLOCK y no prueban cuándo se registraron los eventos."
                 : "Demonstration ledger (init --demo): its recorded times may have been set with LEDGER_CLOCK and are no evidence of when events were recorded."
    }

    static func status(_ s: Status, _ l: Language) -> String {
        switch (s, l) {
        case (.green, .en): return "green"
        case (.yellow, .en): return "yellow"
        case (.red, .en): return "red"
        case (.green, .es): return "verde"
        case (.yellow, .es): return "amarillo"
        case (.red, .es): return "rojo"
        case (.none, _): return "-"
        }
    }

    /// C corrected, P post-close, R reprogrammed.
    static func marks(_ m: Marks) -> String {
        (m.corrected ? "C" : "") + (m.postClose ? "P" : "") + (m.reprogrammed ? "R" : "")
    }

    static func marksLegend(_ l: Language) -> String {
        l == .es ? "Marcas: C corregido, P ajuste posterior al cierre, R meta reprogramada; n/a sin medición en el periodo."
                 : "Marks: C corrected, P post-close adjustment, R target reprogrammed; n/a no measurement due in the period."
    }

    static func percent(_ d: DecimalNumber?) -> Cell { d.map { .number($0) } ?? .null }

    /// A span's figure: the number, or "n/a" where nothing is due.
    static func figure(_ d: DecimalNumber?, applicable: Bool) -> Cell {
        applicable ? (d.map { .number($0) } ?? .null) : .text("n/a")
    }
}

extension JSONWriter {
    mutating func decimal(_ d: DecimalNumber?) {
        if let d { raw(d.description) } else { raw("null") }
    }

    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { raw("null") }
    }

    /// `"as_of":…,"head":{"seq":…,"hash":…}` (without a leading comma).
    mutating func header(asOf: Timestamp?, head: ChainHead, isDemo: Bool = false) {
        key("as_of", first: true)
        optionalString(asOf?.description)
        key("head")
        raw("{\"seq\":"); int(head.seq); raw(",\"hash\":"); string(head.hash.hex); raw("}")
        if isDemo { key("demo"); raw("true") }
    }

    mutating func budget(_ b: BudgetView?) {
        guard let b else { raw("null"); return }
        raw("{\"period\":"); string(b.period.description)
        raw(",\"modified\":"); decimal(b.figures.modified)
        raw(",\"accrued\":"); decimal(b.figures.accrued)
        raw(",\"paid\":"); decimal(b.figures.paid)
        if let v = b.figures.approved { raw(",\"approved\":"); decimal(v) }
        if let v = b.figures.committed { raw(",\"committed\":"); decimal(v) }
        if let v = b.figures.exercised { raw(",\"exercised\":"); decimal(v) }
        raw(",\"financial_progress_pct\":"); decimal(b.financialProgress)
        raw(",\"weight_pct\":"); decimal(b.weight)
        raw("}")
    }

    mutating func observations(_ list: [ObservationState]) {
        raw("[")
        for (i, o) in list.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"period\":"); string(o.period.description)
            raw(",\"text\":"); string(o.text)
            raw(",\"seq\":"); int(o.stamp.seq)
            raw(",\"at\":"); string(o.stamp.at.description)
            raw(",\"actor\":"); string(o.stamp.actor)
            raw("}")
        }
        raw("]")
    }

    mutating func heading(_ h: IndicatorHeading) {
        key("indicator", first: true); string(h.id)
        key("name"); string(h.name)
        key("unit"); string(h.unit)
        key("plan"); string(h.plan)
        key("owner"); optionalString(h.ownerCode)
        key("owner_name"); optionalString(h.ownerName)
        key("frequency"); string(h.frequency.rawValue)
        key("aggregation"); string(h.aggregation.rawValue)
        key("direction"); string(h.direction.rawValue)
        key("approved_target"); decimal(h.approvedTarget)
        key("annual_target"); decimal(h.annualTarget)
    }
}
