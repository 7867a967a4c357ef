// What XLSXReader returns: the workbook's sheets by name, each as rows of
// cells with their positions and values, and as data what the ledger must
// refuse with a clear sentence rather than guess at: formulas, merged
// ranges, dates, hidden or non-worksheet sheets.

/// A workbook as read: every sheet in tab order, and document properties.
public struct ReadWorkbook: Sendable, Equatable {
    public var sheets: [ReadSheet]
    public var title: String?
    public var customProperties: [CustomProperty]
    /// Dates count from 1904 (old Mac Excel) instead of 1900.
    public var usesDate1904: Bool

    public init(sheets: [ReadSheet], title: String? = nil, customProperties: [CustomProperty] = [], usesDate1904: Bool = false) {
        self.sheets = sheets
        self.title = title
        self.customProperties = customProperties
        self.usesDate1904 = usesDate1904
    }

    /// The sheet names, in tab order.
    public var sheetNames: [String] { sheets.map(\.name) }

    /// The sheet with this name; like Excel, without regard to case.
    public func sheet(named name: String) -> ReadSheet? {
        sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }
}

/// One sheet: its cells row by row, and what it holds that is not plain data.
public struct ReadSheet: Sendable, Equatable {
    /// What the sheet's tab holds.
    public enum Kind: Sendable, Equatable {
        case worksheet
        /// A chart on its own tab: no cells.
        case chartsheet
        /// Excel 5 dialog or macro sheets: not read.
        case dialogsheet, macrosheet
    }

    /// Whether the tab is shown.
    public enum Visibility: Sendable, Equatable {
        case visible, hidden
        /// Hidden so that only a macro can show it.
        case veryHidden
    }

    public var name: String
    public var kind: Kind
    public var visibility: Visibility
    /// Rows in ascending order, only those with at least one cell read.
    public var rows: [ReadRow]
    /// Merged ranges (`<mergeCells>`), in the order the sheet lists them.
    public var mergedRanges: [CellRange]

    public init(name: String, kind: Kind = .worksheet, visibility: Visibility = .visible, rows: [ReadRow] = [], mergedRanges: [CellRange] = []) {
        self.name = name
        self.kind = kind
        self.visibility = visibility
        self.rows = rows
        self.mergedRanges = mergedRanges
    }

    /// Cells holding a formula (their value is the last result Excel or LibreOffice saved).
    public var formulaCells: [CellReference] { cells.filter { $0.formula != nil }.map(\.reference) }

    /// Cells holding a date or time (a number in a date format, or a `t="d"` cell).
    public var dateCells: [CellReference] { cells.filter(\.isDate).map(\.reference) }

    /// Every cell read, row by row.
    public var cells: [ReadCell] { rows.flatMap(\.cells) }

    /// The cell at `reference`, if it holds anything.
    public func cell(at reference: CellReference) -> ReadCell? {
        guard let row = rows.first(where: { $0.number == reference.row }) else { return nil }
        return row.cells.first { $0.column == reference.column }
    }

    /// The sheet as a grid from A1: row i, column j is the cell at row i + 1,
    /// column j + 1, nil where nothing is; rows end at their last cell.
    public var grid: [[ReadValue?]] {
        guard let lastRow = rows.last?.number else { return [] }
        var out = [[ReadValue?]](repeating: [], count: lastRow)
        for row in rows {
            guard let lastColumn = row.cells.last?.column else { continue }
            var line = [ReadValue?](repeating: nil, count: lastColumn)
            for c in row.cells { line[c.column - 1] = c.value }
            out[row.number - 1] = line
        }
        return out
    }
}

/// A row: its number (from 1) and its cells in ascending column order.
public struct ReadRow: Sendable, Equatable {
    public var number: Int
    public var cells: [ReadCell]

    public init(number: Int, cells: [ReadCell]) {
        self.number = number
        self.cells = cells
    }
}

/// A cell as read.
public struct ReadCell: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var value: ReadValue
    /// The formula as written (without "="), "" for a cell sharing another
    /// cell's formula; nil when the cell holds no formula.
    public var formula: String?
    /// A number shown as a date or time (built-in formats 14-22, 27-36,
    /// 45-47 and 50-58, or a custom format with d, m, y or h outside quotes
    /// and brackets), or an ISO 8601 date cell.
    public var isDate: Bool

    public init(row: Int, column: Int, value: ReadValue, formula: String? = nil, isDate: Bool = false) {
        self.row = row
        self.column = column
        self.value = value
        self.formula = formula
        self.isDate = isDate
    }

    public var reference: CellReference { CellReference(row: row, column: column) }
}

/// A cell's value as the file holds it.
public enum ReadValue: Sendable, Hashable {
    case text(String)
    /// A number exactly as written in the file ("14757499.81", "1E-3");
    /// Excel writes up to 17 significant digits of a binary double, so a
    /// value typed as 0.1 + 0.2 may read "0.30000000000000004".
    case number(String)
    case boolean(Bool)
    /// An error value such as "#DIV/0!" or "#N/A".
    case error(String)
    /// An ISO 8601 date (`t="d"`), as written.
    case date(String)
    /// A formula cell with no saved result.
    case empty
}
