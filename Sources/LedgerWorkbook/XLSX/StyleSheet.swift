// xl/styles.xml (ECMA-376 Part 1, 18.8): the distinct cell styles of a
// workbook, numbered in order of first use so the output never varies.
// Style 0 is always the plain one, as cells without an `s` attribute use it.
// Two fonts (regular, bold), the two fills every style sheet must start with
// (none, gray125) then one solid fill per colour, one empty border, number
// formats by built-in id or as custom formats from id 164.

struct StyleSheet {
    private(set) var styles: [CellStyle] = [.plain]
    private var index: [CellStyle: Int] = [.plain: 0]
    private var fills: [Fill] = []
    private var fillIndex: [Fill: Int] = [:]
    private var customFormats: [String] = []
    private var customFormatIndex: [String: Int] = [:]

    /// The style's number in cellXfs, adding it on first use.
    mutating func id(for style: CellStyle) throws(XLSXWriteError) -> Int {
        if let i = index[style] { return i }
        if let fill = style.fill, fillIndex[fill] == nil {
            guard fill.rgb.utf8.count == 6, fill.rgb.utf8.allSatisfy(StyleSheet.isHexDigit) else { throw .invalidColor(fill.rgb) }
            fillIndex[fill] = fills.count + 2
            fills.append(fill)
        }
        let format = style.numberFormat.code
        if format.id == nil && customFormatIndex[format.code] == nil {
            guard !format.code.isEmpty, format.code.utf8.count <= 255, XMLOutput.isRepresentable(format.code) else {
                throw .invalidNumberFormat(format.code)
            }
            customFormatIndex[format.code] = 164 + customFormats.count
            customFormats.append(format.code)
        }
        let i = styles.count
        styles.append(style)
        index[style] = i
        return i
    }

    static func isHexDigit(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
    }

    private func formatID(_ f: NumberFormat) -> Int {
        let code = f.code
        return code.id ?? customFormatIndex[code.code]!
    }

    var xml: [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<styleSheet xmlns=\"\(OOXML.main)\">")
        if !customFormats.isEmpty {
            x.raw("<numFmts count=\"\(customFormats.count)\">")
            for (i, code) in customFormats.enumerated() {
                x.raw("<numFmt numFmtId=\"\(164 + i)\" formatCode=\"")
                x.attribute(code)
                x.raw("\"/>")
            }
            x.raw("</numFmts>")
        }
        x.raw("<fonts count=\"2\">")
        x.raw("<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>")
        x.raw("<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>")
        x.raw("</fonts>")
        x.raw("<fills count=\"\(fills.count + 2)\">")
        x.raw("<fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
        for fill in fills {
            x.raw("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\(fill.rgb.uppercased())\"/><bgColor indexed=\"64\"/></patternFill></fill>")
        }
        x.raw("</fills>")
        x.raw("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
        x.raw("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
        x.raw("<cellXfs count=\"\(styles.count)\">")
        for style in styles {
            let format = formatID(style.numberFormat)
            let fill = style.fill.map { fillIndex[$0]! } ?? 0
            x.raw("<xf numFmtId=\"\(format)\" fontId=\"\(style.isBold ? 1 : 0)\" fillId=\"\(fill)\" borderId=\"0\" xfId=\"0\"")
            if format != 0 { x.raw(" applyNumberFormat=\"1\"") }
            if style.isBold { x.raw(" applyFont=\"1\"") }
            if fill != 0 { x.raw(" applyFill=\"1\"") }
            if style.wrapsText {
                x.raw(" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>")
            } else {
                x.raw("/>")
            }
        }
        x.raw("</cellXfs>")
        x.raw("<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>")
        x.raw("<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium2\" defaultPivotStyle=\"PivotStyleLight16\"/>")
        x.raw("</styleSheet>")
        return x.bytes
    }
}
