// Streams the journal from a known position, checking the chain as it goes:
// every line must decode, carry the next seq, name the previous hash, hash
// to its own hash field, and be recorded after the one before. Events reach
// the caller only as whole batches (a batch's last event has more == 0), so
// no reader ever acts on half a batch.

import LedgerCore

/// A position in the journal: just after the event `seq`, at byte `offset`.
public struct JournalCursor: Equatable, Sendable {
    public var seq: Int64
    public var hash: Digest256
    public var at: Timestamp
    public var offset: Int64

    public init(seq: Int64, hash: Digest256, at: Timestamp, offset: Int64) {
        self.seq = seq
        self.hash = hash
        self.at = at
        self.offset = offset
    }

    public static let start = JournalCursor(seq: 0, hash: .zero, at: Timestamp(microseconds: Int64.min), offset: 0)

    public var head: ChainHead { ChainHead(seq: seq, hash: hash, at: at) }
}

public struct JournalReadResult: Sendable {
    /// After the last whole batch read.
    public var cursor: JournalCursor
    /// Where an incomplete final line or batch starts, when the read reached
    /// the end of the file and found one.
    public var tornOffset: Int64?
    /// True when the read stopped at the as-of cut rather than the end.
    public var stoppedAtCut: Bool
    /// True when an eager read applied events of a batch that is not whole
    /// (see JournalReader.read): the state must be read again.
    public var overApplied = false
    /// When the read stopped at the cut: just after the first event
    /// recorded after it (the one that stopped it). A result settled by it
    /// stays true while the journal still holds that event at that place.
    public var firstAfterCut: JournalCursor?
}

/// Why a line is not an event, in the words a damage report uses.
struct DecodeFailure: Error {
    var message: String

    /// The event a line holds, or why it holds none.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<RecordedEvent, DecodeFailure> {
        do {
            return .success(try EventCodec.decode(line: bytes))
        } catch let e as EventDecodingError {
            return .failure(DecodeFailure(message: e.message))
        } catch {
            return .failure(DecodeFailure(message: "\(error)"))
        }
    }

    /// The bytes a line's hash covers (all but its hash field); only for a line that decoded.
    static func body(of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[0..<(line.count - EventCodec.hashSuffixLength)])
    }
}

enum JournalReader {
    static let chunkSize = 1 << 20

