// Appending: one event from a form's values, or a batch file all or
// nothing. Decided against the ledger (and, in a batch, against the rows
// before), written durably, acknowledged with each event's seq and hash.

import LedgerCore
import LedgerStore
import LedgerImport

/// What a batch append did.
public struct BatchOutcome: Sendable {
    /// Rows read from the file.
    public var rows: Int
    /// One per event appended (empty for a dry run).
    public var receipts: [ChainHead]
    /// What the user should know though nothing was refused: a file read as
    /// Windows-1252, a quarter closed with readings missing.
    public var notices: [Localized] = []
}

/// A due reading not recorded when its quarter was closed.
public struct MissingReading: Equatable, Sendable {
    public var indicator: String
    public var name: String
    public var period: Period
}

extension Session {
    /// The person appending (--actor, else $LEDGER_ACTOR), in NFC, and the
    /// OS account; no actor is a refusal, and so is a name no identifier may
    /// be (NameRules). Whether it looks like another actor of the ledger is
    /// asked under the lock, where the store decides.
    func author(_ actor: String?) throws -> Author {
        // A signed append is recorded in its member's name (the store sets it).
        if signingKey != nil || signer != nil, (actor ?? "").trimmingSpaces.isEmpty { return Author(actor: "-", osUser: host.account()) }
        let name = NFC.normalize((actor ?? "").trimmingSpaces)
        guard !name.isEmpty else { throw Problem.noActor }
        if let p = NameRules.identifierProblem(name, .actor) { throw Refusal.invalidName(field: "actor", p) }
        return Author(actor: name, osUser: host.account())
    }

    /// Appends one event described by `values` (the form's fields by name);
    /// with `dryRun`, decides without writing. Returns the receipt (none for
    /// a dry run); a refusal is thrown.
    public func append(_ form: EventForm, values: [String: String], actor: String?, dryRun: Bool) throws -> [ChainHead] {
        try requireLedger()
        let author = try author(actor)
        let command = try form.command(from: values).withNamesInNFC
        let now = try clock()
        switch try explainingTornTail({ try ledger.append([(command, nil)], by: author, signing: try batchSigning(), clock: now, dryRun: dryRun) }) {
        case .failure(let batch):
            if case .unknownIndicator(let id) = batch.refusals[0].1 {
                throw Problem.unknownIndicator(id, suggestions: indicatorSuggestions(for: id), appending: true)
            }
            throw batch.refusals[0].1
        case .success(let receipts): return receipts.map(\.head)
        }
    }

    /// Appends every row of a batch file (CSV or JSON lines), all or none.
    /// Rows that can be read are decided even when others cannot, so one run
    /// reports every bad row; a batch with any problem writes nothing.
    /// Numbers are read as `import csv` reads them, in the file's convention:
    /// `numbers` (`--numbers`), else the one its numbers show; a number that
    /// reads two ways where nothing tells refuses its row.
    public func appendBatch(file: String, actor: String?, dryRun: Bool, numbers option: NumberConvention? = nil) throws -> BatchOutcome {
        try requireLedger()
        let author = try author(actor)
        let batch = try BatchInput.read(path: file)
        let rows = batch.rows
        let numbers = NumberReader.choose(rows.lazy.flatMap { row in
            row.fields.lazy.filter { FieldNames.numeric.contains($0.key) }.map { ($0.value, row.line) }
        }, option: option)
        var commands: [(Command, String?)] = []
        var commandRows: [Int] = []
        var problems: [(line: Int, problem: BatchProblem)] = []
        for (index, row) in rows.enumerated() {
            do {
                guard let type = row.fields["type"]?.trimmingSpaces, !type.isEmpty else { throw FieldError.missingType }
                guard let form = EventType(anyName: type).flatMap({ t in EventForm.all.first { $0.type == t } }) else {
                    throw FieldError.unknownType(String(type.lowercased().map { $0 == "_" ? "-" : $0 }))
                }
                try form.checkColumns(row.fields)
                commands.append((try form.command(from: row.fields, numbers: numbers).withNamesInNFC, "\(baseName(file)):\(row.line)"))
                commandRows.append(index)
            } catch let e as FieldError {
                problems.append((row.line, .field(e)))
            }
        }
        guard !rows.isEmpty else { throw Problem.emptyBatch(path: file) }
        let now = try clock()
        switch try explainingTornTail({ try ledger.append(commands, by: author, signing: try batchSigning(), clock: now, dryRun: dryRun || !problems.isEmpty) }) {
        case .failure(let batch):
            var suggestions: [String: [IndicatorSuggestion]] = [:]
            for (index, refusal) in batch.refusals {
                if case .unknownIndicator(let id) = refusal {
                    if suggestions[id] == nil { suggestions[id] = indicatorSuggestions(for: id) }
                    problems.append((rows[commandRows[index]].line, .unknownIndicator(id, suggestions: suggestions[id]!)))
                } else {
                    problems.append((rows[commandRows[index]].line, .refusal(refusal)))
                }
            }
        case .success(let receipts):
            if problems.isEmpty {
                var notices: [Localized] = []
                if batch.encoding == .windows1252 { notices.append(Catalogue.readAsWindows1252(file)) }
                for case (.closeQuarter(let q, let plan), _) in commands {
                    let missing = try missingReadings(closing: q, plan: plan)
                    if !missing.isEmpty { notices.append(Catalogue.closedWithMissing(q, missing, dryRun: dryRun)) }
                }
                return BatchOutcome(rows: rows.count, receipts: receipts.map(\.head), notices: notices)
            }
        }
        problems.sort { $0.line < $1.line }
        throw Problem.batchRefused(path: file, rows: rows.count, problems: problems)
    }
}

extension Session {
    /// The readings due in `quarter` (for `plan`, or every plan) that the
    /// ledger does not hold: what a close leaves missing. The close goes
    /// through; they can still be recorded, as post-close adjustments.
    public func missingReadings(closing quarter: Period, plan: String?) throws -> [MissingReading] {
        try requireLedger()
        let (state, _) = try state(cut: nil, years: [quarter.year])
        var out: [MissingReading] = []
        for id in state.indicatorOrder {
            guard let ind = state.indicators[id], ind.definition.year == quarter.year, !ind.isBudgetOnly,
                  plan == nil || ind.definition.plan == plan else { continue }
            for p in Figures.duePeriods(ind, year: quarter.year, months: quarter.months) where ind.readings[p] == nil {
                out.append(MissingReading(indicator: id, name: ind.definition.name, period: p))
            }
        }
        return out
    }
}

/// The last component of a path: how a batch row names its source.
func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

extension Receipt {
    var head: ChainHead { ChainHead(seq: seq, hash: hash, at: at) }
}
