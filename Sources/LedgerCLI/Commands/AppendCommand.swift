// `ledger append TYPE ...` and `ledger append --file F`: one event from
// flags, or a batch (CSV or JSON lines) appended all or nothing.

import LedgerCore
import LedgerStore

enum AppendCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "append",
        abstract: Localized("record one event, or a batch file of them (all rows or none)",
                            "registra un evento, o un archivo con varios (todas las filas o ninguna)"),
        usage: "ledger append indicator|target|reading|correction|observation|budget|close ... | ledger append --file F [--dry-run]",
        options: [
            OptionSpec(name: "file", value: "F", help: Localized("a CSV or JSON-lines batch: a type column plus the flag names",
                                                                  "un lote CSV o JSON por líneas: una columna type más los nombres de las opciones"), required: true),
            OptionSpec(name: "dry-run", value: nil, help: Localized("check every row, write nothing", "revisa cada fila sin escribir nada")),
            OptionSpec(name: "json", value: nil, help: Localized("print the result as JSON", "imprime el resultado como JSON")),
        ],
        examples: [
            "ledger append reading --indicator MED-2017 --period 2017-02 --value 262 --actor ana",
            "ledger append --file readings-2017-03.csv --actor ana",
            "ledger append --file batch.jsonl --dry-run --actor ana",
        ],
        discussion: Localized(
            "A batch file has a header (CSV) or keys (JSON lines) named like the flags, plus `type` (indicator, target, reading, correction, observation, budget, close). Every bad row is reported with its line number, and nothing is written unless all rows are good.",
            "Un lote tiene un encabezado (CSV) o claves (JSON por líneas) con los nombres de las opciones, más `type` (indicator, target, reading, correction, observation, budget, close). Cada fila mala se informa con su número de línea y no se escribe nada salvo que todas sean correctas."))

    static let subcommands: [LedgerCommand.Type] = [
        AppendIndicator.self, AppendTarget.self, AppendReading.self, AppendCorrection.self,
        AppendObservation.self, AppendBudget.self, AppendClose.self,
    ]

    static func run(_ context: Context) throws {
        let a = context.arguments
        let file = a.value("file")!
        let author = try context.author()
        let rows = try BatchFile.read(path: file, console: context.console)
        var commands: [(Command, String?)] = []
        var commandRows: [Int] = []  // index into rows of each command
        var problems: [(Int, String)] = []
        for (index, row) in rows.enumerated() {
            do {
                guard let type = row.fields["type"]?.trimmingSpaces.lowercased(), !type.isEmpty else {
                    throw FieldError(kind: .invalid, message: Localized("missing type (indicator, target, reading, ...)", "falta type (indicator, target, reading, ...)"))
                }
                let normalized = String(type.map { $0 == "_" ? "-" : $0 })
                let name = EventType(name: normalized)?.commandName ?? normalized
                try checkColumns(row.fields, type: name)
                commands.append((try CommandBuilder(fields: row.fields).command(type: name), "\(baseName(file)):\(row.line)"))
                commandRows.append(index)
            } catch let e as FieldError {
                problems.append((row.line, "\(file):\(row.line): " + e.message.text(context.console.language)))
            }
        }
        guard !rows.isEmpty else {
            throw CLIFailure(code: .refused, message: context.console.t("\(file) holds no rows; nothing was written.", "\(file) no tiene filas; no se escribió nada."))
        }
        // Rows that could be read are decided even when others could not, so
        // one run reports every bad row; a batch with any problem writes nothing.
        let dryRun = a.has("dry-run") || !problems.isEmpty
        switch try context.ledger.append(commands, by: author, clock: context.now, dryRun: dryRun) {
        case .failure(let batch):
            for (index, refusal) in batch.refusals {
                let line = rows[commandRows[index]].line
                problems.append((line, "\(file):\(line): " + Messages.refusal(refusal).text(context.console.language)))
            }
        case .success(let receipts):
            if problems.isEmpty {
                if a.has("dry-run") {
                    context.console.print(context.console.t("\(rows.count) rows checked; all would be appended. Nothing was written (--dry-run).",
                                                            "\(rows.count) filas revisadas; todas se registrarían. No se escribió nada (--dry-run)."))
                } else {
                    printReceipts(receipts, context)
                }
                return
            }
        }
        problems.sort { $0.0 < $1.0 }
        for (_, p) in problems { context.console.error(p) }
        throw CLIFailure(code: .refused, message: context.console.t(
            "\(problems.count) of \(rows.count) rows refused; nothing was written. Fix them and append the file again.",
            "\(problems.count) de \(rows.count) filas rechazadas; no se escribió nada. Corríjalas y vuelva a registrar el archivo."))
    }

    /// A column that no field of the row's type uses is an error, so a
    /// misspelt header never drops data silently.
    static func checkColumns(_ fields: [String: String], type: String) throws {
        guard let known = EventFields.byType[type] else { return }
        for (key, value) in fields where key != "type" && !value.trimmingSpaces.isEmpty {
            let k = String(key.lowercased().map { $0 == "_" ? "-" : $0 })
            if !known.contains(k) {
                throw FieldError(kind: .invalid, message: Localized("\(key.clipped) is not a field of \(type) (fields: \(known.joined(separator: ", ")))",
                                                                    "\(key.clipped) no es un campo de \(type) (campos: \(known.joined(separator: ", ")))"))
            }
        }
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func printReceipts(_ receipts: [Receipt], _ context: Context) {
        let console = context.console
        if context.arguments.has("json") {
            var w = JSONWriter()
            w.raw("{\"appended\":[")
            for (i, r) in receipts.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"seq\":"); w.int(r.seq)
                w.raw(",\"hash\":"); w.string(r.hash.hex)
                w.raw(",\"at\":"); w.string(r.at.description)
                w.raw("}")
            }
            w.raw("]}")
            console.print(w.text)
            return
        }
        if receipts.count == 1 {
            console.print("\(receipts[0].seq) \(receipts[0].hash.hex)")
        } else if let first = receipts.first, let last = receipts.last {
            console.print(console.t("appended \(receipts.count) events, seq \(first.seq) to \(last.seq)",
                                    "registrados \(receipts.count) eventos, secuencias \(first.seq) a \(last.seq)"))
            console.print("\(last.seq) \(last.hash.hex)")
        }
    }

    /// Appends one event built from the command line's flags.
    static func appendOne(type: String, _ context: Context) throws {
        var fields: [String: String] = [:]
        for (k, v) in context.arguments.values where !["ledger", "lang", "actor", "json", "dry-run"].contains(k) {
            fields[k] = v.last! == "" && (k == "post-close") ? "true" : v.last!
        }
        let author = try context.author()
        let command = try CommandBuilder(fields: fields).command(type: type)
        let result = try context.ledger.append([(command, nil)], by: author, clock: context.now, dryRun: context.arguments.has("dry-run"))
        switch result {
        case .failure(let batch): throw batch.refusals[0].1
        case .success(let receipts):
            if context.arguments.has("dry-run") {
                context.console.print(context.console.t("The event would be appended. Nothing was written (--dry-run).",
                                                        "El evento se registraría. No se escribió nada (--dry-run)."))
            } else {
                printReceipts(receipts, context)
            }
        }
    }
}

