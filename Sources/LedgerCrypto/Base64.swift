// Base64 (RFC 4648 section 4, the standard alphabet), written here because
// the pure targets use no Foundation. Decoding is strict, so one byte string
// has exactly one accepted text: padding required (or, when asked, refused),
// no whitespace, no characters outside the alphabet, and the unused bits of
// the last character zero.

/// Why a text is not strict base64.
public enum Base64Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// A character outside the alphabet (or `=` anywhere but the end), at this offset.
    case invalidCharacter(offset: Int)
    /// The length is not a multiple of four (padded) or leaves a lone character (unpadded).
    case invalidLength(Int)
    /// The last character carries bits that the encoding never sets.
    case nonCanonicalEnding

    public var description: String {
        switch self {
        case .invalidCharacter(let offset): return "invalid base64 character at offset \(offset)"
        case .invalidLength(let length): return "invalid base64 length \(length)"
        case .nonCanonicalEnding: return "non-canonical base64 ending"
        }
    }
}

/// Base64 with the standard alphabet.
public enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// The base64 text of `bytes`; with `padded: false`, without trailing `=`
    /// (as in OpenSSH's `SHA256:` fingerprints).
    public static func encode(_ bytes: [UInt8], padded: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((n >> UInt32(shift)) & 63)]) }
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int((n >> 18) & 63)])
            out.append(alphabet[Int((n >> 12) & 63)])
            if rest == 2 { out.append(alphabet[Int((n >> 6) & 63)]) }
            if padded { out.append(contentsOf: Array(repeating: UInt8(ascii: "="), count: 3 - rest)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a strict base64 text (see the file header); with
    /// `padded: false`, a text without `=` (and any `=` is refused).
    public static func decode(_ text: String, padded: Bool = true) throws -> [UInt8] {
        try decode(Array(text.utf8), padded: padded)
    }

    /// The bytes of a strict base64 text given as ASCII bytes.
    public static func decode(_ text: [UInt8], padded: Bool = true) throws -> [UInt8] {
        var length = text.count
        if padded {
            guard length % 4 == 0 else { throw Base64Error.invalidLength(length) }
            if length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
            if length > 0, text[length - 1] == UInt8(ascii: "=") { length -= 1 }
        } else if length % 4 == 1 {
            throw Base64Error.invalidLength(length)
        }
        var out: [UInt8] = []
        out.reserveCapacity(length / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var bits = 0
        for i in 0..<length {
            let v = values[Int(text[i])]
            guard v != 0xff else { throw Base64Error.invalidCharacter(offset: i) }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Two or four leftover bits: the encoder always leaves them zero.
        guard accumulator == 0 else { throw Base64Error.nonCanonicalEnding }
        return out
    }
}
