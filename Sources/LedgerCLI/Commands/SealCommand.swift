// `ledger seal`: moves a closed stretch of history to its own segment file,
// so everyday verification need not re-hash closed years.

import LedgerCore
import LedgerApp

enum SealCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "seal",
        abstract: Localized("move the events recorded before a date into a sealed segment file (the chain continues)",
                            "mueve los eventos registrados antes de una fecha a un archivo de segmento sellado (la cadena continúa)"),
        usage: "ledger seal (--year YYYY | --before T) [--key FILE | --actor NAME]",
        options: [
            OptionSpec("year", "YYYY", "seal everything recorded up to the end of YYYY (in the ledger's time zone)",
                       "sella todo lo registrado hasta el fin de YYYY (en la zona del ledger)"),
            OptionSpec("before", "T", "seal everything recorded before T (a date means its first instant)",
                       "sella todo lo registrado antes de T (una fecha significa su primer instante)"),
        ],
        examples: ["ledger seal --year 2017 --actor planeacion", "ledger seal --year 2017 --key ~/.ssh/id_ed25519", "ledger verify"],
        discussion: Localized(
            "The events keep their bytes and their place in the chain; the segment file is events/journal.FIRST-LAST.jsonl, and a segment_sealed event records its size and SHA-256. Every command reads sealed and active files as one journal. Seal a year once its quarters are closed and its snapshots taken. `ledger verify` still checks everything: each sealed segment against its recorded size and SHA-256, and the chain and the rules from event 1 through every file. On a ledger with members the seal is signed like any record, by an admin's key: --key FILE (or $LEDGER_KEY); a FILE.pub means the key is in ssh-agent. A key of no member or of a member who is not an admin is refused, and so is an unsigned seal where the ledger requires signatures; a refused seal writes and moves nothing.",
            "Los eventos conservan sus bytes y su lugar en la cadena; el archivo del segmento es events/journal.PRIMERO-ULTIMO.jsonl, y un evento segment_sealed registra su tamaño y su SHA-256. Todos los comandos leen los archivos sellados y el activo como un solo diario. Selle un año cuando sus trimestres estén cerrados y sus snapshots tomados. `ledger verify` sigue revisándolo todo: cada segmento sellado contra su tamaño y su SHA-256 registrados, y la cadena y las reglas desde el evento 1 a través de todos los archivos. En un ledger con miembros el sellado se firma como cualquier registro, con la llave de un administrador: --key ARCHIVO (o $LEDGER_KEY); un ARCHIVO.pub indica que la llave está en ssh-agent. Se rechaza la llave de quien no es miembro o de un miembro que no es administrador, y también un sellado sin firma donde el ledger exige firmas; un sellado rechazado no escribe ni mueve nada.")),
        run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        let boundary: TimeSpec
        switch (a.value("year"), a.value("before")) {
        case (let y?, nil):
            guard let year = Int(y), (1900...2998).contains(year) else { throw UsageError(message: Usage.sealYear) }
            boundary = .startOfDay(CivilDate(year: year + 1, month: 1, day: 1))
        case (nil, _?):
            boundary = try a.time("before", dateMeans: .startOfDay)!
        default:
            throw UsageError(message: Usage.sealWhich)
        }
        let (at, result) = try call.session.seal(before: boundary, actor: call.actor)
        guard let result else {
            call.console.say(Words.nothingToSeal(at))
            return
        }
        call.console.say(Words.sealed(result.segment))
        call.console.print(Words.receipt(result.receipt))
    }
}
