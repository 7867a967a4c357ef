// Sealing: a closed stretch of history (everything recorded before a
// boundary, in whole batches) moves to its own segment file, bytes
// unchanged, and a `segment_sealed` event appended to the chain records
// each segment's size and SHA-256. The chain continues across files.
//
// Then `verify` checks the active file's chain from the end of the sealed
// ones, that the segment files are the ones the latest seal lists, and
// that each still has the SHA-256 it records (a streamed hash, fast with
// the CPU's SHA instructions): closed years are not re-checked event by
// event every time, yet a byte changed in them is found, in the file that
// holds it. `verify --all` also checks the whole chain from event 1.
//
// Crash safety, in order: (1) the seal event is appended and fsynced;
// (2) the segment file is written under a temporary name, fsynced and
// renamed; (3) the active file is rewritten without the sealed bytes, the
// same way, keeping the old file's owner, group and mode. A crash after
// (1) or (2) leaves the active file whole, which readers use alone (a
// segment overlapping it is ignored); `repair` or the next `seal` finishes
// the cut. A failure after (1) (a full disk) removes its temporary file and
// says that the seal event was recorded and `repair` finishes the job.
// Readers open the journal's files under the shared lock, which the seal
// holds exclusively throughout, so none sees the seal event without its
// segment.
//
// The seal event is decided like any other: the store computes the segment
// record from the journal's bytes, `Decider` checks it against the facts
// (it follows the segments sealed before) and the append path writes it.
// Signed (a ledger with members), it is a batch of its own, the seal event
// and its `batch_signed` line, written together in step (1); the segment
// ends before it, so a later seal takes that batch whole.

import LedgerCore

extension Ledger {
    public struct SealOutcome: Equatable, Sendable {
        public var segment: SegmentRecord
        /// The seal event's.
        public var receipt: Receipt
        /// The journal's head after the seal: its signature line's, when signed; else the seal event's.
        public var head: Receipt
    }

    /// The cursor just after the last sealed segment (`start` without one),
    /// read from that segment's last line.
    func sealedCursor(_ journal: SegmentedJournal) throws -> JournalCursor {
        guard let last = journal.segments.last else { return .start }
        return try cursor(after: last, in: journal)
    }

    /// The cursor just after a segment, read from its last line.
    func cursor(after last: SegmentedJournal.Segment, in journal: SegmentedJournal) throws -> JournalCursor {
        // The last line of the segment: search back for the newline before it.
        let end = last.start + last.size
        var from = max(last.start, end - 4096)
        var line: [UInt8] = []
        guard last.size > 0, try journal.read(count: 1, at: end - 1) == [0x0A] else {
            throw StoreError.damaged(Damage(path: last.path, line: last.record.last, offset: end,
                                            message: "the sealed segment does not end with a whole line"))
        }
        while true {
            let chunk = try journal.read(count: Int(end - from), at: from)
            if let nl = chunk.dropLast().lastIndex(of: 0x0A) {
                line = Array(chunk[(nl + 1)..<(chunk.count - 1)])
                break
            }
            if from == last.start { line = Array(chunk.dropLast()); break }
            from = max(last.start, from - 65536)
        }
        let event: RecordedEvent
        do {
            event = try EventCodec.decode(line: line)
        } catch {
            throw StoreError.damaged(Damage(path: last.path, line: last.record.last, offset: end, message: "the last event of the sealed segment cannot be read: \(error)"))
        }
        guard event.seq == last.record.last, event.more == 0 else {
            throw StoreError.damaged(Damage(path: last.path, line: last.record.last, offset: end, message: "the sealed segment does not end with event \(last.record.last) and a whole batch"))
        }
        return JournalCursor(seq: event.seq, hash: event.hash, at: event.at, offset: end)
    }

