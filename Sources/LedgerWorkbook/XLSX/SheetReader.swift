// Reads xl/sharedStrings.xml and a worksheet (ECMA-376 Part 1, 18.4 and
// 18.3) from the parser's events, without building a tree: a worksheet is
// the one large part. Cells are placed by their `r` reference, or after the
// previous cell when a writer left it out; text comes from shared strings
// (plain or rich-text runs, never phonetic runs), inline strings, or formula
// results; `_xHHHH_` escapes are decoded.

enum SharedStringsReader {
    static func read(_ bytes: [UInt8], part: String) throws(XLSXReadError) -> [String] {
        var strings: [String] = []
        var parser: XMLParser
        do throws(XMLError) { parser = try XMLParser(bytes) } catch { throw .malformedXML(part: part, error) }
        // Path of main-namespace elements: sst > si > (t | r > t); rPh and the rest ignored.
        var path: [Substring] = []
        var current = ""
        while true {
            let event: XMLEvent?
            do throws(XMLError) { event = try parser.next() } catch { throw .malformedXML(part: part, error) }
            guard let event else { break }
            switch event {
            case .start(let name, _):
                path.append(OOXML.isMain(name.namespace) ? Substring(name.local) : "")
                if path.count == 2 && path[1] == "si" { current = "" }
            case .end:
                if path.count == 2 && path[1] == "si" { strings.append(CellText.unescape(current)) }
                path.removeLast()
            case .text(let t):
                if (path.count == 3 && path[2] == "t" && path[1] == "si") || (path.count == 4 && path[3] == "t" && path[2] == "r" && path[1] == "si") {
                    current += t
                }
            }
        }
        return strings
    }
}

struct SheetReader {
    let name: String
    let part: String
    let strings: [String]
    let dateStyles: [Bool]

    /// What the sheet's rows and merged ranges hold.
    func read(_ bytes: [UInt8]) throws(XLSXReadError) -> (rows: [ReadRow], merged: [CellRange]) {
        var parser: XMLParser
        do throws(XMLError) { parser = try XMLParser(bytes) } catch { throw .malformedXML(part: part, error) }
        var rows: [ReadRow] = []
        var merged: [CellRange] = []
        var path: [Substring] = []

        var rowNumber = 0
        var rowCells: [ReadCell] = []
        var column = 0
        var cell = PendingCell()

        while true {
            let event: XMLEvent?
            do throws(XMLError) { event = try parser.next() } catch { throw .malformedXML(part: part, error) }
            guard let event else { break }
            switch event {
            case .start(let element, let attributes):
                let local: Substring = OOXML.isMain(element.namespace) ? Substring(element.local) : ""
                path.append(local)
                switch (path.count, local) {
                case (1, let root) where root != "worksheet":
                    throw .malformedPart(part: part, reason: "the root element is not a worksheet")
                case (3, "row") where path[1] == "sheetData":
                    if let r = attribute("r", attributes) {
                        guard let n = Int(r), n >= 1, n <= CellReference.maxRow else { throw .badCellReference(sheet: name, text: r) }
                        rowNumber = n
                    } else {
                        rowNumber += 1
                    }
                    guard rowNumber <= CellReference.maxRow else { throw .badCellReference(sheet: name, text: String(rowNumber)) }
                    rowCells = []
                    column = 0
                case (4, "c") where path[2] == "row":
                    if let r = attribute("r", attributes) {
                        guard let ref = CellReference(r) else { throw .badCellReference(sheet: name, text: r) }
                        guard ref.row == rowNumber else {
                            throw .malformedPart(part: part, reason: "cell \(r) is inside row \(rowNumber)")
                        }
                        column = ref.column
                    } else {
                        column += 1
                    }
                    guard column <= CellReference.maxColumn else { throw .badCellReference(sheet: name, text: "column \(column)") }
                    cell = PendingCell(type: attribute("t", attributes) ?? "n", style: attribute("s", attributes))
                case (3, "mergeCell") where path[1] == "mergeCells":
                    let ref = attribute("ref", attributes) ?? ""
                    guard let range = CellRange(ref) else { throw .badCellReference(sheet: name, text: ref) }
                    merged.append(range)
                case (5, "f") where path[3] == "c":
                    cell.formula = ""
                default:
                    break
                }
            case .text(let t):
                guard path.count >= 5, path[3] == "c" else { continue }
                if path.count == 5 && path[4] == "v" { cell.value += t }
                else if path.count == 5 && path[4] == "f" { cell.formula! += t }
                else if path[4] == "is" && ((path.count == 6 && path[5] == "t") || (path.count == 7 && path[5] == "r" && path[6] == "t")) {
                    cell.inline += t
                    cell.hasInline = true
                }
            case .end:
                if path.count == 4 && path[3] == "c" && path[2] == "row" {
                    if let read = try finish(cell, row: rowNumber, column: column) { rowCells.append(read) }
                } else if path.count == 3 && path[2] == "row" && path[1] == "sheetData" {
                    if !rowCells.isEmpty { rows.append(ReadRow(number: rowNumber, cells: rowCells)) }
                }
                path.removeLast()
            }
        }
        return (try ordered(rows), merged)
    }

