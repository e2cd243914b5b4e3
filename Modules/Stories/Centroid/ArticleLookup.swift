import Foundation

/// Where each term of the article being scored sits in its vectors, by term id: a candidate story's
/// vectors are walked once and every id is answered from two arrays, with no merge and no hashing.
/// Loading the next article only moves a stamp, so nothing is cleared between articles.
struct ArticleLookup: Sendable {
    /// The load each id was last set in; an id whose stamp is not `current` is not the article's.
    private var stamps: [UInt32] = []
    /// The id's index in the article vector it belongs to (title+body for terms, names for entities).
    private var slots: [Int32] = []
    private var current: UInt32 = 0

    /// Makes the ids of `vectors` (disjoint id sets) the article's, each at its index in its vector.
    mutating func load(_ vectors: SparseTerms..., vocabulary: Int) {
        if stamps.count < vocabulary {
            stamps.append(contentsOf: repeatElement(0, count: vocabulary - stamps.count))
            slots.append(contentsOf: repeatElement(0, count: vocabulary - slots.count))
        }
        if current == UInt32.max {
            for i in stamps.indices { stamps[i] = 0 }
            current = 0
        }
        current += 1
        for vector in vectors {
            for (i, id) in vector.ids.enumerated() {
                stamps[Int(id)] = current
                slots[Int(id)] = Int32(i)
            }
        }
    }

    /// The index of `id` in the article vector holding it, or nil when the article lacks it.
    @inline(__always)
    func index(of id: Int32) -> Int? {
        let i = Int(id)
        return i < stamps.count && stamps[i] == current ? Int(slots[i]) : nil
    }

    /// The IDF-weighted dot products of a story's `story` vector with two count vectors of the
    /// article, `first` and `second`, both aligned with the article vector of ids `ids` (weights
    /// `weights` at the same indices; a zero count is a term that part lacks). A story far larger
    /// than the article is searched from the article's side instead of walked.
    func dots(_ story: SparseTerms, ids: [Int32], first: [Float], second: [Float]? = nil, weights: [Float]) -> (Double, Double) {
        var a = 0.0, b = 0.0
        func add(_ i: Int, _ j: Int) {
            let w = Double(weights[i]), other = Double(story.counts[j])
            if first[i] > 0 { a += Double(first[i]) * other * w * w }
            if let second, second[i] > 0 { b += Double(second[i]) * other * w * w }
        }
        if story.count > 16 * ids.count {
            Similarity.forEachShared(ids, story.ids, add)
        } else {
            for j in story.ids.indices {
                if let i = index(of: story.ids[j]) { add(i, j) }
            }
        }
        return (a, b)
    }
}
