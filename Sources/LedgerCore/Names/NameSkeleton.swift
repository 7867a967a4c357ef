// When two names look the same. Unicode TR39 ("Unicode Security
// Mechanisms", section 4) compares names by their *skeleton*: each
// character replaced by the one it is confused with, so `IND-A` (Latin A)
// and `IND-А` (Cyrillic A) have one skeleton. Ours follows it for what a
// Spanish-speaking office can type or paste:
//
//   1. NFC;
//   2. full-width forms (U+FF01-FF5E: `ＩＮＤ`) and mathematical letters
//      and digits (U+1D400-1D7FF: `𝐈𝐍𝐃`) become their ASCII character,
//      as NFKC does;
//   3. Cyrillic and Greek letters that look like a Latin one become it
//      (А а В Е е К М Н О о Р р С с Т у Х х І і Ј ј Ѕ ѕ Ԁ Ԛ Ԝ Ү Һ Ӏ ...,
//      Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ ο ρ ν ...), and so do Roman numeral
//      characters, dotless i, long s and the dashes and minus sign;
//   4. case is folded (A and a are one name), for Latin, Greek and Cyrillic;
//   5. the digit-letter look-alikes fold together: 0 with o, and 1, l, I
//      and | with i;
//   6. NFC again, so a letter mapped in step 3 recomposes with its accent
//      (Cyrillic е + U+0301 and Latin é end the same).
//
// Names differ only by look-alikes when their skeletons are equal. TR39's
// multi-letter look-alikes (`rn` and `m`) and scripts other than Latin,
// Greek and Cyrillic are left out. The tables are written out here, so a
// skeleton does not change with the toolchain's Unicode version.

