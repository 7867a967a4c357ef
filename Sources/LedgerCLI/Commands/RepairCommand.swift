// `ledger repair`: after a crash, moves a torn final line aside (kept) so
// appends can resume.

import LedgerCore
import LedgerApp

enum RepairCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "repair",
        abstract: Localized("after a crash: move a torn final line aside (kept) so appends can resume",
                            "tras una caída: aparta una última línea incompleta (se conserva) para poder seguir registrando"),
        usage: "ledger repair",
        options: [],
        examples: ["ledger repair"]), run: run)

    static func run(_ call: Invocation) throws {
        let outcome = try call.session.repair()
        if let kept = outcome.keptAt {
            call.console.say(Words.repaired(outcome.bytes, keptAt: kept, head: outcome.head.seq))
        } else {
            call.console.say(Words.nothingToRepair(outcome.head.seq))
        }
        call.console.print(outcome.head.digest)
    }
}
