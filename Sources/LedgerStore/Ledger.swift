// The ledger: create, append, read, verify, repair. Every write holds the
// exclusive lock, writes whole lines in one write, syncs, and only then
// reports success. Reads take the shared lock only to open the journal's
// files and learn where it ends (so a seal, which holds the exclusive lock,
// is seen whole or not at all), then stream without holding it. The bytes
// live in the folders of a LedgerStorage: on disk, or in memory through the
// same code. Caches live where its CacheLocation says, and a ledger made
// `trustsCaches: false` reads none (verify).

import LedgerCore
import LedgerCrypto
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

/// A ledger: its journal, caches and snapshots, in the folders of a
/// LedgerStorage (on disk, or in memory).
public final class Ledger {
    public let storage: LedgerStorage
    public let configuration: LedgerConfiguration
    /// How the ledger's files are named in messages: the paths of its
    /// folders on disk (for a ledger in memory, the names it was given).
    public let paths: LedgerPaths

    /// The caches this ledger keeps for itself, in memory: where the caches
    /// go when the storage keeps none, none can be used, or none is trusted.
    let privateCache = MemoryFolder(path: "memory-cache")

    /// A ledger whose files live in `storage`.
    public init(storage: LedgerStorage, configuration: LedgerConfiguration = LedgerConfiguration()) {
        self.storage = storage
        self.paths = LedgerPaths(directory: storage.root.path)
        self.configuration = configuration
        try? privateCache.create()
    }

    /// The ledger in the directory `paths` names, on disk, its caches kept as `caches` says.
    public convenience init(paths: LedgerPaths, lockTimeout: Double = 10, caches: CacheLocation = .none) {
        self.init(storage: .files(paths, caches: caches), configuration: LedgerConfiguration(lockTimeout: lockTimeout))
    }

    /// The same ledger, reading no cache it did not make itself: what
    /// `verify` derives with, so that nothing another process wrote can
    /// change what it finds.
    public func trustingNoCache() -> Ledger {
        var c = configuration
        c.trustsCaches = false
        return Ledger(storage: storage, configuration: c)
    }

    /// The folder this ledger's caches live in, for the journal `journal`:
    /// the account's folder for this ledger (CacheLocation), or this
    /// ledger's own memory when there is none, it cannot be used, or caches
    /// are not trusted.
    func cacheFolder(_ journal: some ReadableBytes) -> any StorageFolder {
        guard configuration.trustsCaches else { return privateCache }
        switch storage.caches {
        case .none: return privateCache
        case .shared(let folder): return folder
        case .account(let directory):
            guard let first = try? lineBytes(journal, at: 0), first.count >= EventCodec.hashSuffixLength,
                  let hash = first.withUnsafeBytes({ Digest256(hexBytes: UnsafeRawBufferPointer(rebasing: $0[($0.count - 66)..<($0.count - 2)])) }),
                  let folder = AccountCaches.folder(in: directory, ledger: AccountCaches.ledgerID(root: storage.root.path, firstEventHash: hash))
            else { return privateCache }
            return folder
        }
    }

    /// The cache folder for the journal as it is now (for tests and tools).
    func currentCacheFolder() throws -> any StorageFolder {
        cacheFolder(try openJournal(writable: false))
    }

    /// Where this ledger's caches are kept on disk (the account's folder for
    /// it, created if missing), or nil when they are not kept on disk or no
    /// folder can be used: for tools that measure a cold or a warm start.
    public func cacheFolderPath() -> String? {
        guard let folder = try? currentCacheFolder(), folder !== privateCache, folder is POSIXFolder else { return nil }
        return folder.path
    }

    /// A ledger in memory (not created yet: call `create`). Its files are
    /// named in messages as if it lived in `paths`.
    public static func inMemory(_ paths: LedgerPaths = LedgerPaths(directory: "memory"),
                                configuration: LedgerConfiguration = LedgerConfiguration()) -> Ledger {
        Ledger(storage: .inMemory(paths), configuration: configuration)
    }

