// The DEFLATE compressor (RFC 1951): LZ77 over a 32 KiB window with hash
// chains and zlib-style lazy matching, then each block of up to 32,768
// tokens sent as whichever of stored, fixed Huffman or dynamic Huffman
// (section 3.2.7) is smallest. The whole input is in memory, so there is no
// sliding buffer: the window is a distance limit. Deterministic: the same
// bytes and level always give the same stream (no clock, no randomness, ties
// broken by symbol order).

/// RFC 1951 compression, raw (no zlib or gzip wrapper), as ZIP method 8 stores it.
public enum Deflate {
    /// How hard the match finder looks; every level gives a valid stream.
    public enum Level: Sendable, Equatable {
        /// Stored blocks only: no compression, fastest.
        case stored
        /// Greedy matching over short chains.
        case fast
        /// Lazy matching, chains of 128 (about zlib's level 6).
        case `default`
        /// Lazy matching, chains of 4,096 (about zlib's level 9).
        case best
    }

    /// `input` compressed as a raw DEFLATE stream.
    public static func compress(_ input: [UInt8], level: Level = .default) -> [UInt8] {
        input.withUnsafeBufferPointer { buffer in
            var encoder = DeflateEncoder(input: buffer, level: level)
            return encoder.run()
        }
    }
}

/// Match-finder settings (zlib's names: good, lazy, nice, chain).
struct MatchParameters {
    var maxChain: Int
    var maxLazy: Int   // 0: greedy
    var goodLength: Int
    var niceLength: Int

    init(_ level: Deflate.Level) {
        switch level {
        case .stored, .fast: self = MatchParameters(maxChain: 16, maxLazy: 0, goodLength: 4, niceLength: 32)
        case .default: self = MatchParameters(maxChain: 128, maxLazy: 16, goodLength: 8, niceLength: 128)
        case .best: self = MatchParameters(maxChain: 4096, maxLazy: 258, goodLength: 32, niceLength: 258)
        }
    }

    init(maxChain: Int, maxLazy: Int, goodLength: Int, niceLength: Int) {
        self.maxChain = maxChain
        self.maxLazy = maxLazy
        self.goodLength = goodLength
        self.niceLength = niceLength
    }
}

struct DeflateEncoder {
    static let windowSize = 32768
    static let hashBits = 16
    static let minMatch = 3
    static let maxMatch = 258
    /// Tokens per block: large enough to pay for a dynamic header, small enough to adapt.
    static let blockTokens = 32768

    let input: UnsafeBufferPointer<UInt8>
    let level: Deflate.Level
    let parameters: MatchParameters
    var writer: BitWriter
    var blocks: BlockEncoder

    init(input: UnsafeBufferPointer<UInt8>, level: Deflate.Level) {
        self.input = input
        self.level = level
        self.parameters = MatchParameters(level)
        self.writer = BitWriter(capacity: input.count / 3 + 64)
        self.blocks = BlockEncoder()
    }

    mutating func run() -> [UInt8] {
        // Positions in the hash chains are 32-bit; beyond that, store.
        if level == .stored || input.count > Int(Int32.max) {
            BlockEncoder.writeStored(input, from: 0, to: input.count, isFinal: true, into: &writer)
            return writer.finish()
        }
        if input.count < DeflateEncoder.minMatch {
            for b in input { blocks.literal(b) }
        } else {
            var head = [Int32](repeating: -1, count: 1 << DeflateEncoder.hashBits)
            var prev = [Int32](repeating: -1, count: DeflateEncoder.windowSize)
            head.withUnsafeMutableBufferPointer { h in
                prev.withUnsafeMutableBufferPointer { p in
                    var finder = MatchFinder(input: input, head: h, prev: p, parameters: parameters)
                    if parameters.maxLazy == 0 { greedy(&finder) } else { lazy(&finder) }
                }
            }
        }
        blocks.flush(input, to: input.count, isFinal: true, into: &writer)
        return writer.finish()
    }

    private mutating func flushIfFull(at end: Int) {
        if blocks.tokenCount >= DeflateEncoder.blockTokens {
            blocks.flush(input, to: end, isFinal: false, into: &writer)
        }
    }

