// The strict verification rules of Sources/CEd25519/README.md, one by one,
// each checked against the independent python3 reference: what RFC 8032
// verification as written accepts, and where (small-order keys) we refuse
// on purpose.
import CEd25519
import LedgerCrypto
import XCTest

final class Ed25519StrictnessTests: XCTestCase {
    static let order: [UInt8] = Hex.decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")

    /// The eight points of small order, canonically encoded.
    static let smallOrder: [String] = [
        "0100000000000000000000000000000000000000000000000000000000000000",   // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",   // (0, -1), order 2
        "0000000000000000000000000000000000000000000000000000000000000000",   // order 4
        "0000000000000000000000000000000000000000000000000000000000000080",   // order 4
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",   // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ]

    let seed = Hex.decode("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
    let message = Array("strict".utf8)

    /// Little-endian 256-bit a + b (no overflow in the cases used).
    func add256(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32), carry = 0
        for i in 0..<32 {
            let s = Int(a[i]) + Int(b[i]) + carry
            out[i] = UInt8(s & 255)
            carry = s >> 8
        }
        return out
    }

    func reduce(_ wide: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        ced25519_scalar_reduce(&out, wide)
        return out
    }

    func muladd(_ a: [UInt8], _ b: [UInt8], _ c: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        ced25519_scalar_muladd(&out, a, b, c)
        return out
    }

    /// The clamped secret scalar of a seed (RFC 8032 section 5.1.5).
    func secretScalar(_ seed: [UInt8]) -> [UInt8] {
        var a = Array(SHA512.hash(seed)[0..<32])
        a[0] &= 248
        a[31] &= 127
        a[31] |= 64
        return a
    }

    func testSAtOrAboveTheOrderIsRefused() throws {
        let key = Ed25519.publicKey(seed: seed)
        let signature = Ed25519.sign(message: message, seed: seed)
        XCTAssertTrue(Ed25519Paths.verify(signature: signature, message: message, publicKey: key))
        // S + L satisfies the group equation: only the S < L rule refuses it.
        let malleated = Array(signature[0..<32]) + add256(Array(signature[32...]), Self.order)
        XCTAssertFalse(Ed25519Paths.verify(signature: malleated, message: message, publicKey: key))
        XCTAssertEqual(reduce(Array(malleated[32...]) + [UInt8](repeating: 0, count: 32)), Array(signature[32...]))
        for s in [Self.order, [UInt8](repeating: 0xff, count: 32)] {
            XCTAssertFalse(Ed25519Paths.verify(signature: Array(signature[0..<32]) + s, message: message, publicKey: key))
        }
        let rfc = try PythonReference.run("""
        for pk, m, sig in rows():
            print(int(verify_rfc(pk, m, sig)))
        """, rows: [[key, message, signature], [key, message, malleated]])
        XCTAssertEqual(rfc, ["1", "0"])
    }

    func testNonCanonicalKeyEncodingsAreRefused() throws {
        // y = p + t for t = 0 ... 18 (the only 255-bit values >= p), both signs,
        // and x = 0 with the sign bit set (y = 1 and y = -1).
        var encodings: [[UInt8]] = []
        for t in 0...18 {
            var y = Hex.decode("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")   // p
            y[0] = UInt8(0xed + t)   // no carry: 0xed + 18 = 0xff
            encodings.append(y)
            var negative = y
            negative[31] |= 0x80
            encodings.append(negative)
        }
        encodings.append(Hex.decode("0100000000000000000000000000000000000000000000000000000000000080"))
        encodings.append(Hex.decode("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"))
        let signature = Ed25519.sign(message: message, seed: seed)
        for encoding in encodings {
            XCTAssertFalse(Ed25519.isValidPublicKey(encoding), Hex.encode(encoding))
            XCTAssertFalse(Ed25519Paths.verify(signature: signature, message: message, publicKey: encoding), Hex.encode(encoding))
        }
        // The strict RFC 8032 decoder refuses them too.
        let decoded = try PythonReference.run("""
        for (pk,) in rows():
            print(int(decode(pk) is not None))
        """, rows: encodings.map { [$0] })
        XCTAssertEqual(decoded, Array(repeating: "0", count: encodings.count))
    }

    func testKeyDecodingAgreesWithTheReferenceOnRandomEncodings() throws {
        // About half of all 255-bit strings are not on the curve.
        var random = SeededGenerator(seed: 8032)
        let encodings = (0..<200).map { _ in random.bytes(32) } + Self.smallOrder.map(Hex.decode)
        let reference = try PythonReference.run("""
        for (pk,) in rows():
            print(int(decode(pk) is not None and not small_order(pk)))
        """, rows: encodings.map { [$0] })
        XCTAssertEqual(reference.count, encodings.count)
        var onCurve = 0
        for (encoding, expected) in zip(encodings, reference) {
            XCTAssertEqual(Ed25519.isValidPublicKey(encoding) ? "1" : "0", expected, Hex.encode(encoding))
            if expected == "1" { onCurve += 1 }
        }
        XCTAssertGreaterThan(onCurve, 50)
        XCTAssertLessThan(onCurve, 150)
    }

    func testSmallOrderKeysAreRefusedEvenWhereRFC8032WouldAccept() throws {
        // For each small-order A, the reference finds a message whose k makes
        // [k]A the identity, so that R = [s]B, S = s passes RFC 8032's
        // equation for a key nobody holds: a forgery. We refuse the key.
        let output = try PythonReference.run("""
        import random
        rng = random.Random(25519)
        for (pk,) in rows():
            assert small_order(pk)
            A = decode(pk)
            s = rng.randrange(L)
            R = encode(mul(s, B))
            for i in range(400):
                m = b"forged %d" % i
                if same(mul(h(R + pk + m) % L, A), IDENTITY):
                    sig = R + s.to_bytes(32, "little")
                    print(m.hex(), sig.hex(), int(verify_rfc(pk, m, sig)))
                    break
            else:
                print("none")
        """, rows: Self.smallOrder.map { [Hex.decode($0)] })
        XCTAssertEqual(output.count, 8)
        for (encoding, line) in zip(Self.smallOrder, output) {
            let fields = line.split(separator: " ").map(String.init)
            XCTAssertEqual(fields.count, 3, "no forgery found for \(encoding)")
            guard fields.count == 3 else { continue }
            XCTAssertEqual(fields[2], "1", "RFC 8032 verification accepts the forgery for \(encoding)")
            XCTAssertFalse(Ed25519.isValidPublicKey(Hex.decode(encoding)), encoding)
            XCTAssertFalse(Ed25519Paths.verify(signature: Hex.decode(fields[1]), message: Hex.decode(fields[0]),
                                          publicKey: Hex.decode(encoding)), encoding)
        }
    }

    func testNonCanonicalRIsRefusedAndSmallOrderRIsJudgedByTheEquation() throws {
        // With R the identity, S = k a makes [S]B - [k]A the identity. Encoded
        // canonically (y = 1) the signature is valid, as in RFC 8032; encoded
        // as y = p + 1 it is refused: R must be the canonical encoding.
        let key = Ed25519.publicKey(seed: seed)
        let a = secretScalar(seed)
        let zero = [UInt8](repeating: 0, count: 32)
        var results: [[[UInt8]]] = []
        for r in ["0100000000000000000000000000000000000000000000000000000000000000",
                  "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"].map(Hex.decode) {
            let k = reduce(SHA512.hash(r + key + message))
            let signature = r + muladd(k, a, zero)
            results.append([key, message, signature])
        }
        XCTAssertTrue(Ed25519Paths.verify(signature: results[0][2], message: message, publicKey: key))
        XCTAssertFalse(Ed25519Paths.verify(signature: results[1][2], message: message, publicKey: key))
        let rfc = try PythonReference.run("""
        for pk, m, sig in rows():
            print(int(verify_rfc(pk, m, sig)))
        """, rows: results)
        XCTAssertEqual(rfc, ["1", "0"])
    }

    func testMixedOrderKeysFollowTheEquationAsInRFC8032() throws {
        // A + T with T = (0, -1) of order 2: a key no honest signer makes, but
        // its holder can sign whenever k is even. Such signatures are accepted
        // (like RFC 8032), and refused when k is odd: the equation decides.
        let output = try PythonReference.run("""
        import random
        rng = random.Random(8)
        for (seed,) in rows():
            a, prefix = expand(seed)
            pk = encode(add(mul(a, B), (0, p - 1, 1, 0)))
            print(pk.hex(), int(small_order(pk)))
            found = {0: None, 1: None}
            i = 0
            while found[0] is None or found[1] is None:
                m = b"mixed %d" % i
                i += 1
                r = rng.randrange(L)
                R = encode(mul(r, B))
                k = h(R + pk + m) % L
                S = (r + k * a) % L
                if found[k % 2] is None:
                    sig = R + S.to_bytes(32, "little")
                    found[k % 2] = (m, sig)
                    print(m.hex(), sig.hex(), int(verify_rfc(pk, m, sig)))
        """, rows: [[seed]])
        XCTAssertEqual(output.count, 3)
        let header = output[0].split(separator: " ").map(String.init)
        XCTAssertEqual(header[1], "0")
        let key = Hex.decode(header[0])
        XCTAssertTrue(Ed25519.isValidPublicKey(key))
        for line in output.dropFirst() {
            let fields = line.split(separator: " ").map(String.init)
            let accepted = Ed25519Paths.verify(signature: Hex.decode(fields[1]), message: Hex.decode(fields[0]), publicKey: key)
            XCTAssertEqual(accepted ? "1" : "0", fields[2], line)
        }
        XCTAssertEqual(Set(output.dropFirst().map { $0.split(separator: " ")[2] }), ["0", "1"])
    }

    func testScalarArithmeticAgreesWithPythonIntegers() throws {
        var random = SeededGenerator(seed: 252)
        var wide: [[UInt8]] = (0..<100).map { _ in random.bytes(64) }
        wide.append([UInt8](repeating: 0, count: 64))
        wide.append([UInt8](repeating: 0xff, count: 64))
        wide.append(Self.order + [UInt8](repeating: 0, count: 32))
        wide.append(add256(Self.order, [UInt8](repeating: 0, count: 32)) + [UInt8](repeating: 0, count: 32))
        var lMinusOne = Self.order
        lMinusOne[0] -= 1
        wide.append(lMinusOne + [UInt8](repeating: 0, count: 32))
        let triples: [[[UInt8]]] = (0..<100).map { _ in [random.bytes(32), random.bytes(32), random.bytes(32)] }
            + [[[UInt8](repeating: 0xff, count: 32), [UInt8](repeating: 0xff, count: 32), [UInt8](repeating: 0xff, count: 32)]]
        let reduced = try PythonReference.run("""
        for (x,) in rows():
            print((int.from_bytes(x, "little") % L).to_bytes(32, "little").hex())
        """, rows: wide.map { [$0] })
        for (x, expected) in zip(wide, reduced) {
            XCTAssertEqual(Hex.encode(reduce(x)), expected, Hex.encode(x))
        }
        XCTAssertEqual(reduced.count, wide.count)
        let products = try PythonReference.run("""
        for a, b, c in rows():
            n = lambda v: int.from_bytes(v, "little")
            print(((n(a) * n(b) + n(c)) % L).to_bytes(32, "little").hex())
        """, rows: triples)
        XCTAssertEqual(products.count, triples.count)
        for (t, expected) in zip(triples, products) {
            XCTAssertEqual(Hex.encode(muladd(t[0], t[1], t[2])), expected)
        }
    }
}
