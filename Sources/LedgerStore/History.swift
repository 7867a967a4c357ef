// The events about one indicator, read through the facts index's history
// links instead of the whole journal: what `history` costs then follows the
// indicator's own events, not the journal's length.
//
// The links are a cache like the rest: every line read is decoded, must be
// the event the link promised (its seq, about this indicator), and must hash
// to its own hash field; the chain must begin with the indicator's
// definition. Anything else, and the whole journal is read instead.

import LedgerCore

extension Ledger {
    /// Every event about `indicator` recorded by `cut`, in journal order.
    public func events(about indicator: String, cut: Timestamp? = nil) throws -> [RecordedEvent] {
        if let events = try? eventsThroughLinks(indicator) {
            return events.filter { cut == nil || $0.at <= cut! }
        }
        var events: [RecordedEvent] = []
        try scan(cut: cut) { if $0.payload.indicator == indicator { events.append($0) } }
        return events
    }

    /// Nil when the links cannot be used (or do not know the indicator).
    /// Links that fail a check are rebuilt with the index, once, so the
    /// next question is fast again.
    func eventsThroughLinks(_ indicator: String) throws -> [RecordedEvent]? {
        let lock = try takeLock(.exclusive)
        defer { withExtendedLifetime(lock) {} }
        let journal = try openJournal(writable: false)
        let size = try journal.size()
        let cache = cacheFolder(journal)
        let (index, read) = try FactsIndex.open(in: cache, journal: journal, journalSize: size, heldBatchLimit: configuration.heldBatchLimit)
        guard read.tornOffset == nil else { return nil }
        if !index.isDamaged, let events = try follow(index, indicator, journal) { return events }
        guard index.get(FactsIndex.indicatorKey(indicator)) != nil || index.isDamaged else { return nil }  // unknown: no rebuild
        let (rebuilt, again) = try FactsIndex.open(in: cache, journal: journal, journalSize: size,
                                                   heldBatchLimit: configuration.heldBatchLimit, rebuild: true)
        guard again.tornOffset == nil, !rebuilt.isDamaged else { return nil }
        return try follow(rebuilt, indicator, journal)
    }

    private func follow(_ index: FactsIndex, _ indicator: String, _ journal: SegmentedJournal) throws -> [RecordedEvent]? {
        guard let chain = index.historyChain(indicator) else { return nil }
        var events: [RecordedEvent] = []
        events.reserveCapacity(chain.count)
        for (seq, offset) in chain {
            guard let line = try? lineBytes(journal, at: offset), let event = try? EventCodec.decode(line: line),
                  event.seq == seq, event.payload.indicator == indicator,
                  line.withUnsafeBytes({ ChainHash.of(previous: event.previousHash, body: UnsafeRawBufferPointer(rebasing: $0[0..<($0.count - EventCodec.hashSuffixLength)])) }) == event.hash
            else { return nil }
            events.append(event)
        }
        guard case .defined(let d)? = events.first?.payload.fact, d.id == indicator else { return nil }
        return events
    }

    /// The bytes of the line starting at `offset`, without its newline.
    func lineBytes(_ journal: some ReadableBytes, at offset: Int64) throws -> [UInt8] {
        var line: [UInt8] = []
        var position = offset
        var piece = 512
        while true {
            let chunk = try journal.read(count: piece, at: position)
            guard !chunk.isEmpty else { throw StoreError.io(operation: "read", path: journal.path, message: "unexpected end of file", errno: 0) }
            if let nl = chunk.firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[..<nl])
                return line
            }
            line.append(contentsOf: chunk)
            position += Int64(chunk.count)
            piece = min(piece * 2, 1 << 20)
        }
    }
}

extension Ledger {
    /// Who signed the batches of `events` (by seq; an unsigned event is
    /// absent), and the seq of the first member event (nil: the ledger has
    /// no members, and nothing was read). A ledger with members is read
    /// once, whole, for it: a signature is the last line of its batch.
    public func signatures(of events: [RecordedEvent]) throws -> (signers: [Int64: String], firstMember: Int64?) {
        // A ledger without members (the facts index says so) has no signature to find.
        if try !hasMembers() { return ([:], nil) }
        let wanted = Set(events.map(\.seq))
        var signers: [Int64: String] = [:]
        var firstMember: Int64?
        var signer: String?
        let (journal, size) = try openForReading()
        _ = try withoutActuallyEscaping({ (last: RecordedEvent) in
            if case .batchSigned(let s) = last.payload { signer = s.signer } else { signer = nil }
        }) { whole in
            try read(journal, from: .start, to: size, batchWhole: whole) { event, _ in
                if firstMember == nil, case .member = event.payload.fact { firstMember = event.seq }
                if let signer, wanted.contains(event.seq) { signers[event.seq] = signer }
            }
        }
        return (signers, firstMember)
    }
}

extension Ledger {
    /// Whether any member event is recorded, as the facts index says (it is
    /// checked against the journal's head first); true when it cannot say,
    /// and at once when another process holds the lock (a stuck writer must
    /// not make `history` wait twice: the caller then reads the journal).
    func hasMembers() throws -> Bool {
        guard let lock = try? storage.events.lock(Ledger.lockName, .exclusive, timeout: 0) else { return true }
        defer { withExtendedLifetime(lock) {} }
        let journal = try openJournal(writable: false)
        let size = try journal.size()
        guard let (index, read) = try? FactsIndex.open(in: cacheFolder(journal), journal: journal, journalSize: size,
                                                        heldBatchLimit: configuration.heldBatchLimit),
              read.tornOffset == nil, !index.isDamaged else { return true }
        return index.get(FactsIndex.membersKey) != nil
    }
}
