// The inputs the bench writes: the 10,000-row batch file a body would load
// with `ledger append --file` (a new year's plan with its readings and
// observations), the same rows as one SQLite transaction, and the random
// past times auditors ask about.

import LedgerCore
import LedgerToolSupport

enum Workloads {
    static let batchHeader = "type,id,name,unit,year,annual-target,frequency,aggregation,plan,owner,owner-name,indicator,period,value,text"

    /// A batch of exactly `rows` rows for plan year `year`: indicators
    /// (BENCH-NNNN-YEAR), each followed by its twelve monthly readings and an
    /// observation every third month. Returns the CSV and the equivalent SQL.
    static func batch(year: Int, rows: Int) -> (csv: String, sql: String) {
        var csv = [batchHeader]
        var sql = ["PRAGMA synchronous=FULL;", "BEGIN;"]
        var k = 0
        while csv.count - 1 < rows {
            k += 1
            let id = "BENCH-\(pad(k, 4))-\(year)"
            let plan = "POA \(year) BENCH"
            let monthly = 100 + (k * 37) % 400
            csv.append("indicator,\(id),CAPTURA MASIVA \(k),ACCIONES,\(year),\(monthly * 12),monthly,sum,\(plan),900,UNIDAD DE PRUEBA,,,,")
            sql.append("INSERT INTO indicators(id, at, year, plan, owner, frequency, aggregation, direction, annual_target) VALUES ('\(id)', 0, \(year), '\(plan)', '900', 'monthly', 'sum', 'ascending', \(monthly * 12));")
            sql.append("INSERT INTO events(at, actor, type, indicator, value) VALUES (0, 'bench.runner', 'indicator_defined', '\(id)', NULL);")
            for m in 1...12 where csv.count - 1 < rows {
                let period = "\(year)-\(pad(m, 2))"
                let value = monthly - 20 + (k * 7 + m * 13) % 60
                csv.append("reading,,,,,,,,,,,\(id),\(period),\(value),")
                sql.append("INSERT INTO readings(at, indicator, period, year, month, value, post_close) VALUES (0, '\(id)', '\(period)', \(year), \(m), \(value), 0);")
                sql.append("INSERT INTO events(at, actor, type, indicator, period, value) VALUES (0, 'bench.runner', 'reading_recorded', '\(id)', '\(period)', '\(value)');")
                if m % 3 == 0 && csv.count - 1 < rows {
                    csv.append("observation,,,,,,,,,,,\(id),\(period),,SE CUMPLIO LA META DEL MES")
                    sql.append("INSERT INTO observations(at, indicator, period, year, month, text) VALUES (0, '\(id)', '\(period)', \(year), \(m), 'SE CUMPLIO LA META DEL MES');")
                    sql.append("INSERT INTO events(at, actor, type, indicator, period, value) VALUES (0, 'bench.runner', 'observation_added', '\(id)', '\(period)', 'SE CUMPLIO LA META DEL MES');")
                }
            }
        }
        sql.append("COMMIT;")
        return (csv.joined(separator: "\n") + "\n", sql.joined(separator: "\n") + "\n")
    }

    /// Indicators with free months for single appends: `count` monthly
    /// indicators of plan year `year`, as a batch file.
    static func slotIndicators(year: Int, count: Int) -> String {
        var csv = [batchHeader]
        for k in 1...count {
            csv.append("indicator,APPEND-\(k)-\(year),LECTURA INDIVIDUAL \(k),ACCIONES,\(year),1200,monthly,sum,POA \(year) APPEND,901,UNIDAD DE PRUEBA,,,,")
        }
        return csv.joined(separator: "\n") + "\n"
    }

    /// The quarter an auditor would look at on a given day: the last one
    /// that had ended by then.
    static func quarterReported(at t: Timestamp) -> Period {
        let p = t.parts
        let q = (p.month - 1) / 3 + 1
        return q == 1 ? .quarter(p.year - 1, 4) : .quarter(p.year, q - 1)
    }

    /// `count` random past recorded times, spread over the ledger's history
    /// after its first tenth (so that there is something to report).
    static func pastTimes(_ ledger: GeneratedLedger, count: Int, seed: UInt64) -> [Timestamp] {
        var r = SplitMix64(seed: seed, path: 99, UInt64(ledger.events))
        let from = ledger.firstAt.microseconds + (ledger.lastAt.microseconds - ledger.firstAt.microseconds) / 10
        let span = Double(ledger.lastAt.microseconds - from)
        return (0..<count).map { _ in Timestamp(microseconds: from + Int64(r.portableUnit() * span)) }
    }
}
