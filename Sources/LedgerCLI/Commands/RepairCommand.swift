// `ledger repair`: after a crash, moves a torn final line aside (kept) so
// appends can resume.

import LedgerCore
import LedgerApp

enum RepairCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "repair",
        abstract: Localized("after a crash: move an incomplete final event or batch aside (kept, and said what it held) so appends can resume",
                            "tras una caída: aparta un último evento o lote incompleto (se conserva, y se dice qué contenía) para poder seguir registrando"),
        usage: "ledger repair",
        options: [],
        examples: ["ledger repair"]), run: run)

    static func run(_ call: Invocation) throws {
        let outcome = try call.session.repair()
        if let kept = outcome.keptAt {
            call.console.say(Words.repaired(outcome.bytes, keptAt: kept, head: outcome.head.seq,
                                            journal: call.session.display(call.session.journalPath), tail: outcome.tail))
        } else {
            call.console.say(Words.nothingToRepair(outcome.head.seq))
        }
        call.console.print(outcome.head.digest)
    }
}
