// `snapshot`: the quarter view as it stood at T, written under snapshots/
// as JSON, CSV and a printable HTML page, each naming the journal head it
// was computed from. The same request, later or elsewhere, writes the same
// bytes; `verify` re-derives every snapshot through the same deriver, so
// what it compares is exactly what `snapshot` wrote.

import LedgerCore
import LedgerStore
import LedgerReports

/// What `snapshot` wrote.
public struct SnapshotOutcome: Sendable {
    /// Each file as the user sees its path, and whether it is new (else it
    /// was there with the same bytes).
    public var files: [(path: String, isNew: Bool)]
    public var quarter: Period
    /// T in the ledger's zone, and the zone's name.
    public var localAsOf: String
    public var zone: String
    /// The journal head the snapshot was computed from.
    public var head: ChainHead
}

extension Session {
    /// Writes the snapshot of `quarter` as of `asOf` (default: the time of
    /// the last event recorded) for `plan` (nil: every plan), the page in `language`.
    public func snapshot(_ quarter: Period, asOf spec: TimeSpec?, plan: String?, language: Language) throws -> SnapshotOutcome {
        try requireLedger()
        let explicit = try cut(spec)
        // Only the quarter's fiscal year is folded (the snapshot shows nothing else).
        let (latest, _) = try state(cut: nil, years: [quarter.year])
        try checkScope(ReportScope(plan: plan), latest)
        // T must be a time whose history can no longer change: at or before
        // the last event, or already past (later events are recorded after now).
        let asOf = explicit ?? latest.head.at
        let now = try clock()()
        if asOf > latest.head.at && asOf >= now { throw Problem.asOfNotPassed(asOf) }
        let key = SnapshotKey(quarter: quarter, plan: plan, asOf: asOf)
        let deriver = SnapshotDeriver(session: self)
        if asOf == latest.head.at { deriver.remember(latest, at: asOf, year: quarter.year) }
        guard var snapshot = try deriver.snapshot(key) else {
            throw Problem.nothingToSnapshot(year: quarter.year, plan: plan, asOf: asOf)
        }
        let kinds = SnapshotKind.written(format: snapshot.format, language: language)
        if kinds.contains(.xlsx(language)) { snapshot = try deriver.withHistory(snapshot) }
        // Check every file before writing any: an existing file with other
        // bytes is evidence (of an edited snapshot or journal), never overwritten.
        var files: [(name: String, bytes: [UInt8], isNew: Bool)] = []
        for kind in kinds {
            let name = SnapshotFileName(key: key, kind: kind).text
            let bytes = SnapshotReport.bytes(snapshot, kind)
            let existing = try ledger.readSnapshot(name)
            if let existing, existing != bytes { throw Problem.snapshotDiffers(path: display(ledger.snapshotPath(name))) }
            files.append((name, bytes, existing == nil))
        }
        try ledger.writeSnapshots(files.filter(\.isNew).map { ($0.name, $0.bytes) })
        return SnapshotOutcome(files: files.map { (display(ledger.snapshotPath($0.name)), $0.isNew) }, quarter: quarter,
                               localAsOf: snapshot.clock.iso(asOf), zone: snapshot.clock.zone, head: snapshot.view.head)
    }
}

/// Computes snapshots from the journal, reading the state once per
/// distinct T and year. Asked for later and later T (verify, which goes
/// through the files in order), it carries the state forward from the last
/// T instead of folding again from the start: re-deriving many snapshots
/// costs one pass over the journal, with or without caches.
final class SnapshotDeriver {
    let session: Session
    private var states: [Cut: LedgerState] = [:]
    /// The latest state read for each year, where its read stopped, and its T.
    private var latest: [Int: (state: LedgerState, cursor: JournalCursor, at: Timestamp)] = [:]
    private var clocks: [String: LocalClock] = [:]
    /// The events of a quarter (and plan) read once for many cuts
    /// (`prepareHistories`), each with the time its batch ended.
    private var histories: [HistoryKey: [(entry: AuditEntry, batchEnd: Timestamp)]] = [:]

    private struct Cut: Hashable {
        var at: Timestamp
        var year: Int
    }

    private struct HistoryKey: Hashable {
        var quarter: Period
        var plan: String?
    }

    init(session: Session) { self.session = session }

    /// Records a state (of `year`'s indicators) already read for the cut `t`.
    func remember(_ state: LedgerState, at t: Timestamp, year: Int) { states[Cut(at: t, year: year)] = state }

    func state(at t: Timestamp, year: Int) throws -> LedgerState {
        let key = Cut(at: t, year: year)
        if let s = states[key] { return s }
        var s: LedgerState
        let read: JournalReadResult
        if let last = latest[year], last.at <= t {
            s = last.state
            read = try session.ledger.advance(&s, from: last.cursor, cut: t) { _, _ in }
        } else {
            (s, read) = try session.state(cut: t, years: [year])
        }
        latest[year] = (s, read.cursor, t)
        states[key] = s
        return s
    }

    /// The snapshot of `key` in snapshot `format` (the current one for a new
    /// snapshot, the file's own to re-derive one), or nil when the quarter
    /// had no indicators by its T or the format is unknown.
    func snapshot(_ key: SnapshotKey, format: Int = SnapshotFormat.current) throws -> Snapshot? {
        let state = try state(at: key.asOf, year: key.quarter.year)
        return Snapshot.make(key, state: state, clock: try clock(state.settings?.timeZone ?? "UTC"), format: format)
    }

