// The words for every refusal and store failure, in English and Spanish:
// one or two plain sentences that say what was wrong and what to do.

import LedgerCore
import LedgerStore

enum Messages {
    static func refusal(_ r: Refusal) -> Localized {
        switch r {
        case .notOpened:
            return Localized("this ledger has not been opened; run `ledger init --entity NAME` first.",
                             "este ledger no se ha abierto; ejecute primero `ledger init --entity NOMBRE`.")
        case .alreadyOpened:
            return Localized("the ledger is already opened.", "el ledger ya está abierto.")
        case .unknownIndicator(let id):
            return Localized("unknown indicator \(id); define it first with `ledger append indicator --id \(id) ...` (see `ledger log --type indicator`).",
                             "indicador desconocido \(id); defínalo primero con `ledger append indicator --id \(id) ...` (vea `ledger log --type indicator`).")
        case .indicatorExists(let id):
            return Localized("indicator \(id) is already defined; change its target with `ledger append target --indicator \(id) ... --reason TEXT`.",
                             "el indicador \(id) ya está definido; cambie su meta con `ledger append target --indicator \(id) ... --reason TEXTO`.")
        case .emptyField(let f):
            return Localized("\(f) must not be empty.", "\(f) no debe estar vacío.")
        case .invalidText(let f):
            return Localized("\(f) contains characters it may not hold (line breaks or control characters; in an id also spaces and commas).",
                             "\(f) contiene caracteres no permitidos (saltos de línea o caracteres de control; en un id también espacios y comas).")
        case .periodNotOfFrequency(let id, let p, let f):
            let example: String
            switch f {
            case .monthly: example = "\(p.year)-03"
            case .quarterly: example = "\(p.year)-Q1"
            case .semiannual: example = "\(p.year)-H1"
            case .annual: example = "\(p.year)"
            }
            return Localized("\(p) is not a period of \(id), which is measured \(f.rawValue); name a period such as \(example).",
                             "\(p) no es un periodo de \(id), que se mide con frecuencia \(f.spanish); indique un periodo como \(example).")
        case .periodOutsideYear(let id, let p, let y):
            return Localized("\(p) lies outside the year of \(id) (\(y)); each indicator belongs to one fiscal year.",
                             "\(p) está fuera del año de \(id) (\(y)); cada indicador pertenece a un solo ejercicio.")
        case .readingExists(let id, let p, let seq):
            return Localized("a reading for \(id) \(p) is already recorded (seq \(seq)); to change it, record a correction: `ledger append correction --indicator \(id) --period \(p) --value N --reason TEXT`.",
                             "ya hay una lectura de \(id) \(p) (secuencia \(seq)); para cambiarla registre una corrección: `ledger append correction --indicator \(id) --period \(p) --value N --reason TEXTO`.")
        case .noReadingToCorrect(let id, let p):
            return Localized("there is no reading of \(id) \(p) to correct; record it with `ledger append reading`.",
                             "no hay lectura de \(id) \(p) que corregir; regístrela con `ledger append reading`.")
        case .correctionChangesNothing(let id, let p):
            return Localized("the reading of \(id) \(p) already has that value; nothing to correct.",
                             "la lectura de \(id) \(p) ya tiene ese valor; no hay nada que corregir.")
        case .reasonRequired(let what):
            let (en, es): (String, String)
            switch what {
            case "target": (en, es) = ("a target change", "un cambio de meta")
            case "correction": (en, es) = ("a correction", "una corrección")
            default: (en, es) = ("a value after the quarter's close", "un valor posterior al cierre del trimestre")
            }
            return Localized("\(en) needs a reason; add --reason TEXT.", "\(es) necesita un motivo; agregue --reason TEXTO.")
        case .ratioNeedsParts(let id):
            return Localized("\(id) is a ratio indicator; give --numerator N --denominator N instead of --value.",
                             "\(id) es un indicador de razón; indique --numerator N --denominator N en lugar de --value.")
        case .valueNotRatio(let id):
            return Localized("\(id) is not a ratio indicator; give --value N.", "\(id) no es un indicador de razón; indique --value N.")
        case .negativeValue(let f):
            return Localized("\(f) must not be negative.", "\(f) no debe ser negativo.")
        case .zeroDenominator(let id):
            return Localized("the denominator of a reading of \(id) must not be zero.", "el denominador de una lectura de \(id) no debe ser cero.")
        case .quarterIsClosed(let id, let p, let q):
            return Localized("\(q) is closed, so \(id) \(p) cannot change silently; if this is a post-close adjustment, add --post-close --reason TEXT.",
                             "\(q) está cerrado, así que \(id) \(p) no puede cambiar sin más; si es un ajuste posterior al cierre, agregue --post-close --reason TEXTO.")
        case .notClosed(let id, let p):
            return Localized("--post-close is only for values of a closed quarter, and the quarter of \(id) \(p) is open; drop the flag.",
                             "--post-close es solo para valores de un trimestre cerrado, y el trimestre de \(id) \(p) está abierto; quite la opción.")
        case .alreadyClosed(let q, let plan):
            let which = plan.map { " (plan \($0))" } ?? ""
            return Localized("\(q)\(which) is already closed; a quarter is closed once.", "\(q)\(which) ya está cerrado; un trimestre se cierra una sola vez.")
        case .notAQuarter(let p):
            return Localized("\(p) is not a quarter; write it as 2017-Q1.", "\(p) no es un trimestre; escríbalo como 2017-Q1.")
        case .unknownPlan(let p):
            return Localized("there is no plan named \(p) in this ledger.", "no hay ningún plan llamado \(p) en este ledger.")
        case .yearOutOfRange(let y):
            return Localized("year \(y) is out of range (1900 to 2999).", "el año \(y) está fuera de rango (1900 a 2999).")
        case .bandsOutOfOrder:
            return Localized("status bands must satisfy yellow <= green <= ceiling.", "las bandas del semáforo deben cumplir yellow <= green <= ceiling.")
        case .segmentRefused(let file, _):
            return Localized("the segment \(file) does not follow the segments sealed before; nothing was sealed.",
                             "el segmento \(file) no sigue a los segmentos sellados antes; no se selló nada.")
        }
    }

