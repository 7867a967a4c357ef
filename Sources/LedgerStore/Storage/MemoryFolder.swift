// A folder in memory: names to bytes. It keeps the rules a directory on
// disk keeps where the store relies on them (a file is created only in a
// folder that exists, a missing file is ENOENT, an exclusive create of a
// taken name is EEXIST, a rename replaces atomically, a handle keeps its
// bytes when the name moves on), so the store's code runs on it unchanged
// and its errors read the same. Durability is the process's lifetime:
// sync does nothing.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder in memory, as a StorageFolder; safe to share between threads.
public final class MemoryFolder: StorageFolder {
    public let path: String
    private let parent: MemoryFolder?
    private let mutex = Mutex()
    private var isCreated = false
    private var files: [String: MemoryBytes] = [:]
    private var locks: [String: ReadersWriterLock] = [:]
    /// Writes that would make a file longer than this fail partway with
    /// EFBIG, as a full disk or `ulimit -f` makes them fail (nil: no limit).
    public var fileSizeLimit: Int64? {
        get { mutex.locked { limit } }
        set { mutex.locked { limit = newValue } }
    }
    private var limit: Int64?

    /// A folder named `path` in messages, inside `parent` (which must be
    /// created first), or at the top.
    public init(path: String, parent: MemoryFolder? = nil) {
        self.path = path
        self.parent = parent
    }

    var wasCreated: Bool { mutex.locked { isCreated } }

    public func create() throws {
        if let parent, !parent.wasCreated { throw ioError("create directory", path, ENOENT) }
        mutex.locked { isCreated = true }
    }

    public func names() -> [String] { mutex.locked { files.keys.sorted() } }

    public func exists(_ name: String) -> Bool { mutex.locked { files[name] != nil } }

    public func isFolder(_ name: String) -> Bool { false }

    public func open(_ name: String, _ access: FileAccess) throws -> any StorageFile {
        let file = path(of: name)
        return try mutex.locked {
            guard isCreated else { throw ioError("open", file, ENOENT) }
            let bytes: MemoryBytes
            switch access {
            case .read, .append:
                guard let existing = files[name] else { throw ioError("open", file, ENOENT) }
                bytes = existing
            case .appendCreating, .update:
                bytes = files[name] ?? MemoryBytes()
                files[name] = bytes
                if case .update(true) = access { bytes.truncate(to: 0) }
            case .createExclusive:
                guard files[name] == nil else { throw ioError("open", file, EEXIST) }
                bytes = MemoryBytes()
                files[name] = bytes
            }
            return MemoryFileHandle(bytes, path: file, writable: access != .read, limit: limit)
        }
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8], durable: Bool) throws {
        let file = path(of: name)
        try mutex.locked {
            let temp = temporaryName(file)
            guard isCreated else { throw ioError("open", temp, ENOENT) }
            if let limit, Int64(bytes.count) > limit { throw ioError("write", temp, EFBIG) }
            files[name] = MemoryBytes(bytes)
        }
    }

    public func rename(_ name: String, to newName: String) throws {
        let target = path(of: newName)
        try mutex.locked {
            guard let bytes = files[name] else { throw ioError("rename", target, ENOENT) }
            files[name] = nil
            files[newName] = bytes
        }
    }

    public func remove(_ name: String) { _ = mutex.locked { files.removeValue(forKey: name) } }

    public func sync() throws {
        guard wasCreated else { throw ioError("open directory", path, ENOENT) }
    }

    public func lock(_ name: String, _ mode: LockMode, timeout: Double) throws -> any StorageLock {
        let lock = mutex.locked { () -> ReadersWriterLock in
            if let l = locks[name] { return l }
            let l = ReadersWriterLock()
            locks[name] = l
            return l
        }
        return try MemoryLock(lock, mode, timeout: timeout, path: path(of: name))
    }

    public func map(_ name: String) -> (any MappedBytes)? {
        guard let bytes = mutex.locked({ files[name] }), bytes.size > 0 else { return nil }
        return MemoryMapping(bytes)
    }

    public func createMapped(_ name: String, count: Int) throws -> any MappedBytes {
        let file = path(of: name)
        let bytes = MemoryBytes(count: count)
        try mutex.locked {
            guard isCreated else { throw ioError("create", temporaryName(file), ENOENT) }
            files[name] = bytes
        }
        return MemoryMapping(bytes)
    }

    public func canCreateFiles(owned ownership: FileOwnership) -> Bool { true }

    public var bootID: String { "memory" }
}
