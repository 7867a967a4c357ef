// What can go wrong at the edge, as data. The CLI words it and picks the
// exit code: integrity damage is 3, input/output trouble is 4.

import LedgerCore

public enum StoreError: Error, Equatable, Sendable {
    /// A system call failed: what we were doing, the path, and errno's text.
    case io(operation: String, path: String, message: String, errno: Int32)
    /// No ledger at this directory (no journal).
    case noLedger(directory: String)
    /// `init` where a journal exists already.
    case ledgerExists(path: String)
    /// Another process holds the lock longer than we wait.
    case lockTimeout(path: String, seconds: Int)
    /// The journal ends in an incomplete line or batch: a crash mid-append.
    /// `seq` is the seq its first event would have had.
    case tornTail(path: String, offset: Int64, bytes: Int64, seq: Int64)
    /// An event does not match the chain or cannot be read.
    case damaged(Damage)
    /// `verify --digest`: the journal does not extend the published digest.
    case digestMismatch(expected: String, found: String?)
    /// A snapshot's bytes differ from what the journal re-derives, and why.
    case snapshotMismatch(path: String, cause: SnapshotMismatch)
    /// A signed append found the journal moved after signing, again and
    /// again (other appends kept coming while it signed).
    case journalKeepsMoving(path: String)
    /// A symbolic link where the ledger keeps a file or a folder: never
    /// followed, nothing read or written through it.
    case symbolicLink(path: String)
    /// The clock reads more than `ClockRule.tolerance` before the last
    /// event's recorded time (event `seq` at `last`): nothing was written.
    case clockBehind(reading: Timestamp, last: Timestamp, seq: Int64)
    /// The clock reads a time the journal cannot hold (outside years
    /// 0001-9999 in UTC): nothing was written.
    case clockOutOfRange(reading: Timestamp)
    /// An event whose line would not read back as the event: nothing was written.
    case unwritableEvent(message: String)
    /// `seal` would write journal.jsonl anew owned by this account, losing
    /// the owner, group or mode `ownership` it has: nothing was written.
    case ownershipNotKept(path: String, ownership: FileOwnership)
    /// `seal` recorded its event (seq) but could not finish moving the
    /// sealed events to `segment`; `ledger repair` finishes it.
    indirect case sealUnfinished(seq: Int64, segment: String, cause: StoreError)
}

/// Which side of a differing snapshot was altered, judged by the digest the
/// snapshot pins (the journal head it was computed from).
public enum SnapshotMismatch: Equatable, Sendable {
    /// The journal still holds the history the snapshot pins: the file was altered.
    case fileAltered
    /// The snapshot pins event `pinned`, past the journal's last event `head`.
    case journalShorter(pinned: Int64, head: Int64)
    /// The journal's history up to the snapshot's time is not the one it
    /// pins: the journal was rewritten, or the pinned digest in the file was
    /// edited; the printed, signed report tells which. `found` is what the
    /// journal holds at that seq.
    case journalRewritten(digest: String, found: String)
}

/// The first damaged event: where, and what is wrong.
public struct Damage: Equatable, Sendable {
    public var path: String
    /// Line number in the journal (equal to the seq the line should carry).
    public var line: Int64
    public var offset: Int64
    public var message: String
    public init(path: String, line: Int64, offset: Int64, message: String) {
        self.path = path
        self.line = line
        self.offset = offset
        self.message = message
    }
}
