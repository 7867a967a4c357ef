// Reads a batch file into rows of named fields, each with its line number:
// CSV (header row of field names) or JSON lines (one object per line).

import LedgerCore
import LedgerStore

struct BatchRow {
    var line: Int
    var fields: [String: String]
}

enum BatchFile {
    /// Rows longer than this are refused rather than read into memory.
    static let maximumLineBytes = 1 << 20
    static let maximumFileBytes = 256 << 20

    /// A user's input file, whole; a file that cannot be read is a refusal
    /// (exit 1) that names it, not an I/O failure of the ledger.
    static func input(_ path: String, console: Console) throws -> [UInt8] {
        do {
            return try InputFile.read(path)
        } catch let e as StoreError {
            if case .io(_, _, let message, _) = e {
                throw CLIFailure(code: .refused, message: console.t("cannot read \(path): \(message). Nothing was written.",
                                                                    "no se puede leer \(path): \(message). No se escribió nada."))
            }
            throw e
        }
    }

    static func read(path: String, console: Console) throws -> [BatchRow] {
        let bytes = try input(path, console: console)
        guard bytes.count <= maximumFileBytes else {
            throw CLIFailure(code: .refused, message: console.t("\(path) is larger than 256 MB; split it into smaller batches. Nothing was written.",
                                                                "\(path) pasa de 256 MB; divídalo en lotes más pequeños. No se escribió nada."))
        }
        var start = 0, line = 1
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if i - start > maximumLineBytes { return try tooLong(path, line, console) }
            start = i + 1
            line += 1
        }
        if bytes.count - start > maximumLineBytes { return try tooLong(path, line, console) }
        let lower = path.lowercased()
        let firstByte = bytes.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") || (!lower.hasSuffix(".csv") && firstByte == UInt8(ascii: "{")) {
            return try jsonLines(bytes, path: path, console: console)
        }
        return try csv(bytes, path: path, console: console)
    }

    static func tooLong(_ path: String, _ line: Int, _ console: Console) throws -> [BatchRow] {
        throw CLIFailure(code: .refused, message: console.t("\(path):\(line): the line is longer than 1 MB; no batch row is that long. Nothing was written.",
                                                            "\(path):\(line): la línea pasa de 1 MB; ninguna fila de un lote es tan larga. No se escribió nada."))
    }

    static func csv(_ bytes: [UInt8], path: String, console: Console) throws -> [BatchRow] {
        let records: [CSVRecord]
        switch CSV.parse(bytes) {
        case .success(let r): records = r
        case .failure(let e):
            throw CLIFailure(code: .refused, message: "\(path):\(e.line): " + console.t(e.message, spanishCSV(e.message)) + console.t(". Nothing was written.", ". No se escribió nada."))
        }
        guard let header = records.first else { return [] }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        guard names.contains("type") else {
            throw CLIFailure(code: .refused, message: console.t(
                "\(path):\(header.line): the header has no type column; the first row must name the fields, e.g. type,indicator,period,value. Nothing was written.",
                "\(path):\(header.line): el encabezado no tiene columna type; la primera fila debe nombrar los campos, p. ej. type,indicator,period,value. No se escribió nada."))
        }
        var rows: [BatchRow] = []
        var problems: [String] = []
        for record in records.dropFirst() {
            if record.fields.count > names.count, record.fields[names.count...].contains(where: { !$0.trimmingSpaces.isEmpty }) {
                problems.append("\(path):\(record.line): " + console.t("the row has \(record.fields.count) cells but the header names \(names.count)",
                                                                       "la fila tiene \(record.fields.count) celdas pero el encabezado nombra \(names.count)"))
                continue
            }
            var fields: [String: String] = [:]
            for (i, name) in names.enumerated() where i < record.fields.count && !name.isEmpty {
                fields[name] = record.fields[i]
            }
            rows.append(BatchRow(line: record.line, fields: fields))
        }
        if !problems.isEmpty {
            for p in problems { console.error(p) }
            throw CLIFailure(code: .refused, message: console.t("\(problems.count) malformed rows; nothing was written.", "\(problems.count) filas mal formadas; no se escribió nada."))
        }
        return rows
    }

    static func spanishCSV(_ message: String) -> String {
        switch message {
        case let m where m.hasPrefix("the text is not valid UTF-8"): return "el texto no es UTF-8 válido; guarde el archivo como CSV UTF-8"
        case let m where m.hasPrefix("a quoted field"): return "un campo entre comillas nunca se cierra"
        case let m where m.hasPrefix("text after a closing quote"): return "hay texto después de una comilla de cierre; una comilla dentro de un campo debe ir doble (\"\")"
        default: return message
        }
    }

    static func jsonLines(_ bytes: [UInt8], path: String, console: Console) throws -> [BatchRow] {
        var rows: [BatchRow] = []
        var problems: [String] = []
        var lineNumber = 0
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = raw
            if line.last == 0x0D { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            do {
                let value = try JSONParser.parse(Array(line))
                guard case .object(let pairs) = value else {
                    problems.append("\(path):\(lineNumber): " + console.t("each line must be a JSON object", "cada línea debe ser un objeto JSON"))
                    continue
                }
                var fields: [String: String] = [:]
                var bad: String?
                for (k, v) in pairs {
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
                    problems.append("\(path):\(lineNumber): " + console.t("field \(bad.clipped) must be text, a number or a list of numbers",
                                                                          "el campo \(bad.clipped) debe ser texto, un número o una lista de números"))
                    continue
                }
                rows.append(BatchRow(line: lineNumber, fields: fields))
            } catch let e as JSONError {
                problems.append("\(path):\(lineNumber): " + console.t("not valid JSON (\(e.message) at column \(e.offset + 1))",
                                                                      "no es JSON válido (\(e.message), columna \(e.offset + 1))"))
            }
        }
        if !problems.isEmpty {
            for p in problems { console.error(p) }
            throw CLIFailure(code: .refused, message: console.t("\(problems.count) malformed lines; nothing was written.", "\(problems.count) líneas mal formadas; no se escribió nada."))
        }
        return rows
    }
}
