// SHA-512 of many messages at once (`SHA512.hash(many:)`, CEd25519's
// sha512_many.c: eight messages in the lanes of AVX-512 registers, each lane
// taking the next message when its own ends) against the one-message
// SHA-512: the FIPS 180-4 vectors, every length across the padding's
// boundaries, and seeded mixes of lengths in which lanes finish and refill
// at every point of a window. On a CPU without AVX-512 the same tests hold
// the portable path (`ced25519_sha512_lanes` says which ran).
import CEd25519
import LedgerCrypto
import XCTest

final class SHA512ManyTests: XCTestCase {
    /// The portable C path, one message after the other.
    static func portable(_ messages: [[UInt8]]) -> [[UInt8]] {
        var digests = [UInt8](repeating: 0, count: 64 * messages.count)
        var pointers: [UnsafePointer<UInt8>?] = []
        var copies: [UnsafeMutablePointer<UInt8>] = []
        for m in messages {
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, m.count))
            copy.initialize(from: m, count: m.count)
            copies.append(copy)
            pointers.append(UnsafePointer(copy))
        }
        defer { copies.forEach { $0.deallocate() } }
        ced25519_sha512_many_portable(&digests, pointers, messages.map(\.count), messages.count)
        return (0..<messages.count).map { Array(digests[(64 * $0)..<(64 * $0 + 64)]) }
    }

    func testLanesAreEightWithAVX512OrOne() {
        XCTAssertTrue([1, 8].contains(SHA512.lanes), "\(SHA512.lanes)")
    }

    func testFIPSVectors() {
        let vectors: [([UInt8], String)] = [
            ([], "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
            (Array("abc".utf8), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
            (Array(SHA512Tests.fips448.utf8), "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
            (Array(SHA512Tests.fips896.utf8), "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
            ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"),
        ]
        // Together (five lanes busy, three idle), then each alone, then among other messages.
        let together = SHA512.hash(many: vectors.map(\.0))
        for (digest, (message, expected)) in zip(together, vectors) {
            XCTAssertEqual(Hex.encode(digest), expected, "length \(message.count)")
            XCTAssertEqual(Hex.encode(SHA512.hash(many: [message])[0]), expected, "alone, length \(message.count)")
        }
        let mixed = (0..<20).map { SHA512Tests.message($0 * 50) } + vectors.map(\.0)
        XCTAssertEqual(SHA512.hash(many: mixed).suffix(5).map(Hex.encode), vectors.map(\.1))
    }

    func testEveryLengthAcrossThePaddingBoundaries() {
        // 0 to 400 bytes: one, two and three blocks, the length field in the last
        // block or alone in a block of its own (111/112 and 239/240 bytes).
        let messages = (0...400).map(SHA512Tests.message)
        let many = SHA512.hash(many: messages)
        XCTAssertEqual(many.count, messages.count)
        for (n, digest) in many.enumerated() { XCTAssertEqual(digest, SHA512.hash(messages[n]), "length \(n)") }
        XCTAssertEqual(Self.portable(messages), many)
        // Reversed: the long messages first, so the lanes refill in the other order.
        XCTAssertEqual(SHA512.hash(many: messages.reversed()), many.reversed())
    }

    func testSeededMixesOfLengthsInEveryCount() {
        var random = SeededGenerator(seed: 512)
        // Counts around the lane count and around hash(many:)'s window of 128 messages.
        for count in [0, 1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 300] {
            let messages = (0..<count).map { _ in
                random.bytes(Int.random(in: 0...(Bool.random(using: &random) ? 300 : 20_000), using: &random))
            }
            let many = SHA512.hash(many: messages)
            XCTAssertEqual(many, messages.map { SHA512.hash($0) }, "\(count) messages")
            XCTAssertEqual(Self.portable(messages), many, "\(count) messages, portable")
        }
        // Identical messages in every lane, and one long message among short ones.
        let same = [[UInt8]](repeating: SHA512Tests.message(1000), count: 19)
        XCTAssertEqual(Set(SHA512.hash(many: same).map(Hex.encode)), [Hex.encode(SHA512.hash(same[0]))])
        let uneven = [SHA512Tests.message(100_000)] + (0..<40).map { SHA512Tests.message($0) }
        XCTAssertEqual(SHA512.hash(many: uneven), uneven.map { SHA512.hash($0) })
    }

    func testMessagesReadWhereTheyAreAtAnyAlignment() {
        // Messages starting at every offset within a word of one buffer: the C code loads unaligned words.
        let buffer = SHA512Tests.message(8192)
        let ranges = (0..<24).map { $0..<($0 + 1000 + 13 * $0) }
        var digests = [UInt8](repeating: 0, count: 64 * ranges.count)
        buffer.withUnsafeBufferPointer { b in
            let pointers: [UnsafePointer<UInt8>?] = ranges.map { b.baseAddress! + $0.lowerBound }
            ced25519_sha512_many(&digests, pointers, ranges.map(\.count), ranges.count)
        }
        for (i, range) in ranges.enumerated() {
            XCTAssertEqual(Array(digests[(64 * i)..<(64 * i + 64)]), SHA512.hash(Array(buffer[range])), "offset \(range.lowerBound)")
        }
    }
}
