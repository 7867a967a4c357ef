// A file of the in-memory storage: its bytes, an open handle on them, and a
// "mapping" (the bytes themselves, written in place). Like an inode, the
// bytes live as long as a handle or mapping holds them, even after the name
// is removed or renamed over: a reader keeps the journal it opened while a
// seal rewrites the name.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one file, guarded by a mutex so threads may share them.
final class MemoryBytes {
    let mutex = Mutex()
    private(set) var storage: UnsafeMutableRawPointer
    private(set) var count: Int
    private var capacity: Int
    /// While mapped, the bytes may not move: the file may not grow or shrink.
    private var mappings = 0

    init(count: Int = 0) {
        capacity = max(count, 64)
        storage = .allocate(byteCount: capacity, alignment: 16)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        self.count = count
    }

    convenience init(_ bytes: [UInt8]) {
        self.init(count: bytes.count)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { storage.copyMemory(from: b, byteCount: bytes.count) } }
    }

    deinit { storage.deallocate() }

    var size: Int { mutex.locked { count } }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) -> Int {
        mutex.locked {
            guard offset < Int64(count), buffer.count > 0 else { return 0 }
            let n = min(buffer.count, count - Int(offset))
            buffer.baseAddress!.copyMemory(from: storage + Int(offset), byteCount: n)
            return n
        }
    }

    /// Writes `bytes` at `offset` (nil: at the end), no further than
    /// `limit` bytes into the file; returns how many were written.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64?, limit: Int64?) -> Int {
        mutex.locked {
            let start = offset.map { Int($0) } ?? count
            let end = min(start + bytes.count, limit.map { Int($0) } ?? Int.max)
            guard end > start else { return 0 }
            if end > count { resize(to: end) }
            (storage + start).copyMemory(from: bytes.baseAddress!, byteCount: end - start)
            return end - start
        }
    }

    func truncate(to length: Int) {
        mutex.locked { resize(to: length) }
    }

    /// Grows (with zeros) or shrinks the file; the caller holds the mutex.
    private func resize(to length: Int) {
        guard length != count else { return }
        precondition(mappings == 0, "a mapped memory file does not change size")
        if length > capacity {
            let bigger = max(length, capacity * 2)
            let fresh = UnsafeMutableRawPointer.allocate(byteCount: bigger, alignment: 16)
            fresh.copyMemory(from: storage, byteCount: count)
            (fresh + count).initializeMemory(as: UInt8.self, repeating: 0, count: bigger - count)
            storage.deallocate()
            storage = fresh
            capacity = bigger
        } else if length > count {
            (storage + count).initializeMemory(as: UInt8.self, repeating: 0, count: length - count)
        }
        count = length
    }

    func mapped() -> UnsafeMutableRawPointer {
        mutex.locked {
            mappings += 1
            return storage
        }
    }

    func unmapped() { mutex.locked { mappings -= 1 } }
}

/// An open memory file.
final class MemoryFileHandle: StorageFile {
    let bytes: MemoryBytes
    let path: String
    private let writable: Bool
    /// Writes past this many bytes fail with EFBIG, as under `ulimit -f`.
    private let limit: Int64?

    init(_ bytes: MemoryBytes, path: String, writable: Bool, limit: Int64?) {
        self.bytes = bytes
        self.path = path
        self.writable = writable
        self.limit = limit
    }

    func size() throws -> Int64 { Int64(bytes.size) }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        bytes.read(into: buffer, at: offset)
    }

    func append(_ data: UnsafeRawBufferPointer) throws {
        try write(data, at: nil)
    }

    func write(_ data: UnsafeRawBufferPointer, at offset: Int64) throws {
        try write(data, at: Optional(offset))
    }

    private func write(_ data: UnsafeRawBufferPointer, at offset: Int64?) throws {
        guard writable else { throw ioError("write", path, EBADF) }
        guard data.count > 0 else { return }
        if bytes.write(data, at: offset, limit: limit) < data.count { throw ioError("write", path, EFBIG) }
    }

    func sync() throws {}

    func ownership() throws -> FileOwnership? { nil }

    func adopt(_ ownership: FileOwnership) throws {}

    func truncate(to length: Int64) throws {
        guard writable else { throw ioError("truncate", path, EINVAL) }
        bytes.truncate(to: Int(length))
    }
}

/// A memory file's bytes, used in place.
final class MemoryMapping: MappedBytes {
    private let bytes: MemoryBytes
    let base: UnsafeMutableRawPointer
    let count: Int

    init(_ bytes: MemoryBytes) {
        self.bytes = bytes
        base = bytes.mapped()
        count = bytes.size
    }

    deinit { bytes.unmapped() }

    func remap() -> Bool { true }
}
