// `ledger quarter YYYY-Qn`: programmed against executed per indicator,
// compliance, status, observations, marks, at any recorded time.

import LedgerCore
import LedgerApp

enum QuarterCommand {
    static let definition = CommandDefinition(spec: CommandSpec(
        name: "quarter",
        abstract: Localized("the quarter view: programmed vs executed, compliance, status, observations, marks",
                            "la vista trimestral: programado contra ejecutado, cumplimiento, semáforo, observaciones, marcas"),
        usage: "ledger quarter YYYY-Qn [--as-of T] [--plan NAME] [--owner CODE] [--wide|--json|--csv]",
        options: [ReportOptions.asOf, ReportOptions.plan, ReportOptions.owner, ReportOptions.wide] + ReportOptions.formats,
        examples: [
            "ledger quarter 2017-Q1",
            "ledger quarter 2017-Q1 --as-of 2017-04-10",
            "ledger quarter 2017-Q1 --owner 307 --json",
            "ledger quarter 2017-Q1 --wide",
        ],
        positionals: 1...1), run: run)

    static func run(_ call: Invocation) throws {
        let q = try call.arguments.quarter(at: 0)
        call.console.out.write(try call.session.quarter(q, try call.reportRequest()))
    }
}
