// Where a ledger keeps its files. DIR/events/ holds the journal (the
// record) and, in .cache/, what can always be rebuilt from it;
// DIR/snapshots/ holds the quarterly snapshots.

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
    public var cache: String { events + "/.cache" }
    public var factsIndex: String { cache + "/facts.v1" }
    public var snapshots: String { directory + "/snapshots" }

    /// A journal path as users see it in messages: `events/journal.jsonl`
    /// when the ledger is the current directory.
    public func display(_ path: String) -> String {
        directory == "." && path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }
}
