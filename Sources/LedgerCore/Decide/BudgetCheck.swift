// The budget a user records must keep CONAC's order of moments (paid <=
// exercised <= accrued <= committed <= modified, see Model/BudgetMoments):
// typed input that breaks it is refused. Importers report the same check as
// a finding and leave such a row's budget out.

extension Decider {
    static func checkBudgetMoments(_ id: String, _ p: Period, _ f: BudgetFigures) throws {
        if let (moment, earlier) = f.momentOutOfOrder {
            throw Refusal.budgetMomentsOutOfOrder(indicator: id, period: p, moment: moment, amount: f.amount(moment)!,
                                                  exceeds: earlier, limit: f.amount(earlier)!)
        }
    }
}