    /// How long to wait for another process's lock before giving up.
    public var lockTimeout: Double { configuration.lockTimeout }

    /// The lock appends take exclusively, in events/.
    static let lockName = ".lock"

    /// The active journal file as named in messages.
    var journalPath: String { storage.events.path(of: SegmentedJournal.activeName) }

    public var exists: Bool { storage.events.exists(SegmentedJournal.activeName) }

    func takeLock(_ mode: LockMode) throws -> any StorageLock {
        try storage.events.lock(Ledger.lockName, mode, timeout: configuration.lockTimeout)
    }

    /// JournalReader.read with this ledger's configuration.
    /// `parallel`: decoded and hashed on a second thread (ChainPipeline).
    func read(_ journal: some ReadableBytes, from start: JournalCursor, to end: Int64, cut: Timestamp? = nil, eager: Bool = false,
              parallel: Bool = false, batchEnded: ((JournalCursor) -> Void)? = nil, lineSeen: ((UnsafeRawBufferPointer) -> Void)? = nil,
              batchWhole: ((RecordedEvent) -> Void)? = nil,
              apply: (RecordedEvent, Int64) throws -> Void) throws -> JournalReadResult {
        try JournalReader.read(journal, from: start, to: end, cut: cut, eager: eager, heldBatchLimit: configuration.heldBatchLimit,
                               parallel: parallel, batchEnded: batchEnded, lineSeen: lineSeen, batchWhole: batchWhole, apply: apply)
    }

    // MARK: Writing

    /// Creates the ledger: its folders and a journal whose first event opens it.
    public func create(_ settings: LedgerSettings, by author: Author, clock: () -> Timestamp) throws -> Receipt {
        guard case .success(let pending) = Decider.decide(.open(settings), facts: LedgerState()) else {
            throw StoreError.ledgerExists(path: journalPath)
        }
        // The time and the line first: a clock or a name the journal cannot hold creates nothing.
        let now = clock()
        guard case .at(let at) = RecordedTime.decide(reading: now, after: nil) else { throw StoreError.clockOutOfRange(reading: now) }
        let (line, hash) = try Ledger.encode(seq: 1, at: at, clock: nil, author: author, pending: pending, more: 0, previous: .zero)
        try storage.root.create()
        try storage.events.create()
        try storage.snapshots.create()
        let lock = try takeLock(.exclusive)
        defer { withExtendedLifetime(lock) {} }
        let journal = try storage.events.open(SegmentedJournal.activeName, .appendCreating)
        guard try journal.size() == 0 else { throw StoreError.ledgerExists(path: journalPath) }
        // On failure, leave an empty journal, not half an event, so that `init` can simply be run again.
        try journal.appendDurably(line, takingBackTo: 0)
        try storage.events.sync()
        try storage.root.sync()
        return Receipt(seq: 1, hash: hash, at: at)
    }

    /// Creates the ledger's folders and an empty journal, for a first batch
    /// appended signed (`init --admin`: the opening and the first member,
    /// signed together). Refuses where a journal holds events already.
    public func createEmpty() throws {
        try storage.root.create()
        try storage.events.create()
        try storage.snapshots.create()
        let lock = try takeLock(.exclusive)
        defer { withExtendedLifetime(lock) {} }
        let journal = try storage.events.open(SegmentedJournal.activeName, .appendCreating)
        guard try journal.size() == 0 else { throw StoreError.ledgerExists(path: journalPath) }
        try storage.events.sync()
        try storage.root.sync()
    }

    /// An event's line, read back before it is written (EventCodec.encodeChecked).
    static func encode(seq: Int64, at: Timestamp, clock: Timestamp?, author: Author, pending: PendingEvent, more: Int,
                       previous: Digest256) throws -> (line: [UInt8], hash: Digest256) {
        do {
            return try EventCodec.encodeChecked(seq: seq, at: at, clock: clock, actor: author.actor, osUser: author.osUser,
                                                pending: pending, more: more, previous: previous)
        } catch let e as EventEncodingError {
            throw StoreError.unwritableEvent(message: e.message)
        }
    }

