// A minimal, safe XML 1.0 pull parser with namespaces (XML 1.0 fifth
// edition; Namespaces in XML 1.0), enough for the parts of a workbook:
// elements, attributes, the five predefined entities, numeric character
// references, CDATA, comments and processing instructions (skipped), and
// namespace prefixes resolved to their URIs. A DOCTYPE is refused outright,
// so no entity is ever declared, expanded or fetched; there is no other
// input than the bytes given. UTF-8 only. Well-formedness is checked as it
// goes (matching tags, one root, unique attributes, legal characters), and
// nesting is bounded, so hostile input ends in an XMLError.

/// An element or attribute name: its namespace URI ("" for none) and local part.
struct XMLName: Hashable, Sendable {
    var namespace: String
    var local: String
}

struct XMLAttribute: Sendable {
    var name: XMLName
    var value: String
}

enum XMLEvent {
    case start(XMLName, [XMLAttribute])
    case end(XMLName)
    case text(String)
}

struct XMLParser {
    static let maxDepth = 256
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private let bytes: [UInt8]
    private var i = 0
    /// Open elements: qualified name as written, resolved name, and how many
    /// namespace bindings they declared.
    private var open: [(qualified: String, name: XMLName, bindings: Int)] = []
    private var bindings: [(prefix: String, uri: String)] = [("xml", XMLParser.xmlNamespace)]
    private var pendingEnd: XMLName?
    private var sawRoot = false

