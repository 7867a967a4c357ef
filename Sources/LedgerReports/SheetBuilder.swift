// Building a worksheet from the ledger's values: numbers stored as numbers
// in the users' formats (#,##0 for counts, #,##0.00 for money, 0.00"%" for
// percentages), the status as the cell's colour, a frozen header row with
// filters, and columns as wide as what they hold. Pure, like every renderer.

import LedgerCore
import LedgerWorkbook

/// One column of a sheet: its header and whether its text wraps.
struct SheetColumn {
    var header: String
    /// Long free text (observations, reasons): wrapped, at most `wrapWidth` wide.
    var wraps: Bool = false
}

/// Rows of workbook cells under a header, and the widths they need.
struct SheetBuilder {
    static let wrapWidth = 48.0
    static let maximumWidth = 60.0

    var name: String
    var columns: [SheetColumn]
    var rows: [[LedgerWorkbook.Cell]] = []
    var hasAutoFilter = true

    init(name: String, columns: [SheetColumn]) {
        self.name = name
        self.columns = columns
    }

    mutating func add(_ row: [LedgerWorkbook.Cell]) { rows.append(row) }

    /// The sheet: header row bold on grey, frozen; widths from the longest
    /// cell of each column (headers wrap, so a long header does not widen
    /// a column of short numbers beyond a few characters).
    var worksheet: Worksheet {
        let header = columns.map { LedgerWorkbook.Cell.text($0.header, style: .header) }
        var widths: [Double?] = []
        for (i, c) in columns.enumerated() {
            var w = Double(min(c.header.count, 14))
            for row in rows where i < row.count { w = max(w, Double(SheetBuilder.displayWidth(row[i]))) }
            w = min(w + 2, c.wraps ? SheetBuilder.wrapWidth : SheetBuilder.maximumWidth)
            widths.append(max(w, 6))
        }
        return Worksheet(name: name, rows: [header] + rows, columnWidths: widths, freezesFirstRow: true, hasAutoFilter: hasAutoFilter)
    }

    /// How many characters a cell shows: a number as its format shows it.
    static func displayWidth(_ cell: LedgerWorkbook.Cell) -> Int {
        switch cell.value {
        case .empty: return 0
        case .text(let s): return s.split(separator: "\n").map(\.count).max() ?? 0
        case .boolean: return 5
        case .number(let text):
            guard let d = DecimalNumber(text) else { return text.count }
            switch cell.style.numberFormat {
            case .percentSign: return d.rounded(decimals: 2).grouped.count + 1
            case .twoDecimals: return d.rounded(decimals: 2).grouped.count
            default: return d.grouped.count
            }
        }
    }

    // MARK: Cells

    /// A number as a number, in the format its decimals ask for: #,##0 for
    /// whole numbers, #,##0.00 up to two decimals, more zeros beyond.
    static func number(_ d: DecimalNumber?, fill: Fill? = nil) -> LedgerWorkbook.Cell {
        guard let d else { return LedgerWorkbook.Cell(.empty, style: CellStyle(fill: fill)) }
        let format: NumberFormat
        switch d.scale {
        case 0: format = .integer
        case 1, 2: format = .twoDecimals
        default: format = .custom("#,##0." + String(repeating: "0", count: d.scale))
        }
        return .number(d.description, style: CellStyle(numberFormat: format, fill: fill))
    }

    /// A percentage as the number it is (93.5 shows 93.50%).
    static func percent(_ d: DecimalNumber?, fill: Fill? = nil) -> LedgerWorkbook.Cell {
        guard let d else { return LedgerWorkbook.Cell(.empty, style: CellStyle(fill: fill)) }
        return .number(d.description, style: CellStyle(numberFormat: .percentSign, fill: fill))
    }

    static func text(_ s: String?, wraps: Bool = false, fill: Fill? = nil) -> LedgerWorkbook.Cell {
        guard let s, !s.isEmpty else { return LedgerWorkbook.Cell(.empty, style: CellStyle(fill: fill)) }
        return .text(clipped(s), style: CellStyle(fill: fill, wrapsText: wraps))
    }

    /// Excel keeps at most 32,767 characters (UTF-16 units) in a cell: a
    /// longer text is cut, and says so with a final ellipsis.
    static func clipped(_ s: String) -> String {
        guard s.utf16.count > 32_767 else { return s }
        var out = "", units = 0
        for c in s {
            let n = String(c).utf16.count
            if units + n > 32_766 { break }
            out.append(c)
            units += n
        }
        return out + "…"
    }

    /// A value that may be a number ("542") or words ("modified 10 ..."): a
    /// number when it reads as one exactly.
    static func value(_ s: String?) -> LedgerWorkbook.Cell {
        guard let s else { return .empty }
        if let d = DecimalNumber(s), d.description == s { return number(d) }
        return text(s, wraps: true)
    }

    /// The colour of a status (semáforo).
    static func fill(_ s: Status) -> Fill? {
        switch s {
        case .green: return .green
        case .yellow: return .yellow
        case .red: return .red
        case .none: return nil
        }
    }
}
