// One DEFLATE block at a time: the compressor's tokens (literals and
// length/distance pairs) with their symbol counts, sent as the smallest of a
// stored block (3.2.4), a fixed Huffman block (3.2.6) or a dynamic one (3.2.7).

struct BlockEncoder {
    /// A literal byte, or bit 31 set with the length in bits 16-24 and distance - 1 in bits 0-14.
    private var tokens: [UInt32] = []
    private var literalCounts = [Int](repeating: 0, count: 286)
    private var distanceCounts = [Int](repeating: 0, count: 30)
    /// Where in the input the pending block starts.
    private var start = 0

    init() { tokens.reserveCapacity(DeflateEncoder.blockTokens) }

    var tokenCount: Int { tokens.count }

    @inline(__always)
    mutating func literal(_ byte: UInt8) {
        tokens.append(UInt32(byte))
        literalCounts[Int(byte)] += 1
    }

    @inline(__always)
    mutating func match(length: Int, distance: Int) {
        tokens.append(0x8000_0000 | UInt32(length) << 16 | UInt32(distance - 1))
        literalCounts[Int(DeflateTables.lengthSymbol[length])] += 1
        distanceCounts[DeflateTables.distanceSymbol(distance)] += 1
    }

    /// Sends the tokens gathered since the last flush; they cover `input[start..<end]`.
    mutating func flush(_ input: UnsafeBufferPointer<UInt8>, to end: Int, isFinal: Bool, into writer: inout BitWriter) {
        literalCounts[256] = 1  // end of block
        let dynamic = DynamicHeader(literalCounts: literalCounts, distanceCounts: distanceCounts)
        let dynamicBits = 3 + dynamic.headerBits + dataBits(dynamic.literalLengths, dynamic.distanceLengths)
        let fixedBits = 3 + dataBits(DeflateTables.fixedLiteralLengths, DeflateTables.fixedDistanceLengths)
        let storedBits = BlockEncoder.storedBits(length: end - start, at: writer.bitCount)

        if storedBits < min(dynamicBits, fixedBits) {
            BlockEncoder.writeStored(input, from: start, to: end, isFinal: isFinal, into: &writer)
        } else if dynamicBits < fixedBits {
            writer.write(isFinal ? 1 : 0, 1)
            writer.write(2, 2)
            dynamic.write(into: &writer)
            writeTokens(dynamic.literalLengths, HuffmanBuilder.codes(lengths: dynamic.literalLengths),
                        dynamic.distanceLengths, HuffmanBuilder.codes(lengths: dynamic.distanceLengths), into: &writer)
        } else {
            writer.write(isFinal ? 1 : 0, 1)
            writer.write(1, 2)
            writeTokens(DeflateTables.fixedLiteralLengths, BlockEncoder.fixedLiteralCodes,
                        DeflateTables.fixedDistanceLengths, BlockEncoder.fixedDistanceCodes, into: &writer)
        }
        tokens.removeAll(keepingCapacity: true)
        for i in literalCounts.indices { literalCounts[i] = 0 }
        for i in distanceCounts.indices { distanceCounts[i] = 0 }
        start = end
    }

    static let fixedLiteralCodes = HuffmanBuilder.codes(lengths: DeflateTables.fixedLiteralLengths)
    static let fixedDistanceCodes = HuffmanBuilder.codes(lengths: DeflateTables.fixedDistanceLengths)

    /// Bits the tokens take under the given code lengths, end of block included.
    private func dataBits(_ literal: [UInt8], _ distance: [UInt8]) -> Int {
        var bits = 0
        for s in 0..<286 where literalCounts[s] > 0 {
            bits += literalCounts[s] * (Int(literal[s]) + (s > 256 ? Int(DeflateTables.lengthExtra[s - 257]) : 0))
        }
        for s in 0..<30 where distanceCounts[s] > 0 {
            bits += distanceCounts[s] * (Int(distance[s]) + Int(DeflateTables.distanceExtra[s]))
        }
        return bits
    }

    private func writeTokens(_ literalLengths: [UInt8], _ literalCodes: [UInt16],
                             _ distanceLengths: [UInt8], _ distanceCodes: [UInt16], into writer: inout BitWriter) {
        literalLengths.withUnsafeBufferPointer { ll in
        literalCodes.withUnsafeBufferPointer { lc in
        distanceLengths.withUnsafeBufferPointer { dl in
        distanceCodes.withUnsafeBufferPointer { dc in
            for t in tokens {
                if t & 0x8000_0000 == 0 {
                    writer.write(UInt32(lc[Int(t)]), Int(ll[Int(t)]))
                    continue
                }
                let length = Int((t >> 16) & 0x1FF)
                let distance = Int(t & 0x7FFF) + 1
                let symbol = Int(DeflateTables.lengthSymbol[length])
                writer.write(UInt32(lc[symbol]), Int(ll[symbol]))
                let extra = Int(DeflateTables.lengthExtra[symbol - 257])
                if extra > 0 { writer.write(UInt32(length - Int(DeflateTables.lengthBase[symbol - 257])), extra) }
                let d = DeflateTables.distanceSymbol(distance)
                writer.write(UInt32(dc[d]), Int(dl[d]))
                let dExtra = Int(DeflateTables.distanceExtra[d])
                if dExtra > 0 { writer.write(UInt32(distance - Int(DeflateTables.distanceBase[d])), dExtra) }
            }
            writer.write(UInt32(lc[256]), Int(ll[256]))
        }}}}
    }

