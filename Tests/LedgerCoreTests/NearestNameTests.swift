// The distance behind "did you mean": optimal string alignment (Levenshtein
// with adjacent transpositions), checked on textbook pairs and the typos of
// issue 13, item 16.

import XCTest
@testable import LedgerCore

final class NearestNameTests: XCTestCase {
    func d(_ a: String, _ b: String, limit: Int = 10) -> Int? {
        NearestName.distance(NearestName.key(a), NearestName.key(b), limit: limit)
    }

    func testDistances() {
        XCTAssertEqual(d("kitten", "sitting"), 3)
        XCTAssertEqual(d("flaw", "lawn"), 2)
        XCTAssertEqual(d("", "abc"), 3)
        XCTAssertEqual(d("abc", "abc"), 0)
        // One transposition is one slip (Levenshtein would say 2).
        XCTAssertEqual(d("MED-2071", "MED-2017"), 1)
        XCTAssertEqual(d("ca", "ac"), 1)
        // Optimal string alignment, not full Damerau: no edit inside a transposed pair.
        XCTAssertEqual(d("CA", "ABC"), 3)
        // Case and accents do not count.
        XCTAssertEqual(d("observación", "OBSERVACION"), 0)
        // Past the limit: nil, however long the words.
        XCTAssertNil(d("kitten", "sitting", limit: 2))
        XCTAssertNil(d(String(repeating: "a", count: 5000), "b", limit: 3))
    }

    func testNearest() {
        let commands = ["init", "append", "verify", "digest", "repair", "seal", "status", "quarter", "snapshot", "history", "log", "replay", "diff", "export", "import"]
        XCTAssertEqual(NearestName.nearest("apend", among: commands), ["append"])
        XCTAssertEqual(NearestName.nearest("verfy", among: commands).first, "verify")
        XCTAssertEqual(NearestName.nearest("IMPORT", among: commands), ["import"])
        XCTAssertEqual(NearestName.nearest("xyzzy", among: commands), [])
        XCTAssertEqual(NearestName.nearest("reding", among: ["indicator", "target", "reading", "correction"]), ["reading"])
    }
}