    /// Calls `line` for every complete line in [from, end) with its bytes
    /// (without the newline) and its offset. Returns the offset just past
    /// the last complete line. `line` returns false to stop early.
    static func scanLines(_ file: some ReadableBytes, from: Int64, to end: Int64,
                          _ line: (UnsafeRawBufferPointer, Int64) throws -> Bool) throws -> Int64 {
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0            // bytes in buffer
        var bufferOffset = from   // file offset of buffer[0]
        var position = from       // next file offset to read
        while position < end || filled > 0 {
            if position < end {
                if filled == buffer.count {
                    // A line longer than the buffer: grow it.
                    let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                    bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
                    buffer.deallocate()
                    buffer = bigger
                }
                let want = min(buffer.count - filled, Int(end - position))
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<(filled + want)]), at: position)
                if n == 0 { break }
                filled += n
                position += Int64(n)
            }
            // Hand out the complete lines in the buffer.
            var start = 0
            let base = UnsafeRawPointer(buffer.baseAddress!)
            while start < filled {
                guard let nl = memchrNewline(base + start, filled - start) else { break }
                let lineBytes = UnsafeRawBufferPointer(start: base + start, count: nl)
                if try !line(lineBytes, bufferOffset + Int64(start)) {
                    return bufferOffset + Int64(start + nl + 1)
                }
                start += nl + 1
            }
            // Keep the incomplete rest at the front of the buffer.
            if start > 0 {
                let rest = filled - start
                if rest > 0 { memmoveBytes(buffer.baseAddress!, base + start, rest) }
                filled = rest
                bufferOffset += Int64(start)
            }
            if position >= end { break }
        }
        return bufferOffset
    }

    /// Reads events from `start` to `end`, checking the chain, handing each
    /// whole batch to `apply`. Stops before the first batch recorded after
    /// `cut`. Throws StoreError.damaged for the first bad event.
    ///
    /// With `eager`, events go to `apply` as soon as they are checked, before
    /// their batch is known to be whole; if it turns out not to be (a torn
    /// tail, or a cut inside it), the result says `overApplied` and the
    /// caller must read again up to `cursor.offset`. Folding a state does
    /// this: it avoids holding or re-reading long batches, and the redo
    /// happens only after a crash or for a cut that falls inside a batch.
    ///
    /// A batch longer than `heldBatchLimit` events is not held in memory
    /// while it is checked: its events are decoded again from the file once
    /// its last event has arrived, so memory stays bounded whatever the
    /// batch size.
    static func read(_ file: some ReadableBytes, from start: JournalCursor, to end: Int64, cut: Timestamp? = nil, eager: Bool = false,
                     heldBatchLimit: Int, parallel: Bool = false, batchEnded: ((JournalCursor) -> Void)? = nil,
                     lineSeen: ((UnsafeRawBufferPointer) -> Void)? = nil, batchWhole: ((RecordedEvent) -> Void)? = nil,
                     apply: (RecordedEvent, Int64) throws -> Void) throws -> JournalReadResult {
        var cursor = start                 // after the last whole batch
        var pending: [(RecordedEvent, Int64)] = []
        var pendingCount = 0               // events of the open batch, held or not
        var batchStart: Int64 = start.offset
        var previousMore = 0               // the last event's batch count
        var chain = start                  // after the last event read
        var stoppedAtCut = false
        var firstAfterCut: JournalCursor?
        var damage: Damage?

        func applyBatch(endingAt end: Int64) throws {
            if pendingCount == pending.count {
                for (e, o) in pending { try apply(e, o) }
            } else {
                // A long batch: decode it again from the file (it was checked on the way).
                _ = try scanLines(file, from: batchStart, to: end) { bytes, offset in
                    try apply(try EventCodec.decode(line: bytes), offset)
                    return true
                }
            }
        }

        /// Every check of one line, in order, given what decoding it gave
        /// (the event, or why it is not one) and whether its bytes hash to
        /// its hash chained to the event before (asked only once the event
        /// names that one as its previous), and the line's bytes when the
        /// caller wants them (`lineSeen`). False: stop here.
        func step(_ decoded: Result<RecordedEvent, DecodeFailure>, hashMatches: () -> Bool, line: UnsafeRawBufferPointer?, length: Int,
                  offset: Int64) -> Bool {
            let expectedSeq = chain.seq + 1
            func fail(_ message: String) -> Bool {
                damage = Damage(path: file.path(holding: offset), line: expectedSeq, offset: offset, message: message)
                return false
            }
            let event: RecordedEvent
            switch decoded {
            case .success(let e): event = e
            case .failure(let f): return fail(f.message)
            }
            if event.seq != expectedSeq { return fail("its seq is \(event.seq), expected \(expectedSeq)") }
            if event.previousHash != chain.hash {
                return fail("its prev does not match the hash of event \(expectedSeq - 1)")
            }
            if !hashMatches() {
                return fail("its bytes do not match its hash: the event was altered")
            }
            if event.at <= chain.at { return fail("its recorded time \(event.at) is not after the previous event's") }
            if expectedSeq == 1, event.payload.type != .ledgerOpened { return fail("the first event must open the ledger") }
            if expectedSeq > 1, event.payload.type == .ledgerOpened { return fail("the ledger is opened a second time") }
            if let cut, event.at > cut {
                stoppedAtCut = true
                firstAfterCut = JournalCursor(seq: event.seq, hash: event.hash, at: event.at, offset: offset + Int64(length) + 1)
                return false
            }
            if pendingCount > 0, previousMore != event.more + 1 {
                return fail("its batch count does not follow the event before it: a batch is incomplete")
            }
            if pendingCount == 0 { batchStart = offset }
            chain = JournalCursor(seq: event.seq, hash: event.hash, at: event.at, offset: offset + Int64(length) + 1)
            previousMore = event.more
            pendingCount += 1
            if eager {
                // The line as it stands (without its newline), for a caller that needs its bytes: just before its event.
                if let lineSeen, let line { lineSeen(line) }
                do {
                    try apply(event, offset)
                } catch {
                    damage = Damage(path: file.path(holding: offset), line: expectedSeq, offset: offset, message: "\(error)")
                    return false
                }
                if event.more == 0 {
                    pendingCount = 0
                    cursor = chain
                    batchEnded?(cursor)
                }
                return true
            }
            if event.more == 0 {
                // The batch's last event, before any of its events is applied (a signed batch ends with its signature).
                batchWhole?(event)
                do {
                    if pendingCount == 1 {
                        try apply(event, offset)   // the common case: a single event
                    } else {
                        if pending.count == pendingCount - 1 { pending.append((event, offset)) }
                        try applyBatch(endingAt: chain.offset)
                    }
                } catch let e as StoreError {
                    damage = Damage(path: file.path(holding: offset), line: expectedSeq, offset: offset, message: "\(e)")
                    return false
                } catch {
                    damage = Damage(path: file.path(holding: offset), line: expectedSeq, offset: offset, message: "\(error)")
                    return false
                }
                pending.removeAll(keepingCapacity: true)
                pendingCount = 0
                cursor = chain
            } else if pending.count == pendingCount - 1 {
                if pendingCount <= heldBatchLimit {
                    pending.append((event, offset))
                } else {
                    pending.removeAll()   // from here on, the batch is re-read when it completes
                }
            }
            return true
        }

        let complete: Int64
        if parallel {
            // A second thread reads, decodes and hashes; this one checks and applies, line by line in order.
            complete = try ChainPipeline.run(file, from: start, to: end, keepingBytes: lineSeen != nil) { line, bytes in
                let matches = line.hashMatches
                return step(line.decoded, hashMatches: { matches }, line: bytes, length: line.length, offset: line.offset)
            }
        } else {
            complete = try scanLines(file, from: start.offset, to: end) { bytes, offset in
                let decoded = DecodeFailure.decode(bytes)
                return step(decoded, hashMatches: {
                    guard case .success(let event) = decoded else { return false }
                    return ChainHash.of(previous: chain.hash, body: DecodeFailure.body(of: bytes)) == event.hash
                }, line: bytes, length: bytes.count, offset: offset)
            }
        }
        if let damage { throw StoreError.damaged(damage) }
        let overApplied = eager && pendingCount > 0
        if stoppedAtCut {
            return JournalReadResult(cursor: cursor, tornOffset: nil, stoppedAtCut: true, overApplied: overApplied, firstAfterCut: firstAfterCut)
        }
        // Whatever follows the last whole batch (a line without its newline,
        // or the head of a batch whose end never came) is a torn tail.
        let torn: Int64? = (complete < end || pendingCount > 0) ? cursor.offset : nil
        return JournalReadResult(cursor: cursor, tornOffset: torn, stoppedAtCut: false, overApplied: overApplied)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func memchrNewline(_ p: UnsafeRawPointer, _ count: Int) -> Int? {
    guard let hit = memchr(p, 0x0A, count) else { return nil }
    return UnsafeRawPointer(hit) - p
}

@inline(__always) func memmoveBytes(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, _ count: Int) {
    memmove(dst, src, count)
}
