// The values of the ZIP layer: an entry (a name, its bytes, how they are
// stored), an archive read back, and the reader's limits.

/// One file in a ZIP archive: its name (a relative path with `/`), its
/// uncompressed bytes, and how the archive stores them.
public struct ZipEntry: Sendable, Equatable {
    /// The two methods this library writes and reads.
    public enum Method: UInt16, Sendable, Equatable {
        /// Method 0: the bytes as they are.
        case stored = 0
        /// Method 8: DEFLATE (RFC 1951).
        case deflated = 8
    }

    public var name: String
    public var data: [UInt8]
    public var method: Method

    public init(name: String, data: [UInt8], method: Method = .deflated) {
        self.name = name
        self.data = data
        self.method = method
    }
}

/// A ZIP archive read and checked in full: its entries in central directory
/// order, and its comment.
public struct ZipArchive: Sendable, Equatable {
    public var entries: [ZipEntry]
    public var comment: [UInt8]

    public init(entries: [ZipEntry], comment: [UInt8] = []) {
        self.entries = entries
        self.comment = comment
    }

    /// The entry with exactly this name, if any.
    public func entry(named name: String) -> ZipEntry? { entries.first { $0.name == name } }
}

/// What the reader accepts before it inflates anything.
public struct ZipLimits: Sendable, Equatable {
    /// The most entries an archive may list.
    public var maxEntryCount: Int
    /// The most bytes all entries together may inflate to (a ZIP bomb stops here).
    public var maxTotalSize: Int

    public init(maxEntryCount: Int = 10_000, maxTotalSize: Int = 256 << 20) {
        self.maxEntryCount = maxEntryCount
        self.maxTotalSize = maxTotalSize
    }

    /// 10,000 entries and 256 MiB inflated.
    public static let `default` = ZipLimits()
}
