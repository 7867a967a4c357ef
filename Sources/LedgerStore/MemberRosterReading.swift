// The whole member roster, for `member list` and `export signers`: folded
// from the facts index's list of member events (each read back from the
// journal and checked, as an append's answers are), so that listing the
// members costs their own events, not the journal's length. When the index
// cannot say (damaged even after a rebuild, a torn tail), the whole journal
// is read instead, as before.

import LedgerCore

extension Ledger {
    /// Every member ever added, as the member events have left them.
    public func memberRoster() throws -> MemberRoster {
        if let roster = try? rosterThroughIndex() { return roster }
        var roster = MemberRoster()
        _ = try scan { roster.apply($0.payload, seq: $0.seq) }
        return roster
    }

    /// Nil when the index cannot be used; a damaged one is rebuilt once.
    func rosterThroughIndex() throws -> MemberRoster? {
        let lock = try takeLock(.exclusive)
        defer { withExtendedLifetime(lock) {} }
        let journal = try openJournal(writable: false)
        let size = try journal.size()
        let cache = cacheFolder(journal)
        for rebuild in [false, true] {
            let (index, read) = try FactsIndex.open(in: cache, journal: journal, journalSize: size,
                                                    heldBatchLimit: configuration.heldBatchLimit, rebuild: rebuild)
            guard read.tornOffset == nil else { return nil }
            let roster = IndexedFacts(index: index, journal: journal).members
            if !index.isDamaged { return roster }
        }
        return nil
    }
}
