// Ed25519 verification on both of its paths: `Ed25519.verify` with the key's
// bytes, and `Ed25519.PreparedKey` (the key checked and its multiples
// computed once, as verify does for each member). The vector, strictness and
// property tests call this instead of `Ed25519.verify`, so every case they
// hold checks that the two give the same answer.
import LedgerCrypto
import XCTest

enum Ed25519Paths {
    /// `Ed25519.verify`'s answer, after asserting that a prepared key exists
    /// exactly for the keys `isValidPublicKey` accepts and gives the same answer.
    static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8],
                       file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let plain = Ed25519.verify(signature: signature, message: message, publicKey: publicKey)
        let prepared = Ed25519.PreparedKey(publicKey: publicKey)
        XCTAssertEqual(prepared != nil, Ed25519.isValidPublicKey(publicKey), "a prepared key exists only for a valid key", file: file, line: line)
        XCTAssertEqual(prepared?.verify(signature: signature, message: message) ?? false, plain,
                       "the prepared key disagrees with Ed25519.verify", file: file, line: line)
        return plain
    }
}
