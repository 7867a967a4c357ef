// `ledger-bench ed25519`: how many Ed25519 signatures this machine checks
// a second with our own verifier (Sources/CEd25519), on one thread and on
// one thread per core, over messages the size of a signed batch's digest
// line. What signed ledgers will cost `verify` (issue 15, item 4).

import LedgerCrypto
import LedgerToolSupport
#if canImport(Glibc)
import Glibc
#endif

enum SignatureRate {
    struct Signed {
        var message: [UInt8]
        var signature: [UInt8]
    }

    /// `count` messages of 96 bytes, each signed by one of eight keys made from `seed`.
    static func make(count: Int, seed: UInt64) -> (keys: [[UInt8]], signed: [Signed]) {
        var r = SplitMix64(seed: seed, path: 15)
        let seeds = (0..<8).map { _ in (0..<32).map { _ in UInt8(truncatingIfNeeded: r.next()) } }
        let keys = seeds.map { Ed25519.publicKey(seed: $0) }
        let signed = (0..<count).map { i -> Signed in
            let message = (0..<96).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            return Signed(message: message, signature: Ed25519.sign(message: message, seed: seeds[i % 8]))
        }
        return (keys, signed)
    }

    /// Verifies `signed[range]`; how many were valid.
    static func verify(_ keys: [[UInt8]], _ signed: [Signed], _ range: Range<Int>) -> Int {
        var valid = 0
        for i in range where Ed25519.verify(signature: signed[i].signature, message: signed[i].message, publicKey: keys[i % 8]) { valid += 1 }
        return valid
    }

    /// Runs `body` on `threads` threads at once (the first on this one); the wall time.
    static func timed(threads: Int, _ body: @escaping (Int) -> Void) -> Double {
        final class Job {
            let run: () -> Void
            init(_ run: @escaping () -> Void) { self.run = run }
        }
        let start = Monotonic.now()
        var started: [pthread_t] = []
        for t in 1..<max(threads, 1) {
            var thread = pthread_t()
            let job = Unmanaged.passRetained(Job { body(t) }).toOpaque()
            if pthread_create(&thread, nil, { Unmanaged<Job>.fromOpaque($0!).takeRetainedValue().run(); return nil }, job) == 0 {
                started.append(thread)
            } else {
                Unmanaged<Job>.fromOpaque(job).release()
                body(t)
            }
        }
        body(0)
        for thread in started { pthread_join(thread, nil) }
        return Monotonic.now() - start
    }

    /// The report: verifications a second on one thread and on every core.
    static func run(count: Int, seed: UInt64) -> String {
        let (keys, signed) = make(count: count, seed: seed)
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var lines = ["ed25519: \(Format.grouped(count)) signatures of 96-byte messages, our verifier (CEd25519)"]
        for threads in Set([1, cores]).sorted() {
            // One slot per thread, written by that thread only.
            let valid = UnsafeMutableBufferPointer<Int>.allocate(capacity: threads)
            valid.initialize(repeating: 0)
            defer { valid.deallocate() }
            let share = (count + threads - 1) / threads
            let wall = timed(threads: threads) { t in
                valid[t] = verify(keys, signed, min(count, t * share)..<min(count, (t + 1) * share))
            }
            let all = valid.reduce(0, +)
            lines.append("\(threads) thread\(threads == 1 ? "" : "s"): \(Format.seconds(wall)), \(Format.rate(Double(count) / wall)) verifications"
                         + " (\(Format.rate(Double(count) / wall / Double(threads))) per thread), \(all) of \(count) valid")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
