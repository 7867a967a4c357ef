// `ledger verify [--digest SEQ:HASH]`: checks the whole hash chain (and,
// with snapshots, re-derives each); names the first damage; exit 3 on any.

import LedgerCore
import LedgerStore

enum VerifyCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "verify",
        abstract: Localized("check the whole hash chain and every snapshot; name the first damage",
                            "revisa toda la cadena de hashes y cada snapshot; nombra el primer daño"),
        usage: "ledger verify [--all] [--digest SEQ:HASH] [--json]",
        options: [
            OptionSpec(name: "all", value: nil, help: Localized("also re-hash sealed segments and check the chain from event 1",
                                                                 "vuelve a calcular también los segmentos sellados y revisa la cadena desde el evento 1")),
            OptionSpec(name: "digest", value: "SEQ:HASH", help: Localized("also prove the journal still extends this published digest",
                                                                           "prueba además que el diario aún extiende este resumen publicado")),
            OptionSpec(name: "json", value: nil, help: Localized("print the result as JSON", "imprime el resultado como JSON")),
        ],
        examples: ["ledger verify", "ledger verify --all", "ledger verify --digest 1284:9f2c…e1a0"])

    static func run(_ context: Context) throws {
        let console = context.console
        var pinned: (Int64, Digest256)?
        if let d = context.arguments.value("digest") {
            pinned = try parseDigest(d)
        }
        var found: Digest256?
        let ledger = context.ledger
        var count: Int64 = 0
        let snapshots = try SnapshotAudit.load(ledger)
        let snapshotSeqs = Set(snapshots.compactMap { $0.pinned?.seq })
        var hashes: [Int64: Digest256] = [:]
        // Sealed segments are trusted (their sizes checked) unless --all, or a
        // digest is given: it vouches for every event up to its seq, the sealed
        // ones included wherever the seq lies, so proving it needs the chain from 1.
        func check(all: Bool) throws -> Ledger.ChainCheck {
            count = 0
            found = nil
            hashes = [:]
            return try ledger.verifyChain(all: all) { event in
                count += 1
                if let (seq, _) = pinned, event.seq == seq { found = event.hash }
                if snapshotSeqs.contains(event.seq) { hashes[event.seq] = event.hash }
            }
        }
        var chain = try check(all: context.arguments.has("all"))
        if !chain.rehashedSealed, pinned != nil, chain.sealedSegments > 0 { chain = try check(all: true) }
        for seq in snapshotSeqs where hashes[seq] == nil && seq <= chain.sealedThrough {
            hashes[seq] = try ledger.recordedHash(seq: seq)
        }
        let result = chain.result
        if let torn = result.tornOffset {
            throw StoreError.tornTail(path: ledger.paths.journal, offset: torn, bytes: try ledger.journalSize() - torn, seq: result.cursor.seq + 1)
        }
        if let (seq, hash) = pinned {
            guard found == hash else {
                throw StoreError.digestMismatch(expected: "\(seq):\(hash.hex)", found: found.map { "\(seq):\($0.hex)" })
            }
        }
        let head = result.cursor.head
        // The chain is intact: now every snapshot must re-derive byte for byte.
        let deriver = SnapshotDeriver(ledger: ledger, console: console)
        let differing = try SnapshotAudit.mismatches(snapshots, deriver, head: head, hashes: hashes)
        if !differing.isEmpty {
            let lines = differing.map { Messages.store(.snapshotMismatch(path: $0.path, cause: $0.cause), paths: ledger.paths).0.text(console.language) }
            throw CLIFailure(code: .integrity, message: lines.joined(separator: "\nledger: "))
        }
        if context.arguments.has("json") {
            var w = JSONWriter()
            w.raw("{\"ok\":true,\"events\":"); w.int(count)
            w.raw(",\"head\":{\"seq\":"); w.int(head.seq); w.raw(",\"hash\":"); w.string(head.hash.hex); w.raw("}")
            if let (seq, hash) = pinned { w.raw(",\"digest\":"); w.string("\(seq):\(hash.hex)") }
            w.raw(",\"snapshots\":[")
            for (i, f) in snapshots.enumerated() { if i > 0 { w.raw(",") }; w.string(f.name) }
            w.raw("]")
            w.raw("}")
            console.print(w.text)
            return
        }
        if chain.sealedSegments > 0 && !chain.rehashedSealed {
            console.print(console.t("ok: \(count) events since the sealed segments, chain intact; \(chain.sealedSegments) sealed segment(s) up to event \(chain.sealedThrough) present (re-hash them with --all).",
                                    "ok: \(count) eventos desde los segmentos sellados, cadena íntegra; \(chain.sealedSegments) segmento(s) sellado(s) hasta el evento \(chain.sealedThrough) presentes (recalcúlelos con --all)."))
        } else {
            console.print(console.t("ok: \(count) events, chain intact.", "ok: \(count) eventos, cadena íntegra."))
        }
        if let (seq, _) = pinned {
            console.print(console.t("ok: the journal extends the digest at seq \(seq).", "ok: el diario extiende el resumen en la secuencia \(seq)."))
        }
        if !snapshots.isEmpty {
            let n = snapshots.count
            console.print(console.t("ok: \(n) snapshot file\(n == 1 ? "" : "s") re-derived byte for byte.",
                                    "ok: \(n) archivo\(n == 1 ? "" : "s") de snapshot vuelto\(n == 1 ? "" : "s") a derivar byte por byte."))
        }
        console.print(head.digest)
    }

    static func parseDigest(_ text: String) throws -> (Int64, Digest256) {
        let parts = text.trimmingSpaces.split(separator: ":")
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1, let hash = Digest256(hex: String(parts[1]).lowercased()) else {
            throw UsageError(message: Localized("--digest takes SEQ:HASH as printed by `ledger digest` (e.g. 42:9f2c…, 64 hex digits)",
                                                "--digest lleva SEQ:HASH tal como lo imprime `ledger digest` (p. ej. 42:9f2c…, 64 dígitos hex)"))
        }
        return (seq, hash)
    }
}

