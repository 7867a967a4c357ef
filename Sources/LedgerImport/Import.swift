// The importers' shared contract: a document's bytes in, the commands to
// append (each with its `FILE:LINE`) and the findings out. Pure: no files,
// no clock, no environment. What the ledger already holds comes in as a
// value (`ExistingLedger`), so a reporting round can be imported on top of
// earlier ones.

import LedgerCore

/// The document layouts `ledger import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Our own template: an indicators sheet and a readings sheet saved as CSV.
    case csv
    /// The monthly POA report of a Mexican utility (seed 000).
    case poaReport = "poa-report"
    /// The Peruvian POI with PROGRAMADO/EJECUTADO per month (seed 002).
    case poi
    /// Results indicators with budget: programa > componente > actividad (seed 001).
    case mir
    /// Our template's two sheets (indicadores, lecturas) as one Excel workbook.
    case xlsx
}


/// What a finding is about. The raw values are the names printed in
/// summaries and JSON.
public enum FindingKind: String, CaseIterable, Sendable, Comparable {
    /// Monthly (PROGRAMADO) targets do not add up to the meta anual.
    case targetsDoNotAddUp = "targets-sum"
    /// A quarter column disagrees with its months.
    case quarterMismatch = "quarter-mismatch"
    /// A total (year, program, component) disagrees with its parts.
    case totalMismatch = "total-mismatch"
    /// A percentage of the document differs from the one recomputed.
    case percentMismatch = "percent-mismatch"
    /// Cells lost or shifted (text taken out of a PDF, merged cells).
    case missingCells = "missing-cells"
    /// A value cell left blank where a value is due: no reading (a blank is never a 0).
    case blank
    /// A number written with thousands separators.
    case thousandsSeparator = "thousands-separator"
    /// How the document writes decimals (a decimal comma), or a number that
    /// reads two ways (1.571) where the document does not say which.
    case numberConvention = "number-convention"
    /// A currency sign in a value ("$1,234.50": read as 1234.50).
    case currencySign = "currency-sign"
    /// A number written with a percent sign where a plain value is expected.
    case percentSign = "percent-sign"
    /// A footnote mark ("1/") in a value cell.
    case footnote
    /// Budget moments out of CONAC's order (paid above accrued...): the budget is left out.
    case budgetMoments = "budget-moments"
    /// The file is not UTF-8 and was read as Windows-1252.
    case encoding
    /// A value that cannot be read, or a period it cannot be placed in.
    case unreadable
    /// An id already in the ledger for a different indicator, or twice in the file.
    case conflict

