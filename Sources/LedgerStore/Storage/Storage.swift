// Where the store keeps its bytes: folders of named files, behind a
// protocol, so that the same journal, cache and snapshot code runs on the
// disk (POSIXFolder: today's system calls, fsync discipline and errors) or
// in memory (MemoryFolder: for in-process tests and tools that need no
// disk). A ledger is two such folders and its own: events/ (the journal,
// sealed segments, the lock) and snapshots/; what can be rebuilt (the
// caches) lives where the CacheLocation says: on disk, in a folder of the
// OS account's own that no other account can write (AccountCaches.swift).
//
// Failures are StoreError values with the errno a POSIX call would give,
// whichever implementation raised them, so callers map them one way.

/// Bytes read at offsets: a file, or the whole segmented journal.
public protocol ReadableBytes: AnyObject {
    /// The file as it is named in messages (a path for a file on disk).
    var path: String { get }
    func size() throws -> Int64
    /// Reads up to `buffer.count` bytes at `offset`; returns how many were
    /// read (fewer only at the end of the bytes).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int
    /// The file that holds the byte at `offset`, as named in messages
    /// (`path`, except in a journal made of several files).
    func path(holding offset: Int64) -> String
}

extension ReadableBytes {
    public func path(holding offset: Int64) -> String { path }

    /// Up to `count` bytes at `offset` (fewer at the end).
    func read(count: Int, at offset: Int64) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = try bytes.withUnsafeMutableBytes { try read(into: $0, at: offset) }
        bytes.removeSubrange(n...)
        return bytes
    }
}

/// An open file of a folder.
public protocol StorageFile: ReadableBytes {
    /// Writes every byte at the end of the file.
    func append(_ bytes: UnsafeRawBufferPointer) throws
    /// Writes every byte at `offset`, growing the file if needed.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws
    /// Makes what was written durable (fsync).
    func sync() throws
    func truncate(to length: Int64) throws
    /// The file's owner, group and permission bits (nil in memory).
    func ownership() throws -> FileOwnership?
    /// Gives the file this owner, group and permission bits.
    func adopt(_ ownership: FileOwnership) throws
}

/// A file's owner, group and permission bits: what `seal` keeps when it
/// writes the active journal anew.
public struct FileOwnership: Equatable, Sendable {
    public var user: UInt32
    public var group: UInt32
    /// The permission bits (mode & 0o7777).
    public var mode: UInt32
    public init(user: UInt32, group: UInt32, mode: UInt32) {
        self.user = user
        self.group = group
        self.mode = mode
    }
}

extension StorageFile {
    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    /// Appends `bytes` and makes them durable; when either fails, takes
    /// back whatever part reached the file (truncating it to `size`, its
    /// length before), so a full disk or a size limit leaves the file as it
    /// was, not torn. Then rethrows.
    func appendDurably(_ bytes: [UInt8], takingBackTo size: Int64) throws {
        do {
            try append(bytes)
            try sync()
        } catch {
            try? truncate(to: size)
            try? sync()
            throw error
        }
    }
}

/// How a file is opened.
public enum FileAccess: Equatable, Sendable {
    /// Reading only; the file must exist.
    case read
    /// Reading, and appending at the end; the file must exist.
    case append
    /// Reading and appending; the file is created (empty) if missing.
    case appendCreating
    /// Reading and writing at offsets, created if missing, emptied first
    /// with `truncate`.
    case update(truncate: Bool)
    /// A new file, with these permission bits; fails (EEXIST) if the name
    /// is taken.
    case createExclusive(mode: UInt32)
}

/// The two kinds of lock: many readers, or one writer.
public enum LockMode: Sendable {
    case shared, exclusive
}

/// A lock held; released when the value is let go.
public protocol StorageLock: AnyObject {}

/// A file's bytes mapped into memory, read and written in place: the facts
/// index's hash table. The address is valid while the value is held.
public protocol MappedBytes: AnyObject {
    var base: UnsafeMutableRawPointer { get }
    var count: Int { get }
    /// Maps the file afresh, so that pages touched through the old mapping
    /// stop counting in the process's memory; false (and the old mapping
    /// kept) when that cannot be done. `base` may change.
    func remap() -> Bool
}

