// The inter-process lock that serialises appenders on disk: flock(2) on
// events/.lock. Writers take it exclusively for read-decide-write-fsync;
// readers take it shared just long enough to learn where the journal ends,
// so they never see half an append. flock is released by the kernel when a
// process dies, so a crash never leaves a stale lock.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// flock(2) on a file, held until released.
final class FileLock: StorageLock {
    private let handle: FileHandle

    /// Locks the open file `h` (POSIXFolder opens it, never through a link).
    /// Waits at most `timeout` seconds, polling, then gives up with
    /// StoreError.lockTimeout rather than hang behind a stuck process.
    init(_ h: FileHandle, mode: LockMode, timeout: Double) throws {
        handle = h
        let path = h.path
        let operation = (mode == .exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB
        var waited = 0.0
        var pause = 0.0005
        while flock(h.fd, operation) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else { throw ioError("lock", path, code) }
            if waited >= timeout { throw StoreError.lockTimeout(path: path, seconds: Int(timeout.rounded(.up))) }
            var ts = timespec(tv_sec: 0, tv_nsec: Int(pause * 1e9))
            nanosleep(&ts, nil)
            waited += pause
            pause = min(pause * 2, 0.05)
        }
    }

    deinit { flock(handle.fd, LOCK_UN) }
}