private let common: [OptionSpec] = [
    OptionSpec(name: "dry-run", value: nil, help: Localized("check, write nothing", "revisa sin escribir nada")),
    OptionSpec(name: "json", value: nil, help: Localized("print seq, hash and time as JSON", "imprime secuencia, hash y hora como JSON")),
]

private func option(_ name: String, _ value: String?, _ en: String, _ es: String, required: Bool = false) -> OptionSpec {
    OptionSpec(name: name, value: value, help: Localized(en, es), required: required)
}

enum AppendIndicator: LedgerCommand {
    static let spec = CommandSpec(
        name: "append indicator",
        abstract: Localized("define an indicator (indicador de desempeño)", "define un indicador de desempeño"),
        usage: "ledger append indicator --id ID --name TEXT --unit UNIT --year YYYY --annual-target N [--monthly-targets N,...(12)] [--frequency monthly|quarterly|semiannual|annual] [--aggregation sum|last|average|ratio] [--direction ascending|descending] [--baseline N] [--owner CODE --owner-name TEXT] [--plan NAME] [--description TEXT]",
        options: [
            option("id", "ID", "a short unique id, without spaces", "un id corto y único, sin espacios", required: true),
            option("name", "TEXT", "the indicator's name", "el nombre del indicador", required: true),
            option("unit", "UNIT", "unit of measure: RECIBOS, ACCIONES, %", "unidad de medida: RECIBOS, ACCIONES, %", required: true),
            option("year", "YYYY", "fiscal year", "ejercicio fiscal", required: true),
            option("annual-target", "N", "meta anual", "meta anual", required: true),
            option("monthly-targets", "N,...", "12 monthly targets, January to December", "12 metas mensuales, enero a diciembre"),
            option("frequency", "F", "monthly (default), quarterly, semiannual, annual", "monthly (por omisión), quarterly, semiannual, annual"),
            option("aggregation", "A", "how months make a quarter: sum (default), last, average, ratio", "cómo los meses forman un trimestre: sum (por omisión), last, average, ratio"),
            option("direction", "D", "ascending (more is better, default) or descending", "ascending (más es mejor, por omisión) o descending"),
            option("baseline", "N", "línea base", "línea base"),
            option("owner", "CODE", "clave of the responsible unit", "clave de la unidad responsable"),
            option("owner-name", "TEXT", "name of the responsible unit", "nombre de la unidad responsable"),
            option("plan", "NAME", "the plan it belongs to, e.g. POA 2017", "el plan al que pertenece, p. ej. POA 2017"),
            option("description", "TEXT", "description or formula", "descripción o fórmula"),
            option("hierarchy", "L=V|...", "plan levels: eje=...|estrategia=...|objetivo=...", "niveles del plan: eje=...|estrategia=...|objetivo=..."),
            option("green", "N", "own status band: green at or above N %", "semáforo propio: verde desde N %"),
            option("yellow", "N", "own status band: yellow at or above N %", "semáforo propio: amarillo desde N %"),
            option("ceiling", "N", "own ceiling: above N % is over-achievement", "techo propio: por encima de N % es sobrecumplimiento"),
        ] + common,
        examples: [
            "ledger append indicator --id MED-2017 --name \"INSTALACION DE MEDIDORES\" --unit MEDIDORES --year 2017 --annual-target 3600 --owner 307 --owner-name \"COORDINACION DE MEDIDORES\" --plan \"POA 2017\" --actor ana",
            "ledger append indicator --id COB --name \"COBERTURA\" --unit % --year 2017 --annual-target 95 --frequency quarterly --aggregation ratio --actor ana",
        ])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "indicator", context) }
}

