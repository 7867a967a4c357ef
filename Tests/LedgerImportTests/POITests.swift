import XCTest
import LedgerCore
@testable import LedgerImport

final class POITests: XCTestCase {
    func testDump() throws {
        let r = try Importer.run(.poi, Seeds.bytes(Seeds.poi), options: ImportOptions(fileName: "002.txt"))
        print(r.findingText)
        print(r.commands.count, r.definedIndicators.count, r.findingCounts)
    }
}
