// The board's charts on the snapshot page (format 3 and later): inline SVG,
// no scripts, no fonts of their own. For each indicator, programmed against
// executed by period, accumulated from January to the quarter's end, the
// quarter's periods shaded, corrections (C) and post-close adjustments (P)
// marked; at the top, each owning unit's indicators by status as a bar.
// Coordinates are exact decimals rounded to tenths, so the page's bytes
// are the same on every machine (no binary floating point).

import LedgerCore

enum BoardCharts {
    static let height = 56
    static let slot = 18
    static let left = 4, right = 4, top = 11, bottom = 12

    /// Month letters for the axis.
    static func label(_ p: Period, _ l: Language) -> String {
        switch p.frequency {
        case .monthly: return Array(l == .es ? "EFMAMJJASOND" : "JFMAMJJASOND").map(String.init)[p.firstMonth - 1]
        case .quarterly: return "T\(p.quarterNumber)".replacingFirstLetter(l == .es ? "T" : "Q")
        case .semiannual: return (l == .es ? "S" : "H") + (p.firstMonth == 1 ? "1" : "2")
        case .annual: return String(p.year)
        }
    }

    /// A number's coordinate: `v` of `max` along `length` pixels, to a tenth.
    static func scaled(_ v: DecimalNumber, of max: DecimalNumber, _ length: Int) -> DecimalNumber {
        guard !max.isZero else { return .zero }
        return (v * length).divided(by: max, decimals: 1) ?? .zero
    }

    static func text(_ d: DecimalNumber) -> String { d.trimmed.description }

    /// The chart of one indicator's year to date; nil when no period is due yet.
    static func indicator(_ points: [PeriodPoint], quarter: Period, language l: Language, unit: String) -> String? {
        guard !points.isEmpty else { return nil }
        let n = points.count
        let width = left + right + slot * n
        let plot = height - top - bottom
        let values = points.flatMap { [$0.cumulativeProgrammed, $0.cumulativeExecuted] }.compactMap { $0 }
        let maximum = values.max() ?? .zero
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        let programmedWord = l == .es ? "programado acumulado" : "programmed to date"
        let executedWord = l == .es ? "ejecutado acumulado" : "executed to date"
        svg += "<title>\(escapeHTML(programmedWord)) / \(escapeHTML(executedWord)) (\(escapeHTML(unit)))</title>"
        // The quarter's periods, shaded.
        if let first = points.firstIndex(where: { quarter.months.contains($0.period.lastMonth) }) {
            let count = points.count - first
            svg += "<rect class=\"q\" x=\"\(left + slot * first)\" y=\"\(top - 2)\" width=\"\(slot * count)\" height=\"\(plot + 2)\"></rect>"
        }
        // Baseline.
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top + plot)\" x2=\"\(width - right)\" y2=\"\(top + plot)\"></line>"
        // Executed to date: bars.
        for (i, p) in points.enumerated() {
            let x = left + slot * i + 4
            // A period without its own reading has no bar, whatever was reported before it.
            guard p.executed != nil, let e = p.cumulativeExecuted else {
                // No reading yet: a small cross on the axis.
                let cx = left + slot * i + slot / 2
                svg += "<path class=\"none\" d=\"M\(cx - 2) \(top + plot - 5)l4 4m0 -4l-4 4\"></path>"
                continue
            }
            let h = scaled(e, of: maximum, plot)
            let y = DecimalNumber(top + plot) - h
            let own = p.executed.map { " " + ($0.grouped) } ?? ""
            svg += "<rect class=\"e\" x=\"\(x)\" y=\"\(text(y))\" width=\"\(slot - 8)\" height=\"\(text(h))\"><title>\(p.period)\(own): \(escapeHTML(executedWord)) \(e.grouped)</title></rect>"
            var marks: [(String, String)] = []
            if p.isCorrected { marks.append(("c", "C")) }
            if p.isPostClose { marks.append(("p", "P")) }
            for (k, mark) in marks.enumerated() {
                let mx = left + slot * i + slot / 2 + (marks.count == 2 ? (k == 0 ? -3 : 4) : 0)
                svg += "<text class=\"m \(mark.0)\" x=\"\(mx)\" y=\"\(top - 3)\">\(mark.1)</text>"
            }
        }
        // Programmed to date: a line with dots.
        let line = points.enumerated().compactMap { i, p -> String? in
            guard let v = p.cumulativeProgrammed else { return nil }
            return "\(left + slot * i + slot / 2),\(text(DecimalNumber(top + plot) - scaled(v, of: maximum, plot)))"
        }
        if line.count > 1 { svg += "<polyline class=\"p\" points=\"\(line.joined(separator: " "))\"></polyline>" }
        for (i, p) in points.enumerated() {
            guard let v = p.cumulativeProgrammed else { continue }
            let cy = DecimalNumber(top + plot) - scaled(v, of: maximum, plot)
            svg += "<circle class=\"p\" cx=\"\(left + slot * i + slot / 2)\" cy=\"\(text(cy))\" r=\"2\"><title>\(p.period): \(escapeHTML(programmedWord)) \(v.grouped)</title></circle>"
        }
        // Axis labels.
        for (i, p) in points.enumerated() {
            svg += "<text class=\"x\" x=\"\(left + slot * i + slot / 2)\" y=\"\(height - 2)\">\(label(p.period, l))</text>"
        }
        svg += "</svg>"
        return svg
    }

    /// One unit's indicators by status, as a bar of proportional parts.
    static func unitBar(_ u: UnitTotals, width: Int = 160) -> String {
        let parts: [(Status, Int)] = [(.green, u.green), (.yellow, u.yellow), (.red, u.red), (.none, u.none)]
        var svg = "<svg class=\"ubar\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"10\">"
        var x = DecimalNumber.zero
        for (status, count) in parts where count > 0 {
            let w = (DecimalNumber(count) * width).divided(by: DecimalNumber(max(u.indicators, 1)), decimals: 1) ?? .zero
            svg += "<rect class=\"s-\(status.rawValue)\" x=\"\(text(x))\" y=\"0\" width=\"\(text(w))\" height=\"10\"></rect>"
            x = x + w
        }
        svg += "</svg>"
        return svg
    }
}

private extension String {
    /// "T1" -> "Q1" for the English axis.
    func replacingFirstLetter(_ letter: String) -> String { letter + dropFirst() }
}
