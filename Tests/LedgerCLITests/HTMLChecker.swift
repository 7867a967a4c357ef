// A strict checker for the HTML we write: every element closed in order,
// void elements never closed, attribute values quoted, every `&` an entity,
// table rows and cells where tables allow them, and nothing that loads
// another file or runs a script. Written here because the tests take no
// packages; stricter than a browser, which forgives everything.

enum HTMLChecker {
    static let void: Set<String> = ["meta", "br", "hr", "img", "link", "input", "col", "wbr", "source"]
    /// Where an element may appear: its allowed parents.
    static let parents: [String: Set<String>] = [
        "tr": ["thead", "tbody", "tfoot", "table"], "td": ["tr"], "th": ["tr"],
        "thead": ["table"], "tbody": ["table"], "tfoot": ["table"], "li": ["ul", "ol"],
        "head": ["html"], "body": ["html"], "meta": ["head"], "style": ["head"],
        // The page's title, or an SVG shape's tooltip (the board's charts).
        "title": ["head", "svg", "rect", "circle"],
    ]

    /// The problems found, each with its byte offset; empty when well formed.
    static func problems(_ html: String) -> [String] {
        let b = Array(html.utf8)
        var out: [String] = []
        var stack: [String] = []
        var i = 0
        func starts(_ s: String, at j: Int) -> Bool { let u = Array(s.utf8); return j + u.count <= b.count && Array(b[j..<(j + u.count)]) == u }
        func isName(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 }
        if !starts("<!DOCTYPE html>", at: 0) { out.append("0: no <!DOCTYPE html> first") }
        while i < b.count && out.count < 20 {
            let c = b[i]
            if c == UInt8(ascii: "&") {
                var j = i + 1
                if j < b.count && b[j] == UInt8(ascii: "#") { j += 1 }
                let start = j
                while j < b.count && isName(b[j]) { j += 1 }
                if j == start || j >= b.count || b[j] != UInt8(ascii: ";") { out.append("\(i): a bare & (not an entity)") }
                i = j
                continue
            }
            if c == UInt8(ascii: ">") { out.append("\(i): a bare > in text"); i += 1; continue }
            guard c == UInt8(ascii: "<") else { i += 1; continue }
            if starts("<!--", at: i) {
                var j = i + 4
                while j < b.count && !starts("-->", at: j) { j += 1 }
                i = j + 3
                continue
            }
            if starts("<!", at: i) {
                while i < b.count && b[i] != UInt8(ascii: ">") { i += 1 }
                i += 1
                continue
            }
            let closing = i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < b.count && isName(b[j]) { j += 1 }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self)
            if name.isEmpty { out.append("\(i): a bare < in text"); i += 1; continue }
            if closing {
                guard j < b.count, b[j] == UInt8(ascii: ">") else { out.append("\(i): malformed </\(name)"); i = j; continue }
                if stack.last == name { stack.removeLast() } else { out.append("\(i): </\(name)> closes <\(stack.last ?? "nothing")>") }
                i = j + 1
                continue
            }
            // Attributes: name="value", value without < or ".
            while j < b.count && b[j] != UInt8(ascii: ">") {
                if b[j] == UInt8(ascii: " ") { j += 1; continue }
                let a = j
                while j < b.count && isName(b[j]) { j += 1 }
                let attribute = String(decoding: b[a..<j], as: UTF8.self)
                if attribute.isEmpty { out.append("\(j): bad attribute in <\(name)>"); break }
                if ["src", "href", "onload", "onclick", "onerror"].contains(attribute) { out.append("\(j): <\(name) \(attribute)> loads or runs something") }
                guard j + 1 < b.count, b[j] == UInt8(ascii: "="), b[j + 1] == UInt8(ascii: "\"") else { out.append("\(j): unquoted attribute \(attribute) in <\(name)>"); break }
                j += 2
                while j < b.count && b[j] != UInt8(ascii: "\"") {
                    if b[j] == UInt8(ascii: "<") { out.append("\(j): < inside an attribute of <\(name)>") }
                    j += 1
                }
                j += 1
            }
            if let allowed = parents[name], !allowed.contains(stack.last ?? "") { out.append("\(i): <\(name)> inside <\(stack.last ?? "nothing")>") }
            if ["script", "iframe", "object", "embed", "link", "img"].contains(name) { out.append("\(i): <\(name)> in a self-contained page") }
            i = j + 1
            if void.contains(name) { continue }
            if name == "style" {
                // Raw text up to </style>; no @import or url() of other files.
                var k = i
                while k < b.count && !starts("</style>", at: k) { k += 1 }
                let css = String(decoding: b[i..<min(k, b.count)], as: UTF8.self)
                if css.contains("@import") || css.contains("url(") { out.append("\(i): the style loads another file") }
                i = k
            }
            stack.append(name)
        }
        if !stack.isEmpty { out.append("end: unclosed <\(stack.joined(separator: "> <"))>") }
        return out
    }
}