    /// SHA-256 of `count` bytes of `file` from `offset`, streamed.
    static func sha256(_ file: some ReadableBytes, from offset: Int64, count: Int64) throws -> Digest256 {
        var h = SHA256()
        var position = offset
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while position < offset + count {
            let want = Int(min(Int64(buffer.count), offset + count - position))
            let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: position)
            guard n > 0 else { throw StoreError.io(operation: "read", path: file.path, message: "unexpected end of file", errno: 0) }
            h.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            position += Int64(n)
        }
        return h.finalize()
    }

    /// Copies `count` bytes of `source` from `offset` into a new file of
    /// events/ named `name`, durably (an unpredictable temporary name made
    /// with O_EXCL, fsync, rename, fsync of the folder), with `ownership`
    /// (owner, group, mode) when given, else `mode`. On failure the
    /// temporary file is removed.
    func writeCopy(of source: some ReadableBytes, from offset: Int64, count: Int64, to name: String, mode: UInt32,
                   ownership: FileOwnership? = nil) throws {
        let events = storage.events
        let temp = temporaryName(name)
        let out = try events.open(temp, .createExclusive(mode: mode))
        do {
            if let ownership { try out.adopt(ownership) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var position = offset
            while position < offset + count {
                let want = Int(min(Int64(buffer.count), offset + count - position))
                let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: position)
                guard n > 0 else { throw StoreError.io(operation: "read", path: source.path, message: "unexpected end of file", errno: 0) }
                try out.append(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                position += Int64(n)
            }
            try out.sync()
            try events.rename(temp, to: name)
        } catch {
            events.remove(temp)
            throw error
        }
        try events.sync()
    }

    /// Temporary files a seal leaves only if it dies mid-write: `journal….jsonl.tmp.<random>` (and `.tmp` of old versions).
    static func isSealTemporary(_ name: String) -> Bool {
        name.hasPrefix("journal.") && (name.hasSuffix(".jsonl.tmp") || name.contains(".jsonl.tmp."))
    }

    /// What a seal will record, found under the exclusive lock: the segment
    /// to cut and the journal it was computed from.
    struct SealPlan {
        let journal: SegmentedJournal
        let record: SegmentRecord
        /// Where the active part's chain ends (the seal event follows it).
        let head: JournalCursor
    }

    /// Seals every whole batch recorded before `boundary` that is not sealed
    /// yet. Returns nil when there is nothing new to seal.
    ///
    /// With `signing`, the seal event is recorded in the name of the member
    /// whose key signs it (role `admin`) and followed by its `batch_signed`
    /// line, as any signed batch (FORMAT.md), written as a signed append is
    /// (`signedWrite`): the event, its signature, the segment and the cut
    /// under the lock, on the journal the seal was decided on (the same
    /// size, last hash and segments). A refusal (no key where signatures
    /// are required, a key of no member, a member without the role) writes
    /// nothing and moves nothing: it is thrown as the `Refusal`.
    public func seal(before boundary: Timestamp, by author: Author, signing: BatchSigning? = nil, clock: () -> Timestamp) throws -> SealOutcome? {
        guard let signing else {
            let lock = try takeLock(.exclusive)
            defer { withExtendedLifetime(lock) {} }
            while try finishInterruptedSeal() {}
            guard let plan = try planSeal(before: boundary) else { return nil }
            // (1) The seal event, decided against the facts and appended like any
            // other, durable before any file moves.
            let receipt: Receipt
            switch try appendHoldingLock([(.sealSegment(plan.record), nil)], by: author, clock: clock) {
            case .success(let receipts) where receipts.count == 1:
                receipt = receipts[0]
            case .success:
                preconditionFailure("a seal decides one event")
            case .failure(let refused):
                throw sealRefusal(refused, plan)
            }
            return try cutSealed(plan, receipt: receipt, head: receipt)
        }
        return try signedWrite(signing, beginEarly: true, decide: { () throws -> SignedWriteStep<SealPlan, SealOutcome?> in
            while try finishInterruptedSeal() {}
            guard let plan = try planSeal(before: boundary) else { return .done(nil) }
            switch try decideAndEncode([(.sealSegment(plan.record), nil)], by: author, signing: signing, clock: clock, dryRun: false) {
            case .refused(let r): throw sealRefusal(r, plan)
            case .nothing: preconditionFailure("a seal decides one event")
            case .encoded(let e): return .sign(plan, e)
            }
        }, recheck: { plan, encoded in
            let journal = try openJournal(writable: true)
            let size = try journal.size()
            // Only appends, seals and repairs move the journal on: the same size ending in
            // the same hash, over the same segments, is the journal the seal was decided on.
            guard size == encoded.size, journal.segments.map(\.name) == plan.journal.segments.map(\.name),
                  try endsWithHash(journal, size: size, encoded.start) else { return nil }
            return SealPlan(journal: journal, record: plan.record, head: plan.head)
        }, write: { plan, encoded, blob in
            try writeSignedSeal(plan, encoded, blob: blob, osUser: author.osUser)
        })
    }

    /// Under the exclusive lock, with no seal left unfinished: checks the
    /// active part's chain and finds the last whole batch before `boundary`;
    /// nil when nothing new would be sealed. Refuses, before anything is
    /// written, an active file whose owner and group could not be kept.
    func planSeal(before boundary: Timestamp) throws -> SealPlan? {
        let journal = try openJournal(writable: true)
        let size = try journal.size()
        let start = try sealedCursor(journal)
        // Check the active part's chain, and find the last whole batch before the boundary.
        var sealUpTo = start
        var previous: [SegmentRecord] = []
        let read = try self.read(journal, from: start, to: size, eager: true, batchEnded: { cursor in
            if cursor.at < boundary { sealUpTo = cursor }
        }) { event, _ in
            if case .segmentSealed(let segments) = event.payload { previous = segments }
        }
        if let torn = read.tornOffset { throw StoreError.tornTail(path: journalPath, offset: torn, bytes: size - torn, seq: read.cursor.seq + 1) }
        guard previous.map(\.file) == journal.segments.map(\.name) else {
            throw StoreError.damaged(Damage(path: journalPath, line: read.cursor.seq, offset: read.cursor.offset,
                                            message: "the segment files in events/ are not the ones the last seal lists"))
        }
        guard sealUpTo.seq > start.seq else { return nil }
        // The active file is written anew at the end: refuse now, before
        // anything is written, if it could not keep its owner and group.
        let ownership = try journal.active.ownership()
        if let ownership, !storage.events.canCreateFiles(owned: ownership) {
            throw StoreError.ownershipNotKept(path: journalPath, ownership: ownership)
        }
        let first = start.seq + 1
        let bytes = sealUpTo.offset - journal.base
        let record = SegmentRecord(file: SegmentRecord.fileName(first: first, last: sealUpTo.seq), firstSeq: first,
                                   lastSeq: sealUpTo.seq, bytes: bytes, sha256: try Ledger.sha256(journal.active, from: 0, count: bytes))
        return SealPlan(journal: journal, record: record, head: read.cursor)
    }

    /// A refused seal event: who may seal (signatures, members, roles) is
    /// the user's refusal; any other means the journal and its last seal
    /// disagree, since the record was made from the journal itself.
    func sealRefusal(_ refused: BatchRefusal, _ plan: SealPlan) -> any Error {
        let reasons = refused.refusals.map(\.1)
        if let first = reasons.first, reasons.count == 1 {
            if case .segmentRefused = first {} else { return first }
        }
        return StoreError.damaged(Damage(path: journalPath, line: plan.head.seq + 1, offset: plan.head.offset,
            message: "the seal of \(plan.record.file) was refused (\(reasons.map { "\($0)" }.joined(separator: "; "))): the journal does not follow its last seal"))
    }

    /// Steps (1) to (3) of a signed seal, under the lock, on the journal it
    /// was decided on: the seal event and its signature line, durable; then
    /// the segment and the cut.
    func writeSignedSeal(_ plan: SealPlan, _ encoded: EncodedBatch, blob: [UInt8], osUser: String) throws -> SealOutcome {
        let ownership = try plan.journal.active.ownership()
        if let ownership, !storage.events.canCreateFiles(owned: ownership) {
            throw StoreError.ownershipNotKept(path: journalPath, ownership: ownership)
        }
        let receipts = try writeSigned(encoded, blob: blob, osUser: osUser, journal: plan.journal)
        return try cutSealed(plan, receipt: receipts[0], head: receipts[receipts.count - 1])
    }

    /// Steps (2) and (3): the segment file, then the active file without it.
    /// The seal event is durable: a failure now is said as an unfinished seal.
    func cutSealed(_ plan: SealPlan, receipt: Receipt, head: Receipt) throws -> SealOutcome {
        let record = plan.record
        do {
            try writeCopy(of: plan.journal.active, from: 0, count: record.bytes, to: record.file, mode: 0o444)
            try cutActive(plan.journal.active, at: record.bytes)
        } catch let e as StoreError {
            throw StoreError.sealUnfinished(seq: receipt.seq, segment: storage.events.path(of: record.file), cause: e)
        }
        return SealOutcome(segment: record, receipt: receipt, head: head)
    }

    /// Replaces the active file by its bytes from `offset` on, with the old
    /// file's owner, group and mode.
    func cutActive(_ active: any StorageFile, at offset: Int64) throws {
        let rest = try active.size() - offset
        try writeCopy(of: active, from: offset, count: rest, to: SegmentedJournal.activeName, mode: 0o644,
                      ownership: try active.ownership())
    }

    /// Finishes a seal a crash interrupted. After step (2): a segment file
    /// whose events the active file still holds, byte for byte its
    /// beginning, is cut from the active file. After step (1) only: the last
    /// seal event names a segment that has no file yet, whose events begin
    /// the active file; the file is written (checked against the recorded
    /// SHA-256) and cut. A file that looks like a segment but fits neither
    /// is moved aside (kept), never deleted. Returns true when it finished one.
    @discardableResult
    func finishInterruptedSeal() throws -> Bool {
        guard exists else { throw StoreError.noLedger(directory: paths.directory) }
        let events = storage.events
        for name in events.names() where Ledger.isSealTemporary(name) {
            events.remove(name)
        }
        var finished = false
        let active = try events.open(SegmentedJournal.activeName, .append)
        if let activeFirst = try SegmentedJournal.firstSeq(active) {
            for f in SegmentedJournal.segmentFiles(events) where f.last >= activeFirst {
                let segment = try events.open(f.name, .read)
                let size = try segment.size()
                let activeSize = try active.size()
                var fits = f.first == activeFirst && size <= activeSize
                if fits { fits = try Ledger.sha256(segment, from: 0, count: size) == Ledger.sha256(active, from: 0, count: size) }
                if fits {
                    try cutActive(active, at: size)
                    finished = true
                } else {
                    try? events.rename(f.name, to: f.name + ".orphan")
                }
            }
        }
        if finished { return true }
        // A seal event whose segment was never written.
        let journal = try openJournal(writable: true)
        let start = try sealedCursor(journal)
        var listed: [SegmentRecord] = []
        _ = try read(journal, from: start, to: try journal.size(), eager: true) { event, _ in
            if case .segmentSealed(let segments) = event.payload { listed = segments }
        }
        let activeSize = try journal.active.size()
        guard let missing = listed.first(where: { $0.firstSeq == start.seq + 1 }),
              !events.exists(missing.file), missing.bytes <= activeSize,
              try Ledger.sha256(journal.active, from: 0, count: missing.bytes) == missing.sha256 else { return false }
        try writeCopy(of: journal.active, from: 0, count: missing.bytes, to: missing.file, mode: 0o444)
        try cutActive(journal.active, at: missing.bytes)
        return true
    }
}

