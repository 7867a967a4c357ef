import XCTest
import LedgerCore
@testable import LedgerImport

final class POAReportTests: XCTestCase {
    func result(month: Period? = nil, existing: ExistingLedger = NoLedger()) throws -> ImportResult {
        try Importer.run(.poaReport, Seeds.bytes(Seeds.poaReport), options: ImportOptions(fileName: "000.txt", month: month), existing: existing)
    }

    func testDump() throws {
        let r = try result()
        print(r.findingText)
        for d in r.definedIndicators { print(d.id, d.frequency, d.annualTarget, d.aggregation, d.unit) }
        for c in r.commands.prefix(30) { print(c.source, c.command) }
        print(r.commands.count, r.findingCounts)
    }
}
