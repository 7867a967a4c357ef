// Reads an .xlsx as users save it from Excel or LibreOffice: the ZIP (with
// its limits), the package relationships down to the workbook, the sheet
// list with each sheet's relationship, shared strings, the styles (to tell
// dates), every worksheet, the title and custom properties. Anything
// damaged is refused as a whole with an XLSXReadError; what is well-formed
// but not plain data (formulas, merged cells, dates, hidden sheets,
// chart sheets) is reported in the result for the caller to judge.

/// Reads Office Open XML spreadsheets (.xlsx, transitional or strict).
public enum XLSXReader {
    /// The workbook in `bytes`; `limits` bound the ZIP (entries, inflated size).
    public static func read(_ bytes: [UInt8], limits: ZipLimits = .default) throws(XLSXReadError) -> ReadWorkbook {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .notXLSX("an Excel 97-2003 workbook (.xls) or a password-protected one; save it as .xlsx without a password")
        }
        let archive: ZipArchive
        do throws(ZipError) {
            archive = try ZipReader.read(bytes, limits: limits)
        } catch .notAZipArchive {
            throw .notXLSX("neither a ZIP archive nor an old Excel file (perhaps CSV or text)")
        } catch {
            throw .archive(error)
        }
        let package = PackageReader(archive)
        if let mimetype = package.part("mimetype"), String(decoding: mimetype, as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument") {
            throw .notXLSX("an OpenDocument file (.ods); save it as .xlsx")
        }
        guard package.part("_rels/.rels") != nil else { throw .notXLSX("a ZIP archive without the parts of an Office document") }
        guard let main = try package.relationships(of: "").first(where: { $0.kind == "officeDocument" }) else {
            throw .missingPart("the workbook (no officeDocument relationship in _rels/.rels)")
        }
        let workbookPart = main.target
        let workbook = try package.xml(workbookPart)
        guard workbook.name.local == "workbook", OOXML.mainNamespaces.contains(workbook.name.namespace) else {
            throw .notXLSX("another kind of Office document (its main part is \(workbook.name.local), not a workbook)")
        }
        let relationships = try package.relationships(of: workbookPart)
        let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let strings = try relationships.first { $0.kind == "sharedStrings" }.map { r throws(XLSXReadError) in
            try SharedStringsReader.read(try package.requiredPart(r.target), part: r.target)
        } ?? []
        let dateStyles = try relationships.first { $0.kind == "styles" }.map { r throws(XLSXReadError) in
            DateFormats.styles(try package.xml(r.target))
        } ?? []

        guard let sheetList = workbook.child("sheets", in: OOXML.mainNamespaces) else {
            throw .malformedPart(part: workbookPart, reason: "there is no sheet list")
        }
        var sheets: [ReadSheet] = []
        for entry in sheetList.children("sheet", in: OOXML.mainNamespaces) {
            guard let name = entry.attribute("name"),
                  let id = OOXML.officeRelationshipNamespaces.lazy.compactMap({ entry.attribute("id", namespace: $0) }).first else {
                throw .malformedPart(part: workbookPart, reason: "a sheet lacks its name or relationship")
            }
            guard let r = byID[id] else { throw .malformedPart(part: workbookPart, reason: "the sheet \(name) has no relationship \(id)") }
            var sheet = ReadSheet(name: name)
            switch entry.attribute("state") {
            case "hidden": sheet.visibility = .hidden
            case "veryHidden": sheet.visibility = .veryHidden
            default: break
            }
            switch r.kind {
            case "worksheet":
                let reader = SheetReader(name: name, part: r.target, strings: strings, dateStyles: dateStyles)
                (sheet.rows, sheet.mergedRanges) = try reader.read(try package.requiredPart(r.target))
            case "chartsheet": sheet.kind = .chartsheet
            case "dialogsheet": sheet.kind = .dialogsheet
            case "xlMacrosheet", "xlIntlMacrosheet": sheet.kind = .macrosheet
            default: throw .malformedPart(part: workbookPart, reason: "the sheet \(name) points to a part of type \(r.kind)")
            }
            sheets.append(sheet)
        }
        guard !sheets.isEmpty else { throw .malformedPart(part: workbookPart, reason: "the workbook lists no sheets") }

        var result = ReadWorkbook(sheets: sheets)
        if let pr = workbook.child("workbookPr", in: OOXML.mainNamespaces), let v = pr.attribute("date1904") {
            result.usesDate1904 = v == "1" || v == "true"
        }
        try readProperties(package, into: &result)
        return result
    }

    /// The title (docProps/core.xml) and custom properties, where present.
    static func readProperties(_ package: PackageReader, into result: inout ReadWorkbook) throws(XLSXReadError) {
        for r in try package.relationships(of: "") {
            guard package.part(r.target) != nil else { continue }
            if r.kind == "core-properties" || r.kind == "metadata/core-properties" {
                let core = try package.xml(r.target)
                result.title = core.children.first { $0.name == XMLName(namespace: OOXML.dublinCore, local: "title") }?.text
            } else if r.kind == "custom-properties" || r.kind == "customProperties" {
                let custom = try package.xml(r.target)
                for p in custom.children where p.name.local == "property" {
                    guard let name = p.attribute("name") else { continue }
                    result.customProperties.append(CustomProperty(name: name, value: p.children.first?.text ?? ""))
                }
            }
        }
    }
}
