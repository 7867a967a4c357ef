// `ledger import FORMAT FILE`: brings a plan in from a document users
// already keep; prints one line per finding with the file's line number,
// and appends all or nothing.

import LedgerCore
import LedgerApp

enum ImportCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "import",
        abstract: Localized("bring a plan in from a spreadsheet (csv, xlsx, poa-report, poi, mir), all or nothing",
                            "trae un plan desde una hoja de cálculo (csv, xlsx, poa-report, poi, mir), todo o nada"),
        usage: "ledger import csv|xlsx|poa-report|poi|mir FILE [--plan NAME] [--month YYYY-MM] [--numbers 1,234.56|1.234,56] [--strict] [--dry-run] [--json]",
        options: [
            OptionSpec("plan", "NAME", "the plan the indicators belong to (default from the document, e.g. POA 2017); poa-report, poi and mir also prefix the ids they make with it (POA2017-...); csv keeps the sheet's ids",
                       "el plan al que pertenecen los indicadores (por omisión el del documento, p. ej. POA 2017); poa-report, poi y mir además anteponen a los ids que crean (POA2017-...); csv conserva los ids de la hoja"),
            OptionSpec("numbers", "1,234.56|1.234,56", "how the file writes numbers: a decimal point (1,234.56) or a decimal comma (1.234,56); default: told by the file's own numbers",
                       "cómo escribe el archivo los números: punto decimal (1,234.56) o coma decimal (1.234,56); por omisión: lo dicen los propios números del archivo"),
            OptionSpec("month", "YYYY-MM", "poa-report: import only that month's reporting round (a quarter block goes with its last month)",
                       "poa-report: importa solo la ronda de ese mes (un bloque trimestral va con su último mes)"),
            OptionSpec("strict", nil, "refuse the whole file if there is any finding", "rechaza todo el archivo si hay cualquier hallazgo"),
            OptionSpec("dry-run", nil, "check and report, write nothing", "revisa e informa sin escribir nada"),
            OptionSpec("json", nil, "print findings and summary as one JSON document", "imprime hallazgos y resumen como un documento JSON"),
        ],
        examples: [
            "ledger import poa-report reporte-poa-2017.txt --month 2017-01 --actor planeacion",
            "ledger import poi poi-2017.txt --plan \"POI 2017\" --dry-run --actor planeacion",
            "ledger import csv indicadores.csv --actor ana && ledger import csv lecturas.csv --actor ana",
            "ledger import xlsx plantilla.xlsx --actor ana",
        ],
        discussion: Localized(
            "Each finding (monthly targets that do not add up, quarter columns that disagree with their months, lost or shifted cells, percentages that do not match, numbers with separators, signs or footnote marks) is printed as FILE:LINE. What can be read unambiguously is imported and the finding is recorded as an observation on its indicator; what cannot is left out and said so. A file that is not the named layout is refused and nothing is written. See docs/IMPORT.md.",
            "Cada hallazgo (metas mensuales que no suman, trimestres que no coinciden con sus meses, celdas perdidas o corridas, porcentajes que no coinciden, números con separadores, signos o llamadas de nota) se imprime como ARCHIVO:LÍNEA. Lo que se lee sin ambigüedad se importa y el hallazgo queda como observación en su indicador; lo que no, se omite y se dice. Un archivo que no es el formato indicado se rechaza y no se escribe nada. Vea docs/IMPORT.md."),
        positionals: 2...2), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let console = call.console
        let format = a.positionals[0]
        guard importFormats.contains(format) else {
            throw UsageError(message: Usage.unknownFormat(format, importFormats.joined(separator: ", ")))
        }
        let path = a.positionals[1]
        var month: Period?
        if let m = a.value("month") {
            guard let p = Period(m), p.frequency == .monthly else { throw UsageError(message: Usage.monthNotAMonth(m)) }
            guard format == "poa-report" else { throw UsageError(message: Usage.monthOnlyPOA) }
            month = p
        }
        if let plan = a.value("plan"), plan.trimmingSpaces.isEmpty || plan.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            throw UsageError(message: Usage.planName)
        }
        let dryRun = a.has("dry-run")
        let request = ImportRequest(format: format, path: path, plan: a.value("plan"), month: month, numbers: try a.numberConvention(),
                                    strict: a.has("strict"), dryRun: dryRun, language: call.language)
        let outcome = try call.session.importDocument(request, actor: call.actor)
        if a.has("json") {
            console.print(json(outcome, path: path, dryRun: dryRun, signed: call.session.signs))
            return
        }
        for f in outcome.findings { console.print("\(path)\(f.location): " + f.message.text(call.language)) }
        console.say(Words.importSummary(outcome, path: path))
        if dryRun {
            console.say(Words.dryRun)
        } else {
            let (events, signature) = AppendCommand.split(outcome.receipts, signed: call.session.signs)
            if let first = events.first, let last = events.last {
                if let signature {
                    console.say(Words.appendedSigned(events.count, from: first.seq, to: last.seq, signature: signature.seq))
                } else {
                    console.say(Words.appended(events.count, from: first.seq, to: last.seq))
                }
                console.print(Words.receipt(last))
            }
        }
    }

    static func json(_ o: ImportOutcome, path: String, dryRun: Bool, signed: Bool) -> String {
        let (events, signature) = AppendCommand.split(o.receipts, signed: signed)
        var w = JSONWriter()
        w.raw("{\"file\":"); w.string(path)
        w.raw(",\"plan\":"); w.string(o.plan)
        w.raw(",\"dry_run\":"); w.raw(dryRun ? "true" : "false")
        w.raw(",\"events\":{")
        for (i, (name, n)) in o.eventCounts.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(name); w.raw(":"); w.int(Int64(n))
        }
        w.raw("},\"findings_by_kind\":{")
        for (i, (kind, n)) in o.findingCounts.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(kind); w.raw(":"); w.int(Int64(n))
        }
        w.raw("},\"findings\":[")
        for (i, f) in o.findings.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"line\":"); w.int(Int64(f.line))
            if let sheet = f.sheet { w.raw(",\"sheet\":"); w.string(sheet) }
            w.raw(",\"kind\":"); w.string(f.kind)
            w.raw(",\"indicator\":"); if let id = f.indicator { w.string(id) } else { w.raw("null") }
            w.raw(",\"imported\":"); w.raw(f.imported ? "true" : "false")
            w.raw(",\"message_en\":"); w.string(f.message.en)
            w.raw(",\"message_es\":"); w.string(f.message.es)
            w.raw("}")
        }
        w.raw("],\"appended\":[")
        for (i, rc) in events.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"seq\":"); w.int(rc.seq)
            w.raw(",\"hash\":"); w.string(rc.hash.hex)
            w.raw("}")
        }
        w.raw("]")
        if let signature {
            w.raw(",\"signature\":{\"seq\":"); w.int(signature.seq)
            w.raw(",\"hash\":"); w.string(signature.hash.hex)
            w.raw("}")
        }
        w.raw("}")
        return w.text
    }
}