    /// Bits of `length` raw bytes as stored blocks (at most 65,535 bytes
    /// each) when the writer stands at bit `position`.
    static func storedBits(length: Int, at position: Int) -> Int {
        let chunks = max(1, (length + 65534) / 65535)
        let firstPadding = (8 - (position + 3) % 8) % 8
        return chunks * (3 + 32) + firstPadding + 5 * (chunks - 1) + 8 * length
    }

    /// `input[from..<to]` as stored blocks; the last carries BFINAL when `isFinal`.
    static func writeStored(_ input: UnsafeBufferPointer<UInt8>, from: Int, to: Int, isFinal: Bool, into writer: inout BitWriter) {
        var p = from
        repeat {
            let n = min(65535, to - p)
            let last = p + n == to
            writer.write(isFinal && last ? 1 : 0, 1)
            writer.write(0, 2)
            writer.alignToByte()
            writer.write(UInt32(n), 16)
            writer.write(UInt32(~UInt16(n)), 16)
            writer.append(UnsafeBufferPointer(rebasing: input[p..<(p + n)]))
            p += n
        } while p < to
    }
}

/// The code lengths of a dynamic block and how its header sends them:
/// run-length coded (symbols 16, 17, 18) under a third Huffman code.
struct DynamicHeader {
    let literalLengths: [UInt8]
    let distanceLengths: [UInt8]
    private let literalCount: Int      // HLIT + 257
    private let distanceCount: Int     // HDIST + 1
    private let codeLengthCount: Int   // HCLEN + 4
    private let runs: [(symbol: Int, extra: Int)]
    private let codeLengthLengths: [UInt8]
    let headerBits: Int

    init(literalCounts: [Int], distanceCounts: [Int]) {
        literalLengths = HuffmanBuilder.lengths(frequencies: literalCounts, maxLength: 15)
        distanceLengths = HuffmanBuilder.lengths(frequencies: distanceCounts, maxLength: 15)
        literalCount = max(257, (literalLengths.lastIndex { $0 != 0 } ?? 0) + 1)
        distanceCount = max(1, (distanceLengths.lastIndex { $0 != 0 } ?? 0) + 1)
        runs = DynamicHeader.runLengths(Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount]))
        var counts = [Int](repeating: 0, count: 19)
        for r in runs { counts[r.symbol] += 1 }
        codeLengthLengths = HuffmanBuilder.lengths(frequencies: counts, maxLength: 7)
        var last = 18
        while last >= 4 && codeLengthLengths[DeflateTables.codeLengthOrder[last]] == 0 { last -= 1 }
        codeLengthCount = last + 1
        var bits = 5 + 5 + 4 + 3 * codeLengthCount
        for r in runs { bits += Int(codeLengthLengths[r.symbol]) + DynamicHeader.extraBits(r.symbol) }
        headerBits = bits
    }

    static func extraBits(_ symbol: Int) -> Int {
        symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0
    }

    /// Code lengths as symbols 0-15 and runs: 16 repeats the previous length
    /// 3-6 times, 17 gives 3-10 zeros, 18 gives 11-138 zeros.
    static func runLengths(_ lengths: [UInt8]) -> [(symbol: Int, extra: Int)] {
        var out: [(symbol: Int, extra: Int)] = []
        var i = 0
        while i < lengths.count {
            let l = Int(lengths[i])
            var run = 1
            while i + run < lengths.count && Int(lengths[i + run]) == l { run += 1 }
            i += run
            if l == 0 {
                while run >= 11 {
                    let r = min(run, 138)
                    out.append((18, r - 11))
                    run -= r
                }
                if run >= 3 {
                    out.append((17, run - 3))
                    run = 0
                }
                while run > 0 { out.append((0, 0)); run -= 1 }
            } else {
                out.append((l, 0))
                run -= 1
                while run >= 3 {
                    let r = min(run, 6)
                    out.append((16, r - 3))
                    run -= r
                }
                while run > 0 { out.append((l, 0)); run -= 1 }
            }
        }
        return out
    }

    func write(into writer: inout BitWriter) {
        writer.write(UInt32(literalCount - 257), 5)
        writer.write(UInt32(distanceCount - 1), 5)
        writer.write(UInt32(codeLengthCount - 4), 4)
        for i in 0..<codeLengthCount {
            writer.write(UInt32(codeLengthLengths[DeflateTables.codeLengthOrder[i]]), 3)
        }
        let codes = HuffmanBuilder.codes(lengths: codeLengthLengths)
        for r in runs {
            writer.write(UInt32(codes[r.symbol]), Int(codeLengthLengths[r.symbol]))
            let extra = DynamicHeader.extraBits(r.symbol)
            if extra > 0 { writer.write(UInt32(r.extra), extra) }
        }
    }
}
