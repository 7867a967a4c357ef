// The small POSIX file layer the benchmark and the campaigns need: whole
// files in and out, directories made, listed, walked, copied and removed,
// temporary directories. Plain system calls, no Foundation, so the same
// code serves the Foundation-free benchmark. Symlinks are never followed
// when walking, copying or removing a tree: a campaign may leave one that
// points at /dev/zero.

#if canImport(Glibc)
import Glibc
#endif

/// A file operation that failed, with the path and the system's reason.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public var description: String

    /// An error worded by the caller.
    public init(description: String) { self.description = description }

    /// "cannot VERB PATH: strerror(errno)".
    static func system(_ verb: String, _ path: String, _ code: Int32 = errno) -> FileError {
        FileError(description: "cannot \(verb) \(path): \(String(cString: strerror(code)))")
    }
}

/// What `lstat` says a path is.
public enum FileKind: Equatable, Sendable {
    case regular, directory, symlink, other
}

/// Whole-file and directory-tree helpers over POSIX calls.
public enum Files {
    // MARK: Looking

    /// True when something exists at `path` (a dangling symlink does not count).
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The size in bytes of the file at `path` (symlinks followed), or nil.
    public static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    /// What the path itself is (symlinks not followed), or nil when nothing is there.
    public static func kind(_ path: String) -> FileKind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    /// True when `path` is a directory, or a symlink to one.
    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// The names in `directory` (without "." and ".."), sorted; empty when it cannot be read.
    public static func list(_ directory: String) -> [String] {
        guard let d = opendir(directory) else { return [] }
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

    /// Every path under `directory`, relative to it, sorted; directories are
    /// entered, symlinks are listed but not followed. Empty when it cannot be read.
    public static func walk(_ directory: String) -> [String] {
        var result: [String] = []
        func visit(_ relative: String) {
            for name in list(relative.isEmpty ? directory : directory + "/" + relative) {
                let child = relative.isEmpty ? name : relative + "/" + name
                result.append(child)
                if kind(directory + "/" + child) == .directory { visit(child) }
            }
        }
        visit("")
        return result.sorted()
    }

    /// The regular files under `directory` (symlinks not followed), relative, sorted.
    public static func regularFiles(under directory: String) -> [String] {
        walk(directory).filter { kind(directory + "/" + $0) == .regular }
    }

    /// Where the symlink at `path` points, or nil.
    public static func symlinkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// This executable's path, resolved.
    public static func selfExecutable() -> String? {
        guard let path = symlinkTarget("/proc/self/exe"), !path.isEmpty else { return nil }
        return path
    }

    /// The current working directory.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    // MARK: Reading and writing

    /// The whole file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.system("open", path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.system("read", path)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The whole file as UTF-8 text (invalid bytes replaced), or nil when it cannot be read.
    public static func readText(_ path: String) -> String? {
        (try? read(path)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Replaces the file at `path` with `bytes` (created with `mode` when new).
    public static func write(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError.system("write", path) }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.system("write", path)
            }
            done += n
        }
    }

    /// Replaces the file at `path` with `text` in UTF-8.
    public static func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }

    // MARK: Making and removing

    /// Makes `path` and any missing parents (mode 0755); existing ones are fine.
    public static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw FileError.system("create", prefix) }
        }
    }

    /// Removes the file or empty directory at `path`, if any; errors are ignored.
    public static func remove(_ path: String) {
        if unlink(path) != 0 && errno == EISDIR { rmdir(path) }
    }

    /// Removes `path` and everything under it, if it exists. Read-only
    /// directories are made writable first (a fault case may leave one);
    /// symlinks are removed, never followed.
    public static func removeTree(_ path: String) throws {
        guard let k = kind(path) else { return }
        if k == .directory {
            chmod(path, 0o755)
            for name in list(path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 else { throw FileError.system("remove", path) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw FileError.system("remove", path) }
        }
    }

    /// Copies the tree at `from` to `to` (removing what was at `to`): directories,
    /// regular files (written with mode 0644) and symlinks as symlinks.
    /// `skip` names relative paths to leave out, with everything under them.
    public static func copyTree(_ from: String, _ to: String, skip: Set<String> = []) throws {
        try removeTree(to)
        try makeDirectories(to)
        for relative in walk(from) {
            if skip.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) { continue }
            let source = from + "/" + relative
            let target = to + "/" + relative
            switch kind(source) {
            case .directory: try makeDirectories(target)
            case .regular: try write(target, try read(source))
            case .symlink: if let destination = symlinkTarget(source) { symlink(destination, target) }
            default: continue
            }
        }
    }

    /// A new, empty directory under $TMPDIR (or /tmp) whose name starts with `prefix`.
    public static func makeTemporaryDirectory(prefix: String) throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array(((base.hasSuffix("/") ? base : base + "/") + prefix + "XXXXXX").utf8).map { CChar(bitPattern: $0) }
        template.append(0)
        guard mkdtemp(&template) != nil else { throw FileError.system("create a temporary directory in", base) }
        return String(cString: template)
    }
}
