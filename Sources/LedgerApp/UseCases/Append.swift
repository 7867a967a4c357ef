// Appending: one event from a form's values, or a batch file all or
// nothing. Decided against the ledger (and, in a batch, against the rows
// before), written durably, acknowledged with each event's seq and hash.

import LedgerCore
import LedgerStore

/// What a batch append did.
public struct BatchOutcome: Sendable {
    /// Rows read from the file.
    public var rows: Int
    /// One per event appended (empty for a dry run).
    public var receipts: [ChainHead]
}

extension Session {
    /// The person appending (--actor, else $LEDGER_ACTOR) and the OS account;
    /// no actor is a refusal.
    func author(_ actor: String?) throws -> Author {
        let name = (actor ?? "").trimmingSpaces
        guard !name.isEmpty else { throw Problem.noActor }
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 }), name.count <= 200 else { throw Problem.invalidActor }
        return Author(actor: name, osUser: host.account())
    }

    /// Appends one event described by `values` (the form's fields by name);
    /// with `dryRun`, decides without writing. Returns the receipt (none for
    /// a dry run); a refusal is thrown.
    public func append(_ form: EventForm, values: [String: String], actor: String?, dryRun: Bool) throws -> [ChainHead] {
        let author = try author(actor)
        let command = try form.command(from: values)
        switch try ledger.append([(command, nil)], by: author, clock: try clock(), dryRun: dryRun) {
        case .failure(let batch): throw batch.refusals[0].1
        case .success(let receipts): return receipts.map(\.head)
        }
    }

    /// Appends every row of a batch file (CSV or JSON lines), all or none.
    /// Rows that can be read are decided even when others cannot, so one run
    /// reports every bad row; a batch with any problem writes nothing.
    public func appendBatch(file: String, actor: String?, dryRun: Bool) throws -> BatchOutcome {
        let author = try author(actor)
        let rows = try BatchInput.read(path: file)
        var commands: [(Command, String?)] = []
        var commandRows: [Int] = []
        var problems: [(line: Int, problem: BatchProblem)] = []
        for (index, row) in rows.enumerated() {
            do {
                guard let type = row.fields["type"]?.trimmingSpaces.lowercased(), !type.isEmpty else { throw FieldError.missingType }
                guard let form = EventForm.named(type) else { throw FieldError.unknownType(String(type.map { $0 == "_" ? "-" : $0 })) }
                try form.checkColumns(row.fields)
                commands.append((try form.command(from: row.fields), "\(baseName(file)):\(row.line)"))
                commandRows.append(index)
            } catch let e as FieldError {
                problems.append((row.line, .field(e)))
            }
        }
        guard !rows.isEmpty else { throw Problem.emptyBatch(path: file) }
        switch try ledger.append(commands, by: author, clock: try clock(), dryRun: dryRun || !problems.isEmpty) {
        case .failure(let batch):
            for (index, refusal) in batch.refusals { problems.append((rows[commandRows[index]].line, .refusal(refusal))) }
        case .success(let receipts):
            if problems.isEmpty { return BatchOutcome(rows: rows.count, receipts: receipts.map(\.head)) }
        }
        problems.sort { $0.line < $1.line }
        throw Problem.batchRefused(path: file, rows: rows.count, problems: problems)
    }
}

/// The last component of a path: how a batch row names its source.
func baseName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

extension Receipt {
    var head: ChainHead { ChainHead(seq: seq, hash: hash, at: at) }
}