public enum NameSkeleton {
    /// The skeleton of `name`: equal skeletons mean names that look alike.
    public static func of(_ name: String) -> String {
        var ascii = true
        for b in name.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return asciiSkeleton(name) }
        var out = String.UnicodeScalarView()
        for s in NFC.normalize(name).unicodeScalars {
            for m in mapped(s) { appendFolded(m, to: &out) }
        }
        return NFC.normalize(String(out))
    }

    /// The common case, without any Unicode tables.
    static func asciiSkeleton(_ name: String) -> String {
        var bytes = Array(name.utf8)
        for i in bytes.indices { bytes[i] = foldASCII(bytes[i]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always) static func foldASCII(_ b: UInt8) -> UInt8 {
        var c = b
        if c >= 0x41 && c <= 0x5A { c += 0x20 }  // A-Z
        switch c {
        case UInt8(ascii: "0"): return UInt8(ascii: "o")
        case UInt8(ascii: "1"), UInt8(ascii: "l"), UInt8(ascii: "|"): return UInt8(ascii: "i")
        default: return c
        }
    }

    /// Steps 4 and 5 for one scalar.
    static func appendFolded(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = s.value
        if v < 0x80 {
            out.append(Unicode.Scalar(foldASCII(UInt8(v))))
            return
        }
        out.append(Unicode.Scalar(lowercase(v)) ?? s)
    }

    /// The lowercase of a Latin-1, Latin Extended-A, Greek or Cyrillic capital.
    static func lowercase(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x00C0...0x00DE where v != 0x00D7: return v + 0x20
        case 0x0100...0x0137, 0x014A...0x0177: return v | 1
        case 0x0139...0x0148, 0x0179...0x017E: return v % 2 == 1 ? v + 1 : v
        case 0x0178: return 0x00FF
        case 0x0391...0x03A9 where v != 0x03A2: return v + 0x20
        case 0x0410...0x042F: return v + 0x20
        case 0x0400...0x040F: return v + 0x50
        case 0x0460...0x0481, 0x048A...0x04BF, 0x04D0...0x04FF, 0x0500...0x052F: return v | 1
        default: return v
        }
    }

    /// Steps 2 and 3: what one scalar looks like, as one or more scalars.
    static func mapped(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
        let v = s.value
        // Full-width ASCII.
        if (0xFF01...0xFF5E).contains(v) { return [Unicode.Scalar(v - 0xFEE0)!] }
        // Mathematical alphanumeric symbols: 13 alphabets of 52 letters, then 5 sets of 10 digits.
        if (0x1D400...0x1D6A3).contains(v) {
            let k = Int(v - 0x1D400) % 52
            return [Unicode.Scalar(UInt8(k < 26 ? 0x41 + k : 0x61 + k - 26))]
        }
        if (0x1D7CE...0x1D7FF).contains(v) { return [Unicode.Scalar(UInt8(0x30 + Int(v - 0x1D7CE) % 10))] }
        if let m = lookAlikes[v] { return Array(m.unicodeScalars) }
        return [s]
    }

    /// Letters of other scripts (and a few symbols) that look like Latin
    /// letters or ASCII, from TR39's confusables for Cyrillic, Greek and
    /// Latin; both cases map to the lowercase Latin look-alike.
    static let lookAlikes: [UInt32: String] = {
        var t: [UInt32: String] = [:]
        func add(_ target: String, _ scalars: UInt32...) { for s in scalars { t[s] = target } }
        // Cyrillic.
        add("a", 0x0410, 0x0430); add("b", 0x0412, 0x0432, 0x042C); add("c", 0x0421, 0x0441); add("d", 0x0500, 0x0501)
        add("e", 0x0415, 0x0435); add("e\u{300}", 0x0400, 0x0450); add("e\u{308}", 0x0401, 0x0451); add("h", 0x041D, 0x043D, 0x04BA, 0x04BB)
        add("i", 0x0406, 0x0456, 0x04C0, 0x04CF); add("i\u{308}", 0x0407, 0x0457); add("j", 0x0408, 0x0458)
        add("k", 0x041A, 0x043A); add("k\u{301}", 0x040C, 0x045C); add("m", 0x041C, 0x043C); add("o", 0x041E, 0x043E)
        add("o\u{308}", 0x04E6, 0x04E7); add("p", 0x0420, 0x0440); add("q", 0x051A, 0x051B); add("s", 0x0405, 0x0455)
        add("t", 0x0422, 0x0442); add("y", 0x0423, 0x0443, 0x04AE, 0x04AF); add("w", 0x051C, 0x051D); add("x", 0x0425, 0x0445)
        add("v", 0x0474, 0x0475); add("3", 0x0417, 0x0437); add("6", 0x0431)
        // Greek.
        add("a", 0x0391, 0x03B1); add("a\u{301}", 0x0386, 0x03AC); add("b", 0x0392, 0x03B2); add("e", 0x0395, 0x03B5)
        add("e\u{301}", 0x0388, 0x03AD); add("z", 0x0396); add("h", 0x0397); add("n", 0x03B7); add("i", 0x0399, 0x03B9)
        add("i\u{301}", 0x038A, 0x03AF); add("i\u{308}", 0x03AA, 0x03CA); add("k", 0x039A, 0x03BA); add("m", 0x039C)
        add("u", 0x03BC, 0x03C5); add("n", 0x039D); add("v", 0x03BD); add("o", 0x039F, 0x03BF); add("o\u{301}", 0x038C, 0x03CC)
        add("p", 0x03A1, 0x03C1); add("t", 0x03A4, 0x03C4); add("y", 0x03A5); add("u\u{301}", 0x03CD); add("x", 0x03A7, 0x03C7)
        add("c", 0x03F2, 0x03F9); add("j", 0x03F3, 0x037F)
        // Latin letters that look like others, and Roman numeral characters.
        add("i", 0x0131, 0x0196, 0x01C0); add("i\u{307}", 0x0130); add("j", 0x0237); add("f", 0x017F); add("a", 0x0251); add("g", 0x0261)
        let roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "l", "c", "d", "m"]
        for (k, r) in roman.enumerated() { add(r, 0x2160 + UInt32(k), 0x2170 + UInt32(k)) }
        // Dashes and the minus sign.
        add("-", 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x02D7, 0xFE58, 0xFE63)
        return t
    }()
}
