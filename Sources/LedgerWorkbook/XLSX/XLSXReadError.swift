// Why a workbook could not be read, each with one sentence the ledger can
// print: which part, which sheet and cell, what was wrong.

/// A file that is not a readable .xlsx workbook.
public enum XLSXReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another kind of file; the text says which, as far as it can tell.
    case notXLSX(String)
    /// The ZIP container is damaged or refused.
    case archive(ZipError)
    case missingPart(String)
    case malformedXML(part: String, XMLError)
    /// A part that parses but does not say what SpreadsheetML requires.
    case malformedPart(part: String, reason: String)
    case badCellReference(sheet: String, text: String)
    case duplicateCell(sheet: String, cell: String)
    case badSharedStringIndex(sheet: String, cell: String, index: String)
    /// A value that its type does not allow (a number that is not one, a boolean not 0 or 1).
    case badValue(sheet: String, cell: String, text: String)

    public var description: String {
        switch self {
        case .notXLSX(let what): return "the file is not an Excel workbook (.xlsx): it looks like \(what)"
        case .archive(let e): return "the workbook is damaged: \(e)"
        case .missingPart(let p): return "the workbook is damaged: its part \(p) is missing"
        case .malformedXML(let p, let e): return "the workbook is damaged: \(p), \(e)"
        case .malformedPart(let p, let r): return "the workbook is damaged: \(p): \(r)"
        case .badCellReference(let s, let t): return "sheet \(s): \"\(t)\" is not a cell reference"
        case .duplicateCell(let s, let c): return "sheet \(s): cell \(c) appears twice"
        case .badSharedStringIndex(let s, let c, let i): return "sheet \(s), cell \(c): text number \(i) does not exist"
        case .badValue(let s, let c, let t): return "sheet \(s), cell \(c): \"\(t)\" is not a value of the cell's type"
        }
    }
}
