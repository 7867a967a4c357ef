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
    /// What the moved bytes held (whole events of a batch, part of one).
    public var tail: TornTail?
}

extension Session {
    /// Checks the chain from event 1 through every sealed segment, replays
    /// every event through the rules (decide, against the facts before it),
    /// proves `digest` when given, and re-derives every snapshot. Throws the
    /// first damage or broken rule. The rules need the whole history, so
    /// `all` (re-hash the sealed segments too) is what every verify does.
    public func verify(all: Bool, digest pinned: PublishedDigest?) throws -> VerifyOutcome {
        try requireLedger()
        var found: Digest256?
        var count: Int64 = 0
        var behind: [(seq: Int64, at: Timestamp, clock: Timestamp)] = []
        var ahead: [(seq: Int64, at: Timestamp)] = []
        let now = host.now()
        let snapshots = try SnapshotAudit.load(ledger)
        let snapshotSeqs = Set(snapshots.compactMap { $0.pinned?.seq })
        var hashes: [Int64: Digest256] = [:]
        // The seq whose hash is the digest's, when it is not the digest's own
        // seq: a miscopied seq, told from a rewritten history.
        var hashAt: Int64?
        // One pass: each event's chain link, then its rules; folded into the facts the next one is decided against.
        var replay = RuleReplay()
        var broken: (seq: Int64, breach: RuleBreach)?
        // Signatures are checked in runs, on every core; the first that fails is kept.
        let background = BackgroundSignatureChecks()
        var forged: SignatureCheck?
        func runChecks() { background.submit(replay.takeChecks()) }
        var line: UnsafeRawBufferPointer?
        var attested: [(seq: Int64, signer: String, file: AttestedFile)] = []
        let chain: Ledger.ChainCheck
        do {
            chain = try explainingTornTail {
                try ledger.verifyChain(all: true, lines: { line = $0 }) { event in
                    count += 1
                    if let c = event.clock { behind.append((event.seq, event.at, c)) }
                    if event.at.microseconds - now.microseconds > RecordedTime.tolerance { ahead.append((event.seq, event.at)) }
                    if let pinned {
                        if event.seq == pinned.seq { found = event.hash } else if event.hash == pinned.hash { hashAt = event.seq }
                    }
                    if snapshotSeqs.contains(event.seq) { hashes[event.seq] = event.hash }
                    if case .quarterAttested(let a) = event.payload { attested += a.files.map { (event.seq, event.actor, $0) } }
                    if broken == nil, let b = replay.checkLine(event, line: line) { broken = b }
                    line = nil
                    if replay.pendingChecks >= SignatureChecks.run || replay.pendingBytes >= SignatureChecks.runBytes { runChecks() }
                }
            }
            runChecks()
            forged = background.finish()
            if let forged, broken.map({ forged.seq < $0.seq }) ?? true { broken = (forged.seq, .signatureInvalid(signer: forged.signer)) }
        } catch StoreError.damaged(let d) {
            runChecks()
            forged = background.finish()
            if let forged, broken.map({ forged.seq < $0.seq }) ?? true { broken = (forged.seq, .signatureInvalid(signer: forged.signer)) }
            // Damage after a broken rule: the rule is the first thing wrong.
            if let broken, broken.seq < d.line { throw try ruleBroken(broken) }
            throw StoreError.damaged(d)
        }
        let result = chain.result
        // A broken rule inside a torn final batch is not in the journal: the batch is torn.
        if let broken, broken.seq <= result.cursor.seq { throw try ruleBroken(broken) }
        if let torn = result.tornOffset {
            throw tornJournal(path: paths.journal, offset: torn, bytes: try ledger.journalSize() - torn, seq: result.cursor.seq + 1)
        }
        if let pinned, found != pinned.hash {
            throw Problem.digestNotHeld(pinned, found: found, head: result.cursor.seq, hashAt: hashAt)
        }
        let head = result.cursor.head
        // Every file an attestation pinned must be there with the SHA-256 attested.
        var differ: [(path: String, seq: Int64, signer: String, missing: Bool)] = []
        for a in attested {
            let bytes = try ledger.readSnapshot(a.file.name)
            if bytes.map({ SHA256.hash($0) != a.file.sha256 }) ?? true {
                differ.append((ledger.snapshotPath(a.file.name), a.seq, a.signer, bytes == nil))
            }
        }
        if !differ.isEmpty { throw Problem.attestedFilesDiffer(differ) }
        // The chain is intact: now every snapshot must re-derive byte for byte,
        // from the journal alone (the deriver's session trusts no cache).
        let differing = try SnapshotAudit.mismatches(snapshots, SnapshotDeriver(session: trustingNoCache()), head: head, hashes: hashes)
        if !differing.isEmpty { throw Problem.snapshotsDiffer(differing) }
        return VerifyOutcome(events: count, head: head, sealedSegments: chain.sealedSegments, sealedThrough: chain.sealedThrough,
                             rehashedSealed: chain.rehashedSealed, digest: pinned, snapshots: snapshots.map(\.name),
                             isDemo: try ledger.settings().isDemo, clockBehind: behind, datedAfterNow: ahead, now: now)
    }

    /// The failure of a broken rule, naming the file that holds the event.
    private func ruleBroken(_ broken: (seq: Int64, breach: RuleBreach)) throws -> Problem {
        .ruleBroken(path: try ledger.file(holding: broken.seq), seq: broken.seq, breach: broken.breach)
    }

    /// The journal's head (checked from the newest checkpoint on) and the
    /// entity's name: what `digest` publishes.
    public func digest() throws -> (entity: String, head: ChainHead) {
        try requireLedger()
        let head = try ledger.head().cursor.head
        return (try ledger.settings().entity, head)
    }

    /// The head alone, without reading the entity (for `digest --json`).
    public func head() throws -> ChainHead {
        try requireLedger()
        return try ledger.head().cursor.head
    }

    /// Moves a torn final line or batch aside (kept) so appends can resume,
    /// saying what was moved: part of an event, or whole events of a batch.
    public func repair() throws -> RepairOutcome {
        try requireLedger()
        // What the tail holds, read before it is moved (the move keeps its bytes).
        let before = try ledger.head()
        let tail = try before.tornOffset.map { TornTail(try ledger.journalBytes(from: $0, limit: 1 << 20)) }
        let outcome = try ledger.repair()
        return RepairOutcome(keptAt: outcome.keptAt.map(display), bytes: outcome.bytes, head: outcome.head,
                             tail: outcome.keptAt == nil ? nil : tail)
    }

    /// A torn tail, with what it holds.
    func tornJournal(path: String, offset: Int64, bytes: Int64, seq: Int64) -> Problem {
        let tail = (try? ledger.journalBytes(from: offset, limit: 1 << 20)).map(TornTail.init)
        return Problem.tornJournal(path: path, offset: offset, bytes: bytes, seq: seq, tail: tail)
    }

    /// Runs `body`, saying what a torn tail it meets holds.
    func explainingTornTail<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StoreError.tornTail(let path, let offset, let bytes, let seq) {
            throw tornJournal(path: path, offset: offset, bytes: bytes, seq: seq)
        }
    }
}