    init(_ bytes: [UInt8]) throws(XMLError) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw XMLError(reason: .unsupportedEncoding("UTF-16"), offset: 0, line: 1)
        }
    }

    /// Depth of the element whose content comes next (the root's is 1).
    var depth: Int { open.count }

    func error(_ reason: XMLError.Reason, at offset: Int? = nil) -> XMLError {
        let at = min(offset ?? i, bytes.count)
        var line = 1
        for k in 0..<at where bytes[k] == 0x0A { line += 1 }
        return XMLError(reason: reason, offset: at, line: line)
    }

    /// The next event, or nil after the root element has closed and only
    /// comments, processing instructions and whitespace followed.
    mutating func next() throws(XMLError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            close()
            return .end(name)
        }
        while true {
            guard i < bytes.count else {
                if !open.isEmpty { throw error(.unexpectedEnd) }
                if !sawRoot { throw error(.noRootElement) }
                return nil
            }
            if bytes[i] != UInt8(ascii: "<") {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
                if open.isEmpty {
                    guard bytes[start..<i].allSatisfy(XMLParser.isSpace) else { throw error(.contentOutsideRoot, at: start) }
                    continue
                }
                return .text(try decode(start, i, inAttribute: false))
            }
            if has("</") { return .end(try endTag()) }
            if has("<!--") {
                guard let end = find("-->", from: i + 4) else { throw error(.unexpectedEnd) }
                try checkCharacters(i + 4, end)
                i = end + 3
                continue
            }
            if has("<![CDATA[") {
                guard !open.isEmpty else { throw error(.contentOutsideRoot) }
                guard let end = find("]]>", from: i + 9) else { throw error(.unexpectedEnd) }
                let text = try plain(i + 9, end)
                i = end + 3
                return .text(text)
            }
            if has("<!DOCTYPE") || has("<!doctype") { throw error(.doctypeNotAllowed) }
            if has("<!") { throw error(.malformedMarkup) }
            if has("<?") {
                try processingInstruction()
                continue
            }
            return try startTag()
        }
    }

    // MARK: tags

    private mutating func startTag() throws(XMLError) -> XMLEvent {
        if open.isEmpty && sawRoot { throw error(.contentOutsideRoot) }
        if open.count >= XMLParser.maxDepth { throw error(.tooDeep) }
        i += 1
        let qualified = try name()
        // Attributes under their qualified names first; names are resolved
        // once the element's own namespace declarations are known.
        var attributes: [XMLAttribute] = []
        var needsResolving = false
        var isEmpty = false
        while true {
            let hadSpace = skipSpace()
            guard i < bytes.count else { throw error(.unexpectedEnd) }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            if has("/>") { i += 2; isEmpty = true; break }
            guard hadSpace else { throw error(.malformedMarkup) }
            let at = i
            let attribute = try name()
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw error(.malformedAttribute) }
            i += 1
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { throw error(.malformedAttribute) }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count && bytes[i] != quote {
                if bytes[i] == UInt8(ascii: "<") { throw error(.malformedAttribute) }
                i += 1
            }
            guard i < bytes.count else { throw error(.unexpectedEnd) }
            let value = try decode(start, i, inAttribute: true)
            i += 1
            if attributes.contains(where: { $0.name.local == attribute }) { throw error(.duplicateAttribute(attribute), at: at) }
            if attribute.utf8.contains(UInt8(ascii: ":")) || attribute == "xmlns" { needsResolving = true }
            attributes.append(XMLAttribute(name: XMLName(namespace: "", local: attribute), value: value))
        }

        var declared = 0
        if needsResolving {
            // Namespace declarations first, then names resolved against them.
            for a in attributes {
                let q = a.name.local
                if q == "xmlns" {
                    bindings.append(("", a.value)); declared += 1
                } else if q.utf8.starts(with: "xmlns:".utf8) {
                    let prefix = String(q.dropFirst(6))
                    guard !a.value.isEmpty, prefix != "xmlns" else { throw error(.malformedAttribute) }
                    bindings.append((prefix, a.value)); declared += 1
                }
            }
            var resolved: [XMLAttribute] = []
            resolved.reserveCapacity(attributes.count)
            for a in attributes where a.name.local != "xmlns" && !a.name.local.utf8.starts(with: "xmlns:".utf8) {
                let name = try resolve(a.name.local, isAttribute: true)
                if resolved.contains(where: { $0.name == name }) { throw error(.duplicateAttribute(a.name.local)) }
                resolved.append(XMLAttribute(name: name, value: a.value))
            }
            attributes = resolved
        }
        let elementName = try resolve(qualified, isAttribute: false)
        open.append((qualified, elementName, declared))
        sawRoot = true
        if isEmpty { pendingEnd = elementName }
        return .start(elementName, attributes)
    }

    private mutating func endTag() throws(XMLError) -> XMLName {
        let at = i
        i += 2
        let start = i
        while i < bytes.count && !XMLParser.isSpace(bytes[i]) && bytes[i] != UInt8(ascii: ">") { i += 1 }
        let end = i
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { throw error(.malformedMarkup) }
        i += 1
        guard let top = open.last else { throw error(.contentOutsideRoot, at: at) }
        guard bytes[start..<end].elementsEqual(top.qualified.utf8) else {
            let found = String(decoding: bytes[start..<end], as: UTF8.self)
            throw error(.mismatchedEndTag(expected: top.qualified, found: found), at: at)
        }
        let name = top.name
        close()
        return name
    }

    private mutating func close() {
        let top = open.removeLast()
        bindings.removeLast(top.bindings)
    }

    private func resolve(_ qualified: String, isAttribute: Bool) throws(XMLError) -> XMLName {
        let utf8 = qualified.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else {
            if isAttribute { return XMLName(namespace: "", local: qualified) }
            return XMLName(namespace: lookup("") ?? "", local: qualified)
        }
        let prefix = String(qualified[..<colon])
        let local = String(qualified[utf8.index(after: colon)...])
        guard !prefix.isEmpty, !local.isEmpty, !local.utf8.contains(UInt8(ascii: ":")) else { throw error(.malformedName) }
        guard let uri = lookup(prefix) else { throw error(.unboundPrefix(prefix)) }
        return XMLName(namespace: uri, local: local)
    }

    private func lookup(_ prefix: String) -> String? {
        for b in bindings.reversed() where b.prefix == prefix { return b.uri }
        return nil
    }

    private mutating func processingInstruction() throws(XMLError) {
        let start = i + 2
        guard let end = find("?>", from: start) else { throw error(.unexpectedEnd) }
        try checkCharacters(start, end)
        let isDeclaration = has("<?xml") && (end == start + 3 || XMLParser.isSpace(bytes[start + 3]))
        if isDeclaration, let at = find("encoding", from: start), at < end {
            var k = at + 8
            while k < end && (XMLParser.isSpace(bytes[k]) || bytes[k] == UInt8(ascii: "=")) { k += 1 }
            if k < end && (bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'")) {
                let quote = bytes[k]
                let valueStart = k + 1
                var valueEnd = valueStart
                while valueEnd < end && bytes[valueEnd] != quote { valueEnd += 1 }
                let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                let lowered = value.lowercased()
                if lowered != "utf-8" && lowered != "utf8" { throw error(.unsupportedEncoding(value)) }
            }
        }
        i = end + 2
    }

    // MARK: lexical pieces

    private func has(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where bytes[i + k] != p[k] { return false }
        return true
    }

    private func find(_ s: StaticString, from: Int) -> Int? {
        let n = s.utf8CodeUnitCount
        let p = s.utf8Start
        var k = from
        while k + n <= bytes.count {
            if bytes[k] == p[0] {
                var match = true
                for j in 1..<n where bytes[k + j] != p[j] { match = false; break }
                if match { return k }
            }
            k += 1
        }
        return nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = i
        while i < bytes.count && XMLParser.isSpace(bytes[i]) { i += 1 }
        return i > start
    }

    /// A name: up to whitespace or a delimiter. Not a full NameChar check,
    /// but never empty, never starting with a digit, '-' or '.', and never
    /// holding markup characters.
    private mutating func name() throws(XMLError) -> String {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if XMLParser.isSpace(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ">") || b == UInt8(ascii: "=") { break }
            if b == UInt8(ascii: "<") || b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") || b < 0x20 {
                throw error(.malformedName)
            }
            i += 1
        }
        guard i > start else { throw error(.malformedName) }
        let first = bytes[start]
        if (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
            throw error(.malformedName, at: start)
        }
        let end = i
        guard let s = bytes.withUnsafeBufferPointer({ UTF8Validation.string($0, start..<end) }) else { throw error(.invalidUTF8, at: start) }
        return s
    }

    /// Rejects characters XML 1.0 forbids: C0 controls other than tab, line
    /// feed and carriage return, and U+FFFE / U+FFFF.
    private func checkCharacters(_ start: Int, _ end: Int) throws(XMLError) {
        var k = start
        while k < end {
            let b = bytes[k]
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { throw error(.forbiddenCharacter, at: k) }
            if b == 0xEF && k + 2 < end && bytes[k + 1] == 0xBF && (bytes[k + 2] == 0xBE || bytes[k + 2] == 0xBF) {
                throw error(.forbiddenCharacter, at: k)
            }
            k += 1
        }
    }

    /// Character data without references (CDATA): checked, line ends normalised.
    private func plain(_ start: Int, _ end: Int) throws(XMLError) -> String {
        try checkCharacters(start, end)
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            if bytes[k] == 0x0D {
                out.append(0x0A)
                if k + 1 < end && bytes[k + 1] == 0x0A { k += 1 }
            } else {
                out.append(bytes[k])
            }
            k += 1
        }
        guard let s = UTF8Validation.string(out) else { throw error(.invalidUTF8, at: start) }
        return s
    }

    /// Text or an attribute value: references replaced, line ends
    /// normalised, and in attributes tab, line feed and carriage return
    /// written literally become spaces (XML 1.0 section 3.3.3).
    private func decode(_ start: Int, _ end: Int, inAttribute: Bool) throws(XMLError) -> String {
        try checkCharacters(start, end)
        var needsWork = false
        for k in start..<end {
            let b = bytes[k]
            if b == UInt8(ascii: "&") || b == 0x0D || (inAttribute && (b == 0x09 || b == 0x0A)) { needsWork = true; break }
        }
        if !needsWork {
            guard let s = bytes.withUnsafeBufferPointer({ UTF8Validation.string($0, start..<end) }) else { throw error(.invalidUTF8, at: start) }
            return s
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        while k < end {
            let b = bytes[k]
            switch b {
            case UInt8(ascii: "&"):
                guard let semicolon = bytes[k..<end].firstIndex(of: UInt8(ascii: ";")) else { throw error(.malformedMarkup, at: k) }
                let reference = String(decoding: bytes[(k + 1)..<semicolon], as: UTF8.self)
                switch reference {
                case "lt": out.append(UInt8(ascii: "<"))
                case "gt": out.append(UInt8(ascii: ">"))
                case "amp": out.append(UInt8(ascii: "&"))
                case "quot": out.append(UInt8(ascii: "\""))
                case "apos": out.append(UInt8(ascii: "'"))
                default:
                    guard reference.hasPrefix("#") else { throw error(.unknownEntity(reference), at: k) }
                    guard let scalar = XMLParser.characterReference(reference) else {
                        throw error(.invalidCharacterReference(reference), at: k)
                    }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                }
                k = semicolon + 1
                continue
            case 0x0D:
                out.append(inAttribute ? 0x20 : 0x0A)
                if k + 1 < end && bytes[k + 1] == 0x0A { k += 1 }
            case 0x09, 0x0A:
                out.append(inAttribute ? 0x20 : b)
            default:
                out.append(b)
            }
            k += 1
        }
        guard let s = UTF8Validation.string(out) else { throw error(.invalidUTF8, at: start) }
        return s
    }

    /// The character of `#123` or `#x1F`, if XML allows it.
    static func characterReference(_ reference: String) -> Unicode.Scalar? {
        var digits = reference.dropFirst()
        var radix = 10
        if digits.first == "x" {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy({ $0.isHexDigit && (radix == 16 || $0.isNumber) }),
              let v = UInt32(digits, radix: radix) else { return nil }
        let allowed = v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v)
            || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
        return allowed ? Unicode.Scalar(v) : nil
    }
}
