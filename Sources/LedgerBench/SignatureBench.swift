// `ledger-bench signatures` (and a part of `run`): how many ledger
// signatures one core checks a second, and how many all cores check
// together: the Ed25519 checks verify runs (LedgerCore's `SignatureCheck`,
// over SSHSIG signed data as a batch signature makes it, each signer's key
// prepared once as verify prepares each member's), on one thread, then split
// across every core as verify splits them (LedgerApp/SignatureChecks.swift).

import Dispatch
import LedgerCore
import LedgerCrypto
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

enum SignatureBench {
    /// Runs `count` checks on 1 thread and on every core; prints the rates.
    static func run(count: Int, seed: UInt64) throws -> Int32 {
        let r = try measure(count: count, seed: seed)
        print("signatures=\(count)")
        print("cores=\(r.cores)")
        print("one_core_seconds=\(Format.fixed(r.oneCoreSeconds, 3))")
        print("one_core_per_second=\(Int(r.oneCorePerSecond))")
        print("all_cores_seconds=\(Format.fixed(r.allCoresSeconds, 3))")
        print("all_cores_per_second=\(Int(r.allCoresPerSecond))")
        print("all_cores_per_second_per_core=\(Int(r.allCoresPerSecondPerCore))")
        return 0
    }

    /// Times `count` checks on 1 thread (after one untimed pass), then on every core.
    static func measure(count: Int, seed: UInt64) throws -> SignatureRates {
        var r = SplitMix64(seed: seed)
        var checks: [SignatureCheck] = []
        checks.reserveCapacity(count)
        let keys = (0..<16).map { _ in (0..<32).map { _ in UInt8.random(in: 0...255, using: &r) } }
        // As verify does: each signer's key checked and prepared once, before the timing.
        let prepared = keys.map { Ed25519.PreparedKey(publicKey: Ed25519.publicKey(seed: $0))! }
        for i in 0..<count {
            // A batch's bytes: a few journal lines' worth.
            let message = (0..<(300 + i % 700)).map { _ in UInt8.random(in: 32...126, using: &r) }
            let sig = try SSHSignature.sign(message: message, namespace: SignedBatch.namespace, seed: keys[i % keys.count])
            checks.append(SignatureCheck(seq: Int64(i), signer: "m", signedData: SSHSignature.signedData(message: message, namespace: SignedBatch.namespace),
                                         signature: sig.signature, publicKey: sig.publicKey.key, preparedKey: prepared[i % keys.count]))
        }
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        func time(_ threads: Int) -> Double {
            let start = Monotonic.now()
            var ok = [Bool](repeating: false, count: checks.count)
            ok.withUnsafeMutableBufferPointer { out in
                let o = out
                checks.withUnsafeBufferPointer { all in
                    DispatchQueue.concurrentPerform(iterations: threads) { t in
                        for i in (all.count * t / threads)..<(all.count * (t + 1) / threads) { o[i] = all[i].verify() }
                    }
                }
            }
            precondition(ok.allSatisfy { $0 }, "a benchmark signature does not verify")
            return Monotonic.now() - start
        }
        _ = time(1)  // warm up
        let one = time(1), all = time(cores)
        return SignatureRates(count: count, cores: cores, oneCoreSeconds: one, allCoresSeconds: all)
    }
}