    /// A store failure: its message and exit code.
    static func store(_ e: StoreError, paths: LedgerPaths) -> (Localized, ExitCode) {
        switch e {
        case .io(let op, let path, let message, let code):
            let hint: Localized
            switch code {
            case 28: hint = Localized(" The disk is full; free space and try again. Nothing was recorded.", " El disco está lleno; libere espacio e intente de nuevo. No se registró nada.")
            case 13, 1: hint = Localized(" Check the permissions of the ledger directory.", " Revise los permisos del directorio del ledger.")
            case 30: hint = Localized(" The ledger is on a read-only file system.", " El ledger está en un sistema de archivos de solo lectura.")
            default: hint = Localized("", "")
            }
            return (Localized("cannot \(op) \(paths.display(path)): \(message).\(hint.en)",
                              "no se puede \(op.spanish) \(paths.display(path)): \(message).\(hint.es)"), .io)
        case .noLedger(let dir):
            return (Localized("there is no ledger in \(dir) (no events/journal.jsonl); create one with `ledger init --entity NAME`, or point to it with --ledger DIR.",
                              "no hay ledger en \(dir) (no existe events/journal.jsonl); cree uno con `ledger init --entity NOMBRE` o indíquelo con --ledger DIR."), .refused)
        case .ledgerExists(let path):
            return (Localized("a ledger already exists here (\(paths.display(path))); nothing was changed.",
                              "ya existe un ledger aquí (\(paths.display(path))); no se cambió nada."), .refused)
        case .lockTimeout(let path, let seconds):
            return (Localized("another ledger process has held \(paths.display(path)) for over \(seconds) s; nothing was written. Try again, or find the stuck process (fuser \(path)).",
                              "otro proceso del ledger retiene \(paths.display(path)) desde hace más de \(seconds) s; no se escribió nada. Intente de nuevo o busque el proceso detenido (fuser \(path))."), .io)
        case .tornTail(let path, let offset, let bytes, let seq):
            // Named like damage (file:seq:), so that a report always says which event is first affected.
            return (Localized("\(paths.display(path)):\(seq): the journal ends in an incomplete event \(seq) (\(bytes) bytes at byte \(offset)), left by a crash mid-append; run `ledger repair` to move it aside, then try again.",
                              "\(paths.display(path)):\(seq): el diario termina en un evento \(seq) incompleto (\(bytes) bytes en el byte \(offset)), dejado por una caída a mitad de un registro; ejecute `ledger repair` para apartarlo e intente de nuevo."), .integrity)
        case .damaged(let d):
            return (Localized("\(paths.display(d.path)):\(d.line): event \(d.line) is damaged: \(d.message). The journal was altered after it was written; restore it from a copy and compare with the published digest.",
                              "\(paths.display(d.path)):\(d.line): el evento \(d.line) está dañado: \(d.message). El diario se alteró después de escribirse; restáurelo de una copia y compárelo con el resumen publicado."), .integrity)
        case .digestMismatch(let expected, let found):
            let f = found ?? "-"
            return (Localized("the journal does not extend the digest \(expected) (it has \(f) at that seq): history up to it was rewritten.",
                              "el diario no extiende el resumen \(expected) (en esa secuencia tiene \(f)): se reescribió la historia hasta ese punto."), .integrity)
        case .snapshotMismatch(let path, let cause):
            let p = paths.display(path)
            switch cause {
            case .fileAltered:
                return (Localized("\(p) differs from what the journal re-derives, and the journal still holds the history it pins: the snapshot file was altered. Keep it as evidence, move it aside, and rerun `ledger snapshot` with its quarter, --as-of and --plan to write it again.",
                                  "\(p) difiere de lo que el diario vuelve a derivar, y el diario aún conserva la historia que fija: se alteró el archivo del snapshot. Consérvelo como evidencia, apártelo y vuelva a ejecutar `ledger snapshot` con su trimestre, --as-of y --plan para escribirlo de nuevo."), .integrity)
            case .journalShorter(let pinned, let head):
                return (Localized("\(p) was computed from the journal up to event \(pinned), but the journal ends at event \(head): events were removed from the journal. Restore it from a copy.",
                                  "\(p) se calculó del diario hasta el evento \(pinned), pero el diario termina en el evento \(head): se quitaron eventos del diario. Restáurelo de una copia."), .integrity)
            case .journalRewritten(let digest, let found):
                return (Localized("\(p) pins the digest \(digest), but the journal holds \(found) there: the journal's history was rewritten, or the file's digest was edited. Compare with the digest printed on the signed report, and restore the altered side from a copy (`ledger verify --digest \(digest)` tells which journal copy still holds it).",
                                  "\(p) fija el resumen \(digest), pero el diario tiene \(found) en ese punto: se reescribió la historia del diario o se editó el resumen del archivo. Compárelo con el resumen impreso en el informe firmado y restaure de una copia la parte alterada (`ledger verify --digest \(digest)` indica qué copia del diario aún lo contiene)."), .integrity)
            }
        }
    }
}

extension Frequency {
    var spanish: String {
        switch self {
        case .monthly: return "mensual"
        case .quarterly: return "trimestral"
        case .semiannual: return "semestral"
        case .annual: return "anual"
        }
    }
}

extension String {
    /// The Spanish verb for an I/O operation named in English.
    var spanish: String {
        switch self {
        case "open": return "abrir"
        case "write": return "escribir"
        case "read": return "leer"
        case "fsync", "fsync directory": return "sincronizar"
        case "lock": return "bloquear"
        case "create", "create directory": return "crear"
        case "rename": return "renombrar"
        case "truncate": return "truncar"
        case "stat": return "consultar"
        default: return self
        }
    }
}
