// Thin wrappers over the POSIX calls the store needs, turning errno into
// StoreError: a file descriptor (the disk's StorageFile) and the few path
// calls made outside a ledger's folders (the tz database, a user's input
// file). Every write path goes through writeAll and fsync here; every
// descriptor is opened with O_CLOEXEC. The ledger's own files are opened
// by POSIXFolder, relative to their folder and never through a link.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

func errnoText(_ code: Int32) -> String { String(cString: strerror(code)) }

func ioError(_ operation: String, _ path: String, _ code: Int32 = errno) -> StoreError {
    .io(operation: operation, path: path, message: errnoText(code), errno: code)
}

/// An open file descriptor, closed when released.
final class FileHandle: StorageFile {
    let fd: Int32
    let path: String

    init(path: String, flags: Int32, mode: mode_t = 0o644) throws {
        let fd = open(path, flags | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ioError("open", path) }
        self.fd = fd
        self.path = path
    }

    /// Takes ownership of an open descriptor.
    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    func size() throws -> Int64 {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ioError("stat", path) }
        return Int64(st.st_size)
    }

    /// Writes every byte, retrying short writes and EINTR.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("write", path)
            }
            done += n
        }
    }

    func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Every byte at the end: the descriptors the store appends through are
    /// opened with O_APPEND, or freshly created and written in order.
    func append(_ bytes: UnsafeRawBufferPointer) throws { try writeAll(bytes) }

    /// Writes every byte at `offset` (pwrite), retrying short writes and EINTR.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("write", path)
            }
            done += n
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer`; returns how many.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw ioError("read", path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw ioError("fsync", path) }
    }

    func truncate(to length: Int64) throws {
        guard ftruncate(fd, off_t(length)) == 0 else { throw ioError("truncate", path) }
    }

    func ownership() throws -> FileOwnership? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ioError("stat", path) }
        return FileOwnership(user: st.st_uid, group: st.st_gid, mode: UInt32(st.st_mode) & 0o7777)
    }

    /// Owner and group first: a change of owner clears set-id bits, which the mode then restores.
    func adopt(_ o: FileOwnership) throws {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ioError("stat", path) }
        if st.st_uid != o.user || st.st_gid != o.group {
            guard fchown(fd, o.user, o.group) == 0 else { throw ioError("chown", path) }
        }
        guard fchmod(fd, mode_t(o.mode)) == 0 else { throw ioError("chmod", path) }
    }
}

enum FileSystem {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func readAll(_ path: String) throws -> [UInt8] {
        let f = try FileHandle(path: path, flags: O_RDONLY)
        return try f.read(count: Int(try f.size()), at: 0)
    }

    /// fsync of a directory, so a created or renamed entry survives a crash.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("open directory", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ioError("fsync directory", path) }
    }

    /// A new file beside `path` under an unpredictable name (O_EXCL, never
    /// through a link) holding `bytes`, synced; its name. Removed on failure.
    static func writeTemporary(beside path: String, _ bytes: [UInt8]) throws -> String {
        let temp = temporaryName(path)
        do {
            let f = try FileHandle(path: temp, flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o644)
            try f.writeAll(bytes)
            try f.sync()
        } catch {
            unlink(temp)
            throw error
        }
        return temp
    }

    /// Writes a whole file the user named, atomically: a temporary file
    /// (unpredictable name, O_EXCL), fsync, rename, fsync of the directory.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temp = try writeTemporary(beside: path, bytes)
        guard rename(temp, path) == 0 else {
            let e = ioError("rename", path)
            unlink(temp)
            throw e
        }
        try syncDirectory(directory(of: path))
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func listDirectory(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        return names(in: d)
    }

    /// The names of an open directory stream (closed after), sorted.
    static func names(in d: OpaquePointer) -> [String] {
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) { unlink(path) }
}