enum AppendTarget: LedgerCommand {
    static let spec = CommandSpec(
        name: "append target",
        abstract: Localized("change a target (reprogramación), with a reason", "cambia una meta (reprogramación), con motivo"),
        usage: "ledger append target --indicator ID (--annual-target N | --period P --value N) --reason TEXT",
        options: [
            option("indicator", "ID", "the indicator", "el indicador", required: true),
            option("annual-target", "N", "the new annual target", "la nueva meta anual"),
            option("period", "P", "the period whose target changes (2017-03)", "el periodo cuya meta cambia (2017-03)"),
            option("value", "N", "the new target for that period", "la nueva meta de ese periodo"),
            option("reason", "TEXT", "why (mandatory)", "por qué (obligatorio)"),
        ] + common,
        examples: [
            "ledger append target --indicator MED-2017 --period 2017-02 --value 350 --reason \"Reprogramación autorizada\" --actor ana",
            "ledger append target --indicator MED-2017 --annual-target 4200 --reason \"Ampliación del programa\" --actor ana",
        ])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "target", context) }
}

enum AppendReading: LedgerCommand {
    static let spec = CommandSpec(
        name: "append reading",
        abstract: Localized("record what was executed in a period (valor actual)", "registra lo ejecutado en un periodo (valor actual)"),
        usage: "ledger append reading --indicator ID --period P (--value N | --numerator N --denominator N) [--note TEXT] [--post-close --reason TEXT]",
        options: [
            option("indicator", "ID", "the indicator", "el indicador", required: true),
            option("period", "P", "2017-03, 2017-Q1, 2017-H1 or 2017, as the frequency asks", "2017-03, 2017-Q1, 2017-H1 o 2017, según la frecuencia", required: true),
            option("value", "N", "the executed value", "el valor ejecutado"),
            option("numerator", "N", "for ratio indicators", "para indicadores de razón"),
            option("denominator", "N", "for ratio indicators", "para indicadores de razón"),
            option("note", "TEXT", "a note kept with the reading", "una nota que acompaña a la lectura"),
            OptionSpec(name: "post-close", value: nil, help: Localized("the quarter is closed: record it as a post-close adjustment", "el trimestre está cerrado: regístrela como ajuste posterior al cierre")),
            option("reason", "TEXT", "why (with --post-close)", "por qué (con --post-close)"),
        ] + common,
        examples: [
            "ledger append reading --indicator MED-2017 --period 2017-01 --value 542 --actor ana",
            "ledger append reading --indicator COB --period 2017-Q1 --numerator 9120 --denominator 9600 --actor ana",
        ])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "reading", context) }
}

