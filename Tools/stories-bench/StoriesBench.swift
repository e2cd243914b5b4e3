import ArgumentParser
import CorpusKit
import Foundation
import NewsModels
import Stories

/// Measures incremental story grouping on a generated corpus, next to an all-pairs peer in the same process.
@main
struct StoriesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stories-bench",
        abstract: "Time CentroidGrouper or StoryGrouper on generated articles, block by block, against an all-pairs TF-IDF scan.",
        discussion: """
            Generates every article first (untimed), then assigns them one at a time to one grouper (--grouper), \
            timing each assignment with a monotonic clock. Publication order (ties by id) is the default \
            because a server receives articles roughly as they are published. The peer, an all-pairs \
            TF-IDF scan with no index, then groups the first --peer-count articles of the same order. \
            Quality is pairwise precision and recall against the corpus's ground-truth story ids. \
            Tools/bench/stories.sh runs this several times and records medians.
            """)

    /// Order the articles are fed in.
    enum Order: String, ExpressibleByArgument, CaseIterable {
        case publication, index
    }

    @Option(help: "Articles to generate and group.")
    var count = 100_000

    @Option(help: "SyntheticCorpus seed.")
    var seed: UInt64 = 7

    @Option(help: "Feeding order: publication (by publishedAt, then id) or index (corpus order).")
    var order: Order = .publication

    @Option(help: "Articles per timed block for Stories.")
    var block = 10_000

    @Option(help: "Articles the all-pairs peer groups, from the start of the same order (0: no peer).")
    var peerCount = 20_000

    @Option(help: "Articles per timed block for the peer.")
    var peerBlock = 5_000

    @Option(help: "The peer's join threshold (time-weighted cosine).")
    var peerThreshold = AllPairsGrouper.Configuration().joinThreshold

    @Option(help: "StoryGrouper's join threshold (default: the grouper's own), for tuning runs.")
    var joinThreshold: Double?

    @Option(help: "StoryGrouper's minimum entity overlap (default: the grouper's own), for tuning runs.")
    var entityOverlap: Double?

    /// Which grouper is timed.
    enum Grouper: String, ExpressibleByArgument, CaseIterable {
        case members, model
    }

    @Option(help: "Grouper timed: model (CentroidGrouper with the fitted StoryModel) or members (StoryGrouper).")
    var grouper: Grouper = .model

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be positive, got \(count)") }
        guard block > 0, peerBlock > 0 else { throw ValidationError("--block and --peer-block must be positive") }
        guard (0...1).contains(peerThreshold) else { throw ValidationError("--peer-threshold must be between 0 and 1, got \(peerThreshold)") }
        guard peerCount >= 0 else { throw ValidationError("--peer-count must not be negative, got \(peerCount)") }
    }

    func run() throws {
        let generationStart = DispatchTime.now().uptimeNanoseconds
        // The corpus is never held whole (100,000 articles with bodies take over a gigabyte, which
        // would swamp the grouper's own memory in the peak RSS): one pass finds the feeding order,
        // then each article is generated again, untimed, just before it is assigned.
        let corpus = SyntheticCorpus(seed: seed)
        let sequence = order.indices(of: corpus, count: count)
        let truth = sequence.map(\.truth)
        let generationSeconds = Double(DispatchTime.now().uptimeNanoseconds - generationStart) / 1e9
        let rssAfterGeneration = ProcessMemory.currentMiB()
        let prefixCount = min(peerCount, count)

        var recorder = BlockRecorder(blockSize: block)
        var predicted: [String] = []
        predicted.reserveCapacity(count)
        var prefixNanoseconds: UInt64 = 0
        var cpuNanoseconds: UInt64 = 0
        var merges: [String: String] = [:]
        var storiesRun: GroupingRun
        var audit = JoinAudit()
        var rssAfterStories: Double?
        do {
            var configuration = StoryGrouper.Configuration()
            if let joinThreshold { configuration.joinThreshold = joinThreshold }
            if let entityOverlap { configuration.minimumEntityOverlap = entityOverlap }
            var members = StoryGrouper(configuration: configuration)
            var limits = CentroidGrouper.Limits()
            limits.window = configuration.maximumGap
            var centroid = CentroidGrouper(model: .fitted, limits: limits)
            let useModel = grouper == .model
            for (position, item) in sequence.enumerated() {
                let article = corpus.article(at: item.index)
                let scoredBefore = centroid.candidatesScored
                let cpuStart = ThreadCPUClock.nanoseconds()
                let start = DispatchTime.now().uptimeNanoseconds
                let assignment = useModel ? centroid.assign(article) : members.assign(article)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                cpuNanoseconds += ThreadCPUClock.nanoseconds() - cpuStart
                recorder.record(nanoseconds: elapsed, comparisons: useModel ? centroid.candidatesScored - scoredBefore : members.lastComparisonCount)
                predicted.append(assignment.storyId)
                for id in assignment.merged { merges[id] = assignment.storyId }
                if position < prefixCount { prefixNanoseconds += elapsed }
                audit.record(storyId: assignment.storyId, isNewStory: assignment.isNewStory, score: assignment.score, truth: truth[position])
            }
            audit.merges = merges.count
            audit.finish()
            // An article's story may have merged into another later: score the final grouping.
            let survivors = StoryBatch(assignments: [], merges: merges).merges
            predicted = predicted.map { survivors[$0] ?? $0 }
            storiesRun = GroupingRun(
                name: useModel ? "CentroidGrouper (Stories, fitted StoryModel, inverted index)" : "StoryGrouper (Stories, MinHash/LSH index)",
                blocks: recorder.finish(), pairs: PairwiseScore(predicted: predicted, truth: truth), cpuSeconds: Double(cpuNanoseconds) / 1e9)
            let formed = useModel ? Set(predicted).count : members.stories.count
            guard storiesRun.storiesFormed == formed else {
                throw ValidationError("stories-bench: \(formed) stories in the grouper, \(storiesRun.storiesFormed) ids assigned")
            }
            // Taken while the grouper still holds every article's index entry.
            rssAfterStories = ProcessMemory.currentMiB()
        }

        var peerRun: GroupingRun?
        var prefix: PrefixComparison?
        if prefixCount > 0 {
            var peer = AllPairsGrouper(configuration: .init(joinThreshold: peerThreshold))
            var peerRecorder = BlockRecorder(blockSize: peerBlock)
            for article in sequence.prefix(prefixCount).map({ corpus.article(at: $0.index) }) {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = peer.assign(article)
                peerRecorder.record(nanoseconds: DispatchTime.now().uptimeNanoseconds - start, comparisons: peer.lastComparisonCount)
            }
            let run = GroupingRun(name: "Peer: all-pairs TF-IDF scan, same process (no index)", blocks: peerRecorder.finish(),
                                  pairs: PairwiseScore(predicted: peer.storyOfArticle, truth: Array(truth.prefix(prefixCount))))
            let storiesPrefix = PairwiseScore(predicted: Array(predicted.prefix(prefixCount)), truth: Array(truth.prefix(prefixCount)))
            let storiesSeconds = Double(prefixNanoseconds) / 1e9
            prefix = PrefixComparison(
                articles: prefixCount, storiesSeconds: storiesSeconds, peerSeconds: run.seconds,
                peerToStoriesTimeRatio: storiesSeconds > 0 ? run.seconds / storiesSeconds : 0,
                storiesPairs: storiesPrefix, storiesPrecision: storiesPrefix.precision, storiesRecall: storiesPrefix.recall)
            peerRun = run
        }

        let report = BenchReport(
            seed: seed, articles: count, order: order.rawValue, generationSeconds: generationSeconds,
            trueStories: Set(truth).count, stories: storiesRun, storiesJoins: audit, peer: peerRun, prefix: prefix,
            memory: MemoryReport(rssAfterGenerationMiB: rssAfterGeneration, rssAfterStoriesMiB: rssAfterStories,
                                 peakRSSMiB: ProcessMemory.peakMiB()))
        print(json ? try report.json() : report.table())
    }

}

extension StoriesBench.Order {
    /// Corpus indices in this feeding order, with each article's true story; articles are generated
    /// once here and dropped, keeping only what the order needs.
    func indices(of corpus: SyntheticCorpus, count: Int) -> [(index: Int, truth: String)] {
        var items: [(index: Int, millis: Int64, id: String, truth: String)] = []
        items.reserveCapacity(count)
        for index in 0..<count {
            let article = corpus.article(at: index)
            items.append((index, article.publishedAt.epochMilliseconds, article.id, article.storyId ?? article.id))
        }
        if self == .publication { items.sort { ($0.millis, $0.id) < ($1.millis, $1.id) } }
        return items.map { ($0.index, $0.truth) }
    }
}
