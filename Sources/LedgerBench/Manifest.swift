// The generator's manifest: what a generated ledger holds, written next to
// it (DIR/bench-manifest.txt, outside events/) as `key=value` lines, so the
// bench can reuse a cached ledger and ask it sensible questions.

import LedgerCore

extension GeneratedLedger {
    public static let fileName = "bench-manifest.txt"

    public var manifest: String {
        var lines = [
            "events=\(events)", "seed=\(seed)", "generator_version=\(generatorVersion)", "bodies=\(bodies)",
            "indicators=\(indicators)", "first_year=\(firstYear)", "last_year=\(lastYear)",
            "first_at=\(firstAt.microseconds)", "last_at=\(lastAt.microseconds)", "report_quarter=\(reportQuarter)",
            "busiest_indicator=\(busiestIndicator)", "journal_bytes=\(journalBytes)", "head=\(head)",
            "batches=\(batches)", "actors=\(actors)", "signing=\(signing)",
        ]
        for (type, n) in counts { lines.append("count.\(type)=\(n)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a manifest back; nil when a field is missing or malformed.
    public init?(manifest text: String) {
        var fields: [String: String] = [:]
        var counts: [(String, Int)] = []
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { return nil }
            let key = String(line[..<eq]), value = String(line[line.index(after: eq)...])
            if key.hasPrefix("count.") {
                guard let n = Int(value) else { return nil }
                counts.append((String(key.dropFirst(6)), n))
            } else {
                fields[key] = value
            }
        }
        func int(_ k: String) -> Int? { fields[k].flatMap { Int($0) } }
        guard let events = int("events"), let seed = fields["seed"].flatMap({ UInt64($0) }), let version = int("generator_version"),
              let bodies = int("bodies"), let indicators = int("indicators"), let firstYear = int("first_year"),
              let lastYear = int("last_year"), let firstAt = fields["first_at"].flatMap({ Int64($0) }),
              let lastAt = fields["last_at"].flatMap({ Int64($0) }), let quarter = fields["report_quarter"],
              let busiest = fields["busiest_indicator"], let bytes = fields["journal_bytes"].flatMap({ Int64($0) }),
              let head = fields["head"], let batches = int("batches"), let actors = int("actors") else { return nil }
        self.init(events: events, seed: seed, generatorVersion: version, bodies: bodies, indicators: indicators,
                  firstYear: firstYear, lastYear: lastYear, counts: counts, firstAt: Timestamp(microseconds: firstAt),
                  lastAt: Timestamp(microseconds: lastAt), reportQuarter: quarter, busiestIndicator: busiest,
                  journalBytes: bytes, head: head, batches: batches, actors: actors,
                  signing: fields["signing"] ?? Self.signing(events: events, counts: counts).rawValue)
    }

    /// How a ledger whose manifest predates `signing=` was signed, from its
    /// counts: no signature, a signature for every other event (per event),
    /// or fewer (per batch).
    static func signing(events: Int, counts: [(String, Int)]) -> GeneratorSigning {
        let signatures = counts.first { $0.0 == EventType.batchSigned.rawValue }?.1 ?? 0
        if signatures == 0 { return .none }
        return signatures * 5 >= events * 2 ? .event : .batch
    }
}
