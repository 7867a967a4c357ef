// The targets a run is checked against: issue 15's (the installed binary,
// verify near the hashing floor, quarter against SQLite) first, then the
// ones of issue 6 that still hold. Each check says what was measured and
// what the goal is, so a "NOT met" comes with its gap.

public enum Targets {
    public static func evaluate(_ sizes: [SizeReport]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        for s in sizes {
            let n = s.ledger.events
            func median(_ k: String) -> Double? { s.result(k)?.median }
            /// `ours` against `peer`: met when the ratio is at most `limit`.
            func ratio(_ target: String, _ ours: String, _ peer: String, limit: Double, goal: String) {
                guard let a = median(ours), let b = median(peer) else { return }
                checks.append(TargetCheck(target: target, events: n,
                                          measured: "\(Format.seconds(a)) vs \(Format.seconds(b)) (\(Format.ratio(a / b)))",
                                          goal: goal, met: a <= limit * b))
            }

            // Issue 15.
            ratio("README build (swift build -c release) starts as fast as a --static-swift-stdlib build", "start", "start.static",
                  limit: 1.1, goal: "<= 1.1x (noise)")
            ratio("README build appends as fast as a --static-swift-stdlib build", "append", "append.static", limit: 1.1, goal: "<= 1.1x (noise)")
            ratio("verify (chain, rules replayed) within 2x openssl dgst -sha256", "verify", "floor.openssl", limit: 2, goal: "<= 2x")
            ratio("quarter from a checkpoint (no report cache) vs sqlite3 GROUP BY, covering indexes", "quarter.warm", "sqlite.quarter.index",
                  limit: 1, goal: "<= 1x")
            ratio("a year's four quarters (4 processes, no report cache) vs sqlite3's one SELECT, covering indexes", "year.warm",
                  "sqlite.year.index", limit: 1, goal: "<= 1x")
            ratio("the same quarter asked again (report cache) vs sqlite3 GROUP BY, covering indexes", "quarter.repeat", "sqlite.quarter.index",
                  limit: 0.5, goal: "<= 0.5x")

            // Issue 6, still asked.
            ratio("append <= 2x floor (static binary + fsync)", "append", "floor.fsync-process", limit: 2, goal: "<= 2x")
            let inserts = ["sqlite.insert.wal", "sqlite.insert.delete"].compactMap(median)
            if let a = median("append"), let best = inserts.min() {
                checks.append(TargetCheck(target: "append faster than sqlite3 durable insert (faster mode)", events: n,
                                          measured: "\(Format.seconds(a)) vs \(Format.seconds(best)) (\(Format.ratio(a / best)))",
                                          goal: "< 1x", met: a < best))
            }
            ratio("quarter without checkpoint within 1.2x of a full verify", "quarter.cold", "verify", limit: 1.2, goal: "<= 1.2x")
            ratio("quarter --as-of past (checkpoint trail) <= 2x the current quarter", "asof.warm", "quarter.warm", limit: 2, goal: "<= 2x")
            ratio("quarter --as-of past, no checkpoint, <= 2x the current quarter", "asof.cold", "quarter.warm", limit: 2, goal: "<= 2x")
            let ours = s.results.filter { $0.group == "ledger" }
            if let worst = ours.filter({ $0.peakRSSKB != nil }).max(by: { $0.peakRSSKB! < $1.peakRSSKB! }), let kb = worst.peakRSSKB {
                checks.append(TargetCheck(target: "peak memory of any command < 100 MB", events: n,
                                          measured: "\(Format.megabytes(kilobytes: kb)) (\(worst.key))",
                                          goal: "< 100 MB", met: Double(kb) * 1024 < 100_000_000))
            }
        }
        return checks
    }
}
