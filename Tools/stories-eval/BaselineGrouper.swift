import Foundation
import NewsModels

/// The reference baseline of the labelled set's README: single-pass TF-IDF with headline words
/// counted twice; an article joins the most similar cluster (cosine to the cluster's summed
/// vector) when that reaches `threshold` and the cluster's newest article is within `days`.
/// IDF counts only the articles seen so far.
struct BaselineGrouper {
    var threshold = 0.2
    var days = 3.0

    private var documents = 0
    private var frequency: [String: Int] = [:]
    private var clusters: [(counts: [String: Double], newest: Int64)] = []

    init(threshold: Double = 0.2, days: Double = 3) {
        self.threshold = threshold
        self.days = days
    }

    /// Lowercased words of two or more letters or digits, without common English function words.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count >= 2 && !stopwords.contains($0) }
    }

    static let stopwords: Set<String> = [
        "the", "and", "for", "that", "with", "was", "are", "has", "have", "had", "its", "his", "her", "their", "from",
        "this", "but", "not", "will", "been", "were", "said", "says", "who", "which", "what", "when", "than", "they",
        "about", "after", "would", "could", "more", "also", "into", "over", "out", "on", "in", "of", "to", "a", "an",
        "is", "it", "as", "at", "by", "be", "or", "he", "she", "we", "you", "i", "our", "us", "new",
    ]

    /// Assigns `article` to a cluster number.
    mutating func assign(_ article: Article) -> Int {
        var counts: [String: Double] = [:]
        for word in Self.words(article.title) { counts[word, default: 0] += 2 }
        for word in Self.words(article.bodyText) { counts[word, default: 0] += 1 }
        documents += 1
        for word in counts.keys { frequency[word, default: 0] += 1 }
        func idf(_ word: String) -> Double { log(Double(documents + 1) / Double((frequency[word] ?? 0) + 1)) + 1 }
        func weighted(_ c: [String: Double]) -> [String: Double] { c.reduce(into: [:]) { $0[$1.key] = $1.value * idf($1.key) } }
        let vector = weighted(counts)
        let norm = vector.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let millis = article.publishedAt.epochMilliseconds
        var best: (cluster: Int, score: Double)?
        for (i, cluster) in clusters.enumerated() where Double(millis - cluster.newest) <= days * 86_400_000 {
            let other = weighted(cluster.counts)
            let otherNorm = other.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var dot = 0.0
            for (word, w) in vector { dot += w * (other[word] ?? 0) }
            let score = norm > 0 && otherNorm > 0 ? dot / (norm * otherNorm) : 0
            if score > (best?.score ?? -1) { best = (i, score) }
        }
        if let best, best.score >= threshold {
            for (word, c) in counts { clusters[best.cluster].counts[word, default: 0] += c }
            clusters[best.cluster].newest = max(clusters[best.cluster].newest, millis)
            return best.cluster
        }
        clusters.append((counts, millis))
        return clusters.count - 1
    }
}
