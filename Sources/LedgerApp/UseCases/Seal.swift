// `seal`: moves the whole batches recorded before a boundary into a sealed
// segment file, bytes unchanged; the chain continues (FORMAT.md).

import LedgerCore
import LedgerStore

/// What `seal` did.
public struct SealResult: Sendable {
    public var segment: SegmentRecord
    /// The journal's head after the seal (its signature line, when signed).
    public var receipt: ChainHead
}

extension Session {
    /// Seals what was recorded before `boundary`; nil when there is nothing
    /// new to seal. With the session's key (`--key` / $LEDGER_KEY) the seal
    /// event is signed, in its member's name (role `admin`), as any batch.
    public func seal(before boundary: TimeSpec, actor: String?) throws -> (boundary: Timestamp, result: SealResult?) {
        try requireLedger()
        let at = try instant(boundary)
        let author = try author(actor)
        let now = try clock()
        guard let outcome = try explainingTornTail({ try ledger.seal(before: at, by: author, signing: try batchSigning(), clock: now) }) else { return (at, nil) }
        return (at, SealResult(segment: outcome.segment, receipt: outcome.head.head))
    }
}
