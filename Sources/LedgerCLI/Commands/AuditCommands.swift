// The auditor's questions about change: `history` of one indicator,
// `replay` of the journal to a time, `diff` between two recorded times.

import LedgerCore
import LedgerStore
import LedgerReports

enum HistoryCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "history",
        abstract: Localized("every event that touched an indicator: when, who, what, value before and after, reason",
                            "cada evento que tocó un indicador: cuándo, quién, qué, valor antes y después, motivo"),
        usage: "ledger history INDICATOR [--as-of T] [--json|--csv]",
        options: [ReportOptions.asOf] + OutputFormat.options,
        examples: ["ledger history MED-2017", "ledger history MED-2017 --as-of 2017-04-10 --json"],
        positionals: 1...1)

    static func run(_ context: Context) throws {
        let id = context.arguments.positionals[0]
        let format = try OutputFormat.from(context.arguments)
        let cut = try ReportOptions.cut(context)
        // The indicator's events only (through the history links when they
        // can be trusted), each entry made against the indicator's own state.
        var entries: [AuditEntry] = []
        var state = LedgerState()
        for event in try context.ledger.events(about: id, cut: cut) {
            entries.append(AuditTrail.entry(for: event, before: state))
            state.apply(event)
        }
        guard state.indicators[id] != nil else { throw Refusal.unknownIndicator(id) }
        context.console.out.write(AuditReport.render(entries, format: format, language: context.console.language, root: "events"))
    }
}

enum ReplayCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "replay",
        abstract: Localized("the journal up to T, event by event, with the figure each changed, then the state at T",
                            "el diario hasta T, evento por evento, con la cifra que cambió cada uno, y después el estado en T"),
        usage: "ledger replay --until T [--json]",
        options: [
            OptionSpec(name: "until", value: "T", help: Localized("a date (end of that day in the ledger's zone) or a timestamp", "una fecha (fin de ese día en la zona del ledger) o una fecha y hora"), required: true),
            OutputFormat.options[0],
        ],
        examples: ["ledger replay --until 2017-03-15", "ledger replay --until 2017-04-10T12:00:00-05:00 --json"])

    static func run(_ context: Context) throws {
        let cut = try ReportOptions.cut(context, option: "until")
        let header = ReportOptions.header(context, cut, option: "until")
        let l = context.console.language
        let out = context.console.out
        let json = context.arguments.has("json")
        // The events, streamed; then the state at T, a fiscal year at a time.
        if json {
            out.write("{\"until\":\"\(cut!.description)\",\"events\":[")
        }
        var first = true
        try context.ledger.auditTrail(cut: cut) { entry, _ in
            if json {
                var w = JSONWriter()
                TableRenderer.writeJSONRows(AuditReport.table([entry], language: .en), &w)
                out.write((first ? "" : ",") + String(decoding: w.bytes.dropFirst().dropLast(), as: UTF8.self))
            } else {
                out.write(ReplayText.line(entry, l) + "\n")
            }
            first = false
        }
        out.write(json ? "],\"state\":" : "\n")
        var writer = StatusWriter(format: json ? .json : .text, header: header) { out.write($0) }
        writer.finalNewline = !json
        var begun = false
        try YearByYear.forEach(context.ledger, cut: cut) { state, year in
            let part = Views.status(of: state)
            if !begun {
                writer.yearHeadings = year != nil
                writer.begin(entity: part.entity, scope: ReportScope(), head: part.head)
                begun = true
            }
            writer.rows(part, year: year)
        }
        if !begun { writer.begin(entity: "", scope: ReportScope(), head: .empty) }
        writer.end()
        if json { out.write("}\n") }
    }
}

enum DiffCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "diff",
        abstract: Localized("what changed in the reported figures between two recorded times, and by whom",
                            "qué cambió en las cifras informadas entre dos momentos de registro, y quién lo cambió"),
        usage: "ledger diff --from T1 --to T2 [--quarter YYYY-Qn] [--json|--csv]",
        options: [
            OptionSpec(name: "from", value: "T1", help: Localized("the earlier recorded time", "el momento de registro anterior"), required: true),
            OptionSpec(name: "to", value: "T2", help: Localized("the later recorded time (e.g. today)", "el momento de registro posterior (p. ej. hoy)"), required: true),
            OptionSpec(name: "quarter", value: "YYYY-Qn", help: Localized("only the figures of this quarter, with its totals", "solo las cifras de este trimestre, con sus totales")),
        ] + OutputFormat.options,
        examples: ["ledger diff --from 2017-04-10 --to 2017-07-31 --quarter 2017-Q1"])

    static func run(_ context: Context) throws {
        let a = context.arguments
        let format = try OutputFormat.from(a)
        let zone = ZoneLoader(context)
        let from = try context.instant(a.value("from")!, option: "from", zone: zone.rules)
        let to = try context.instant(a.value("to")!, option: "to", zone: zone.rules)
        guard from <= to else {
            throw UsageError(message: Localized("--from must not be after --to", "--from no debe ser posterior a --to"))
        }
        var quarter: Period?
        if let q = a.value("quarter") {
            guard let p = Period(q), p.frequency == .quarterly else {
                throw UsageError(message: Localized("--quarter takes a quarter such as 2017-Q1", "--quarter lleva un trimestre como 2017-Q1"))
            }
            quarter = p
        }
        let ledger = context.ledger
        let (before, first) = try ledger.state(cut: from)
        var after = before
        var between: [RecordedEvent] = []
        _ = try ledger.advance(&after, from: first.cursor, cut: to) { event, _ in between.append(event) }
        let changes = DiffView.changes(before: before, after: after, between: between, quarter: quarter)
        context.console.out.write(DiffReport.render(changes, format: format, language: context.console.language,
                                                    from: from, to: to, heads: (before.head, after.head)))
    }
}
