// A compact binary writer and a bounds-checked reader, for caches
// (checkpoints). Every read is checked: a damaged cache file is an error,
// never a crash, and the caller rebuilds from the journal.

public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func byte(_ b: UInt8) { bytes.append(b) }

    public mutating func uvarint(_ v0: UInt64) {
        var v = v0
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func varint(_ v: Int64) { uvarint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    public mutating func int(_ v: Int) { varint(Int64(v)) }

    public mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    public mutating func string(_ s: String) {
        let utf8 = s.utf8
        uvarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    public mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    public mutating func fixed64(_ v: UInt64) {
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }
}

public struct BinaryReaderError: Error, Equatable, Sendable {
    public var offset: Int
    public var message: String
}

public struct BinaryReader {
    private let bytes: UnsafeRawBufferPointer
    public private(set) var position: Int

    public init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    public var isAtEnd: Bool { position == bytes.count }

    func fail(_ m: String) -> BinaryReaderError { BinaryReaderError(offset: position, message: m) }

    public mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw fail("unexpected end") }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func uvarint() throws -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("varint too long") }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    public mutating func varint() throws -> Int64 {
        let u = try uvarint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    public mutating func int() throws -> Int {
        Int(try varint())
    }

    /// A count of items that follow, each at least `minimumBytes` long: bounded
    /// by what is left, so a damaged count cannot ask for a huge allocation.
    public mutating func count(minimumBytes: Int = 1) throws -> Int {
        let n = try uvarint()
        guard n <= UInt64(bytes.count - position) / UInt64(max(1, minimumBytes)) else { throw fail("count larger than the data") }
        return Int(n)
    }

    public mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw fail("bad boolean")
        }
    }

    public mutating func string() throws -> String {
        let n = try count()
        guard let s = UTF8Text.string(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)])) else {
            throw fail("invalid UTF-8")
        }
        position += n
        return s
    }

    public mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    public mutating func raw(_ n: Int) throws -> [UInt8] {
        guard n <= bytes.count - position else { throw fail("unexpected end") }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    public mutating func fixed64() throws -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(try byte()) << UInt64(8 * i) }
        return v
    }
}