enum AppendCorrection: LedgerCommand {
    static let spec = CommandSpec(
        name: "append correction",
        abstract: Localized("replace the value of a reading, with a reason (the original stays in the journal)",
                            "reemplaza el valor de una lectura, con motivo (la original queda en el diario)"),
        usage: "ledger append correction --indicator ID --period P (--value N | --numerator N --denominator N) --reason TEXT [--post-close]",
        options: [
            option("indicator", "ID", "the indicator", "el indicador", required: true),
            option("period", "P", "the period of the reading", "el periodo de la lectura", required: true),
            option("value", "N", "the corrected value", "el valor corregido"),
            option("numerator", "N", "for ratio indicators", "para indicadores de razón"),
            option("denominator", "N", "for ratio indicators", "para indicadores de razón"),
            option("reason", "TEXT", "why (mandatory)", "por qué (obligatorio)"),
            OptionSpec(name: "post-close", value: nil, help: Localized("the quarter is closed: a post-close adjustment", "el trimestre está cerrado: ajuste posterior al cierre")),
        ] + common,
        examples: ["ledger append correction --indicator MED-2017 --period 2017-02 --value 300 --reason \"Error de captura\" --actor luis"])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "correction", context) }
}

enum AppendObservation: LedgerCommand {
    static let spec = CommandSpec(
        name: "append observation",
        abstract: Localized("add an observation on a period's result", "agrega una observación sobre el resultado de un periodo"),
        usage: "ledger append observation --indicator ID --period P --text TEXT",
        options: [
            option("indicator", "ID", "the indicator", "el indicador", required: true),
            option("period", "P", "the period", "el periodo", required: true),
            option("text", "TEXT", "the observation", "la observación", required: true),
        ] + common,
        examples: ["ledger append observation --indicator MED-2017 --period 2017-02 --text \"NO SE CUMPLIO LA META POR FALTA DE MATERIAL\" --actor ana"])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "observation", context) }
}

enum AppendBudget: LedgerCommand {
    static let spec = CommandSpec(
        name: "append budget",
        abstract: Localized("record budget: modified, accrued (devengado) and paid", "registra presupuesto: modificado, devengado y pagado"),
        usage: "ledger append budget --indicator ID --period P --modified N --accrued N --paid N [--approved N] [--committed N] [--exercised N]",
        options: [
            option("indicator", "ID", "the program, component or activity", "el programa, componente o actividad", required: true),
            option("period", "P", "the period (2024-Q1, 2024-03)", "el periodo (2024-Q1, 2024-03)", required: true),
            option("modified", "N", "modificado", "modificado", required: true),
            option("accrued", "N", "devengado", "devengado", required: true),
            option("paid", "N", "pagado", "pagado", required: true),
            option("approved", "N", "aprobado", "aprobado"),
            option("committed", "N", "comprometido", "comprometido"),
            option("exercised", "N", "ejercido", "ejercido"),
        ] + common,
        examples: ["ledger append budget --indicator P101-C01-A01 --period 2024-Q1 --modified 36300.00 --accrued 3088.52 --paid 0.00 --actor ana"])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "budget", context) }
}

enum AppendClose: LedgerCommand {
    static let spec = CommandSpec(
        name: "append close",
        abstract: Localized("close a quarter: its figures become final", "cierra un trimestre: sus cifras quedan firmes"),
        usage: "ledger append close --quarter YYYY-Qn [--plan NAME]",
        options: [
            option("quarter", "YYYY-Qn", "the quarter", "el trimestre", required: true),
            option("plan", "NAME", "close it for one plan only (default: every plan)", "cerrarlo solo para un plan (por omisión: todos)"),
        ] + common,
        examples: ["ledger append close --quarter 2017-Q1 --actor planeacion"])
    static func run(_ context: Context) throws { try AppendCommand.appendOne(type: "close", context) }
}
