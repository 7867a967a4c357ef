// A folder on disk: the StorageFolder the ledger's files live in. Each
// call is the system call the store has always made (open with O_CLOEXEC,
// write-all, fsync of files and of the folder after a rename, flock), with
// errno turned into StoreError the same way.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory on disk, as a StorageFolder.
public final class POSIXFolder: StorageFolder {
    public let path: String

    public init(path: String) { self.path = path }

    public func create() throws { try FileSystem.makeDirectory(path) }

    public func names() -> [String] { FileSystem.listDirectory(path) }

    public func exists(_ name: String) -> Bool { FileSystem.exists(path(of: name)) }

    public func isFolder(_ name: String) -> Bool { FileSystem.isDirectory(path(of: name)) }

    public func open(_ name: String, _ access: FileAccess) throws -> any StorageFile {
        let file = path(of: name)
        switch access {
        case .read: return try FileHandle(path: file, flags: O_RDONLY)
        case .append: return try FileHandle(path: file, flags: O_RDWR | O_APPEND)
        case .appendCreating: return try FileHandle(path: file, flags: O_RDWR | O_CREAT | O_APPEND)
        case .update(let truncate): return try FileHandle(path: file, flags: O_RDWR | O_CREAT | (truncate ? O_TRUNC : 0))
        case .createExclusive(let mode): return try FileHandle(path: file, flags: O_WRONLY | O_CREAT | O_EXCL, mode: mode_t(mode))
        }
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8], durable: Bool) throws {
        try FileSystem.writeAtomically(path(of: name), bytes, durable: durable)
    }

    public func rename(_ name: String, to newName: String) throws {
        let target = path(of: newName)
        guard Glibc.rename(path(of: name), target) == 0 else { throw ioError("rename", target) }
    }

    public func remove(_ name: String) { FileSystem.remove(path(of: name)) }

    public func sync() throws { try FileSystem.syncDirectory(path) }

    public func lock(_ name: String, _ mode: LockMode, timeout: Double) throws -> any StorageLock {
        try FileLock(path: path(of: name), mode: mode, timeout: timeout)
    }

    public func map(_ name: String) -> (any MappedBytes)? {
        let fd = Glibc.open(path(of: name), O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0, let mapping = FileMapping(fd: fd, count: Int(st.st_size)) else {
            close(fd)
            return nil
        }
        return mapping
    }

    public func createMapped(_ name: String, count: Int) throws -> any MappedBytes {
        let file = path(of: name)
        let temp = file + ".tmp.\(getpid())"
        let f = Glibc.open(temp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard f >= 0 else { throw ioError("create", temp) }
        guard ftruncate(f, off_t(count)) == 0 else {
            let e = ioError("size", temp)
            close(f); unlink(temp)
            throw e
        }
        // Allocate every page now: a page of a sparse file first touched through the
        // mapping on a full disk (tmpfs at once, others when written) kills the process with SIGBUS.
        let allocated = posix_fallocate(f, 0, off_t(count))
        guard allocated == 0 else {
            let e = ioError("create", temp, allocated)
            close(f); unlink(temp)
            throw e
        }
        guard Glibc.rename(temp, file) == 0 else {
            let e = ioError("rename", file)
            close(f); unlink(temp)
            throw e
        }
        guard let mapping = FileMapping(fd: f, count: count) else {
            let e = ioError("map", file)
            close(f)
            throw e
        }
        return mapping
    }

    public var bootID: String { POSIXFolder.bootID }

    /// This boot's identity: a cache written in another boot may have lost
    /// pages to a power cut and is rebuilt.
    static let bootID: String = {
        // /proc files report a size of 0, so read a fixed count rather than "the whole file".
        guard let file = try? FileHandle(path: "/proc/sys/kernel/random/boot_id", flags: O_RDONLY),
              let bytes = try? file.read(count: 36, at: 0) else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }()
}

/// A shared read-write mapping of a whole file; unmapped and closed when released.
final class FileMapping: MappedBytes {
    private let fd: Int32
    private(set) var base: UnsafeMutableRawPointer
    let count: Int

    /// Takes ownership of `fd` once the mapping is made.
    init?(fd: Int32, count: Int) {
        guard let p = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
        self.fd = fd
        self.base = p
        self.count = count
    }

    deinit {
        munmap(base, count)
        close(fd)
    }

    func remap() -> Bool {
        // The new mapping first: if it cannot be made, the old one stays.
        guard let fresh = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), fresh != MAP_FAILED else { return false }
        munmap(base, count)
        base = fresh
        return true
    }
}
