// The package around the sheets (ECMA-376 Part 2, Open Packaging
// Conventions, and Part 1, 18.2 workbook, 22.2-22.3 properties):
// [Content_Types].xml, the relationships, xl/workbook.xml, and the core,
// extended and custom document properties.

enum PackageParts {
    static func contentTypes(sheetCount: Int, hasCustomProperties: Bool) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<Types xmlns=\"\(OOXML.contentTypes)\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"\(OOXML.ContentType.relationships)\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        func override(_ part: String, _ type: String) { x.raw("<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>") }
        override("/xl/workbook.xml", OOXML.ContentType.workbook)
        for i in 1...sheetCount { override("/xl/worksheets/sheet\(i).xml", OOXML.ContentType.worksheet) }
        override("/xl/styles.xml", OOXML.ContentType.styles)
        override("/xl/sharedStrings.xml", OOXML.ContentType.sharedStrings)
        override("/docProps/core.xml", OOXML.ContentType.coreProperties)
        override("/docProps/app.xml", OOXML.ContentType.extendedProperties)
        if hasCustomProperties { override("/docProps/custom.xml", OOXML.ContentType.customProperties) }
        x.raw("</Types>")
        return x.bytes
    }

    static func relationships(_ targets: [(type: String, target: String)]) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<Relationships xmlns=\"\(OOXML.packageRelationships)\">")
        for (i, r) in targets.enumerated() {
            x.raw("<Relationship Id=\"rId\(i + 1)\" Type=\"\(r.type)\" Target=\"\(r.target)\"/>")
        }
        x.raw("</Relationships>")
        return x.bytes
    }

    static func rootRelationships(hasCustomProperties: Bool) -> [UInt8] {
        var targets = [
            (OOXML.Relationship.officeDocument, "xl/workbook.xml"),
            (OOXML.Relationship.coreProperties, "docProps/core.xml"),
            (OOXML.Relationship.extendedProperties, "docProps/app.xml"),
        ]
        if hasCustomProperties { targets.append((OOXML.Relationship.customProperties, "docProps/custom.xml")) }
        return relationships(targets)
    }

    /// Sheets are rId1..rIdN, then styles and shared strings.
    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var targets = (1...sheetCount).map { (OOXML.Relationship.worksheet, "worksheets/sheet\($0).xml") }
        targets.append((OOXML.Relationship.styles, "styles.xml"))
        targets.append((OOXML.Relationship.sharedStrings, "sharedStrings.xml"))
        return relationships(targets)
    }

    static func workbook(_ sheets: [Worksheet]) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<workbook xmlns=\"\(OOXML.main)\" xmlns:r=\"\(OOXML.officeRelationships)\">")
        x.raw("<bookViews><workbookView activeTab=\"0\"/></bookViews>")
        x.raw("<sheets>")
        for (i, sheet) in sheets.enumerated() {
            x.raw("<sheet name=\"")
            x.attribute(sheet.name)
            x.raw("\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>")
        }
        x.raw("</sheets>")
        // Excel keeps an autofilter's range in a hidden defined name.
        let filters = sheets.enumerated().compactMap { i, s in SheetWriter.filterRange(s).map { (i, $0) } }
        if !filters.isEmpty {
            x.raw("<definedNames>")
            for (i, range) in filters {
                x.raw("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">")
                x.text(range)
                x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        x.raw("</workbook>")
        return x.bytes
    }

    static func core(_ p: DocumentProperties) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<cp:coreProperties xmlns:cp=\"\(OOXML.coreProperties)\" xmlns:dc=\"\(OOXML.dublinCore)\" ")
        x.raw("xmlns:dcterms=\"\(OOXML.dublinCoreTerms)\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" ")
        x.raw("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        if let t = p.title { x.element("dc:title", t) }
        if let s = p.subject { x.element("dc:subject", s) }
        if let c = p.creator { x.element("dc:creator", c) }
        if let c = p.created { x.raw("<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(c)</dcterms:created>") }
        if let m = p.modified { x.raw("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(m)</dcterms:modified>") }
        x.raw("</cp:coreProperties>")
        return x.bytes
    }

    static func app(_ p: DocumentProperties, sheets: [Worksheet]) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<Properties xmlns=\"\(OOXML.extendedProperties)\" xmlns:vt=\"\(OOXML.variantTypes)\">")
        x.element("Application", p.application)
        x.raw("<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        x.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>")
        x.raw("<vt:variant><vt:i4>\(sheets.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>")
        x.raw("<TitlesOfParts><vt:vector size=\"\(sheets.count)\" baseType=\"lpstr\">")
        for s in sheets { x.element("vt:lpstr", s.name) }
        x.raw("</vt:vector></TitlesOfParts>")
        x.raw("<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>")
        x.raw("</Properties>")
        return x.bytes
    }

    /// Custom properties as text (vt:lpwstr), pids from 2 as the format asks.
    static func custom(_ properties: [CustomProperty]) -> [UInt8] {
        var x = XMLOutput()
        x.raw(OOXML.declaration)
        x.raw("<Properties xmlns=\"\(OOXML.customProperties)\" xmlns:vt=\"\(OOXML.variantTypes)\">")
        for (i, p) in properties.enumerated() {
            x.raw("<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"\(i + 2)\" name=\"")
            x.attribute(p.name)
            x.raw("\">")
            x.element("vt:lpwstr", p.value)
            x.raw("</property>")
        }
        x.raw("</Properties>")
        return x.bytes
    }
}
