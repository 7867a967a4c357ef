// The names SpreadsheetML packages use (ECMA-376 Part 1 and Part 2): XML
// namespaces, relationship types and content types. The reader accepts the
// transitional names Excel and LibreOffice write and the strict ones of
// ISO/IEC 29500 "Strict Open XML"; the writer writes transitional.

enum OOXML {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    static let mainNamespaces: Set<String> = [main, strictMain]

    /// Whether `namespace` is SpreadsheetML's main one (cheaper than hashing into the set).
    @inline(__always)
    static func isMain(_ namespace: String) -> Bool { namespace == main || namespace == strictMain }

    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let strictOfficeRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    static let officeRelationshipNamespaces: Set<String> = [officeRelationships, strictOfficeRelationships]

    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"

    static let coreProperties = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dublinCoreTerms = "http://purl.org/dc/terms/"
    static let extendedProperties = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    static let customProperties = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    static let strictCustomProperties = "http://purl.oclc.org/ooxml/officeDocument/customProperties"
    static let variantTypes = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

    /// Relationship types, transitional; the reader compares only what
    /// follows the last "/" so strict types match too.
    enum Relationship {
        static let officeDocument = officeRelationships + "/officeDocument"
        static let worksheet = officeRelationships + "/worksheet"
        static let styles = officeRelationships + "/styles"
        static let sharedStrings = officeRelationships + "/sharedStrings"
        static let extendedProperties = officeRelationships + "/extended-properties"
        static let customProperties = officeRelationships + "/custom-properties"
        static let coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
    }

    enum ContentType {
        static let relationships = "application/vnd.openxmlformats-package.relationships+xml"
        static let workbook = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
        static let worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        static let styles = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
        static let sharedStrings = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        static let coreProperties = "application/vnd.openxmlformats-package.core-properties+xml"
        static let extendedProperties = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        static let customProperties = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    }

    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}
