// `ledger import FORMAT FILE`: reads a spreadsheet users already keep
// (LedgerImport, pure), prints one line per finding with the file's line
// number, and appends the commands all or nothing, each event attributed to
// the actor and naming its FILE:LINE.

import LedgerCore
import LedgerStore
import LedgerImport

enum ImportCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "import",
        abstract: Localized("bring a plan in from a spreadsheet (csv, poa-report, poi, mir), all or nothing",
                            "trae un plan desde una hoja de cálculo (csv, poa-report, poi, mir), todo o nada"),
        usage: "ledger import csv|poa-report|poi|mir FILE [--plan NAME] [--month YYYY-MM] [--strict] [--dry-run] [--json]",
        options: [
            OptionSpec(name: "plan", value: "NAME", help: Localized("the plan the indicators belong to (default from the document, e.g. POA 2017); it also prefixes their ids",
                                                                     "el plan al que pertenecen los indicadores (por omisión el del documento, p. ej. POA 2017); también antecede a sus ids")),
            OptionSpec(name: "month", value: "YYYY-MM", help: Localized("poa-report: import only that month's reporting round (a quarter block goes with its last month)",
                                                                         "poa-report: importa solo la ronda de ese mes (un bloque trimestral va con su último mes)")),
            OptionSpec(name: "strict", value: nil, help: Localized("refuse the whole file if there is any finding", "rechaza todo el archivo si hay cualquier hallazgo")),
            OptionSpec(name: "dry-run", value: nil, help: Localized("check and report, write nothing", "revisa e informa sin escribir nada")),
            OptionSpec(name: "json", value: nil, help: Localized("print findings and summary as one JSON document", "imprime hallazgos y resumen como un documento JSON")),
        ],
        examples: [
            "ledger import poa-report reporte-poa-2017.txt --month 2017-01 --actor planeacion",
            "ledger import poi poi-2017.txt --plan \"POI 2017\" --dry-run --actor planeacion",
            "ledger import csv indicadores.csv --actor ana && ledger import csv lecturas.csv --actor ana",
        ],
        discussion: Localized(
            "Each finding (monthly targets that do not add up, quarter columns that disagree with their months, lost or shifted cells, percentages that do not match, numbers with separators, signs or footnote marks) is printed as FILE:LINE. What can be read unambiguously is imported and the finding is recorded as an observation on its indicator; what cannot is left out and said so. A file that is not the named layout is refused and nothing is written. See docs/IMPORT.md.",
            "Cada hallazgo (metas mensuales que no suman, trimestres que no coinciden con sus meses, celdas perdidas o corridas, porcentajes que no coinciden, números con separadores, signos o llamadas de nota) se imprime como ARCHIVO:LÍNEA. Lo que se lee sin ambigüedad se importa y el hallazgo queda como observación en su indicador; lo que no, se omite y se dice. Un archivo que no es el formato indicado se rechaza y no se escribe nada. Vea docs/IMPORT.md."),
        positionals: 2...2)

    static func run(_ context: Context) throws {
        let a = context.arguments
        let console = context.console
        let formats = ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard let format = ImportFormat(rawValue: a.positionals[0]) else {
            throw UsageError(message: Localized("unknown format \(a.positionals[0].clipped); use one of \(formats)",
                                                "formato desconocido \(a.positionals[0].clipped); use uno de \(formats)"))
        }
        let path = a.positionals[1]
        var month: Period?
        if let m = a.value("month") {
            guard let p = Period(m), p.frequency == .monthly else {
                throw UsageError(message: Localized("--month \(m.clipped) is not a month such as 2017-02", "--month \(m.clipped) no es un mes como 2017-02"))
            }
            guard format == .poaReport else {
                throw UsageError(message: Localized("--month applies to poa-report only", "--month solo se aplica a poa-report"))
            }
            month = p
        }
        if let plan = a.value("plan"), plan.trimmingSpaces.isEmpty || plan.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw UsageError(message: Localized("--plan must be a name without line breaks", "--plan debe ser un nombre sin saltos de línea"))
        }
        let author = try context.author()
        let bytes = try BatchFile.input(path, console: console)
        let ledger = context.ledger
        let (state, _) = try ledger.state()
        let options = ImportOptions(fileName: AppendCommand.baseName(path), plan: a.value("plan"), month: month,
                                    language: console.language == .es ? .es : .en)
        let result: ImportResult
        do {
            result = try Importer.run(format, bytes, options: options, existing: state)
        } catch let e as LayoutError {
            throw CLIFailure(code: .refused, message: "\(path):\(e.line): " + (console.language == .es ? e.message.es : e.message.en)
                             + console.t(". Nothing was written. Check that the file is a \(format.rawValue) document (formats: \(formats); see docs/IMPORT.md).",
                                         ". No se escribió nada. Revise que el archivo sea un documento \(format.rawValue) (formatos: \(formats); vea docs/IMPORT.md)."))
        }
        let json = a.has("json")
        let findingLines = result.findings.map { "\(path):\($0.line): " + (console.language == .es ? $0.message.es : $0.message.en) }

        if a.has("strict") && !result.findings.isEmpty {
            for l in findingLines { console.error(l) }
            throw CLIFailure(code: .refused, message: console.t(
                "--strict: \(result.findings.count) finding(s) in \(path); nothing was written. Fix the document, or import without --strict to record them as observations.",
                "--strict: \(result.findings.count) hallazgo(s) en \(path); no se escribió nada. Corrija el documento, o impórtelo sin --strict para registrarlos como observaciones."))
        }
        guard !result.commands.isEmpty else {
            for l in findingLines { console.error(l) }
            throw CLIFailure(code: .refused, message: console.t("\(path) holds nothing to import; nothing was written.",
                                                                "\(path) no tiene nada que importar; no se escribió nada."))
        }
        let appended = try ledger.append(result.batch, by: author, clock: context.now, dryRun: a.has("dry-run"))
        switch appended {
        case .failure(let batch):
            for l in findingLines { console.error(l) }
            for (index, refusal) in batch.refusals {
                let source = result.commands[index].source
                let line = source.split(separator: ":").last.map(String.init) ?? "?"
                console.error("\(path):\(line): " + Messages.refusal(refusal).text(console.language))
            }
            throw CLIFailure(code: .refused, message: console.t(
                "the ledger refused \(batch.refusals.count) of \(result.commands.count) events from \(path); nothing was written.",
                "el ledger rechazó \(batch.refusals.count) de \(result.commands.count) eventos de \(path); no se escribió nada."))
        case .success(let receipts):
            if json {
                console.print(jsonReport(result, path: path, receipts: receipts, dryRun: a.has("dry-run")))
                return
            }
            for l in findingLines { console.print(l) }
            console.print(summary(result, path: path, console: console))
            if a.has("dry-run") {
                console.print(console.t("Nothing was written (--dry-run).", "No se escribió nada (--dry-run)."))
            } else if let first = receipts.first, let last = receipts.last {
                console.print(console.t("appended \(receipts.count) events, seq \(first.seq) to \(last.seq)",
                                        "registrados \(receipts.count) eventos, secuencias \(first.seq) a \(last.seq)"))
                console.print("\(last.seq) \(last.hash.hex)")
            }
        }
    }

    /// Counts of what the import holds, by event type.
    static func eventCounts(_ r: ImportResult) -> [(String, Int)] {
        var counts: [EventType: Int] = [:]
        for c in r.commands { counts[c.command.eventType, default: 0] += 1 }
        return EventType.allCases.compactMap { t in counts[t].map { (t.commandName, $0) } }
    }

    static func summary(_ r: ImportResult, path: String, console: Console) -> String {
        let events = eventCounts(r)
        let indicators = events.first { $0.0 == "indicator" }?.1 ?? 0
        let byType = events.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
        let kinds = r.findingCounts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        let refused = r.findings.filter { !$0.imported }.count
        let en = "\(path): \(indicators) indicators defined, \(r.commands.count) events (\(byType)); \(r.findings.count) findings"
            + (kinds.isEmpty ? "" : " (\(kinds))") + (refused > 0 ? ", \(refused) of them about values left out" : "") + "."
        let es = "\(path): \(indicators) indicadores definidos, \(r.commands.count) eventos (\(byType)); \(r.findings.count) hallazgos"
            + (kinds.isEmpty ? "" : " (\(kinds))") + (refused > 0 ? ", \(refused) de ellos sobre valores que no se importaron" : "") + "."
        return console.t(en, es)
    }

    static func jsonReport(_ r: ImportResult, path: String, receipts: [Receipt], dryRun: Bool) -> String {
        var w = JSONWriter()
        w.raw("{\"file\":"); w.string(path)
        w.raw(",\"plan\":"); w.string(r.plan)
        w.raw(",\"dry_run\":"); w.raw(dryRun ? "true" : "false")
        w.raw(",\"events\":{")
        for (i, (name, n)) in eventCounts(r).enumerated() {
            if i > 0 { w.raw(",") }
            w.string(name); w.raw(":"); w.int(Int64(n))
        }
        w.raw("},\"findings_by_kind\":{")
        for (i, (kind, n)) in r.findingCounts.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(kind.rawValue); w.raw(":"); w.int(Int64(n))
        }
        w.raw("},\"findings\":[")
        for (i, f) in r.findings.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"line\":"); w.int(Int64(f.line))
            w.raw(",\"kind\":"); w.string(f.kind.rawValue)
            w.raw(",\"indicator\":"); if let id = f.indicator { w.string(id) } else { w.raw("null") }
            w.raw(",\"imported\":"); w.raw(f.imported ? "true" : "false")
            w.raw(",\"message_en\":"); w.string(f.message.en)
            w.raw(",\"message_es\":"); w.string(f.message.es)
            w.raw("}")
        }
        w.raw("],\"appended\":[")
        for (i, rc) in receipts.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"seq\":"); w.int(rc.seq)
            w.raw(",\"hash\":"); w.string(rc.hash.hex)
            w.raw("}")
        }
        w.raw("]}")
        return w.text
    }
}
