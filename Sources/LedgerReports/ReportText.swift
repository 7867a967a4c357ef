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
    /// The width a text report fits (the terminal's, or 100 columns).
    public var width: Int = 100
    /// Text: every column in one wide table instead of the fitted layout.
    public var wide = false

    public init(language: Language, asOf: Timestamp?, asOfText: String? = nil, isDemo: Bool = false, width: Int = 100, wide: Bool = false) {
        self.language = language
        self.asOf = asOf
        self.asOfText = asOfText
        self.isDemo = isDemo
        self.width = width
        self.wide = wide
    }

    /// "as of 2017-04-10 (2017-04-11T04:59:59.999999Z) · journal head 8:…",
    /// and on a demonstration ledger the line that says so.
    func cutLine(_ head: ChainHead) -> String {
        var cut = t("as of now (everything recorded)", "a la fecha (todo lo registrado)")
        if let asOf {
            // The words a user may give for a time are said in the report's language.
            let words = ["now": t("as of now", "al momento"), "ahora": t("as of now", "al momento"),
                         "today": t("as of today", "al día de hoy"), "hoy": t("as of today", "al día de hoy")]
            if let phrase = asOfText.flatMap({ words[$0.lowercased()] }) {
                cut = "\(phrase) (\(asOf))"
            } else {
                cut = t("as of ", "al ") + (asOfText.map { $0 == asOf.description ? $0 : "\($0) (\(asOf))" } ?? asOf.description)
            }
        }
        let head = t("journal head ", "cabeza del diario ") + head.digest
        // The digest is copied whole, never cut: on a narrow terminal it gets its own line.
        return (cut.count + 3 + head.count <= width ? cut + " · " + head : cut + "\n" + head)
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

    /// A status as a word where a dash would not do (the board's page and
    /// workbook): "no status" / "sin semáforo" for none.
    static func statusName(_ s: Status, _ l: Language) -> String {
        s == .none ? (l == .es ? "sin semáforo" : "no status") : status(s, l)
    }

    static func frequency(_ f: Frequency, _ l: Language) -> String {
        switch (f, l) {
        case (.monthly, .en): return "monthly"
        case (.quarterly, .en): return "quarterly"
        case (.semiannual, .en): return "semiannual"
        case (.annual, .en): return "annual"
        case (.monthly, .es): return "mensual"
        case (.quarterly, .es): return "trimestral"
        case (.semiannual, .es): return "semestral"
        case (.annual, .es): return "anual"
        }
    }

    /// C corrected, P post-close, R reprogrammed, ! questioned by an import
    /// finding (`questioned` false only for snapshots of formats 1 to 3),
    /// U unsigned (only ever on a ledger with members).
    static func marks(_ m: Marks, questioned: Bool = true) -> String {
        (m.corrected ? "C" : "") + (m.postClose ? "P" : "") + (m.reprogrammed ? "R" : "") + (questioned && m.questioned ? "!" : "")
            + (m.unsigned ? "U" : "")
    }

    /// The legend of the marks; U's line only when some row bears it.
    static func marksLegend(_ l: Language, unsigned: Bool = false) -> String {
        (l == .es ? "Marcas: C corregido, P ajuste posterior al cierre, R meta reprogramada, ! un hallazgo de importación cuestiona la cifra (`ledger history ID` lo muestra); n/a sin medición en el periodo."
                  : "Marks: C corrected, P post-close adjustment, R target reprogrammed, ! an import finding questions the figure (`ledger history ID` shows it); n/a no measurement due in the period.")
            + (unsigned ? unsignedLegend(l) : "")
    }

    static func unsignedLegend(_ l: Language) -> String {
        l == .es ? " U sin firma: el valor vigente se registró en un lote que ningún miembro firmó (`ledger history ID` dice quién)."
                 : " U unsigned: the value in force was recorded in a batch no member signed (`ledger history ID` says who)."
    }

    static func percent(_ d: DecimalNumber?) -> Cell { d.map { .number($0) } ?? .null }

    /// Periods for people: runs of consecutive ones shortened
    /// (`2017-04…2017-12`); CSV and JSON list every period.
    static func periodRuns(_ periods: [Period]) -> String {
        var runs: [(Period, Period)] = []
        for p in periods {
            if let last = runs.last, last.1.frequency == p.frequency, last.1.year == p.year, last.1.lastMonth + 1 == p.firstMonth {
                runs[runs.count - 1].1 = p
            } else {
                runs.append((p, p))
            }
        }
        return runs.map { $0.0 == $0.1 ? "\($0.0)" : $0.0.lastMonth + $0.0.frequency.months == $0.1.lastMonth ? "\($0.0) \($0.1)" : "\($0.0)…\($0.1)" }
            .joined(separator: " ")
    }

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
