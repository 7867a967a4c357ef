// The auditor's reports: `status` and `quarter`, at any recorded time.

import LedgerCore
import LedgerStore
import LedgerReports

enum ReportOptions {
    static let asOf = OptionSpec(name: "as-of", value: "T", help: Localized(
        "only what had been recorded by T: a date (end of that day in the ledger's zone) or a timestamp",
        "solo lo registrado hasta T: una fecha (fin de ese día en la zona del ledger) o una fecha y hora"))
    static let plan = OptionSpec(name: "plan", value: "NAME", help: Localized("only the indicators of this plan", "solo los indicadores de este plan"))
    static let owner = OptionSpec(name: "owner", value: "CODE", help: Localized("only the indicators of this unit (clave)", "solo los indicadores de esta unidad (clave)"))

    /// The --as-of instant, if given.
    static func cut(_ context: Context, option: String = "as-of") throws -> Timestamp? {
        guard let text = context.arguments.value(option) else { return nil }
        return try context.instant(text, option: option, zone: ZoneLoader(context).rules)
    }

    static func scope(_ context: Context) -> ReportScope {
        ReportScope(plan: context.arguments.value("plan"), owner: context.arguments.value("owner"))
    }

    static func header(_ context: Context, _ cut: Timestamp?, option: String = "as-of") -> ReportHeader {
        ReportHeader(language: context.console.language, asOf: cut, asOfText: context.arguments.value(option))
    }

    /// Refuses a plan or owner that no indicator has (a typo would otherwise print an empty report).
    static func checkScope(_ scope: ReportScope, _ state: LedgerState, _ console: Console) throws {
        if let p = scope.plan, !state.hasPlan(p) {
            let plans = state.plans.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
            throw CLIFailure(code: .refused, message: console.t("there is no plan named \(p.clipped) in this ledger; its plans are: \(plans).",
                                                                 "no hay ningún plan llamado \(p.clipped) en este ledger; sus planes son: \(plans)."))
        }
        if let o = scope.owner, !state.indicators.values.contains(where: { $0.definition.ownerCode == o }) {
            throw CLIFailure(code: .refused, message: console.t("no indicator belongs to unit \(o.clipped) in this ledger.",
                                                                 "ningún indicador pertenece a la unidad \(o.clipped) en este ledger."))
        }
    }
}

enum QuarterCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "quarter",
        abstract: Localized("the quarter view: programmed vs executed, compliance, status, observations, marks",
                            "la vista trimestral: programado contra ejecutado, cumplimiento, semáforo, observaciones, marcas"),
        usage: "ledger quarter YYYY-Qn [--as-of T] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner] + OutputFormat.options,
        examples: [
            "ledger quarter 2017-Q1",
            "ledger quarter 2017-Q1 --as-of 2017-04-10",
            "ledger quarter 2017-Q1 --owner 307 --json",
        ],
        positionals: 1...1)

    static func run(_ context: Context) throws {
        let text = context.arguments.positionals[0]
        guard let q = Period(text), q.frequency == .quarterly else {
            throw UsageError(message: Localized("\(text.clipped) is not a quarter; write it as 2017-Q1", "\(text.clipped) no es un trimestre; escríbalo como 2017-Q1"))
        }
        let format = try OutputFormat.from(context.arguments)
        let cut = try ReportOptions.cut(context)
        let scope = ReportOptions.scope(context)
        let a = context.arguments
        // The same question asked again (nothing appended since, or a past
        // already settled) is answered from the report cache.
        let key = ["quarter", q.description, "plan=" + (a.value("plan") ?? "\u{1}"), "owner=" + (a.value("owner") ?? "\u{1}"),
                   "format=\(format)", "lang=\(context.console.language)", "as-of=" + (a.value("as-of") ?? "\u{1}"),
                   "cut=" + (cut.map { String($0.microseconds) } ?? "now")].joined(separator: "\u{0}")
        let ledger = context.ledger
        if let kept = try ledger.pinnedBlob(key: key) {
            context.console.out.write(String(decoding: kept, as: UTF8.self))
            return
        }
        // Only the quarter's fiscal year is folded: a report on 2017 costs what 2017 costs.
        let (state, read) = try ledger.state(cut: cut, years: [q.year])
        try ReportOptions.checkScope(scope, state, context.console)
        let output = QuarterReport.render(Views.quarter(q, of: state, scope: scope), format: format, header: ReportOptions.header(context, cut))
        if read.tornOffset == nil {
            // Settled when the read stopped at its cut: no later append can change it.
            ledger.keepPinnedBlob(key: key, Array(output.utf8), cursor: read.cursor, settled: read.stoppedAtCut)
        }
        context.console.out.write(output)
    }
}

