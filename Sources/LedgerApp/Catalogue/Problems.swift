// The application layer's own problems (`Problem`) and a batch file's bad
// rows (`BatchProblem`), in both languages, with their kind of failure.

import LedgerCore
import LedgerStore

extension Catalogue {
    static func problem(_ p: Problem, paths: LedgerPaths) -> Failure {
        let nothing = nothingWrittenAfterSentence
        switch p {
        case .noActor:
            return Failure(.refused, Localized("appends need an actor: say who records with --actor NAME or set LEDGER_ACTOR.",
                                               "los registros necesitan un actor: indique quién registra con --actor NOMBRE o defina LEDGER_ACTOR.") + nothing)
        case .unknownTimeZone(let zone):
            return Failure(.refused, Localized("unknown time zone \(zone.clipped); use an IANA name such as America/Mexico_City, America/Lima or UTC.",
                                               "zona horaria desconocida \(zone.clipped); use un nombre IANA como America/Mexico_City, America/Lima o UTC.") + nothing)
        case .clockSetOnRealLedger:
            return Failure(.refused, Localized(
                "LEDGER_CLOCK is set, but this ledger was not made with `ledger init --demo`: its recorded times come from the system clock, never from the user. Unset LEDGER_CLOCK and run the command again.",
                "LEDGER_CLOCK está definida, pero este ledger no se creó con `ledger init --demo`: sus horas de registro vienen del reloj del sistema, nunca del usuario. Quite LEDGER_CLOCK y vuelva a ejecutar el comando.") + nothing)
        case .clockSetWithoutDemo:
            return Failure(.refused, Localized(
                "LEDGER_CLOCK is set: a ledger whose times the user sets is a demonstration or reconstruction, made with `ledger init --demo` (every report then says so). Add --demo, or unset LEDGER_CLOCK for a real ledger.",
                "LEDGER_CLOCK está definida: un ledger cuyas horas fija el usuario es una demostración o reconstrucción, creada con `ledger init --demo` (todo informe lo dice entonces). Agregue --demo, o quite LEDGER_CLOCK para un ledger real.") + nothing)
        case .timeZoneUnreadable(let zone, let directory):
            return Failure(.io, Localized(
                "cannot read the ledger's time zone \(zone) from \(directory), which snapshots need to show local time; install the time zone database (tzdata) and try again.",
                "no se puede leer la zona horaria del ledger \(zone) en \(directory), que los snapshots necesitan para mostrar la hora local; instale la base de zonas horarias (tzdata) e intente de nuevo."))
        case .unknownPlan(let plan, let plans):
            let list = plans.map { $0.isEmpty ? "\"\"" : $0 }.joined(separator: ", ")
            return Failure(.refused, Localized("there is no plan named \(plan.clipped) in this ledger; its plans are: \(list).",
                                               "no hay ningún plan llamado \(plan.clipped) en este ledger; sus planes son: \(list)."))
        case .unknownOwner(let owner):
            return Failure(.refused, Localized("no indicator belongs to unit \(owner.clipped) in this ledger.",
                                               "ningún indicador pertenece a la unidad \(owner.clipped) en este ledger."))
        case .unknownIndicator(let id, let suggestions, let appending):
            return Failure(.refused, unknownIndicator(id, suggestions: suggestions, appending: appending), code: "unknown-indicator")
        case .nothingRecordedBy(let cut, let opened):
            return Failure(.refused, Localized(
                "nothing had been recorded by \(cut): this ledger begins at \(opened). Give a later time (`ledger log` shows when each event was recorded).",
                "no se había registrado nada al \(cut): este ledger empieza el \(opened). Indique una hora posterior (`ledger log` muestra cuándo se registró cada evento)."),
                           code: "before-the-ledger")
        case .asOfNotPassed(let asOf):
            return Failure(.refused, Localized(
                "--as-of \(asOf) has not passed yet, so events recorded before it could still change the snapshot; give a past time, or omit --as-of for everything recorded so far.",
                "--as-of \(asOf) aún no ha pasado, así que eventos registrados antes de esa hora podrían cambiar el snapshot; indique una hora pasada u omita --as-of para todo lo registrado hasta ahora.") + nothing)
        case .nothingToSnapshot(let year, let plan, let asOf):
            let scope = plan.map { " (plan \($0))" } ?? ""
            return Failure(.refused, Localized(
                "no indicator of \(year)\(scope) had been recorded by \(asOf); there is nothing to snapshot.",
                "ningún indicador de \(year)\(scope) se había registrado al \(asOf); no hay nada que guardar.") + nothing)
        case .snapshotDiffers(let shown):
            return Failure(.integrity, Localized(
                "\(shown) already exists with other bytes than the journal derives for it now: the snapshot or the journal was altered. Nothing was written; run `ledger verify` to see which, and keep the file as evidence.",
                "\(shown) ya existe con bytes distintos de los que el diario deriva ahora: se alteró el snapshot o el diario. No se escribió nada; ejecute `ledger verify` para saber cuál y conserve el archivo como evidencia."))
        case .ruleBroken(let path, let seq, let breach):
            return Failure(.integrity, ruleBroken(path: path, seq: seq, breach, paths: paths))
        case .attestedFilesDiffer(let files):
            let lines = files.map { f -> Localized in
                let shown = paths.display(f.path)
                return f.missing
                    ? Localized("\(shown): the snapshot file \(f.signer) attested (event \(f.seq)) is missing; restore it from a copy.",
                                "\(shown): falta el archivo de corte que validó \(f.signer) (evento \(f.seq)); restáurelo de una copia.")
                    : Localized("\(shown): the snapshot file \(f.signer) attested (event \(f.seq)) was altered: its SHA-256 is not the one attested; keep it as evidence and restore it from a copy.",
                                "\(shown): el archivo de corte que validó \(f.signer) (evento \(f.seq)) se alteró: su SHA-256 no es el validado; consérvelo como evidencia y restáurelo de una copia.")
            }
            return Failure(.integrity, Localized(lines.map(\.en).joined(separator: "\nledger: "), lines.map(\.es).joined(separator: "\nledger: ")),
                           code: "attested-file", file: files.first.map { paths.display($0.path) }, seq: files.first?.seq)
        case .snapshotsDiffer(let files):
            let lines = files.map { store(.snapshotMismatch(path: $0.path, cause: $0.cause), paths: paths).0 }
            return Failure(.integrity, Localized(lines.map(\.en).joined(separator: "\nledger: "), lines.map(\.es).joined(separator: "\nledger: ")))
        case .tornJournal(let path, let offset, let bytes, let seq, let tail):
            let shown = paths.display(path)
            return Failure(.integrity, tornJournal(shown, offset: offset, bytes: bytes, seq: seq, tail: tail),
                           code: (tail?.wholeEvents.isEmpty ?? true) ? "torn-tail" : "incomplete-batch", file: shown, seq: seq)
        case .digestNotHeld(let pinned, let found, let head, let hashAt):
            return digestNotHeld(pinned, found: found, head: head, hashAt: hashAt)
        case .inputUnreadable(let path, let message):
            return Failure(.refused, Localized("cannot read \(path): \(message).", "no se puede leer \(path): \(message).") + nothing)
        case .inputTooLarge(let path):
            return Failure(.refused, Localized("\(path) is larger than 256 MB; split it into smaller batches.",
                                               "\(path) pasa de 256 MB; divídalo en lotes más pequeños.") + nothing)
        case .lineTooLong(let path, let line):
            return Failure(.refused, Localized("\(path):\(line): the line is longer than 1 MB; no batch row is that long.",
                                               "\(path):\(line): la línea pasa de 1 MB; ninguna fila de un lote es tan larga.") + nothing)
        case .csvUnreadable(let path, let line, let message):
            return Failure(.refused, Localized("\(path):\(line): \(message)", "\(path):\(line): \(spanishCSV(message))") + nothingWrittenAfterClause)
        case .noTypeColumn(let path, let line):
            return Failure(.refused, Localized(
                "\(path):\(line): the header has no type column; the first row must name the fields, e.g. type,indicator,period,value.",
                "\(path):\(line): el encabezado no tiene columna type; la primera fila debe nombrar los campos, p. ej. type,indicator,period,value.") + nothing)
        case .malformedBatch(let path, let lines, let jsonLines):
            let n = lines.count
            return Failure(.refused, jsonLines ? Localized("\(n) malformed lines; nothing was written.", "\(n) líneas mal formadas; no se escribió nada.")
                                               : Localized("\(n) malformed rows; nothing was written.", "\(n) filas mal formadas; no se escribió nada."),
                           details: lines.map { located(path, $0.line, batch($0.problem)) })
        case .emptyBatch(let path):
            return Failure(.refused, Localized("\(path) holds no rows; nothing was written.", "\(path) no tiene filas; no se escribió nada."))
        case .batchRefused(let path, let rows, let problems):
            return Failure(.refused, Localized(
                "\(problems.count) of \(rows) rows refused; nothing was written. Fix them and append the file again.",
                "\(problems.count) de \(rows) filas rechazadas; no se escribió nada. Corríjalas y vuelva a registrar el archivo."),
                           details: problems.map { located(path, $0.line, batch($0.problem)) })
        case .importLayout(let path, let location, let message, let format, _) where format == "xlsx":
            return Failure(.refused, Localized(both: "\(path)\(location): ") + message + nothingWrittenAfterClause + Localized(
                " The workbook template is docs/examples/plantilla.xlsx (see docs/IMPORT.md).",
                " La plantilla de libro es docs/examples/plantilla.xlsx (vea docs/IMPORT.md)."))
        case .importLayout(let path, let location, let message, let format, let formats):
            return Failure(.refused, Localized(both: "\(path)\(location): ") + message + nothingWrittenAfterClause + Localized(
                " Check that the file is a \(format) document (formats: \(formats); see docs/IMPORT.md).",
                " Revise que el archivo sea un documento \(format) (formatos: \(formats); vea docs/IMPORT.md)."))
        case .importStrict(let path, let findings):
            return Failure(.refused, Localized(
                "--strict: \(findings.count) finding(s) in \(path); nothing was written. Fix the document, or import without --strict to record them as observations.",
                "--strict: \(findings.count) hallazgo(s) en \(path); no se escribió nada. Corrija el documento, o impórtelo sin --strict para registrarlos como observaciones."),
                           details: findings)
        case .importEmpty(let path, let findings):
            return Failure(.refused, Localized("\(path) holds nothing to import; nothing was written.", "\(path) no tiene nada que importar; no se escribió nada."),
                           details: findings)
        case .importRefused(let path, let total, let findings, let refusals):
            return Failure(.refused, Localized(
                "the ledger refused \(refusals.count) of \(total) events from \(path); nothing was written.",
                "el ledger rechazó \(refusals.count) de \(total) eventos de \(path); no se escribió nada."),
                           details: findings + refusals.map { Localized(both: "\(path)\($0.location): ") + refusal($0.refusal) })
        case .exportExists(let path):
            return Failure(.refused, Localized("\(path) already exists; give another name, or add --force to replace it.",
                                               "\(path) ya existe; indique otro nombre, o agregue --force para reemplazarlo.") + nothing)
        case .nothingToExport:
            return Failure(.refused, Localized("this ledger has no indicator to export yet; define one with `ledger append indicator`, or name a quarter with --quarter.",
                                               "este ledger aún no tiene indicadores que exportar; defina uno con `ledger append indicator`, o indique un trimestre con --quarter.") + nothing)
        case .noIndicatorsToExport(let q):
            return Failure(.refused, Localized("no indicator of \(q.year) is measured in this ledger (or in the plan and unit asked for); there is nothing to report for \(q).",
                                               "ningún indicador de \(q.year) se mide en este ledger (o en el plan y la unidad pedidos); no hay nada que informar de \(q).") + nothing)
        case .exportUnwritable(let path, let message):
            return Failure(.refused, Localized("cannot write \(path): \(message); check the folder exists and you may write in it.",
                                               "no se puede escribir \(path): \(message); revise que la carpeta exista y que pueda escribir en ella.") + nothing)
        }
    }

