// A session: one ledger folder, the host it runs on, and the use cases a
// command runs against them (each in UseCases/, one file per use case).
// The CLI makes one per command; tests make them over in-memory storage.

import LedgerCore
import LedgerStore
import LedgerReports
import LedgerSigning

/// One ledger and the use cases over it.
public final class Session {
    let ledger: Ledger
    let paths: LedgerPaths
    public let host: Host
    /// The key appends are signed with (`--key`, $LEDGER_KEY); nil: unsigned.
    public var signingKey: SigningKey?
    /// A signer given directly (tests, the benchmark): used before `signingKey`.
    public var signer: (any Signer)?
    /// Whether appends are signed: then each append's last line in the
    /// journal is its `batch_signed` line, after the events it covers.
    public var signs: Bool { signingKey != nil || signer != nil }
    private var zoneRules: TimeZoneRules?

    /// The ledger in `directory` (nothing is read until a use case asks),
    /// its caches in the host's cache directory.
    public init(directory: String, host: Host = .system, lockTimeout: Double = 10) {
        paths = LedgerPaths(directory: directory)
        ledger = Ledger(paths: paths, lockTimeout: lockTimeout, caches: host.cacheDirectory.map { .account(directory: $0) } ?? .none)
        self.host = host
    }

    init(ledger: Ledger, host: Host) {
        self.ledger = ledger
        paths = ledger.paths
        self.host = host
    }

    /// The active journal file's path (`DIR/events/journal.jsonl`).
    public var journalPath: String { paths.journal }

    /// The ledger's directory, as given.
    public var directory: String { paths.directory }

    /// A path inside the ledger as the user sees it (`events/journal.jsonl`
    /// when the ledger is the current directory).
    public func display(_ path: String) -> String { paths.display(path) }

    /// The ledger's time zone, read once from its first event (UTC when the
    /// zone is not in this system's database).
    func zone() throws -> TimeZoneRules {
        if let zoneRules { return zoneRules }
        let rules = TimeZoneRules.load(try ledger.settings().timeZone) ?? .utc
        zoneRules = rules
        return rules
    }

    /// Every use case but `init` starts here: outside a ledger, every command
    /// gives the same answer (exit 1), before it touches a lock or prints.
    func requireLedger() throws {
        // A journal that cannot be seen may be one we may not read: reading
        // its first event says which (no ledger, or a permission error).
        if !ledger.exists { _ = try ledger.settings() }
    }

    /// The ledger's local time, for tables people read (times in JSON and
    /// CSV stay in UTC). UTC when the zone is not in this system's database.
    func localClock() throws -> LocalClock {
        let name = try ledger.settings().timeZone
        guard let rules = TimeZoneRules.load(name) else { return .utc }
        return LocalClock(zone: name) { t in
            let us = t.microseconds
            return rules.offset(atUTC: us >= 0 ? us / 1_000_000 : (us - 999_999) / 1_000_000)
        }
    }

    /// What had ended and was overdue at `cut` (nil: now, by the host's
    /// clock), in the ledger's zone: the periods a view weighs.
    func horizon(at cut: Timestamp?, deadline: ReportingDeadline = .standard) throws -> ReportingHorizon {
        let t = cut ?? host.now()
        let us = t.microseconds
        let offset = try zone().offset(atUTC: us >= 0 ? us / 1_000_000 : (us - 999_999) / 1_000_000)
        return ReportingHorizon.at(t, offsetSeconds: offset, deadline: deadline)
    }

    /// Refuses a cut before the ledger's first event: a report of nothing
    /// (an empty table and exit 0) would look like an answer.
    func requireRecorded(by cut: Timestamp?) throws {
        guard let cut, let opened = try ledger.openedAt(), cut < opened else { return }
        throw Problem.nothingRecordedBy(cut, opened: opened)
    }

    /// The instant a user's time names, in the ledger's zone.
    public func instant(_ spec: TimeSpec) throws -> Timestamp {
        if case .exact(let t) = spec { return t }
        return try zone().instant(spec, now: host.now())
    }

    /// The instant of an optional time (nil: no cut).
    func cut(_ spec: TimeSpec?) throws -> Timestamp? {
        try spec.map(instant)
    }

    /// The same ledger and host, reading no cache it did not make itself:
    /// the loader's "trust no cache" mode, which `verify` derives in.
    func trustingNoCache() -> Session {
        Session(ledger: ledger.trustingNoCache(), host: host)
    }

    /// True for a demonstration ledger (`init --demo`), from its first event.
    public func isDemo() throws -> Bool {
        try ledger.settings().isDemo
    }

    /// Refuses a clock the user set (LEDGER_CLOCK) on a ledger that is not a
    /// demonstration: recorded times come from the system clock. A command
    /// run outside a ledger is left to say so itself.
    public func admitClock() throws {
        guard host.clockIsSetByUser else { return }
        let settings: LedgerSettings
        do {
            settings = try ledger.settings()
        } catch StoreError.noLedger {
            return
        }
        guard settings.isDemo else { throw Problem.clockSetOnRealLedger }
    }

    /// The clock appends read, once `admitClock` allows it.
    func clock() throws -> () -> Timestamp {
        try admitClock()
        return host.now
    }
}

extension TimeZoneRules: TimeZoneRulesResolving {
    func offset(at t: Timestamp) -> Int64 {
        let us = t.microseconds
        return offset(atUTC: us >= 0 ? us / 1_000_000 : (us - 999_999) / 1_000_000)
    }
}
