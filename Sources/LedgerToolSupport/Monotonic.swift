// The monotonic clock and a sleep that survives signals: what the tools use
// to time whole processes, to set deadlines and to wait between polls.

#if canImport(Glibc)
import Glibc
#endif

/// Seconds on CLOCK_MONOTONIC, and sleeping for a while.
public enum Monotonic {
    /// Seconds on the monotonic clock (an arbitrary origin; only differences mean anything).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Sleeps `seconds` (nothing for zero or less), resuming after a signal.
    public static func sleep(_ seconds: Double) {
        guard seconds > 0 else { return }
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var rest = timespec()
        while nanosleep(&ts, &rest) != 0 && errno == EINTR { ts = rest }
    }
}
