// "Did you mean …?" for the command line: the nearest command, event type
// or option to one that is not known. A Spanish speaker's guess
// (`ledger estado`, `append lectura`) is answered with the command it
// means; the commands themselves keep their English names.

import LedgerCore
import LedgerReports

enum Suggestions {
    /// Spanish words a user may try for a command, and the command each means.
    static let spanishCommands: [String: String] = [
        "iniciar": "init", "crear": "init", "registrar": "append", "agregar": "append", "anotar": "append",
        "verificar": "verify", "revisar": "verify", "resumen": "digest", "huella": "digest", "reparar": "repair",
        "sellar": "seal", "estado": "status", "avance": "status", "trimestre": "quarter", "captura": "snapshot",
        "historial": "history", "historia": "history", "bitacora": "log", "registro": "log", "reproducir": "replay",
        "diferencias": "diff", "cambios": "diff", "exportar": "export", "importar": "import", "ayuda": "help",
    ]

    /// The top-level command a mistyped or Spanish word most likely means.
    static func command(for typed: String) -> String? {
        let key = NearestName.key(typed)
        if let meant = spanishCommands.first(where: { NearestName.key($0.key) == key })?.value { return meant }
        let names = LedgerCLI.commands.map(\.spec.name) + ["help"]
        if let near = NearestName.nearest(typed, among: names, limit: 1).first { return near }
        return NearestName.nearest(typed, among: Array(spanishCommands.keys).sorted(), limit: 1).first.flatMap { spanishCommands[$0] }
    }

    /// The subcommand of `parent` a word most likely means (`reding`,
    /// `lectura` -> `append reading`).
    static func subcommand(for typed: String, of parent: CommandDefinition) -> CommandDefinition? {
        let words = parent.subcommands.map(\.spec.word)
        if let word = NearestName.nearest(typed, among: words, limit: 1).first { return parent.subcommand(word) }
        if let type = EventType(anyName: typed) ?? EventType.nearest(to: typed) { return parent.subcommand(type.commandName) }
        return nil
    }

    /// The option of `command` (or a global one) nearest to `--typed`.
    static func option(for typed: String, of command: CommandDefinition) -> String? {
        let names = command.spec.options.map(\.name) + GlobalOptions.all.map(\.name)
        return NearestName.nearest(typed, among: names, limit: 1).first
    }

    /// The subcommands of `command` that take `--name` (`append --indicator`
    /// is an option of `append reading`, `append target`, ...).
    static func subcommands(taking name: String, of command: CommandDefinition) -> [String] {
        command.subcommands.filter { $0.spec.option(name) != nil }.map(\.spec.word)
    }
}
