// The ledger on disk: create, append, read, verify, repair. Every write
// holds the exclusive lock, writes whole lines in one write(2), fsyncs, and
// only then reports success. Reads take the shared lock only to learn where
// the journal ends, then stream without holding it.

import LedgerCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An appended event, as reported to the user: its seq, hash and time.
public struct Receipt: Equatable, Sendable {
    public var seq: Int64
    public var hash: Digest256
    public var at: Timestamp
}

/// Who is appending: the person (actor) and the OS account.
public struct Author: Sendable {
    public var actor: String
    public var osUser: String
    public init(actor: String, osUser: String) {
        self.actor = actor
        self.osUser = osUser
    }
}

public final class Ledger {
    public let paths: LedgerPaths
    /// How long to wait for another process's lock before giving up.
    public var lockTimeout: Double

    public init(paths: LedgerPaths, lockTimeout: Double = 10) {
        self.paths = paths
        self.lockTimeout = lockTimeout
    }

    public var exists: Bool { FileSystem.exists(paths.journal) }

    // MARK: Writing

    /// Creates the ledger: its folders and a journal whose first event opens it.
    public func create(_ settings: LedgerSettings, by author: Author, clock: () -> Timestamp) throws -> Receipt {
        try FileSystem.makeDirectory(paths.directory)
        try FileSystem.makeDirectory(paths.events)
        try FileSystem.makeDirectory(paths.snapshots)
        let lock = try FileLock(path: paths.lock, mode: .exclusive, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let journal = try FileHandle(path: paths.journal, flags: O_RDWR | O_CREAT | O_APPEND)
        guard try journal.size() == 0 else { throw StoreError.ledgerExists(path: paths.journal) }
        guard case .success(let pending) = Decider.decide(.open(settings), facts: LedgerState()) else {
            throw StoreError.ledgerExists(path: paths.journal)
        }
        let at = clock()
        let (line, hash) = EventCodec.encode(seq: 1, at: at, actor: author.actor, osUser: author.osUser,
                                             pending: pending, more: 0, previous: .zero)
        do {
            try journal.writeAll(line)
            try journal.sync()
        } catch {
            // Leave an empty journal, not half an event, so that `init` can simply be run again.
            try? journal.truncate(to: 0)
            throw error
        }
        try FileSystem.syncDirectory(paths.events)
        try FileSystem.syncDirectory(paths.directory)
        return Receipt(seq: 1, hash: hash, at: at)
    }

    /// Opens the journal, or says there is no ledger here.
    func openJournal(writable: Bool) throws -> SegmentedJournal {
        do {
            return try SegmentedJournal(paths: paths, writable: writable)
        } catch StoreError.io(_, let path, _, let code) where (code == ENOENT || code == ENOTDIR) && path == paths.journal {
            // Only a journal that is not there (or a path that is no folder) means
            // "no ledger"; a folder we may not enter is a permission error, said as such.
            throw StoreError.noLedger(directory: paths.directory)
        }
    }

    /// Decides `commands` against the ledger and appends the events, all or
    /// none. A refusal (of any row) writes nothing and is returned as data.
    /// With `dryRun`, decides and reports without writing.
    public func append(_ commands: [(Command, String?)], by author: Author, clock: () -> Timestamp,
                       dryRun: Bool = false) throws -> Result<[Receipt], BatchRefusal> {
        let lock = try FileLock(path: paths.lock, mode: .exclusive, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let journal = try openJournal(writable: !dryRun)
        let size = try journal.size()
        try FileSystem.makeDirectory(paths.cache)
        var (index, read) = try FactsIndex.open(path: paths.factsIndex, journal: journal, journalSize: size)
        if let torn = read.tornOffset {
            throw StoreError.tornTail(path: paths.journal, offset: torn, bytes: size - torn, seq: read.cursor.seq + 1)
        }
        var decided = BatchFacts.decideAll(commands, base: IndexedFacts(index: index, journal: journal), headSeq: read.cursor.seq)
        if index.isDamaged {
            // A slot failed its check or pointed at the wrong event: rebuild from the journal and decide again.
            (index, read) = try FactsIndex.open(path: paths.factsIndex, journal: journal, journalSize: size, rebuild: true)
            decided = BatchFacts.decideAll(commands, base: IndexedFacts(index: index, journal: journal), headSeq: read.cursor.seq)
            guard !index.isDamaged else {
                throw StoreError.io(operation: "rebuild", path: paths.factsIndex, message: "the rebuilt index disagrees with the journal", errno: 0)
            }
        }
        guard case .success(let pending) = decided else {
            if case .failure(let refusal) = decided { return .failure(refusal) }
            preconditionFailure()
        }
        if dryRun || pending.isEmpty { return .success([]) }

        // Encode the batch: consecutive seqs, strictly increasing times, one buffer.
        var cursor = read.cursor
        let base = read.cursor.offset
        var bytes: [UInt8] = []
        var written: [(RecordedEvent, Int64)] = []
        var receipts: [Receipt] = []
        let now = clock()
        for (i, p) in pending.enumerated() {
            let seq = cursor.seq + 1
            let at = max(now, cursor.at.next)
            let more = pending.count - 1 - i
            let (line, hash) = EventCodec.encode(seq: seq, at: at, actor: author.actor, osUser: author.osUser,
                                                 pending: p, more: more, previous: cursor.hash)
            let offset = base + Int64(bytes.count)
            bytes.append(contentsOf: line)
            written.append((RecordedEvent(seq: seq, at: at, actor: author.actor, osUser: author.osUser, payload: p.payload,
                                          reason: p.reason, document: p.document, source: p.source, more: more, previousHash: cursor.hash, hash: hash), offset))
            receipts.append(Receipt(seq: seq, hash: hash, at: at))
            cursor = JournalCursor(seq: seq, hash: hash, at: at, offset: offset + Int64(line.count))
        }
        do {
            try journal.active.writeAll(bytes)
            try journal.active.sync()
        } catch {
            // Nothing was acknowledged: take back whatever part of the batch reached the
            // file, so a full disk or a file-size limit leaves the journal as it was, not torn.
            try? journal.active.truncate(to: size - journal.base)
            try? journal.active.sync()
            throw error
        }
        // The events are durable; the index is a cache and may lag behind them.
        try? index.recordAppended(written, cursor: cursor)
        return .success(receipts)
    }

    // MARK: Reading

    /// The ledger's settings, from its first event (read alone, unchecked:
    /// for time zones and names, never for figures).
    public func settings() throws -> LedgerSettings {
        let journal = try openJournal(writable: false)
        var settings: LedgerSettings?
        _ = try JournalReader.scanLines(journal, from: 0, to: try journal.size()) { bytes, _ in
            if case .ledgerOpened(let s)? = try? EventCodec.decode(line: bytes).payload { settings = s }
            return false
        }
        guard let settings else { throw StoreError.damaged(Damage(path: paths.journal, line: 1, offset: 0, message: "the first event must open the ledger")) }
        return settings
    }

    /// The journal's size in bytes.
    public func journalSize() throws -> Int64 {
        try openJournal(writable: false).size()
    }

    /// Where the journal ends, learned under the shared lock so that no
    /// append is half-visible.
    func stableSize(_ journal: some JournalBytes) throws -> Int64 {
        let lock = try? FileLock(path: paths.lock, mode: .shared, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        return try journal.size()
    }

    /// Streams the whole journal (up to the events recorded at or before
    /// `cut`), checking the chain, calling `body` for each event of each
    /// whole batch.
    /// With `eager`, events reach `body` before their batch is known to be
    /// whole: only for callers that merely check (verify), never for output.
    @discardableResult
    public func scan(cut: Timestamp? = nil, eager: Bool = false, _ body: (RecordedEvent) throws -> Void) throws -> JournalReadResult {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        return try JournalReader.read(journal, from: .start, to: size, cut: cut, eager: eager) { e, _ in try body(e) }
    }

    /// The state folded from the journal (as it stood at `cut`, if given),
    /// holding the indicators of `years` (nil: every year), starting from the
    /// newest valid checkpoint at or before the cut and reading no further
    /// than the cut. A long replay leaves a checkpoint behind for the next read.
    public func state(cut: Timestamp? = nil, years: Set<Int>? = nil) throws -> (LedgerState, JournalReadResult) {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        func fold(to end: Int64) throws -> (LedgerState, JournalReadResult, Int) {
            var state = LedgerState(years: years)
            var start = JournalCursor.start
            if let (saved, cursor) = Checkpoints.best(in: paths.cache, journal: journal, journalSize: end, cut: cut, years: years) {
                state = saved
                start = cursor
            }
            var replayed = 0
            // A long fold leaves checkpoints along the way (about ten over the
            // whole journal), so that later reads as of earlier times find one near.
            let step = max(Int64(16 << 20), end / 10)
            var lastMark = start.offset
            let result = try JournalReader.read(journal, from: start, to: end, cut: cut, eager: true, batchEnded: { cursor in
                guard cursor.offset - lastMark >= step, cursor.offset < end else { return }
                Checkpoints.write(state, at: cursor, in: self.paths.cache)
                lastMark = cursor.offset
            }) { event, _ in
                state.apply(event)
                replayed += 1
            }
            return (state, result, replayed)
        }
        var (state, result, replayed) = try fold(to: size)
        if result.overApplied {
            // A batch was cut or torn after some of it was folded: fold again,
            // stopping where the last whole batch ends.
            let whole = result
            (state, result, replayed) = try fold(to: whole.cursor.offset)
            result.tornOffset = whole.tornOffset
            result.stoppedAtCut = whole.stoppedAtCut
        }
        if replayed > Checkpoints.replayThreshold {
            Checkpoints.write(state, at: result.cursor, in: paths.cache)
        }
        return (state, result)
    }

    /// The journal's head, checking the chain from the newest checkpoint on
    /// (the whole chain is `verify`'s job): what `digest` publishes.
    public func head() throws -> JournalReadResult {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        let start = Checkpoints.newestCursor(in: paths.cache, journal: journal, journalSize: size) ?? .start
        return try JournalReader.read(journal, from: start, to: size) { _, _ in }
    }

    /// The fiscal years of the ledger's indicators (as of `cut`), from the
    /// global part of a checkpoint and the events after it.
    public func years(cut: Timestamp? = nil) throws -> Set<Int> {
        try state(cut: cut, years: []).0.knownYears
    }

    /// Continues a state read by `state(cut:)` from its cursor up to `cut`,
    /// handing each event to `body` before it is applied.
    public func advance(_ state: inout LedgerState, from cursor: JournalCursor, cut: Timestamp?,
                        _ body: (RecordedEvent, LedgerState) throws -> Void) throws -> JournalReadResult {
        let journal = try openJournal(writable: false)
        let size = try stableSize(journal)
        var s = state
        let result = try JournalReader.read(journal, from: cursor, to: size, cut: cut) { event, _ in
            try body(event, s)
            s.apply(event)
        }
        state = s
        return result
    }

    /// Checks the whole chain. Returns the head, or throws the first damage
    /// (StoreError.damaged) or a torn tail.
    public func verify() throws -> ChainHead {
        let result = try scan(eager: true) { _ in }
        if let torn = result.tornOffset {
            let size = try openJournal(writable: false).size()
            throw StoreError.tornTail(path: paths.journal, offset: torn, bytes: size - torn, seq: result.cursor.seq + 1)
        }
        return result.cursor.head
    }

    // MARK: Repair

    public struct RepairOutcome: Equatable, Sendable {
        /// Where the torn bytes were moved, or nil when nothing was torn.
        public var keptAt: String?
        public var bytes: Int64
        public var head: ChainHead
    }

    /// Moves a torn final line (or incomplete final batch) to a side file in
    /// events/ and truncates the journal to its last whole event. Refuses
    /// (throws the damage) when the journal is damaged before its tail.
    public func repair() throws -> RepairOutcome {
        let lock = try FileLock(path: paths.lock, mode: .exclusive, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        while try finishInterruptedSeal() {}
        let journal = try openJournal(writable: true)
        let size = try journal.size()
        let result = try JournalReader.read(journal, from: .start, to: size) { _, _ in }
        guard let torn = result.tornOffset else {
            return RepairOutcome(keptAt: nil, bytes: 0, head: result.cursor.head)
        }
        let tornBytes = try journal.read(count: Int(size - torn), at: torn)
        var side = paths.events + "/journal.torn-\(result.cursor.seq + 1)-at-byte-\(torn)"
        var n = 1
        while FileSystem.exists(side) { n += 1; side = paths.events + "/journal.torn-\(result.cursor.seq + 1)-at-byte-\(torn).\(n)" }
        let f = try FileHandle(path: side, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o444)
        try f.writeAll(tornBytes)
        try f.sync()
        try FileSystem.syncDirectory(paths.events)
        try journal.active.truncate(to: torn - journal.base)
        try journal.active.sync()
        return RepairOutcome(keptAt: side, bytes: Int64(tornBytes.count), head: result.cursor.head)
    }
}

/// LedgerFacts answered from the facts index, reading each value back from
/// the journal line the index points to.
final class IndexedFacts: LedgerFacts {
    let index: FactsIndex
    let journal: any JournalBytes
    private var definitions: [String: IndicatorDefinition?] = [:]
    private var cachedSettings: LedgerSettings??

    init(index: FactsIndex, journal: any JournalBytes) {
        self.index = index
        self.journal = journal
    }

    private func event(at offset: UInt64) -> RecordedEvent? {
        var line: [UInt8] = []
        var position = Int64(bitPattern: offset)
        // Lines are short; read in growing pieces until the newline.
        var piece = 512
        while true {
            guard let chunk = try? journal.read(count: piece, at: position), !chunk.isEmpty else { return nil }
            if let nl = chunk.firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[..<nl])
                break
            }
            line.append(contentsOf: chunk)
            position += Int64(chunk.count)
            piece = min(piece * 2, 1 << 20)
        }
        return try? EventCodec.decode(line: line)
    }

    // Every answer the index gives is checked against the journal line it
    // points to; one that does not match marks the index damaged.

    var settings: LedgerSettings? {
        if let s = cachedSettings { return s }
        var s: LedgerSettings?
        if let (offset, _) = index.get(FactsIndex.settingsKey) {
            if case .ledgerOpened(let opened)? = event(at: offset)?.payload { s = opened } else { index.markDamaged() }
        }
        cachedSettings = .some(s)
        return s
    }

    func definition(of indicator: String) -> IndicatorDefinition? {
        if let d = definitions[indicator] { return d }
        var d: IndicatorDefinition?
        if let (offset, _) = index.get(FactsIndex.indicatorKey(indicator)) {
            if case .indicatorDefined(let def)? = event(at: offset)?.payload, def.id == indicator { d = def } else { index.markDamaged() }
        }
        definitions[indicator] = .some(d)
        return d
    }

    func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        guard let (seq, offset) = index.get(FactsIndex.readingKey(indicator, period)) else { return nil }
        if let e = event(at: offset), e.seq == Int64(bitPattern: seq) {
            switch e.payload {
            case .readingRecorded(let i, let p, let m, _, _), .readingCorrected(let i, let p, let m, _, _):
                if i == indicator && p == period { return (e.seq, m) }
            default: break
            }
        }
        index.markDamaged()
        return nil
    }

    func isClosed(_ quarter: Period, plan: String?) -> Bool {
        guard let (seq, offset) = index.get(FactsIndex.closeKey(quarter, plan)) else { return false }
        if let e = event(at: offset), e.seq == Int64(bitPattern: seq), case .quarterClosed(let q, let p) = e.payload, q == quarter, p == plan {
            return true
        }
        index.markDamaged()
        return false
    }

    func hasPlan(_ plan: String) -> Bool {
        index.get(FactsIndex.planKey(plan)) != nil
    }
}
