// Seeded property tests: random keys and messages sign and verify, agree
// byte for byte with the python3 reference, and any single flipped bit of
// message, signature or key makes verification fail. Also: many threads
// verifying at once (prepared keys shared among them) all get the right answers.
// Every check here runs on both paths (Support/BothPaths.swift).
import Foundation
import LedgerCrypto
import XCTest

final class Ed25519PropertyTests: XCTestCase {
    func testSignaturesMatchTheIndependentReference() throws {
        var random = SeededGenerator(seed: 0x5eed)
        let cases: [[[UInt8]]] = (0..<24).map { i in [random.bytes(32), random.bytes(i * 11)] }
        let reference = try PythonReference.run("""
        for seed, m in rows():
            print(public(seed).hex(), sign(seed, m).hex())
        """, rows: cases)
        XCTAssertEqual(reference.count, cases.count)
        for (c, line) in zip(cases, reference) {
            let fields = line.split(separator: " ").map(String.init)
            XCTAssertEqual(Hex.encode(Ed25519.publicKey(seed: c[0])), fields[0])
            XCTAssertEqual(Hex.encode(Ed25519.sign(message: c[1], seed: c[0])), fields[1])
        }
    }

    func testRoundTripsAndSingleBitFlips() {
        var random = SeededGenerator(seed: 20240601)
        for round in 0..<200 {
            let seed = random.bytes(32)
            let message = random.bytes(Int.random(in: 0...300, using: &random))
            let key = Ed25519.publicKey(seed: seed)
            let signature = Ed25519.sign(message: message, seed: seed)
            XCTAssertTrue(Ed25519Paths.verify(signature: signature, message: message, publicKey: key), "round \(round)")
            // Deterministic: the same inputs give the same signature.
            XCTAssertEqual(Ed25519.sign(message: message, seed: seed), signature)

            let sigBit = Int.random(in: 0..<512, using: &random)
            var s = signature
            s[sigBit / 8] ^= UInt8(1 << (sigBit % 8))
            XCTAssertFalse(Ed25519Paths.verify(signature: s, message: message, publicKey: key), "round \(round) signature bit \(sigBit)")

            let keyBit = Int.random(in: 0..<256, using: &random)
            var k = key
            k[keyBit / 8] ^= UInt8(1 << (keyBit % 8))
            XCTAssertFalse(Ed25519Paths.verify(signature: signature, message: message, publicKey: k), "round \(round) key bit \(keyBit)")

            if !message.isEmpty {
                let messageBit = Int.random(in: 0..<(message.count * 8), using: &random)
                var m = message
                m[messageBit / 8] ^= UInt8(1 << (messageBit % 8))
                XCTAssertFalse(Ed25519Paths.verify(signature: signature, message: m, publicKey: key), "round \(round) message bit \(messageBit)")
            }
        }
    }

    func testEverySingleBitFlipFails() {
        var random = SeededGenerator(seed: 77)
        for _ in 0..<3 {
            let seed = random.bytes(32)
            let message = random.bytes(64)
            let key = Ed25519.publicKey(seed: seed)
            let signature = Ed25519.sign(message: message, seed: seed)
            var all = signature + key + message
            for bit in 0..<(all.count * 8) {
                all[bit / 8] ^= UInt8(1 << (bit % 8))
                let ok = Ed25519Paths.verify(signature: Array(all[0..<64]), message: Array(all[96...]), publicKey: Array(all[64..<96]))
                XCTAssertFalse(ok, "bit \(bit)")
                all[bit / 8] ^= UInt8(1 << (bit % 8))
            }
            XCTAssertTrue(Ed25519Paths.verify(signature: Array(all[0..<64]), message: Array(all[96...]), publicKey: Array(all[64..<96])))
        }
    }

    func testConcurrentVerificationGivesTheSameAnswers() {
        var random = SeededGenerator(seed: 2)
        let items: [(key: [UInt8], message: [UInt8], signature: [UInt8], valid: Bool)] = (0..<64).map { i in
            let seed = random.bytes(32), message = random.bytes(40)
            var signature = Ed25519.sign(message: message, seed: seed)
            if i % 2 == 1 { signature[i % 64] ^= 0x40 }
            return (Ed25519.publicKey(seed: seed), message, signature, i % 2 == 0)
        }
        // Prepared keys are shared by every thread, as verify's check threads share a member's.
        let prepared = items.map { Ed25519.PreparedKey(publicKey: $0.key)! }
        let rounds = 16
        let mismatches = Counter()
        DispatchQueue.concurrentPerform(iterations: rounds) { _ in
            for (item, key) in zip(items, prepared) {
                if Ed25519.verify(signature: item.signature, message: item.message, publicKey: item.key) != item.valid {
                    mismatches.increment()
                }
                if key.verify(signature: item.signature, message: item.message) != item.valid { mismatches.increment() }
            }
        }
        XCTAssertEqual(mismatches.value, 0)
    }
}

/// A thread-safe counter for the concurrency test.
final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
