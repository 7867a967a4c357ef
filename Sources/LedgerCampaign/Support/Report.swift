// The figures a campaign reports: named counters in the order they were
// first touched, the defects it found (each with a reproducer directory when
// one was kept), and notes (what was skipped and why). Workers update one
// report from several threads, so every access takes its lock.

import Foundation

/// Something the ledger did that its contract forbids.
public struct Defect: Sendable, CustomStringConvertible {
    public var kind: String
    public var detail: String
    /// A directory holding what reproduces it (journal, input file, command line).
    public var reproducer: String?

    public var description: String {
        "\(kind): \(detail)" + (reproducer.map { " [reproducer: \($0)]" } ?? "")
    }
}

public final class Report: @unchecked Sendable {
    public let campaign: String
    public let seed: UInt64
    private let lock = NSLock()
    private var order: [String] = []
    private var values: [String: Int] = [:]
    private var defectList: [Defect] = []
    private var defectCounts: [String: Int] = [:]
    private var noteList: [String] = []
    public var seconds: Double = 0

    public init(campaign: String, seed: UInt64) {
        self.campaign = campaign
        self.seed = seed
    }

    public func add(_ key: String, _ n: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        if values[key] == nil { order.append(key) }
        values[key, default: 0] += n
    }

    /// Makes a counter appear (as 0) in the summary before anything happens to it.
    public func declare(_ keys: String...) {
        for k in keys { add(k, 0) }
    }

    public subscript(key: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return values[key] ?? 0
    }

    public func defect(_ kind: String, _ detail: String, reproducer: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        defectCounts[kind, default: 0] += 1
        // Keep the first few of each kind in full; the count says how many more.
        if defectCounts[kind]! <= 20 { defectList.append(Defect(kind: kind, detail: detail, reproducer: reproducer)) }
    }

    public func note(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if !noteList.contains(text) { noteList.append(text) }
    }

    public var defects: [Defect] {
        lock.lock()
        defer { lock.unlock() }
        return defectList
    }

    public var defectCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return defectCounts.values.reduce(0, +)
    }

    public var notes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return noteList
    }

    public var figures: [(String, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return order.map { ($0, values[$0]!) }
    }

    /// The summary as text: a header, one figure a line, defects, notes.
    public func render() -> String {
        var lines = ["== \(campaign) campaign (seed \(seed), \(String(format: "%.1f", seconds)) s)"]
        let figs = figures
        let width = figs.map(\.0.count).max() ?? 0
        for (k, v) in figs {
            lines.append("  " + k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(v))
        }
        let total = defectCount
        lines.append("  " + "defects".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(total))
        lock.lock()
        let counts = defectCounts
        lock.unlock()
        for (kind, n) in counts.sorted(by: { $0.key < $1.key }) { lines.append("    \(kind): \(n)") }
        for d in defects { lines.append("    - " + d.description) }
        for n in notes { lines.append("  note: " + n) }
        return lines.joined(separator: "\n")
    }

    /// The summary as one JSON object.
    public func json() -> String {
        var object: [String: Any] = ["campaign": campaign, "seed": seed, "seconds": (seconds * 10).rounded() / 10]
        var figs: [String: Int] = [:]
        for (k, v) in figures { figs[k] = v }
        object["figures"] = figs
        object["defects"] = defectCount
        object["defect_details"] = defects.map(\.description)
        object["notes"] = notes
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
