// What a journal's torn tail holds: the bytes after its last whole batch.
// A crash in the middle of an append leaves part of one event, or whole
// events of a batch whose last event never reached the disk; a journal cut
// short (a copy that stopped early, a disk that lost its end) looks the
// same from inside. What can be told is which: whole events (their seqs,
// and how many their batch should have had) and a partial line, so the
// messages never call whole events "torn bytes" and never guess the cause.

/// The shape of a torn tail.
public struct TornTail: Equatable, Sendable {
    /// Whole event lines at the start of the tail (they read as events).
    public var wholeEvents: [Int64]
    /// How many events the batch they begin should have had (the first's
    /// `more` + 1); nil when there is no whole event.
    public var batchSize: Int?
    /// Bytes after the whole events: part of an event (0 when none).
    public var partialBytes: Int

    /// Reads `bytes` (the tail, from the end of the last whole batch).
    public init(_ bytes: [UInt8]) {
        var whole: [Int64] = []
        var size: Int?
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            guard let event = try? EventCodec.decode(line: Array(bytes[start..<nl])) else { break }
            if size == nil { size = event.more + 1 }
            whole.append(event.seq)
            start = nl + 1
        }
        wholeEvents = whole
        batchSize = size
        partialBytes = bytes.count - start
    }
}
