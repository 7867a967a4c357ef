// `ledger init`: creates the ledger and its first event.

import LedgerCore
import LedgerApp

enum InitCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "init",
        abstract: Localized("create a ledger in DIR (events/ and snapshots/)", "crea un ledger en DIR (events/ y snapshots/)"),
        usage: "ledger init --entity NAME [--timezone TZ] [--green N --yellow N [--ceiling N]] [--deadline-day N] [--demo] [--actor NAME] [--admin NAME --public-key PUB --key FILE [--signatures required]]",
        options: [
            OptionSpec("entity", "NAME", "the public body that keeps the ledger", "el ente público que lleva el ledger", required: true),
            OptionSpec("timezone", "TZ", "IANA zone for bare dates in --as-of (default UTC)", "zona IANA para fechas sin hora en --as-of (por omisión UTC)"),
            OptionSpec("green", "N", "status green at or above N % compliance (default 90)", "semáforo verde desde N % de cumplimiento (por omisión 90)"),
            OptionSpec("yellow", "N", "status yellow at or above N % (default 70); red below", "semáforo amarillo desde N % (por omisión 70); rojo por debajo"),
            OptionSpec("ceiling", "N", "flag compliance above N % as over-achievement (red)", "marca el cumplimiento por encima de N % como sobrecumplimiento (rojo)"),
            OptionSpec("deadline-day", "N", "readings are due by day N of the month after their period (default 10); `ledger append deadline` changes it later",
                       "las lecturas vencen el día N del mes siguiente a su periodo (por omisión 10); `ledger append deadline` lo cambia después"),
            OptionSpec("admin", "NAME", "the first member, an admin; the opening is signed with its key (--key)",
                       "el primer miembro, administrador; la apertura se firma con su llave (--key)"),
            OptionSpec("public-key", "PUB", "the admin's public key: its line or the path of its .pub file",
                       "la llave pública del administrador: su línea o la ruta de su archivo .pub"),
            OptionSpec("signatures", "required", "every event must be signed: unsigned appends are refused",
                       "todo evento debe ir firmado: se rechazan los registros sin firma"),
            OptionSpec("demo", nil, "a demonstration or reconstruction ledger: LEDGER_CLOCK may set its recorded times, and every report and snapshot says so",
                       "un ledger de demostración o reconstrucción: LEDGER_CLOCK puede fijar sus horas de registro, y todo informe y snapshot lo dice"),
        ],
        examples: [
            "ledger init --entity \"COMAPA Gerencia Comercial\" --timezone America/Mexico_City --actor ana",
            "LEDGER_DIR=/srv/poa ledger init --entity \"SAT Lima\" --timezone America/Lima --actor planeacion",
            "LEDGER_CLOCK=2017-01-02T09:00:00-06:00 ledger init --demo --entity \"COMAPA (reconstrucción 2017)\" --actor ana",
        ]), run: run)

    static func run(_ call: Invocation) throws {
        let a = call.arguments
        var opening = LedgerOpening(entity: a.value("entity"), timeZone: a.value("timezone"), green: a.value("green"),
                                    yellow: a.value("yellow"), ceiling: a.value("ceiling"), deadlineDay: a.value("deadline-day"),
                                    isDemo: a.has("demo"))
        opening.admin = a.value("admin")
        opening.adminKey = a.value("public-key")
        if let s = a.value("signatures") {
            guard s == "required" || s == "obligatorias" else { throw UsageError(message: Usage.signaturesValue(s)) }
            opening.signaturesRequired = true
        }
        let (entity, receipt) = try call.session.create(opening, actor: call.actor)
        call.console.say(Words.created(entity, in: call.session.directory))
        call.console.print(Words.receipt(receipt))
    }
}
