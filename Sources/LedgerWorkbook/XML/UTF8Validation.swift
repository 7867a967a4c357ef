// Strings from bytes that must be UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), checked here rather than through the
// standard library's generic validating initialiser, which costs a generic
// metadata lookup per call, too much for every name and value of a sheet.

enum UTF8Validation {
    /// The string of `bytes[range]`, or nil if they are not UTF-8.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard isValid(slice) else { return nil }
        return String(decoding: slice, as: UTF8.self)
    }

    static func string(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { string($0, 0..<$0.count) }
    }

    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            // Eight ASCII bytes at a time.
            if i + 8 <= n, let base = p.baseAddress,
               UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            func continuation(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard continuation(1), continuation(2) else { return false }
                let second = p[i + 1]
                if b == 0xE0 && second < 0xA0 { return false }   // overlong
                if b == 0xED && second >= 0xA0 { return false }  // surrogate
                i += 3
            case 0xF0...0xF4:
                guard continuation(1), continuation(2), continuation(3) else { return false }
                let second = p[i + 1]
                if b == 0xF0 && second < 0x90 { return false }   // overlong
                if b == 0xF4 && second >= 0x90 { return false }  // past U+10FFFF
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