    /// The ledger's zone, from the system's tz database. A snapshot shows T
    /// in local time, so a missing zone is an error, never a silent UTC.
    func clock(_ zone: String) throws -> LocalClock {
        if let c = clocks[zone] { return c }
        let c = try session.localClock(zone)
        clocks[zone] = c
        return c
    }

    /// `snapshot` with the quarter's events by its T, which its workbook lists.
    func withHistory(_ snapshot: Snapshot) throws -> Snapshot {
        var s = snapshot
        if let all = histories[HistoryKey(quarter: s.key.quarter, plan: s.key.plan)] {
            // A batch is in the history by T when it ended by T, as a read cut at T takes whole batches.
            s.history = all.filter { $0.batchEnd <= s.key.asOf }.map(\.entry)
        } else {
            s.history = try session.quarterHistory(s.key.quarter, scope: ReportScope(plan: s.key.plan), cut: s.key.asOf)
        }
        return s
    }

    /// Reads, in one pass per quarter and plan, the events the workbooks of
    /// `keys` list, up to the latest of their cuts.
    func prepareHistories(_ keys: [SnapshotKey]) throws {
        for (which, group) in Dictionary(grouping: keys, by: { HistoryKey(quarter: $0.quarter, plan: $0.plan) }) where histories[which] == nil {
            guard let cut = group.map(\.asOf).max() else { continue }
            var filter = QuarterHistoryFilter(quarter: which.quarter, scope: ReportScope(plan: which.plan))
            var collected: [(entry: AuditEntry, batchEnd: Timestamp)] = []
            var open: [AuditEntry] = []
            func close(_ at: Timestamp) {
                collected += open.map { ($0, at) }
                open.removeAll()
            }
            try session.ledger.auditTrail(cut: cut, keep: { event in
                let kept = filter.keeps(event)
                if !kept && event.more == 0 { close(event.at) }
                return kept
            }) { entry, event in
                open.append(entry)
                if event.more == 0 { close(event.at) }
            }
            histories[which] = collected
        }
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
        /// The snapshot format it was written in: its JSON file's (the files
        /// of one snapshot share it); the current one when that is missing.
        var format: Int
        /// The journal head the file says it was computed from.
        var pinned: (seq: Int64, hash: Digest256)?
    }

    /// The snapshot files, read before the chain is scanned so that one pass
    /// over the journal also collects the hashes of the events they pin.
    static func load(_ ledger: Ledger) throws -> [File] {
        var formats: [SnapshotKey: Int] = [:]
        func format(of key: SnapshotKey) throws -> Int {
            if let f = formats[key] { return f }
            let json = try ledger.readSnapshot(SnapshotFileName(key: key, kind: .json).text)
            let f = json.flatMap(SnapshotFormat.format(ofJSON:)) ?? SnapshotFormat.current
            formats[key] = f
            return f
        }
        return try ledger.snapshotFileNames().compactMap { name in
            guard let parsed = SnapshotFileName(name), let bytes = try ledger.readSnapshot(name) else { return nil }
            return File(name: name, parsed: parsed, bytes: bytes, format: try format(of: parsed.key),
                        pinned: SnapshotReport.pinnedDigest(bytes, parsed.kind))
        }
    }

    /// The files whose bytes differ from what the journal re-derives, with
    /// the side that was altered. `head` is the journal's last event and
    /// `hashes` the journal's hashes at the seqs the files pin.
    static func mismatches(_ files: [File], _ deriver: SnapshotDeriver, head: ChainHead,
                           hashes: [Int64: Digest256]) throws -> [(path: String, cause: SnapshotMismatch)] {
        struct Derivation: Hashable {
            var key: SnapshotKey
            var format: Int
        }
        var derived: [Derivation: Snapshot?] = [:]
        var withEvents: Set<Derivation> = []
        var out: [(String, SnapshotMismatch)] = []
        // The workbooks' events, one pass per quarter and plan for all their cuts.
        try deriver.prepareHistories(files.compactMap { f in
            if case .xlsx = f.parsed.kind { return f.parsed.key } else { return nil }
        })
        // Derived earlier cuts first, so that each state is carried forward from the one before.
        for f in files.sorted(by: { $0.parsed.key.asOf < $1.parsed.key.asOf }) {
            let which = Derivation(key: f.parsed.key, format: f.format)
            if derived[which] == nil { derived[which] = .some(try deriver.snapshot(which.key, format: which.format)) }
        }
        for f in files {
            let which = Derivation(key: f.parsed.key, format: f.format)
            if derived[which] == nil { derived[which] = .some(try deriver.snapshot(which.key, format: which.format)) }
            var snapshot = derived[which]!
            if case .xlsx = f.parsed.kind, let s = snapshot {
                // Only formats that write a workbook re-derive one; its events are read once per snapshot.
                guard s.format >= SnapshotFormat.board else { out.append((deriver.session.ledger.snapshotPath(f.name), .fileAltered)); continue }
                if withEvents.insert(which).inserted { snapshot = try deriver.withHistory(s); derived[which] = .some(snapshot) }
            }
            if let snapshot, SnapshotReport.bytes(snapshot, f.parsed.kind) == f.bytes { continue }
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
            out.append((deriver.session.ledger.snapshotPath(f.name), cause))
        }
        return out
    }
}
