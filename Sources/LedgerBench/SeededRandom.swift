// A small seeded random number generator, so that a generated ledger and
// the bench's random choices (as-of times, batch contents) are the same on
// every machine for the same seed. Swift's SystemRandomNumberGenerator is
// not seedable, and its Hasher is randomised per process, so nothing here
// may depend on Dictionary or Set order.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for
/// synthetic data; deterministic across platforms.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one part of the data (a body, a year), so that the
    /// parts do not shift each other's numbers when one changes.
    public init(seed: UInt64, stream: UInt64...) {
        var s = seed
        for part in stream { s = SeededRandom.mix(s &+ 0x9E37_79B9_7F4A_7C15 &* (part &+ 1)) }
        state = s
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SeededRandom.mix(state)
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An integer in `range`, without modulo bias worth speaking of for
    /// the small ranges used here.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    public mutating func int(_ range: Range<Int>) -> Int { int(range.lowerBound...(range.upperBound - 1)) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A number in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Picks by weight: `items` of (value, weight).
    public mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = int(0..<total)
        for (value, weight) in items {
            if r < weight { return value }
            r -= weight
        }
        return items[items.count - 1].0
    }
}
