// The budget's accounting moments (momentos contables del egreso) and
// their order. Mexico's CONAC has public spending recorded in six moments:
// aprobado, modificado, comprometido, devengado, ejercido, pagado. Each
// one after modificado is recorded against the one before it (a
// commitment is taken from what the modified budget leaves, an accrual
// from what was committed, and so on), so the amounts recorded so far can
// never grow along the chain:
//
//     paid <= exercised <= accrued <= committed <= modified
//
// The approved budget stands apart: the modified budget is the approved
// one plus or minus adjustments, so it may be larger or smaller.
// docs/FIGURES.md cites the sources.

/// One moment of the budget, in CONAC's order.
public enum BudgetMoment: String, CaseIterable, Sendable {
    case approved, modified, committed, accrued, exercised, paid

    /// The CONAC word.
    public var spanish: String {
        switch self {
        case .approved: return "aprobado"
        case .modified: return "modificado"
        case .committed: return "comprometido"
        case .accrued: return "devengado"
        case .exercised: return "ejercido"
        case .paid: return "pagado"
        }
    }

    /// The moments that are recorded against the one before them, in order.
    public static let chain: [BudgetMoment] = [.modified, .committed, .accrued, .exercised, .paid]
}

extension BudgetFigures {
    /// The amount recorded for `moment`, nil when it was not recorded.
    public func amount(_ moment: BudgetMoment) -> DecimalNumber? {
        switch moment {
        case .approved: return approved
        case .modified: return modified
        case .committed: return committed
        case .accrued: return accrued
        case .exercised: return exercised
        case .paid: return paid
        }
    }

    /// The first recorded moment that exceeds the recorded moment before it
    /// in the chain (`paid` above `accrued`, `accrued` above `modified`...),
    /// nil when the recorded moments are in CONAC's order. Moments not
    /// recorded are skipped: paid is then compared with accrued.
    public var momentOutOfOrder: (moment: BudgetMoment, exceeds: BudgetMoment)? {
        var previous: (BudgetMoment, DecimalNumber)?
        for m in BudgetMoment.chain {
            guard let v = amount(m) else { continue }
            if let (p, pv) = previous, v > pv { return (m, p) }
            previous = (m, v)
        }
        return nil
    }
}
