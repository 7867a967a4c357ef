// `verify`, `digest` and `repair`: the chain checked link by link, every
// snapshot re-derived from the journal's bytes alone (no cache is read:
// nothing another process wrote can change what verify finds), a published
// digest proved, and the recorded times looked at (a demonstration ledger,
// events recorded under a clock behind the one before, events dated after
// this machine's clock); the head to publish; a torn tail moved aside.

import LedgerCore
import LedgerStore

/// A published digest: the head `SEQ:HASH` a journal must still extend.
public struct PublishedDigest: Equatable, Sendable {
    public var seq: Int64
    public var hash: Digest256
    public init(seq: Int64, hash: Digest256) {
        self.seq = seq
        self.hash = hash
    }
    public var text: String { "\(seq):\(hash.hex)" }
}

/// What `verify` checked.
public struct VerifyOutcome: Sendable {
    /// Events checked link by link.
    public var events: Int64
    public var head: ChainHead
    /// Sealed segments present, and whether they were re-hashed.
    public var sealedSegments: Int
    public var sealedThrough: Int64
    public var rehashedSealed: Bool
    /// The digest proved, when one was given.
    public var digest: PublishedDigest?
    /// The snapshot files re-derived byte for byte.
    public var snapshots: [String]
    /// A demonstration ledger (`init --demo`): its times may be LEDGER_CLOCK's.
    public var isDemo: Bool
    /// Events checked that were recorded while the clock read earlier than
    /// the event before (`at` is then 1 µs after it; `clock` is the reading).
    public var clockBehind: [(seq: Int64, at: Timestamp, clock: Timestamp)]
    /// Events checked that are dated after this machine's clock (by more
    /// than RecordedTime.tolerance): recorded under a clock running ahead,
    /// or this machine's clock is behind.
    public var datedAfterNow: [(seq: Int64, at: Timestamp)]
    /// This machine's clock when verify ran.
    public var now: Timestamp
}

/// What `repair` did.
public struct RepairOutcome: Sendable {
    /// Where the torn bytes were moved (as the user sees the path), or nil.
    public var keptAt: String?
    public var bytes: Int64
    public var head: ChainHead
}

extension Session {
    /// Checks the chain (from the sealed segments on; with `all`, from event
    /// 1 through every segment), that the journal extends `digest`, and that
    /// every snapshot re-derives. Throws the first damage.
    public func verify(all: Bool, digest pinned: PublishedDigest?) throws -> VerifyOutcome {
        var found: Digest256?
        var count: Int64 = 0
        var behind: [(seq: Int64, at: Timestamp, clock: Timestamp)] = []
        var ahead: [(seq: Int64, at: Timestamp)] = []
        let now = host.now()
        let snapshots = try SnapshotAudit.load(ledger)
        let snapshotSeqs = Set(snapshots.compactMap { $0.pinned?.seq })
        var hashes: [Int64: Digest256] = [:]
        // Sealed segments are trusted (their sizes checked) unless --all, or a
        // digest is given: it vouches for every event up to its seq, the sealed
        // ones included wherever the seq lies, so proving it needs the chain from 1.
        func check(all: Bool) throws -> Ledger.ChainCheck {
            count = 0
            found = nil
            hashes = [:]
            behind = []
            ahead = []
            return try ledger.verifyChain(all: all) { event in
                count += 1
                if let c = event.clock { behind.append((event.seq, event.at, c)) }
                if event.at.microseconds - now.microseconds > RecordedTime.tolerance { ahead.append((event.seq, event.at)) }
                if let pinned, event.seq == pinned.seq { found = event.hash }
                if snapshotSeqs.contains(event.seq) { hashes[event.seq] = event.hash }
            }
        }
        var chain = try check(all: all)
        if !chain.rehashedSealed, pinned != nil, chain.sealedSegments > 0 { chain = try check(all: true) }
        for seq in snapshotSeqs where hashes[seq] == nil && seq <= chain.sealedThrough {
            hashes[seq] = try ledger.recordedHash(seq: seq)
        }
        let result = chain.result
        if let torn = result.tornOffset {
            throw StoreError.tornTail(path: paths.journal, offset: torn, bytes: try ledger.journalSize() - torn, seq: result.cursor.seq + 1)
        }
        if let pinned, found != pinned.hash {
            throw StoreError.digestMismatch(expected: pinned.text, found: found.map { "\(pinned.seq):\($0.hex)" })
        }
        let head = result.cursor.head
        // The chain is intact: now every snapshot must re-derive byte for byte,
        // from the journal alone (the deriver's session trusts no cache).
        let differing = try SnapshotAudit.mismatches(snapshots, SnapshotDeriver(session: trustingNoCache()), head: head, hashes: hashes)
        if !differing.isEmpty { throw Problem.snapshotsDiffer(differing) }
        return VerifyOutcome(events: count, head: head, sealedSegments: chain.sealedSegments, sealedThrough: chain.sealedThrough,
                             rehashedSealed: chain.rehashedSealed, digest: pinned, snapshots: snapshots.map(\.name),
                             isDemo: try ledger.settings().isDemo, clockBehind: behind, datedAfterNow: ahead, now: now)
    }

    /// The journal's head (checked from the newest checkpoint on) and the
    /// entity's name: what `digest` publishes.
    public func digest() throws -> (entity: String, head: ChainHead) {
        let head = try ledger.head().cursor.head
        return (try ledger.settings().entity, head)
    }

    /// The head alone, without reading the entity (for `digest --json`).
    public func head() throws -> ChainHead { try ledger.head().cursor.head }

    /// Moves a torn final line or batch aside (kept) so appends can resume.
    public func repair() throws -> RepairOutcome {
        let outcome = try ledger.repair()
        return RepairOutcome(keptAt: outcome.keptAt.map(display), bytes: outcome.bytes, head: outcome.head)
    }
}
