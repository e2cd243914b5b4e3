import Foundation

/// An article's features with terms and entities replaced by vocabulary ids, sorted, so scoring
/// compares integers and reads document frequencies from an array instead of hashing strings.
struct InternedFeatures: Sendable, Hashable, Codable {
    /// Content term ids, ascending.
    var terms: [Int32]
    /// Entity ids (their own ids, apart from terms), ascending.
    var entities: [Int32]
    /// The MinHash keys, kept to rebuild the LSH index after `forget`.
    var keys: [String]
}

/// Every term and entity the grouper has seen, with the number of indexed articles holding each.
struct Vocabulary: Sendable, Hashable, Codable {
    private var ids: [String: Int32] = [:]
    /// Document frequency by id.
    private(set) var frequency: [Int32] = []

    /// `features` in ids, adding unseen words (with frequency 0 until an article holding them is counted).
    mutating func intern(_ features: TextFeatures) -> InternedFeatures {
        InternedFeatures(terms: features.terms.map { id($0) }.sorted(),
                         entities: features.entities.map { id("e:" + $0) }.sorted(), keys: features.keys)
    }

    private mutating func id(_ word: String) -> Int32 {
        if let known = ids[word] { return known }
        let new = Int32(frequency.count)
        ids[word] = new
        frequency.append(0)
        return new
    }

    /// Counts one indexed article's words.
    mutating func count(_ features: InternedFeatures) {
        for id in features.terms { frequency[Int(id)] += 1 }
        for id in features.entities { frequency[Int(id)] += 1 }
    }

    /// Zeroes every frequency (ids stay), before recounting the articles kept by `forget`.
    mutating func clearFrequencies() {
        frequency = [Int32](repeating: 0, count: frequency.count)
    }
}

/// Scores one new article against candidates: IDF-weighted term cosine and entity overlap, scaled
/// down by the time between them. The new article's weights are worked out once, not per candidate.
struct Scorer {
    private let configuration: StoryGrouper.Configuration
    private let frequency: [Int32]
    private let documents: Double
    private let article: InternedFeatures
    private let termNorm: Double
    private let entityWeight: Double

    init(_ grouper: StoryGrouper, _ article: InternedFeatures) {
        configuration = grouper.configuration
        frequency = grouper.vocabulary.frequency
        documents = Double(grouper.entryCount + 1) + grouper.configuration.backgroundArticles
        self.article = article
        var norm = 0.0, entity = 0.0
        for id in article.terms { let w = Self.idf(id, frequency, documents); norm += w * w }
        for id in article.entities { entity += Self.idf(id, frequency, documents) }
        termNorm = norm
        entityWeight = entity
    }

    /// Inverse document frequency over the articles the index holds; unseen words weigh most.
    static func idf(_ id: Int32, _ frequency: [Int32], _ documents: Double) -> Double {
        log(1 + documents / Double(frequency[Int(id)] + 1))
    }

    /// Whether the new article names enough people, places or organisations for entity overlap to count.
    var hasEntities: Bool { article.entities.count >= 2 }

    /// Combined score against a candidate published at `otherMillis` (0 when either text is too
    /// short), and the entity overlap alone.
    func similarity(_ millis: Int64, _ other: InternedFeatures, _ otherMillis: Int64) -> (score: Double, entities: Double) {
        guard article.terms.count >= configuration.minimumTerms, other.terms.count >= configuration.minimumTerms else { return (0, 0) }
        let time = StoryGrouper.timeFactor(seconds: abs(Double(millis - otherMillis)) / 1000, configuration)
        guard time > 0 else { return (0, 0) }
        let entities = jaccard(other.entities)
        return (time * (configuration.termWeight * cosine(other.terms) + (1 - configuration.termWeight) * entities), entities)
    }

    /// Cosine of the term sets with binary IDF weights.
    private func cosine(_ other: [Int32]) -> Double {
        var otherNorm = 0.0
        for id in other { let w = Self.idf(id, frequency, documents); otherNorm += w * w }
        guard termNorm > 0, otherNorm > 0 else { return 0 }
        var shared = 0.0
        Self.forEachShared(article.terms, other) { let w = Self.idf($0, frequency, documents); shared += w * w }
        return shared / (termNorm * otherNorm).squareRoot()
    }

    /// IDF-weighted Jaccard of the entity sets; 0 when either has none.
    private func jaccard(_ other: [Int32]) -> Double {
        guard !article.entities.isEmpty, !other.isEmpty else { return 0 }
        var otherWeight = 0.0, shared = 0.0
        for id in other { otherWeight += Self.idf(id, frequency, documents) }
        Self.forEachShared(article.entities, other) { shared += Self.idf($0, frequency, documents) }
        let total = entityWeight + otherWeight - shared
        return total > 0 ? shared / total : 0
    }

    /// Calls `body` with each id in both ascending lists, in order.
    static func forEachShared(_ a: [Int32], _ b: [Int32], _ body: (Int32) -> Void) {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { body(a[i]); i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
    }
}

/// Similarities summed over a set of article pairs, for averages over a story's members.
struct LinkSum {
    private var total = 0.0
    private var entityTotal = 0.0
    /// Pairs added.
    private(set) var count = 0

    /// Adds one pair's combined score and entity overlap.
    mutating func add(_ pair: (score: Double, entities: Double)) {
        total += pair.score
        entityTotal += pair.entities
        count += 1
    }

    /// Adds every pair of `other`.
    mutating func merge(_ other: LinkSum) {
        total += other.total
        entityTotal += other.entityTotal
        count += other.count
    }

    /// Average combined score (0 with no pairs).
    var score: Double { count > 0 ? total / Double(count) : 0 }
    /// Average entity overlap (0 with no pairs).
    var entities: Double { count > 0 ? entityTotal / Double(count) : 0 }
}

extension StoryGrouper {
    /// 1 inside the full-weight window, falling linearly to 0 at the maximum gap.
    static func timeFactor(seconds: Double, _ configuration: Configuration) -> Double {
        if seconds <= configuration.fullWeightWindow { return 1 }
        if seconds >= configuration.maximumGap { return 0 }
        return (configuration.maximumGap - seconds) / (configuration.maximumGap - configuration.fullWeightWindow)
    }

    /// The week number (since 1970) of a time, the LSH index's time bucket.
    static func week(of millis: Int64) -> Int {
        Int((Double(millis) / (7 * 86_400_000)).rounded(.down))
    }
}
