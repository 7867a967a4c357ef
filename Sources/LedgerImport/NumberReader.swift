// Numbers as users write them, in either convention: 14,757,499.81 (a
// decimal point, commas between thousands: Mexico, Peru, El Salvador) or
// 11.496.759,89 (a decimal comma, dots between thousands). `1.571` is 1.571
// in the first and 1571 in the second, so a number is read under its
// document's convention, never cell by cell: a convention given by the
// user, else the one the document's unambiguous numbers show, else the
// default (the first), with every cell that would read differently under
// the other reported. Currency signs ($, US$, S/) and a trailing percent
// sign are accepted and reported; a footnote mark ("120 1/") is noted.
//
// Pure functions of text: the importers use them, and batch files
// (`append --file`) can use the same reader.

import LedgerCore

/// How a document writes the decimal and thousands separators.
public enum NumberConvention: String, CaseIterable, Sendable {
    /// `14,757,499.81`: the Mexican, Peruvian and Salvadoran convention, the default.
    case decimalPoint = "1,234.56"
    /// `11.496.759,89`.
    case decimalComma = "1.234,56"

    public static let `default` = NumberConvention.decimalPoint

    var decimalSeparator: Character { self == .decimalPoint ? "." : "," }
    var groupSeparator: Character { self == .decimalPoint ? "," : "." }

    /// Accepts the example itself, or the words `point`/`punto` and `comma`/`coma`.
    public init?(text: String) {
        switch text.trimmed.lowercased() {
        case "1,234.56", "point", "decimal-point", "punto": self = .decimalPoint
        case "1.234,56", "comma", "decimal-comma", "coma": self = .decimalComma
        default: return nil
        }
    }
}

/// One cell's text read as a number.
public struct NumberReading: Equatable, Sendable {
    /// How the text departs from a plain decimal.
    public enum Notation: Equatable, Sendable {
        /// Thousands grouped (`14,757,499.81`, `11.496.759,89`).
        case thousandsSeparator
        /// A decimal comma (`759,89`).
        case decimalComma
        /// A trailing percent sign: `100%` is 100.
        case percentSign
        /// A currency sign: `$`, `US$`, `S/`.
        case currencySign
        /// A footnote mark after the number (`120 1/`), or alone (`1/`: no value).
        case footnote
    }

    /// The text, trimmed.
    public var text: String
    /// The value under the convention it was read with; nil when empty,
    /// not a number, or (with no convention) ambiguous.
    public var value: DecimalNumber?
    public var notations: [Notation] = []
    /// The value under each convention the text is a number in. Two entries
    /// with different values: the text is ambiguous on its own (`1.571`).
    public var readings: [NumberConvention: DecimalNumber] = [:]

    public var isEmpty: Bool { text.isEmpty }
    /// The text holds something that is not a number (under the convention used).
    public var isUnreadable: Bool { !text.isEmpty && value == nil }
    /// The two conventions read the text as two different numbers.
    public var isAmbiguous: Bool {
        guard let p = readings[.decimalPoint], let c = readings[.decimalComma] else { return false }
        return p != c
    }
    /// The only convention this text can be a number in, when it tells one
    /// (`1,234.5`, `25.5`: the decimal point; `1.234,5`, `1,5`: the comma).
    public var evidence: NumberConvention? {
        readings.count == 1 ? readings.keys.first : nil
    }
}

/// Which convention a document uses, and why.
public struct ConventionChoice: Equatable, Sendable {
    public enum Source: Equatable, Sendable {
        /// Given by the user.
        case option
        /// Shown by the document's own unambiguous numbers.
        case detected
        /// Nothing in the document tells: the default, ambiguous cells reported.
        case assumed
        /// The document writes numbers both ways: ambiguous cells are not read.
        case conflicting
    }

    /// The convention cells are read with; nil when the document is conflicting.
    public var convention: NumberConvention?
    public var source: Source
    /// A cell (text and 1-based line) showing each convention, when one does.
    public var decimalPointExample: (String, Int)?
    public var decimalCommaExample: (String, Int)?

    public static func == (a: ConventionChoice, b: ConventionChoice) -> Bool {
        a.convention == b.convention && a.source == b.source
            && a.decimalPointExample?.0 == b.decimalPointExample?.0 && a.decimalPointExample?.1 == b.decimalPointExample?.1
            && a.decimalCommaExample?.0 == b.decimalCommaExample?.0 && a.decimalCommaExample?.1 == b.decimalCommaExample?.1
    }
}

