// `ledger member add|roles|remove|list` and `ledger require-signatures`:
// who may sign, with which key, in which roles (admins only, signed).

import LedgerCore
import LedgerApp

enum MemberCommand {
    static let roleHelp = Localized("ROLE[,ROLE]: admin, planner (planeación), recorder (capturista), auditor (Comisario / OIC)",
                                    "ROL[,ROL]: admin (administrador), planner (planeación), recorder (capturista), auditor (Comisario / OIC)")
    static let keyNote = Localized(
        "Member changes are signed by an admin's key: --key FILE (or $LEDGER_KEY); a FILE.pub means the key is in ssh-agent. Roles: admin changes members and requires signatures; planner (planeación) defines indicators, targets, corrections, budget, closes quarters; recorder (capturista) records readings and observations; auditor (Comisario / OIC) attests quarters and adds observations.",
        "Los cambios de miembros los firma la llave de un administrador: --key ARCHIVO (o $LEDGER_KEY); un ARCHIVO.pub indica que la llave está en ssh-agent. Roles: admin (administrador) cambia miembros y exige firmas; planner (planeación) define indicadores, metas, correcciones, presupuesto y cierra trimestres; recorder (capturista) registra lecturas y observaciones; auditor (Comisario / OIC) valida trimestres y agrega observaciones.")

    static let definition = CommandDefinition(spec: CommandSpec(
        name: "member",
        abstract: Localized("the ledger's members: who signs, with which SSH key, in which roles", "los miembros del ledger: quién firma, con qué llave SSH y con qué roles"),
        usage: "ledger member add|roles|remove|list ...",
        options: [], examples: ["ledger member list", "ledger member add --name luis --public-key luis.pub --role recorder --key ~/.ssh/id_ed25519"],
        discussion: keyNote),
        subcommands: [add, roles, remove, list], run: { _ in throw UsageError(message: Usage.memberWhich) })

    static let add = CommandDefinition(spec: CommandSpec(
        name: "member add",
        abstract: Localized("add a member: a name, its Ed25519 public key and roles", "da de alta un miembro: un nombre, su llave pública Ed25519 y sus roles"),
        usage: "ledger member add --name NAME --public-key PUB --role ROLE[,ROLE] --key FILE",
        options: [
            OptionSpec("name", "NAME", "the member's name: the actor of everything it signs", "el nombre del miembro: el actor de todo lo que firme", required: true),
            OptionSpec("public-key", "PUB", "its public key: the line `ssh-ed25519 AAAA… comment` or the path of its .pub file",
                       "su llave pública: la línea `ssh-ed25519 AAAA… comentario` o la ruta de su archivo .pub", required: true),
            OptionSpec("role", "ROLE", roleHelp, required: true),
        ],
        examples: ["ledger member add --name luis --public-key luis.pub --role recorder --key admin_ed25519"],
        discussion: keyNote), run: { call in
            let a = call.arguments
            let receipts = try call.session.addMember(name: a.value("name")!, publicKey: a.value("public-key")!, roles: a.value("role")!, actor: call.actor)
            AppendCommand.printReceipts(receipts, call)
        })

    static let roles = CommandDefinition(spec: CommandSpec(
        name: "member roles",
        abstract: Localized("replace a member's roles", "reemplaza los roles de un miembro"),
        usage: "ledger member roles --name NAME --role ROLE[,ROLE] --key FILE",
        options: [
            OptionSpec("name", "NAME", "the member", "el miembro", required: true),
            OptionSpec("role", "ROLE", roleHelp, required: true),
        ],
        examples: ["ledger member roles --name luis --role recorder,auditor --key admin_ed25519"], discussion: keyNote), run: { call in
            let a = call.arguments
            AppendCommand.printReceipts(try call.session.changeRoles(name: a.value("name")!, roles: a.value("role")!, actor: call.actor), call)
        })

    static let remove = CommandDefinition(spec: CommandSpec(
        name: "member remove",
        abstract: Localized("remove a member: its past signatures stay valid; it signs nothing after",
                            "da de baja un miembro: sus firmas pasadas siguen válidas; ya no firma nada"),
        usage: "ledger member remove --name NAME --key FILE",
        options: [OptionSpec("name", "NAME", "the member", "el miembro", required: true)],
        examples: ["ledger member remove --name luis --key admin_ed25519"], discussion: keyNote), run: { call in
            AppendCommand.printReceipts(try call.session.removeMember(name: call.arguments.value("name")!, actor: call.actor), call)
        })

