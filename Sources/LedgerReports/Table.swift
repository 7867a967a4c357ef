// A report as a table of typed cells, and its three renderings: an aligned
// text table for people, JSON for scripts, CSV for spreadsheets. Pure:
// (table, options) -> String.

import LedgerCore

/// One cell. Numbers stay exact decimals until they are written.
public enum Cell: Equatable, Sendable {
    case text(String)
    case number(DecimalNumber)
    case integer(Int64)
    case bool(Bool)
    case null
}

public struct Column: Sendable {
    /// The JSON key and CSV header: stable for scripts.
    public var key: String
    /// The heading people read, in their language.
    public var header: String
    public var alignRight: Bool

    public init(_ key: String, _ header: String, alignRight: Bool = false) {
        self.key = key
        self.header = header
        self.alignRight = alignRight
    }
}

public struct Table: Sendable {
    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }
}

public enum TableRenderer {
    /// The text of a cell for people: numbers grouped (14,757,499.81),
    /// empty cells as a dash.
    public static func humanText(_ cell: Cell, yes: String = "yes", no: String = "no") -> String {
        switch cell {
        case .text(let s): return s
        case .number(let d): return d.grouped
        case .integer(let i): return String(i)
        case .bool(let b): return b ? yes : no
        case .null: return "-"
        }
    }

    /// An aligned text table. Long text cells are kept whole (no clipping),
    /// except that cells in columns listed in `wrapAt` are cut to that width.
    public static func text(_ table: Table, maxWidth: [String: Int] = [:], yes: String = "yes", no: String = "no") -> String {
        let cells: [[String]] = table.rows.map { row in
            zip(table.columns, row).map { column, cell in
                let s = humanText(cell, yes: yes, no: no)
                if let w = maxWidth[column.key], s.count > w { return String(s.prefix(w - 1)) + "…" }
                return s
            }
        }
        var widths = table.columns.map { $0.header.count }
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) }
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (i, v) in values.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[i] - v.count))
                let isLast = i == values.count - 1
                parts.append(table.columns[i].alignRight ? pad + v : (isLast ? v : v + pad))
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out = [line(table.columns.map(\.header))]
        out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        out.append(contentsOf: cells.map(line))
        return out.joined(separator: "\n")
    }

    /// One JSON value for a cell; numbers as exact JSON numbers.
    public static func writeJSON(_ cell: Cell, _ w: inout JSONWriter) {
        switch cell {
        case .text(let s): w.string(s)
        case .number(let d): w.raw(d.description)
        case .integer(let i): w.int(i)
        case .bool(let b): b ? w.raw("true") : w.raw("false")
        case .null: w.raw("null")
        }
    }

    /// The rows as a JSON array of objects keyed by column key.
    public static func writeJSONRows(_ table: Table, _ w: inout JSONWriter) {
        w.raw("[")
        for (n, row) in table.rows.enumerated() {
            if n > 0 { w.raw(",") }
            w.raw("{")
            for (i, cell) in row.enumerated() {
                w.key(table.columns[i].key, first: i == 0)
                writeJSON(cell, &w)
            }
            w.raw("}")
        }
        w.raw("]")
    }

    /// CSV with a UTF-8 byte-order mark (so Excel reads accents right), CRLF
    /// line ends, a header of column keys, and plain (ungrouped) numbers.
    public static func csv(_ table: Table, byteOrderMark: Bool = true) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += CSV.line(table.columns.map(\.key))
        for row in table.rows {
            out += CSV.line(row.map { cell in
                switch cell {
                case .text(let s): return s
                case .number(let d): return d.description
                case .integer(let i): return String(i)
                case .bool(let b): return b ? "true" : "false"
                case .null: return ""
                }
            })
        }
        return out
    }
}
