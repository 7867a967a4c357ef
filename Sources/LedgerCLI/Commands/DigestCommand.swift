// `ledger digest`: the journal's head as SEQ:HASH, to publish or sign.

import LedgerCore
import LedgerApp

enum DigestCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "digest",
        abstract: Localized("print the journal's head as SEQ:HASH, to publish or sign", "imprime la cabeza del diario como SEQ:HASH, para publicarla o firmarla"),
        usage: "ledger digest [--json]",
        options: [OptionSpec("json", nil, "print seq, hash and time as JSON", "imprime secuencia, hash y hora como JSON")],
        examples: ["ledger digest", "ledger verify --digest \"$(ledger digest | tail -n 1)\""],
        discussion: Localized("The last line is SEQ:HASH. Publish it (in the board minutes, a signed letter); later `ledger verify --digest SEQ:HASH` proves the journal still holds exactly that history.",
                              "La última línea es SEQ:HASH. Publíquela (en el acta, en un oficio firmado); después `ledger verify --digest SEQ:HASH` prueba que el diario conserva exactamente esa historia.")),
        run: run)

    static func run(_ call: Invocation) throws {
        let console = call.console
        if call.arguments.has("json") {
            let head = try call.session.head()
            var w = JSONWriter()
            w.raw("{\"seq\":"); w.int(head.seq)
            w.raw(",\"hash\":"); w.string(head.hash.hex)
            w.raw(",\"at\":"); w.string(head.at.description)
            w.raw(",\"digest\":"); w.string(head.digest)
            w.raw("}")
            console.print(w.text)
            return
        }
        let (entity, head) = try call.session.digest()
        console.print(Words.entityLabel.text(console.language) + entity)
        console.say(Words.events(head))
        console.print(head.digest)
    }
}
