// Issue 6's targets (item 4), checked against the measured figures. Each
// check says what was measured and what the goal is, so a "NOT met" comes
// with its gap.

public enum Targets {
    public static func evaluate(_ sizes: [SizeReport]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        for s in sizes {
            let n = s.ledger.events
            func median(_ k: String) -> Double? { s.result(k)?.median }

            if let a = median("append"), let f = median("floor.fsync-process") {
                checks.append(TargetCheck(target: "append <= 2x floor (static binary + fsync)", events: n,
                                          measured: "\(Format.seconds(a)) = \(Format.ratio(a / f)) of \(Format.seconds(f))",
                                          goal: "<= 2x", met: a <= 2 * f))
            }
            let inserts = ["sqlite.insert.wal", "sqlite.insert.delete"].compactMap(median)
            if let a = median("append"), let best = inserts.min() {
                checks.append(TargetCheck(target: "append faster than sqlite3 durable insert (faster mode)", events: n,
                                          measured: "\(Format.seconds(a)) vs \(Format.seconds(best)) (\(Format.ratio(a / best)))",
                                          goal: "< 1x", met: a < best))
            }
            if let v = s.result("verify"), let rate = v.eventsPerSecond {
                checks.append(TargetCheck(target: "replay + chain check (verify) >= 1M events/s", events: n,
                                          measured: "\(Format.rate(rate)) events, \(Format.fixed(v.megabytesPerSecond ?? 0, 0)) MB/s",
                                          goal: ">= 1.00M/s", met: rate >= 1_000_000))
            }
            if let q = median("quarter.warm"), let sq = median("sqlite.quarter.index") {
                checks.append(TargetCheck(target: "quarter (checkpoint) faster than sqlite3 with covering index", events: n,
                                          measured: "\(Format.seconds(q)) vs \(Format.seconds(sq)) (\(Format.ratio(q / sq)))",
                                          goal: "< 1x", met: q < sq))
            }
            if let q = median("quarter.repeat"), let sq = median("sqlite.quarter.index") {
                checks.append(TargetCheck(target: "the same quarter asked again (report cache) faster than sqlite3 with covering index", events: n,
                                          measured: "\(Format.seconds(q)) vs \(Format.seconds(sq)) (\(Format.ratio(q / sq)))",
                                          goal: "< 1x", met: q < sq))
            }
            let years = ["sqlite.year.index", "sqlite.year.scan"].compactMap(median)
            if let y = median("year.warm"), let best = years.min() {
                checks.append(TargetCheck(target: "a year's four quarters >= 5x faster than SQLite's GROUP BY (faster variant)", events: n,
                                          measured: "\(Format.seconds(y)) vs \(Format.seconds(best)): \(Format.ratio(best / y)) faster",
                                          goal: ">= 5x faster", met: 5 * y <= best))
            }
            if let c = median("quarter.cold"), let v = median("verify") {
                checks.append(TargetCheck(target: "quarter without checkpoint within 1.2x of a full replay (verify)", events: n,
                                          measured: "\(Format.seconds(c)) vs \(Format.seconds(v)) (\(Format.ratio(c / v)))",
                                          goal: "<= 1.2x", met: c <= 1.2 * v))
            }
            if let a = median("asof.warm"), let q = median("quarter.warm") {
                checks.append(TargetCheck(target: "quarter --as-of past (checkpoint trail) <= 2x the current quarter", events: n,
                                          measured: "\(Format.seconds(a)) vs \(Format.seconds(q)) (\(Format.ratio(a / q)))",
                                          goal: "<= 2x", met: a <= 2 * q))
            }
            if let a = median("asof.cold"), let q = median("quarter.warm") {
                checks.append(TargetCheck(target: "quarter --as-of past, no checkpoint, <= 2x the current quarter", events: n,
                                          measured: "\(Format.seconds(a)) vs \(Format.seconds(q)) (\(Format.ratio(a / q)))",
                                          goal: "<= 2x", met: a <= 2 * q))
            }
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
