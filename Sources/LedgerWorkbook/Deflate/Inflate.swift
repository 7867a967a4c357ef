// The DEFLATE decompressor (RFC 1951): stored, fixed and dynamic Huffman
// blocks, every length and distance code, distances up to 32 KiB back.
// Huffman codes decode through one flat table per code (2^maxLength entries
// of symbol << 4 | length), built canonically and checked for completeness
// as zlib checks them. Safety: every read past the input is noticed (a
// padded bit buffer, checked at each refill and at the end), the output never
// grows past the caller's limit, and every symbol either consumes input or
// ends a block, so garbage ends in a typed error, never a loop or a trap.

/// RFC 1951 decompression of a raw DEFLATE stream (ZIP method 8).
public enum Inflate {
    /// The bytes `input` decompresses to. The stream must end exactly at the
    /// end of `input`; the output may not exceed `outputLimit` bytes.
    public static func decompress(_ input: [UInt8], outputLimit: Int) throws(InflateError) -> [UInt8] {
        try decompress(input[...], outputLimit: outputLimit)
    }

    /// The bytes `input` decompresses to. The stream must end exactly at the
    /// end of `input`; the output may not exceed `outputLimit` bytes.
    public static func decompress(_ input: ArraySlice<UInt8>, outputLimit: Int) throws(InflateError) -> [UInt8] {
        let result: Result<[UInt8], InflateError> = input.withUnsafeBufferPointer { buffer in
            var inflater = Inflater(input: buffer, limit: max(0, outputLimit))
            defer { inflater.release() }
            do throws(InflateError) {
                let used = try inflater.run()
                if used < buffer.count { throw InflateError.trailingData(bytes: buffer.count - used) }
                return .success(inflater.output.array())
            } catch {
                // Whatever went wrong after reading past the end is the end's fault.
                return .failure(inflater.hasReadPastEnd ? .truncated : error)
            }
        }
        return try result.get()
    }
}

/// The output: grown by doubling, never past the limit.
struct InflateOutput {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    let limit: Int

    init(limit: Int, expected: Int) {
        self.limit = limit
        capacity = max(1, min(limit, expected))
        base = .allocate(capacity: capacity)
    }

    func release() { base.deallocate() }

    func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Makes room for `n` more bytes, or refuses them.
    @inline(__always)
    mutating func reserve(_ n: Int) throws(InflateError) {
        if n > limit - count { throw .outputLimitExceeded(limit: limit) }
        if count + n > capacity { grow(to: count + n) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = min(limit, max(needed, capacity * 2))
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) throws(InflateError) {
        try reserve(1)
        base[count] = byte
        count += 1
    }

    /// Copies `length` bytes from `distance` back (the copy may overlap itself).
    @inline(__always)
    mutating func copyMatch(distance: Int, length: Int) throws(InflateError) {
        if distance > count { throw .distanceTooFarBack(distance: distance, available: count) }
        try reserve(length)
        var from = base + (count - distance)
        var to = base + count
        if distance >= length {
            to.update(from: from, count: length)
        } else {
            for _ in 0..<length {
                to.pointee = from.pointee
                to += 1
                from += 1
            }
        }
        count += length
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(InflateError) {
        try reserve(bytes.count)
        if let source = bytes.baseAddress { (base + count).update(from: source, count: bytes.count) }
        count += bytes.count
    }
}

struct Inflater {
    let input: UnsafeBufferPointer<UInt8>
    /// Next input byte to load; may run up to 8 bytes past the end (zero padding).
    var position = 0
    var buffer: UInt64 = 0
    var bitCount = 0
    var output: InflateOutput
    /// Dynamic blocks' tables, reused from block to block.
    let literalTable: UnsafeMutablePointer<UInt16>
    let distanceTable: UnsafeMutablePointer<UInt16>

    init(input: UnsafeBufferPointer<UInt8>, limit: Int) {
        self.input = input
        output = InflateOutput(limit: limit, expected: input.count &* 4 &+ 1024)
        literalTable = .allocate(capacity: 1 << 15)
        distanceTable = .allocate(capacity: 1 << 15)
    }

    func release() {
        output.release()
        literalTable.deallocate()
        distanceTable.deallocate()
    }

    /// Whether bits beyond the input (the zero padding) have been consumed.
    var hasReadPastEnd: Bool { position * 8 - bitCount > input.count * 8 }

    /// Decodes every block; returns how many input bytes the stream used.
    mutating func run() throws(InflateError) -> Int {
        var isFinal = false
        while !isFinal {
            try refill()
            isFinal = take(1) == 1
            switch take(2) {
            case 0: try storedBlock()
            case 1:
                try InflateTables.fixed.withPointers { (lit: UnsafePointer<UInt16>, dist: UnsafePointer<UInt16>) throws(InflateError) in
                    try codedBlock(lit, 9, dist, 5)
                }
            case 2: try dynamicBlock()
            default: throw .reservedBlockType
            }
        }
        if hasReadPastEnd { throw .truncated }
        return (position * 8 - bitCount + 7) / 8
    }

    // MARK: bits

    /// Tops the bit buffer up to at least 56 bits, with zero bytes past the
    /// end of the input. More than 8 padding bytes means padding was consumed.
    @inline(__always)
    mutating func refill() throws(InflateError) {
        if bitCount >= 56 { return }
        if position + 8 <= input.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(input.baseAddress! + position).loadUnaligned(as: UInt64.self))
            buffer |= word << UInt64(bitCount)
            let n = (63 - bitCount) >> 3
            position += n
            bitCount += n * 8
            return
        }
        while bitCount <= 56 {
            if position < input.count {
                buffer |= UInt64(input[position]) << UInt64(bitCount)
            } else if position >= input.count + 8 {
                throw .truncated
            }
            position += 1
            bitCount += 8
        }
    }

