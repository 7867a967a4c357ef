// The store's failures (`StoreError`), in both languages, with the kind
// of failure each is: damage is integrity (exit 3), the disk and locks are
// I/O (exit 4).

import LedgerCore
import LedgerStore

extension Catalogue {
    /// A store failure as the CLI prints it: message, exit code, and for
    /// `--json` a token, the file and the event it is about.
    static func storeFailure(_ e: StoreError, paths: LedgerPaths) -> Failure {
        let (message, kind) = store(e, paths: paths)
        switch e {
        case .io(_, let path, _, _): return Failure(kind, message, code: "io", file: paths.display(path))
        case .noLedger: return Failure(kind, message, code: "no-ledger")
        case .ledgerExists(let path): return Failure(kind, message, code: "ledger-exists", file: paths.display(path))
        case .lockTimeout(let path, _): return Failure(kind, message, code: "lock-timeout", file: paths.display(path))
        case .tornTail(let path, _, _, let seq): return Failure(kind, message, code: "torn-tail", file: paths.display(path), seq: seq)
        case .damaged(let d): return Failure(kind, message, code: "damaged", file: paths.display(d.path), seq: d.line)
        case .digestMismatch: return Failure(kind, message, code: "digest-mismatch")
        case .snapshotMismatch(let path, _): return Failure(kind, message, code: "snapshot-mismatch", file: paths.display(path))
        case .journalKeepsMoving(let path): return Failure(kind, message, code: "journal-moving", file: paths.display(path))
        case .symbolicLink(let path): return Failure(kind, message, code: "symbolic-link", file: paths.display(path))
        case .clockBehind(_, _, let seq): return Failure(kind, message, code: "clock-behind", seq: seq)
        case .clockOutOfRange: return Failure(kind, message, code: "clock-out-of-range")
        case .unwritableEvent: return Failure(kind, message, code: "unwritable-event")
        case .ownershipNotKept(let path, _): return Failure(kind, message, code: "ownership-not-kept", file: paths.display(path))
        case .sealUnfinished(let seq, _, _): return Failure(kind, message, code: "seal-unfinished", seq: seq)
        }
    }