    /// An indicator not found: the ids it may have meant, else what to do.
    static func unknownIndicator(_ id: String, suggestions: [IndicatorSuggestion], appending: Bool) -> Localized {
        let listed = suggestions.map { "\($0.id) (\($0.name)\($0.plan.isEmpty ? "" : ", " + $0.plan))" }.joined(separator: "; ")
        let head = appending ? Localized("unknown indicator \(id.clipped)", "indicador desconocido \(id.clipped)")
                             : Localized("there is no indicator \(id.clipped) in this ledger", "no hay ningún indicador \(id.clipped) en este ledger")
        let hint: Localized
        if suggestions.count == 1 {
            hint = Localized("; did you mean \(listed)?", "; ¿quiso decir \(listed)?")
        } else if !suggestions.isEmpty {
            hint = Localized("; did you mean one of: \(listed)?", "; ¿quiso decir uno de estos: \(listed)?")
        } else if appending && IndicatorSearch.couldBeAnID(id) {
            hint = Localized("; define it first with `ledger append indicator --id \(id) ...` (see `ledger log --type indicator`).",
                             "; defínalo primero con `ledger append indicator --id \(id) ...` (vea `ledger log --type indicator`).")
        } else {
            hint = Localized("; `ledger status` lists every indicator with its id.", "; `ledger status` muestra cada indicador con su id.")
        }
        let text = head + hint
        return appending ? text + nothingWrittenAfterSentence : text
    }

