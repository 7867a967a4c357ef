// A deliberately plain bit packer for hand-made DEFLATE streams: one bit at
// a time, least significant first, independent of the library's BitWriter.

struct BitPacker {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    /// Appends `value`'s low `count` bits, least significant first (header
    /// fields, extra bits).
    mutating func bits(_ value: Int, _ count: Int) {
        for i in 0..<count { bit((value >> i) & 1) }
    }

    /// Appends a Huffman code written as a string of bits, first bit first.
    mutating func code(_ text: String) {
        for c in text { bit(c == "1" ? 1 : 0) }
    }

    mutating func bit(_ b: Int) {
        if used == 8 {
            bytes.append(0)
            used = 0
        }
        bytes[bytes.count - 1] |= UInt8(b) << UInt8(used)
        used += 1
    }

    /// Fixed-code literal/length symbol (RFC 1951 section 3.2.6).
    mutating func fixed(_ symbol: Int) {
        switch symbol {
        case 0...143: code(binary(0x30 + symbol, 8))
        case 144...255: code(binary(0x190 + symbol - 144, 9))
        case 256...279: code(binary(symbol - 256, 7))
        default: code(binary(0xC0 + symbol - 280, 8))
        }
    }

    func binary(_ v: Int, _ width: Int) -> String {
        String((0..<width).map { (v >> (width - 1 - $0)) & 1 == 1 ? "1" : "0" })
    }
}
