// Reads a batch file (`append --file`) into rows of named fields, each with
// its line number: CSV with a header row of field names, or JSON lines (one
// object per line). What cannot be read is reported for every row at once,
// as data; nothing is decided until every row reads.

import LedgerCore
import LedgerImport

/// One row of a batch: its line in the file and its fields by name (the
/// form's field names, whatever words the file's header used).
struct BatchRow {
    var line: Int
    var fields: [String: String]
}

/// A batch file's rows, and how its text was written.
struct BatchFile {
    var rows: [BatchRow]
    var encoding: TextEncoding = .utf8
}

enum BatchInput {
    /// Rows longer than this are refused rather than read into memory.
    static let maximumLineBytes = 1 << 20
    static let maximumFileBytes = 256 << 20

    static func read(path: String) throws -> BatchFile {
        let bytes = try UserFile.read(path)
        guard bytes.count <= maximumFileBytes else { throw Problem.inputTooLarge(path: path) }
        var start = 0, line = 1
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if i - start > maximumLineBytes { throw Problem.lineTooLong(path: path, line: line) }
            start = i + 1
            line += 1
        }
        if bytes.count - start > maximumLineBytes { throw Problem.lineTooLong(path: path, line: line) }
        let lower = path.lowercased()
        let firstByte = bytes.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") || (!lower.hasSuffix(".csv") && firstByte == UInt8(ascii: "{")) {
            return BatchFile(rows: try jsonLines(bytes, path: path))
        }
        return try csv(bytes, path: path)
    }

    /// A CSV batch, read as `import csv` reads its sheets (CSVSheet.swift):
    /// UTF-8 or Windows-1252, any of the three separators, headers named
    /// like the flags or in the template's Spanish words.
    static func csv(_ bytes: [UInt8], path: String) throws -> BatchFile {
        let sheet: CSVSheet
        switch CSVSheet.read(bytes) {
        case .success(let s)?: sheet = s
        case .failure(let e)?: throw Problem.csvUnreadable(path: path, line: e.line, message: e.message)
        case nil: throw Problem.csvUnreadable(path: path, line: 1, message: "the file holds binary data, not text")
        }
        let records = sheet.records
        guard let header = records.first else { return BatchFile(rows: [], encoding: sheet.encoding) }
        let names = header.fields.map { $0.trimmingSpaces.isEmpty ? "" : FieldNames.field(forHeader: $0) }
        guard names.contains("type") else { throw Problem.noTypeColumn(path: path, line: header.line) }
        var rows: [BatchRow] = []
        var problems: [(line: Int, problem: BatchProblem)] = []
        for record in records.dropFirst() {
            if record.fields.count > names.count, record.fields[names.count...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
                problems.append((record.line, .tooManyCells(record.fields.count, header: names.count)))
                continue
            }
            var fields: [String: String] = [:]
            for (i, name) in names.enumerated() where i < record.fields.count && !name.isEmpty {
                fields[name] = record.fields[i]
            }
            rows.append(BatchRow(line: record.line, fields: fields))
        }
        if !problems.isEmpty { throw Problem.malformedBatch(path: path, lines: problems, jsonLines: false) }
        return BatchFile(rows: rows, encoding: sheet.encoding)
    }

    static func jsonLines(_ bytes: [UInt8], path: String) throws -> [BatchRow] {
        var rows: [BatchRow] = []
        var problems: [(line: Int, problem: BatchProblem)] = []
        var lineNumber = 0
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = raw
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                guard case .object(let pairs) = try JSONParser.parse(Array(line)) else {
                    problems.append((lineNumber, .notAnObject))
                    continue
                }
                var fields: [String: String] = [:]
                var bad: String?
                for (k, v) in pairs {
                    let k = FieldNames.field(forHeader: k)
                    switch v {
                    case .string(let s): fields[k] = s
                    case .number(let n): fields[k] = n
                    case .bool(let b): fields[k] = b ? "true" : "false"
                    case .null: break
                    case .array(let items):
                        let texts = items.compactMap { item -> String? in
                            switch item {
                            case .string(let s): return s
                            case .number(let n): return n
                            default: return nil
                            }
                        }
                        if texts.count != items.count { bad = k }
                        fields[k] = texts.joined(separator: ",")
                    case .object: bad = k
                    }
                }
                if let bad {
                    problems.append((lineNumber, .fieldNotScalar(bad)))
                    continue
                }
                rows.append(BatchRow(line: lineNumber, fields: fields))
            } catch let e as JSONError {
                problems.append((lineNumber, .notJSON(message: e.message, column: e.offset + 1)))
            }
        }
        if !problems.isEmpty { throw Problem.malformedBatch(path: path, lines: problems, jsonLines: true) }
        return rows
    }
}
