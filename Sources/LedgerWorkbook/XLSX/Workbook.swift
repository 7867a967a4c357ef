// What XLSXWriter writes: a workbook as plain values. Numbers come as exact
// decimal strings ("14757499.81"), never binary floating point, and are
// written as they are given; styles are values too, and the writer collects
// the distinct ones into the style sheet.

/// A workbook to write: its sheets in tab order and its document properties.
public struct Workbook: Sendable, Equatable {
    public var sheets: [Worksheet]
    public var properties: DocumentProperties

    public init(sheets: [Worksheet], properties: DocumentProperties = DocumentProperties()) {
        self.sheets = sheets
        self.properties = properties
    }
}

/// One sheet: rows of cells from A1, column widths, and its view.
public struct Worksheet: Sendable, Equatable {
    /// The tab's name: 1 to 31 characters, none of `[ ] : * ? / \`, not
    /// starting or ending with an apostrophe, not "History"; unique in the
    /// workbook regardless of case.
    public var name: String
    /// `rows[0]` is row 1, `rows[0][0]` is A1. Rows may differ in length.
    public var rows: [[Cell]]
    /// Widths in characters (0-255) by column from A; nil keeps the default.
    public var columnWidths: [Double?]
    /// Keeps row 1 in view while scrolling (a frozen pane below it).
    public var freezesFirstRow: Bool
    /// Puts filter buttons on row 1 over every row written.
    public var hasAutoFilter: Bool

    public init(name: String, rows: [[Cell]] = [], columnWidths: [Double?] = [],
                freezesFirstRow: Bool = true, hasAutoFilter: Bool = false) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
        self.freezesFirstRow = freezesFirstRow
        self.hasAutoFilter = hasAutoFilter
    }
}

/// A cell's content.
public enum CellValue: Sendable, Hashable {
    /// Nothing (a cell written only if it has a style, such as a fill).
    case empty
    /// Text, at most 32,767 characters (Excel's limit).
    case text(String)
    /// A number as an exact decimal: an optional "-", digits, optionally "."
    /// and digits, optionally an exponent ("14757499.81", "-3", "1.5E-3").
    /// Written as it is given; Excel keeps 15 significant digits of it.
    case number(String)
    case boolean(Bool)
}

/// A cell: its value and its style.
public struct Cell: Sendable, Equatable {
    public var value: CellValue
    public var style: CellStyle

    public init(_ value: CellValue, style: CellStyle = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ s: String, style: CellStyle = .plain) -> Cell { Cell(.text(s), style: style) }
    public static func number(_ decimal: String, style: CellStyle = .plain) -> Cell { Cell(.number(decimal), style: style) }
    public static func boolean(_ b: Bool, style: CellStyle = .plain) -> Cell { Cell(.boolean(b), style: style) }
    public static let empty = Cell(.empty)
}

/// How a cell looks.
public struct CellStyle: Sendable, Hashable {
    public var isBold: Bool
    public var numberFormat: NumberFormat
    /// A solid background colour.
    public var fill: Fill?
    /// Wraps long text onto several lines within the column width.
    public var wrapsText: Bool

    public init(isBold: Bool = false, numberFormat: NumberFormat = .general, fill: Fill? = nil, wrapsText: Bool = false) {
        self.isBold = isBold
        self.numberFormat = numberFormat
        self.fill = fill
        self.wrapsText = wrapsText
    }

    /// The default: no bold, general format, no fill, no wrapping.
    public static let plain = CellStyle()
    /// A header cell: bold on light grey, wrapped.
    public static let header = CellStyle(isBold: true, fill: .gray, wrapsText: true)
}

/// How a number is shown.
public enum NumberFormat: Sendable, Hashable {
    /// As much as fits (built-in format 0).
    case general
    /// `#,##0`: grouped, no decimals (built-in 3).
    case integer
    /// `#,##0.00`: grouped, two decimals (built-in 4).
    case twoDecimals
    /// `0.00%`: the value is a fraction, 0.935 shows 93.50% (built-in 10).
    case percent
    /// `0.00"%"`: the value is already a percentage, 93.5 shows 93.50%.
    case percentSign
    /// Any other format code, such as `0.0` or `#,##0.000`.
    case custom(String)

    /// The format's code, and its built-in id where it has one.
    var code: (id: Int?, code: String) {
        switch self {
        case .general: return (0, "General")
        case .integer: return (3, "#,##0")
        case .twoDecimals: return (4, "#,##0.00")
        case .percent: return (10, "0.00%")
        case .percentSign: return (nil, "0.00\"%\"")
        case .custom(let c): return (nil, c)
        }
    }
}

/// A solid background colour, as six hex digits RRGGBB.
public struct Fill: Sendable, Hashable {
    public var rgb: String

    public init(rgb: String) { self.rgb = rgb }

    /// The status colours (semáforo), Excel's "Good", "Neutral" and "Bad" fills.
    public static let green = Fill(rgb: "C6EFCE")
    public static let yellow = Fill(rgb: "FFEB9C")
    public static let red = Fill(rgb: "FFC7CE")
    public static let gray = Fill(rgb: "D9D9D9")
}

/// The document's properties (docProps/core.xml, app.xml, custom.xml).
/// Dates are given by the caller, never read from a clock, so the same
/// workbook always gives the same bytes.
public struct DocumentProperties: Sendable, Equatable {
    public var title: String?
    public var subject: String?
    public var creator: String?
    /// W3C date-time in UTC, "2017-04-10T12:00:00Z"; nil leaves it out.
    public var created: String?
    /// W3C date-time in UTC; nil leaves it out.
    public var modified: String?
    /// The application named in app.xml.
    public var application: String
    /// Custom properties (File > Properties > Custom in Excel and
    /// LibreOffice), such as the journal head and digest, in this order.
    public var custom: [CustomProperty]

    public init(title: String? = nil, subject: String? = nil, creator: String? = nil, created: String? = nil,
                modified: String? = nil, application: String = "ledger", custom: [CustomProperty] = []) {
        self.title = title
        self.subject = subject
        self.creator = creator
        self.created = created
        self.modified = modified
        self.application = application
        self.custom = custom
    }
}

/// A named text property of the document.
public struct CustomProperty: Sendable, Equatable {
    /// 1 to 255 characters, unique regardless of case.
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
