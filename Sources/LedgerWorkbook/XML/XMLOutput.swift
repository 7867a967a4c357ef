// The writer's side of XML 1.0: UTF-8 bytes appended with escaping. Text
// and attribute values are escaped (& < > and, in attributes, " and the
// whitespace characters that attribute normalisation would otherwise eat);
// a carriage return is written as &#13; so that line-end normalisation keeps
// it. Characters XML 1.0 forbids in any form (C0 controls other than tab,
// line feed and carriage return; U+FFFE and U+FFFF) are replaced by U+FFFD,
// the replacement character: a workbook must open, and such characters
// cannot be carried by XML 1.0 at all.

/// An XML document under construction, as UTF-8.
struct XMLOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// Appends markup as it is; the caller guarantees it is well-formed.
    @inline(__always)
    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    /// Appends the decimal digits of `n`.
    mutating func int(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            int(-n)
            return
        }
        if n >= 10 { int(n / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
    }

    /// Appends `s` as element content.
    mutating func text(_ s: String) { escape(s, inAttribute: false) }

    /// Appends `s` as an attribute value (the caller writes the quotes).
    mutating func attribute(_ s: String) { escape(s, inAttribute: true) }

    /// Appends `<name>escaped text</name>`.
    mutating func element(_ name: String, _ text: String) {
        raw("<" + name + ">")
        self.text(text)
        raw("</" + name + ">")
    }

    private mutating func escape(_ s: String, inAttribute: Bool) {
        var s = s
        s.withUTF8 { utf8 in
            let n = utf8.count
            var i = 0
            var clean = 0  // start of the run not yet copied
            while i < n {
                let b = utf8[i]
                var replacement: StaticString? = nil
                var width = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): if inAttribute { replacement = "&quot;" }
                case 0x0D: replacement = "&#13;"
                case 0x09: if inAttribute { replacement = "&#9;" }
                case 0x0A: if inAttribute { replacement = "&#10;" }
                case 0x00..<0x20: replacement = "\u{FFFD}"
                case 0xEF:
                    if i + 2 < n && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF) {
                        replacement = "\u{FFFD}"
                        width = 3
                    }
                default: break
                }
                if let r = replacement {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                    bytes.append(contentsOf: UnsafeBufferPointer(start: r.utf8Start, count: r.utf8CodeUnitCount))
                    clean = i + width
                }
                i += width
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<n]))
        }
    }

    /// Whether XML 1.0 can carry `s` as it is (no forbidden characters).
    static func isRepresentable(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { c in
            let v = c.value
            return v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
        }
    }
}
