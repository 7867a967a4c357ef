// The Ed25519 checks of a journal's signatures, run on every core: verify
// gathers them while it folds (RuleReplay) and hands them here in runs of a
// few thousand, checked in the background while the fold goes on. Each
// check is pure and independent, so a run is split into one contiguous
// share per core; a share's batches are hashed together (SHA-512 of eight
// at once with AVX-512), then its signatures checked one by one. The check
// threads run at a lower priority than the reading and replaying threads,
// whose pace is verify's, and take the time those leave.

import Dispatch
import LedgerCore

enum SignatureChecks {
    /// How many checks verify gathers before running them.
    static let run = 4096
    /// Or once the batches they cover (hashed by the checks) hold this many
    /// bytes. With `inFlight` runs waiting, this bounds the memory held for
    /// the checks (2 MB and 3 runs keep a 1M-event verify's peak near the
    /// unsigned one's plus 20 MB, checks at a lower priority falling behind).
    static let runBytes = 2 << 20

    /// The cores to use.
    static let cores: Int = {
        #if os(Linux)
        let n = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        let n = Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
        return max(1, n)
    }()

    /// The check of lowest seq that fails, if any; every check is run, on `cores` threads.
    static func firstFailure(_ checks: [SignatureCheck], cores: Int = SignatureChecks.cores) -> SignatureCheck? {
        guard !checks.isEmpty else { return nil }
        var ok = [Bool](repeating: false, count: checks.count)
        let shares = min(cores, checks.count)
        ok.withUnsafeMutableBufferPointer { results in
            let out = results
            DispatchQueue.concurrentPerform(iterations: shares) { share in
                yieldToTheReplay()
                let lo = checks.count * share / shares, hi = checks.count * (share + 1) / shares
                // The share's batches are hashed together (SHA-512 many at once), then each signature checked.
                for (i, ok) in zip(lo..<hi, SignatureCheck.verify(checks[lo..<hi])) { out[i] = ok }
            }
        }
        return zip(checks, ok).filter { !$0.1 }.map(\.0).min { $0.seq < $1.seq }
    }

    /// The nice value of the threads that check signatures.
    static let niceness: Int32 = 10

    /// Lowers the calling thread's priority (Linux: its nice value; the
    /// thread is one of Dispatch's, which verify uses for nothing else).
    /// Verify's wall time is the replay's: the thread replaying the rules and
    /// the one reading and hashing the journal each nearly fill a core, and
    /// the checks, at equal priority, would take a share of both cores from
    /// them. At a lower one they take the time those two leave, and the
    /// queue of runs (`inFlight`) stops the replay only when they fall behind.
    static func yieldToTheReplay() {
        #if os(Linux)
        // Who 0 is the calling thread: on Linux the nice value is a thread's (setpriority(2)).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }
}

/// verify's checks in the background: runs of checks handed over while the
/// fold goes on, each run split across every core, at most `inFlight` runs
/// waiting (memory stays bounded); `finish` waits for all and says the
/// first failure (the lowest seq).
final class BackgroundSignatureChecks: @unchecked Sendable {
    private let queue = DispatchQueue(label: "ledger.verify.signatures", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = DispatchSemaphore(value: 1)
    private var forged: SignatureCheck?

    init(inFlight: Int = 3) { slots = DispatchSemaphore(value: inFlight) }

    /// Hands a run of checks over (waits while `inFlight` runs are pending).
    func submit(_ checks: [SignatureCheck]) {
        guard !checks.isEmpty else { return }
        slots.wait()
        queue.async(group: group) { [self] in
            SignatureChecks.yieldToTheReplay()
            let bad = SignatureChecks.firstFailure(checks)
            lock.wait()
            if let bad, forged.map({ bad.seq < $0.seq }) ?? true { forged = bad }
            lock.signal()
            slots.signal()
        }
    }

    /// Waits for every run; the failing check of lowest seq, if any.
    func finish() -> SignatureCheck? {
        group.wait()
        lock.wait()
        defer { lock.signal() }
        return forged
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
