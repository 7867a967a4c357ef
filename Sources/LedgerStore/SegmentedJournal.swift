// The journal as one sequence of bytes, whatever files hold it: sealed
// segments (events/journal.<first>-<last>.jsonl, closed stretches of
// history moved out whole, bytes unchanged) followed by the active file
// (events/journal.jsonl), which appends go to. A byte's offset is its
// place in that sequence, so caches that point into the journal (the facts
// index, checkpoints) stay valid when a year is sealed.
//
// Which segments count is decided by the active file: the segments that
// end just before its first event, contiguous back to event 1. A segment
// that overlaps the active file is the leftover of an interrupted seal
// (the active file was not yet cut) and is ignored until `repair` or
// `seal` finishes the job.
//
// The files are a StorageFolder's (events/), on disk or in memory.

import LedgerCore

final class SegmentedJournal: ReadableBytes {
    struct Segment {
        var record: (first: Int64, last: Int64)
        /// The file's name in events/.
        var name: String
        /// The file as named in messages.
        var path: String
        var handle: any StorageFile
        var start: Int64
        var size: Int64
    }

    /// The active file's name in events/.
    static let activeName = "journal.jsonl"

    /// The active file, which appends go to.
    let active: any StorageFile
    let segments: [Segment]
    /// Where the active file starts in the journal's byte sequence.
    let base: Int64
    var path: String { active.path }

    /// Sealed segment files in events/, by their seq range, in order.
    static func segmentFiles(_ events: any StorageFolder) -> [(first: Int64, last: Int64, name: String)] {
        events.names().compactMap { name -> (Int64, Int64, String)? in
            guard name.hasPrefix("journal."), name.hasSuffix(".jsonl"), name != activeName else { return nil }
            let range = name.dropFirst(8).dropLast(6).split(separator: "-")
            guard range.count == 2, let first = Int64(range[0]), let last = Int64(range[1]),
                  name == SegmentRecord.fileName(first: first, last: last) else { return nil }
            return (first, last, name)
        }.sorted { $0.0 < $1.0 }
    }

    /// The seq of the first event in a file, read from its first line.
    static func firstSeq(_ file: some ReadableBytes) throws -> Int64? {
        let head = try file.read(count: 64, at: 0)
        guard head.starts(with: Array("{\"v\":".utf8)), let seqAt = head.firstIndex(of: UInt8(ascii: "q")) else { return nil }
        var seq: Int64 = 0
        var i = seqAt + 3  // past q":
        while i < head.count, head[i] >= 48, head[i] <= 57 { seq = seq * 10 + Int64(head[i] - 48); i += 1 }
        return seq > 0 ? seq : nil
    }

    init(events: any StorageFolder, writable: Bool) throws {
        active = try events.open(SegmentedJournal.activeName, writable ? .append : .read)
        let files = SegmentedJournal.segmentFiles(events)
        let activeFirst = try SegmentedJournal.firstSeq(active)
        // The segments that end just before the active file, contiguous back to event 1.
        var chosen: [(Int64, Int64, String)] = []
        var next = activeFirst.map { $0 - 1 } ?? (files.last?.last ?? 0)
        for f in files.reversed() where f.last == next {
            chosen.insert(f, at: 0)
            next = f.first - 1
            if next == 0 { break }
        }
        if next > 0 {
            // Name the first missing event: the one after the segments that run on from event 1.
            var covered: Int64 = 0
            for f in files where f.first == covered + 1 { covered = f.last }
            let missing = min(covered + 1, next)
            throw StoreError.damaged(Damage(path: active.path, line: missing, offset: 0,
                                            message: "events \(missing) to \(next) are not here: the sealed segment file that holds them is missing from events/, or journal.jsonl lost its first events (restore them from a copy)"))
        }
        var list: [Segment] = []
        var start: Int64 = 0
        for (first, last, name) in chosen {
            let h = try events.open(name, .read)
            let size = try h.size()
            list.append(Segment(record: (first, last), name: name, path: h.path, handle: h, start: start, size: size))
            start += size
        }
        segments = list
        base = start
    }

    func size() throws -> Int64 { base + (try active.size()) }

    /// The sealed segment or the active file that holds `offset`.
    func path(holding offset: Int64) -> String {
        guard offset < base, let s = segments.last(where: { $0.start <= offset }) else { return active.path }
        return s.path
    }

    /// The size of the active file alone.
    func activeSize() throws -> Int64 { try active.size() }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        var position = offset
        while done < buffer.count {
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[done...])
            let n: Int
            if position >= base {
                n = try active.read(into: target, at: position - base)
            } else {
                guard let s = segments.last(where: { $0.start <= position }) else { break }
                let within = position - s.start
                let want = min(target.count, Int(s.size - within))
                n = try s.handle.read(into: UnsafeMutableRawBufferPointer(rebasing: target[0..<want]), at: within)
            }
            if n == 0 { break }
            done += n
            position += Int64(n)
        }
        return done
    }
}
