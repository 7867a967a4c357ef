// What a forger with write access would do: change a value in the past and
// recompute every later hash by FORMAT.md's rule, so that the chain checks
// out again. Only a digest published before (or a snapshot pinning one) can
// tell, unless the change breaks a rule (or a forged line is appended that
// does), which verify's replay of the rules names.

import Foundation
import LedgerCore

enum JournalRewriter {
    /// Applies `edit` to line `seq` (1-based) of the journal at `url`, then
    /// rewrites every line's `prev` and `hash` from there on:
    /// hash(n) = SHA-256(hex(hash(n-1)) ‖ body(n)), body = the line without
    /// its last 75 bytes (`,"hash":"<64 hex>"}`).
    static func rewrite(_ url: URL, line seq: Int, _ edit: (String) -> String) throws {
        var lines = try read(url)
        let edited = edit(lines[seq - 1])
        precondition(edited != lines[seq - 1], "the edit changed nothing")
        lines[seq - 1] = edited
        try write(lines, to: url)
    }

    /// Appends a new event: a copy of line `seq` with `edit` applied, given
    /// the next seq and a recorded time one second after the last line's,
    /// chained with a recomputed hash (what a forger would write).
    static func append(_ url: URL, copying seq: Int, _ edit: (String) -> String) throws {
        var lines = try read(url)
        func at(_ line: String) -> String {
            let start = line.range(of: "\"at\":\"")!.upperBound
            return String(line[start..<line[start...].firstIndex(of: "\"")!])
        }
        let next = Timestamp(microseconds: Timestamp(parsing: at(lines.last!))!.microseconds + 1_000_000).description
        let line = lines[seq - 1].replacingOccurrences(of: "\"seq\":\(seq),", with: "\"seq\":\(lines.count + 1),")
            .replacingOccurrences(of: "\"at\":\"\(at(lines[seq - 1]))\"", with: "\"at\":\"\(next)\"")
        lines.append(edit(line))
        try write(lines, to: url)
    }

    static func read(_ url: URL) throws -> [String] {
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Writes `lines` with every `prev` and `hash` recomputed from line 1.
    static func write(_ lines: [String], to url: URL) throws {
        var lines = lines
        var prev = String(repeating: "0", count: 64)
        for i in lines.indices {
            var body = Array(lines[i].utf8.dropLast(75))
            // The body ends with "prev":"<64 hex>": point it at the new previous hash.
            precondition(body.count > 66 && body[body.count - 1] == UInt8(ascii: "\""))
            body.replaceSubrange((body.count - 65)..<(body.count - 1), with: Array(prev.utf8))
            var sha = SHA256(portable: true)
            sha.update(Array(prev.utf8) + body)
            let hash = sha.finalize().hex
            lines[i] = String(decoding: body, as: UTF8.self) + ",\"hash\":\"" + hash + "\"}"
            prev = hash
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    /// The hash the journal at `url` holds on line `seq`.
    static func hash(_ url: URL, line seq: Int) throws -> String {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return String(lines[seq - 1].suffix(66).prefix(64))
    }
}
