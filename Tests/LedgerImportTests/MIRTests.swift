import XCTest
import LedgerCore
@testable import LedgerImport

final class MIRTests: XCTestCase {
    func testDump() throws {
        let r = try Importer.run(.mir, Seeds.bytes(Seeds.mir), options: ImportOptions(fileName: "001.txt"))
        print(r.findingText)
        print(r.commands.count, r.definedIndicators.count, r.findingCounts)
        for d in r.definedIndicators.prefix(4) { print(d.id, d.name, d.unit, d.annualTarget, d.hierarchy.map(\.value)) }
    }
}