    /// A batch file that is not UTF-8, read as Windows-1252.
    static func readAsWindows1252(_ path: String) -> Localized {
        Localized("\(path): not UTF-8; read as Windows-1252 (what Excel saves as \"CSV\" on Windows): check its accents in `ledger log`.",
                  "\(path): no es UTF-8; se leyó como Windows-1252 (lo que Excel guarda como \"CSV\" en Windows): revise sus acentos en `ledger log`.")
    }

    /// A close that went through with due readings missing: which, and what to do.
    public static func closedWithMissing(_ quarter: Period, _ missing: [MissingReading], dryRun: Bool = false) -> Localized {
        let shown = missing.prefix(20).map { "\($0.indicator) \($0.period)" }.joined(separator: ", ")
        let more = missing.count > 20 ? " …" : ""
        if dryRun {
            return Localized("warning: \(quarter) would be closed with \(missing.count) due reading(s) missing: \(shown)\(more).",
                             "aviso: \(quarter) se cerraría con \(missing.count) lectura(s) pendiente(s): \(shown)\(more).")
        }
        return Localized(
            "warning: \(quarter) was closed with \(missing.count) due reading(s) missing: \(shown)\(more). Record them with `ledger append reading … --post-close --reason TEXT`; `ledger quarter \(quarter)` lists them.",
            "aviso: \(quarter) se cerró con \(missing.count) lectura(s) pendiente(s): \(shown)\(more). Regístrelas con `ledger append reading … --post-close --reason TEXTO`; `ledger quarter \(quarter)` las muestra.")
    }

