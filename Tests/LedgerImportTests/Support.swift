// Shared helpers: the seeds (copies of ../shared/seeds kept in Seeds/, so
// the tests run in any clone), and sums over the commands an importer produced.

import XCTest
import LedgerCore
@testable import LedgerImport

enum Seeds {
    /// `Seeds/` beside this file: byte-for-byte copies of the documents in
    /// ../shared/seeds (the importers' tests must not depend on what sits
    /// beside the repository).
    static var directory: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()  // Support.swift
        return parts.joined(separator: "/") + "/Seeds"
    }

    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "seed \(path) not found: the tests read the seeds from Tests/LedgerImportTests/Seeds" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        let path = directory + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        return [UInt8](data)
    }

    static let poaReport = "000_6da246efa07db4d2.txt"
    static let mir = "001_83e52b89ca85dea0.txt"
    static let poi = "002_c62615486db3bc14.txt"
}

extension ImportResult {
    func id(named name: String) -> String? {
        definedIndicators.first { $0.name.folded == name.folded }?.id
    }

    /// The readings recorded for `id`, by period.
    func readings(_ id: String) -> [Period: DecimalNumber] {
        var out: [Period: DecimalNumber] = [:]
        for c in commands {
            if case .recordReading(let i, let p, let m, _, _, _, _) = c.command, i == id { out[p] = m.value }
        }
        return out
    }

    func sumOfReadings(_ id: String, _ periods: [Period]) -> DecimalNumber {
        let r = readings(id)
        return periods.compactMap { r[$0] }.reduce(.zero, +)
    }

    func count(where predicate: (Command) -> Bool) -> Int { commands.filter { predicate($0.command) }.count }

    var targetChanges: [(String, Period, DecimalNumber)] {
        commands.compactMap {
            if case .changeTarget(let id, .period(let p, let v), _, _) = $0.command { return (id, p, v) }
            return nil
        }
    }

    func findings(_ kind: FindingKind) -> [Finding] { findings.filter { $0.kind == kind } }

    /// Findings as `LINE kind: message`, for failure messages.
    var findingText: String {
        findings.map { "\($0.line) \($0.kind.rawValue) \($0.indicator ?? "-"): \($0.message.en)" }.joined(separator: "\n")
    }
}

func month(_ m: Int, _ y: Int = 2017) -> Period { .month(y, m) }
func dec(_ s: String) -> DecimalNumber { DecimalNumber(s)! }

/// The ledger as the commands of earlier imports leave it: enough of it for
/// the importer (definitions, targets set, readings).
struct MemoryLedger: ExistingLedger {
    var definitions: [String: IndicatorDefinition] = [:]
    var targets: [String: [Period: DecimalNumber]] = [:]
    var values: [String: [Period: DecimalNumber]] = [:]

    mutating func apply(_ r: ImportResult) {
        for c in r.commands {
            switch c.command {
            case .defineIndicator(let d): definitions[d.id] = d
            case .changeTarget(let id, .period(let p, let v), _, _): targets[id, default: [:]][p] = v
            case .recordReading(let id, let p, let m, _, _, _, _): values[id, default: [:]][p] = m.value
            default: break
            }
        }
    }

    func definition(of indicator: String) -> IndicatorDefinition? { definitions[indicator] }
    func target(of indicator: String, for period: Period) -> DecimalNumber? {
        if let t = targets[indicator]?[period] { return t }
        guard let d = definitions[indicator], let m = d.monthlyTargets, period.frequency == .monthly else { return nil }
        return m[period.firstMonth - 1]
    }
    func reading(of indicator: String, for period: Period) -> DecimalNumber? { values[indicator]?[period] }
}

/// Bytes that are not text at all, and other ways a file is not a layout.
enum Garbage {
    static var randomBytes: [UInt8] {
        var g = SystemRandomNumberGenerator()
        var bytes = (0..<512).map { _ in UInt8.random(in: 0...255, using: &g) }
        bytes[0] = 0xFF  // never valid UTF-8
        return bytes
    }
    static let empty: [UInt8] = []
    static let prose: [UInt8] = Array("Acta de la sesión ordinaria del consejo.\nSe aprobó el presupuesto.\n".utf8)
}

func XCTAssertRefusesLayout(_ format: ImportFormat, _ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try Importer.run(format, bytes, options: ImportOptions(fileName: "x")), file: file, line: line) { error in
        XCTAssertTrue(error is LayoutError, "\(error)", file: file, line: line)
    }
}
