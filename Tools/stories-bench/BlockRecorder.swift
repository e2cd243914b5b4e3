/// Time and lookup cost of one block of consecutive assignments.
struct BlockStats: Codable, Equatable {
    /// Block number, from 1.
    var block: Int
    /// Position of the block's first article in the feeding order, from 0.
    var firstArticle: Int
    /// Articles in the block.
    var articles: Int
    /// Sum of the block's per-article assignment times.
    var seconds: Double
    /// Articles per second over the block.
    var articlesPerSecond: Double
    /// Mean assignment time.
    var microsecondsPerArticle: Double
    /// Median assignment time.
    var medianMicroseconds: Double
    /// 99th-percentile assignment time.
    var p99Microseconds: Double
    /// Slowest assignment.
    var maxMicroseconds: Double
    /// Mean pairwise comparisons per assignment.
    var meanComparisons: Double
    /// Most comparisons made by one assignment.
    var maxComparisons: Int
}

/// Collects per-article times and comparison counts and closes a `BlockStats` every `blockSize` articles.
struct BlockRecorder {
    /// Articles per block.
    let blockSize: Int
    /// Blocks closed so far.
    private(set) var blocks: [BlockStats] = []
    private var nanoseconds: [UInt64] = []
    private var comparisons: [Int] = []
    private var recorded = 0

    /// Creates a recorder; `blockSize` must be positive.
    init(blockSize: Int) {
        precondition(blockSize > 0, "BlockRecorder: block size must be positive")
        self.blockSize = blockSize
        nanoseconds.reserveCapacity(blockSize)
        comparisons.reserveCapacity(blockSize)
    }

    /// Records one assignment.
    mutating func record(nanoseconds elapsed: UInt64, comparisons count: Int) {
        nanoseconds.append(elapsed)
        comparisons.append(count)
        recorded += 1
        if nanoseconds.count == blockSize { close() }
    }

    /// Closes a partly filled last block, if any, and returns every block.
    mutating func finish() -> [BlockStats] {
        if !nanoseconds.isEmpty { close() }
        return blocks
    }

    private mutating func close() {
        let sorted = nanoseconds.sorted()
        let total = sorted.reduce(0, +)
        let seconds = Double(total) / 1e9
        let n = sorted.count
        func micros(_ nanos: UInt64) -> Double { Double(nanos) / 1000 }
        blocks.append(BlockStats(
            block: blocks.count + 1, firstArticle: recorded - n, articles: n, seconds: seconds,
            articlesPerSecond: seconds > 0 ? Double(n) / seconds : 0,
            microsecondsPerArticle: micros(total) / Double(n),
            medianMicroseconds: micros(sorted[n / 2]),
            p99Microseconds: micros(sorted[min(n - 1, n * 99 / 100)]),
            maxMicroseconds: micros(sorted[n - 1]),
            meanComparisons: Double(comparisons.reduce(0, +)) / Double(n),
            maxComparisons: comparisons.max() ?? 0))
        nanoseconds.removeAll(keepingCapacity: true)
        comparisons.removeAll(keepingCapacity: true)
    }
}
