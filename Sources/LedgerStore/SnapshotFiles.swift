// The snapshot files on disk, in DIR/snapshots/: listed, read, and written
// atomically (a temporary file, fsync, rename), so a reader or a crash never
// sees half a snapshot. What they contain is decided elsewhere (the pure
// renderers in LedgerReports); here are only bytes and names.

extension Ledger {
    /// The names of the files in snapshots/ (none when it does not exist),
    /// sorted.
    public func snapshotFileNames() -> [String] {
        FileSystem.listDirectory(paths.snapshots).filter { !FileSystem.isDirectory(paths.snapshots + "/" + $0) }
    }

    /// The path of a file in snapshots/.
    public func snapshotPath(_ name: String) -> String { paths.snapshots + "/" + name }

    /// A snapshot file's bytes, or nil when it does not exist.
    public func readSnapshot(_ name: String) throws -> [UInt8]? {
        let path = snapshotPath(name)
        guard FileSystem.exists(path) else { return nil }
        return try FileSystem.readAll(path)
    }

    /// Writes a snapshot file atomically and durably, creating snapshots/
    /// if it is missing.
    public func writeSnapshot(_ name: String, _ bytes: [UInt8]) throws {
        try FileSystem.makeDirectory(paths.snapshots)
        try FileSystem.writeAtomically(snapshotPath(name), bytes)
    }
}