/// A folder of named files (no subfolders are used). Names are plain file
/// names; `path(of:)` is how a file is named in messages.
public protocol StorageFolder: AnyObject {
    /// The folder as named in messages (a path on disk).
    var path: String { get }
    /// Creates the folder if it is missing (its parent must exist).
    func create() throws
    /// The names in the folder, sorted (none when the folder is missing).
    func names() -> [String]
    func exists(_ name: String) -> Bool
    /// True when `name` is a folder inside this one (never in memory).
    func isFolder(_ name: String) -> Bool
    func open(_ name: String, _ access: FileAccess) throws -> any StorageFile
    /// Replaces a whole file at once: a temporary file, fsync (when
    /// `durable`), rename, fsync of the folder. Readers see the old bytes or
    /// the new, never a mix.
    func writeAtomically(_ name: String, _ bytes: [UInt8], durable: Bool) throws
    /// Renames a file, replacing any file of the new name.
    func rename(_ name: String, to newName: String) throws
    /// Removes a file; a missing one is no error.
    func remove(_ name: String)
    /// Makes the folder's entries (created, renamed files) durable.
    func sync() throws
    /// Takes the lock named `name` in this folder, waiting at most
    /// `timeout` seconds (then StoreError.lockTimeout). It excludes other
    /// processes on disk, other threads in memory.
    func lock(_ name: String, _ mode: LockMode, timeout: Double) throws -> any StorageLock
    /// Maps an existing file for reading and writing in place; nil when it
    /// is missing, empty or cannot be mapped.
    func map(_ name: String) -> (any MappedBytes)?
    /// Creates (or replaces, atomically) a file of `count` zero bytes, every
    /// page allocated, and maps it.
    func createMapped(_ name: String, count: Int) throws -> any MappedBytes
    /// True when this process can create a file here with `ownership`
    /// (its owner and group): root, or the owner while in the group.
    func canCreateFiles(owned ownership: FileOwnership) -> Bool
    /// The identity of the period over which unsynced writes are kept: the
    /// machine's boot for a disk (a power cut may lose pages written since),
    /// the process for memory. Caches written in another one are rebuilt.
    var bootID: String { get }
}

extension StorageFolder {
    /// A file of this folder as named in messages.
    public func path(of name: String) -> String { path + "/" + name }

    /// The whole file.
    func readAll(_ name: String) throws -> [UInt8] {
        let f = try open(name, .read)
        return try f.read(count: Int(try f.size()), at: 0)
    }
}

/// The folders of one ledger, and where its caches are kept.
public struct LedgerStorage {
    /// The ledger's own folder: created by `init`, and synced after it.
    public var root: any StorageFolder
    /// events/: the journal, its sealed segments, the lock.
    public var events: any StorageFolder
    /// snapshots/: the snapshot files.
    public var snapshots: any StorageFolder
    /// Where the caches (checkpoints, the facts index, pinned blobs) live.
    public var caches: CacheLocation

    public init(root: any StorageFolder, events: any StorageFolder, snapshots: any StorageFolder, caches: CacheLocation) {
        self.root = root
        self.events = events
        self.snapshots = snapshots
        self.caches = caches
    }

    /// The ledger in the directory `paths` names, on disk, its caches kept
    /// as `caches` says (see `CacheLocation.account`). The ledger's own
    /// directory may be reached through a symbolic link; events/ and
    /// snapshots/ may not be links.
    public static func files(_ paths: LedgerPaths, caches: CacheLocation = .none) -> LedgerStorage {
        LedgerStorage(root: POSIXFolder(path: paths.directory, followsLink: true), events: POSIXFolder(path: paths.events),
                      snapshots: POSIXFolder(path: paths.snapshots), caches: caches)
    }

    /// A ledger in memory, its files named in messages as if it lived in
    /// `paths`. Ledgers made on the same storage see the same files, share
    /// its locks and its caches, as processes share a directory.
    public static func inMemory(_ paths: LedgerPaths = LedgerPaths(directory: "memory")) -> LedgerStorage {
        let root = MemoryFolder(path: paths.directory)
        let events = MemoryFolder(path: paths.events, parent: root)
        let cache = MemoryFolder(path: "memory-cache")
        try? cache.create()
        return LedgerStorage(root: root, events: events, snapshots: MemoryFolder(path: paths.snapshots, parent: root),
                             caches: .shared(cache))
    }
}

/// Where a ledger's caches are kept. A cache is read only from a folder no
/// other account can have written: a forged cache could otherwise change a
/// figure (its internal checks are unkeyed SHA-256 that anyone can recompute).
public enum CacheLocation {
    /// None between commands: each command keeps what it computes in memory.
    case none
    /// This folder (in memory: shared by the ledgers of one storage).
    case shared(any StorageFolder)
    /// Under this directory of the OS account (`~/.cache/ledger`): one
    /// folder per ledger, named after the ledger's identity (its folder's
    /// real path and its first event's hash), created mode 0700, and used
    /// only while it and the directory are the account's own and writable
    /// by no one else (AccountCaches.swift). Otherwise: as `.none`.
    case account(directory: String)
}

/// A fresh, unpredictable name for a temporary file beside `name`: the
/// system's random generator (getrandom), so another account cannot plant
/// a link at the name before it is created (with O_EXCL).
func temporaryName(_ name: String) -> String {
    var g = SystemRandomNumberGenerator()
    let r = g.next()
    let hex = String(r, radix: 16)
    return name + ".tmp." + String(repeating: "0", count: 16 - hex.count) + hex
}
