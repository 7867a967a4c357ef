// The state as rows for `export state`: one per indicator and period of its
// frequency, with the target, the reading in force and its marks.

import LedgerCore

public enum StateExport {
    public static let columns = ["plan", "owner", "indicator", "name", "unit", "year", "frequency", "aggregation", "direction", "approved_target",
                                 "annual_target", "period", "programmed", "executed", "reading_seq", "corrected", "post_close", "reprogrammed", "note"].map { Column($0, $0) }

    public static func table(_ state: LedgerState, scope: ReportScope = ReportScope()) -> Table {
        var rows: [[Cell]] = []
        for id in state.indicatorOrder {
            let ind = state.indicators[id]!
            let d = ind.definition
            guard scope.includes(d) else { continue }
            for p in Period.year(d.year).periods(of: d.frequency) {
                let r = ind.readings[p]
                rows.append([.text(d.plan), d.ownerCode.map(Cell.text) ?? .null, .text(d.id), .text(d.name), .text(d.unit), .integer(Int64(d.year)),
                             .text(d.frequency.rawValue), .text(d.aggregation.rawValue), .text(d.direction.rawValue), .number(d.annualTarget),
                             .number(ind.annualTarget), .text(p.description), Figures.programmed(for: p, of: ind).map(Cell.number) ?? .null,
                             r.flatMap { $0.measurement.value }.map(Cell.number) ?? .null, r.map { .integer($0.stamp.seq) } ?? .null,
                             .bool(r?.isCorrected ?? false), .bool(r?.isPostClose ?? false), .bool(ind.reprogrammed.contains(p)),
                             r?.note.map(Cell.text) ?? .null])
            }
        }
        return Table(columns: columns, rows: rows)
    }
}
