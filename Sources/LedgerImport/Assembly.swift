// Putting an import together: definitions only for indicators the ledger
// does not know yet, every command with its `FILE:LINE`, and each finding
// about an imported indicator recorded as an observation on it.

import LedgerCore

struct Assembly {
    let options: ImportOptions
    let existing: ExistingLedger
    let plan: String
    private(set) var commands: [SourcedCommand] = []
    private(set) var findings: [Finding] = []
    /// Defined by this import.
    private(set) var defined: [String: IndicatorDefinition] = [:]

    init(options: ImportOptions, existing: ExistingLedger, plan: String) {
        self.options = options
        self.existing = existing
        self.plan = plan
    }

    func source(_ line: Int) -> String { "\(options.fileName):\(line)" }

    /// The definition in force: from this import or the ledger.
    func definition(of id: String) -> IndicatorDefinition? { defined[id] ?? existing.definition(of: id) }

    /// Defines `d` unless the ledger (or this import) already has it. An id
    /// that exists for an indicator of another name is a conflict: false, and
    /// the caller imports nothing for that row.
    @discardableResult
    mutating func define(_ d: IndicatorDefinition, line: Int) -> Bool {
        if let known = definition(of: d.id) {
            guard known.name.folded == d.name.folded else {
                note(line, .conflict, "id \(d.id) already names \"\(known.name)\" in the ledger, not \"\(d.name)\"; the row was not imported (import it under another --plan)",
                     "el id \(d.id) ya nombra \"\(known.name)\" en el ledger, no \"\(d.name)\"; la fila no se importó (impórtela con otro --plan)",
                     imported: false)
                return false
            }
            return true
        }
        defined[d.id] = d
        commands.append(SourcedCommand(.defineIndicator(d), source: source(line)))
        return true
    }

    mutating func emit(_ command: Command, line: Int) {
        commands.append(SourcedCommand(command, source: source(line)))
    }

    mutating func note(_ line: Int, _ kind: FindingKind, _ en: String, _ es: String, indicator: String? = nil,
                       period: Period? = nil, imported: Bool = true) {
        findings.append(Finding(line: line, kind: kind, message: Bilingual(en, es), indicator: indicator, period: period, imported: imported))
    }

    /// The result: the commands, then one observation per finding on an
    /// indicator this import defined or the ledger knows, filed on the
    /// finding's period (or the indicator's year).
    func finish() -> ImportResult {
        var all = commands
        for f in findings {
            guard let id = f.indicator, let d = definition(of: id) else { continue }
            let period = f.period ?? Period.year(d.year)
            let prefix = options.language == .es ? "Hallazgo de importación (\(source(f.line))): " : "Import finding (\(source(f.line))): "
            all.append(SourcedCommand(.addObservation(indicator: id, period: period, text: prefix + f.message.text(options.language)),
                                      source: source(f.line)))
        }
        return ImportResult(commands: all, findings: findings, plan: plan)
    }
}
