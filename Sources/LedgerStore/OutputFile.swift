// Writing a file the user named (`export xlsx FILE`, `export pnt FILE`):
// whole and atomically (a temporary file under an unpredictable name, made
// with O_EXCL and never through a link, fsync, then into place), so a
// reader never sees half an export; an existing file is replaced only when
// the user said so, and otherwise the check and the placing are one step
// (link(2) fails on an existing name), so nothing is ever overwritten by a race.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something is already at the path an export was to write (and the user
/// did not ask to replace it).
public struct OutputFileExists: Error, Equatable {
    public var path: String
}

public enum OutputFile {
    /// Writes `bytes` to `path`. Without `replacing`, a file already at
    /// `path` is left alone and `OutputFileExists` is thrown.
    public static func write(_ path: String, _ bytes: [UInt8], replacing: Bool) throws {
        if replacing {
            try FileSystem.writeAtomically(path, bytes)
            return
        }
        if FileSystem.exists(path) { throw OutputFileExists(path: path) }
        let temp = try FileSystem.writeTemporary(beside: path, bytes)
        defer { unlink(temp) }
        guard link(temp, path) == 0 else {
            if errno == EEXIST { throw OutputFileExists(path: path) }
            throw ioError("link", path)
        }
        try FileSystem.syncDirectory(FileSystem.directory(of: path))
    }

    /// True when something is at `path`.
    public static func exists(_ path: String) -> Bool { FileSystem.exists(path) }
}
