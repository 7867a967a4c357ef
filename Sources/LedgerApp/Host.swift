// What a use case takes from the machine it runs on: the time and the
// operating-system account. The system's in the binary; fixed values in
// tests, so every use case runs in-process and deterministically.

import LedgerCore
import LedgerStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock and the OS account, injected.
public struct Host: Sendable {
    /// Now, in microseconds since the epoch.
    public var now: @Sendable () -> Timestamp
    /// The operating-system account running the command.
    public var account: @Sendable () -> String
    /// Which build of the program runs (its executable's size and time): an
    /// answer cached by another build is never served, since the bytes of a
    /// report may differ between builds while the journal does not.
    public var build: String

    public init(now: @escaping @Sendable () -> Timestamp, account: @escaping @Sendable () -> String, build: String = "") {
        self.now = now
        self.account = account
        self.build = build
    }

    /// The system clock and the account that runs the process.
    public static let system = Host(now: systemClock, account: processAccount, build: executableIdentity())

    /// The system's clock, or `fixed` when given.
    public static func system(clock fixed: Timestamp?) -> Host {
        guard let fixed else { return .system }
        return Host(now: { fixed }, account: processAccount, build: system.build)
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