    /// Opens the journal, or says there is no ledger here.
    func openJournal(writable: Bool) throws -> SegmentedJournal {
        do {
            return try SegmentedJournal(events: storage.events, writable: writable)
        } catch StoreError.io(_, let path, _, let code) where (code == ENOENT || code == ENOTDIR) && path == journalPath {
            // Only a journal that is not there (or a path that is no folder) means
            // "no ledger"; a folder we may not enter is a permission error, said as such.
            throw StoreError.noLedger(directory: paths.directory)
        }
    }

    /// Decides `commands` against the ledger and appends the events, all or
    /// none. A refusal (of any row) writes nothing and is returned as data.
    /// With `dryRun`, decides and reports without writing.
    ///
    /// With `signing`, the batch is recorded in the name of the member whose
    /// key signs it (its roles decide what it may record) and ends with a
    /// `batch_signed` line over the bytes of its other lines, written as
    /// `signedWrite` says (SignedWrite.swift): never signed while holding the
    /// lock, unless by a signer begun early that asks nobody; a dry run
    /// begins none.
    public func append(_ commands: [(Command, String?)], by author: Author, signing: BatchSigning? = nil, clock: () -> Timestamp,
                       dryRun: Bool = false) throws -> Result<[Receipt], BatchRefusal> {
        guard let signing else {
            let lock = try takeLock(.exclusive)
            defer { withExtendedLifetime(lock) {} }
            return try appendHoldingLock(commands, by: author, clock: clock, dryRun: dryRun)
        }
        return try signedWrite(signing, beginEarly: !dryRun, dryRun: dryRun ? .success([]) : nil, decide: {
            switch try decideAndEncode(commands, by: author, signing: signing, clock: clock, dryRun: dryRun) {
            case .refused(let r): return .done(.failure(r))
            case .nothing: return .done(.success([]))
            case .encoded(let e): return .sign(e.journal, e)
            }
        }, recheck: { _, encoded in
            let journal = try openJournal(writable: true)
            let size = try journal.size()
            // Only appends move the journal on (a seal or a repair changes its size):
            // the same size ending in the same hash is the journal the batch was decided on.
            guard size == encoded.size, try endsWithHash(journal, size: size, encoded.start) else { return nil }
            return journal
        }, write: { journal, encoded, blob in
            .success(try writeSigned(encoded, blob: blob, osUser: author.osUser, journal: journal))
        })
    }

    /// Ends `encoded` with its signature line and appends it durably to
    /// `journal` (the one it was decided on, or that journal opened again
    /// and found unmoved); the caller holds the lock.
    func writeSigned(_ encoded: EncodedBatch, blob: [UInt8], osUser: String, journal: SegmentedJournal) throws -> [Receipt] {
        var batch = encoded
        try batch.appendSignature(blob, signer: encoded.signer!, osUser: osUser)
        try journal.active.appendDurably(batch.bytes, takingBackTo: encoded.size - journal.base)
        try? batch.index.recordAppended(batch.written, cursor: batch.cursor)
        return batch.receipts
    }

    /// True when the journal of `size` bytes ends with the line of `head`'s hash (or is empty, for the empty head).
    func endsWithHash(_ journal: SegmentedJournal, size: Int64, _ head: JournalCursor) throws -> Bool {
        guard head.seq > 0 else { return size == 0 }
        guard size >= 67 else { return false }
        let tail = try journal.read(count: 64, at: size - 67)
        return tail.withUnsafeBytes { Digest256(hexBytes: $0) } == head.hash
    }

    /// `append`, for a caller that holds the exclusive lock already (seal).
    func appendHoldingLock(_ commands: [(Command, String?)], by author: Author, clock: () -> Timestamp,
                           dryRun: Bool = false) throws -> Result<[Receipt], BatchRefusal> {
        switch try decideAndEncode(commands, by: author, signing: nil, clock: clock, dryRun: dryRun) {
        case .refused(let r): return .failure(r)
        case .nothing: return .success([])
        case .encoded(let e):
            let journal = e.journal
            // Nothing is acknowledged until the bytes are durable; a write that fails takes
            // back whatever part of the batch reached the file, so a full disk or a
            // file-size limit leaves the journal as it was, not torn.
            try journal.active.appendDurably(e.bytes, takingBackTo: e.size - journal.base)
            // The events are durable; the index is a cache and may lag behind them.
            try? e.index.recordAppended(e.written, cursor: e.cursor)
            return .success(e.receipts)
        }
    }

