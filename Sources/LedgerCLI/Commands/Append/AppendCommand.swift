// `ledger append --file F`: a batch (CSV or JSON lines) appended all or
// nothing; `ledger append TYPE ...` is one of its subcommands, one file
// each beside this one, their flags made from the application layer's
// event forms (the same declarations a batch file's columns are read by).

import LedgerCore
import LedgerApp

enum AppendCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "append",
        abstract: Localized("record one event, or a batch file of them (all rows or none)",
                            "registra un evento, o un archivo con varios (todas las filas o ninguna)"),
        usage: "ledger append indicator|target|reading|correction|observation|budget|close|amend|unit|deadline ... | ledger append --file F [--numbers 1,234.56|1.234,56] [--dry-run]",
        options: [
            OptionSpec("file", "F", "a CSV or JSON-lines batch: a type column plus the flag names",
                       "un lote CSV o JSON por líneas: una columna type más los nombres de las opciones", required: true),
            OptionSpec("dry-run", nil, "check every row, write nothing", "revisa cada fila sin escribir nada"),
            OptionSpec("numbers", "1,234.56|1.234,56", "how the file writes numbers (default: told by the file's own numbers)",
                       "cómo escribe el archivo los números (por omisión: lo dicen los propios números del archivo)"),
            OptionSpec("json", nil, "print the result as JSON", "imprime el resultado como JSON"),
        ],
        examples: [
            "ledger append reading --indicator MED-2017 --period 2017-02 --value 262 --actor ana",
            "ledger append --file readings-2017-03.csv --actor ana",
            "ledger append --file batch.jsonl --dry-run --actor ana",
        ],
        discussion: Localized(
            "A batch file has a header (CSV) or keys (JSON lines) named like the flags, plus `type` (indicator, target, reading, correction, observation, budget, close, amend, unit, deadline), or with the Spanish words of the import template (tipo, indicador, periodo, valor, motivo, texto, ...; lectura, meta, corrección, ... as types). A CSV is read as `import csv` reads it: UTF-8 or Windows-1252, comma, semicolon or tab, numbers with thousands separators or a decimal comma. Every bad row is reported with its line number, and nothing is written unless all rows are good.",
            "Un lote tiene un encabezado (CSV) o claves (JSON por líneas) con los nombres de las opciones, más `type` (indicator, target, reading, correction, observation, budget, close, amend, unit, deadline), o con las palabras en español de la plantilla de importación (tipo, indicador, periodo, valor, motivo, texto, ...; lectura, meta, corrección, ... como tipos). Un CSV se lee como lo lee `import csv`: UTF-8 o Windows-1252, coma, punto y coma o tabulador, números con separadores de miles o coma decimal. Cada fila mala se informa con su número de línea y no se escribe nada salvo que todas sean correctas.")),
        subcommands: [AppendIndicator.definition, AppendTarget.definition, AppendReading.definition, AppendCorrection.definition,
                      AppendObservation.definition, AppendBudget.definition, AppendClose.definition, AppendAmend.definition,
                      AppendUnit.definition, AppendDeadline.definition],
        run: run)

    static func run(_ call: Invocation) throws {
        let dryRun = call.arguments.has("dry-run")
        let outcome = try call.session.appendBatch(file: call.arguments.value("file")!, actor: call.actor, dryRun: dryRun,
                                                   numbers: try call.arguments.numberConvention())
        for notice in outcome.notices { call.console.error(notice) }
        if dryRun {
            call.console.say(Words.wouldAppendRows(outcome.rows))
        } else {
            printReceipts(outcome.receipts, call)
        }
    }

    /// `SEQ HASH` of one event; a count and the last receipt of several;
    /// with --json, every receipt. A signed append's last receipt is its
    /// `batch_signed` line: it is named apart (a sentence; "signature" in
    /// JSON), and the receipt printed is still the last event's own.
    static func printReceipts(_ receipts: [ChainHead], _ call: Invocation) {
        let (events, signature) = split(receipts, signed: call.session.signs)
        if call.arguments.has("json") {
            var w = JSONWriter()
            func receipt(_ r: ChainHead) {
                w.raw("{\"seq\":"); w.int(r.seq)
                w.raw(",\"hash\":"); w.string(r.hash.hex)
                w.raw(",\"at\":"); w.string(r.at.description)
                w.raw("}")
            }
            w.raw("{\"appended\":[")
            for (i, r) in events.enumerated() {
                if i > 0 { w.raw(",") }
                receipt(r)
            }
            w.raw("]")
            if let signature {
                w.raw(",\"signature\":")
                receipt(signature)
            }
            w.raw("}")
            call.console.print(w.text)
            return
        }
        guard let first = events.first, let last = events.last else { return }
        if let signature {
            call.console.say(Words.appendedSigned(events.count, from: first.seq, to: last.seq, signature: signature.seq))
        } else if events.count > 1 {
            call.console.say(Words.appended(events.count, from: first.seq, to: last.seq))
        }
        call.console.print(Words.receipt(last))
    }

    /// The events' receipts and, for a signed append, its signature line's
    /// (always written last, after the events it covers).
    static func split(_ receipts: [ChainHead], signed: Bool) -> (events: ArraySlice<ChainHead>, signature: ChainHead?) {
        guard signed, receipts.count > 1, let last = receipts.last else { return (receipts[...], nil) }
        return (receipts.dropLast(), last)
    }
}

/// An `append TYPE` subcommand: its flags are the event form's fields.
enum AppendEvent {
    static let common = [
        OptionSpec("dry-run", nil, "check, write nothing", "revisa sin escribir nada"),
        OptionSpec("json", nil, "print seq, hash and time as JSON", "imprime secuencia, hash y hora como JSON"),
    ]

    static func definition(_ form: EventForm, abstract: Localized, usage: String, examples: [String]) -> CommandDefinition {
        let options = form.fields.map { OptionSpec($0.name, $0.placeholder, $0.help, required: $0.isRequired) } + common
        return CommandDefinition(spec: CommandSpec(name: "append \(form.name)", abstract: abstract, usage: usage, options: options, examples: examples)) { call in
            // A flag without value (--post-close) reads as "true".
            var values = call.arguments.values(of: form.fields.map(\.name))
            for f in form.fields where f.placeholder == nil && values[f.name] != nil { values[f.name] = "true" }
            let dryRun = call.arguments.has("dry-run")
            let receipts = try call.session.append(form, values: values, actor: call.actor, dryRun: dryRun)
            // A close goes through with readings missing, and says which.
            if form.type == .quarterClosed, let q = values["quarter"].flatMap(Period.init) {
                let missing = try call.session.missingReadings(closing: q, plan: values["plan"])
                if !missing.isEmpty { call.console.error(Catalogue.closedWithMissing(q, missing, dryRun: dryRun)) }
            }
            if dryRun {
                call.console.say(Words.wouldAppendOne)
            } else {
                AppendCommand.printReceipts(receipts, call)
            }
        }
    }
}
