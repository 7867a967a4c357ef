// `ledger snapshot YYYY-Qn [--as-of T] [--plan NAME]`: writes the quarter
// view as it stood at T under snapshots/, as JSON, CSV and a printable HTML
// page, each naming the journal head it was computed from. The same command
// run again, later or elsewhere, writes the same bytes; `verify` re-derives
// every snapshot through the same SnapshotDeriver.

import LedgerCore
import LedgerStore
import LedgerReports

enum SnapshotCommand: LedgerCommand {
    static let spec = CommandSpec(
        name: "snapshot",
        abstract: Localized("write a point-in-time quarterly snapshot (JSON, CSV, printable HTML) under snapshots/",
                            "escribe un snapshot trimestral a una fecha (JSON, CSV, HTML para imprimir) en snapshots/"),
        usage: "ledger snapshot YYYY-Qn [--as-of T] [--plan NAME]",
        options: [
            OptionSpec(name: "as-of", value: "T", help: Localized(
                "the quarter as it stood at T: a date (end of that day in the ledger's zone) or a timestamp; default: the time of the last event recorded",
                "el trimestre como estaba en T: una fecha (fin de ese día en la zona del ledger) o una fecha y hora; por omisión: la hora del último evento registrado")),
            ReportOptions.plan,
        ],
        examples: [
            "ledger snapshot 2017-Q1 --as-of 2017-04-10",
            "ledger snapshot 2017-Q1 --plan \"POA 2017\" --lang es",
            "ledger snapshot 2017-Q1",
        ],
        discussion: Localized(
            "Files are named QUARTER_T[_PLAN] with T in UTC (2017-Q1_2017-04-11T045959.999999Z_POA_2017.json); the HTML adds its language (.es.html). Without --as-of, T is the recorded time of the last event, so a later run after more events writes new files beside the old ones. An existing file is never overwritten with different bytes.",
            "Los archivos se llaman TRIMESTRE_T[_PLAN] con T en UTC (2017-Q1_2017-04-11T045959.999999Z_POA_2017.json); el HTML agrega su idioma (.es.html). Sin --as-of, T es la hora de registro del último evento, así que una ejecución posterior, con más eventos, escribe archivos nuevos junto a los anteriores. Un archivo existente nunca se sobrescribe con bytes distintos."),
        positionals: 1...1)

    static func run(_ context: Context) throws {
        let console = context.console
        let text = context.arguments.positionals[0]
        guard let quarter = Period(text), quarter.frequency == .quarterly else {
            throw UsageError(message: Localized("\(text.clipped) is not a quarter; write it as 2017-Q1", "\(text.clipped) no es un trimestre; escríbalo como 2017-Q1"))
        }
        let ledger = context.ledger
        let explicit = try ReportOptions.cut(context)
        // Only the quarter's fiscal year is folded (the snapshot shows nothing else).
        let (latest, _) = try ledger.state(years: [quarter.year])
        let plan = context.arguments.value("plan")
        try ReportOptions.checkScope(ReportScope(plan: plan), latest, console)

        // T must be a time whose history can no longer change: at or before
        // the last event, or already past (later events are recorded after now).
        let asOf = explicit ?? latest.head.at
        if asOf > latest.head.at && asOf >= context.now() {
            throw CLIFailure(code: .refused, message: console.t(
                "--as-of \(asOf) has not passed yet, so events recorded before it could still change the snapshot; give a past time, or omit --as-of for everything recorded so far. Nothing was written.",
                "--as-of \(asOf) aún no ha pasado, así que eventos registrados antes de esa hora podrían cambiar el snapshot; indique una hora pasada u omita --as-of para todo lo registrado hasta ahora. No se escribió nada."))
        }
        let key = SnapshotKey(quarter: quarter, plan: plan, asOf: asOf)
        let deriver = SnapshotDeriver(ledger: ledger, console: console)
        if asOf == latest.head.at { deriver.remember(latest, at: asOf, year: quarter.year) }
        guard let snapshot = try deriver.snapshot(key) else {
            let scope = plan.map { " (plan \($0))" } ?? ""
            throw CLIFailure(code: .refused, message: console.t(
                "no indicator of \(quarter.year)\(scope) had been recorded by \(asOf); there is nothing to snapshot. Nothing was written.",
                "ningún indicador de \(quarter.year)\(scope) se había registrado al \(asOf); no hay nada que guardar. No se escribió nada."))
        }

        // Check every file before writing any: an existing file with other
        // bytes is evidence (of an edited snapshot or journal), never overwritten.
        var files: [(name: String, bytes: [UInt8], isNew: Bool)] = []
        for kind in [SnapshotKind.json, .csv, .html(console.language)] {
            let name = SnapshotFileName(key: key, kind: kind).text
            let bytes = Array(SnapshotReport.render(snapshot, kind).utf8)
            let existing = try ledger.readSnapshot(name)
            if let existing, existing != bytes {
                let shown = context.paths.display(ledger.snapshotPath(name))
                throw CLIFailure(code: .integrity, message: console.t(
                    "\(shown) already exists with other bytes than the journal derives for it now: the snapshot or the journal was altered. Nothing was written; run `ledger verify` to see which, and keep the file as evidence.",
                    "\(shown) ya existe con bytes distintos de los que el diario deriva ahora: se alteró el snapshot o el diario. No se escribió nada; ejecute `ledger verify` para saber cuál y conserve el archivo como evidencia."))
            }
            files.append((name, bytes, existing == nil))
        }
        for f in files where f.isNew { try ledger.writeSnapshot(f.name, f.bytes) }
        for f in files {
            let shown = context.paths.display(ledger.snapshotPath(f.name))
            console.print((f.isNew ? console.t("written:   ", "escrito:    ") : console.t("unchanged: ", "sin cambio: ")) + shown)
        }
        let clock = snapshot.clock
        console.print(console.t("\(quarter) as of \(clock.iso(asOf)) (\(clock.zone)), from the journal up to event \(snapshot.view.head.seq):",
                                "\(quarter) al \(clock.iso(asOf)) (\(clock.zone)), del diario hasta el evento \(snapshot.view.head.seq):"))
        console.print(snapshot.view.head.digest)
    }
}