public enum NumberReader {
    /// Reads one cell. With a convention, the value is the text's number
    /// under it (nil if it is not one); with none, only a text that reads
    /// the same under both conventions (or is a number in only one) has a
    /// value.
    public static func read(_ raw: String, convention: NumberConvention?) -> NumberReading {
        var s = Substring(raw.trimmed)
        var reading = NumberReading(text: String(s))
        if s.isEmpty { return reading }
        // A footnote mark: digits and a slash at the end, after a space; alone it is no value.
        if s.last == "/" {
            let mark = s.dropLast()
            var start = mark.endIndex
            while start > mark.startIndex, mark[mark.index(before: start)].isASCII, mark[mark.index(before: start)].isNumber {
                start = mark.index(before: start)
            }
            guard start < mark.endIndex else { return reading }  // "x/": not a mark we know
            reading.notations.append(.footnote)
            let before = mark[..<start]
            guard before.last == " ", !before.trimmedSubstring.isEmpty else { return reading }  // bare "1/"
            s = before.trimmedSubstring
        }
        if s.last == "%" {
            s = s.dropLast().trimmedSubstring
            reading.notations.append(.percentSign)
        }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst().trimmedSubstring }
        for sign in ["US$", "MX$", "S/.", "S/", "$"] where s.hasPrefix(sign) {
            s = s.dropFirst(sign.count).trimmedSubstring
            reading.notations.append(.currencySign)
            if !negative, s.first == "-" { negative = true; s = s.dropFirst().trimmedSubstring }
            break
        }
        var grouped: [NumberConvention: Bool] = [:]
        for c in NumberConvention.allCases {
            if let (value, isGrouped) = parse(s, c) {
                reading.readings[c] = negative ? DecimalNumber.zero - value : value
                grouped[c] = isGrouped
            }
        }
        let used: NumberConvention?
        if let convention {
            used = reading.readings[convention] == nil ? nil : convention
        } else if reading.isAmbiguous {
            used = nil
        } else {
            // One reading, or two equal ones ("250", "0.5" is only a point number).
            used = reading.readings[.decimalPoint] != nil ? .decimalPoint : reading.readings.keys.first
        }
        if let used {
            reading.value = reading.readings[used]
            if grouped[used] == true { reading.notations.append(.thousandsSeparator) }
            if used == .decimalComma, s.contains(",") { reading.notations.append(.decimalComma) }
        }
        return reading
    }

    /// `d{1,3}(G ddd)+(D d+)?`, `d+(D d+)?` or `D d+` with G and D the convention's
    /// separators; a grouped number does not start with 0. The value and
    /// whether thousands were grouped.
    static func parse(_ s: Substring, _ c: NumberConvention) -> (DecimalNumber, Bool)? {
        guard !s.isEmpty, s.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }) else { return nil }
        let parts = s.split(separator: c.decimalSeparator, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        if parts.count == 2 && (parts[1].isEmpty || !parts[1].allSatisfy({ $0.isASCII && $0.isNumber })) { return nil }
        if parts[0].isEmpty {
            // ".246" (seed 001 writes a weight so): a fraction with no integer digits.
            guard parts.count == 2, case .success(let v) = DecimalNumber.parse("0." + parts[1]) else { return nil }
            return (v, false)
        }
        let groups = parts[0].split(separator: c.groupSeparator, omittingEmptySubsequences: false)
        guard groups.allSatisfy({ g in !g.isEmpty && g.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let isGrouped = groups.count > 1
        if isGrouped {
            guard (1...3).contains(groups[0].count), groups[0].first != "0", groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let plain = groups.joined() + (parts.count == 2 ? "." + parts[1] : "")
        guard case .success(let v) = DecimalNumber.parse(plain) else { return nil }
        return (v, isGrouped)
    }

    /// The convention of a document from its cells (text and line):
    /// `option` when given; otherwise the one its unambiguous numbers show
    /// (`1,234.5` or `25.5` show the decimal point, `1.234,5` or `1,5` the
    /// comma); the default when none shows; none when both do.
    public static func choose<S: Sequence>(_ cells: S, option: NumberConvention? = nil) -> ConventionChoice where S.Element == (String, Int) {
        var point: (String, Int)?, comma: (String, Int)?
        for (text, line) in cells {
            guard point == nil || comma == nil else { break }
            guard text.contains(where: { $0 == "." || $0 == "," }) else { continue }
            switch read(text, convention: nil).evidence {
            case .decimalPoint?: if point == nil { point = (text.trimmed, line) }
            case .decimalComma?: if comma == nil { comma = (text.trimmed, line) }
            case nil: break
            }
        }
        if let option { return ConventionChoice(convention: option, source: .option, decimalPointExample: point, decimalCommaExample: comma) }
        switch (point, comma) {
        case (_?, _?): return ConventionChoice(convention: nil, source: .conflicting, decimalPointExample: point, decimalCommaExample: comma)
        case (_?, nil): return ConventionChoice(convention: .decimalPoint, source: .detected, decimalPointExample: point)
        case (nil, _?): return ConventionChoice(convention: .decimalComma, source: .detected, decimalCommaExample: comma)
        case (nil, nil): return ConventionChoice(convention: .default, source: .assumed)
        }
    }
}

extension Substring {
    var trimmedSubstring: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\u{A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\u{A0}" { s = s.dropLast() }
        return s
    }
}
