// `ledger help [COMMAND]`: the overview, or one command's help.

import LedgerReports

enum HelpCommand {
    static func overview(_ l: Language) -> String {
        var lines = [
            l == .es ? "ledger: diario de avance del POA/POI, solo de adición y a prueba de alteraciones"
                     : "ledger: an append-only, tamper-evident ledger of POA/POI progress",
            "",
            (l == .es ? "Uso: " : "Usage: ") + "ledger [--ledger DIR] [--lang es|en] COMMAND ...",
            "",
            l == .es ? "Comandos:" : "Commands:",
        ]
        let all = LedgerCLI.commands.map { $0.spec } + AppendCommand.subcommands.map { $0.spec }
        let width = (all.map(\.name.count).max() ?? 0) + 2
        for spec in all.sorted(by: { order($0.name) < order($1.name) }) {
            lines.append("  " + spec.name + String(repeating: " ", count: width - spec.name.count) + spec.abstract.text(l))
        }
        lines.append("")
        lines.append(l == .es ? "Ayuda de un comando: ledger help COMANDO, o ledger COMANDO --help."
                              : "Help on a command: ledger help COMMAND, or ledger COMMAND --help.")
        lines.append(l == .es ? "Códigos de salida: 0 hecho; 1 rechazado (nada escrito); 2 uso; 3 integridad; 4 E/S."
                              : "Exit codes: 0 done; 1 refused (nothing written); 2 usage; 3 integrity; 4 I/O.")
        return lines.joined(separator: "\n")
    }

    static func order(_ name: String) -> Int {
        let all = LedgerCLI.commands.map { $0.spec.name }
        if let i = all.firstIndex(of: name) { return i * 100 }
        let appendIndex = all.firstIndex(of: "append") ?? 0
        let subs = AppendCommand.subcommands.map { $0.spec.name }
        return appendIndex * 100 + 1 + (subs.firstIndex(of: name) ?? 0)
    }

    static func run(_ words: [String], console: Console) -> Int32 {
        guard !words.isEmpty else {
            console.print(overview(console.language))
            return ExitCode.success.rawValue
        }
        let name = words.joined(separator: " ")
        guard let command = LedgerCLI.command(named: name) else {
            console.error(console.t("ledger help: no command named \(name.clipped); run `ledger help` for the list.",
                                    "ledger help: no hay un comando llamado \(name.clipped); ejecute `ledger help` para ver la lista."))
            return ExitCode.usage.rawValue
        }
        console.print(ArgumentParser.help(command.spec, language: console.language))
        return ExitCode.success.rawValue
    }
}
