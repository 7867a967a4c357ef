// The settings a Ledger is made with: how long to wait for a lock, and the
// sizes that steer its caches. Values given at creation, not globals, so
// that a test can use small ones on its own ledger while others run.

/// How a Ledger waits and caches. The defaults are what the binary uses.
public struct LedgerConfiguration: Sendable {
    /// How long to wait for another process's lock before giving up, in seconds.
    public var lockTimeout: Double
    /// A read that replays more events than this after its checkpoint
    /// leaves a new one behind.
    public var replayThreshold: Int
    /// A batch of more events than this is not held in memory while it is
    /// checked: it is decoded again from the journal once whole.
    public var heldBatchLimit: Int
    /// False: read no cache this ledger did not make itself in this process
    /// (what `verify` derives with); nothing outside it can change a result.
    public var trustsCaches: Bool

    public init(lockTimeout: Double = 10, replayThreshold: Int = 2000, heldBatchLimit: Int = 4096, trustsCaches: Bool = true) {
        self.lockTimeout = lockTimeout
        self.replayThreshold = replayThreshold
        self.heldBatchLimit = heldBatchLimit
        self.trustsCaches = trustsCaches
    }
}