    /// A store failure: its message and exit code.
    static func store(_ e: StoreError, paths: LedgerPaths) -> (Localized, FailureKind) {
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
            let here = dir == "." || dir.isEmpty
            let (en, es) = here ? ("there is no ledger here (no events/journal.jsonl in the current directory)",
                                   "no hay ledger aquí (no existe events/journal.jsonl en el directorio actual)")
                                : ("there is no ledger in \(dir) (no events/journal.jsonl)", "no hay ledger en \(dir) (no existe events/journal.jsonl)")
            return (Localized(en + "; create one with `ledger init --entity NAME`, or point to it with --ledger DIR or LEDGER_DIR.",
                              es + "; cree uno con `ledger init --entity NOMBRE` o indíquelo con --ledger DIR o LEDGER_DIR."), .refused)
        case .journalKeepsMoving(let path):
            return (Localized("other appends kept changing \(paths.display(path)) while the batch was being signed; nothing was written. Try again.",
                              "otros registros siguieron cambiando \(paths.display(path)) mientras se firmaba el lote; no se escribió nada. Intente de nuevo."), .io)
        case .ledgerExists(let path):
            return (Localized("a ledger already exists here (\(paths.display(path))); nothing was changed.",
                              "ya existe un ledger aquí (\(paths.display(path))); no se cambió nada."), .refused)
        case .lockTimeout(let path, let seconds):
            return (Localized("another ledger process has held \(paths.display(path)) for over \(seconds) s; nothing was written. Try again, or find the stuck process (fuser \(path)).",
                              "otro proceso del ledger retiene \(paths.display(path)) desde hace más de \(seconds) s; no se escribió nada. Intente de nuevo o busque el proceso detenido (fuser \(path))."), .io)
        case .tornTail(let path, let offset, let bytes, let seq):
            // Named like damage (file:seq:), so that a report always says which event is first affected.
            // (The use cases say what the tail holds: Problem.tornJournal.)
            return (tornJournal(paths.display(path), offset: offset, bytes: bytes, seq: seq, tail: nil), .integrity)
        case .damaged(let d):
            return (Localized("\(paths.display(d.path)):\(d.line): event \(d.line) is damaged: \(d.message). The journal was altered after it was written; restore it from a copy and compare with the published digest.",
                              "\(paths.display(d.path)):\(d.line): el evento \(d.line) está dañado: \(spanishDamage(d.message)). El diario se alteró después de escribirse; restáurelo de una copia y compárelo con el resumen publicado."), .integrity)
        case .digestMismatch(let expected, let found):
            // (`verify` says which: Problem.digestNotHeld.)
            let f = found ?? "nothing"
            return (Localized("the journal does not extend the digest \(expected) (it has \(f) at that seq): history up to it was rewritten.",
                              "el diario no extiende el resumen \(expected) (en esa secuencia tiene \(f)): se reescribió la historia hasta ese punto."), .integrity)
        case .symbolicLink(let path):
            let p = paths.display(path)
            return (Localized("\(p) is a symbolic link: the ledger never reads or writes through a link in its folders, since another account may have planted it to make the ledger overwrite another file. Nothing was written. Check where it points, then put the real file or folder in its place.",
                              "\(p) es un enlace simbólico: el ledger nunca lee ni escribe a través de un enlace en sus carpetas, pues otra cuenta pudo colocarlo para que el ledger sobrescriba otro archivo. No se escribió nada. Revise a dónde apunta y ponga en su lugar el archivo o la carpeta reales."), .io)
        case .clockBehind(let reading, let last, let seq):
            return (Localized("the system clock reads \(reading), more than 10 minutes before the last event (event \(seq), recorded at \(last)); the ledger records times in order and will not date an event before it. Nothing was written. Fix this machine's clock; if it is right, event \(seq) was recorded under a clock running ahead: `ledger verify` lists such events.",
                              "el reloj del sistema marca \(reading), más de 10 minutos antes del último evento (evento \(seq), registrado a las \(last)); el ledger registra las horas en orden y no fechará un evento antes de él. No se escribió nada. Corrija el reloj de esta máquina; si es correcto, el evento \(seq) se registró con un reloj adelantado: `ledger verify` lista esos eventos."), .refused)
        case .clockOutOfRange(let reading):
            return (Localized("the clock reads \(reading), a time the journal cannot hold (it records years 0001 to 9999, in UTC). Nothing was written. Fix the clock (or LEDGER_CLOCK on a demonstration ledger).",
                              "el reloj marca \(reading), una hora que el diario no puede guardar (registra los años 0001 a 9999, en UTC). No se escribió nada. Corrija el reloj (o LEDGER_CLOCK en un ledger de demostración)."), .refused)
        case .unwritableEvent(let message):
            return (Localized("\(message): the ledger never writes what it could not read back. Nothing was written.",
                              "\(message): el ledger nunca escribe lo que no podría volver a leer. No se escribió nada."), .refused)
        case .ownershipNotKept(let path, let o):
            return (Localized("seal writes \(paths.display(path)) anew, and this account cannot give the new file the owner and group it has now (uid \(o.user), gid \(o.group)), so the others who append to it could lose access. Nothing was written. Run `ledger seal` as the journal's owner while in its group, or as root.",
                              "seal escribe \(paths.display(path)) de nuevo, y esta cuenta no puede darle al archivo nuevo el dueño y el grupo que tiene ahora (uid \(o.user), gid \(o.group)), así que quienes registran en él podrían perder el acceso. No se escribió nada. Ejecute `ledger seal` como el dueño del diario estando en su grupo, o como root."), .refused)
        case .sealUnfinished(let seq, let segment, let cause):
            let (why, _) = store(cause, paths: paths)
            return (Localized("the seal was recorded (event \(seq)), but moving the sealed events to \(paths.display(segment)) did not finish (\(why.en.withoutNothingRecorded)). The journal is whole and reports read it as it is; `ledger verify` asks for `ledger repair` until the seal is finished: once the cause is fixed (free space on the disk), run `ledger repair`.",
                              "el sellado quedó registrado (evento \(seq)), pero no terminó de mover los eventos sellados a \(paths.display(segment)) (\(why.es.withoutNothingRecorded)). El diario está completo y los informes lo leen tal como está; `ledger verify` pide `ledger repair` hasta que el sellado termine: cuando se corrija la causa (espacio libre en el disco), ejecute `ledger repair`."), .io)
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

extension Catalogue {
    /// What the journal reader says is wrong with an event, in Spanish (the
    /// reader speaks English; its sentences are few and fixed).
    static func spanishDamage(_ m: String) -> String {
        func after(_ prefix: String) -> String? { m.hasPrefix(prefix) ? String(m.dropFirst(prefix.count)) : nil }
        switch m {
        case "its bytes do not match its hash: the event was altered":
            return "sus bytes no coinciden con su hash: el evento se alteró"
        case "the first event must open the ledger": return "el primer evento debe abrir el ledger"
        case "the ledger is opened a second time": return "el ledger se abre por segunda vez"
        case "its batch count does not follow the event before it: a batch is incomplete":
            return "su cuenta de lote no sigue a la del evento anterior: hay un lote incompleto"
        case "the line is not a JSON object": return "la línea no es un objeto JSON"
        case "the line is too short to be an event": return "la línea es demasiado corta para ser un evento"
        case "the line does not end with its prev and hash fields": return "la línea no termina con sus campos prev y hash"
        case "the hash field is not written as the format requires": return "el campo hash no está escrito como pide el formato"
        case "the segment's bytes do not match the SHA-256 its seal recorded: the sealed segment was altered":
            return "los bytes del segmento no coinciden con el SHA-256 que registró su sellado: se alteró el segmento sellado"
        default: break
        }
        /// `text` split at the first `separator`.
        func split(_ text: String, _ separator: String) -> (String, String)? {
            let t = Array(text), sep = Array(separator)
            guard t.count >= sep.count else { return nil }
            for i in 0...(t.count - sep.count) where Array(t[i..<(i + sep.count)]) == sep {
                return (String(t[..<i]), String(t[(i + sep.count)...]))
            }
            return nil
        }
        if let rest = after("its seq is "), let (got, expected) = split(rest, ", expected ") {
            return "su secuencia es \(got), se esperaba \(expected)"
        }
        if let rest = after("its prev does not match the hash of event ") { return "su prev no coincide con el hash del evento \(rest)" }
        if let rest = after("its recorded time "), let (time, _) = split(rest, " is not after the previous event's") {
            return "su hora de registro \(time) no es posterior a la del evento anterior"
        }
        if let rest = after("not valid JSON (") { return "no es JSON válido (" + rest }
        if let rest = after("field "), let (name, _) = split(rest, " is missing") { return "falta el campo \(name)" }
        if let rest = after("unknown event type ") { return "tipo de evento desconocido \(rest)" }
        // Rare shapes stay as the reader wrote them, marked as such.
        return m + " (en inglés)"
    }
}

extension String {
    /// An I/O message without its closing claim that nothing was recorded
    /// (where something was) and without its final full stop.
    var withoutNothingRecorded: String {
        var t = self
        for tail in [" Nothing was recorded.", " No se registró nada."] where t.hasSuffix(tail) { t.removeLast(tail.count) }
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }

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
        case "chown": return "cambiar el dueño de"
        case "chmod": return "cambiar los permisos de"
        default: return self
        }
    }
}
