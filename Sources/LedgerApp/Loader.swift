// The one loader: how every report reads the journal, like hledger's
// `withJournal`. It owns the read strategy (the newest valid checkpoint,
// folding only the fiscal years a report needs, one year at a time on a
// large journal, and the cache of answers already given) so use cases ask
// for a state or an answer and never choose how it is read. Its "trust no
// cache" mode (`Session.trustingNoCache()`, what `verify` derives in) reads
// no cache it did not make itself in this process: nothing another process
// wrote can change what it finds.

import LedgerCore
import LedgerStore

/// The identity of a rendered answer: every input that shapes its bytes.
struct AnswerKey {
    var command: String
    var parts: [(String, String?)]
    /// The resolved cut, or nil for "everything recorded".
    var cut: Timestamp?

    /// The edition of the reports' bytes: bump it whenever a renderer's
    /// output changes, so that an answer cached by an older program is never
    /// served by a newer one (the journal alone would not tell).
    static let rendering = "issue13-2"

    /// The cache key: the parts, unambiguous (NUL-separated, \u{1} for absent).
    var text: String {
        ([command, "rendering=" + AnswerKey.rendering] + parts.map { "\($0.0)=" + ($0.1 ?? "\u{1}") }
            + ["cut=" + (cut.map { String($0.microseconds) } ?? "now")])
            .joined(separator: "\u{0}")
    }
}

extension Session {
    /// The state as of `cut` (nil: everything recorded), holding the
    /// indicators of `years` (nil: all).
    func state(cut: Timestamp?, years: Set<Int>? = nil) throws -> (LedgerState, JournalReadResult) {
        try ledger.state(cut: cut, years: years)
    }

    /// Below this journal size one pass over all years is cheaper than a pass per year.
    static let wholeLedgerLimit: Int64 = 64 << 20

    /// Calls `body` with the state of each fiscal year in turn (year given),
    /// or of all at once on a small ledger (year nil); each state is released
    /// before the next is read. Every year is cut at the same head, so an
    /// append that lands meanwhile is in none of them.
    func eachYear(cut: Timestamp?, _ body: (LedgerState, Int?) throws -> Void) throws {
        if try ledger.journalSize() < Session.wholeLedgerLimit {
            try body(try ledger.state(cut: cut).0, nil)
            return
        }
        let headAt = try ledger.head().cursor.at
        let common = min(cut ?? headAt, headAt)
        for year in try ledger.years(cut: common).sorted() {
            try body(try ledger.state(cut: common, years: [year]).0, year)
        }
    }

    /// An answer's bytes: the cached ones while they still describe the
    /// journal (nothing appended since, or a past already settled), else
    /// made by `make` from the state at `cut` holding `years`, and kept.
    func answer(_ key: AnswerKey, years: Set<Int>?, _ make: (LedgerState) throws -> String) throws -> String {
        let name = key.text + "\u{0}build=" + host.build
        if let hit = try ledger.pinnedBlob(key: name) { return String(decoding: hit, as: UTF8.self) }
        let (state, read) = try ledger.state(cut: key.cut, years: years)
        let output = try make(state)
        // A read that found a torn tail describes no journal an append can continue.
        if read.tornOffset == nil {
            ledger.keepPinnedBlob(key: name, Array(output.utf8), read: read)
        }
        return output
    }
}
