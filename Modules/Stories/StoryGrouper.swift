import Foundation
import NewsModels

/// Groups articles into stories one at a time, looking up candidates through a MinHash/LSH index
/// bucketed by week, so the work per article stays bounded however large the store grows.
///
/// The whole state is a `Codable` value: a server or client can persist it and resume grouping.
/// Same articles in the same order always give the same stories and ids.
public struct StoryGrouper: Sendable, Codable {
    /// Tuning knobs; the defaults were calibrated on the seed coverage and the project's fixtures.
    public struct Configuration: Sendable, Hashable, Codable {
        /// MinHash permutations per signature.
        public var signatureLength = 64
        /// Rows per LSH band (`signatureLength / bandRows` bands).
        public var bandRows = 1
        /// Most recent articles kept per bucket; older ones drop out so a hot bucket stays cheap.
        public var bucketCapacity = 48
        /// Minimum combined score for an article to join a story.
        public var joinThreshold = 0.15
        /// Weight of term similarity; entity overlap gets the rest.
        public var termWeight = 0.55
        /// Articles this close in time are compared at full weight (a preview a week ahead still joins).
        public var fullWeightWindow: Double = 10 * 86_400
        /// Articles further apart than this never join, however similar.
        public var maximumGap: Double = 21 * 86_400
        /// Articles with fewer content terms than this neither join nor attract others.
        public var minimumTerms = 4

        /// Creates the default configuration.
        public init() {}
    }

    /// What the index remembers of one assigned article.
    struct Entry: Sendable, Hashable, Codable {
        var articleId: String
        var storyIndex: Int
        var publishedMillis: Int64
        var features: TextFeatures
    }

    /// The configuration in use.
    public private(set) var configuration: Configuration
    /// Stories in the order they were opened.
    public private(set) var stories: [StoryRecord] = []
    private var entries: [Entry] = []
    private var entryByArticle: [String: Int] = [:]
    private var storyByID: [String: Int] = [:]
    /// Band key plus week number → entry indices, oldest first.
    private var buckets: [String: [Int]] = [:]
    /// Document frequency of terms (plain) and entities (`e:` prefix), for IDF weights.
    private var documentFrequency: [String: Int] = [:]
    /// Pairwise comparisons made over the grouper's life; tests use it to show lookup cost stays bounded.
    public private(set) var comparisonCount = 0
    /// Pairwise comparisons made by the latest `assign(_:)`.
    public private(set) var lastComparisonCount = 0

    /// Creates an empty grouper.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The story holding `articleId`, if it was assigned.
    public func story(containing articleId: String) -> StoryRecord? {
        entryByArticle[articleId].map { stories[entries[$0].storyIndex] }
    }

    /// The story with id `storyId`.
    public func story(id storyId: String) -> StoryRecord? {
        storyByID[storyId].map { stories[$0] }
    }

    /// Puts `article` into the best-matching story, or opens a new one. Assigning an id again
    /// (a later revision) keeps its story: ids must not move under readers.
    public mutating func assign(_ article: Article) -> StoryAssignment {
        lastComparisonCount = 0
        if let known = entryByArticle[article.id] {
            return StoryAssignment(storyId: stories[entries[known].storyIndex].id, isNewStory: false, score: 0)
        }
        let features = TextFeatures(article: article)
        let millis = article.publishedAt.epochMilliseconds
        let week = Self.week(of: millis)
        let bandKeys = features.terms.count >= configuration.minimumTerms
            ? MinHash.bandKeys(MinHash.signature(of: features.keys, count: configuration.signatureLength), rows: configuration.bandRows)
            : []
        let gapWeeks = Int((configuration.maximumGap / (7 * 86_400)).rounded(.up))
        var candidates = Set<Int>()
        for key in bandKeys {
            for w in (week - gapWeeks)...(week + gapWeeks) {
                candidates.formUnion(buckets[Self.bucket(key, week: w)] ?? [])
            }
        }
        var best: (index: Int, score: Double)?
        for candidate in candidates.sorted() {
            let entry = entries[candidate]
            lastComparisonCount += 1
            let score = similarity(features, millis, entry.features, entry.publishedMillis)
            if score >= configuration.joinThreshold, score > (best?.score ?? -1) { best = (candidate, score) }
        }
        comparisonCount += lastComparisonCount

        let storyIndex: Int
        if let best {
            storyIndex = entries[best.index].storyIndex
            stories[storyIndex].add(article)
        } else {
            storyIndex = stories.count
            stories.append(StoryRecord(first: article))
            storyByID[stories[storyIndex].id] = storyIndex
        }
        let entryIndex = entries.count
        entries.append(Entry(articleId: article.id, storyIndex: storyIndex, publishedMillis: millis, features: features))
        entryByArticle[article.id] = entryIndex
        for key in bandKeys {
            let bucket = Self.bucket(key, week: week)
            buckets[bucket, default: []].append(entryIndex)
            if buckets[bucket]!.count > configuration.bucketCapacity { buckets[bucket]!.removeFirst() }
        }
        for term in features.terms { documentFrequency[term, default: 0] += 1 }
        for entity in features.entities { documentFrequency["e:" + entity, default: 0] += 1 }
        return StoryAssignment(storyId: stories[storyIndex].id, isNewStory: best == nil, score: best?.score ?? 0)
    }

