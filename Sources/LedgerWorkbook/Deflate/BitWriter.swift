// The compressor's output: bits packed from the least significant bit of
// each byte, as RFC 1951 section 3.1.1 lays them out.

struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Bits written so far, including those not yet flushed to `bytes`.
    var bitCount: Int { bytes.count * 8 + count }

    /// Appends the low `n` bits of `value` (n <= 32).
    @inline(__always)
    mutating func write(_ value: UInt32, _ n: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += n
        if count >= 32 {
            let word = UInt32(truncatingIfNeeded: buffer)
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            buffer >>= 32
            count -= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and flushes.
    mutating func alignToByte() {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = max(0, count - 8)
        }
        buffer = 0
    }

    /// Appends whole bytes; the writer must be byte-aligned.
    mutating func append(_ raw: UnsafeBufferPointer<UInt8>) {
        precondition(count == 0, "raw bytes need a byte-aligned writer")
        bytes.append(contentsOf: raw)
    }

    /// The finished stream, padded to a whole byte.
    mutating func finish() -> [UInt8] {
        alignToByte()
        return bytes
    }
}
