// Strings from bytes that must be valid UTF-8: a strict check (no overlong
// forms, no surrogates, nothing above U+10FFFF) without the generic
// machinery of String(validating:), which dominated replay profiles.

enum UTF8Text {
    /// The text of `bytes`, or nil when they are not valid UTF-8.
    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        if ascii || isValid(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return nil
    }

    static func isValid(_ b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var v: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; min = 0x80; v = UInt32(c & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; v = UInt32(c & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; v = UInt32(c & 0x07)
            default: return false
            }
            guard i + need < n else { return false }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return false }
                v = v << 6 | UInt32(cc & 0x3F)
            }
            guard v >= min, v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v) else { return false }
            i += need + 1
        }
        return true
    }
}
