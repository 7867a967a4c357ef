// The constant tables of RFC 1951 section 3.2.5 (length and distance codes,
// their extra bits) and 3.2.6-3.2.7 (fixed Huffman code lengths, the order of
// code length code lengths), shared by the compressor and the decompressor.

enum DeflateTables {
    /// Base match length of length symbols 257...285.
    static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    /// Extra bits after length symbols 257...285.
    static let lengthExtra: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// Base distance of distance symbols 0...29.
    static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    /// Extra bits after distance symbols 0...29.
    static let distanceExtra: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block lists the code length code's lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Fixed literal/length code lengths (section 3.2.6), all 288 symbols.
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { s in
        s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8
    }
    /// Fixed distance code lengths: 32 symbols of 5 bits (30 and 31 never occur).
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)

    /// The length symbol (257...285) of a match length 3...258.
    static let lengthSymbol: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 259)
        for code in 0..<29 {
            let base = Int(lengthBase[code])
            let span = 1 << Int(lengthExtra[code])
            for length in base..<min(base + span, 259) { table[length] = UInt16(257 + code) }
        }
        table[258] = 285  // 258 has its own symbol; 284 with all extra bits set would say 258 too
        return table
    }()

    /// The distance symbol (0...29) of a distance 1...32768.
    @inline(__always)
    static func distanceSymbol(_ distance: Int) -> Int {
        let d = distance - 1
        if d < 4 { return d }
        // Two symbols per power of two: the top bit's position and the bit below it.
        let top = Int.bitWidth - 1 - d.leadingZeroBitCount
        return 2 * top + ((d >> (top - 1)) & 1)
    }
}
