// The facts index: what an append must know to decide (does this indicator
// exist, is there a reading for this period, is the quarter closed), kept in
// a memory-mapped hash table under events/.cache/ so that an append costs
// the same on the millionth event as on the tenth. It holds keys and journal
// offsets only; the journal stays the truth, and each value is read back
// from the journal line the index points to.
//
// It is a cache, checked before every use: its header names the journal
// position it covers (seq, byte offset, hash) and the boot it was written
// in. A header that does not match the journal's bytes at that offset, a bad
// checksum, or a different boot (pages may not have reached the disk before
// a power cut) means a rebuild from the journal. A process killed
// mid-update leaves at worst slots for events already in the journal (every
// update is an idempotent upsert made after the journal's fsync) and a header
// behind them, which the catch-up from the header's position repairs.
//
// The slots are checked too, since the header's checksum does not cover
// them (format 2): every slot carries a 32-bit check over its key hash, its
// payload and its position, and an empty slot holds a mark of its position
// rather than zeros, so a zeroed, flipped or shifted slot is told from a
// real one. Each lookup checks every slot it probes, and gives up after
// probing the whole table; what it finds is then checked against the journal
// line it points to (IndexedFacts). Any mismatch marks the index damaged and
// the append rebuilds it and decides again.
//
// What an event adds to the index is read from its `fact` (the one reading
// of what an event says, LedgerCore/Events/EventFact.swift). The table is a
// mapped file of the cache folder: mmap on disk, the bytes themselves in
// memory, so the same code serves both.
//
// Members are few (people, not events) but an append asks about one of them
// (its signer) every time: their events are kept as lists, newest first, of
// all of them (for a change of members, which folds the whole roster), of
// each name and of each key, so that the signer's events alone are read
// back (IndexedFacts). Each event read back must be a member event of the
// seq the index gives, of that name or key, older than the one before; as
// with every answer of the index, a list cut short (an entry pointing at an
// earlier event of its own list, say before a removal) points at true lines
// and passes: a forged index in the account's own cache folder is trusted
// (FORMAT.md, "Caches"), and `verify`, which reads no cache, finds what an
// append decided on it.

import LedgerCore
import LedgerCrypto

final class FactsIndex {
    static let magic: UInt64 = 0x5846_5245_4744_454C  // "LEDGERFX" little-endian
    /// 3: the latest seal is indexed (`sealKey`); 4: names by kind and
    /// skeleton (look-alikes), owners and actors. An older index lacks them,
    /// so it is rebuilt.
    /// 5: the member events and the requirement of signatures.
    /// 6: the member events by name and by key, and the first member, so
    /// that an append asks about its signer without folding every member.
    static let version: UInt32 = 6
    static let headerSize = 4096
    static let slotSize = 32
    /// The index's name in the cache folder (its links are `<name>.links`).
    static let fileName = "facts.v1"

    let folder: any StorageFolder
    let name: String
    var path: String { folder.path(of: name) }
    private let heldBatchLimit: Int
    private var mapping: (any MappedBytes)?
    /// The mapping's address, kept here so that a lookup does not go through the mapping object.
    private var base: UnsafeMutableRawPointer?
    private(set) var slotCount = 0
    /// True when open() could not trust the file and rebuilt it from the journal.
    private(set) var wasRebuilt = false
    /// A slot failed its check, or an answer disagreed with the journal: rebuild before trusting it.
    private(set) var isDamaged = false

    /// A slot that fails its check: the index cannot be used as it is.
    struct Corrupted: Error {}

    func markDamaged() { isDamaged = true }

    /// History links, beside the index (`facts.v1.links`): for each event
    /// about an indicator, at 16 * (seq - 1), the seq and offset of the
    /// previous event about the same indicator (0, 0 for the first). With the
    /// index's `h` key (the last event of each indicator) they let `history`
    /// walk one indicator's events without reading the whole journal.
    private var links: (any StorageFile)?
    private var pendingLinks: [(seq: Int64, prevSeq: Int64, prevOffset: Int64)] = []

    private init(folder: any StorageFolder, name: String, heldBatchLimit: Int) {
        self.folder = folder
        self.name = name
        self.heldBatchLimit = heldBatchLimit
    }

    deinit { unmapAndClose() }

