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
        try writeSnapshots([(name, bytes)])
    }

    /// Writes snapshot files all or none: each to an unpredictable
    /// temporary name (O_EXCL, never through a link) and synced, then all
    /// renamed into place and the folder synced. A failure before the
    /// renames (a full disk) removes the temporary files: nothing is left.
    public func writeSnapshots(_ files: [(name: String, bytes: [UInt8])]) throws {
        let folder = storage.snapshots
        try folder.create()
        var temps: [(temp: String, name: String)] = []
        do {
            for f in files {
                let temp = temporaryName(f.name)
                temps.append((temp, f.name))
                let out = try folder.open(temp, .createExclusive(mode: 0o644))
                try out.append(f.bytes)
                try out.sync()
            }
            for t in temps { try folder.rename(t.temp, to: t.name) }
        } catch {
            for t in temps { folder.remove(t.temp) }
            throw error
        }
        try folder.sync()
    }
}