enum DigestCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "digest",
        abstract: Localized("print the journal's head as SEQ:HASH, to publish or sign", "imprime la cabeza del diario como SEQ:HASH, para publicarla o firmarla"),
        usage: "ledger digest [--json]",
        options: [OptionSpec(name: "json", value: nil, help: Localized("print seq, hash and time as JSON", "imprime secuencia, hash y hora como JSON"))],
        examples: ["ledger digest", "ledger verify --digest \"$(ledger digest | tail -n 1)\""],
        discussion: Localized("The last line is SEQ:HASH. Publish it (in the board minutes, a signed letter); later `ledger verify --digest SEQ:HASH` proves the journal still holds exactly that history.",
                              "La última línea es SEQ:HASH. Publíquela (en el acta, en un oficio firmado); después `ledger verify --digest SEQ:HASH` prueba que el diario conserva exactamente esa historia."))

    static func run(_ context: Context) throws {
        let console = context.console
        let ledger = context.ledger
        let head = try ledger.head().cursor.head
        if context.arguments.has("json") {
            var w = JSONWriter()
            w.raw("{\"seq\":"); w.int(head.seq)
            w.raw(",\"hash\":"); w.string(head.hash.hex)
            w.raw(",\"at\":"); w.string(head.at.description)
            w.raw(",\"digest\":"); w.string(head.digest)
            w.raw("}")
            console.print(w.text)
            return
        }
        console.print(console.t("entity: ", "ente: ") + (try ledger.settings().entity))
        console.print(console.t("events: \(head.seq), last recorded \(head.at)", "eventos: \(head.seq), último registrado \(head.at)"))
        console.print(head.digest)
    }
}

enum RepairCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "repair",
        abstract: Localized("after a crash: move a torn final line aside (kept) so appends can resume",
                            "tras una caída: aparta una última línea incompleta (se conserva) para poder seguir registrando"),
        usage: "ledger repair",
        options: [],
        examples: ["ledger repair"])

    static func run(_ context: Context) throws {
        let console = context.console
        let outcome = try context.ledger.repair()
        if let kept = outcome.keptAt {
            console.print(console.t("moved \(outcome.bytes) torn bytes to \(context.paths.display(kept)); the journal ends at seq \(outcome.head.seq).",
                                    "se apartaron \(outcome.bytes) bytes incompletos a \(context.paths.display(kept)); el diario termina en la secuencia \(outcome.head.seq)."))
        } else {
            console.print(console.t("nothing to repair; the journal ends at seq \(outcome.head.seq).",
                                    "nada que reparar; el diario termina en la secuencia \(outcome.head.seq)."))
        }
        console.print(outcome.head.digest)
    }
}