    /// A torn tail, said for what it holds: part of one event, or whole
    /// events of a batch that lacks its last ones; the two causes (an append
    /// interrupted, a journal cut short) cannot be told apart from inside.
    static func tornJournal(_ path: String, offset: Int64, bytes: Int64, seq: Int64, tail: TornTail?) -> Localized {
        let whole = tail?.wholeEvents ?? []
        guard let first = whole.first, let last = whole.last, let size = tail?.batchSize else {
            return Localized(
                "\(path):\(seq): the journal ends in an incomplete event \(seq) (\(bytes) bytes at byte \(offset)): an append was interrupted (a crash, a full disk) or the file was cut short. Run `ledger repair` to move those bytes aside (kept, not deleted), then try again; if the journal may have been cut short, compare it with a copy first.",
                "\(path):\(seq): el diario termina en un evento \(seq) incompleto (\(bytes) bytes en el byte \(offset)): se interrumpió un registro (una caída, un disco lleno) o el archivo quedó cortado. Ejecute `ledger repair` para apartar esos bytes (se conservan, no se borran) e intente de nuevo; si el diario pudo quedar cortado, compárelo antes con una copia.")
        }
        let missing = size - whole.count
        let partial = (tail?.partialBytes ?? 0) > 0
        let en = "\(path):\(first): the journal ends in an incomplete batch: events \(first) to \(last) are whole, but their batch of \(size) events lacks its last \(missing)"
            + (partial ? " (part of event \(last + 1) follows)" : "")
            + ". An append interrupted mid-batch leaves this (and then none of it was acknowledged); so does a journal cut short (a copy that stopped early), and then those events were acknowledged and the rest of the batch is lost. Compare with a copy of the journal before `ledger repair`, which moves the \(whole.count) whole events aside (kept) and says how to put them back."
        let es = "\(path):\(first): el diario termina en un lote incompleto: los eventos \(first) a \(last) están completos, pero a su lote de \(size) eventos le faltan los últimos \(missing)"
            + (partial ? " (le sigue parte del evento \(last + 1))" : "")
            + ". Un registro interrumpido a mitad de un lote deja esto (y entonces nada de él se confirmó); también un diario cortado (una copia que se detuvo antes), y entonces esos eventos sí se confirmaron y el resto del lote se perdió. Compárelo con una copia del diario antes de `ledger repair`, que aparta los \(whole.count) eventos completos (se conservan) y dice cómo devolverlos."
        return Localized(en, es)
    }

