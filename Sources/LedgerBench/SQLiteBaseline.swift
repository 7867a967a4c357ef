// The baseline: the same events loaded into SQLite (the `sqlite3` command
// line tool), asked the same questions as whole `sqlite3` processes.
//
// The schema is what a careful developer would give a relational version of
// the ledger: one row per event (for history), and typed tables for the
// figures (readings with corrections as later rows, period targets with
// target changes as later rows, observations). The quarter view is a GROUP BY
// over the readings in force (the latest row per indicator and period), with
// the programmed values and observation counts beside them; the as-of view
// is the same with every table cut at a recorded time. Values are REAL
// (SQLite has no exact decimal): this favours SQLite slightly.
//
// Simplifications, stated so the comparison stays honest: programmed values
// ignore annual-target changes (the ledger rescales months without explicit
// targets when the annual target changes); compliance, status and marks are
// not computed (the ledger computes them); the output is the raw figures per
// indicator, not a formatted report.

import LedgerCore
import LedgerStore
#if canImport(Glibc)
import Glibc
#endif

/// A buffered CSV writer for `.import --csv`: LF line ends, the codec's quoting, nil as an empty field.
struct CSVWriter {
    let path: String
    let fd: Int32
    var buffer: [UInt8] = []
    var rows = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchError.failed("cannot write \(path)") }
        buffer.reserveCapacity(1 << 20)
    }

    mutating func row(_ fields: [String?]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if let f { buffer.append(contentsOf: CSV.quote(f).utf8) }
        }
        buffer.append(10)
        rows += 1
        if buffer.count > 1 << 20 { flush() }
    }

    mutating func flush() {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { if errno == EINTR { continue }; break }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() {
        flush()
        Glibc.close(fd)
    }
}

public enum SQLiteBaseline {
    static let schema = """
    CREATE TABLE events(seq INTEGER PRIMARY KEY, at INTEGER, actor TEXT, type TEXT, indicator TEXT, period TEXT, value TEXT, reason TEXT);
    CREATE TABLE indicators(id TEXT PRIMARY KEY, seq INTEGER, at INTEGER, year INTEGER, plan TEXT, owner TEXT, frequency TEXT, aggregation TEXT, direction TEXT, annual_target REAL);
    CREATE TABLE period_targets(indicator TEXT, period TEXT, year INTEGER, month INTEGER, value REAL);
    CREATE TABLE targets(seq INTEGER PRIMARY KEY, at INTEGER, indicator TEXT, period TEXT, year INTEGER, month INTEGER, value REAL);
    CREATE TABLE readings(seq INTEGER PRIMARY KEY, at INTEGER, indicator TEXT, period TEXT, year INTEGER, month INTEGER, value REAL, numerator REAL, denominator REAL, corrects INTEGER, post_close INTEGER);
    CREATE TABLE observations(seq INTEGER PRIMARY KEY, at INTEGER, indicator TEXT, period TEXT, year INTEGER, month INTEGER, text TEXT);
    """

    static let indexes = """
    CREATE INDEX readings_q ON readings(year, month, indicator, period, seq, at, value, numerator, denominator);
    CREATE INDEX targets_q ON targets(year, month, indicator, period, seq, at, value);
    CREATE INDEX observations_q ON observations(year, month, indicator, at);
    CREATE INDEX period_targets_q ON period_targets(year, month, indicator, period, value);
    CREATE INDEX indicators_year ON indicators(year, at, id, aggregation);
    CREATE INDEX events_indicator ON events(indicator, seq);
    ANALYZE;
    """

