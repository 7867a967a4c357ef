// A1-style cell references and ranges (ECMA-376 Part 1, 18.18.62 ST_Ref and
// 18.18.7 ST_CellRef): columns A..XFD, rows 1..1,048,576, the limits of
// SpreadsheetML since Excel 2007.

/// A cell's position: row and column, both from 1 (A1 is row 1, column 1).
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "B7" (letters then digits, no `$`); nil when malformed or out of the sheet.
    public init?(_ text: String) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((b | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7, !(digits == 0 && b == UInt8(ascii: "0")) else { return nil }
                row = row * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, digits > 0, column <= CellReference.maxColumn, row <= CellReference.maxRow else { return nil }
        self.init(row: row, column: column)
    }

    /// The column's letters: 1 -> A, 27 -> AA, 16384 -> XFD.
    public static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public var description: String { CellReference.columnName(column) + String(row) }

    /// Row-major order: by row, then by column.
    public static func < (a: CellReference, b: CellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangle of cells, such as a merged range "A1:C2".
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Parses "A1:C2", or "B3" as a one-cell range.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellReference(String(parts[0])), let b = CellReference(String(parts[parts.count - 1])) else { return nil }
        self.init(first: CellReference(row: min(a.row, b.row), column: min(a.column, b.column)),
                  last: CellReference(row: max(a.row, b.row), column: max(a.column, b.column)))
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }

    public var description: String { first == last ? first.description : "\(first):\(last)" }
}
