// Byte-for-byte equality of two strings. Swift's `==` compares canonical
// equivalence (an "é" and an "e" with a combining accent are equal); the
// ledger tells names apart by their bytes, and verify asks this several
// times per event, so it compares the UTF-8 storage at once instead of
// walking it a byte at a time.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// True when `self` and `other` have the same UTF-8 bytes.
    @inline(__always)
    public func hasSameBytes(as other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        let same: Bool?? = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                count == 0 || memcmp(a.baseAddress!, b.baseAddress!, count) == 0
            }
        }
        if let same, let same { return same }
        return utf8.elementsEqual(other.utf8)
    }
}
