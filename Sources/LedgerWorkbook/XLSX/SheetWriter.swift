// xl/worksheets/sheetN.xml (ECMA-376 Part 1, 18.3): the cells, in the
// element order CT_Worksheet requires (dimension, sheetViews,
// sheetFormatPr, cols, sheetData, autoFilter, pageMargins), with the first
// row frozen by a pane split. Text goes to the shared strings; numbers are
// written as given once checked to be plain decimals.

enum SheetWriter {
    static func xml(_ sheet: Worksheet, isSelected: Bool, strings: inout SharedStrings, styles: inout StyleSheet) throws(XLSXWriteError) -> [UInt8] {
        let rowCount = sheet.rows.count
        let columnCount = sheet.rows.reduce(0) { max($0, $1.count) }
        guard rowCount <= CellReference.maxRow, columnCount <= CellReference.maxColumn,
              sheet.columnWidths.count <= CellReference.maxColumn else { throw .sheetTooLarge(sheet: sheet.name) }
        let columnNames: [[UInt8]] = (0...max(columnCount, 1)).map { Array(CellReference.columnName($0).utf8) }
        let last = CellReference(row: max(rowCount, 1), column: max(columnCount, 1))
        let dimension = rowCount == 0 ? "A1" : "A1:\(last)"

        var x = XMLOutput(capacity: rowCount * max(columnCount, 1) * 24 + 1024)
        x.raw(OOXML.declaration)
        x.raw("<worksheet xmlns=\"\(OOXML.main)\" xmlns:r=\"\(OOXML.officeRelationships)\">")
        x.raw("<dimension ref=\"\(dimension)\"/>")
        x.raw("<sheetViews><sheetView \(isSelected ? "tabSelected=\"1\" " : "")workbookViewId=\"0\">")
        if sheet.freezesFirstRow {
            x.raw("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            x.raw("<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>")
        }
        x.raw("</sheetView></sheetViews>")
        x.raw("<sheetFormatPr defaultRowHeight=\"15\"/>")
        try columns(sheet, into: &x)

        x.raw("<sheetData>")
        for (r, row) in sheet.rows.enumerated() {
            let rowNumber = r + 1
            var opened = false
            for (c, cell) in row.enumerated() {
                if cell.value == .empty && cell.style == .plain { continue }
                if !opened {
                    x.raw("<row r=\"")
                    x.int(rowNumber)
                    x.raw("\">")
                    opened = true
                }
                try write(cell, reference: columnNames[c + 1], row: rowNumber, sheet: sheet.name, into: &x, strings: &strings, styles: &styles)
            }
            if opened { x.raw("</row>") }
        }
        x.raw("</sheetData>")
        if sheet.hasAutoFilter && rowCount > 0 {
            x.raw("<autoFilter ref=\"A1:\(last)\"/>")
        }
        x.raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        x.raw("</worksheet>")
        return x.bytes
    }

    /// The autofilter's range as a defined name wants it: 'Name'!$A$1:$C$9.
    static func filterRange(_ sheet: Worksheet) -> String? {
        guard sheet.hasAutoFilter, !sheet.rows.isEmpty else { return nil }
        let columns = max(1, sheet.rows.reduce(0) { max($0, $1.count) })
        let quoted = "'" + sheet.name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        return "\(quoted)!$A$1:$\(CellReference.columnName(columns))$\(sheet.rows.count)"
    }

    private static func columns(_ sheet: Worksheet, into x: inout XMLOutput) throws(XLSXWriteError) {
        var opened = false
        for (i, width) in sheet.columnWidths.enumerated() {
            guard let width else { continue }
            guard width.isFinite, width >= 0, width <= 255 else { throw .invalidColumnWidth(sheet: sheet.name, column: i + 1) }
            if !opened { x.raw("<cols>"); opened = true }
            x.raw("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
        }
        if opened { x.raw("</cols>") }
    }

    @inline(__always)
    private static func write(_ cell: Cell, reference: [UInt8], row: Int, sheet: String, into x: inout XMLOutput,
                              strings: inout SharedStrings, styles: inout StyleSheet) throws(XLSXWriteError) {
        let style = cell.style == .plain ? 0 : try styles.id(for: cell.style)
        x.raw("<c r=\"")
        x.raw(reference)
        x.int(row)
        x.raw("\"")
        if style != 0 {
            x.raw(" s=\"")
            x.int(style)
            x.raw("\"")
        }
        switch cell.value {
        case .empty:
            x.raw("/>")
        case .text(let s):
            guard s.utf16.count <= 32_767 else {
                throw .textTooLong(sheet: sheet, cell: String(decoding: reference, as: UTF8.self) + String(row))
            }
            x.raw(" t=\"s\"><v>")
            x.int(strings.id(for: s))
            x.raw("</v></c>")
        case .number(let n):
            guard isDecimal(n) else {
                throw .invalidNumber(sheet: sheet, cell: String(decoding: reference, as: UTF8.self) + String(row), text: n)
            }
            x.raw("><v>")
            x.raw(n)
            x.raw("</v></c>")
        case .boolean(let b):
            x.raw(b ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
        }
    }

    /// -?digits(.digits)?([eE][+-]?digits)?
    static func isDecimal(_ s: String) -> Bool {
        var i = s.utf8.makeIterator()
        var c = i.next()
        func digits() -> Int {
            var n = 0
            while let d = c, d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") { n += 1; c = i.next() }
            return n
        }
        if c == UInt8(ascii: "-") { c = i.next() }
        guard digits() > 0 else { return false }
        if c == UInt8(ascii: ".") {
            c = i.next()
            guard digits() > 0 else { return false }
        }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = i.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = i.next() }
            guard digits() > 0 else { return false }
        }
        return c == nil
    }
}
