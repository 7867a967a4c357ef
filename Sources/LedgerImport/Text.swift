// Reading a document's text: lines and tab-separated cells, names compared
// without accents, slugs for ids, and numbers as offices write them
// ("14,757,499.81", "11.496.759,89", "$1,200", "100%", "1/", read by
// NumberReader in the document's convention). Every deviation from a plain
// decimal is reported, never silently dropped.

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
    static func lines(_ bytes: [UInt8], what: Localized) throws -> [Line] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard !body.isEmpty else {
            throw LayoutError(line: 1, Localized("the file is empty; it is not \(what.en)", "el archivo está vacío; no es \(what.es)"))
        }
        guard let text = String(validating: Array(body), as: UTF8.self) else {
            throw LayoutError(line: 1, Localized("the file is not UTF-8 text; it is not \(what.en) (save it as UTF-8 text)",
                                                 "el archivo no es texto UTF-8; no es \(what.es) (guárdelo como texto UTF-8)"))
        }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            throw LayoutError(line: 1, Localized("the file holds binary data; it is not \(what.en)", "el archivo contiene datos binarios; no es \(what.es)"))
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

/// A number cell as read (see NumberReader): its value under the document's
/// convention and the notation it was written in.
typealias NumberCell = NumberReading

enum Numbers {
    /// Reads a number as offices write it, under the document's convention
    /// (`choice`): grouped thousands, a decimal comma, a currency sign, a
    /// trailing percent sign ("100%", value 100) and a footnote mark after
    /// the number ("120 1/") are read exactly and flagged. A bare footnote
    /// mark ("1/") is a mark, not a value: unreadable. A text that is not a
    /// number under the convention ("1,5" where the decimal is a point) is
    /// unreadable; one that reads two ways where the document does not say
    /// which it uses is reported by the importer.
    static func read(_ raw: String, _ choice: ConventionChoice) -> NumberCell {
        NumberReader.read(raw, convention: choice.convention)
    }

    /// The convention of a document made of lines of cells.
    static func choose(_ lines: [Line], option: NumberConvention?) -> ConventionChoice {
        NumberReader.choose(lines.lazy.flatMap { line in line.cells.lazy.map { ($0, line.number) } }, option: option)
    }

    /// True when `document` is the rounding or the truncation of the exact
    /// `numerator / denominator * 100` at the precision the document prints:
    /// the decimals it shows, a trailing zero being padding (a document that
    /// rounds to one decimal and prints two writes 3.125 % as 3.10: it is
    /// judged as 3.1, and is right).
    static func percentMatches(_ document: DecimalNumber, numerator: DecimalNumber, denominator: DecimalNumber) -> Bool {
        let decimals = printedPrecision(document)
        guard let rounded = (numerator * 100).divided(by: denominator, decimals: decimals),
              let fine = (numerator * 100).divided(by: denominator, decimals: decimals + 6) else { return false }
        let cut = DecimalNumber(mantissa: fine.mantissa / DecimalNumber.power10(6), scale: decimals)
        return document == rounded || document == cut
    }

    /// The decimals a printed figure is precise to: its own, less trailing
    /// zeros. A zero keeps its printed decimals (0.000 % says nothing was
    /// accrued to three decimals, not "less than one half").
    static func printedPrecision(_ d: DecimalNumber) -> Int { d.isZero ? d.scale : d.trimmed.scale }

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