    private func unmapAndClose() {
        flushLinks()
        base = nil
        mapping = nil
    }

    private func openLinks(truncate: Bool) {
        links = try? folder.open(name + ".links", .update(truncate: truncate))
    }

    /// Writes the links recorded since the last flush, in runs of consecutive
    /// seqs. A failure only costs `history` its shortcut (it checks every link).
    func flushLinks() {
        guard let links, !pendingLinks.isEmpty else { pendingLinks.removeAll(); return }
        pendingLinks.sort { $0.seq < $1.seq }
        var i = 0
        while i < pendingLinks.count {
            var j = i
            while j + 1 < pendingLinks.count, pendingLinks[j + 1].seq == pendingLinks[j].seq + 1 { j += 1 }
            var bytes = [UInt8](repeating: 0, count: (j - i + 1) * 16)
            for k in i...j {
                let o = (k - i) * 16
                withUnsafeBytes(of: pendingLinks[k].prevSeq.littleEndian) { for b in 0..<8 { bytes[o + b] = $0[b] } }
                withUnsafeBytes(of: pendingLinks[k].prevOffset.littleEndian) { for b in 0..<8 { bytes[o + 8 + b] = $0[b] } }
            }
            try? bytes.withUnsafeBytes { try links.write($0, at: (pendingLinks[i].seq - 1) * 16) }
            i = j + 1
        }
        pendingLinks.removeAll(keepingCapacity: true)
    }