    enum Decided {
        case refused(BatchRefusal)
        case nothing
        case encoded(EncodedBatch)
    }

    /// Decides `commands` (signed by `signing`'s member, when given) and
    /// encodes the events; the caller holds the lock.
    func decideAndEncode(_ commands: [(Command, String?)], by given: Author, signing: BatchSigning?, clock: () -> Timestamp,
                         dryRun: Bool) throws -> Decided {
        let journal = try openJournal(writable: !dryRun)
        let size = try journal.size()
        let cache = cacheFolder(journal)
        func openIndex(rebuild: Bool) throws -> (FactsIndex, JournalReadResult) {
            do {
                return try FactsIndex.open(in: cache, journal: journal, journalSize: size, heldBatchLimit: configuration.heldBatchLimit, rebuild: rebuild)
            } catch StoreError.damaged(let d) {
                throw StoreError.damaged(d)
            } catch let e where cache !== privateCache {
                // The cache folder cannot take the index (full, unwritable): decide from one made in memory.
                _ = e
                return try FactsIndex.open(in: privateCache, journal: journal, journalSize: size, heldBatchLimit: configuration.heldBatchLimit, rebuild: true)
            }
        }
        var (index, read) = try openIndex(rebuild: false)
        if let torn = read.tornOffset {
            throw StoreError.tornTail(path: journalPath, offset: torn, bytes: size - torn, seq: read.cursor.seq + 1)
        }
        var author = given
        var signer: SignerIdentity?
        func decide() -> (Refusal?, Result<[PendingEvent], BatchRefusal>) {
            let facts = IndexedFacts(index: index, journal: journal)
            if let signing {
                // A signed batch is recorded in its member's name, whatever --actor says.
                switch Decider.signer(for: signing.publicKey, roster: facts, commands: commands.map(\.0)) {
                case .failure(let r): return (r, .success([]))
                case .success(let s):
                    signer = s
                    author.actor = s.name
                }
            }
            let actorRefused = Decider.admit(actor: author.actor, facts: facts)
            return (actorRefused, BatchFacts.decideAll(commands, base: facts, headSeq: read.cursor.seq, headHash: read.cursor.hash, signer: signer))
        }
        // The actor is no part of a command: it is admitted first (its name, and no look-alike of another actor's).
        var (actorRefused, decided) = decide()
        if index.isDamaged {
            // A slot failed its check or pointed at the wrong event: rebuild from the journal and decide again.
            (index, read) = try openIndex(rebuild: true)
            (actorRefused, decided) = decide()
            guard !index.isDamaged else {
                throw StoreError.io(operation: "rebuild", path: index.path, message: "the rebuilt index disagrees with the journal", errno: 0)
            }
        }
        if let actorRefused { throw actorRefused }
        guard case .success(let pending) = decided else {
            if case .failure(let refusal) = decided { return .refused(refusal) }
            preconditionFailure()
        }
        if pending.isEmpty { return .nothing }

        // The recorded time (RecordedTime): the clock's reading, or just after
        // the last event with the reading kept, or a refusal.
        let now = clock()
        let first: Timestamp
        var skewed: Timestamp?
        switch RecordedTime.decide(reading: now, after: read.cursor.seq > 0 ? read.cursor.at : nil) {
        case .at(let t): first = t
        case .behind(let t, let reading): first = t; skewed = reading
        case .tooFarBehind: throw StoreError.clockBehind(reading: now, last: read.cursor.at, seq: read.cursor.seq)
        case .outOfRange: throw StoreError.clockOutOfRange(reading: now)
        }
        if dryRun { return .nothing }

        // Encode the batch: consecutive seqs, strictly increasing times (1 µs
        // apart after the first), one buffer; every line read back first.
        var batch = EncodedBatch(journal: journal, index: index, size: size, start: read.cursor, signer: signer)
        for (i, p) in pending.enumerated() {
            // A signed batch ends with its signature line: it counts in `more`.
            try batch.append(p, author: author, at: i == 0 ? first : batch.cursor.at.next, clock: i == 0 ? skewed : nil,
                             more: pending.count - 1 - i + (signing == nil ? 0 : 1))
        }
        return .encoded(batch)
    }

