// Why a workbook could not be written, each with one sentence the ledger can
// print. The writer checks everything before it builds a byte.

/// A workbook that cannot be written as it is.
public enum XLSXWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    case noSheets
    /// A sheet name Excel would not accept (empty, over 31 characters, a
    /// character of `[]:*?/\` or a control character, an apostrophe at
    /// either end, or the reserved "History").
    case invalidSheetName(String)
    /// Two sheets whose names differ only in case, or not at all.
    case duplicateSheetName(String)
    /// A number that is not a plain decimal.
    case invalidNumber(sheet: String, cell: String, text: String)
    /// Text longer than a cell holds (32,767 characters).
    case textTooLong(sheet: String, cell: String)
    /// More rows or columns than a sheet has (1,048,576 by 16,384).
    case sheetTooLarge(sheet: String)
    case invalidColumnWidth(sheet: String, column: Int)
    /// A fill colour that is not six hex digits.
    case invalidColor(String)
    case invalidNumberFormat(String)
    /// A date that is not a W3C UTC date-time ("2017-04-10T12:00:00Z").
    case invalidTimestamp(String)
    /// A custom property name that is empty, too long, or repeated.
    case invalidCustomProperty(String)
    case archive(ZipError)

    public var description: String {
        switch self {
        case .noSheets: return "a workbook needs at least one sheet"
        case .invalidSheetName(let n):
            return "\"\(n)\" cannot name a sheet: use 1 to 31 characters, none of [ ] : * ? / \\, no apostrophe at either end, and not History"
        case .duplicateSheetName(let n): return "two sheets are named \"\(n)\" (names are compared without case)"
        case .invalidNumber(let s, let c, let t): return "sheet \(s), cell \(c): \"\(t)\" is not a decimal number"
        case .textTooLong(let s, let c): return "sheet \(s), cell \(c): the text is longer than the 32,767 characters a cell holds"
        case .sheetTooLarge(let s): return "sheet \(s) has more than 1,048,576 rows or 16,384 columns"
        case .invalidColumnWidth(let s, let c): return "sheet \(s), column \(c): a width must be between 0 and 255"
        case .invalidColor(let c): return "\"\(c)\" is not a colour of six hex digits (RRGGBB)"
        case .invalidNumberFormat(let f): return "\"\(f)\" is not a usable number format"
        case .invalidTimestamp(let t): return "\"\(t)\" is not a UTC date-time like 2017-04-10T12:00:00Z"
        case .invalidCustomProperty(let n): return "\"\(n)\" cannot name a custom property (empty, over 255 characters, or repeated)"
        case .archive(let e): return "the workbook could not be packed: \(e)"
        }
    }
}