    /// Writes the journal's events as CSV files for the tables above; returns
    /// the row count of each.
    static func export(ledgerDirectory: String, to directory: String) throws -> [String: Int] {
        var events = try CSVWriter(path: directory + "/events.csv")
        var indicators = try CSVWriter(path: directory + "/indicators.csv")
        var periodTargets = try CSVWriter(path: directory + "/period_targets.csv")
        var targets = try CSVWriter(path: directory + "/targets.csv")
        var readings = try CSVWriter(path: directory + "/readings.csv")
        var observations = try CSVWriter(path: directory + "/observations.csv")
        let ledger = Ledger(paths: LedgerPaths(directory: ledgerDirectory))
        try ledger.scan { e in
            let seq = String(e.seq), at = String(e.at.microseconds)
            let p = e.payload.period
            var value: String?
            switch e.payload {
            case .indicatorDefined(let d):
                indicators.row([d.id, seq, at, String(d.year), d.plan, d.ownerCode, d.frequency.rawValue, d.aggregation.rawValue,
                                d.direction.rawValue, d.annualTarget.description])
                let explicit = IndicatorState(definition: d, definedSeq: e.seq).periodTargets
                for period in Period.year(d.year).periods(of: d.frequency) {
                    let target: String
                    if let t = explicit[period] {
                        target = t.description
                    } else if d.aggregation == .sum {
                        target = (d.annualTarget * period.frequency.months).divided(by: 12, decimals: 4)?.description ?? "0"
                    } else {
                        target = d.annualTarget.description
                    }
                    periodTargets.row([d.id, period.description, String(period.year), String(period.lastMonth), target])
                }
            case .targetChanged(let id, let change):
                switch change {
                case .annual(let v):
                    value = v.description
                    targets.row([seq, at, id, nil, nil, nil, v.description])
                case .period(let period, let v):
                    value = v.description
                    targets.row([seq, at, id, period.description, String(period.year), String(period.lastMonth), v.description])
                }
            case .readingRecorded(let id, let period, let m, _, let post), .readingCorrected(let id, let period, let m, _, let post):
                var corrects: String?
                if case .readingCorrected(_, _, _, let c, _) = e.payload { corrects = String(c) }
                value = m.description
                switch m {
                case .value(let v):
                    readings.row([seq, at, id, period.description, String(period.year), String(period.lastMonth), v.description, nil, nil, corrects, post ? "1" : "0"])
                case .ratio(let n, let d):
                    readings.row([seq, at, id, period.description, String(period.year), String(period.lastMonth), nil, n.description, d.description, corrects, post ? "1" : "0"])
                }
            case .observationAdded(let id, let period, let text):
                value = text
                observations.row([seq, at, id, period.description, String(period.year), String(period.lastMonth), text])
            case .budgetRecorded(_, _, let f):
                value = f.modified.description
            case .ledgerOpened, .quarterClosed, .segmentSealed, .deadlineSet, .unitDescribed, .indicatorAmended, .memberAdded,
                 .memberRolesChanged, .memberRemoved, .signaturesRequired, .quarterAttested, .batchSigned:
                break
            }
            events.row([seq, at, e.actor, e.payload.type.rawValue, e.payload.indicator, p?.description, value, e.reason])
        }
        var counts: [String: Int] = [:]
        for w in [events, indicators, periodTargets, targets, readings, observations] {
            var writer = w
            writer.close()
            counts[String(writer.path.split(separator: "/").last!.dropLast(4))] = writer.rows
        }
        return counts
    }

    /// The script that loads the CSV files, turns empty fields into NULL and
    /// builds the covering indexes.
    static func loadScript(_ directory: String) -> String {
        var s = "PRAGMA journal_mode=DELETE;\nPRAGMA synchronous=OFF;\n" + schema + "\n"
        for table in ["events", "indicators", "period_targets", "targets", "readings", "observations"] {
            s += ".import --csv \(directory)/\(table).csv \(table)\n"
        }
        s += """
        BEGIN;
        UPDATE readings SET value = NULL WHERE value = '';
        UPDATE readings SET numerator = NULL WHERE numerator = '';
        UPDATE readings SET denominator = NULL WHERE denominator = '';
        UPDATE readings SET corrects = NULL WHERE corrects = '';
        UPDATE targets SET period = NULL, year = NULL, month = NULL WHERE period = '';
        UPDATE events SET indicator = NULL WHERE indicator = '';
        UPDATE indicators SET owner = NULL WHERE owner = '';
        COMMIT;

        """
        return s + indexes + "\nVACUUM;\n"
    }

