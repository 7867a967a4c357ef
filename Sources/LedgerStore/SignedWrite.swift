// The one way a signed batch is written, for `append` and `seal` alike.
// A signature may need a person (a key file's passphrase, typed on the
// terminal), so the journal lock is never held while one is made: the batch
// is decided and encoded under the lock, signed without it, and written
// under the lock again only if the journal has not moved meanwhile; if it
// has, all is decided and signed again. A signer that can begin early and
// asks nobody (`BatchSigning.begin`: a key file's ssh-keygen, started while
// the batch is decided) is finished under the first lock instead: one lock
// in all. If it cannot sign, the ordinary way follows; not finished, it is
// cancelled (killed and reaped).

import LedgerCore

/// What deciding a signed write under the lock came to: an answer without
/// signing (a refusal, nothing to record), or a batch to sign with what the
/// write needs to know (`Plan`).
enum SignedWriteStep<Plan, Outcome> {
    case done(Outcome)
    case sign(Plan, EncodedBatch)
}

extension Ledger {
    /// How many times a signed write decides again when the journal moved
    /// while it was being signed, before giving up.
    static let signingAttempts = 5

    /// Decides under the lock (`decide`), signs, and writes under the lock
    /// (`write`): at once when a signer begun early (`beginEarly`) signs,
    /// else after signing outside the lock, with the plan `recheck` finds
    /// on the journal as it is then (nil: it moved, decide again). With
    /// `dryRun`, returns it after deciding, unsigned and unwritten.
    func signedWrite<Plan, Outcome>(_ signing: BatchSigning, beginEarly: Bool, dryRun: Outcome? = nil,
                                    decide: () throws -> SignedWriteStep<Plan, Outcome>,
                                    recheck: (Plan, EncodedBatch) throws -> Plan?,
                                    write: (Plan, EncodedBatch, [UInt8]) throws -> Outcome) throws -> Outcome {
        var started = beginEarly ? signing.begin?() : nil
        defer { started?.cancel() }
        for _ in 0..<Ledger.signingAttempts {
            let plan: Plan, encoded: EncodedBatch
            do {
                let lock = try takeLock(.exclusive)
                defer { withExtendedLifetime(lock) {} }
                switch try decide() {
                case .done(let outcome): return outcome
                case .sign(let p, let e): (plan, encoded) = (p, e)
                }
                // A signature begun early asks nobody: finished here, under the lock,
                // the head cannot move meanwhile.
                if let s = started {
                    started = nil
                    if let blob = s.finish(encoded.bytes) { return try write(plan, encoded, blob) }
                }
            }
            if let dryRun { return dryRun }
            let blob = try signing.sign(encoded.bytes)
            let lock = try takeLock(.exclusive)
            defer { withExtendedLifetime(lock) {} }
            guard let now = try recheck(plan, encoded) else { continue }
            return try write(now, encoded, blob)
        }
        throw StoreError.journalKeepsMoving(path: journalPath)
    }
}
