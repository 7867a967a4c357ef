// The Ed25519 checks of a journal's signatures, run on every core: verify
// gathers them while it folds (RuleReplay) and hands them here in runs of a
// few thousand. Each check is pure and independent, so they are split into
// one contiguous share per core.

import Dispatch
import LedgerCore

enum SignatureChecks {
    /// How many checks verify gathers before running them.
    static let run = 4096

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
            checks.withUnsafeBufferPointer { all in
                DispatchQueue.concurrentPerform(iterations: shares) { share in
                    let lo = all.count * share / shares, hi = all.count * (share + 1) / shares
                    for i in lo..<hi { out[i] = all[i].verify() }
                }
            }
        }
        return zip(checks, ok).filter { !$0.1 }.map(\.0).min { $0.seq < $1.seq }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
