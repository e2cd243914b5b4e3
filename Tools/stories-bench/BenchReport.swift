import Foundation

/// One grouper's run over a sequence of articles: blocks, totals and quality.
struct GroupingRun: Codable {
    /// What was measured, as printed.
    var name: String
    /// Articles assigned.
    var articles: Int
    /// Per-block timing and comparison counts.
    var blocks: [BlockStats]
    /// Sum of every per-article assignment time.
    var seconds: Double
    /// `articles / seconds`.
    var articlesPerSecond: Double
    /// CPU time of the assigning thread over every assignment (nil where not measured).
    var cpuSeconds: Double?
    /// `articles / cpuSeconds`: the rate on a core of its own, whatever else shares the machine.
    var cpuArticlesPerSecond: Double?
    /// Mean time per article of the last block over that of the first (1 means flat).
    var lastToFirstBlockRatio: Double
    /// Groups the grouper formed.
    var storiesFormed: Int
    /// Pair counts against the corpus's ground-truth story ids.
    var pairs: PairwiseScore
    /// Pairwise precision against the ground truth.
    var precision: Double
    /// Pairwise recall against the ground truth.
    var recall: Double

    /// Builds the totals from `blocks` and `pairs`.
    init(name: String, blocks: [BlockStats], pairs: PairwiseScore, cpuSeconds: Double? = nil) {
        self.name = name
        self.cpuSeconds = cpuSeconds
        cpuArticlesPerSecond = cpuSeconds.flatMap { $0 > 0 ? Double(blocks.reduce(0) { $0 + $1.articles }) / $0 : nil }
        self.blocks = blocks
        articles = blocks.reduce(0) { $0 + $1.articles }
        seconds = blocks.reduce(0) { $0 + $1.seconds }
        articlesPerSecond = seconds > 0 ? Double(articles) / seconds : 0
        let first = blocks.first?.microsecondsPerArticle ?? 0
        lastToFirstBlockRatio = first > 0 ? (blocks.last?.microsecondsPerArticle ?? 0) / first : 0
        storiesFormed = pairs.predictedGroups
        self.pairs = pairs
        precision = pairs.precision
        recall = pairs.recall
    }
}

/// Stories' figures over the articles the peer also grouped, for a like-for-like ratio.
struct PrefixComparison: Codable {
    /// Articles in the shared prefix.
    var articles: Int
    /// Stories' summed assignment time over the prefix.
    var storiesSeconds: Double
    /// The peer's summed assignment time over the same articles.
    var peerSeconds: Double
    /// `peerSeconds / storiesSeconds`.
    var peerToStoriesTimeRatio: Double
    /// Stories' pair counts over the prefix.
    var storiesPairs: PairwiseScore
    /// Stories' pairwise precision over the prefix.
    var storiesPrecision: Double
    /// Stories' pairwise recall over the prefix.
    var storiesRecall: Double
}

/// Resident memory at the points the benchmark passes through.
struct MemoryReport: Codable {
    /// Resident after every article was generated and ordered, before grouping.
    var rssAfterGenerationMiB: Double?
    /// Resident after Stories grouped every article.
    var rssAfterStoriesMiB: Double?
    /// Process peak (`ru_maxrss`), corpus included.
    var peakRSSMiB: Double
}

/// Everything one `stories-bench` run measured; printed as a table or as one JSON object.
struct BenchReport: Codable {
    /// Seed of the synthetic corpus.
    var seed: UInt64
    /// Articles generated and grouped by Stories.
    var articles: Int
    /// Feeding order: `publication` or `index`.
    var order: String
    /// Untimed generation and ordering of the corpus.
    var generationSeconds: Double
    /// Distinct ground-truth stories in the corpus.
    var trueStories: Int
    /// StoryGrouper over every article.
    var stories: GroupingRun
    /// Stories' joins sorted into right and wrong.
    var storiesJoins: JoinAudit
    /// The all-pairs peer over the first articles, when it ran.
    var peer: GroupingRun?
    /// Stories and the peer on the same prefix, when the peer ran.
    var prefix: PrefixComparison?
    /// Resident memory.
    var memory: MemoryReport

