// Reading a document's text: lines and tab-separated cells, names compared
// without accents, slugs for ids, and numbers as offices write them
// ("14,757,499.81", "100%", "1/"). Every deviation from a plain decimal is
// reported, never silently dropped.

import LedgerCore

/// One line of a document, split into cells.
struct Line {
    /// 1-based line number in the file.
    var number: Int
    var text: String
    var cells: [String]

    var isBlank: Bool { cells.allSatisfy { $0.trimmed.isEmpty } }

    /// The cell at `i`, trimmed; "" past the end.
    subscript(i: Int) -> String { i < cells.count ? cells[i].trimmed : "" }

    /// The non-empty cells, trimmed.
    var filled: [String] { cells.map(\.trimmed).filter { !$0.isEmpty } }
}

enum Document {
    /// The lines of a tab-separated text, or a LayoutError when the bytes are
    /// not text at all (not UTF-8, or binary).
    static func lines(_ bytes: [UInt8], what: Bilingual) throws -> [Line] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard !body.isEmpty else {
            throw LayoutError(line: 1, Bilingual("the file is empty; it is not \(what.en)", "el archivo está vacío; no es \(what.es)"))
        }
        guard let text = String(validating: Array(body), as: UTF8.self) else {
            throw LayoutError(line: 1, Bilingual("the file is not UTF-8 text; it is not \(what.en) (save it as UTF-8 text)",
                                                 "el archivo no es texto UTF-8; no es \(what.es) (guárdelo como texto UTF-8)"))
        }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw LayoutError(line: 1, Bilingual("the file holds binary data; it is not \(what.en)", "el archivo contiene datos binarios; no es \(what.es)"))
        }
        var result: [Line] = []
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            var s = String(raw)
            if s.hasSuffix("\r") { s.removeLast() }
            result.append(Line(number: n, text: s, cells: s.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        if result.last?.text.isEmpty == true && result.count > 1 { result.removeLast() }
        return result
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\u{A0}" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\u{A0}" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// Upper case without accents, spaces collapsed: the key two spellings of
    /// one name share ("SUSPENSIÓN" and "SUSPENSION").
    var folded: String {
        var out = ""
        var lastSpace = true
        for scalar in self.uppercased().unicodeScalars {
            let c: Character
            switch scalar {
            case "Á", "À", "Â", "Ä": c = "A"
            case "É", "È", "Ê", "Ë": c = "E"
            case "Í", "Ì", "Î", "Ï": c = "I"
            case "Ó", "Ò", "Ô", "Ö": c = "O"
            case "Ú", "Ù", "Û", "Ü": c = "U"
            case "Ñ": c = "N"
            case " ", "\t", "\u{A0}": c = " "
            default: c = Character(scalar)
            }
            if c == " " {
                if !lastSpace { out.append(" ") }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The significant words of a name for an id: folded, letters and digits
    /// only, without the small words (DE, LA, ...), joined by "-" and cut at a
    /// word boundary to at most `limit` characters.
    func slug(limit: Int = 32) -> String {
        let small: Set<String> = ["DE", "DEL", "LA", "LAS", "LOS", "EL", "A", "Y", "E", "EN", "POR", "PARA", "CON", "AL", "O", "U"]
        var words: [String] = []
        var word = ""
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { word.append(ch) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        var out = ""
        for w in words where !small.contains(w) {
            let next = out.isEmpty ? w : out + "-" + w
            if next.count > limit { if out.isEmpty { out = String(w.prefix(limit)) }; break }
            out = next
        }
        return out.isEmpty ? "X" : out
    }
}

/// A plan name as an id prefix: "POA 2017" -> "POA2017".
func idPrefix(_ plan: String) -> String {
    let s = plan.folded.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    return s.isEmpty ? "PLAN" : s
}

/// A number cell as read: its value (nil when it cannot be read) and the
/// notation it was written in.
struct NumberCell: Equatable {
    enum Notation: Equatable { case thousandsSeparator, percentSign, footnote }
    var text: String
    var value: DecimalNumber?
    var notations: [Notation] = []
    var isEmpty: Bool { text.isEmpty }
    /// True when the cell holds something that is not a number we can read.
    var isUnreadable: Bool { !text.isEmpty && value == nil }
}

enum Numbers {
    /// Reads a number as offices write it. Grouped thousands with a decimal
    /// point ("14,757,499.81", the Mexican and Peruvian convention), a
    /// trailing percent sign ("100%", value 100) and a footnote mark after
    /// the number ("120 1/") are read exactly and flagged. A bare footnote
    /// mark ("1/") is a mark, not a value: unreadable. A comma that is not
    /// a thousands separator ("1,5") is ambiguous: unreadable.
    static func read(_ raw: String) -> NumberCell {
        var s = raw.trimmed
        var cell = NumberCell(text: s)
        if s.isEmpty { return cell }
        // A footnote mark: digits and a slash, at the end, after a space.
        if let slash = s.lastIndex(of: "/"), s.index(after: slash) == s.endIndex {
            let mark = s[..<slash]
            var start = mark.endIndex
            while start > mark.startIndex, mark[mark.index(before: start)].isASCII, mark[mark.index(before: start)].isNumber {
                start = mark.index(before: start)
            }
            guard start < mark.endIndex else { return cell }  // "x/" : not a mark we know
            cell.notations.append(.footnote)
            let before = String(mark[..<start])
            guard before.hasSuffix(" "), !before.trimmed.isEmpty else { return cell }  // bare "1/": a mark, no value
            s = before.trimmed
        }
        if s.hasSuffix("%") {
            s = String(s.dropLast()).trimmed
            cell.notations.append(.percentSign)
        }
        if s.contains(",") {
            guard isGrouped(s) else { return cell }
            s.removeAll { $0 == "," }
            cell.notations.append(.thousandsSeparator)
        }
        if case .success(let v) = DecimalNumber.parse(s) { cell.value = v }
        return cell
    }

    /// `-?d{1,3}(,ddd)+(.d+)?`
    static func isGrouped(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        if parts.count == 2 && (parts[1].isEmpty || !parts[1].allSatisfy({ $0.isASCII && $0.isNumber })) { return false }
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count) else { return false }
        return groups.allSatisfy { g in g.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// True when `document`, written with `decimals` places, is the rounding
    /// or the truncation of the exact `numerator / denominator * 100`.
    static func percentMatches(_ document: DecimalNumber, numerator: DecimalNumber, denominator: DecimalNumber) -> Bool {
        let decimals = document.scale
        guard let rounded = (numerator * 100).divided(by: denominator, decimals: decimals),
              let fine = (numerator * 100).divided(by: denominator, decimals: decimals + 6) else { return false }
        let cut = DecimalNumber(mantissa: fine.mantissa / DecimalNumber.power10(6), scale: decimals)
        return document == rounded || document == cut
    }

    /// `numerator / denominator * 100` to `decimals` places (rounded).
    static func percent(_ numerator: DecimalNumber, of denominator: DecimalNumber, decimals: Int) -> DecimalNumber? {
        (numerator * 100).divided(by: denominator, decimals: decimals)
    }
}

extension DecimalNumber {
    static func power10(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension Array where Element == DecimalNumber {
    var total: DecimalNumber { reduce(.zero, +) }
}