    public static func < (a: FindingKind, b: FindingKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One thing the importer noticed, tied to a line of the document.
public struct Finding: Equatable, Sendable {
    /// 1-based line of the document.
    public var line: Int
    public var kind: FindingKind
    public var message: Localized
    /// The indicator concerned, when there is one.
    public var indicator: String?
    /// The period concerned (the observation that records the finding is
    /// filed there); nil for the indicator's year.
    public var period: Period?
    /// False when the value it concerns was refused (not imported).
    public var imported: Bool
    /// The workbook sheet `line` is a row of; nil for a text document.
    public var sheet: String?

    /// `:LINE`, or `#SHEET:ROW` in a workbook: written after the file's name.
    public var location: String { sheet.map { "#\($0):\(line)" } ?? ":\(line)" }

    public init(line: Int, kind: FindingKind, message: Localized, indicator: String? = nil, period: Period? = nil, imported: Bool = true) {
        self.line = line
        self.kind = kind
        self.message = message
        self.indicator = indicator
        self.period = period
        self.imported = imported
    }
}

/// A command and where in the document it came from (`FILE:LINE`).
public struct SourcedCommand: Equatable, Sendable {
    public var command: Command
    public var source: String
    public init(_ command: Command, source: String) {
        self.command = command
        self.source = source
    }
}

/// What an importer produced.
public struct ImportResult: Equatable, Sendable {
    /// In the order to append: definitions before the events that need them.
    public var commands: [SourcedCommand]
    public var findings: [Finding]
    /// The plan the indicators belong to.
    public var plan: String

    public init(commands: [SourcedCommand] = [], findings: [Finding] = [], plan: String = "") {
        self.commands = commands
        self.findings = findings
        self.plan = plan
    }

    /// The commands as `Ledger.append` takes them.
    public var batch: [(Command, String?)] { commands.map { ($0.command, $0.source) } }

    /// Findings counted by kind, in the kinds' order.
    public var findingCounts: [(FindingKind, Int)] {
        var counts: [FindingKind: Int] = [:]
        for f in findings { counts[f.kind, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var definedIndicators: [IndicatorDefinition] {
        commands.compactMap { if case .defineIndicator(let d) = $0.command { return d } else { return nil } }
    }
}

/// The whole file is not the named layout: refused, nothing written.
public struct LayoutError: Error, Equatable, Sendable {
    public var line: Int
    public var message: Localized
    /// Where in the file, written after its name, when not `:LINE`: a
    /// workbook's `#SHEET:ROW` or `#SHEET!CELL`, or "" for the whole file.
    public var place: String?

    public init(line: Int, _ message: Localized, place: String? = nil) {
        self.line = line
        self.message = message
        self.place = place
    }

    /// `:LINE`, or the place it names.
    public var location: String { place ?? ":\(line)" }
}

/// Options every importer understands.
public struct ImportOptions: Sendable {
    /// The file name written in each event's source (`FILE:LINE`).
    public var fileName: String
    /// The plan name; nil takes it from the document ("POA 2017").
    public var plan: String?
    /// Only this reporting round (a month), for layouts made of rounds.
    public var month: Period?
    /// Language of the texts written into events.
    public var language: Language
    /// How the document writes its numbers; nil detects it from the
    /// document (a finding says when it cannot tell).
    public var numberConvention: NumberConvention?

    public init(fileName: String, plan: String? = nil, month: Period? = nil, language: Language = .es,
                numberConvention: NumberConvention? = nil) {
        self.fileName = fileName
        self.plan = plan
        self.month = month
        self.language = language
        self.numberConvention = numberConvention
    }
}

/// What the importer may know about the ledger it imports into: which
/// indicators exist (so a later round adds readings instead of defining
/// them again), their targets in force and earlier readings.
public protocol ExistingLedger {
    func definition(of indicator: String) -> IndicatorDefinition?
    /// The target in force for one period, if one was set explicitly.
    func target(of indicator: String, for period: Period) -> DecimalNumber?
    func reading(of indicator: String, for period: Period) -> DecimalNumber?
}

/// An empty ledger.
public struct NoLedger: ExistingLedger {
    public init() {}
    public func definition(of indicator: String) -> IndicatorDefinition? { nil }
    public func target(of indicator: String, for period: Period) -> DecimalNumber? { nil }
    public func reading(of indicator: String, for period: Period) -> DecimalNumber? { nil }
}

extension LedgerState: ExistingLedger {
    public func target(of indicator: String, for period: Period) -> DecimalNumber? {
        indicators[indicator]?.periodTargets[period]
    }

    public func reading(of indicator: String, for period: Period) -> DecimalNumber? {
        indicators[indicator]?.readings[period]?.measurement.value
    }
}

public enum Importer {
    /// Reads `bytes` as `format`. Throws LayoutError when the file is not
    /// that layout at all; otherwise returns what can be imported and every
    /// finding (including the values refused).
    public static func run(_ format: ImportFormat, _ bytes: [UInt8], options: ImportOptions,
                           existing: ExistingLedger = NoLedger()) throws -> ImportResult {
        switch format {
        case .csv: return try CSVTemplateImporter.read(bytes, options: options, existing: existing)
        case .poaReport: return try POAReportImporter.read(bytes, options: options, existing: existing)
        case .poi: return try POIImporter.read(bytes, options: options, existing: existing)
        case .mir: return try MIRImporter.read(bytes, options: options, existing: existing)
        case .xlsx: return try WorkbookTemplateImporter.read(bytes, options: options, existing: existing)
        }
    }
}
