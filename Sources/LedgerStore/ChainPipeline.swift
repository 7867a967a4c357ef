// Reading the journal on two cores: a worker thread reads the bytes (pread
// into its own buffer, never a mapping: a file truncated under a mapped
// reader kills it with SIGBUS), decodes every line and hashes it chained to
// the hash its line names as previous; the calling thread takes the lines
// in order and makes every other check (JournalReader.read's `step`: seq,
// prev, time, batches) and applies the events. Since the caller asks for a
// line's hash only after checking that its prev is the event before's
// hash, every check is the one-thread reader's, in the same order, on the
// same bytes: the first damage named is the same.

import LedgerCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line as the worker left it.
struct PipelinedLine {
    /// Where the line starts in the file, and its length without the newline.
    var offset: Int64
    var length: Int
    /// Where its bytes start in its run's bytes, when they are kept.
    var start: Int
    var decoded: Result<RecordedEvent, DecodeFailure>
    /// The line's bytes hash, chained to the hash it names as previous, to the hash it carries.
    var hashMatches: Bool
}

enum ChainPipeline {
    /// Lines handed over at a time, and how many such runs may wait: the
    /// worker is at most this far ahead (about 4,000 events).
    static let runLength = 1024
    static let runsAhead = 4

    /// Calls `line` for every complete line in [start.offset, end), in order,
    /// with what the worker found and, `keepingBytes`, the line's bytes
    /// (without the newline; valid during the call); `line` returns false to
    /// stop. Returns the offset just past the last line handed out (as
    /// JournalReader.scanLines).
    static func run(_ file: some ReadableBytes, from start: JournalCursor, to end: Int64, keepingBytes: Bool,
                    _ line: (PipelinedLine, UnsafeRawBufferPointer?) -> Bool) throws -> Int64 {
        let queue = LineQueue(capacity: runsAhead)
        let from = start.offset
        let worker = ThreadBody { work(file, from: from, to: end, keepingBytes: keepingBytes, queue: queue) }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(worker).toOpaque()
        guard pthread_create(&thread, nil, { context in
            Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context) == 0 else {
            // No second thread to be had: the same work on this one.
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return try JournalReader.scanLines(file, from: from, to: end) { bytes, offset in
                line(examine(bytes, offset, start: 0), keepingBytes ? bytes : nil)
            }
        }
        defer {
            queue.stop()
            pthread_join(thread, nil)
        }
        while var run = queue.pop() {
            // The lines taken out of the run, so that the array is the only
            // reference to them and popping a line never copies the array.
            var lines = run.lines
            run.lines = []
            let stopped: Int64? = run.bytes.withUnsafeBytes { bytes in
                // Runs come reversed: each line is moved out of its run, not copied.
                while let l = lines.popLast() {
                    let kept = keepingBytes ? UnsafeRawBufferPointer(rebasing: bytes[l.start..<(l.start + l.length)]) : nil
                    if !line(l, kept) { return l.offset + Int64(l.length) + 1 }
                }
                return nil
            }
            if let stopped { return stopped }
            // The run's memory goes back to the worker for a later run: fresh
            // memory each time cost page faults. Handed over, not shared, so
            // that the worker's appends never copy it.
            lines.removeAll(keepingCapacity: true)
            run.bytes.removeAll(keepingCapacity: true)
            run.lines = consume lines
            queue.recycle(&run)
        }
        let (complete, error) = queue.outcome
        if let error { throw error }
        return complete
    }

    /// What a thread runs.
    final class ThreadBody {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// One line decoded, and hashed chained to the hash it names as previous.
    static func examine(_ bytes: UnsafeRawBufferPointer, _ offset: Int64, start: Int) -> PipelinedLine {
        let decoded = DecodeFailure.decode(bytes)
        var matches = false
        if case .success(let event) = decoded {
            matches = ChainHash.of(previous: event.previousHash, body: DecodeFailure.body(of: bytes)) == event.hash
        }
        return PipelinedLine(offset: offset, length: bytes.count, start: start, decoded: decoded, hashMatches: matches)
    }

    /// Lines handed over together, last line first, with their bytes when kept.
    struct Run {
        var lines: [PipelinedLine] = []
        var bytes: [UInt8] = []
    }

    /// The worker: reads, decodes and hashes, handing the lines over run by
    /// run (with a copy of their bytes, `keepingBytes`: its read buffer is reused).
    static func work(_ file: some ReadableBytes, from: Int64, to end: Int64, keepingBytes: Bool, queue: LineQueue) {
        var run = Run()
        func fresh() {
            if let spare = queue.spare() {
                run = spare
                return
            }
            run = Run()
            run.lines.reserveCapacity(runLength)
            if keepingBytes { run.bytes.reserveCapacity(runLength * 512) }
        }
        func handOver() -> Bool {
            run.lines.reverse()
            let handed = queue.push(run)
            fresh()
            return handed
        }
        fresh()
        do {
            let complete = try JournalReader.scanLines(file, from: from, to: end) { bytes, offset in
                run.lines.append(examine(bytes, offset, start: run.bytes.count))
                if keepingBytes { run.bytes.append(contentsOf: bytes) }
                return run.lines.count < runLength || handOver()
            }
            if !run.lines.isEmpty { _ = handOver() }
            queue.finish(complete: complete, error: nil)
        } catch {
            if !run.lines.isEmpty { _ = handOver() }
            queue.finish(complete: from, error: error)
        }
    }

    /// Runs of lines from the worker to the caller (each run last line first),
    /// at most `capacity` waiting.
    final class LineQueue {
        private let mutex: UnsafeMutablePointer<pthread_mutex_t>
        private let changed: UnsafeMutablePointer<pthread_cond_t>
        private var runs: [Run] = []
        private var head = 0
        /// Runs the caller is done with, emptied, for the worker to fill again.
        private var spares: [Run] = []
        private var finished = false
        private var stopped = false
        private var complete: Int64 = 0
        private var error: Error?
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            mutex = .allocate(capacity: 1)
            mutex.initialize(to: pthread_mutex_t())
            pthread_mutex_init(mutex, nil)
            changed = .allocate(capacity: 1)
            changed.initialize(to: pthread_cond_t())
            pthread_cond_init(changed, nil)
        }

        deinit {
            pthread_cond_destroy(changed)
            changed.deallocate()
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
        }

        private func locked<T>(_ body: () -> T) -> T {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            return body()
        }

        /// Hands a run over, waiting while the queue is full; false once the caller stopped.
        func push(_ run: Run) -> Bool {
            locked {
                while runs.count - head >= capacity && !stopped { pthread_cond_wait(changed, mutex) }
                guard !stopped else { return false }
                runs.append(run)
                pthread_cond_broadcast(changed)
                return true
            }
        }

        /// The worker is done: where its last complete line ended, or what stopped it.
        func finish(complete: Int64, error: Error?) {
            locked {
                finished = true
                self.complete = complete
                self.error = error
                pthread_cond_broadcast(changed)
            }
        }

        /// The next run, waiting for it; nil when the worker has finished and all were taken.
        func pop() -> Run? {
            locked {
                while head == runs.count && !finished { pthread_cond_wait(changed, mutex) }
                guard head < runs.count else { return nil }
                let run = runs[head]
                runs[head] = Run()
                head += 1
                if head == runs.count {
                    runs.removeAll(keepingCapacity: true)
                    head = 0
                }
                pthread_cond_broadcast(changed)
                return run
            }
        }

        /// An emptied run whose memory the worker may reuse: taken from
        /// the caller (left empty) under the lock, so no one shares it.
        func recycle(_ run: inout Run) {
            locked {
                guard spares.count < capacity else { return }
                spares.append(run)
                run = Run()
            }
        }

        /// A run to fill again, if the caller has handed one back.
        func spare() -> Run? {
            locked { spares.popLast() }
        }

        /// The caller wants no more lines: the worker stops at its next hand-over.
        func stop() {
            locked {
                stopped = true
                pthread_cond_broadcast(changed)
            }
        }

        var outcome: (complete: Int64, error: Error?) { locked { (complete, error) } }
    }
}
