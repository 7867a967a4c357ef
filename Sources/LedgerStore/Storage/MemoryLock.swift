// The locks of the in-memory storage: a mutex for its maps and bytes, and
// the shared/exclusive lock that stands in for flock(2), working across
// threads the way flock works across processes (ledgers made on the same
// storage exclude each other), with the same timeout and error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex.
final class Mutex {
    private let m: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        m = .allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
    }

    deinit {
        pthread_mutex_destroy(m)
        m.deallocate()
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(m)
        defer { pthread_mutex_unlock(m) }
        return try body()
    }

    fileprivate var raw: UnsafeMutablePointer<pthread_mutex_t> { m }
}

/// Many readers or one writer, waited for with a timeout.
final class ReadersWriterLock {
    private let mutex = Mutex()
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var readers = 0
    private var writer = false

    init() {
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
    }

    /// Takes the lock in `mode`, or throws StoreError.lockTimeout for `path`
    /// after `timeout` seconds.
    func acquire(_ mode: LockMode, timeout: Double, path: String) throws {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let wait = max(0, timeout)
        var deadline = timespec(tv_sec: now.tv_sec + Int(wait), tv_nsec: now.tv_nsec + Int((wait - wait.rounded(.down)) * 1e9))
        if deadline.tv_nsec >= 1_000_000_000 { deadline.tv_sec += 1; deadline.tv_nsec -= 1_000_000_000 }
        pthread_mutex_lock(mutex.raw)
        defer { pthread_mutex_unlock(mutex.raw) }
        while mode == .exclusive ? (writer || readers > 0) : writer {
            if pthread_cond_timedwait(condition, mutex.raw, &deadline) == ETIMEDOUT, mode == .exclusive ? (writer || readers > 0) : writer {
                throw StoreError.lockTimeout(path: path, seconds: Int(timeout.rounded(.up)))
            }
        }
        if mode == .exclusive { writer = true } else { readers += 1 }
    }

    func release(_ mode: LockMode) {
        pthread_mutex_lock(mutex.raw)
        if mode == .exclusive { writer = false } else { readers -= 1 }
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex.raw)
    }
}

/// A ReadersWriterLock held, released when let go.
final class MemoryLock: StorageLock {
    private let lock: ReadersWriterLock
    private let mode: LockMode

    init(_ lock: ReadersWriterLock, _ mode: LockMode, timeout: Double, path: String) throws {
        try lock.acquire(mode, timeout: timeout, path: path)
        self.lock = lock
        self.mode = mode
    }

    deinit { lock.release(mode) }
}
