// The seeded generator the benchmark and the campaigns share: SplitMix64,
// so that a generated ledger, a campaign's inputs and its kill instants are
// the same on every machine for the same seed. Swift's
// SystemRandomNumberGenerator is not seedable and its Hasher is randomised
// per process, so nothing drawn from here may depend on Dictionary or Set order.
//
// Two families of draws live side by side, because two tools already pinned
// their outputs on them: `portable…` draws use our own arithmetic (the
// benchmark's generated ledgers depend on it, byte for byte), the others go
// through the standard library's `random(in:using:)` (the campaigns' seeds
// and the property tests depend on those).

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for
/// synthetic data and fault injection; deterministic across platforms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The golden-ratio increment of SplitMix64.
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var state: UInt64

    /// A generator that starts at `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one part of generated data, addressed by a path of
    /// numbers (a body, a year, a month), so that the parts do not shift
    /// each other's numbers when one changes. The benchmark's generator
    /// derives its streams so.
    public init(seed: UInt64, path: UInt64...) {
        var s = seed
        for part in path { s = SplitMix64.mix(s &+ SplitMix64.increment &* (part &+ 1)) }
        state = s
    }

    /// An independent stream for one worker of a campaign (the campaigns
    /// derive their streams so).
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* SplitMix64.increment))
        state = mixer.next() ^ stream
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// SplitMix64's finaliser (a variant of MurmurHash3's fmix64).
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: Draws through the standard library

extension SplitMix64 {
    /// An integer in `range` (the standard library's unbiased draw).
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// An integer in `range` (the standard library's unbiased draw).
    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A number in `range`.
    public mutating func double(_ range: Range<Double>) -> Double { Double.random(in: range, using: &self) }

    /// One of `items`, which must not be empty.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// An index of `weights`, drawn in proportion to its weight.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var r = int(0..<weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}

// MARK: Portable draws (our own arithmetic)

extension SplitMix64 {
    /// An integer in `range`, by modulo: no bias worth speaking of for the
    /// small ranges the generator uses, and fixed by this code rather than
    /// by the standard library's version.
    public mutating func portableInt(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// An integer in `range`, by modulo (see `portableInt(_:)` for closed ranges).
    public mutating func portableInt(_ range: Range<Int>) -> Int { portableInt(range.lowerBound...(range.upperBound - 1)) }

    /// A number in [0, 1) from the top 53 bits.
    public mutating func portableUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// True with probability `p`.
    public mutating func portableChance(_ p: Double) -> Bool { portableUnit() < p }

    /// One of `items`, which must not be empty.
    public mutating func portablePick<T>(_ items: [T]) -> T { items[portableInt(0..<items.count)] }

    /// Picks by weight: `items` of (value, weight).
    public mutating func portableWeighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = portableInt(0..<total)
        for (value, weight) in items {
            if r < weight { return value }
            r -= weight
        }
        return items[items.count - 1].0
    }
}
