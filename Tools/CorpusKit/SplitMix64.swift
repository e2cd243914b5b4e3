/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and well mixed, and — unlike Foundation's
/// generators — identical on every platform, which is what makes the corpus reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    /// Seeds from one value.
    init(seed: UInt64) { state = seed }

    /// Seeds from a corpus seed plus any number of coordinates (index, story number, purpose tag).
    /// Each coordinate is mixed in separately so `(1, 23)` and `(12, 3)` give unrelated streams.
    init(_ seed: UInt64, _ parts: UInt64...) {
        var s = SplitMix64.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        for part in parts { s = SplitMix64.mix(s ^ SplitMix64.mix(part &+ 0xD1B5_4A32_D192_ED03)) }
        state = s
    }

    /// The SplitMix64 finaliser: a bijective avalanche of all 64 bits.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// A value in `0..<bound` (bound > 0). Lemire's multiply-shift: the bias is below 2^-40 for the
    /// small bounds used here, and it avoids a division per call.
    @inline(__always) mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// A value in the closed range.
    @inline(__always) mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent`/100.
    @inline(__always) mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniformly chosen element of a non-empty array.
    @inline(__always) mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