    /// A cell as it is being read.
    struct PendingCell {
        var type = "n"
        var style: String?
        var value = ""
        var formula: String?
        var inline = ""
        var hasInline = false
    }

    private func attribute(_ local: String, _ attributes: [XMLAttribute]) -> String? {
        for a in attributes where a.name.local == local && a.name.namespace.isEmpty { return a.value }
        return nil
    }

    private func finish(_ c: PendingCell, row: Int, column: Int) throws(XLSXReadError) -> ReadCell? {
        var ref: String { CellReference(row: row, column: column).description }  // for errors only
        let raw = c.value.trimmingSpaces
        var isDate = false
        let value: ReadValue
        switch c.type {
        case "s":
            guard !raw.isEmpty else { return emptyCell(c, row, column) }
            guard let i = Int(raw), i >= 0, i < strings.count else { throw .badSharedStringIndex(sheet: name, cell: ref, index: raw) }
            value = .text(strings[i])
        case "inlineStr":
            guard c.hasInline else { return emptyCell(c, row, column) }
            value = .text(CellText.unescape(c.inline))
        case "str":
            value = .text(CellText.unescape(c.value))
        case "b":
            guard !raw.isEmpty else { return emptyCell(c, row, column) }
            switch raw {
            case "1", "true": value = .boolean(true)
            case "0", "false": value = .boolean(false)
            default: throw .badValue(sheet: name, cell: ref, text: raw)
            }
        case "e":
            guard !raw.isEmpty else { return emptyCell(c, row, column) }
            value = .error(raw)
        case "d":
            guard !raw.isEmpty else { return emptyCell(c, row, column) }
            value = .date(raw)
            isDate = true
        case "n":
            guard !raw.isEmpty else { return emptyCell(c, row, column) }
            guard SheetReader.isNumber(raw) else { throw .badValue(sheet: name, cell: ref, text: raw) }
            value = .number(raw)
            if let s = c.style {
                guard let i = Int(s), i >= 0 else { throw .malformedPart(part: part, reason: "cell \(ref) has the style \(s)") }
                isDate = i < dateStyles.count && dateStyles[i]
            }
        default:
            throw .malformedPart(part: part, reason: "cell \(ref) has the unknown type \(c.type)")
        }
        return ReadCell(row: row, column: column, value: value, formula: c.formula, isDate: isDate)
    }

    /// A cell with no value: dropped, unless it holds a formula (then kept
    /// as `.empty`, so the formula is still reported).
    private func emptyCell(_ c: PendingCell, _ row: Int, _ column: Int) -> ReadCell? {
        c.formula.map { ReadCell(row: row, column: column, value: .empty, formula: $0) }
    }

    /// Rows and cells in ascending order, none twice.
    private func ordered(_ rows: [ReadRow]) throws(XLSXReadError) -> [ReadRow] {
        var rows = rows
        if zip(rows, rows.dropFirst()).contains(where: { $0.number >= $1.number }) {
            rows.sort { $0.number < $1.number }
            var merged: [ReadRow] = []
            for r in rows {
                if let last = merged.last, last.number == r.number {
                    merged[merged.count - 1].cells += r.cells
                } else {
                    merged.append(r)
                }
            }
            rows = merged
        }
        for i in rows.indices where zip(rows[i].cells, rows[i].cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
            rows[i].cells.sort { $0.column < $1.column }
            for (a, b) in zip(rows[i].cells, rows[i].cells.dropFirst()) where a.column == b.column {
                throw .duplicateCell(sheet: name, cell: a.reference.description)
            }
        }
        return rows
    }

    /// xsd:double as spreadsheets write it, without INF and NaN.
    static func isNumber(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var c = it.next()
        func digits() -> Int {
            var n = 0
            while let d = c, d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") { n += 1; c = it.next() }
            return n
        }
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { c = it.next() }
        var mantissa = digits()
        if c == UInt8(ascii: ".") {
            c = it.next()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = it.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
            guard digits() > 0 else { return false }
        }
        return c == nil
    }
}

extension String {
    /// Without leading and trailing XML whitespace.
    var trimmingSpaces: String {
        guard let head = utf8.first, let tail = utf8.last else { return self }
        if !XMLParser.isSpace(head) && !XMLParser.isSpace(tail) { return self }
        let u = unicodeScalars
        guard let first = u.firstIndex(where: { !XMLParser.isSpace(UInt8(truncatingIfNeeded: $0.value)) || $0.value > 0x7F }) else { return "" }
        let last = u.lastIndex(where: { !XMLParser.isSpace(UInt8(truncatingIfNeeded: $0.value)) || $0.value > 0x7F })!
        return String(u[first...last])
    }
}
