// A spreadsheet saved as CSV, read the one way both `import csv` and batch
// files (`append --file`) read it: the text decoded (UTF-8, with or without
// a byte-order mark; otherwise Windows-1252, which Excel on a Spanish
// Windows writes for "CSV (delimitado por comas)"), the records split
// (comma, semicolon or tab), and header names compared by a key without
// case, accents, spaces, `_`, `-` or `.` (`Meta anual` = `meta_anual`).
// Numbers in its cells are read by NumberReader in the file's convention.

import LedgerCore

/// How a user's text file was written.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
}

public enum UserText {
    /// Windows-1252's characters at 0x80...0x9F (nil where it has none).
    static let windows1252High: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// The file's text as UTF-8 bytes (a byte-order mark dropped), and how it
    /// was written: UTF-8 as it is; any other text as Windows-1252. Nil for
    /// what is not text at all (a NUL byte, or a byte Windows-1252 lacks).
    public static func decode(_ bytes: [UInt8]) -> (utf8: [UInt8], encoding: TextEncoding)? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.contains(0) { return nil }
        if String(validating: body, as: UTF8.self) != nil { return (Array(body), .utf8) }
        var text = String.UnicodeScalarView()
        for b in body {
            switch b {
            case 0..<0x80, 0xA0...0xFF: text.append(Unicode.Scalar(b))
            default:
                guard let scalar = windows1252High[Int(b) - 0x80] else { return nil }
                text.append(scalar)
            }
        }
        return (Array(String(text).utf8), .windows1252)
    }
}

/// A CSV file's records, decoded: the header first.
public struct CSVSheet: Sendable {
    public var encoding: TextEncoding
    public var records: [CSVRecord]

    /// Reads `bytes` as a CSV sheet; nil when the bytes are not text.
    public static func read(_ bytes: [UInt8]) -> Result<CSVSheet, CSVError>? {
        guard let (text, encoding) = UserText.decode(bytes) else { return nil }
        return CSV.parse(text).map { CSVSheet(encoding: encoding, records: $0) }
    }

    /// The key a header is compared by: upper case, no accents, no spaces,
    /// `_`, `-` or `.` (`Meta anual`, `meta_anual` and `META-ANUAL` are one).
    public static func key(_ header: String) -> String {
        header.folded.filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "." }
    }
}
