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
    /// How the document writes its numbers (set once the document is read).
    var numbers = ConventionChoice(convention: .default, source: .assumed)

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
        findings.append(Finding(line: line, kind: kind, message: Localized(en, es), indicator: indicator, period: period, imported: imported))
    }

    /// How the document's numbers were read, once per document, when it
    /// needs saying: a decimal comma, or numbers written both ways.
    mutating func noteConvention(_ choice: ConventionChoice) {
        switch choice.source {
        case .detected where choice.convention == .decimalComma:
            let (text, line) = choice.decimalCommaExample!
            note(line, .numberConvention, "the document writes numbers with a decimal comma and dots between thousands (\"\(text)\"); every number was read that way",
                 "el documento escribe los números con coma decimal y puntos entre miles (\"\(text)\"); todos los números se leyeron así")
        case .conflicting:
            let (p, pl) = choice.decimalPointExample!, (c, cl) = choice.decimalCommaExample!
            note(min(pl, cl), .numberConvention,
                 "the document writes numbers both ways: with a decimal point (\"\(p)\", line \(pl)) and with a decimal comma (\"\(c)\", line \(cl)); a number that reads differently either way (1.571) was not read",
                 "el documento escribe los números de las dos formas: con punto decimal (\"\(p)\", línea \(pl)) y con coma decimal (\"\(c)\", línea \(cl)); un número que se lee distinto de cada forma (1.571) no se leyó",
                 imported: false)
        case .option, .detected, .assumed:
            break
        }
    }

    /// A cell that reads as two different numbers (`1.571`: 1.571 or 1571)
    /// where the document does not say which convention it uses: read by
    /// the default and reported, or (numbers written both ways) not read.
    mutating func noteAmbiguous(_ cell: NumberCell, column: String, line: Int, choice: ConventionChoice, indicator: String? = nil, period: Period? = nil) {
        guard cell.isAmbiguous, let p = cell.readings[.decimalPoint], let c = cell.readings[.decimalComma] else { return }
        switch choice.source {
        case .assumed:
            note(line, .numberConvention,
                 "\(column) \"\(cell.text)\" is \(p) with a decimal point or \(c) with a decimal comma, and no other number in the document tells which it uses: read as \(p) (1,234.56); if the document means \(c), correct it",
                 "\(column) \"\(cell.text)\" es \(p) con punto decimal o \(c) con coma decimal, y ningún otro número del documento dice cuál usa: se leyó como \(p) (1,234.56); si el documento quiere decir \(c), corríjalo",
                 indicator: indicator, period: period)
        case .conflicting:
            note(line, .numberConvention,
                 "\(column) \"\(cell.text)\" is \(p) with a decimal point or \(c) with a decimal comma, and the document writes numbers both ways: not read",
                 "\(column) \"\(cell.text)\" es \(p) con punto decimal o \(c) con coma decimal, y el documento escribe los números de las dos formas: no se leyó",
                 indicator: indicator, period: period, imported: false)
        case .option, .detected:
            break
        }
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
