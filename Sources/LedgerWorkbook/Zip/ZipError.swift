// Every reason the ZIP layer refuses an archive or an entry, as data, each
// with one sentence the ledger can print.

/// Why an archive could not be written or was refused when read.
public enum ZipError: Error, Equatable, Sendable, CustomStringConvertible {
    // Reading: the archive as a whole.
    /// No end of central directory record: not a ZIP archive, or cut short.
    case notAZipArchive
    /// A multi-volume (split) archive.
    case multipleDisks
    /// ZIP64 records or markers; this reader supports archives under 4 GiB and 65,535 entries only.
    case zip64NotSupported
    /// The central directory is not where the end record says (offset, size, and where the end record is).
    case centralDirectoryOutOfBounds(offset: Int, size: Int, end: Int)
    /// The central directory's record `index` (from 0) is damaged.
    case malformedCentralDirectory(index: Int)
    /// More entries than the limit.
    case tooManyEntries(count: Int, limit: Int)
    /// All entries together would inflate past the limit (a ZIP bomb, or just too big).
    case totalSizeLimitExceeded(declared: Int, limit: Int)
    // Reading: one entry.
    /// Two entries with the same name.
    case duplicateName(String)
    /// A name that is not valid in its declared encoding.
    case invalidName(index: Int)
    /// Encrypted entries are refused.
    case encryptedEntry(String)
    /// A compression method other than stored (0) and deflate (8).
    case unsupportedMethod(String, method: Int)
    /// The entry's local header is missing or damaged, or disagrees with the central directory.
    case malformedLocalHeader(String)
    /// The entry's header or data runs past the file data (into the central directory or the end).
    case entryOutOfBounds(String)
    /// Two entries' bytes overlap.
    case overlappingEntries(String, String)
    /// The compressed data is damaged.
    case corruptData(String, InflateError)
    /// The data inflates to a size other than the declared one (nil: more than declared).
    case sizeMismatch(String, declared: Int, actual: Int?)
    /// The data's CRC-32 is not the declared one.
    case crcMismatch(String, declared: UInt32, actual: UInt32)
    // Writing.
    /// A name that is empty, absolute, holds a backslash or NUL, or is longer than 65,535 bytes.
    case invalidNameForWriting(String)
    /// More than 4 GiB in one entry or in the archive, or more than 65,534 entries: ZIP64 is not written.
    case archiveTooLarge
    /// A comment longer than 65,535 bytes.
    case commentTooLong

    public var description: String {
        switch self {
        case .notAZipArchive: return "the file is not a ZIP archive (no end of central directory record), or it was cut short"
        case .multipleDisks: return "the archive is split across several files, which is not supported"
        case .zip64NotSupported: return "the archive uses ZIP64 records, which are not supported (archives up to 4 GiB and 65,535 entries are)"
        case .centralDirectoryOutOfBounds(let o, let s, let e):
            return "the central directory (offset \(o), \(s) bytes) is not where the end record at offset \(e) says it is: the archive is damaged or cut short"
        case .malformedCentralDirectory(let i): return "central directory record \(i + 1) is damaged"
        case .tooManyEntries(let c, let l): return "the archive lists \(c) entries; at most \(l) are accepted"
        case .totalSizeLimitExceeded(let d, let l): return "the archive would inflate to \(d) bytes; at most \(l) are accepted"
        case .duplicateName(let n): return "the archive holds two entries named \(n)"
        case .invalidName(let i): return "the name of entry \(i + 1) is not valid text"
        case .encryptedEntry(let n): return "the entry \(n) is encrypted; save the file without a password"
        case .unsupportedMethod(let n, let m): return "the entry \(n) uses compression method \(m); only stored (0) and deflate (8) are supported"
        case .malformedLocalHeader(let n): return "the local header of \(n) is damaged or disagrees with the central directory"
        case .entryOutOfBounds(let n): return "the entry \(n) runs past the end of the file data: the archive is damaged or cut short"
        case .overlappingEntries(let a, let b): return "the entries \(a) and \(b) overlap"
        case .corruptData(let n, let e): return "the entry \(n) is damaged: \(e)"
        case .sizeMismatch(let n, let d, let a):
            return "the entry \(n) inflates to \(a.map(String.init) ?? "more than \(d)") bytes, not the declared \(d)"
        case .crcMismatch(let n, let d, let a): return "the entry \(n) is damaged: its CRC-32 is \(hex(a)), not the declared \(hex(d))"
        case .invalidNameForWriting(let n): return "\"\(n)\" cannot name a ZIP entry (empty, absolute, a backslash or NUL, or too long)"
        case .archiveTooLarge: return "the archive would need ZIP64 (over 4 GiB or 65,534 entries), which is not written"
        case .commentTooLong: return "the archive comment is longer than 65,535 bytes"
        }
    }

    private func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
