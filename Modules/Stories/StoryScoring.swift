import Foundation

/// How two articles score against each other: IDF-weighted term cosine and entity overlap, scaled
/// down by the time between them.
extension StoryGrouper {
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

    /// Inverse document frequency over the articles the index holds; unseen terms weigh most.
    func idf(_ key: String) -> Double {
        log(1 + Double(entryCount + 1) / Double((documentFrequency[key] ?? 0) + 1))
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

    /// The week number (since 1970) of a time, the LSH index's time bucket.
    static func week(of millis: Int64) -> Int {
        Int((Double(millis) / (7 * 86_400_000)).rounded(.down))
    }
}