    // MARK: Reading

    /// The ledger's settings, from its first event (read alone, unchecked:
    /// for time zones and names, never for figures).
    public func settings() throws -> LedgerSettings {
        let journal = try openJournal(writable: false)
        var settings: LedgerSettings?
        _ = try JournalReader.scanLines(journal, from: 0, to: try journal.size()) { bytes, _ in
            if case .opened(let s)? = (try? EventCodec.decode(line: bytes))?.payload.fact { settings = s }
            return false
        }
        guard let settings else { throw StoreError.damaged(Damage(path: journalPath, line: 1, offset: 0, message: "the first event must open the ledger")) }
        return settings
    }

    /// When the ledger began: the recorded time of its first event (read
    /// alone, unchecked, like `settings`); nil when it cannot be read.
    public func openedAt() throws -> Timestamp? {
        let journal = try openJournal(writable: false)
        var at: Timestamp?
        _ = try JournalReader.scanLines(journal, from: 0, to: try journal.size()) { bytes, _ in
            at = (try? EventCodec.decode(line: bytes))?.at
            return false
        }
        return at
    }

    /// The journal's size in bytes.
    public func journalSize() throws -> Int64 {
        try openJournal(writable: false).size()
    }

    /// Up to `limit` bytes of the journal from `offset` to its end: what a
    /// torn tail holds, for saying what it is (whole events of a batch, or
    /// part of one event) before anything is moved.
    public func journalBytes(from offset: Int64, limit: Int) throws -> [UInt8] {
        let journal = try openJournal(writable: false)
        let size = try journal.size()
        guard offset < size else { return [] }
        return try journal.read(count: Int(min(Int64(limit), size - offset)), at: offset)
    }

    /// The journal's files, opened together under the shared lock, and
    /// where the journal ends: an append is never half-visible, and a seal
    /// (which holds the exclusive lock while it appends its event, writes
    /// the segment and cuts the active file) is seen entirely or not at all.
    /// The files stay open, so a read sees this view to its end.
    func openForReading() throws -> (journal: SegmentedJournal, size: Int64) {
        let lock = try? takeLock(.shared)
        defer { withExtendedLifetime(lock) {} }
        let journal = try openJournal(writable: false)
        return (journal, try journal.size())
    }

    /// Streams the whole journal (up to the events recorded at or before
    /// `cut`), checking the chain, calling `body` for each event of each
    /// whole batch.
    /// With `eager`, events reach `body` before their batch is known to be
    /// whole: only for callers that merely check (verify), never for output.
    @discardableResult
    public func scan(cut: Timestamp? = nil, eager: Bool = false, _ body: (RecordedEvent) throws -> Void) throws -> JournalReadResult {
        let (journal, size) = try openForReading()
        return try read(journal, from: .start, to: size, cut: cut, eager: eager) { e, _ in try body(e) }
    }

