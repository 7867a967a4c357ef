// The escape of ST_Xstring (ECMA-376 Part 1, 22.9.2.19), which cell text
// uses: a character XML cannot carry is written as _xHHHH_ (its UTF-16 code
// unit in hex), and an underscore that would start such a sequence by
// accident is itself written _x005F_. Excel and LibreOffice both decode it,
// so a tab stays a tab and a stray control character survives the round
// trip instead of breaking the file.

enum CellText {
    /// `s` with forbidden characters and accidental escapes escaped.
    static func escape(_ s: String) -> String {
        var needed = false
        for c in s.unicodeScalars where c == "_" || !isAllowed(c) { needed = true; break }
        guard needed else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, c) in scalars.enumerated() {
            if !isAllowed(c) {
                out.append(contentsOf: "_x\(hex4(c.value))_".unicodeScalars)
            } else if c == "_" && startsEscape(scalars, at: i) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// `s` with every _xHHHH_ decoded (surrogate pairs joined; a lone
    /// surrogate is left as written).
    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "_")) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", let v = code(scalars, at: i) {
                if (0xD800..<0xDC00).contains(v), let low = code(scalars, at: i + 7), (0xDC00..<0xE000).contains(low),
                   let joined = Unicode.Scalar(0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)) {
                    out.append(joined)
                    i += 14
                    continue
                }
                if let scalar = Unicode.Scalar(v) {
                    out.append(scalar)
                    i += 7
                    continue
                }
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
    }

    /// Whether a reader might take `_xHHHH_` (or `_XHHHH_`) at `i` for an
    /// escape; escaping one needlessly is harmless, missing one is not.
    private static func startsEscape(_ s: [Unicode.Scalar], at i: Int) -> Bool { code(s, at: i, upperX: true) != nil }

    /// The value of `_xHHHH_` at `i`, if one starts there.
    private static func code(_ s: [Unicode.Scalar], at i: Int, upperX: Bool = false) -> UInt32? {
        guard i + 7 <= s.count, s[i] == "_", s[i + 1] == "x" || (upperX && s[i + 1] == "X"), s[i + 6] == "_" else { return nil }
        var v: UInt32 = 0
        for k in 2..<6 {
            guard let d = hexValue(s[k + i]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    private static func hex4(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
