// A folder on disk: the StorageFolder the ledger's files live in. Each
// call opens the folder itself (O_DIRECTORY, and O_NOFOLLOW unless it is
// the ledger's own directory, which a user may reach through a link) and
// works relative to it (openat, renameat, unlinkat), every file opened
// with O_NOFOLLOW: nothing the ledger writes or reads in its folders
// follows a symbolic link another account planted. Temporary files get an
// unpredictable name and are created with O_EXCL. Otherwise the system
// calls the store has always made: write-all, fsync of files and of the
// folder after a rename, flock, mmap; errno turned into StoreError the same
// way, a link into StoreError.symbolicLink.

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
    /// Permission bits of the files it creates (the umask applies).
    let fileMode: mode_t
    /// Permission bits of the folder when `create` makes it.
    let folderMode: mode_t
    /// True when the folder itself may be reached through a symbolic link.
    let followsLink: Bool

    public init(path: String, fileMode: UInt32 = 0o644, folderMode: UInt32 = 0o755, followsLink: Bool = false) {
        self.path = path
        self.fileMode = mode_t(fileMode)
        self.folderMode = mode_t(folderMode)
        self.followsLink = followsLink
    }

    // MARK: The folder itself

    /// True when `path` names a symbolic link (not followed).
    static func isLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// The error for a failed call on `file` in this folder: a link where a
    /// file or folder should be is said as such.
    func failure(_ operation: String, _ file: String, _ code: Int32 = errno) -> StoreError {
        if code == ELOOP || code == ENOTDIR || code == EMLINK {
            if POSIXFolder.isLink(file) { return .symbolicLink(path: file) }
            if !followsLink, POSIXFolder.isLink(path) { return .symbolicLink(path: path) }
        }
        return ioError(operation, file, code)
    }

    /// Opens the folder (never through a link, unless `followsLink`) and
    /// runs `body` with its descriptor. A folder that cannot be opened is
    /// reported against `file`, the file the caller was after, as opening
    /// that file would have been.
    func withFolder<T>(for file: String, _ operation: String = "open", _ body: (Int32) throws -> T) throws -> T {
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followsLink ? 0 : O_NOFOLLOW))
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP || code == ENOTDIR, !followsLink, POSIXFolder.isLink(path) { throw StoreError.symbolicLink(path: path) }
            throw ioError(operation, file, code)
        }
        defer { close(fd) }
        return try body(fd)
    }

    public func create() throws {
        if mkdir(path, folderMode) != 0 && errno != EEXIST { throw ioError("create directory", path) }
        try withFolder(for: path, "open directory") { _ in }
    }

    public func names() -> [String] {
        (try? withFolder(for: path) { fd -> [String] in
            let copy = dup(fd)
            guard copy >= 0 else { return [] }
            guard let d = fdopendir(copy) else { close(copy); return [] }
            return FileSystem.names(in: d)
        }) ?? []
    }

    /// The entry `name` as it is (a link is not followed); nil when missing.
    func entry(_ name: String) -> stat? {
        try? withFolder(for: path(of: name)) { fd -> stat? in
            var st = stat()
            return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
        }
    }

    public func exists(_ name: String) -> Bool { entry(name) != nil }

    public func isFolder(_ name: String) -> Bool { entry(name).map { ($0.st_mode & S_IFMT) == S_IFDIR } ?? false }

    public func sync() throws {
        try withFolder(for: path, "open directory") { fd in
            guard fsync(fd) == 0 else { throw ioError("fsync directory", path) }
        }
    }

    // MARK: Files

    /// Opens `name` relative to the folder `fd`, never through a link.
    func openFile(_ fd: Int32, _ name: String, _ flags: Int32, mode: mode_t? = nil) throws -> FileHandle {
        let file = path(of: name)
        let f = openat(fd, name, flags | O_CLOEXEC | O_NOFOLLOW, mode ?? fileMode)
        guard f >= 0 else { throw failure("open", file) }
        return FileHandle(fd: f, path: file)
    }

    public func open(_ name: String, _ access: FileAccess) throws -> any StorageFile {
        try withFolder(for: path(of: name)) { fd in
            switch access {
            case .read: return try openFile(fd, name, O_RDONLY)
            case .append: return try openFile(fd, name, O_RDWR | O_APPEND)
            case .appendCreating: return try openFile(fd, name, O_RDWR | O_CREAT | O_APPEND)
            case .update(let truncate): return try openFile(fd, name, O_RDWR | O_CREAT | (truncate ? O_TRUNC : 0))
            case .createExclusive(let mode): return try openFile(fd, name, O_WRONLY | O_CREAT | O_EXCL, mode: mode_t(mode))
            }
        }
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8], durable: Bool) throws {
        try withFolder(for: path(of: name)) { fd in
            let temp = temporaryName(name)
            do {
                let f = try openFile(fd, temp, O_WRONLY | O_CREAT | O_EXCL)
                try f.writeAll(bytes)
                if durable { try f.sync() }
            } catch {
                unlinkat(fd, temp, 0)
                throw error
            }
            guard renameat(fd, temp, fd, name) == 0 else {
                let e = ioError("rename", path(of: name))
                unlinkat(fd, temp, 0)
                throw e
            }
            if durable { guard fsync(fd) == 0 else { throw ioError("fsync directory", path) } }
        }
    }

    public func rename(_ name: String, to newName: String) throws {
        let target = path(of: newName)
        try withFolder(for: target, "rename") { fd in
            guard renameat(fd, name, fd, newName) == 0 else { throw ioError("rename", target) }
        }
    }

    public func remove(_ name: String) {
        _ = try? withFolder(for: path(of: name)) { fd in unlinkat(fd, name, 0) }
    }

    public func lock(_ name: String, _ mode: LockMode, timeout: Double) throws -> any StorageLock {
        try withFolder(for: path(of: name)) { fd in
            // A reader on a read-only ledger may not create the lock file; it opens it read-only.
            let handle: FileHandle
            do {
                handle = try openFile(fd, name, O_RDWR | O_CREAT)
            } catch StoreError.symbolicLink(let p) {
                throw StoreError.symbolicLink(path: p)
            } catch {
                handle = try openFile(fd, name, O_RDONLY)
            }
            return try FileLock(handle, mode: mode, timeout: timeout)
        }
    }

    public func map(_ name: String) -> (any MappedBytes)? {
        try? withFolder(for: path(of: name)) { fd -> (any MappedBytes)? in
            let f = openat(fd, name, O_RDWR | O_CLOEXEC | O_NOFOLLOW)
            guard f >= 0 else { return nil }
            var st = stat()
            guard fstat(f, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0,
                  let mapping = FileMapping(fd: f, count: Int(st.st_size)) else {
                close(f)
                return nil
            }
            return mapping
        }
    }

    public func createMapped(_ name: String, count: Int) throws -> any MappedBytes {
        let file = path(of: name)
        return try withFolder(for: file) { fd in
            let temp = temporaryName(name)
            let f = openat(fd, temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, fileMode)
            guard f >= 0 else { throw ioError("create", path(of: temp)) }
            func fail(_ e: StoreError) -> StoreError {
                close(f)
                unlinkat(fd, temp, 0)
                return e
            }
            guard ftruncate(f, off_t(count)) == 0 else { throw fail(ioError("size", path(of: temp))) }
            // Allocate every page now: a page of a sparse file first touched through the
            // mapping on a full disk (tmpfs at once, others when written) kills the process with SIGBUS.
            let allocated = posix_fallocate(f, 0, off_t(count))
            guard allocated == 0 else { throw fail(ioError("create", path(of: temp), allocated)) }
            guard renameat(fd, temp, fd, name) == 0 else { throw fail(ioError("rename", file)) }
            guard let mapping = FileMapping(fd: f, count: count) else {
                close(f)
                throw ioError("map", file)
            }
            return mapping
        }
    }

    public func canCreateFiles(owned o: FileOwnership) -> Bool {
        let user = geteuid()
        if user == 0 { return true }
        guard user == o.user else { return false }
        if getegid() == o.group { return true }
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        let n = getgroups(count, &groups)
        return n > 0 && groups.prefix(Int(n)).contains(o.group)
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
