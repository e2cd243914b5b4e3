import Foundation
import NewsModels

/// The benchmark's peer: groups articles by TF-IDF cosine against every earlier article, with no
/// candidate index, so each assignment scans the whole history.
///
/// Scoring mirrors `StoryGrouper` where it can from outside the module: headline, dek and lead words,
/// the same time window (full weight for 10 days, nothing past 21), join the best match above a
/// threshold. Vectors are weighted with the IDF known when the article arrived and stored unit-length,
/// the usual incremental TF-IDF setup, so one comparison is one sparse dot product.
struct AllPairsGrouper {
    /// Tuning of the peer.
    struct Configuration {
        /// Minimum time-weighted cosine for an article to join the story of its best match. Chosen on
        /// seed 1 (the benchmark uses 7) as the value whose story count came closest to the truth; on
        /// this templated corpus no threshold separates stories well by words alone.
        var joinThreshold = 0.45
        /// Articles this close in time are compared at full weight.
        var fullWeightWindow: Int64 = 10 * 86_400_000
        /// Articles further apart than this are skipped without scoring.
        var maximumGap: Int64 = 21 * 86_400_000
        /// Body words read after headline and dek, whole paragraphs at a time.
        var leadWords = 120
    }

    /// One stored article: its unit TF-IDF vector as sorted term ids and weights.
    private struct Vector {
        var termIds: [Int32]
        var weights: [Double]
        var storyIndex: Int
    }

    /// The configuration in use.
    let configuration: Configuration
    /// Story of each assigned article, in assignment order, as the index of the story's first article.
    private(set) var storyOfArticle: [Int] = []
    /// Number of stories opened so far.
    private(set) var storyCount = 0
    /// Cosines computed by the latest `assign(_:)` (earlier articles inside the time window).
    private(set) var lastComparisonCount = 0
    /// Earlier articles visited by the latest `assign(_:)`, scored or not.
    private(set) var lastScanCount = 0

    private var vectors: [Vector] = []
    // Publication times apart from the vectors so the time check runs over one contiguous array.
    private var publishedMillis: [Int64] = []
    private var termIds: [String: Int32] = [:]
    private var documentFrequency: [Int] = []

    /// Creates an empty peer grouper.
    init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Puts `article` into the story of its best-scoring earlier article, or opens a new story;
    /// returns the story's index.
    mutating func assign(_ article: Article) -> Int {
        let vector = vectorize(article)
        let millis = article.publishedAt.epochMilliseconds
        var best: (score: Double, story: Int)?
        lastComparisonCount = 0
        lastScanCount = vectors.count
        for index in vectors.indices {
            let gap = abs(millis - publishedMillis[index])
            guard gap < configuration.maximumGap else { continue }
            lastComparisonCount += 1
            let score = timeFactor(gap: gap) * Self.dot(vector.termIds, vector.weights, vectors[index].termIds, vectors[index].weights)
            if score >= configuration.joinThreshold, score > (best?.score ?? -1) { best = (score, vectors[index].storyIndex) }
        }
        let story: Int
        if let best { story = best.story } else { story = storyCount; storyCount += 1 }
        vectors.append(Vector(termIds: vector.termIds, weights: vector.weights, storyIndex: story))
        publishedMillis.append(millis)
        storyOfArticle.append(story)
        return story
    }

    /// 1 inside the full-weight window, falling linearly to 0 at the maximum gap.
    func timeFactor(gap: Int64) -> Double {
        if gap <= configuration.fullWeightWindow { return 1 }
        if gap >= configuration.maximumGap { return 0 }
        return Double(configuration.maximumGap - gap) / Double(configuration.maximumGap - configuration.fullWeightWindow)
    }

    /// Counts the article's words, updates document frequencies, and returns its unit vector.
    private mutating func vectorize(_ article: Article) -> (termIds: [Int32], weights: [Double]) {
        var counts: [Int32: Int] = [:]
        for word in Self.words(of: article, leadWords: configuration.leadWords) {
            let id: Int32
            if let known = termIds[word] {
                id = known
            } else {
                id = Int32(documentFrequency.count)
                termIds[word] = id
                documentFrequency.append(0)
            }
            counts[id, default: 0] += 1
        }
        let ids = counts.keys.sorted()
        for id in ids { documentFrequency[Int(id)] += 1 }
        let documents = Double(vectors.count + 1)
        var weights = ids.map { id in
            (1 + log(Double(counts[id]!))) * log(1 + documents / Double(documentFrequency[Int(id)]))
        }
        let norm = weights.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { weights = weights.map { $0 / norm } }
        return (ids, weights)
    }

    /// Dot product of two sparse vectors whose ids are sorted.
    static func dot(_ aIds: [Int32], _ aWeights: [Double], _ bIds: [Int32], _ bWeights: [Double]) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < aIds.count, j < bIds.count {
            if aIds[i] == bIds[j] {
                sum += aWeights[i] * bWeights[j]; i += 1; j += 1
            } else if aIds[i] < bIds[j] { i += 1 } else { j += 1 }
        }
        return sum
    }

    /// Lowercased words of three letters or more, minus common function words, from the headline,
    /// dek and the first paragraphs up to `leadWords` words.
    static func words(of article: Article, leadWords: Int) -> [String] {
        var texts = [article.title, article.dek ?? ""]
        var read = 0
        for block in article.blocks where read < leadWords {
            guard case let .paragraph(text, _) = block else { continue }
            texts.append(text)
            read += text.split(whereSeparator: \.isWhitespace).count
        }
        return texts.flatMap { text in
            text.lowercased().split { !$0.isLetter && !$0.isNumber }
                .filter { $0.count >= 3 }
                .map(String.init)
                .filter { !functionWords.contains($0) }
        }
    }

    /// Words too common to say what an article is about.
    static let functionWords: Set<String> = [
        "the", "and", "for", "that", "with", "from", "this", "was", "were", "are", "has", "have", "had",
        "its", "his", "her", "their", "they", "said", "says", "will", "would", "been", "but", "not",
        "after", "before", "over", "into", "about", "than", "which", "who", "when", "where", "also", "more",
    ]
}