    static let list = CommandDefinition(spec: CommandSpec(
        name: "member list",
        abstract: Localized("every member: name, roles, key fingerprint, whether removed", "cada miembro: nombre, roles, huella de la llave, si fue dado de baja"),
        usage: "ledger member list [--json]",
        options: [OptionSpec("json", nil, "print as JSON", "imprime como JSON")],
        examples: ["ledger member list", "ledger member list --json"]), run: { call in
            let members = try call.session.members()
            if call.arguments.has("json") {
                var w = JSONWriter()
                w.raw("{\"members\":[")
                for (i, m) in members.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.raw("{\"name\":"); w.string(m.name)
                    w.raw(",\"roles\":[")
                    for (k, r) in m.roles.enumerated() {
                        if k > 0 { w.raw(",") }
                        w.string(r.rawValue)
                    }
                    w.raw("],\"public_key\":"); w.string(m.publicKey.line)
                    w.raw(",\"fingerprint\":"); w.string(m.publicKey.fingerprint)
                    w.raw(",\"active\":"); w.raw(m.isActive ? "true" : "false")
                    w.raw(",\"added_seq\":"); w.int(m.addedSeq)
                    if let r = m.removedSeq { w.raw(",\"removed_seq\":"); w.int(r) }
                    w.raw("}")
                }
                w.raw("]}")
                call.console.print(w.text)
                return
            }
            if members.isEmpty { call.console.say(Words.noMembers); return }
            for m in members {
                let roles = m.roles.map { call.language == .es ? "\($0.spanishName) (\($0.rawValue))" : "\($0.rawValue) (\($0.spanishName))" }
                    .joined(separator: ", ")
                let state = m.isActive ? "" : (call.language == .es ? " [dado de baja en \(m.removedSeq ?? 0)]" : " [removed at \(m.removedSeq ?? 0)]")
                call.console.print("\(m.name)  \(roles)  \(m.publicKey.fingerprint)\(state)")
            }
        })
}

enum RequireSignaturesCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "require-signatures",
        abstract: Localized("from now on every event must be signed (admin; for good)", "desde ahora todo evento debe ir firmado (administrador; para siempre)"),
        usage: "ledger require-signatures --key FILE",
        options: [], examples: ["ledger require-signatures --key admin_ed25519"],
        discussion: Localized("A ledger begun without `init --signatures required` (a version-1 journal too) starts requiring signatures from this event on: unsigned appends are refused and an unsigned event after it fails `verify`. Events before it stay as they are, marked unsigned.",
                              "Un ledger iniciado sin `init --signatures required` (también un diario de versión 1) empieza a exigir firmas desde este evento: se rechazan los registros sin firma y un evento sin firma posterior hace fallar `verify`. Los eventos anteriores quedan como están, marcados sin firma.")),
        run: { call in AppendCommand.printReceipts(try call.session.requireSignatures(actor: call.actor), call) })
}

enum AttestCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "attest",
        abstract: Localized("the Comisario validates a closed quarter: a signed event pinning the journal head and the SHA-256 of its snapshot files",
                            "el Comisario valida un trimestre cerrado: un evento firmado que fija la cabeza del diario y el SHA-256 de sus archivos de corte"),
        usage: "ledger attest YYYY-Qn [--plan NAME] --key FILE",
        options: [OptionSpec("plan", "NAME", "the plan attested (default: every plan)", "el plan que se valida (por omisión: todos)")],
        examples: ["ledger attest 2017-Q1 --key comisario_ed25519"],
        discussion: Localized("Role auditor (Comisario / OIC). `ledger verify` then reports any attested snapshot file that is missing or altered, and the snapshot page shows \"Validó: NAME, date\".",
                              "Rol auditor (Comisario / OIC). Después `ledger verify` informa de cualquier archivo de corte validado que falte o se haya alterado, y la página del corte muestra \"Validó: NOMBRE, fecha\"."),
        positionals: 1...1), run: { call in
            let q = call.arguments.positionals[0]
            guard let p = Period(q), p.frequency == .quarterly else { throw UsageError(message: Usage.notAQuarter(q)) }
            AppendCommand.printReceipts(try call.session.attest(quarter: p, plan: call.arguments.value("plan"), actor: call.actor), call)
        })
}

enum ExportSignersCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "export signers",
        abstract: Localized("the members' keys as an OpenSSH allowed_signers file, for `ssh-keygen -Y verify`",
                            "las llaves de los miembros como archivo allowed_signers de OpenSSH, para `ssh-keygen -Y verify`"),
        usage: "ledger export signers > allowed_signers",
        options: [], examples: ["ledger export signers > allowed_signers"]), run: { call in
            call.console.out.write(try call.session.allowedSigners())
        })
}