    /// A published digest the journal does not hold: a typo in the copy
    /// (a few characters off, or the hash of another seq), a journal shorter
    /// than the digest, or a history rewritten.
    static func digestNotHeld(_ pinned: PublishedDigest, found: Digest256?, head: Int64, hashAt: Int64?) -> Failure {
        guard let found else {
            return Failure(.integrity, Localized(
                "the digest \(pinned.text) names event \(pinned.seq), but the journal ends at event \(head): events after \(head) were removed (restore the journal from a copy), or the digest belongs to another ledger.",
                "el resumen \(pinned.text) nombra el evento \(pinned.seq), pero el diario termina en el evento \(head): se quitaron eventos después del \(head) (restaure el diario de una copia), o el resumen es de otro ledger."),
                           code: "digest-beyond-journal", seq: pinned.seq)
        }
        if let other = hashAt {
            return Failure(.integrity, Localized(
                "the hash of the digest \(pinned.text) is the journal's hash of event \(other), not of event \(pinned.seq): the seq was miscopied; verify \(other):\(pinned.hash.hex).",
                "el hash del resumen \(pinned.text) es el hash del evento \(other) en el diario, no del evento \(pinned.seq): se copió mal la secuencia; verifique \(other):\(pinned.hash.hex)."),
                           code: "digest-seq-typo", seq: pinned.seq)
        }
        let given = Array(pinned.hash.hex), held = Array(found.hex)
        let differing = given.indices.filter { given[$0] != held[$0] }
        if differing.count <= 4 {
            let positions = differing.map { String($0 + 1) }.joined(separator: ", ")
            return Failure(.integrity, Localized(
                "the digest \(pinned.text) differs from the journal's hash of event \(pinned.seq) (\(found.hex)) in \(differing.count) character(s), at position(s) \(positions): most likely a typo in the copy. Check it against the published one; if it was copied exactly, the history up to event \(pinned.seq) was rewritten.",
                "el resumen \(pinned.text) difiere del hash del evento \(pinned.seq) en el diario (\(found.hex)) en \(differing.count) carácter(es), en la(s) posición(es) \(positions): lo más probable es un error al copiarlo. Revíselo contra el publicado; si se copió exactamente, se reescribió la historia hasta el evento \(pinned.seq)."),
                           code: "digest-typo", seq: pinned.seq)
        }
        return Failure(.integrity, Localized(
            "the journal does not extend the digest \(pinned.text): it holds \(pinned.seq):\(found.hex) at that seq, a wholly different hash, so the history up to event \(pinned.seq) was rewritten (or the digest is another ledger's). Restore the journal from a copy that holds the digest.",
            "el diario no extiende el resumen \(pinned.text): en esa secuencia tiene \(pinned.seq):\(found.hex), un hash del todo distinto, así que se reescribió la historia hasta el evento \(pinned.seq) (o el resumen es de otro ledger). Restaure el diario de una copia que contenga el resumen."),
                       code: "digest-rewritten", seq: pinned.seq)
    }

    /// `FILE:LINE: text`.
    static func located(_ path: String, _ line: Int, _ text: Localized) -> Localized {
        Localized(both: "\(path):\(line): ") + text
    }

    /// What is wrong with one row or line of a batch file.
    public static func batch(_ p: BatchProblem) -> Localized {
        switch p {
        case .field(let e): return field(e)
        case .refusal(let r): return refusal(r)
        case .unknownIndicator(let id, let suggestions):
            guard !suggestions.isEmpty else { return refusal(.unknownIndicator(id)) }
            return unknownIndicator(id, suggestions: suggestions, appending: false)
        case .tooManyCells(let n, let header):
            return Localized("the row has \(n) cells but the header names \(header)", "la fila tiene \(n) celdas pero el encabezado nombra \(header)")
        case .notAnObject:
            return Localized("each line must be a JSON object", "cada línea debe ser un objeto JSON")
        case .notJSON(let message, let column):
            return Localized("not valid JSON (\(message) at column \(column))", "no es JSON válido (\(message), columna \(column))")
        case .fieldNotScalar(let key):
            return Localized("field \(key.clipped) must be text, a number or a list of numbers",
                             "el campo \(key.clipped) debe ser texto, un número o una lista de números")
        }
    }

    /// The CSV reader's messages in Spanish.
    static func spanishCSV(_ message: String) -> String {
        switch message {
        case let m where m.hasPrefix("the text is not valid UTF-8"): return "el texto no es UTF-8 válido; guarde el archivo como CSV UTF-8"
        case let m where m.hasPrefix("a quoted field"): return "un campo entre comillas nunca se cierra"
        case let m where m.hasPrefix("the file holds binary data"): return "el archivo contiene datos binarios, no texto"
        case let m where m.hasPrefix("text after a closing quote"): return "hay texto después de una comilla de cierre; una comilla dentro de un campo debe ir doble (\"\")"
        default: return message
        }
    }
}
