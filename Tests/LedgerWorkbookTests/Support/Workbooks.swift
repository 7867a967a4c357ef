// Workbooks for the tests: a sample with every kind of cell and style, and
// helpers to pack hand-written parts (to imitate other writers) and to read
// the committed fixtures.

import Foundation
@testable import LedgerWorkbook

enum Workbooks {
    static let tricky = [
        "INSTALACIÓN DE MEDIDORES", "Recibos \"entregados\" <a domicilio> & más", "two\nlines", "cr\r\nlf", "tab\there",
        "  spaces  ", "😀 emoji", "bell\u{7}char", "literal _x0041_ escape", "_x005F_", "nul\u{0}", "]]> end", "",
    ]

    static var sample: Workbook {
        let header: [Cell] = ["indicador", "nombre", "valor", "avance", "estado", "ok"].map { .text($0, style: .header) }
        var rows: [[Cell]] = [header]
        rows.append([.text("MED-INST"), .text("INSTALACIÓN DE MEDIDORES"), .number("14757499.81", style: CellStyle(numberFormat: .twoDecimals)),
                     .number("0.935", style: CellStyle(numberFormat: .percent)), .text("verde", style: CellStyle(fill: .green)), .boolean(true)])
        rows.append([.text("FAC-RECIBOS"), .text("Texto largo que se ajusta", style: CellStyle(wrapsText: true)),
                     .number("239415", style: CellStyle(numberFormat: .integer)), .number("71.25", style: CellStyle(numberFormat: .percentSign)),
                     .text("amarillo", style: CellStyle(fill: .yellow)), .boolean(false)])
        rows.append([.text("REZ-CONV"), .empty, .number("-3"), .number("1.5E-3", style: CellStyle(numberFormat: .custom("0.000"))),
                     .text("rojo", style: CellStyle(fill: .red)), Cell(.empty, style: CellStyle(fill: .red))])
        rows.append(tricky.map { .text($0) })
        return Workbook(sheets: [
            Worksheet(name: "Quarter view", rows: rows, columnWidths: [14, 40, 16, 10, 12, nil], hasAutoFilter: true),
            Worksheet(name: "Año 'x' b", rows: [[.text("a")], [], [.empty, .number("1")]], freezesFirstRow: false),
        ], properties: DocumentProperties(title: "Snapshot 2017-Q1", creator: "ledger", created: "2017-04-10T12:00:00Z",
                                          modified: "2017-04-10T12:00:00Z",
                                          custom: [CustomProperty(name: "journal_head", value: "42:ab12"), CustomProperty(name: "digest", value: "42:cd34")]))
    }

    /// A big sheet: `rows` rows of 15 columns, text, numbers and statuses.
    static func large(rows: Int) -> Workbook {
        let units = ["RECIBOS", "CONTRATOS", "ACCIONES", "%", "INSTALACIONES"]
        let statuses: [(String, Fill)] = [("green", .green), ("yellow", .yellow), ("red", .red)]
        var out: [[Cell]] = [(1...15).map { .text("columna \($0)", style: .header) }]
        for r in 1...rows {
            let status = statuses[r % 3]
            out.append([
                .text("IND-\(r)"), .text("INDICADOR NÚMERO \(r) DE LA UNIDAD \(r % 40)", style: CellStyle(wrapsText: true)), .text(units[r % 5]),
                .number("2017"), .number("\(r * 37 % 100_000).\(r % 100)", style: CellStyle(numberFormat: .twoDecimals)),
                .number("\(r * 11 % 5000)", style: CellStyle(numberFormat: .integer)), .number("\(r % 1000)", style: CellStyle(numberFormat: .integer)),
                .number("0.\(r % 97)", style: CellStyle(numberFormat: .percent)), .number("\(r % 120).5", style: CellStyle(numberFormat: .percentSign)),
                .text(status.0, style: CellStyle(fill: status.1)), .text("2017-Q\(r % 4 + 1)"), .text("COORDINACIÓN \(r % 12)"),
                .boolean(r % 2 == 0), .text(r % 10 == 0 ? "NO SE CUMPLIÓ LA META" : ""), .number("-\(r)"),
            ])
        }
        return Workbook(sheets: [Worksheet(name: "status", rows: out, columnWidths: [12, 40, 14], hasAutoFilter: true)])
    }

    /// A package from hand-written parts, as another program might write it.
    static func package(_ parts: [(String, String)]) throws -> [UInt8] {
        try ZipWriter.archive(parts.map { ZipEntry(name: $0.0, data: Array($0.1.utf8)) })
    }

    /// The minimal parts around one sheet; `sheet` and `strings` are the bodies.
    static func minimal(sheet: String, strings: String? = nil, styles: String? = nil, workbook: String? = nil) throws -> [UInt8] {
        var parts = [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """),
            ("xl/workbook.xml", workbook ?? """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
            ("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            \(strings == nil ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>")\
            \(styles == nil ? "" : "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>")\
            </Relationships>
            """),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let strings { parts.append(("xl/sharedStrings.xml", strings)) }
        if let styles { parts.append(("xl/styles.xml", styles)) }
        return try package(parts)
    }

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return [UInt8](data)
    }
}