    /// The report as one line of JSON with sorted keys.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as a human-readable table.
    func table() -> String {
        var lines = [
            "stories-bench: \(grouped(articles)) articles of SyntheticCorpus(seed: \(seed)) in \(order) order, "
                + "\(grouped(trueStories)) true stories; generated and ordered in \(fixed(generationSeconds, 1)) s (untimed)",
        ]
        lines += section(stories, comparisonsLabel: "comparisons/article")
        lines.append("joins: \(grouped(storiesJoins.joins)), \(grouped(storiesJoins.wrongJoins)) into a story holding none of the article's true story "
            + "(median score \(fixed(storiesJoins.medianWrongScore, 3)) against \(fixed(storiesJoins.medianRightScore, 3)) for right joins); "
            + "\(grouped(storiesJoins.missedJoins)) new stories whose true story was already open; "
            + "\(grouped(storiesJoins.merges)) stories merged into another (scores count each article's final story)")
        if let peer, let prefix {
            lines += section(peer, comparisonsLabel: "scored/article")
            lines.append("Stories on the same \(grouped(prefix.articles)) articles: \(fixed(prefix.storiesSeconds, 2)) s, "
                + "precision \(fixed(prefix.storiesPrecision, 3)), recall \(fixed(prefix.storiesRecall, 3)); "
                + "peer/Stories time: \(fixed(prefix.peerToStoriesTimeRatio, 2))x")
        }
        let rss = [("after generation", memory.rssAfterGenerationMiB), ("after Stories", memory.rssAfterStoriesMiB)]
            .compactMap { label, value in value.map { "\(label) \(fixed($0, 0)) MiB" } }
        lines.append("")
        lines.append("RSS: " + (rss + ["peak \(fixed(memory.peakRSSMiB, 0)) MiB (getrusage ru_maxrss, corpus included)"]).joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    private func section(_ run: GroupingRun, comparisonsLabel: String) -> [String] {
        var lines = ["", "\(run.name): \(grouped(run.articles)) articles"]
        lines.append(pad("block", 6) + pad("articles", 16) + pad("articles/s", 12) + pad("µs/article", 12)
            + pad("median µs", 11) + pad("p99 µs", 9) + pad("max µs", 10) + pad(comparisonsLabel, 21) + pad("max", 7))
        for b in run.blocks {
            let span = "\(grouped(b.firstArticle))–\(grouped(b.firstArticle + b.articles - 1))"
            lines.append(pad("\(b.block)", 6) + pad(span, 16) + pad(grouped(Int(b.articlesPerSecond.rounded())), 12)
                + pad(fixed(b.microsecondsPerArticle, 1), 12) + pad(fixed(b.medianMicroseconds, 1), 11)
                + pad(fixed(b.p99Microseconds, 0), 9) + pad(fixed(b.maxMicroseconds, 0), 10)
                + pad(fixed(b.meanComparisons, 1), 21) + pad("\(b.maxComparisons)", 7))
        }
        lines.append("total: \(grouped(Int(run.articlesPerSecond.rounded()))) articles/s (\(fixed(run.seconds, 2)) s of assignment); "
            + "last/first block µs per article: \(fixed(run.lastToFirstBlockRatio, 2))"
            + (run.cpuArticlesPerSecond.map { "; on CPU time of the thread: \(grouped(Int($0.rounded()))) articles/s" } ?? ""))
        lines.append("stories formed: \(grouped(run.storiesFormed)); pairwise precision \(fixed(run.precision, 3)), "
            + "recall \(fixed(run.recall, 3)) (\(grouped(run.pairs.sharedPairs)) of \(grouped(run.pairs.predictedPairs)) "
            + "predicted pairs true, of \(grouped(run.pairs.truePairs)) true pairs)")
        return lines
    }
}

/// `12345` as `12,345`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return value < 0 ? "-" + out : out
}

/// `value` with `places` decimals.
func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }

/// `text` right-aligned in `width` columns.
func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