    /// The seq and offset of every event about `indicator`, oldest first, as
    /// the links say; nil when they cannot say (no links file, or a gap).
    /// The caller checks each event it reads against what it expected.
    func historyChain(_ indicator: String) -> [(seq: Int64, offset: Int64)]? {
        guard let (seq0, offset0) = get(FactsIndex.historyKey(indicator)), let links else { return nil }
        var chain: [(Int64, Int64)] = []
        var seq = Int64(bitPattern: seq0), offset = Int64(bitPattern: offset0)
        while seq > 0 {
            chain.append((seq, offset))
            guard chain.count <= 10_000_000, let bytes = try? links.read(count: 16, at: (seq - 1) * 16), bytes.count == 16 else { return nil }
            let prevSeq = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: Int64.self)) }
            let prevOffset = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: Int64.self)) }
            guard prevSeq < seq, prevSeq >= 0 else { return nil }
            seq = prevSeq
            offset = prevOffset
        }
        return chain.reversed()
    }


    // MARK: Header

    private func load<T>(_ offset: Int, _ type: T.Type) -> T { base!.loadUnaligned(fromByteOffset: offset, as: T.self) }
    private func store<T>(_ value: T, _ offset: Int) { base!.storeBytes(of: value, toByteOffset: offset, as: T.self) }

    private var used: Int {
        get { Int(load(24, UInt64.self)) }
        set { store(UInt64(newValue), 24) }
    }

    var cursor: JournalCursor {
        let h = Digest256(bytes: (load(56, UInt64.self), load(64, UInt64.self), load(72, UInt64.self), load(80, UInt64.self)))
        return JournalCursor(seq: load(32, Int64.self), hash: h, at: Timestamp(microseconds: load(48, Int64.self)),
                             offset: load(40, Int64.self))
    }

    private func setCursor(_ c: JournalCursor) {
        store(c.seq, 32)
        store(c.offset, 40)
        store(c.at.microseconds, 48)
        store(c.hash.bytes.0, 56); store(c.hash.bytes.1, 64); store(c.hash.bytes.2, 72); store(c.hash.bytes.3, 80)
        let bootID = folder.bootID
        let boot = Array(bootID.utf8.prefix(36)) + [UInt8](repeating: 0, count: max(0, 36 - bootID.utf8.count))
        for (i, b) in boot.enumerated() { store(b, 88 + i) }
        store(headerChecksum(), 128)
    }

    private func headerChecksum() -> UInt64 {
        fnv(UnsafeRawBufferPointer(start: base!, count: 128), seed: 0xcbf2_9ce4_8422_2325)
    }

    private var storedBootID: String {
        let bytes = (0..<36).map { load(88 + $0, UInt8.self) }.prefix { $0 != 0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Opening

    /// Opens the index in `folder` and brings it up to date with the
    /// journal (which the caller holds locked), rebuilding it when it cannot
    /// be trusted.
    static func open(in folder: any StorageFolder, journal: some ReadableBytes, journalSize: Int64, heldBatchLimit: Int,
                     rebuild: Bool = false) throws -> (FactsIndex, JournalReadResult) {
        let index = FactsIndex(folder: folder, name: fileName, heldBatchLimit: heldBatchLimit)
        if !rebuild, index.mapExisting(), index.isTrustworthy(journal: journal, journalSize: journalSize) {
            do {
                index.openLinks(truncate: false)
                let result = try index.catchUp(journal: journal, to: journalSize)
                return (index, result)
            } catch StoreError.damaged(let d) {
                throw StoreError.damaged(d)
            } catch {
                // fall through to a rebuild
            }
        }
        index.unmapAndClose()
        index.wasRebuilt = true
        try index.create(slotCount: 1 << 12)
        index.openLinks(truncate: true)
        let result = try index.catchUp(journal: journal, to: journalSize)
        return (index, result)
    }

    private func mapExisting() -> Bool {
        guard let m = folder.map(name), m.count >= FactsIndex.headerSize else { return false }
        mapping = m
        base = m.base
        guard load(0, UInt64.self) == FactsIndex.magic, load(8, UInt32.self) == FactsIndex.version else { return false }
        let count = Int(load(16, UInt64.self))
        guard count > 0, count & (count - 1) == 0, FactsIndex.headerSize + count * FactsIndex.slotSize == m.count else { return false }
        guard load(128, UInt64.self) == headerChecksum() else { return false }
        slotCount = count
        return true
    }

    private func isTrustworthy(journal: some ReadableBytes, journalSize: Int64) -> Bool {
        guard storedBootID == folder.bootID else { return false }
        let c = cursor
        guard c.offset <= journalSize, c.seq >= 0 else { return false }
        if c.seq == 0 { return c.offset == 0 }
        return (try? JournalTail.lineEnds(journal, at: c.offset, withHash: c.hash)) == true
    }

    /// A new, empty table of `count` slots in place of the file (atomically:
    /// a reader sees the old file or the new).
    private func create(slotCount count: Int) throws {
        let m = try folder.createMapped(name, count: FactsIndex.headerSize + count * FactsIndex.slotSize)
        mapping = m
        base = m.base
        store(FactsIndex.magic, 0)
        store(FactsIndex.version, 8)
        store(UInt64(count), 16)
        used = 0
        slotCount = count
        for i in 0..<count { store(FactsIndex.emptyMark(i), FactsIndex.headerSize + i * FactsIndex.slotSize + 8) }
        setCursor(JournalCursor(seq: 0, hash: .zero, at: Timestamp(microseconds: Int64.min), offset: 0))
    }

    /// Folds the journal from the index's position to `end` into the index.
    private func catchUp(journal: some ReadableBytes, to end: Int64) throws -> JournalReadResult {
        let start = cursor
        let result = try JournalReader.read(journal, from: start, to: end, heldBatchLimit: heldBatchLimit) { event, offset in
            try self.record(event, at: offset)
            if self.pendingLinks.count >= 65_536 { self.flushLinks() }
        }
        flushLinks()
        if result.cursor != start { setCursor(result.cursor) }
        return result
    }

    /// Records what appended events add (called after the journal's fsync).
    func recordAppended(_ events: [(RecordedEvent, Int64)], cursor: JournalCursor) throws {
        for (e, offset) in events { try record(e, at: offset) }
        flushLinks()
        setCursor(cursor)
    }

    // MARK: Keys

    static func indicatorKey(_ id: String) -> [UInt8] { [0x69, 0] + Array(id.utf8) }
    static func readingKey(_ id: String, _ p: Period) -> [UInt8] { [0x72, 0] + Array(id.utf8) + [0] + Array(p.description.utf8) }
    static func closeKey(_ q: Period, _ plan: String?) -> [UInt8] {
        [0x63, 0] + Array(q.description.utf8) + [0] + (plan.map { [0x70] + Array($0.utf8) } ?? [0x2A])
    }
    static func planKey(_ plan: String) -> [UInt8] { [0x70, 0] + Array(plan.utf8) }
    static let settingsKey: [UInt8] = [0x73]
    /// The latest member event: (seq, offset); `memberLinkKey(seq)` of each
    /// member event holds the one before it (0, 0 for the first).
    static let membersKey: [UInt8] = [0x4D]
    static func memberLinkKey(_ seq: Int64) -> [UInt8] { [0x4D, 0] + Array(String(seq).utf8) }
    /// The latest member event about the member whose name has these bytes:
    /// (seq, offset); `memberNameLinkKey(seq)` of each holds the one before
    /// it about the same name (0, 0 for the first).
    static func memberNameKey(_ name: String) -> [UInt8] { [0x4E, 0] + Array(name.utf8) }
    static func memberNameLinkKey(_ seq: Int64) -> [UInt8] { [0x4E, 1] + Array(String(seq).utf8) }
    /// The latest `member_added` event with this public key (its 32 bytes):
    /// (seq, offset); `memberKeyLinkKey(seq)` of each holds the one before
    /// it with the same key (0, 0 for the first).
    static func memberKeyKey(_ key: SSHPublicKey) -> [UInt8] { [0x4B, 0] + key.key }
    static func memberKeyLinkKey(_ seq: Int64) -> [UInt8] { [0x4B, 1] + Array(String(seq).utf8) }
    /// The first `member_added` event: (seq, offset). Absent: no member yet.
    static let firstMemberKey: [UInt8] = [0x41]
    /// The `signatures_required` event: (seq, offset).
    static let signaturesRequiredKey: [UInt8] = [0x52]
    /// The latest seal: (seq, offset).
    static let sealKey: [UInt8] = [0x53]
    /// The last event about an indicator: (seq, offset).
    static func historyKey(_ id: String) -> [UInt8] { [0x68, 0] + Array(id.utf8) }
    /// An owner code or an actor is recorded: (1, 1).
    static func ownerKey(_ code: String) -> [UInt8] { [0x6F, 0] + Array(code.utf8) }
    static func actorKey(_ actor: String) -> [UInt8] { [0x61, 0] + Array(actor.utf8) }
    /// The first event that recorded a name of `kind` with this skeleton: (seq, offset).
    static func skeletonKey(_ kind: NameKind, _ skeleton: String) -> [UInt8] {
        [0x6B, 0] + Array(kind.rawValue.utf8) + [0] + Array(skeleton.utf8)
    }

    /// The actor of the last event recorded: a journal repeats it, so its
    /// keys are looked up only when it changes.
    private var lastActor: String?

    /// Records `name` under its skeleton unless a name with that skeleton is there.
    private func recordSkeleton(_ name: String, _ kind: NameKind, _ event: RecordedEvent, _ offset: Int64) throws {
        let key = FactsIndex.skeletonKey(kind, NameSkeleton.of(name))
        if get(key) == nil { try put(key, UInt64(bitPattern: event.seq), UInt64(bitPattern: offset)) }
    }

    private func record(_ event: RecordedEvent, at offset: Int64) throws {
        if let id = event.payload.indicator {
            let key = FactsIndex.historyKey(id)
            let previous = get(key)
            let prevSeq = previous.map { Int64(bitPattern: $0.0) } ?? 0
            // A re-recorded event (catch-up after a crash) must not link to itself.
            if prevSeq != event.seq {
                pendingLinks.append((event.seq, prevSeq, previous.map { Int64(bitPattern: $0.1) } ?? 0))
                try put(key, UInt64(bitPattern: event.seq), UInt64(bitPattern: offset))
            }
        }
        if lastActor.map({ !$0.utf8.elementsEqual(event.actor.utf8) }) ?? true {
            let key = FactsIndex.actorKey(event.actor)
            if get(key) == nil {
                try put(key, 1, 1)
                try recordSkeleton(event.actor, .actor, event, offset)
            }
            lastActor = event.actor
        }
        guard let fact = event.payload.fact else { return }
        let seq = UInt64(bitPattern: event.seq), at = UInt64(bitPattern: offset)
        switch fact {
        case .opened: try put(FactsIndex.settingsKey, at, 1)
        case .defined(let d):
            try put(FactsIndex.indicatorKey(d.id), at, seq)
            try put(FactsIndex.planKey(d.plan), 1, 1)
            try recordSkeleton(d.id, .indicator, event, offset)
            try recordSkeleton(d.plan, .plan, event, offset)
            if let o = d.ownerCode {
                try put(FactsIndex.ownerKey(o), 1, 1)
                try recordSkeleton(o, .owner, event, offset)
            }
        case .inForce(let id, let p, _): try put(FactsIndex.readingKey(id, p), seq, at)
        case .closed(let q, let plan): try put(FactsIndex.closeKey(q, plan), seq, at)
        case .sealed: try put(FactsIndex.sealKey, seq, at)
        case .unit(let u):
            try put(FactsIndex.ownerKey(u.code), 1, 1)
            try recordSkeleton(u.code, .owner, event, offset)
        case .amended(_, let a):
            if let o = a.ownerCode {
                try put(FactsIndex.ownerKey(o), 1, 1)
                try recordSkeleton(o, .owner, event, offset)
            }
        case .member:
            // Lists, newest first: a head key names the latest event of the
            // list, and each event's link key the one before. Every member
            // event is on the list of all of them (the whole roster) and on
            // its name's; an addition also on its key's. Events are recorded
            // in order, so one already on a list is never linked twice.
            var name: String?
            switch event.payload {
            case .memberAdded(let r):
                name = r.name
                try link(event, at: offset, head: FactsIndex.memberKeyKey(r.publicKey), link: FactsIndex.memberKeyLinkKey)
                if get(FactsIndex.firstMemberKey) == nil { try put(FactsIndex.firstMemberKey, seq, at) }
            case .memberRolesChanged(let n, _), .memberRemoved(let n): name = n
            default: break
            }
            if let name { try link(event, at: offset, head: FactsIndex.memberNameKey(name), link: FactsIndex.memberNameLinkKey) }
            try link(event, at: offset, head: FactsIndex.membersKey, link: FactsIndex.memberLinkKey)
        case .signaturesRequired: try put(FactsIndex.signaturesRequiredKey, seq, at)
        case .annualTarget, .periodTarget, .budget, .deadline, .attested: break  // decisions do not ask about them
        }
    }

    /// Puts `event` at the head of the list `head`, linked to the event
    /// that was there, unless it is on the list already.
    private func link(_ event: RecordedEvent, at offset: Int64, head: [UInt8], link: (Int64) -> [UInt8]) throws {
        let previous = get(head)
        guard previous.map({ Int64(bitPattern: $0.0) < event.seq }) ?? true else { return }
        try put(link(event.seq), previous?.0 ?? 0, previous?.1 ?? 0)
        try put(head, UInt64(bitPattern: event.seq), UInt64(bitPattern: offset))
    }

    // MARK: Hash table

    // A slot: a = key hash (never 0), b = the key's second hash (high 32 bits)
    // and the slot's check (low 32 bits), then two payload words. An empty
    // slot: a = 0, b = the empty mark of its position, payload 0.

    /// (Internal, not private: tests forge slots that pass their checks.)
    static func hashes(_ key: [UInt8]) -> (UInt64, UInt64) {
        key.withUnsafeBytes { k in
            let a = fmix(fnv(k, seed: 0xcbf2_9ce4_8422_2325))
            let b = fmix(fnv(k, seed: 0x8422_2325_cbf2_9ce4) ^ UInt64(k.count))
            return (a | 1, b & 0xFFFF_FFFF_0000_0000)  // a is never 0: 0 marks an empty slot
        }
    }

    static func emptyMark(_ i: Int) -> UInt64 { fmix(UInt64(i) &+ 0x5EED_5EED_5EED_5EED) | 1 }

    static func check(_ i: Int, _ a: UInt64, _ bHigh: UInt64, _ p1: UInt64, _ p2: UInt64) -> UInt64 {
        var h = fmix(a ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15))
        h = fmix(h ^ bHigh)
        h = fmix(h ^ p1)
        h = fmix(h ^ p2)
        return h >> 32
    }

    /// The slot holding `key`, or the empty slot where it would go; nil when
    /// a probed slot fails its check or the probe goes round the whole table.
    func slot(for h: (UInt64, UInt64)) -> (offset: Int, index: Int, found: Bool)? {
        let mask = slotCount - 1
        var i = Int(truncatingIfNeeded: h.0 >> 7) & mask
        for _ in 0..<slotCount {
            let off = FactsIndex.headerSize + i * FactsIndex.slotSize
            let a = load(off, UInt64.self), b = load(off + 8, UInt64.self)
            let p1 = load(off + 16, UInt64.self), p2 = load(off + 24, UInt64.self)
            if a == 0 {
                guard b == FactsIndex.emptyMark(i), p1 == 0, p2 == 0 else { return nil }
                return (off, i, false)
            }
            let bHigh = b & 0xFFFF_FFFF_0000_0000
            guard b & 0xFFFF_FFFF == FactsIndex.check(i, a, bHigh, p1, p2) else { return nil }
            if a == h.0 && bHigh == h.1 { return (off, i, true) }
            i = (i + 1) & mask
        }
        return nil
    }

    func get(_ key: [UInt8]) -> (UInt64, UInt64)? {
        remapIfMany()
        guard let s = slot(for: FactsIndex.hashes(key)) else {
            isDamaged = true
            return nil
        }
        guard s.found else { return nil }
        return (load(s.offset + 16, UInt64.self), load(s.offset + 24, UInt64.self))
    }

    /// Lookups since the table was last mapped: a long run of them (a large
    /// batch, a rebuild) touches pages all over a large table, and every page
    /// touched through the mapping counts in the process's memory. Mapping
    /// the file afresh now and then lets them go (they stay in the page cache).
    private var putsSinceMap = 0

    private func remapIfMany() {
        putsSinceMap += 1
        guard putsSinceMap >= 2048, let mapping else { return }
        putsSinceMap = 0
        if mapping.remap() { base = mapping.base }
    }

    private func put(_ key: [UInt8], _ p1: UInt64, _ p2: UInt64) throws {
        if (used + 1) * 2 > slotCount { try grow() }
        remapIfMany()
        let h = FactsIndex.hashes(key)
        guard let s = slot(for: h) else { throw Corrupted() }
        write(slot: s.index, h, p1, p2)
        if !s.found { used += 1 }
    }

    /// Payload first, then the check, then the key: a process killed between
    /// the stores leaves a slot that fails its check (and a rebuild), never a
    /// key with a wrong payload.
    func write(slot i: Int, _ h: (UInt64, UInt64), _ p1: UInt64, _ p2: UInt64) {
        let off = FactsIndex.headerSize + i * FactsIndex.slotSize
        store(p1, off + 16)
        store(p2, off + 24)
        store(h.1 | FactsIndex.check(i, h.0, h.1, p1, p2), off + 8)
        store(h.0, off)
    }

    /// Doubles the table into a new file and swaps it in atomically.
    private func grow() throws {
        var entries: [(UInt64, UInt64, UInt64, UInt64)] = []
        entries.reserveCapacity(used)
        for i in 0..<slotCount {
            let off = FactsIndex.headerSize + i * FactsIndex.slotSize
            let a = load(off, UInt64.self)
            if a != 0 {
                let b = load(off + 8, UInt64.self), p1 = load(off + 16, UInt64.self), p2 = load(off + 24, UInt64.self)
                guard b & 0xFFFF_FFFF == FactsIndex.check(i, a, b & 0xFFFF_FFFF_0000_0000, p1, p2) else { throw Corrupted() }
                entries.append((a, b & 0xFFFF_FFFF_0000_0000, p1, p2))
            }
        }
        let keep = cursor
        let newCount = slotCount * 2
        unmapAndClose()
        try create(slotCount: newCount)
        setCursor(JournalCursor(seq: 0, hash: .zero, at: Timestamp(microseconds: Int64.min), offset: 0))
        for e in entries {
            guard let s = slot(for: (e.0, e.1)) else { throw Corrupted() }
            write(slot: s.index, (e.0, e.1), e.2, e.3)
        }
        used = entries.count
        setCursor(keep)
    }
}

@inline(__always) func fnv(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
    var h = seed
    for b in bytes {
        h ^= UInt64(b)
        h &*= 0x0000_0100_0000_01B3
    }
    return h
}

@inline(__always) func fmix(_ k0: UInt64) -> UInt64 {
    var k = k0
    k ^= k >> 33
    k &*= 0xff51_afd7_ed55_8ccd
    k ^= k >> 33
    k &*= 0xc4ce_b9fe_1a85_ec53
    k ^= k >> 33
    return k
}