    /// The next `n` bits (n <= bitCount, which refill guarantees up to 56).
    @inline(__always)
    mutating func take(_ n: Int) -> Int {
        let v = Int(truncatingIfNeeded: buffer & ((1 << UInt64(n)) &- 1))
        buffer >>= UInt64(n)
        bitCount -= n
        return v
    }

    @inline(__always)
    mutating func decode(_ table: UnsafePointer<UInt16>, _ bits: Int) throws(InflateError) -> Int {
        let entry = table[Int(truncatingIfNeeded: buffer & ((1 << UInt64(bits)) &- 1))]
        let length = Int(entry & 15)
        if length == 0 { throw .invalidSymbol }
        buffer >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }

    // MARK: blocks

    mutating func storedBlock() throws(InflateError) {
        // Drop to the byte boundary, then read from the bytes themselves.
        _ = take(bitCount & 7)
        position -= bitCount >> 3
        buffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw .truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == complement ^ 0xFFFF else { throw .storedLengthMismatch }
        position += 4
        guard length <= input.count - position else { throw .truncated }
        try output.append(UnsafeBufferPointer(rebasing: input[position..<(position + length)]))
        position += length
    }

    mutating func dynamicBlock() throws(InflateError) {
        try refill()
        let literalCount = take(5) + 257
        let distanceCount = take(5) + 1
        let codeLengthCount = take(4) + 4
        if literalCount > 286 || distanceCount > 30 { throw .tooManyCodes }

        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<codeLengthCount {
            try refill()
            codeLengthLengths[DeflateTables.codeLengthOrder[i]] = UInt8(take(3))
        }
        var codeLengthTable = [UInt16](repeating: 0, count: 1 << 7)
        let codeLengthBits = try codeLengthTable.withUnsafeMutableBufferPointer { (t: inout UnsafeMutableBufferPointer<UInt16>) throws(InflateError) -> Int in
            guard let bits = InflateTables.build(codeLengthLengths[...], into: t.baseAddress!, allowsSingleCode: false) else {
                throw InflateError.invalidCodeLengthCode
            }
            return bits
        }

        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var i = 0
        try codeLengthTable.withUnsafeBufferPointer { (t: UnsafeBufferPointer<UInt16>) throws(InflateError) in
            while i < lengths.count {
                try refill()
                let symbol = try decode(t.baseAddress!, codeLengthBits)
                if symbol < 16 {
                    lengths[i] = UInt8(symbol)
                    i += 1
                    continue
                }
                var value: UInt8 = 0
                var repeats: Int
                switch symbol {
                case 16:
                    guard i > 0 else { throw .invalidCodeLengthRepeat }
                    value = lengths[i - 1]
                    repeats = 3 + take(2)
                case 17: repeats = 3 + take(3)
                default: repeats = 11 + take(7)
                }
                guard repeats <= lengths.count - i else { throw .invalidCodeLengthRepeat }
                while repeats > 0 {
                    lengths[i] = value
                    i += 1
                    repeats -= 1
                }
            }
        }
        if lengths[256] == 0 { throw .missingEndOfBlock }
        guard let literalBits = InflateTables.build(lengths[0..<literalCount], into: literalTable, allowsSingleCode: true) else {
            throw .invalidLiteralLengthCode
        }
        guard let distanceBits = InflateTables.build(lengths[literalCount...], into: distanceTable, allowsSingleCode: true) else {
            throw .invalidDistanceCode
        }
        try codedBlock(literalTable, literalBits, distanceTable, distanceBits)
    }

