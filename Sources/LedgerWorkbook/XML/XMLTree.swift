// Small XML parts (relationships, the workbook, styles, properties) as a
// tree, built from the pull parser without recursion. Worksheets, the large
// parts, are read from the parser's events directly instead.

/// An element with its attributes, child elements and direct text.
struct XMLElement: Sendable {
    var name: XMLName
    var attributes: [XMLAttribute]
    var children: [XMLElement] = []
    /// The element's own character data, concatenated (not its children's).
    var text = ""

    /// The document's root element.
    static func parse(_ bytes: [UInt8]) throws(XMLError) -> XMLElement {
        var parser = try XMLParser(bytes)
        var stack: [XMLElement] = []
        var root: XMLElement?
        while let event = try parser.next() {
            switch event {
            case .start(let name, let attributes):
                stack.append(XMLElement(name: name, attributes: attributes))
            case .text(let t):
                stack[stack.count - 1].text += t
            case .end:
                let done = stack.removeLast()
                if stack.isEmpty { root = done } else { stack[stack.count - 1].children.append(done) }
            }
        }
        return root!  // the parser guarantees exactly one root element
    }

    /// The value of the attribute `local` in `namespace` ("" for unprefixed).
    func attribute(_ local: String, namespace: String = "") -> String? {
        attributes.first { $0.name.local == local && $0.name.namespace == namespace }?.value
    }

    /// Child elements with this local name in one of `namespaces`.
    func children(_ local: String, in namespaces: Set<String>) -> [XMLElement] {
        children.filter { $0.name.local == local && namespaces.contains($0.name.namespace) }
    }

    /// The first child element with this local name in one of `namespaces`.
    func child(_ local: String, in namespaces: Set<String>) -> XMLElement? {
        children.first { $0.name.local == local && namespaces.contains($0.name.namespace) }
    }
}
