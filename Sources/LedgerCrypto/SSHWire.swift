// The SSH wire encoding (RFC 4251 section 5): big-endian uint32, and
// "string" as a uint32 length then that many bytes. Public keys, SSHSIG
// blobs and ssh-agent messages are all made of these. The reader is
// bounds-checked: every read either succeeds or throws `truncated`.

/// Why bytes are not the SSH encoding expected.
public enum SSHWireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes end before a field does.
    case truncated
    /// Bytes remain after the last field.
    case trailingBytes(Int)
    /// A text field is not UTF-8.
    case invalidUTF8

    public var description: String {
        switch self {
        case .truncated: return "truncated SSH data"
        case .trailingBytes(let n): return "\(n) unexpected bytes after the last SSH field"
        case .invalidUTF8: return "an SSH text field is not UTF-8"
        }
    }
}

/// Reads SSH wire fields from bytes, front to back.
public struct SSHReader: Sendable {
    public let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True when every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// The next `count` bytes.
    public mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else { throw SSHWireError.truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    public mutating func readByte() throws -> UInt8 {
        try readBytes(1)[0]
    }

    public mutating func readUInt32() throws -> UInt32 {
        let b = try readBytes(4)
        return UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3])
    }

    /// A "string": a uint32 length, then the bytes.
    public mutating func readString() throws -> [UInt8] {
        let length = try readUInt32()
        guard UInt64(length) <= UInt64(bytes.count - offset) else { throw SSHWireError.truncated }
        return try readBytes(Int(length))
    }

    /// A "string" holding UTF-8 text.
    public mutating func readText() throws -> String {
        let raw = try readString()
        guard let text = String(validating: raw, as: UTF8.self) else { throw SSHWireError.invalidUTF8 }
        return text
    }

    /// Throws unless every byte has been read.
    public func expectEnd() throws {
        guard isAtEnd else { throw SSHWireError.trailingBytes(bytes.count - offset) }
    }
}

/// Writes SSH wire fields.
public struct SSHWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func writeByte(_ value: UInt8) { bytes.append(value) }

    public mutating func writeUInt32(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// Raw bytes, with no length in front.
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// A "string": the length as uint32, then the bytes.
    public mutating func writeString(_ value: [UInt8]) {
        writeUInt32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ text: String) { writeString(Array(text.utf8)) }
}
