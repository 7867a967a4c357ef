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

    /// Columns a person reads: a cell's width is its count of characters
    /// (UTF-8 lead bytes), which is right for the accented letters of these
    /// documents and cheap enough for tables of thousands of rows.
    static func width(_ bytes: [UInt8]) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// `text` cut to `limit` characters, ending in "…".
    static func clip(_ text: String, _ limit: Int) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard width(bytes) > limit else { return bytes }
        var out: [UInt8] = []
        var chars = 0
        for b in bytes {
            if b & 0xC0 != 0x80 {
                if chars == limit - 1 { break }
                chars += 1
            }
            out.append(b)
        }
        return out + Array("…".utf8)
    }

    /// Each column's width in characters with nothing cut: its header or
    /// its widest cell.
    public static func naturalWidths(_ table: Table, yes: String = "yes", no: String = "no") -> [Int] {
        var widths = table.columns.map { width(Array($0.header.utf8)) }
        for row in table.rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(Array(humanText(cell, yes: yes, no: no).utf8))) }
        }
        return widths
    }

    /// An aligned text table. Long text cells are kept whole, except in the
    /// columns listed in `maxWidth`, which are cut to that width.
    public static func text(_ table: Table, maxWidth: [String: Int] = [:], yes: String = "yes", no: String = "no") -> String {
        let limits = table.columns.map { maxWidth[$0.key] }
        let cells: [[[UInt8]]] = table.rows.map { row in
            var out: [[UInt8]] = []
            out.reserveCapacity(row.count)
            for (i, cell) in row.enumerated() {
                let s = humanText(cell, yes: yes, no: no)
                out.append(limits[i].map { clip(s, $0) } ?? Array(s.utf8))
            }
            return out
        }
        let headers = table.columns.map { Array($0.header.utf8) }
        var widths = headers.map(width)
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], width(c)) }
        }
        var out: [UInt8] = []
        out.reserveCapacity((widths.reduce(0, +) + 2 * widths.count + 1) * (cells.count + 2))
        func line(_ values: [[UInt8]]) {
            let start = out.count
            for (i, v) in values.enumerated() {
                if i > 0 { out.append(0x20); out.append(0x20) }
                let pad = max(0, widths[i] - width(v))
                if table.columns[i].alignRight {
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                    out.append(contentsOf: v)
                } else {
                    out.append(contentsOf: v)
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                }
            }
            while out.count > start, out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        line(headers)
        line(widths.map { Array(repeating: UInt8(ascii: "-"), count: $0) })
        for row in cells { line(row) }
        out.removeLast()  // no newline after the last line
        return String(decoding: out, as: UTF8.self)
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
    /// line ends, a header row, and plain (ungrouped) numbers. The header
    /// speaks the output's language: the column keys in English (the JSON
    /// keys, stable for scripts), the column headings in Spanish, whose
    /// yes/no cells read `sí`/`no`. Text cells a spreadsheet would run as a
    /// formula are neutralised (`neutralisingFormulas`, see `spreadsheetSafe`);
    /// number cells never are, so a negative number stays a number. Only the
    /// CSV of snapshots in formats before 5 is written without it, so those
    /// files re-derive.
    public static func csv(_ table: Table, byteOrderMark: Bool = true, language: Language = .en,
                           neutralisingFormulas: Bool = true) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        let es = language == .es
        out += CSV.line(table.columns.map { es ? $0.header : $0.key })
        for row in table.rows {
            out += row.map { cell in
                switch cell {
                case .text(let s): return neutralisingFormulas ? spreadsheetSafe(s) : CSV.quote(s)
                case .number(let d): return d.description
                case .integer(let i): return String(i)
                case .bool(let b): return es ? (b ? "sí" : "no") : (b ? "true" : "false")
                case .null: return ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A text cell as a CSV field no spreadsheet runs as a formula (OWASP's
    /// "CSV Injection" guidance, CWE-1236): a cell that begins with `=`, `+`,
    /// `-`, `@`, TAB or CR (and LF or NUL, which some programs skip before
    /// reading a formula) gets a leading single quote, which Excel and
    /// LibreOffice read as "this is text" and do not show, and is always
    /// quoted, so that no separator inside it can start a new cell. A text
    /// that is a plain decimal (`-12.5`) is left alone: a spreadsheet reads it
    /// as the number it is, never as a formula; so is a lone `-`, the dash
    /// reports print where there is no status. JSON is never touched.
    public static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first), text != "-", !isPlainDecimal(text) else { return CSV.quote(text) }
        var out = "\"'"
        for ch in text { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }

    /// The first bytes that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x0A, 0x00]

    /// `-?digits(.digits)?`: what the ledger writes for a decimal.
    static func isPlainDecimal(_ text: String) -> Bool {
        if case .success = DecimalNumber.parse(Array(text.utf8)) { return true }
        return false
    }
}
