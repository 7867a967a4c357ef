// What a use case takes from the machine it runs on: the time, the
// operating-system account and where the account keeps its caches. The
// system's in the binary; fixed values in tests, so every use case runs
// in-process and deterministically. A clock set by the user (LEDGER_CLOCK)
// says so: it is honoured only on a demonstration ledger.

import LedgerCore
import LedgerStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock, the OS account and the account's cache directory, injected.
public struct Host: Sendable {
    /// Now, in microseconds since the epoch.
    public var now: @Sendable () -> Timestamp
    /// The operating-system account running the command.
    public var account: @Sendable () -> String
    /// True when `now` is a time the user set (LEDGER_CLOCK), not the
    /// system's clock: honoured only on a ledger made with `init --demo`.
    public var clockIsSetByUser: Bool
    /// Where this account keeps ledger caches (`~/.cache/ledger`), each
    /// ledger in a folder of its own; nil: no cache kept between commands.
    public var cacheDirectory: String?
    /// Which build of the program runs (its executable's size and time): an
    /// answer cached by another build is never served, since the bytes of a
    /// report may differ between builds while the journal does not.
    public var build: String

    public init(now: @escaping @Sendable () -> Timestamp, account: @escaping @Sendable () -> String,
                clockIsSetByUser: Bool = false, cacheDirectory: String? = nil, build: String = "") {
        self.now = now
        self.account = account
        self.clockIsSetByUser = clockIsSetByUser
        self.cacheDirectory = cacheDirectory
        self.build = build
    }

    /// The system clock and the account that runs the process, no caches kept.
    public static let system = Host(now: systemClock, account: processAccount, build: executableIdentity())

    /// The system's clock, or `fixed` (set by the user) when given; caches
    /// kept under `cacheDirectory`.
    public static func system(clock fixed: Timestamp?, cacheDirectory: String? = nil) -> Host {
        guard let fixed else { return Host(now: systemClock, account: processAccount, cacheDirectory: cacheDirectory, build: system.build) }
        return Host(now: { fixed }, account: processAccount, clockIsSetByUser: true, cacheDirectory: cacheDirectory, build: system.build)
    }

    /// The account's cache directory as the environment names it:
    /// `$XDG_CACHE_HOME/ledger`, else `$HOME/.cache/ledger` (absolute paths only).
    public static func cacheDirectory(environment: [String: String]) -> String? {
        if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/ledger" }
        if let h = environment["HOME"], h.hasPrefix("/") { return (h == "/" ? "" : h) + "/.cache/ledger" }
        return nil
    }
}

/// The running executable's size and modification time, or "" where the
/// system does not say (no /proc).
func executableIdentity() -> String {
    var st = stat()
    guard stat("/proc/self/exe", &st) == 0 else { return "" }
    return "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
}

@Sendable func systemClock() -> Timestamp {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Timestamp(microseconds: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
}

/// The operating-system account running the command: from /etc/passwd
/// (read directly: the name service switch costs a tenth of an append),
/// else through getpwuid for accounts kept elsewhere (LDAP), else the uid.
@Sendable func processAccount() -> String {
    let uid = geteuid()
    if let bytes = try? InputFile.read("/etc/passwd") {
        for line in bytes.split(separator: 0x0A) {
            let fields = line.split(separator: UInt8(ascii: ":"), maxSplits: 3, omittingEmptySubsequences: false)
            if fields.count >= 3, String(decoding: fields[2], as: UTF8.self) == String(uid), !fields[0].isEmpty {
                return String(decoding: fields[0], as: UTF8.self)
            }
        }
    }
    if let pw = getpwuid(uid), let name = pw.pointee.pw_name { return String(cString: name) }
    return "uid-\(uid)"
}
