// Writes a Workbook as .xlsx bytes: checks it, builds every part a strict
// consumer needs, and packs them in a deterministic ZIP. Same workbook,
// same bytes: no clock, no randomness, parts in a fixed order, styles and
// strings numbered by first use.

/// Writes workbooks as Office Open XML spreadsheets (.xlsx).
public enum XLSXWriter {
    /// The .xlsx file of `workbook`.
    public static func write(_ workbook: Workbook, level: Deflate.Level = .default) throws(XLSXWriteError) -> [UInt8] {
        let entries = try parts(workbook)
        do throws(ZipError) {
            return try ZipWriter.archive(entries, level: level)
        } catch {
            throw .archive(error)
        }
    }

    /// The package's parts in the order they are stored, [Content_Types].xml first.
    public static func parts(_ workbook: Workbook) throws(XLSXWriteError) -> [ZipEntry] {
        try check(workbook)
        var strings = SharedStrings()
        var styles = StyleSheet()
        var sheets: [[UInt8]] = []
        for (i, sheet) in workbook.sheets.enumerated() {
            sheets.append(try SheetWriter.xml(sheet, isSelected: i == 0, strings: &strings, styles: &styles))
        }
        let p = workbook.properties
        let hasCustom = !p.custom.isEmpty
        var parts = [
            ZipEntry(name: "[Content_Types].xml", data: PackageParts.contentTypes(sheetCount: sheets.count, hasCustomProperties: hasCustom)),
            ZipEntry(name: "_rels/.rels", data: PackageParts.rootRelationships(hasCustomProperties: hasCustom)),
            ZipEntry(name: "docProps/core.xml", data: PackageParts.core(p)),
            ZipEntry(name: "docProps/app.xml", data: PackageParts.app(p, sheets: workbook.sheets)),
        ]
        if hasCustom { parts.append(ZipEntry(name: "docProps/custom.xml", data: PackageParts.custom(p.custom))) }
        parts.append(ZipEntry(name: "xl/workbook.xml", data: PackageParts.workbook(workbook.sheets)))
        parts.append(ZipEntry(name: "xl/_rels/workbook.xml.rels", data: PackageParts.workbookRelationships(sheetCount: sheets.count)))
        parts.append(ZipEntry(name: "xl/styles.xml", data: styles.xml))
        parts.append(ZipEntry(name: "xl/sharedStrings.xml", data: strings.xml))
        for (i, sheet) in sheets.enumerated() { parts.append(ZipEntry(name: "xl/worksheets/sheet\(i + 1).xml", data: sheet)) }
        return parts
    }

    /// Names and properties; cells are checked as they are written.
    static func check(_ workbook: Workbook) throws(XLSXWriteError) {
        guard !workbook.sheets.isEmpty else { throw .noSheets }
        var seen = Set<String>()
        for sheet in workbook.sheets {
            guard isValidSheetName(sheet.name) else { throw .invalidSheetName(sheet.name) }
            guard seen.insert(sheet.name.lowercased()).inserted else { throw .duplicateSheetName(sheet.name) }
        }
        let p = workbook.properties
        for t in [p.created, p.modified].compactMap({ $0 }) where !isTimestamp(t) { throw .invalidTimestamp(t) }
        var names = Set<String>()
        for c in p.custom {
            guard !c.name.isEmpty, c.name.count <= 255, XMLOutput.isRepresentable(c.name),
                  names.insert(c.name.lowercased()).inserted else { throw .invalidCustomProperty(c.name) }
        }
    }

    /// Excel's rules for a sheet's name.
    public static func isValidSheetName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf16.count <= 31, !name.hasPrefix("'"), !name.hasSuffix("'"),
              name.lowercased() != "history" else { return false }
        return name.unicodeScalars.allSatisfy { c in
            !"[]:*?/\\".unicodeScalars.contains(c) && CellText.isAllowed(c) && c.value >= 0x20
        }
    }

    /// YYYY-MM-DDThh:mm:ssZ
    static func isTimestamp(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 20 else { return false }
        for (i, c) in b.enumerated() {
            switch i {
            case 4, 7: if c != UInt8(ascii: "-") { return false }
            case 10: if c != UInt8(ascii: "T") { return false }
            case 13, 16: if c != UInt8(ascii: ":") { return false }
            case 19: if c != UInt8(ascii: "Z") { return false }
            default: if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) { return false }
            }
        }
        return true
    }
}
