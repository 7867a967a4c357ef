// The ledger shipped in events/ and snapshots/ (built from the seed
// documents by scripts/build-shipped-ledger.sh) verifies, and tells the
// seeds' stories. Run on a copy, so the repository stays untouched.

import Foundation
import XCTest

final class ShippedLedgerTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func shipped() throws -> Sandbox { try Self.shipped() }

    /// A sandbox holding a copy of the shipped events/ and snapshots/.
    static func shipped() throws -> Sandbox {
        let s = try Sandbox()
        for folder in ["events", "snapshots"] {
            let target = s.directory.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent(folder).path) where !name.hasPrefix(".") {
                try FileManager.default.copyItem(at: Self.root.appendingPathComponent(folder).appendingPathComponent(name),
                                                 to: target.appendingPathComponent(name))
            }
        }
        return s
    }

    func testTheShippedLedgerVerifiesWithItsSnapshots() throws {
        let s = try shipped()
        let out = s.ok(["verify"])
        XCTAssertTrue(out.contains("chain intact"), out)
        XCTAssertTrue(out.contains("snapshot files re-derived"), out)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: s.path("snapshots"))
        XCTAssertTrue(snapshots.contains { $0.hasPrefix("2017-Q1_") && $0.hasSuffix(".html") })
        XCTAssertTrue(snapshots.contains { $0.hasPrefix("2017-Q4_") && $0.hasSuffix(".json") })
    }

    func testTheSeedsStories() throws {
        let s = try shipped()
        let json = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q1", "--json"]).utf8)) as! [String: Any]
        let rows = json["indicators"] as! [[String: Any]]
        func executed(_ name: String, plan: String) -> String? {
            (rows.first { $0["name"] as? String == name && $0["plan"] as? String == plan }?["executed"] as? NSNumber)?.stringValue
        }
        XCTAssertEqual(executed("RECIBOS ENTREGADOS A DOMICILIO", plan: "POA 2017"), "719162")
        XCTAssertEqual(executed("GESTIONAR COBRANZA COACTIVA TRIBUTARIA", plan: "POI 2017"), "74")
        // INSTALACION DE MEDIDORES: 300, then 350 for February, then 420 for March, as the rounds were delivered.
        let history = try JSONSerialization.jsonObject(with: Data(s.ok(["history", "POA2017-307-INSTALACION-MEDIDORES", "--json"]).utf8)) as! [String: Any]
        let targets = (history["events"] as! [[String: Any]]).filter { $0["type"] as? String == "target" }
        XCTAssertEqual(targets.map { $0["value"] as? String }, ["350", "420"])
        XCTAssertEqual(targets.map { $0["previous_value"] as? String }, ["300", "300"])
        // On 10 March 2017 only the January and February rounds had been delivered.
        let march = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2017-Q1", "--as-of", "2017-03-10", "--json"]).utf8)) as! [String: Any]
        let med = (march["indicators"] as! [[String: Any]]).first { $0["indicator"] as? String == "POA2017-307-INSTALACION-MEDIDORES" }!
        XCTAssertEqual((med["executed"] as? NSNumber)?.stringValue, "804")
        // Seed 001: budget with financial progress, at 31 March 2024.
        let mir = try JSONSerialization.jsonObject(with: Data(s.ok(["quarter", "2024-Q1", "--json"]).utf8)) as! [String: Any]
        let budgets = (mir["indicators"] as! [[String: Any]]).compactMap { $0["budget"] as? [String: Any] }
        XCTAssertFalse(budgets.isEmpty)
        XCTAssertTrue(budgets.contains { ($0["modified"] as? NSNumber)?.stringValue == "14757499.81" })
    }
}
