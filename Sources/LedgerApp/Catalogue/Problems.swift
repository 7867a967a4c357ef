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
        case .invalidActor:
            return Failure(.refused, Localized("the actor name may not hold line breaks or control characters, nor exceed 200 characters.",
                                               "el nombre del actor no puede tener saltos de línea ni caracteres de control, ni pasar de 200 caracteres."))
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
        case .snapshotsDiffer(let files):
            let lines = files.map { store(.snapshotMismatch(path: $0.path, cause: $0.cause), paths: paths).0 }
            return Failure(.integrity, Localized(lines.map(\.en).joined(separator: "\nledger: "), lines.map(\.es).joined(separator: "\nledger: ")))
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

    /// `FILE:LINE: text`.
    static func located(_ path: String, _ line: Int, _ text: Localized) -> Localized {
        Localized(both: "\(path):\(line): ") + text
    }

    /// What is wrong with one row or line of a batch file.
    public static func batch(_ p: BatchProblem) -> Localized {
        switch p {
        case .field(let e): return field(e)
        case .refusal(let r): return refusal(r)
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
        case let m where m.hasPrefix("text after a closing quote"): return "hay texto después de una comilla de cierre; una comilla dentro de un campo debe ir doble (\"\")"
        default: return message
        }
    }
}
