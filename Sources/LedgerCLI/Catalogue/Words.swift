// The CLI's words for what it prints when a command succeeds, and for the
// overview's headings. Usage errors are in Usage.swift; refusals and
// failures in the application layer's catalogue (Sources/LedgerApp/Catalogue).

import LedgerCore
import LedgerApp
import LedgerReports

enum Words {
    // MARK: Help

    static let tagline = Localized("ledger: an append-only, tamper-evident ledger of POA/POI progress",
                                   "ledger: diario de avance del POA/POI, solo de adición y a prueba de alteraciones")
    static let commandsHeading = Localized("Commands:", "Comandos:")
    static let optionsHeading = Localized("Options:", "Opciones:")
    static let examplesHeading = Localized("Examples:", "Ejemplos:")
    static let helpOnACommand = Localized("Help on a command: ledger help COMMAND, or ledger COMMAND --help.",
                                          "Ayuda de un comando: ledger help COMANDO, o ledger COMANDO --help.")
    static let exitCodes = Localized("Exit codes: 0 done; 1 refused (nothing written); 2 usage; 3 integrity; 4 I/O.",
                                     "Códigos de salida: 0 hecho; 1 rechazado (nada escrito); 2 uso; 3 integridad; 4 E/S.")

    // MARK: Writing

    /// `SEQ HASH`: the receipt of one event.
    static func receipt(_ head: ChainHead) -> String { "\(head.seq) \(head.hash.hex)" }

    static func created(_ entity: String, in directory: String) -> Localized {
        if directory == "." || directory.isEmpty {
            return Localized("Ledger created for \(entity) in the current directory.", "Ledger creado para \(entity) en el directorio actual.")
        }
        return Localized("Ledger created for \(entity) in \(directory).", "Ledger creado para \(entity) en \(directory).")
    }
    static func appended(_ count: Int, from first: Int64, to last: Int64) -> Localized {
        Localized("appended \(count) events, seq \(first) to \(last)", "registrados \(count) eventos, secuencias \(first) a \(last)")
    }
    /// A signed append: its events, and the `batch_signed` line after them.
    static func appendedSigned(_ count: Int, from first: Int64, to last: Int64, signature: Int64) -> Localized {
        if count == 1 {
            return Localized("appended 1 event, seq \(first), and its signature, seq \(signature)",
                             "registrado 1 evento, secuencia \(first), y su firma, secuencia \(signature)")
        }
        return Localized("appended \(count) events, seq \(first) to \(last), and their signature, seq \(signature)",
                         "registrados \(count) eventos, secuencias \(first) a \(last), y su firma, secuencia \(signature)")
    }
    static let noMembers = Localized("This ledger has no members: its events are unsigned.", "Este ledger no tiene miembros: sus eventos no van firmados.")
    static let wouldAppendOne = Localized("The event would be appended. Nothing was written (--dry-run).",
                                          "El evento se registraría. No se escribió nada (--dry-run).")
    static func wouldAppendRows(_ rows: Int) -> Localized {
        Localized("\(rows) rows checked; all would be appended. Nothing was written (--dry-run).",
                  "\(rows) filas revisadas; todas se registrarían. No se escribió nada (--dry-run).")
    }
    static let dryRun = Localized("Nothing was written (--dry-run).", "No se escribió nada (--dry-run).")

    static func sealed(_ s: SegmentRecord) -> Localized {
        Localized("sealed events \(s.firstSeq) to \(s.lastSeq) (\(s.bytes) bytes) into events/\(s.file); SHA-256 \(s.sha256.hex).",
                  "sellados los eventos \(s.firstSeq) a \(s.lastSeq) (\(s.bytes) bytes) en events/\(s.file); SHA-256 \(s.sha256.hex).")
    }
    static func nothingToSeal(_ boundary: Timestamp) -> Localized {
        Localized("nothing to seal: no whole batch recorded before \(boundary) is outside the sealed segments.",
                  "nada que sellar: ningún lote completo registrado antes de \(boundary) queda fuera de los segmentos sellados.")
    }

    // MARK: Integrity

