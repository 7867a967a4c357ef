// Why an XML part was refused, with where (byte offset and line), so the
// reader can say which part of a workbook is damaged and where.

/// A malformed or refused XML document.
public struct XMLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Equatable, Sendable {
        case unexpectedEnd
        /// A document type declaration: refused, so no entity is ever defined or fetched.
        case doctypeNotAllowed
        /// An encoding other than UTF-8 (declared, or a UTF-16 byte order mark).
        case unsupportedEncoding(String)
        case invalidUTF8
        /// A character XML 1.0 forbids (a control character, U+FFFE, U+FFFF).
        case forbiddenCharacter
        case malformedMarkup
        case malformedName
        case malformedAttribute
        case duplicateAttribute(String)
        /// An entity other than the five XML predefines.
        case unknownEntity(String)
        case invalidCharacterReference(String)
        case mismatchedEndTag(expected: String, found: String)
        case unboundPrefix(String)
        /// Text or a second element outside the root element.
        case contentOutsideRoot
        case noRootElement
        /// Elements nested deeper than the parser accepts.
        case tooDeep
    }

    public var reason: Reason
    /// Byte offset in the document.
    public var offset: Int
    /// Line (from 1) of that offset.
    public var line: Int

    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEnd: what = "the document ends inside an element"
        case .doctypeNotAllowed: what = "a document type declaration (DOCTYPE), which is refused"
        case .unsupportedEncoding(let e): what = "the encoding \(e); only UTF-8 is read"
        case .invalidUTF8: what = "bytes that are not UTF-8"
        case .forbiddenCharacter: what = "a character XML does not allow"
        case .malformedMarkup: what = "malformed markup"
        case .malformedName: what = "a malformed name"
        case .malformedAttribute: what = "a malformed attribute"
        case .duplicateAttribute(let a): what = "the attribute \(a) twice"
        case .unknownEntity(let e): what = "the unknown entity &\(e);"
        case .invalidCharacterReference(let r): what = "the invalid character reference &\(r);"
        case .mismatchedEndTag(let e, let f): what = "</\(f)> where </\(e)> was expected"
        case .unboundPrefix(let p): what = "the undeclared namespace prefix \(p)"
        case .contentOutsideRoot: what = "content outside the root element"
        case .noRootElement: what = "no root element"
        case .tooDeep: what = "elements nested too deeply"
        }
        return "line \(line): \(what)"
    }
}
