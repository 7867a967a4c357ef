// The caches of one OS account: a folder per ledger under a directory of
// the account's own (`$XDG_CACHE_HOME/ledger/` or `~/.cache/ledger/`),
// never in the shared ledger folder. A cache's internal checks are unkeyed
// SHA-256 that anyone can recompute, so a cache is only as trustworthy as
// the folder it sits in: one that another account could have written is
// never used.
//
// The rules, checked on every use (lstat, never through a link):
// - the cache home (`~/.cache`, made mode 0700 if missing) is a directory
//   owned by the account or by root, and writable by no one else unless it
//   is sticky (as /tmp is: nobody can then move our entries away);
// - `ledger/` and `ledger/<id>/` (made mode 0700) are directories, not
//   links, owned by the account, writable by no one else.
// Anything else and the ledger runs without caches kept between commands
// (slower, never wrong). The folder's files are made mode 0600 and opened
// like every file of the ledger (POSIXFolder: O_NOFOLLOW, O_EXCL
// temporaries).
//
// <id> is the first 32 hex digits of SHA-256 over the ledger folder's
// real path and its first event's hash: two ledgers, or two copies of one
// ledger in two places, never share a cache folder.

import LedgerCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

enum AccountCaches {
    /// The cache folder for the ledger `id` under `directory`
    /// (`<cache home>/ledger`), created if missing; nil when it, or the
    /// directories above it, could have been written by another account.
    static func folder(in directory: String, ledger id: String) -> POSIXFolder? {
        let home = FileSystem.directory(of: directory)
        guard home != directory, ensure(home, mustBeOwn: false), ensure(directory, mustBeOwn: true),
              ensure(directory + "/" + id, mustBeOwn: true) else { return nil }
        return POSIXFolder(path: directory + "/" + id, fileMode: 0o600, folderMode: 0o700)
    }

    /// Creates `path` (mode 0700) if missing, then checks it. `mustBeOwn`:
    /// owned by this account and not a link; otherwise the account's or
    /// root's (a link is followed: `~/.cache` may point elsewhere).
    static func ensure(_ path: String, mustBeOwn: Bool) -> Bool {
        if mkdir(path, 0o700) != 0 && errno != EEXIST { return false }
        var st = stat()
        guard (mustBeOwn ? lstat(path, &st) : stat(path, &st)) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return false }
        let user = geteuid()
        let othersMayWrite = st.st_mode & (S_IWGRP | S_IWOTH) != 0
        if mustBeOwn { return st.st_uid == user && !othersMayWrite }
        return (st.st_uid == user || st.st_uid == 0) && (!othersMayWrite || st.st_mode & S_ISVTX != 0)
    }

    /// The cache folder's name for a ledger: its folder's real path and its first event's hash.
    static func ledgerID(root: String, firstEventHash: Digest256) -> String {
        var real = root
        if let p = realpath(root, nil) {
            real = String(cString: p)
            free(p)
        }
        let text = "ledger cache 1\n" + real + "\n" + firstEventHash.hex
        return String(SHA256.hash(Array(text.utf8)).hex.prefix(32))
    }
}