    /// The quarter view (or a year's four quarters, per quarter) as one
    /// SELECT: readings in force, programmed, observations, per indicator.
    /// `indexed: false` forbids the indexes (`NOT INDEXED`): a full scan.
    public static func quarterSQL(year: Int, months: ClosedRange<Int>, perQuarter: Bool = false, asOf: Int64? = nil, indexed: Bool = true) -> String {
        let ni = indexed ? "" : " NOT INDEXED"
        let cut = asOf.map { " AND at <= \($0)" } ?? ""
        let q = perQuarter ? ", (month + 2) / 3 AS quarter" : ""
        let qKey = perQuarter ? ", quarter" : ""
        let within = "year = \(year) AND month BETWEEN \(months.lowerBound) AND \(months.upperBound)"
        return """
        WITH r AS (SELECT indicator, period, value, numerator, denominator, MAX(seq) AS seq\(q)
                   FROM readings\(ni) WHERE \(within)\(cut) GROUP BY indicator, period),
             agg AS (SELECT indicator\(qKey), SUM(value) AS s, AVG(value) AS a, SUM(numerator) AS n, SUM(denominator) AS d,
                            COUNT(*) AS c FROM r GROUP BY indicator\(qKey)),
             lastv AS (SELECT indicator\(qKey), value, MAX(period) FROM r GROUP BY indicator\(qKey)),
             t AS (SELECT indicator, period, value, MAX(seq) AS seq FROM targets\(ni) WHERE \(within)\(cut) GROUP BY indicator, period),
             p AS (SELECT pt.indicator\(perQuarter ? ", (pt.month + 2) / 3 AS quarter" : ""), SUM(COALESCE(t.value, pt.value)) AS programmed
                   FROM period_targets pt\(ni) LEFT JOIN t ON t.indicator = pt.indicator AND t.period = pt.period
                   WHERE pt.year = \(year) AND pt.month BETWEEN \(months.lowerBound) AND \(months.upperBound) GROUP BY pt.indicator\(qKey)),
             o AS (SELECT indicator\(q), COUNT(*) AS n FROM observations\(ni) WHERE \(within)\(cut) GROUP BY indicator\(qKey))
        SELECT i.id\(perQuarter ? ", p.quarter" : ""), p.programmed,
               CASE i.aggregation WHEN 'sum' THEN agg.s WHEN 'average' THEN agg.a
                    WHEN 'ratio' THEN agg.n * 100.0 / agg.d ELSE lastv.value END AS executed,
               agg.c AS readings, o.n AS observations
        FROM indicators i\(ni)
             LEFT JOIN p ON p.indicator = i.id
             LEFT JOIN agg ON agg.indicator = i.id\(perQuarter ? " AND agg.quarter = p.quarter" : "")
             LEFT JOIN lastv ON lastv.indicator = i.id\(perQuarter ? " AND lastv.quarter = p.quarter" : "")
             LEFT JOIN o ON o.indicator = i.id\(perQuarter ? " AND o.quarter = p.quarter" : "")
        WHERE i.year = \(year)\(asOf.map { " AND i.at <= \($0)" } ?? "")
        ORDER BY i.seq\(perQuarter ? ", p.quarter" : "");
        """
    }

    /// Every event that touched one indicator, in order.
    public static func historySQL(_ indicator: String) -> String {
        "SELECT seq, at, actor, type, period, value, reason FROM events WHERE indicator = '\(indicator)' ORDER BY seq;"
    }

    /// One reading as one durable transaction, the way our append is one.
    static func insertSQL(at: Int64, indicator: String, period: Period, value: String) -> String {
        """
        PRAGMA synchronous=FULL;
        BEGIN;
        INSERT INTO events(at, actor, type, indicator, period, value) VALUES (\(at), 'bench.runner', 'reading_recorded', '\(indicator)', '\(period)', '\(value)');
        INSERT INTO readings(at, indicator, period, year, month, value, post_close) VALUES (\(at), '\(indicator)', '\(period)', \(period.year), \(period.lastMonth), \(value), 0);
        COMMIT;
        """
    }
}
