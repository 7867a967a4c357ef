// State checkpoints: the folded state at some journal position, cached in
// events/.cache/state-<seq>.v2 so reports need not replay all of history.
// A trail of them (not only the newest) lets an as-of report in the past
// start near its cut instead of at the beginning.
//
// A checkpoint is split into sections: one global (settings, closes, head)
// and one per fiscal year, each with its own SHA-256 in a table of contents,
// so a report on 2017 reads and decodes 2017's section only. A checkpoint
// written from a state that held only some years lists just those.
//
// A checkpoint is a cache, never trusted blindly. Before use: the journal
// line ending at its offset must carry its head hash (so it describes a
// prefix of today's journal), and each section read must match its SHA-256.
// Anything else and the file is deleted and the next candidate tried; with
// none, the journal is replayed from the start. Files are written to a
// temporary name and renamed, so a reader never sees half a checkpoint.
// They live in the cache folder (events/.cache/ on disk, or in memory).

import LedgerCore

enum Checkpoints {
    static let magic: [UInt8] = Array("LGRCKPT2".utf8)
    static let fixedHeaderSize = 8 + 8 + 8 + 8 + 32 + 8 + 8
    static let tocEntrySize = 8 + 8 + 8 + 32
    static let globalSection = Int64.min
    /// How many checkpoints the trail keeps; the ones dropped are those
    /// whose neighbours are closest, so the trail stays spread over history.
    static let trailLength = 12

    struct Section {
        var year: Int64      // globalSection for the global part
        var offset: Int64
        var length: Int64
        var hash: Digest256
    }

    struct Header {
        var cursor: JournalCursor
        /// True when written from a state holding every year.
        var allYears: Bool
        var sections: [Section]

        var years: Set<Int> { Set(sections.filter { $0.year != Checkpoints.globalSection }.map { Int($0.year) }) }

        /// True when this checkpoint can give the state of `years` (nil: all).
        func covers(_ years: Set<Int>?) -> Bool {
            if allYears { return true }
            guard let years else { return false }
            return years.isSubset(of: self.years)
        }
    }

    /// `state-<seq>-<what>.v2`, what being `all`, `global` or the years held
    /// (`2017` or `2017_2018`), so checkpoints of different scopes at the same
    /// seq do not replace each other.
    static func fileName(seq: Int64, years: Set<Int>?) -> String {
        let what = years.map { $0.isEmpty ? "global" : $0.sorted().map(String.init).joined(separator: "_") } ?? "all"
        return "state-\(seq)-\(what).v2"
    }

    /// The checkpoints in `folder`, newest (highest seq) first, with the
    /// scope part of their name.
    static func candidates(in folder: any StorageFolder) -> [(name: String, seq: Int64, scope: String)] {
        folder.names().compactMap { name -> (String, Int64, String)? in
            guard name.hasPrefix("state-"), name.hasSuffix(".v2") else { return nil }
            let parts = name.dropFirst(6).dropLast(3).split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
            return (name, seq, String(parts[1]))
        }.sorted { $0.1 > $1.1 }
    }

    static func encodeHeader(_ h: Header) -> [UInt8] {
        var w = BinaryWriter(capacity: fixedHeaderSize + h.sections.count * tocEntrySize)
        w.raw(magic)
        w.fixed64(UInt64(bitPattern: h.cursor.seq))
        w.fixed64(UInt64(bitPattern: h.cursor.offset))
        w.fixed64(UInt64(bitPattern: h.cursor.at.microseconds))
        for word in [h.cursor.hash.bytes.0, h.cursor.hash.bytes.1, h.cursor.hash.bytes.2, h.cursor.hash.bytes.3] { w.fixed64(word) }
        w.fixed64(h.allYears ? 1 : 0)
        w.fixed64(UInt64(h.sections.count))
        for s in h.sections {
            w.fixed64(UInt64(bitPattern: s.year))
            w.fixed64(UInt64(bitPattern: s.offset))
            w.fixed64(UInt64(bitPattern: s.length))
            for word in [s.hash.bytes.0, s.hash.bytes.1, s.hash.bytes.2, s.hash.bytes.3] { w.fixed64(word) }
        }
        return w.bytes
    }

    /// Reads and checks the header of a checkpoint file; nil when damaged.
    static func readHeader(_ file: some ReadableBytes) -> Header? {
        guard let fixed = try? file.read(count: fixedHeaderSize, at: 0), fixed.count == fixedHeaderSize,
              Array(fixed[0..<8]) == magic, let size = try? file.size() else { return nil }
        return fixed.withUnsafeBytes { b -> Header? in
            var r = BinaryReader(b, position: 8)
            guard let seq = try? r.fixed64(), let offset = try? r.fixed64(), let at = try? r.fixed64(),
                  let h0 = try? r.fixed64(), let h1 = try? r.fixed64(), let h2 = try? r.fixed64(), let h3 = try? r.fixed64(),
                  let flags = try? r.fixed64(), let count = try? r.fixed64(), count <= 100_000,
                  let toc = try? file.read(count: Int(count) * tocEntrySize, at: Int64(fixedHeaderSize)),
                  toc.count == Int(count) * tocEntrySize else { return nil }
            let cursor = JournalCursor(seq: Int64(bitPattern: seq), hash: Digest256(bytes: (h0, h1, h2, h3)),
                                       at: Timestamp(microseconds: Int64(bitPattern: at)), offset: Int64(bitPattern: offset))
            let sections: [Section]? = toc.withUnsafeBytes { t in
                var tr = BinaryReader(t)
                var list: [Section] = []
                for _ in 0..<Int(count) {
                    guard let year = try? tr.fixed64(), let off = try? tr.fixed64(), let len = try? tr.fixed64(),
                          let a = try? tr.fixed64(), let b2 = try? tr.fixed64(), let c = try? tr.fixed64(), let d = try? tr.fixed64() else { return nil }
                    let s = Section(year: Int64(bitPattern: year), offset: Int64(bitPattern: off), length: Int64(bitPattern: len),
                                    hash: Digest256(bytes: (a, b2, c, d)))
                    guard s.offset >= 0, s.length >= 0, s.offset + s.length <= size else { return nil }
                    list.append(s)
                }
                return list
            }
            guard let sections, sections.first?.year == globalSection, flags <= 1 else { return nil }
            return Header(cursor: cursor, allYears: flags == 1, sections: sections)
        }
    }