extension Ledger {
    /// What `verifyChain` checked.
    public struct ChainCheck: Sendable {
        public var result: JournalReadResult
        /// Events checked link by link.
        public var checked: Int64
        public var sealedSegments: Int
        /// The last seq held in sealed segments (0 without any).
        public var sealedThrough: Int64
        /// True when the sealed segments were re-hashed too.
        public var rehashedSealed: Bool
    }

    /// Checks the chain. With sealed segments, by default from the end of
    /// the last one, checking that the segment files are the ones the last
    /// seal lists, with their sizes and the SHA-256 it records; with `all`,
    /// from event 1 through every segment. Damage in a segment is named in
    /// the segment's file, at its first damaged event. Each event checked
    /// goes to `body` (eagerly: verify only looks).
    public func verifyChain(all: Bool, _ body: (RecordedEvent) throws -> Void) throws -> ChainCheck {
        try verifyChain(all: all, lines: { _ in }, body)
    }

    /// `verifyChain`, giving `lines` each event's line as it stands in the
    /// journal (without its newline) just before `body` gets the event.
    public func verifyChain(all: Bool, lines: (UnsafeRawBufferPointer) -> Void, _ body: (RecordedEvent) throws -> Void) throws -> ChainCheck {
        let (journal, size) = try openForReading()
        let sealed: JournalCursor
        do {
            sealed = try sealedCursor(journal)
        } catch let e as StoreError {
            // The last segment's last line cannot be read: name the first damage in the segments.
            try checkSegmentChains(journal)
            throw e
        }
        let start = all ? JournalCursor.start : sealed
        var listed: [SegmentRecord]?
        var checked: Int64 = 0
        let result: JournalReadResult
        do {
            // Two cores: the lines decoded and hashed on a second thread, checked and replayed on this one.
            result = try withoutActuallyEscaping(lines) { lines in
                try read(journal, from: start, to: size, eager: true, parallel: true, lineSeen: lines) { event, _ in
                    checked += 1
                    if case .segmentSealed(let segments) = event.payload { listed = segments }
                    try body(event)
                }
            }
        } catch StoreError.damaged(let d) where !all && !journal.segments.isEmpty {
            // Damage in a segment comes first: a segment whose last line was altered breaks the active file's first link.
            try checkSegmentChains(journal)
            throw StoreError.damaged(d)
        }
        let files = journal.segments.map { (name: $0.name, size: $0.size, path: $0.path, handle: $0.handle) }
        if !files.isEmpty || listed != nil {
            let expected = listed ?? []
            guard expected.map(\.file) == files.map(\.name), zip(expected, files).allSatisfy({ $0.bytes == $1.size }) else {
                // A journal cut short loses its seal event with its tail: say it is torn, as without segments.
                if let torn = result.tornOffset {
                    throw StoreError.tornTail(path: journalPath, offset: torn, bytes: size - torn, seq: result.cursor.seq + 1)
                }
                // Name the first event the mismatch touches: the first segment that is not the one
                // recorded, or, when no seal records any, the seal missing after the last event.
                let differing = files.indices.first { $0 >= expected.count || expected[$0].file != files[$0].name || expected[$0].bytes != files[$0].size }
                let line = listed == nil ? result.cursor.seq + 1 : differing.map { journal.segments[$0].record.first } ?? result.cursor.seq + 1
                throw StoreError.damaged(Damage(path: journalPath, line: line, offset: result.cursor.offset,
                    message: "the sealed segment files in events/ (\(files.map(\.name).joined(separator: ", "))) are not the ones, or not the sizes, the last seal records (\(expected.map(\.file).joined(separator: ", "))); if a seal was interrupted, run `ledger repair`"))
            }
            try checkSegments(journal, against: expected)
        }
        return ChainCheck(result: result, checked: checked, sealedSegments: files.count, sealedThrough: sealed.seq, rehashedSealed: all)
    }

