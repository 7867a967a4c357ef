// Where a ledger keeps its files. DIR/events/ holds the journal (the
// record); DIR/snapshots/ holds the quarterly snapshots. What can always be
// rebuilt from the journal (the caches) is kept by each OS account in a
// folder of its own (CacheLocation), never here; an `events/.cache/` left
// by an older version is neither read nor written.

public struct LedgerPaths: Sendable {
    public let directory: String

    public init(directory: String) {
        var d = directory
        while d.count > 1 && d.hasSuffix("/") { d.removeLast() }
        self.directory = d.isEmpty ? "." : d
    }

    public var events: String { directory + "/events" }
    /// The journal: one event per line, appended, never rewritten.
    public var journal: String { events + "/journal.jsonl" }
    public var lock: String { events + "/.lock" }
    public var snapshots: String { directory + "/snapshots" }

    /// A journal path as users see it in messages: `events/journal.jsonl`
    /// when the ledger is the current directory.
    public func display(_ path: String) -> String {
        directory == "." && path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}