/// Computes snapshots from the journal: the one path that both `snapshot`
/// (writing) and `verify` (re-deriving) take, so that what verify compares
/// is exactly what snapshot wrote. Reads the state once per distinct T.
final class SnapshotDeriver {
    let ledger: Ledger
    let console: Console
    private var states: [SnapshotStateKey: LedgerState] = [:]
    private var clocks: [String: LocalClock] = [:]

    init(ledger: Ledger, console: Console) {
        self.ledger = ledger
        self.console = console
    }

    /// Records a state (of `year`'s indicators) already read for the cut `t`.
    func remember(_ state: LedgerState, at t: Timestamp, year: Int) { states[SnapshotStateKey(cut: t, year: year)] = state }

    /// The state of `year`'s indicators as of `t`, read once per cut and year.
    func state(at t: Timestamp, year: Int) throws -> LedgerState {
        let key = SnapshotStateKey(cut: t, year: year)
        if let s = states[key] { return s }
        let (s, _) = try ledger.state(cut: t, years: [year])
        states[key] = s
        return s
    }

    /// The snapshot of `key`, or nil when the quarter had no indicators by its T.
    func snapshot(_ key: SnapshotKey) throws -> Snapshot? {
        let state = try state(at: key.asOf, year: key.quarter.year)
        return Snapshot.make(key, state: state, clock: try clock(state.settings?.timeZone ?? "UTC"))
    }

    /// The ledger's zone, from the system's tz database. A snapshot shows T
    /// in local time, so a missing zone is an error, never a silent UTC.
    func clock(_ zone: String) throws -> LocalClock {
        if let c = clocks[zone] { return c }
        guard let rules = TimeZoneRules.load(zone) else {
            throw CLIFailure(code: .io, message: console.t(
                "cannot read the ledger's time zone \(zone) from \(TimeZoneRules.databaseDirectory), which snapshots need to show local time; install the time zone database (tzdata) and try again.",
                "no se puede leer la zona horaria del ledger \(zone) en \(TimeZoneRules.databaseDirectory), que los snapshots necesitan para mostrar la hora local; instale la base de zonas horarias (tzdata) e intente de nuevo."))
        }
        let c = LocalClock(zone: zone) { t in
            let us = t.microseconds
            return rules.offset(atUTC: us >= 0 ? us / 1_000_000 : (us - 999_999) / 1_000_000)
        }
        clocks[zone] = c
        return c
    }
}

/// `verify`'s part for snapshots: every file in snapshots/ whose name this
/// ledger writes is re-derived from the journal and compared byte for byte;
/// other files (a README, .gitkeep) are left alone.
enum SnapshotAudit {
    struct File {
        var name: String
        var parsed: SnapshotFileName
        var bytes: [UInt8]
        /// The journal head the file says it was computed from.
        var pinned: (seq: Int64, hash: Digest256)?
    }

    /// The snapshot files, read before the chain is scanned so that one pass
    /// over the journal also collects the hashes of the events they pin.
    static func load(_ ledger: Ledger) throws -> [File] {
        try ledger.snapshotFileNames().compactMap { name in
            guard let parsed = SnapshotFileName(name), let bytes = try ledger.readSnapshot(name) else { return nil }
            return File(name: name, parsed: parsed, bytes: bytes, pinned: SnapshotReport.pinnedDigest(bytes, parsed.kind))
        }
    }

    /// The files whose bytes differ from what the journal re-derives, with
    /// the side that was altered. `head` is the journal's last event and
    /// `hashes` the journal's hashes at the seqs the files pin.
    static func mismatches(_ files: [File], _ deriver: SnapshotDeriver, head: ChainHead,
                           hashes: [Int64: Digest256]) throws -> [(path: String, cause: SnapshotMismatch)] {
        var derived: [SnapshotKey: Snapshot?] = [:]
        var out: [(String, SnapshotMismatch)] = []
        for f in files {
            let key = f.parsed.key
            if derived[key] == nil { derived[key] = .some(try deriver.snapshot(key)) }
            let snapshot = derived[key]!
            if let snapshot, Array(SnapshotReport.render(snapshot, f.parsed.kind).utf8) == f.bytes { continue }
            let cause: SnapshotMismatch
            if let p = f.pinned {
                let digest = "\(p.seq):\(p.hash.hex)"
                if p.seq > head.seq {
                    cause = .journalShorter(pinned: p.seq, head: head.seq)
                } else if let h = hashes[p.seq], h != p.hash {
                    cause = .journalRewritten(digest: digest, found: "\(p.seq):\(h.hex)")
                } else if let at = snapshot?.view.head, at.seq != p.seq || at.hash != p.hash {
                    // Same event, but the journal now holds other events recorded by T after it.
                    cause = .journalRewritten(digest: digest, found: at.digest)
                } else {
                    cause = .fileAltered
                }
            } else {
                cause = .fileAltered
            }
            out.append((deriver.ledger.snapshotPath(f.name), cause))
        }
        return out
    }
}

struct SnapshotStateKey: Hashable {
    var cut: Timestamp
    var year: Int
}