    /// Symbols until end of block. One refill covers the longest step:
    /// 15 + 5 bits of length, 15 + 13 bits of distance.
    mutating func codedBlock(_ literals: UnsafePointer<UInt16>, _ literalBits: Int,
                             _ distances: UnsafePointer<UInt16>, _ distanceBits: Int) throws(InflateError) {
        while true {
            try refill()
            let symbol = try decode(literals, literalBits)
            if symbol < 256 {
                try output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { return }
            let code = symbol - 257
            if code >= 29 { throw .invalidSymbol }
            let length = Int(DeflateTables.lengthBase[code]) + take(Int(DeflateTables.lengthExtra[code]))
            let distanceCode = try decode(distances, distanceBits)
            if distanceCode >= 30 { throw .invalidSymbol }
            let distance = Int(DeflateTables.distanceBase[distanceCode]) + take(Int(DeflateTables.distanceExtra[distanceCode]))
            try output.copyMatch(distance: distance, length: length)
        }
    }
}

/// Decoding tables: the fixed ones, and the builder for dynamic ones.
enum InflateTables {
    struct Fixed {
        let literals: [UInt16]
        let distances: [UInt16]

        func withPointers(_ body: (UnsafePointer<UInt16>, UnsafePointer<UInt16>) throws(InflateError) -> Void) throws(InflateError) {
            let result: Result<Void, InflateError> = literals.withUnsafeBufferPointer { l in
                distances.withUnsafeBufferPointer { d in
                    do throws(InflateError) { try body(l.baseAddress!, d.baseAddress!); return .success(()) } catch { return .failure(error) }
                }
            }
            try result.get()
        }
    }

    static let fixed: Fixed = {
        var literals = [UInt16](repeating: 0, count: 1 << 9)
        var distances = [UInt16](repeating: 0, count: 1 << 5)
        literals.withUnsafeMutableBufferPointer { _ = build(DeflateTables.fixedLiteralLengths[...], into: $0.baseAddress!, allowsSingleCode: false) }
        distances.withUnsafeMutableBufferPointer { _ = build(DeflateTables.fixedDistanceLengths[...], into: $0.baseAddress!, allowsSingleCode: false) }
        return Fixed(literals: literals, distances: distances)
    }()

    /// Fills `table` (room for 2^15 entries) for the canonical code with
    /// these lengths; returns its index width in bits, or nil when the
    /// lengths are over-subscribed, or incomplete (allowed only for a lone
    /// code of one bit where `allowsSingleCode`, as RFC 1951 and zlib allow
    /// for a block with a single distance). All-zero lengths give width 0 and
    /// a table whose one entry decodes to an error.
    static func build(_ lengths: ArraySlice<UInt8>, into table: UnsafeMutablePointer<UInt16>, allowsSingleCode: Bool) -> Int? {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths { count[Int(l)] += 1 }
        count[0] = 0
        var maxLength = 15
        while maxLength > 0 && count[maxLength] == 0 { maxLength -= 1 }
        if maxLength == 0 {
            table[0] = 0
            return 0
        }
        var left = 1
        for bits in 1...15 {
            left = left << 1 - count[bits]
            if left < 0 { return nil }
        }
        if left > 0 && !(allowsSingleCode && maxLength == 1) { return nil }

        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1...15 {
            code = (code + count[bits - 1]) << 1
            next[bits] = code
        }
        let size = 1 << maxLength
        table.update(repeating: 0, count: size)
        for (i, l) in lengths.enumerated() where l > 0 {
            let length = Int(l)
            let reversed = Int(HuffmanBuilder.reverse(UInt16(next[length]), bits: length))
            next[length] += 1
            let entry = UInt16(i << 4 | length)
            var k = reversed
            while k < size {
                table[k] = entry
                k += 1 << length
            }
        }
        return maxLength
    }
}
