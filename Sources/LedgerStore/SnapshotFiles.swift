// The snapshot files, in the snapshots folder (DIR/snapshots/ on disk):
// listed, read, and written atomically (a temporary file, fsync, rename),
// so a reader or a crash never sees half a snapshot. What they contain is
// decided elsewhere (the pure renderers in LedgerReports); here are only
// bytes and names.

extension Ledger {
    /// The names of the files in snapshots/ (none when it does not exist),
    /// sorted.
    public func snapshotFileNames() -> [String] {
        let folder = storage.snapshots
        return folder.names().filter { !folder.isFolder($0) }
    }

    /// A file of snapshots/ as named in messages (its path, on disk).
    public func snapshotPath(_ name: String) -> String { storage.snapshots.path(of: name) }

    /// A snapshot file's bytes, or nil when it does not exist.
    public func readSnapshot(_ name: String) throws -> [UInt8]? {
        guard storage.snapshots.exists(name) else { return nil }
        return try storage.snapshots.readAll(name)
    }

    /// Writes a snapshot file atomically and durably, creating snapshots/
    /// if it is missing.
    public func writeSnapshot(_ name: String, _ bytes: [UInt8]) throws {
        try storage.snapshots.create()
        try storage.snapshots.writeAtomically(name, bytes, durable: true)
    }
}