    /// Re-hashes each segment against its record, in order; the first that
    /// differs is read event by event, from the end of the one before, so
    /// the damage is named at its first damaged event, in its own file.
    func checkSegments(_ journal: SegmentedJournal, against records: [SegmentRecord]) throws {
        var start = JournalCursor.start
        for (record, segment) in zip(records, journal.segments) {
            let end = segment.start + segment.size
            if try Ledger.sha256(segment.handle, from: 0, count: record.bytes) != record.sha256 {
                let r = try read(journal, from: start, to: end, eager: true) { _, _ in }
                if r.tornOffset != nil || r.cursor.seq != record.lastSeq {
                    throw StoreError.damaged(Damage(path: segment.path, line: r.cursor.seq + 1, offset: r.cursor.offset,
                        message: "the sealed segment does not end with event \(record.lastSeq) on a whole line: the sealed segment was altered"))
                }
                throw StoreError.damaged(Damage(path: segment.path, line: record.firstSeq, offset: segment.start,
                    message: "the segment's bytes do not match the SHA-256 its seal recorded: the sealed segment was altered"))
            }
            start = try cursor(after: segment, in: journal)
        }
    }

    /// When the active file's chain breaks, the damage may lie earlier, in a
    /// segment (one whose last line was altered breaks the active file's
    /// first link): the segments' own chain is read from event 1, trusting
    /// no seal record (a record may be what was altered), and its first
    /// damage, if any, is thrown, named in its segment's file.
    func checkSegmentChains(_ journal: SegmentedJournal) throws {
        guard journal.base > 0 else { return }
        let r = try read(journal, from: .start, to: journal.base, eager: true) { _, _ in }
        if r.tornOffset != nil {
            throw StoreError.damaged(Damage(path: journal.path(holding: r.cursor.offset), line: r.cursor.seq + 1, offset: r.cursor.offset,
                                            message: "the sealed segment does not end on a whole line: the sealed segment was altered"))
        }
    }

    /// The file that holds event `seq`: its sealed segment, else the active journal.
    public func file(holding seq: Int64) throws -> String {
        let journal = try openJournal(writable: false)
        return journal.segments.first { $0.record.first <= seq && seq <= $0.record.last }?.path ?? paths.journal
    }
}
