// Which cell styles show numbers as dates or times (ECMA-376 Part 1,
// 18.8.30 numFmt, and the built-in formats of 18.8.30's table): a date in a
// spreadsheet is a serial number, so only its style tells it from a count.

enum DateFormats {
    /// Built-in ids that are dates or times: 14-22 and 45-47, and the East
    /// Asian locales' 27-36 and 50-58.
    static let builtIn: Set<Int> = Set(14...22).union(45...47).union(27...36).union(50...58)

    /// For each cellXfs index of styles.xml, whether its number format is a date.
    static func styles(_ root: XMLElement) -> [Bool] {
        var custom: [Int: String] = [:]
        if let numFmts = root.child("numFmts", in: OOXML.mainNamespaces) {
            for f in numFmts.children("numFmt", in: OOXML.mainNamespaces) {
                if let id = f.attribute("numFmtId").flatMap({ Int($0) }), let code = f.attribute("formatCode") { custom[id] = code }
            }
        }
        guard let xfs = root.child("cellXfs", in: OOXML.mainNamespaces) else { return [] }
        return xfs.children("xf", in: OOXML.mainNamespaces).map { xf in
            let id = xf.attribute("numFmtId").flatMap { Int($0) } ?? 0
            if let code = custom[id] { return isDate(code) }
            return builtIn.contains(id)
        }
    }

    /// Whether a format code shows a date or time: d, m, y or h outside
    /// quoted text, escaped characters, fill and spacing characters, and
    /// brackets (colours, locales, conditions), where only elapsed time
    /// ([h], [mm], [ss]) counts.
    static func isDate(_ code: String) -> Bool {
        var chars = code.lowercased().unicodeScalars.makeIterator()
        while let c = chars.next() {
            switch c {
            case "\"":
                while let q = chars.next(), q != "\"" {}
            case "\\", "_", "*":
                _ = chars.next()
            case "[":
                var inside = ""
                while let q = chars.next(), q != "]" { inside.unicodeScalars.append(q) }
                if !inside.isEmpty && inside.unicodeScalars.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { return true }
            case "d", "m", "y", "h":
                return true
            default:
                break
            }
        }
        return false
    }
}