enum StatusCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "status",
        abstract: Localized("every indicator to date: targets, programmed, executed, progress, compliance, status",
                            "cada indicador a la fecha: metas, programado, ejecutado, avance, cumplimiento, semáforo"),
        usage: "ledger status [--as-of T] [--through YYYY-MM] [--plan NAME] [--owner CODE] [--json|--csv]",
        options: [
            ReportOptions.asOf,
            OptionSpec(name: "through", value: "YYYY-MM", help: Localized("count months up to this one (default: the last month its plan has readings for)",
                                                                          "contar los meses hasta este (por omisión: el último mes con lecturas en su plan)")),
            ReportOptions.plan, ReportOptions.owner,
        ] + OutputFormat.options,
        examples: ["ledger status", "ledger status --through 2017-02 --plan \"POA 2017\"", "ledger status --as-of 2017-04-10 --csv > estado.csv"])

    static func run(_ context: Context) throws {
        let format = try OutputFormat.from(context.arguments)
        var through: Period?
        if let t = context.arguments.value("through") {
            guard let p = Period(t), p.frequency == .monthly else {
                throw UsageError(message: Localized("--through takes a month such as 2017-03", "--through lleva un mes como 2017-03"))
            }
            through = p
        }
        let cut = try ReportOptions.cut(context)
        let scope = ReportOptions.scope(context)
        let out = context.console.out
        var writer = StatusWriter(format: format, header: ReportOptions.header(context, cut)) { out.write($0) }
        var preamble: (entity: String, head: ChainHead)?
        var begun = false
        try YearByYear.forEach(context.ledger, cut: cut) { state, year in
            let part = Views.status(of: state, scope: scope, through: through)
            preamble = preamble ?? (part.entity, part.head)
            guard !part.rows.isEmpty else { return }
            if !begun {
                writer.yearHeadings = year != nil
                writer.begin(entity: part.entity, scope: scope, head: part.head)
                begun = true
            }
            writer.rows(part, year: year)
        }
        if !begun {
            if scope.plan != nil || scope.owner != nil {
                // A typo in --plan or --owner would print an empty report; say so instead.
                try ReportOptions.checkScope(scope, try context.ledger.state(cut: cut).0, context.console)
            }
            writer.begin(entity: preamble?.entity ?? "", scope: scope, head: preamble?.head ?? .empty)
        }
        writer.end()
    }
}

enum YearByYear {
    /// Below this journal size, one pass over all years is cheaper.
    static let wholeLedgerLimit: Int64 = 64 << 20

    /// Calls `body` with the state of each year in turn (year given), or of
    /// all at once on a small ledger (year nil); each state is released
    /// before the next is read. Every year is cut at the same head, so an
    /// append that lands meanwhile is in none of them.
    static func forEach(_ ledger: Ledger, cut: Timestamp?, _ body: (LedgerState, Int?) throws -> Void) throws {
        if try ledger.journalSize() < wholeLedgerLimit {
            try body(try ledger.state(cut: cut).0, nil)
            return
        }
        let headAt = try ledger.head().cursor.at
        let common = min(cut ?? headAt, headAt)
        for year in try ledger.years(cut: common).sorted() {
            try body(try ledger.state(cut: common, years: [year]).0, year)
        }
    }
}
