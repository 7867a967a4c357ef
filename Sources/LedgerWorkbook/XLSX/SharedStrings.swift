// xl/sharedStrings.xml (ECMA-376 Part 1, 18.4): every distinct text once,
// numbered in order of first use, so repeated labels (units, statuses,
// owners) cost one index per cell and the output never varies.

struct SharedStrings {
    private(set) var strings: [String] = []
    private var index: [String: Int] = [:]
    /// Cells that refer to the table (the `count` attribute).
    private(set) var references = 0

    mutating func id(for s: String) -> Int {
        references += 1
        if let i = index[s] { return i }
        let i = strings.count
        strings.append(s)
        index[s] = i
        return i
    }

    var xml: [UInt8] {
        var x = XMLOutput(capacity: strings.reduce(64) { $0 + $1.utf8.count + 24 })
        x.raw(OOXML.declaration)
        x.raw("<sst xmlns=\"\(OOXML.main)\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">")
        for s in strings {
            x.raw(SharedStrings.needsPreserve(s) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            x.text(CellText.escape(s))
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return x.bytes
    }

    /// Leading or trailing whitespace, or line breaks and tabs, which
    /// consumers may collapse unless told to preserve them.
    static func needsPreserve(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
            || s.utf8.contains(0x0A) || s.utf8.contains(0x09) || s.utf8.contains(0x0D)
    }
}
