// `ledger init`: creates the ledger and its first event.

import LedgerCore
import LedgerStore

enum InitCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "init",
        abstract: Localized("create a ledger in DIR (events/ and snapshots/)", "crea un ledger en DIR (events/ y snapshots/)"),
        usage: "ledger init --entity NAME [--timezone TZ] [--green N --yellow N [--ceiling N]] [--actor NAME]",
        options: [
            OptionSpec(name: "entity", value: "NAME", help: Localized("the public body that keeps the ledger", "el ente público que lleva el ledger"), required: true),
            OptionSpec(name: "timezone", value: "TZ", help: Localized("IANA zone for bare dates in --as-of (default UTC)", "zona IANA para fechas sin hora en --as-of (por omisión UTC)")),
            OptionSpec(name: "green", value: "N", help: Localized("status green at or above N % compliance (default 90)", "semáforo verde desde N % de cumplimiento (por omisión 90)")),
            OptionSpec(name: "yellow", value: "N", help: Localized("status yellow at or above N % (default 70); red below", "semáforo amarillo desde N % (por omisión 70); rojo por debajo")),
            OptionSpec(name: "ceiling", value: "N", help: Localized("flag compliance above N % as over-achievement (red)", "marca el cumplimiento por encima de N % como sobrecumplimiento (rojo)")),
        ],
        examples: [
            "ledger init --entity \"COMAPA Gerencia Comercial\" --timezone America/Mexico_City --actor ana",
            "LEDGER_DIR=/srv/poa ledger init --entity \"SAT Lima\" --timezone America/Lima --actor planeacion",
        ])

    static func run(_ context: Context) throws {
        let a = context.arguments
        let console = context.console
        let author = try context.author()
        let zoneName = a.value("timezone") ?? "UTC"
        guard TimeZoneRules.load(zoneName) != nil else {
            throw CLIFailure(code: .refused, message: console.t(
                "unknown time zone \(zoneName.clipped); use an IANA name such as America/Mexico_City, America/Lima or UTC. Nothing was written.",
                "zona horaria desconocida \(zoneName.clipped); use un nombre IANA como America/Mexico_City, America/Lima o UTC. No se escribió nada."))
        }
        var bands = StatusBands.standard
        let builder = CommandBuilder(fields: ["green": a.value("green") ?? "", "yellow": a.value("yellow") ?? "", "ceiling": a.value("ceiling") ?? ""])
        if let g = try builder.optionalNumber("green") { bands.green = g }
        if let y = try builder.optionalNumber("yellow") { bands.yellow = y }
        bands.ceiling = try builder.optionalNumber("ceiling")
        let settings = LedgerSettings(entity: try builder.nonEmptyText(a.value("entity"), "entity"), timeZone: zoneName, bands: bands)
        if case .failure(let r) = Decider.decide(.open(settings), facts: LedgerState()) { throw r }
        let receipt = try context.ledger.create(settings, by: author, clock: context.now)
        console.print(console.t("Ledger created for \(settings.entity) in \(context.paths.directory).",
                                "Ledger creado para \(settings.entity) en \(context.paths.directory)."))
        console.print("\(receipt.seq) \(receipt.hash.hex)")
    }
}

extension CommandBuilder {
    func nonEmptyText(_ value: String?, _ name: String) throws -> String {
        guard let v = value?.trimmingSpaces, !v.isEmpty else { throw Refusal.emptyField(name) }
        return v
    }
}
