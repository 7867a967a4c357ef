// What a writer appends in the crash and concurrency campaigns: single
// events (indicator, reading, correction, observation, target) and batch
// files (CSV or JSON lines) of new indicators with their readings. Each
// writer owns its indicators (W<writer>-<n>), and after an append whose
// outcome is unknown (killed) it never names those ids or periods again, so
// every later refusal is a real defect and not the echo of a kill.

import Foundation
import LedgerToolSupport

/// One append a writer makes.
struct Operation {
    enum Kind: String, CaseIterable { case indicator, reading, correction, observation, target, batch }
    var kind: Kind
    /// The `ledger` arguments (without --json).
    var arguments: [String]
    /// How many events it appends when it succeeds.
    var events: Int
    /// For batches: the file's name (events carry it in `source`).
    var batchName: String?
    /// Indicators it defines, and readings it records (indicator, month).
    var defines: [String] = []
    var readings: [(String, Int)] = []
}

final class WriterWorkload {
    let writer: Int
    var rng: SplitMix64
    let directory: String
    private var indicatorCounter = 0
    private var batchCounter = 0
    private var valueCounter = 0
    /// The indicator being filled one reading at a time, and its next month.
    private var current: (id: String, month: Int)?
    /// Acknowledged indicators and readings: safe to correct and observe.
    private(set) var indicators: [String] = []
    private(set) var readings: [(String, Int)] = []
    /// Every (indicator, month) a reading was attempted for, acknowledged or not.
    private(set) var attempted: [(String, Int)] = []
    /// Largest batch, in indicators (each brings up to 12 readings).
    var maxBatchIndicators: Int

    init(writer: Int, seed: UInt64, directory: String, maxBatchIndicators: Int) {
        self.writer = writer
        rng = SplitMix64(seed: seed, stream: UInt64(writer) + 1)
        self.directory = directory
        self.maxBatchIndicators = maxBatchIndicators
    }

    private func newIndicator() -> String {
        indicatorCounter += 1
        return "W\(writer)-\(indicatorCounter)"
    }

    private func nextValue() -> String {
        valueCounter += 1
        return String(valueCounter * 7 + writer)
    }

    private static func period(_ month: Int) -> String { month < 10 ? "2017-0\(month)" : "2017-\(month)" }

    /// The next append, chosen by weight among what the writer's state allows.
    func next(round: Int) -> Operation {
        let weights: [Operation.Kind: Int] = [
            .indicator: current == nil ? 4 : 0,
            .reading: current == nil ? 0 : 10,
            .correction: readings.isEmpty ? 0 : 4,
            .observation: indicators.isEmpty ? 0 : 3,
            .target: indicators.isEmpty ? 0 : 1,
            .batch: 5,
        ]
        let kinds = Operation.Kind.allCases
        let kind = kinds[rng.weighted(kinds.map { weights[$0]! })]
        switch kind {
        case .indicator:
            let id = newIndicator()
            return Operation(kind: kind, arguments: ["append", "indicator", "--id", id, "--name", "Indicador \(id)", "--unit", "ACCIONES",
                                                     "--year", "2017", "--annual-target", "1200"], events: 1, defines: [id])
        case .reading:
            let (id, month) = current!
            attempted.append((id, month))
            return Operation(kind: kind, arguments: ["append", "reading", "--indicator", id, "--period", WriterWorkload.period(month),
                                                     "--value", nextValue(), "--note", "w\(writer) r\(round)"],
                             events: 1, readings: [(id, month)])
        case .correction:
            let (id, month) = rng.pick(readings)
            return Operation(kind: kind, arguments: ["append", "correction", "--indicator", id, "--period", WriterWorkload.period(month),
                                                     "--value", nextValue(), "--reason", "campaign correction w\(writer)"], events: 1)
        case .observation:
            let id = rng.pick(indicators)
            return Operation(kind: kind, arguments: ["append", "observation", "--indicator", id, "--period", WriterWorkload.period(rng.int(1...12)),
                                                     "--text", "observación w\(writer) r\(round): ñandú, “comillas”, 14,757,499.81"], events: 1)
        case .target:
            let id = rng.pick(indicators)
            return Operation(kind: kind, arguments: ["append", "target", "--indicator", id, "--annual-target", nextValue(),
                                                     "--reason", "reprogramación w\(writer)"], events: 1)
        case .batch:
            return batch(round: round)
        }
    }

    private func batch(round: Int) -> Operation {
        batchCounter += 1
        let big = rng.chance(0.15)
        let count = big ? rng.int(max(1, maxBatchIndicators / 2)...max(1, maxBatchIndicators)) : rng.int(1...max(1, min(3, maxBatchIndicators)))
        let json = rng.chance(0.5)
        let name = "w\(writer)-r\(round)-b\(batchCounter).\(json ? "jsonl" : "csv")"
        var rows: [[String: String]] = []
        var defines: [String] = []
        var readings: [(String, Int)] = []
        for _ in 0..<count {
            let id = newIndicator()
            defines.append(id)
            rows.append(["type": "indicator", "id": id, "name": "Indicador \(id), lote", "unit": "RECIBOS", "year": "2017", "annual-target": "3600"])
            let months = rng.int(1...12)
            for m in 1...months {
                rows.append(["type": "reading", "indicator": id, "period": WriterWorkload.period(m), "value": nextValue(), "note": "lote \(name)"])
                readings.append((id, m))
                attempted.append((id, m))
            }
            if rng.chance(0.3) {
                rows.append(["type": "observation", "indicator": id, "period": WriterWorkload.period(rng.int(1...months)), "text": "NO SE CUMPLIO LA META"])
            }
            if months < 12 && rng.chance(0.5) { current = (id, months + 1) }
        }
        let columns = ["type", "id", "name", "unit", "year", "annual-target", "indicator", "period", "value", "note", "text"]
        var text = ""
        if json {
            for row in rows {
                let object = columns.compactMap { c in row[c].map { "\"\(c)\":\"\(WriterWorkload.jsonEscape($0))\"" } }
                text += "{" + object.joined(separator: ",") + "}\n"
            }
        } else {
            text = columns.joined(separator: ",") + "\n"
            for row in rows {
                text += columns.map { c in
                    let v = row[c] ?? ""
                    return v.contains(",") || v.contains("\"") ? "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : v
                }.joined(separator: ",") + "\n"
            }
        }
        let path = "\(directory)/\(name)"
        try? Files.write(path, text)
        return Operation(kind: .batch, arguments: ["append", "--file", path], events: rows.count, batchName: name,
                         defines: defines, readings: readings)
    }

    static func jsonEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// The append succeeded: what it defined and recorded may be used.
    func acknowledged(_ op: Operation) {
        indicators += op.defines
        readings += op.readings
        switch op.kind {
        case .indicator: current = (op.defines[0], 1)
        case .reading: advance()
        default: break
        }
    }

    /// The append failed before writing (refused, torn tail, lock): nothing
    /// changed, but its ids are dropped anyway to keep the bookkeeping simple.
    /// When killed, the outcome is unknown: the ids are never named again.
    func abandoned(_ op: Operation) {
        switch op.kind {
        case .reading: advance()
        case .indicator: current = nil
        case .batch:
            if let c = current, op.defines.contains(c.id) { current = nil }
        default: break
        }
    }

    private func advance() {
        guard let c = current else { return }
        current = c.month >= 12 ? nil : (c.id, c.month + 1)
    }
}
