// RFC 4180 CSV, as Excel and LibreOffice save it: quoted fields with
// doubled quotes, CRLF or LF line ends, an optional UTF-8 byte-order mark,
// and a comma, semicolon or tab as separator (Excel in a Spanish locale
// saves with semicolons). Used for batch files and imports; written by hand
// because the project takes no packages.

public struct CSVRecord: Equatable, Sendable {
    /// 1-based line number in the file where the record starts.
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

public struct CSVError: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
}

public enum CSV {
    /// Splits `bytes` into records. Blank lines are skipped. Invalid UTF-8
    /// or an unterminated quote is an error naming the line.
    public static func parse(_ input: [UInt8], separator: UInt8? = nil) -> Result<[CSVRecord], CSVError> {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let sep = separator ?? detectSeparator(bytes)
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false, fieldStarted = false
        var i = bytes.startIndex

        func finishField() -> CSVError? {
            guard let s = String(validating: field, as: UTF8.self) else {
                return CSVError(line: recordLine, message: "the text is not valid UTF-8; save the file as CSV UTF-8")
            }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            quotedField = false
            fieldStarted = false
            return nil
        }
        func finishRecord() -> CSVError? {
            if let e = finishField() { return e }
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            return nil
        }

        while i < bytes.endIndex {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    let next = bytes.index(after: i)
                    if next < bytes.endIndex && bytes[next] == 0x22 {
                        field.append(0x22)
                        i = bytes.index(after: next)
                        continue
                    }
                    inQuotes = false
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                i = bytes.index(after: i)
                continue
            }
            switch c {
            case 0x22 where !fieldStarted:
                inQuotes = true
                quotedField = true
                fieldStarted = true
            case sep:
                if let e = finishField() { return .failure(e) }
                fieldStarted = false
            case 0x0D:
                break  // CR of CRLF
            case 0x0A:
                if let e = finishRecord() { return .failure(e) }
                line += 1
                recordLine = line
            default:
                if quotedField {
                    return .failure(CSVError(line: line, message: "text after a closing quote; a quote inside a field must be doubled (\"\")"))
                }
                field.append(c)
                fieldStarted = true
            }
            i = bytes.index(after: i)
        }
        if inQuotes { return .failure(CSVError(line: recordLine, message: "a quoted field is never closed")) }
        if fieldStarted || !fields.isEmpty || !field.isEmpty {
            if let e = finishRecord() { return .failure(e) }
        }
        return .success(records)
    }

    /// The separator of the first line: the most frequent of `,` `;` and tab
    /// outside quotes (comma on a tie).
    static func detectSeparator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        for c in bytes {
            if c == 0x22 { inQuotes.toggle() }
            if c == 0x0A && !inQuotes { break }
            if !inQuotes, counts[c] != nil { counts[c]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != 0x2C && b.key == 0x2C) }!
        return best.value == 0 ? 0x2C : best.key
    }

    /// One CSV line (with CRLF, as Excel expects), quoting what needs it.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    public static func quote(_ s: String) -> String {
        let needs = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }
            || s.first == " " || s.last == " "
        guard needs else { return s }
        var out = "\""
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }
}
