// A session: one ledger folder, the host it runs on, and the use cases a
// command runs against them (each in UseCases/, one file per use case).
// The CLI makes one per command; tests make them over in-memory storage.

import LedgerCore
import LedgerStore

/// One ledger and the use cases over it.
public final class Session {
    let ledger: Ledger
    let paths: LedgerPaths
    public let host: Host
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

    /// The instant a user's time names, in the ledger's zone.
    public func instant(_ spec: TimeSpec) throws -> Timestamp {
        if case .exact(let t) = spec { return t }
        return try zone().instant(spec)
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

extension TimeZoneRules: TimeZoneRulesResolving {}
