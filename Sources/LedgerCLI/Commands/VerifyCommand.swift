// `ledger verify [--all] [--digest SEQ:HASH]`: checks the whole hash chain,
// replays every event through the rules, proves a published digest,
// re-derives every snapshot; names the first damage (exit 3).

import LedgerCore
import LedgerApp

enum VerifyCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "verify",
        abstract: Localized("check the whole hash chain, the rules of every event and every snapshot (reading no cache); name the first damage",
                            "revisa toda la cadena de hashes, las reglas de cada evento y cada snapshot (sin leer ningún caché); nombra el primer daño"),
        usage: "ledger verify [--all] [--digest SEQ:HASH] [--json]",
        options: [
            OptionSpec("all", nil, "kept for scripts: every verify now checks sealed segments and the chain from event 1",
                       "se conserva para los scripts: toda verificación revisa ya los segmentos sellados y la cadena desde el evento 1"),
            OptionSpec("digest", "SEQ:HASH", "also prove the journal still extends this published digest",
                       "prueba además que el diario aún extiende este resumen publicado"),
            OptionSpec("json", nil, "print the result as JSON", "imprime el resultado como JSON"),
        ],
        examples: ["ledger verify", "ledger verify --all", "ledger verify --digest \"$(ledger digest | tail -n 1)\""]), run: run)

    static func run(_ call: Invocation) throws {
        let console = call.console
        let pinned = try call.arguments.value("digest").map(parseDigest)
        let o = try call.session.verify(all: call.arguments.has("all"), digest: pinned)
        if call.arguments.has("json") {
            var w = JSONWriter()
            w.raw("{\"ok\":true,\"events\":"); w.int(o.events)
            w.raw(",\"rules\":true")
            w.raw(",\"head\":{\"seq\":"); w.int(o.head.seq); w.raw(",\"hash\":"); w.string(o.head.hash.hex); w.raw("}")
            if let d = o.digest { w.raw(",\"digest\":"); w.string(d.text) }
            w.raw(",\"snapshots\":[")
            for (i, name) in o.snapshots.enumerated() { if i > 0 { w.raw(",") }; w.string(name) }
            w.raw("]")
            w.raw(",\"demo\":"); w.raw(o.isDemo ? "true" : "false")
            w.raw(",\"clock_behind\":[")
            for (i, e) in o.clockBehind.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"seq\":"); w.int(e.seq); w.raw(",\"at\":"); w.string(e.at.description); w.raw(",\"clock\":"); w.string(e.clock.description); w.raw("}")
            }
            w.raw("],\"dated_after_now\":[")
            for (i, e) in o.datedAfterNow.enumerated() {
                if i > 0 { w.raw(",") }
                w.raw("{\"seq\":"); w.int(e.seq); w.raw(",\"at\":"); w.string(e.at.description); w.raw("}")
            }
            w.raw("],\"now\":"); w.string(o.now.description)
            w.raw("}")
            console.print(w.text)
            return
        }
        console.say(Words.chainIntact(o.events))
        console.say(Words.rulesKept)
        if let d = o.digest { console.say(Words.extendsDigest(d.seq)) }
        if !o.snapshots.isEmpty { console.say(Words.snapshotsRederived(o.snapshots.count)) }
        if o.isDemo { console.say(Words.demoLedger) }
        if !o.clockBehind.isEmpty { console.say(Words.clockBehind(o.clockBehind)) }
        if !o.datedAfterNow.isEmpty { console.say(Words.datedAfterNow(o.datedAfterNow, now: o.now)) }
        console.print(o.head.digest)
    }

    /// `SEQ:HASH` as `digest` prints it.
    static func parseDigest(_ text: String) throws -> PublishedDigest {
        if text.contains("…") || text.contains("...") { throw UsageError(message: Usage.digestShortened) }
        let parts = text.trimmingSpaces.split(separator: ":")
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1, let hash = Digest256(hex: String(parts[1]).lowercased()) else {
            throw UsageError(message: Usage.digestSyntax)
        }
        return PublishedDigest(seq: seq, hash: hash)
    }
}
