// `import FORMAT FILE`: reads a document users already keep (LedgerImport,
// pure: commands and findings out), and appends the commands all or
// nothing, each event attributed to the actor and naming its FILE:LINE.
// Findings are returned for the CLI to print; refusals are thrown.

import LedgerCore
import LedgerImport

/// How a user's file writes numbers (`--numbers`): the importers' convention,
/// which batch files read with too.
public typealias NumberConvention = LedgerImport.NumberConvention

/// The import formats, by the names the CLI takes.
public var importFormats: [String] { ImportFormat.allCases.map(\.rawValue) }

/// What `import` is asked.
public struct ImportRequest: Sendable {
    public var format: String
    public var path: String
    public var plan: String?
    public var month: Period?
    /// How the file writes numbers (`--numbers`); nil detects it from the file.
    public var numbers: NumberConvention?
    public var strict: Bool
    public var dryRun: Bool
    /// The language of texts the import writes into events (findings as observations).
    public var language: Language

    public init(format: String, path: String, plan: String?, month: Period?, numbers: NumberConvention? = nil, strict: Bool, dryRun: Bool,
                language: Language) {
        self.format = format
        self.path = path
        self.plan = plan
        self.month = month
        self.numbers = numbers
        self.strict = strict
        self.dryRun = dryRun
        self.language = language
    }
}

/// One finding of an import: where, what kind, about what, and whether the value was imported.
public struct ImportFinding: Sendable {
    public var line: Int
    public var kind: String
    public var indicator: String?
    public var imported: Bool
    public var message: Localized
    /// The workbook sheet the line is a row of (nil for a text document).
    public var sheet: String? = nil
    /// What follows the file's name: `:LINE`, or `#SHEET:ROW`.
    public var location: String { sheet.map { "#\($0):\(line)" } ?? ":\(line)" }
}

/// What an import did (or, with a dry run, would do).
public struct ImportOutcome: Sendable {
    public var plan: String
    public var findings: [ImportFinding]
    /// Findings by kind, in the kinds' order.
    public var findingCounts: [(kind: String, count: Int)]
    /// Events by type (their command names), in the types' order.
    public var eventCounts: [(type: String, count: Int)]
    public var events: Int
    public var receipts: [ChainHead]
}

extension Session {
    /// Imports the document, or (dry run) checks what it would append.
    public func importDocument(_ request: ImportRequest, actor: String?) throws -> ImportOutcome {
        try requireLedger()
        guard let format = ImportFormat(rawValue: request.format) else { preconditionFailure("the CLI checks the format") }
        let path = request.path
        let author = try author(actor)
        let bytes = try UserFile.read(path)
        let (state, _) = try state(cut: nil)
        let options = ImportOptions(fileName: baseName(path), plan: request.plan, month: request.month,
                                    language: request.language, numberConvention: request.numbers)
        let result: ImportResult
        do {
            result = try Importer.run(format, bytes, options: options, existing: state)
        } catch let e as LayoutError {
            throw Problem.importLayout(path: path, location: e.location, message: e.message, format: format.rawValue,
                                       formats: importFormats.joined(separator: ", "))
        }
        let findingLines = result.findings.map { Localized("\(path)\($0.location): " + $0.message.en, "\(path)\($0.location): " + $0.message.es) }
        if request.strict && !result.findings.isEmpty { throw Problem.importStrict(path: path, findings: findingLines) }
        guard !result.commands.isEmpty else { throw Problem.importEmpty(path: path, findings: findingLines) }
        let now = try clock()
        switch try explainingTornTail({ try ledger.append(result.batch.map { ($0.0.withNamesInNFC, $0.1) }, by: author, signing: try batchSigning(), clock: now,
                                                          dryRun: request.dryRun) }) {
        case .failure(let batch):
            // A command's source is FILE:LINE or FILE#SHEET:ROW: what follows the file's name is where.
            let refusals = batch.refusals.map { index, refusal in
                (location: String(result.commands[index].source.dropFirst(options.fileName.count)), refusal: refusal)
            }
            throw Problem.importRefused(path: path, total: result.commands.count, findings: findingLines, refusals: refusals)
        case .success(let receipts):
            return ImportOutcome(
                plan: result.plan,
                findings: result.findings.map { ImportFinding(line: $0.line, kind: $0.kind.rawValue, indicator: $0.indicator, imported: $0.imported,
                                                              message: $0.message, sheet: $0.sheet) },
                findingCounts: result.findingCounts.map { ($0.0.rawValue, $0.1) },
                eventCounts: eventCounts(result.commands.map(\.command)),
                events: result.commands.count,
                receipts: receipts.map(\.head))
        }
    }

    /// Counts of commands by the event type each records, in the types' order.
    func eventCounts(_ commands: [Command]) -> [(type: String, count: Int)] {
        var counts: [EventType: Int] = [:]
        for c in commands { counts[c.eventType, default: 0] += 1 }
        return EventType.allCases.compactMap { t in counts[t].map { (t.commandName, $0) } }
    }
}
