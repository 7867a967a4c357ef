// What Mexico's transparency platform (PNT) asks of an indicator for a
// quarter (art. 70 fr. V and VI of the general transparency law): its
// description as it stands, the approved and the adjusted target, the
// progress to date, who is responsible, and the dates the figures were
// validated (the quarter's close) and last updated. Pure: the renderer
// (LedgerReports/TransparencyReport.swift) writes the format's columns.

/// One indicator as the transparency formats report it for a quarter.
public struct TransparencyRow: Equatable, Sendable {
    /// The definition in force (amendments applied).
    public var definition: IndicatorDefinition
    /// Metas programadas: the target as defined (meta aprobada).
    public var approvedTarget: DecimalNumber
    /// Metas ajustadas: the annual target in force, when it differs from the approved one.
    public var adjustedTarget: DecimalNumber?
    /// The document behind the adjusted target, if one was given.
    public var adjustedTargetDocument: String?
    /// Executed to the quarter's end / annual target in force, in percent.
    public var progress: DecimalNumber?
    /// Nombre del programa: the hierarchy's programa (or first level), else the plan.
    public var program: String?
    /// Periods up to the quarter's end whose targets were reprogrammed, with their documents.
    public var reprogrammed: [(period: Period, document: String?)]
    /// Periods due in the quarter without a reading.
    public var missing: [Period]
    /// A value of the quarter was recorded or corrected after its close.
    public var hasPostCloseAdjustments: Bool
    /// The close that validated the quarter's figures for this indicator, if closed.
    public var close: QuarterClose?

    public static func == (a: TransparencyRow, b: TransparencyRow) -> Bool {
        a.definition == b.definition && a.approvedTarget == b.approvedTarget && a.adjustedTarget == b.adjustedTarget
            && a.adjustedTargetDocument == b.adjustedTargetDocument && a.progress == b.progress && a.program == b.program
            && a.reprogrammed.map(\.period) == b.reprogrammed.map(\.period) && a.reprogrammed.map(\.document) == b.reprogrammed.map(\.document)
            && a.missing == b.missing && a.hasPostCloseAdjustments == b.hasPostCloseAdjustments && a.close == b.close
    }
}

public struct TransparencyView: Equatable, Sendable {
    public var entity: String
    public var quarter: Period
    public var scope: ReportScope
    public var head: ChainHead
    public var rows: [TransparencyRow]
}

extension Views {
    /// The quarter's indicators (those measured physically: budget-only
    /// rows are programs, not indicators) as the transparency formats ask.
    public static func transparency(_ q: Period, of state: LedgerState, scope: ReportScope = ReportScope()) -> TransparencyView {
        var rows: [TransparencyRow] = []
        for ind in indicators(state, scope) where ind.definition.year == q.year && !ind.isBudgetOnly {
            let d = ind.definition
            let ytd = Figures.duePeriods(ind, year: q.year, months: 1...q.lastMonth)
            let quarterDue = Figures.duePeriods(ind, year: q.year, months: q.months)
            let executed = Figures.executed(over: ytd, of: ind)
            let program = d.hierarchy.first { $0.level.levelKey == "PROGRAMA" }?.value ?? d.hierarchy.first?.value ?? (d.plan.isEmpty ? nil : d.plan)
            let adjusted = ind.annualTarget != d.annualTarget ? ind.annualTarget : nil
            rows.append(TransparencyRow(
                definition: d, approvedTarget: d.annualTarget, adjustedTarget: adjusted,
                adjustedTargetDocument: adjusted == nil ? nil : ind.annualTargetDocument,
                progress: Figures.progress(executed: executed, annualTarget: ind.annualTarget, direction: d.direction),
                program: program,
                reprogrammed: ytd.filter { ind.reprogrammed.contains($0) }.map { ($0, ind.targetDocuments[$0]) },
                missing: quarterDue.filter { ind.readings[$0] == nil },
                hasPostCloseAdjustments: quarterDue.contains { ind.readings[$0]?.isPostClose == true },
                close: state.closes.first { $0.quarter == q && ($0.plan == nil || $0.plan == d.plan) }))
        }
        return TransparencyView(entity: state.settings?.entity ?? "", quarter: q, scope: scope, head: state.head, rows: rows)
    }
}

private extension String {
    /// Upper case without accents, for comparing level names ("Programa" = "PROGRAMA").
    var levelKey: String {
        String(uppercased().unicodeScalars.map { s -> Character in
            switch s {
            case "Á", "À", "Ä", "Â": return "A"
            case "É", "È", "Ë", "Ê": return "E"
            case "Í", "Ì", "Ï", "Î": return "I"
            case "Ó", "Ò", "Ö", "Ô": return "O"
            case "Ú", "Ù", "Ü", "Û": return "U"
            case "Ñ": return "N"
            default: return Character(s)
            }
        })
    }
}