    /// The state folded from the journal (as it stood at `cut`, if given),
    /// holding the indicators of `years` (nil: every year), starting from the
    /// newest valid checkpoint at or before the cut and reading no further
    /// than the cut. A long replay leaves a checkpoint behind for the next read.
    public func state(cut: Timestamp? = nil, years: Set<Int>? = nil) throws -> (LedgerState, JournalReadResult) {
        let (journal, size) = try openForReading()
        let cache = cacheFolder(journal)
        func fold(to end: Int64) throws -> (LedgerState, JournalReadResult, Int) {
            var state = LedgerState(years: years)
            var start = JournalCursor.start
            if let (saved, cursor) = Checkpoints.best(in: cache, journal: journal, journalSize: end, cut: cut, years: years) {
                state = saved
                start = cursor
            }
            var replayed = 0
            // A long fold leaves checkpoints along the way (about ten over the
            // whole journal), so that later reads as of earlier times find one near.
            let step = max(Int64(16 << 20), end / 10)
            var lastMark = start.offset
            let result = try read(journal, from: start, to: end, cut: cut, eager: true, batchEnded: { cursor in
                guard cursor.offset - lastMark >= step, cursor.offset < end else { return }
                Checkpoints.write(state, at: cursor, in: cache)
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
            result.firstAfterCut = whole.firstAfterCut
        }
        if replayed > configuration.replayThreshold {
            Checkpoints.write(state, at: result.cursor, in: cache)
        }
        return (state, result)
    }

    /// The journal's head, checking the chain from the newest checkpoint on
    /// (the whole chain is `verify`'s job): what `digest` publishes.
    public func head() throws -> JournalReadResult {
        let (journal, size) = try openForReading()
        let start = Checkpoints.newestCursor(in: cacheFolder(journal), journal: journal, journalSize: size) ?? .start
        return try read(journal, from: start, to: size) { _, _ in }
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
        let (journal, size) = try openForReading()
        var s = state
        let result = try read(journal, from: cursor, to: size, cut: cut) { event, _ in
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
            throw StoreError.tornTail(path: journalPath, offset: torn, bytes: size - torn, seq: result.cursor.seq + 1)
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
        let lock = try takeLock(.exclusive)
        defer { withExtendedLifetime(lock) {} }
        while try finishInterruptedSeal() {}
        let journal = try openJournal(writable: true)
        let size = try journal.size()
        let result = try read(journal, from: .start, to: size) { _, _ in }
        guard let torn = result.tornOffset else {
            return RepairOutcome(keptAt: nil, bytes: 0, head: result.cursor.head)
        }
        let events = storage.events
        let tornBytes = try journal.read(count: Int(size - torn), at: torn)
        var side = "journal.torn-\(result.cursor.seq + 1)-at-byte-\(torn)"
        var n = 1
        while events.exists(side) { n += 1; side = "journal.torn-\(result.cursor.seq + 1)-at-byte-\(torn).\(n)" }
        let f = try events.open(side, .createExclusive(mode: 0o444))
        try f.append(tornBytes)
        try f.sync()
        try events.sync()
        try journal.active.truncate(to: torn - journal.base)
        try journal.active.sync()
        return RepairOutcome(keptAt: events.path(of: side), bytes: Int64(tornBytes.count), head: result.cursor.head)
    }
}

/// LedgerFacts answered from the facts index, reading each value back from
/// the journal line the index points to (and reading what it says through
/// the event's `fact`).
final class IndexedFacts: LedgerFacts {
    let index: FactsIndex
    let journal: any ReadableBytes
    private var definitions: [String: IndicatorDefinition?] = [:]
    private var cachedSettings: LedgerSettings??

    init(index: FactsIndex, journal: any ReadableBytes) {
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

    /// The fact of the event the index points to under `key`, when that
    /// event carries `seq` (nil: any); nil when the key is absent.
    /// An answer that does not match the journal marks the index damaged.
    private func fact(_ key: [UInt8], offsetFirst: Bool) -> (seq: Int64, fact: EventFact?)? {
        guard let (a, b) = index.get(key) else { return nil }
        let (seq, offset) = offsetFirst ? (b, a) : (a, b)
        guard let e = event(at: offset), offsetFirst || e.seq == Int64(bitPattern: seq) else {
            index.markDamaged()
            return (0, nil)
        }
        return (e.seq, e.payload.fact)
    }

    // Every answer the index gives is checked against the journal line it
    // points to; one that does not match marks the index damaged.

    var settings: LedgerSettings? {
        if let s = cachedSettings { return s }
        var s: LedgerSettings?
        if let found = fact(FactsIndex.settingsKey, offsetFirst: true) {
            if case .opened(let opened)? = found.fact { s = opened } else { index.markDamaged() }
        }
        cachedSettings = .some(s)
        return s
    }

    func definition(of indicator: String) -> IndicatorDefinition? {
        if let d = definitions[indicator] { return d }
        var d: IndicatorDefinition?
        if let found = fact(FactsIndex.indicatorKey(indicator), offsetFirst: true) {
            if case .defined(let def)? = found.fact, def.id == indicator { d = def } else { index.markDamaged() }
        }
        definitions[indicator] = .some(d)
        return d
    }

    func readingInForce(_ indicator: String, _ period: Period) -> (seq: Int64, measurement: Measurement)? {
        guard let found = fact(FactsIndex.readingKey(indicator, period), offsetFirst: false) else { return nil }
        if case .inForce(let i, let p, let m)? = found.fact, i == indicator, p == period { return (found.seq, m) }
        index.markDamaged()
        return nil
    }

    func isClosed(_ quarter: Period, plan: String?) -> Bool {
        guard let found = fact(FactsIndex.closeKey(quarter, plan), offsetFirst: false) else { return false }
        if case .closed(let q, let p)? = found.fact, q == quarter, p == plan { return true }
        index.markDamaged()
        return false
    }

    func hasPlan(_ plan: String) -> Bool {
        index.get(FactsIndex.planKey(plan)) != nil
    }

    /// The member events of the list that starts at `head`, newest first,
    /// followed through their links (`link`), each read back from the
    /// journal and checked to be a member event of that seq, older than the
    /// one before, and one `belongs` accepts. Empty when the list is; nil
    /// (the index marked damaged) when a link is missing or an event is not
    /// what the index says.
    private func memberEvents(_ head: [UInt8], link: (Int64) -> [UInt8], belongs: (EventPayload) -> Bool) -> [RecordedEvent]? {
        var chain: [RecordedEvent] = []
        var next = index.get(head)
        while let (seq, offset) = next, seq != 0 {
            guard let e = event(at: offset), e.seq == Int64(bitPattern: seq), e.payload.fact == .member, belongs(e.payload),
                  chain.last.map({ e.seq < $0.seq }) ?? true else {
                index.markDamaged()
                return nil
            }
            chain.append(e)
            next = index.get(link(e.seq))
            if next == nil {
                index.markDamaged()
                return nil
            }
        }
        return chain
    }

    /// Every member event, folded oldest first: asked by a change of members only.
    var members: MemberRoster {
        if let cachedMembers { return cachedMembers }
        var roster = MemberRoster()
        for e in (memberEvents(FactsIndex.membersKey, link: FactsIndex.memberLinkKey) { _ in true } ?? []).reversed() {
            roster.apply(e.payload, seq: e.seq)
        }
        cachedMembers = roster
        return roster
    }
    private var cachedMembers: MemberRoster?

    /// True once a `member_added` event is recorded (the index's first one, read back).
    var hasMembers: Bool {
        guard let (seq, offset) = index.get(FactsIndex.firstMemberKey) else { return false }
        guard let e = event(at: offset), e.seq == Int64(bitPattern: seq), case .memberAdded = e.payload else {
            index.markDamaged()
            return false
        }
        return true
    }

    /// The member of exactly this name as its own events leave it (the fold
    /// of them from its latest addition, as MemberRoster folds them), and
    /// the seq of its first addition (its place in the roster's order).
    private func memberAndPlace(named name: String) -> (member: Member, firstAdded: Int64)? {
        if let known = cachedByName.first(where: { $0.name.hasSameBytes(as: name) }) { return known.found }
        var found: (Member, Int64)?
        let events = memberEvents(FactsIndex.memberNameKey(name), link: FactsIndex.memberNameLinkKey) { payload in
            switch payload {
            case .memberAdded(let r): return r.name.hasSameBytes(as: name)
            case .memberRolesChanged(let n, _), .memberRemoved(let n): return n.hasSameBytes(as: name)
            default: return false
            }
        }
        var member: Member?
        var firstAdded: Int64?
        for e in (events ?? []).reversed() {
            switch e.payload {
            case .memberAdded(let r):
                member = Member(name: r.name, publicKey: r.publicKey, roles: r.roles, isActive: true, addedSeq: e.seq)
                if firstAdded == nil { firstAdded = e.seq }
            case .memberRolesChanged(_, let roles): member?.roles = roles
            case .memberRemoved:
                member?.isActive = false
                member?.removedSeq = e.seq
            default: break
            }
        }
        if let member, let firstAdded { found = (member, firstAdded) }
        cachedByName.append((name, found))
        return found
    }
    /// The members asked about so far (a decision asks about one or two).
    private var cachedByName: [(name: String, found: (member: Member, firstAdded: Int64)?)] = []

    func member(named name: String) -> Member? { memberAndPlace(named: name)?.member }

    /// The members whose key this is now (its additions read back, each
    /// name's own events folded), the first added first.
    private func holders(ofKey key: SSHPublicKey) -> [Member] {
        let added = memberEvents(FactsIndex.memberKeyKey(key), link: FactsIndex.memberKeyLinkKey) { payload in
            if case .memberAdded(let r) = payload { return r.publicKey == key }
            return false
        }
        var holders: [(member: Member, firstAdded: Int64)] = []
        var names: [String] = []
        for e in added ?? [] {
            guard case .memberAdded(let r) = e.payload, !names.contains(where: { $0.hasSameBytes(as: r.name) }) else { continue }
            names.append(r.name)
            // A name added again with another key holds that one now.
            if let m = memberAndPlace(named: r.name), m.member.publicKey == key { holders.append(m) }
        }
        return holders.sorted { $0.firstAdded < $1.firstAdded }.map(\.member)
    }

    func activeMember(withKey key: SSHPublicKey) -> Member? { holders(ofKey: key).first { $0.isActive } }

    func anyMember(withKey key: SSHPublicKey) -> Member? { holders(ofKey: key).first }

    var signaturesRequired: Bool {
        guard let (seq, offset) = index.get(FactsIndex.signaturesRequiredKey) else { return false }
        guard let e = event(at: offset), e.seq == Int64(bitPattern: seq), e.payload == .signaturesRequired else {
            index.markDamaged()
            return false
        }
        return true
    }

    var sealedSegments: [SegmentRecord]? {
        guard let found = fact(FactsIndex.sealKey, offsetFirst: false) else { return [] }
        if case .sealed(let segments)? = found.fact { return segments }
        index.markDamaged()
        return []
    }

    /// Whether `name` is recorded (its own key), else the first name with
    /// its skeleton, read back from the event that recorded it and checked.
    func lookAlike(of name: String, _ kind: NameKind) -> String? {
        let exact: [UInt8]
        switch kind {
        case .indicator: exact = FactsIndex.indicatorKey(name)
        case .plan: exact = FactsIndex.planKey(name)
        case .owner: exact = FactsIndex.ownerKey(name)
        case .actor: exact = FactsIndex.actorKey(name)
        }
        if index.get(exact) != nil { return nil }
        let skeleton = NameSkeleton.of(name)
        guard let (seq, offset) = index.get(FactsIndex.skeletonKey(kind, skeleton)) else { return nil }
        if let e = event(at: offset), e.seq == Int64(bitPattern: seq) {
            var recorded: String?
            switch (kind, e.payload) {
            case (.actor, _): recorded = e.actor
            case (.indicator, .indicatorDefined(let d)): recorded = d.id
            case (.plan, .indicatorDefined(let d)): recorded = d.plan
            case (.owner, .indicatorDefined(let d)): recorded = d.ownerCode
            case (.owner, .unitDescribed(let u)): recorded = u.code
            case (.owner, .indicatorAmended(_, let a)): recorded = a.ownerCode
            default: break
            }
            if let recorded, NameSkeleton.of(recorded) == skeleton, !recorded.utf8.elementsEqual(name.utf8) { return recorded }
        }
        index.markDamaged()
        return nil
    }
}