    /// Writes the state at `cursor`: the years it holds. Failures are
    /// ignored: a checkpoint is an optimisation, and a read-only ledger
    /// simply does without.
    static func write(_ state: LedgerState, at cursor: JournalCursor, in folder: any StorageFolder) {
        guard cursor.seq > 0 else { return }
        try? folder.create()
        let years = (state.years ?? state.knownYears).sorted()
        var payloads: [(Int64, [UInt8])] = [(globalSection, StateCodec.encodeGlobal(state))]
        for y in years { payloads.append((Int64(y), StateCodec.encodeYear(state, y))) }
        var offset = Int64(fixedHeaderSize + payloads.count * tocEntrySize)
        var sections: [Section] = []
        for (year, bytes) in payloads {
            sections.append(Section(year: year, offset: offset, length: Int64(bytes.count), hash: SHA256.hash(bytes)))
            offset += Int64(bytes.count)
        }
        var file = encodeHeader(Header(cursor: cursor, allYears: state.years == nil, sections: sections))
        for (_, bytes) in payloads { file.append(contentsOf: bytes) }
        let name = fileName(seq: cursor.seq, years: state.years)
        try? folder.writeAtomically(name, file, durable: false)
        prune(folder, scope: String(name.split(separator: "-", maxSplits: 2)[2].dropLast(3)))
    }

    /// Keeps the trail of each scope at `trailLength` files: always the
    /// newest; among the rest, drops the one closest to its older neighbour.
    static func prune(_ folder: any StorageFolder, scope: String) {
        var files = candidates(in: folder).filter { $0.scope == scope }
        while files.count > trailLength {
            var victim = 1
            var smallest = Int64.max
            for i in 1..<files.count {
                let gap = files[i].seq - (i + 1 < files.count ? files[i + 1].seq : 0)
                if gap < smallest { smallest = gap; victim = i }
            }
            folder.remove(files[victim].name)
            files.remove(at: victim)
        }
    }

    /// The newest valid checkpoint at or before `cut` (any, without a cut)
    /// that covers `years`, read into a state holding `years`. Damaged or
    /// foreign files are deleted on the way.
    static func best(in folder: any StorageFolder, journal: some ReadableBytes, journalSize: Int64, cut: Timestamp?,
                     years: Set<Int>?) -> (LedgerState, JournalCursor)? {
        for candidate in candidates(in: folder) {
            guard let file = try? folder.open(candidate.name, .read), let header = readHeader(file),
                  header.cursor.seq == candidate.seq else {
                folder.remove(candidate.name)
                continue
            }
            if let cut, header.cursor.at > cut { continue }
            if !header.covers(years) { continue }
            guard header.cursor.offset <= journalSize,
                  (try? JournalTail.lineEnds(journal, at: header.cursor.offset, withHash: header.cursor.hash)) == true else {
                // It names a journal that is not (a prefix of) this one.
                folder.remove(candidate.name)
                continue
            }
            guard let state = load(file, header, years: years) else {
                folder.remove(candidate.name)
                continue
            }
            return (state, header.cursor)
        }
        return nil
    }

    /// The position of the newest checkpoint that names a prefix of this
    /// journal, without reading its sections: where a chain check may start.
    static func newestCursor(in folder: any StorageFolder, journal: some ReadableBytes, journalSize: Int64) -> JournalCursor? {
        for candidate in candidates(in: folder) {
            guard let file = try? folder.open(candidate.name, .read), let header = readHeader(file),
                  header.cursor.offset <= journalSize,
                  (try? JournalTail.lineEnds(journal, at: header.cursor.offset, withHash: header.cursor.hash)) == true else { continue }
            return header.cursor
        }
        return nil
    }

    static func section(_ file: some ReadableBytes, _ s: Section) -> [UInt8]? {
        guard let bytes = try? file.read(count: Int(s.length), at: s.offset), bytes.count == Int(s.length),
              SHA256.hash(bytes) == s.hash else { return nil }
        return bytes
    }

    static func load(_ file: some ReadableBytes, _ header: Header, years: Set<Int>?) -> LedgerState? {
        guard let global = section(file, header.sections[0]),
              var state = try? StateCodec.decodeGlobal(global, years: years), state.head == header.cursor.head else { return nil }
        for s in header.sections.dropFirst() where years?.contains(Int(s.year)) ?? true {
            guard let bytes = section(file, s), (try? StateCodec.decodeYear(bytes, into: &state)) != nil else { return nil }
        }
        StateCodec.sortIndicatorOrder(&state)
        return state
    }
}