    static let demoLedger = Localized(
        "note: this is a demonstration ledger (init --demo): its recorded times may have been set with LEDGER_CLOCK and are no evidence of when events were recorded.",
        "nota: este es un ledger de demostración (init --demo): sus horas de registro pudieron fijarse con LEDGER_CLOCK y no prueban cuándo se registraron los eventos.")
    static func clockBehind(_ events: [(seq: Int64, at: Timestamp, clock: Timestamp)]) -> Localized {
        let list = events.prefix(10).map { "\($0.seq) (\($0.at), clock \($0.clock))" }.joined(separator: "; ") + (events.count > 10 ? "; …" : "")
        let lista = events.prefix(10).map { "\($0.seq) (\($0.at), reloj \($0.clock))" }.joined(separator: "; ") + (events.count > 10 ? "; …" : "")
        return Localized("note: \(events.count) event(s) were recorded while the clock read earlier than the event before them; each is dated 1 µs after it and keeps the clock's reading: \(list).",
                         "nota: \(events.count) evento(s) se registraron cuando el reloj marcaba antes que el evento anterior; cada uno se fechó 1 µs después de él y conserva la lectura del reloj: \(lista).")
    }
    static func datedAfterNow(_ events: [(seq: Int64, at: Timestamp)], now: Timestamp) -> Localized {
        let list = events.prefix(10).map { "\($0.seq) (\($0.at))" }.joined(separator: "; ") + (events.count > 10 ? "; …" : "")
        return Localized("warning: \(events.count) event(s) are dated after this machine's clock (\(now)): \(list). They were recorded under a clock running ahead, or this machine's clock is behind; appends are refused while the clock reads more than 10 minutes before the last event.",
                         "aviso: \(events.count) evento(s) tienen fecha posterior al reloj de esta máquina (\(now)): \(list). Se registraron con un reloj adelantado, o el reloj de esta máquina está atrasado; los registros se rechazan mientras el reloj marque más de 10 minutos antes del último evento.")
    }
    static func chainIntact(_ count: Int64) -> Localized {
        Localized("ok: \(count) events, chain intact.", "ok: \(count) eventos, cadena íntegra.")
    }
    static let rulesKept = Localized("ok: every event is one the rules would have recorded (each decided again against the ledger before it).",
                                     "ok: cada evento es uno que las reglas habrían registrado (cada uno decidido de nuevo frente al ledger anterior a él).")
    static func extendsDigest(_ seq: Int64) -> Localized {
        Localized("ok: the journal extends the digest at seq \(seq).", "ok: el diario extiende el resumen en la secuencia \(seq).")
    }
    static func snapshotsRederived(_ n: Int) -> Localized {
        Localized("ok: \(n) snapshot file\(n == 1 ? "" : "s") re-derived byte for byte.",
                  "ok: \(n) archivo\(n == 1 ? "" : "s") de snapshot vuelto\(n == 1 ? "" : "s") a derivar byte por byte.")
    }
    static let entityLabel = Localized("entity: ", "ente: ")
    static func events(_ head: ChainHead) -> Localized {
        Localized("events: \(head.seq), last recorded \(head.at)", "eventos: \(head.seq), último registrado \(head.at)")
    }
    static func repaired(_ bytes: Int64, keptAt: String, head: Int64, journal: String, tail: TornTail?) -> Localized {
        guard let tail, let first = tail.wholeEvents.first, let last = tail.wholeEvents.last, let size = tail.batchSize else {
            return Localized("moved \(bytes) bytes of an incomplete event to \(keptAt) (kept); the journal ends at seq \(head).",
                             "se apartaron \(bytes) bytes de un evento incompleto a \(keptAt) (se conservan); el diario termina en la secuencia \(head).")
        }
        let n = tail.wholeEvents.count
        let partialEN = tail.partialBytes > 0 ? " and \(tail.partialBytes) bytes of event \(last + 1)" : ""
        let partialES = tail.partialBytes > 0 ? " y \(tail.partialBytes) bytes del evento \(last + 1)" : ""
        return Localized(
            "moved \(n) whole events (seq \(first) to \(last), of a batch of \(size) that lacks its last \(size - n))\(partialEN), \(bytes) bytes in all, to \(keptAt) (kept); the journal ends at seq \(head). If an append was interrupted, none of them had been acknowledged; if the journal had been cut short, they had: restore it from a copy. To put them back as they were: cat \(keptAt) >> \(journal) (the journal is then incomplete again).",
            "se apartaron \(n) eventos completos (secuencias \(first) a \(last), de un lote de \(size) al que le faltan los últimos \(size - n))\(partialES), \(bytes) bytes en total, a \(keptAt) (se conservan); el diario termina en la secuencia \(head). Si se interrumpió un registro, ninguno se había confirmado; si el diario quedó cortado, sí: restáurelo de una copia. Para devolverlos tal como estaban: cat \(keptAt) >> \(journal) (el diario queda incompleto otra vez).")
    }
    static func nothingToRepair(_ head: Int64) -> Localized {
        Localized("nothing to repair; the journal ends at seq \(head).", "nada que reparar; el diario termina en la secuencia \(head).")
    }

    // MARK: Snapshots

    static let written = Localized("written:   ", "escrito:    ")
    static let unchanged = Localized("unchanged: ", "sin cambio: ")
    static func snapshotSummary(_ o: SnapshotOutcome) -> Localized {
        Localized("\(o.quarter) as of \(o.localAsOf) (\(o.zone)), from the journal up to event \(o.head.seq):",
                  "\(o.quarter) al \(o.localAsOf) (\(o.zone)), del diario hasta el evento \(o.head.seq):")
    }

    // MARK: Export

    static func exported(_ o: ExportOutcome) -> Localized {
        Localized("written: \(o.path) (\(o.quarter), \(o.bytes) bytes), from the journal up to event \(o.head.seq):",
                  "escrito: \(o.path) (\(o.quarter), \(o.bytes) bytes), del diario hasta el evento \(o.head.seq):")
    }

    // MARK: Import

    static func importSummary(_ o: ImportOutcome, path: String) -> Localized {
        let indicators = o.eventCounts.first { $0.type == "indicator" }?.count ?? 0
        let byType = o.eventCounts.map { "\($0.count) \($0.type)" }.joined(separator: ", ")
        let byTypeES = o.eventCounts.map { "\($0.count) \(EventType(name: $0.type)?.spanishName ?? $0.type)" }.joined(separator: ", ")
        let kinds = o.findingCounts.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
        let refused = o.findings.filter { !$0.imported }.count
        let en = "\(path): \(indicators) indicators defined, \(o.events) events (\(byType)); \(o.findings.count) findings"
            + (kinds.isEmpty ? "" : " (\(kinds))") + (refused > 0 ? ", \(refused) of them about values left out" : "") + "."
        let es = "\(path): \(indicators) indicadores definidos, \(o.events) eventos (\(byTypeES)); \(o.findings.count) hallazgos"
            + (kinds.isEmpty ? "" : " (\(kinds))") + (refused > 0 ? ", \(refused) de ellos sobre valores que no se importaron" : "") + "."
        return Localized(en, es)
    }
}