    /// Combined score of two articles: IDF-weighted term cosine and entity Jaccard, scaled down by time apart.
    func similarity(_ a: TextFeatures, _ aMillis: Int64, _ b: TextFeatures, _ bMillis: Int64) -> Double {
        guard a.terms.count >= configuration.minimumTerms, b.terms.count >= configuration.minimumTerms else { return 0 }
        let time = timeFactor(seconds: abs(Double(aMillis - bMillis)) / 1000)
        guard time > 0 else { return 0 }
        let termScore = cosine(a.terms, b.terms, prefix: "")
        let entityScore = weightedJaccard(a.entities, b.entities)
        return time * (configuration.termWeight * termScore + (1 - configuration.termWeight) * entityScore)
    }

    /// 1 inside the full-weight window, falling linearly to 0 at the maximum gap.
    func timeFactor(seconds: Double) -> Double {
        if seconds <= configuration.fullWeightWindow { return 1 }
        if seconds >= configuration.maximumGap { return 0 }
        return (configuration.maximumGap - seconds) / (configuration.maximumGap - configuration.fullWeightWindow)
    }

    /// Inverse document frequency over the articles seen so far; unseen terms weigh most.
    func idf(_ key: String) -> Double {
        log(1 + Double(entries.count + 1) / Double((documentFrequency[key] ?? 0) + 1))
    }

    /// Cosine of two sorted term lists with binary IDF weights.
    func cosine(_ a: [String], _ b: [String], prefix: String) -> Double {
        var shared = 0.0, normA = 0.0, normB = 0.0
        for term in a { let w = idf(prefix + term); normA += w * w }
        for term in b { let w = idf(prefix + term); normB += w * w }
        for term in Self.intersection(a, b) { let w = idf(prefix + term); shared += w * w }
        guard normA > 0, normB > 0 else { return 0 }
        return shared / (normA * normB).squareRoot()
    }

    /// IDF-weighted Jaccard of two sorted entity lists; 0 when either has none.
    func weightedJaccard(_ a: [String], _ b: [String]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let shared = Self.intersection(a, b)
        let sharedWeight = shared.reduce(0) { $0 + idf("e:" + $1) }
        let total = (a + b).reduce(0) { $0 + idf("e:" + $1) } - sharedWeight
        return total > 0 ? sharedWeight / total : 0
    }

    /// Common elements of two sorted, unique lists, in order (merge, no hashing, so order-stable).
    static func intersection(_ a: [String], _ b: [String]) -> [String] {
        var i = 0, j = 0, out: [String] = []
        while i < a.count, j < b.count {
            if a[i] == b[j] { out.append(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return out
    }

    static func week(of millis: Int64) -> Int {
        Int((Double(millis) / (7 * 86_400_000)).rounded(.down))
    }

    static func bucket(_ key: String, week: Int) -> String { "\(week)/\(key)" }
}
