// The shared generator must keep drawing exactly what the benchmark's and the
// campaigns' generators drew before they were merged into it: generated
// benchmark ledgers and campaign seeds depend on every value. The pinned
// numbers below were printed by the two former generators (LedgerBench's
// SeededRandom and LedgerCampaign's SeededRandom) before the merge; the raw
// SplitMix64 outputs also match the reference algorithm (Steele, Lea, Flood)
// as an independent Python implementation computes it.

import LedgerToolSupport
import XCTest

final class SplitMix64Tests: XCTestCase {
    func testRawOutputsAreReferenceSplitMix64() {
        var zero = SplitMix64(seed: 0)
        XCTAssertEqual((0..<3).map { _ in zero.next() }, [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var one = SplitMix64(seed: 1)
        XCTAssertEqual((0..<2).map { _ in one.next() }, [0x910A_2DEC_8902_5CC1, 0xBEEB_8DA1_658E_EC67])
    }

    // MARK: The benchmark's derivation and portable draws

    func testPathDerivationIsPinned() {
        var r = SplitMix64(seed: 42, path: 1, 7)
        XCTAssertEqual(r.next(), 0x9768_40F0_E24E_628A)
        XCTAssertEqual(r.next(), 0x36CF_0592_52E8_442F)
        var month = SplitMix64(seed: 7, path: 2, 2017, 3, 11)
        XCTAssertEqual(month.next(), 0x9D7E_D5CF_1EF8_7447)
        // The order of the path matters: parts do not collide.
        var a = SplitMix64(seed: 1, path: 2, 3)
        var b = SplitMix64(seed: 1, path: 3, 2)
        XCTAssertNotEqual(a.next(), b.next())
    }

    func testPortableDrawsArePinned() {
        var r = SplitMix64(seed: 42, path: 1, 7)
        _ = r.next()
        _ = r.next()
        XCTAssertEqual((0..<6).map { _ in r.portableInt(0...99) }, [73, 14, 25, 27, 1, 50])
        XCTAssertEqual((0..<4).map { _ in r.portableInt(10..<13) }, [11, 12, 12, 10])
        XCTAssertEqual(r.portableUnit(), 0.44254630785754123)
        XCTAssertEqual(r.portableUnit(), 0.30307094476944785)
        XCTAssertEqual((0..<8).map { _ in r.portableChance(0.3) ? "1" : "0" }.joined(), "01100000")
        XCTAssertEqual((0..<6).map { _ in r.portablePick(["a", "b", "c", "d", "e"]) }.joined(), "bcecba")
        XCTAssertEqual((0..<8).map { _ in r.portableWeighted([("x", 1), ("y", 5), ("z", 2)]) }.joined(), "yxyyyzyy")
    }

    // MARK: The campaigns' derivation and standard-library draws

    func testStreamDerivationIsPinned() {
        var r = SplitMix64(seed: 1, stream: 77)
        XCTAssertEqual(r.next(), 0x2A83_64D8_C9D6_A674)
        XCTAssertEqual(r.next(), 0x5EAB_CB74_9122_0028)
        var badInput = SplitMix64(seed: 9, stream: 4242)
        XCTAssertEqual(badInput.next(), 0xAA4D_289C_8F7E_85F8)
    }

    func testStandardLibraryDrawsArePinned() {
        var r = SplitMix64(seed: 1, stream: 77)
        _ = r.next()
        _ = r.next()
        XCTAssertEqual((0..<6).map { _ in r.int(0...99) }, [1, 23, 60, 10, 73, 36])
        XCTAssertEqual((0..<4).map { _ in r.int(10..<13) }, [11, 11, 11, 11])
        XCTAssertEqual((0..<8).map { _ in r.chance(0.3) ? "1" : "0" }.joined(), "10010010")
        XCTAssertEqual(r.double(0..<3), 0.48213785868450487)
        XCTAssertEqual(r.double(0..<3), 0.6083864582303796)
        XCTAssertEqual((0..<6).map { _ in r.pick(["a", "b", "c", "d", "e"]) }.joined(), "dacdac")
        XCTAssertEqual((0..<8).map { _ in String(r.weighted([1, 5, 2])) }.joined(), "22211111")
        XCTAssertEqual(r.bytes(8), [0xA2, 0x34, 0xA3, 0x4E, 0xD9, 0xA4, 0x4A, 0x26])
    }

    func testDrawsStayInTheirRanges() {
        var r = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            XCTAssert((-3...3).contains(r.portableInt(-3...3)))
            XCTAssert((5..<6).contains(r.portableInt(5..<6)))
            let u = r.portableUnit()
            XCTAssert(u >= 0 && u < 1)
            XCTAssert((0...1).contains(r.int(0...1)))
            let d = r.double(2..<2.5)
            XCTAssert(d >= 2 && d < 2.5)
        }
        XCTAssertFalse(r.chance(0))
        XCTAssertTrue(r.chance(1))
        XCTAssertFalse(r.portableChance(0))
        // A zero weight is never drawn.
        for _ in 0..<500 { XCTAssertNotEqual(r.weighted([3, 0, 2]), 1) }
        for _ in 0..<500 { XCTAssertNotEqual(r.portableWeighted([("a", 3), ("never", 0), ("b", 2)]), "never") }
    }
}
