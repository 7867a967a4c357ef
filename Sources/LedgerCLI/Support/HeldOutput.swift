// A command's stdout, held until the command has succeeded. A report that
// fails half-way (no ledger here, damage found while streaming) must not
// leave half a document on stdout (`{"events":[` and then an error), so
// what a command prints is kept back and written only when it returns;
// on failure it is dropped. Past `limit` bytes (a log of millions of
// events) holding would cost memory without bound, so the output is then
// streamed as it comes: such a report has already shown it reads.

/// Holds what is written until `release` (success) or `discard` (failure).
final class HeldOutput: TextSink {
    private let inner: TextSink
    private let limit: Int
    private var held: [String] = []
    private var heldBytes = 0
    /// True once the limit was passed and the output began to stream.
    private(set) var isStreaming = false

    init(_ inner: TextSink, limit: Int = 8 << 20) {
        self.inner = inner
        self.limit = limit
    }

    func write(_ text: String) {
        if isStreaming { inner.write(text); return }
        held.append(text)
        heldBytes += text.utf8.count
        if heldBytes > limit {
            isStreaming = true
            for piece in held { inner.write(piece) }
            held.removeAll()
        }
    }

    /// Nothing reaches the terminal before the command is done, unless it streams.
    func flush() {
        if isStreaming { inner.flush() }
    }

    /// The command succeeded: everything it wrote goes out.
    func release() {
        for piece in held { inner.write(piece) }
        held.removeAll()
        heldBytes = 0
        isStreaming = true
        inner.flush()
    }

    /// The command failed: what it wrote is dropped (unless it already streamed).
    func discard() {
        held.removeAll()
        heldBytes = 0
    }
}