    private mutating func greedy(_ finder: inout MatchFinder) {
        let n = input.count
        var i = 0
        while i < n {
            var match = (length: 0, distance: 0)
            if i + DeflateEncoder.minMatch <= n {
                let h = finder.hash(at: i)
                match = finder.longestMatch(at: i, head: h, threshold: DeflateEncoder.minMatch - 1)
                finder.insert(i, hash: h)
            }
            if match.length >= DeflateEncoder.minMatch {
                blocks.match(length: match.length, distance: match.distance)
                for j in (i + 1)..<(i + match.length) where j + DeflateEncoder.minMatch <= n { finder.insert(j) }
                i += match.length
            } else {
                blocks.literal(input[i])
                i += 1
            }
            flushIfFull(at: i)
        }
    }

    /// zlib's deflate_slow: a match found at i is kept only if the one at
    /// i + 1 is not longer; otherwise i goes out as a literal.
    private mutating func lazy(_ finder: inout MatchFinder) {
        let n = input.count
        var i = 0
        var pending = false          // input[i - 1] is not yet emitted
        var previous = (length: 0, distance: 0)
        while i < n {
            var current = (length: 0, distance: 0)
            if i + DeflateEncoder.minMatch <= n {
                let h = finder.hash(at: i)
                if previous.length < parameters.maxLazy {
                    current = finder.longestMatch(at: i, head: h, threshold: max(previous.length, DeflateEncoder.minMatch - 1))
                    // A 3-byte match far away costs more than three literals.
                    if current.length == DeflateEncoder.minMatch && current.distance > 4096 { current = (0, 0) }
                }
                finder.insert(i, hash: h)
            }
            if previous.length >= DeflateEncoder.minMatch && current.length <= previous.length {
                blocks.match(length: previous.length, distance: previous.distance)
                let end = i - 1 + previous.length
                var j = i + 1
                while j < end {
                    if j + DeflateEncoder.minMatch <= n { finder.insert(j) }
                    j += 1
                }
                i = end
                pending = false
                previous = (0, 0)
                flushIfFull(at: i)
            } else {
                if pending {
                    blocks.literal(input[i - 1])
                    flushIfFull(at: i)
                }
                pending = true
                previous = current
                i += 1
            }
        }
        if pending { blocks.literal(input[n - 1]) }
    }
}

/// Hash chains over the input: `head` holds the latest position of each
/// 3-byte hash, `prev` links a position to the previous one with its hash.
struct MatchFinder {
    let input: UnsafeBufferPointer<UInt8>
    let head: UnsafeMutableBufferPointer<Int32>
    let prev: UnsafeMutableBufferPointer<Int32>
    let parameters: MatchParameters

    @inline(__always)
    func hash(at i: Int) -> Int {
        let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
        return Int((v &* 0x9E37_79B1) >> UInt32(32 - DeflateEncoder.hashBits))
    }

    @inline(__always)
    func insert(_ i: Int, hash h: Int) {
        prev[i & (DeflateEncoder.windowSize - 1)] = head[h]
        head[h] = Int32(i)
    }

    @inline(__always)
    func insert(_ i: Int) { insert(i, hash: hash(at: i)) }

    /// The longest match for position `i` longer than `threshold`, or length 0.
    func longestMatch(at i: Int, head h: Int, threshold: Int) -> (length: Int, distance: Int) {
        let maxLength = min(DeflateEncoder.maxMatch, input.count - i)
        guard maxLength > threshold else { return (0, 0) }
        let base = input.baseAddress!
        var best = threshold
        var bestDistance = 0
        var chain = threshold >= parameters.goodLength ? parameters.maxChain >> 2 : parameters.maxChain
        let nice = min(parameters.niceLength, maxLength)
        var candidate = Int(head[h])
        let lowest = i - DeflateEncoder.windowSize
        while candidate >= 0 && candidate >= lowest && chain > 0 {
            if base[candidate + best] == base[i + best] && base[candidate] == base[i] {
                let length = MatchFinder.commonLength(base + candidate, base + i, maxLength)
                if length > best {
                    best = length
                    bestDistance = i - candidate
                    if length >= nice { break }
                }
            }
            candidate = Int(prev[candidate & (DeflateEncoder.windowSize - 1)])
            chain -= 1
        }
        return bestDistance == 0 ? (0, 0) : (best, bestDistance)
    }

    @inline(__always)
    static func commonLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ limit: Int) -> Int {
        var n = 0
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        while n + 8 <= limit {
            let x = ra.loadUnaligned(fromByteOffset: n, as: UInt64.self) ^ rb.loadUnaligned(fromByteOffset: n, as: UInt64.self)
            if x != 0 { return n + UInt64(littleEndian: x).trailingZeroBitCount >> 3 }
            n += 8
        }
        while n < limit && a[n] == b[n] { n += 1 }
        return n
    }
}
