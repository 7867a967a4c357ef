// `ledger seal`: moves a closed stretch of history to its own segment file,
// so everyday verification need not re-hash closed years.

import LedgerCore
import LedgerStore

enum SealCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "seal",
        abstract: Localized("move the events recorded before a date into a sealed segment file (the chain continues)",
                            "mueve los eventos registrados antes de una fecha a un archivo de segmento sellado (la cadena continúa)"),
        usage: "ledger seal (--year YYYY | --before T) [--actor NAME]",
        options: [
            OptionSpec(name: "year", value: "YYYY", help: Localized("seal everything recorded up to the end of YYYY (in the ledger's time zone)",
                                                                    "sella todo lo registrado hasta el fin de YYYY (en la zona del ledger)")),
            OptionSpec(name: "before", value: "T", help: Localized("seal everything recorded before T (a date means its first instant)",
                                                                    "sella todo lo registrado antes de T (una fecha significa su primer instante)")),
        ],
        examples: ["ledger seal --year 2017 --actor planeacion", "ledger verify            # checks the active part; sealed segments by size", "ledger verify --all      # re-hashes everything"],
        discussion: Localized(
            "The events keep their bytes and their place in the chain; the segment file is events/journal.FIRST-LAST.jsonl, and a segment_sealed event records its size and SHA-256. Every command reads sealed and active files as one journal. Seal a year once its quarters are closed and its snapshots taken.",
            "Los eventos conservan sus bytes y su lugar en la cadena; el archivo del segmento es events/journal.PRIMERO-ULTIMO.jsonl, y un evento segment_sealed registra su tamaño y su SHA-256. Todos los comandos leen los archivos sellados y el activo como un solo diario. Selle un año cuando sus trimestres estén cerrados y sus snapshots tomados."))

    static func run(_ context: Context) throws {
        let a = context.arguments
        let zone = ZoneLoader(context)
        let boundary: Timestamp
        switch (a.value("year"), a.value("before")) {
        case (let y?, nil):
            guard let year = Int(y), (1900...2998).contains(year) else {
                throw UsageError(message: Localized("--year takes a year such as 2017", "--year lleva un año como 2017"))
            }
            boundary = try zone.rules().endOfDay(CivilDate(year: year, month: 12, day: 31)).next
        case (nil, let b?):
            if let d = CivilDate(b) {
                let previous = Timestamp(microseconds: Timestamp(year: d.year, month: d.month, day: d.day).microseconds - 86_400_000_000).parts
                boundary = try zone.rules().endOfDay(CivilDate(year: previous.year, month: previous.month, day: previous.day)).next
            } else {
                boundary = try context.instant(b, option: "before", zone: zone.rules)
            }
        default:
            throw UsageError(message: Localized("give --year YYYY or --before T", "indique --year YYYY o --before T"))
        }
        let author = try context.author()
        let console = context.console
        guard let outcome = try context.ledger.seal(before: boundary, by: author, clock: context.now) else {
            console.print(console.t("nothing to seal: no whole batch recorded before \(boundary) is outside the sealed segments.",
                                    "nada que sellar: ningún lote completo registrado antes de \(boundary) queda fuera de los segmentos sellados."))
            return
        }
        let s = outcome.segment
        console.print(console.t("sealed events \(s.firstSeq) to \(s.lastSeq) (\(s.bytes) bytes) into events/\(s.file); SHA-256 \(s.sha256.hex).",
                                "sellados los eventos \(s.firstSeq) a \(s.lastSeq) (\(s.bytes) bytes) en events/\(s.file); SHA-256 \(s.sha256.hex)."))
        console.print("\(outcome.receipt.seq) \(outcome.receipt.hash.hex)")
    }
}
