import Foundation

/// Sparse term counts: vocabulary ids in ascending order beside their counts. Two vectors meet in
/// one merge pass with no hashing, and a term costs 8 bytes rather than a dictionary slot.
struct SparseTerms: Sendable, Equatable {
    /// Vocabulary ids, ascending, each once.
    private(set) var ids: [Int32] = []
    /// The count of each id in `ids`, at the same index.
    private(set) var counts: [Float] = []

    /// No terms.
    init() {}

    /// The counts of `unsorted` (any order; an id given twice counts twice).
    init(counting unsorted: [Int32]) {
        let sorted = unsorted.sorted()
        ids.reserveCapacity(sorted.count)
        counts.reserveCapacity(sorted.count)
        for id in sorted {
            if ids.last == id { counts[counts.count - 1] += 1 } else { ids.append(id); counts.append(1) }
        }
    }

    private init(ids: [Int32], counts: [Float]) {
        self.ids = ids
        self.counts = counts
    }

    /// Distinct terms held.
    var count: Int { ids.count }

    /// Whether `id` has a count.
    func contains(_ id: Int32) -> Bool {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id
    }

    /// The ids of `other` that `self` does not hold.
    func missing(from other: SparseTerms) -> [Int32] {
        var result: [Int32] = []
        var i = 0
        for id in other.ids {
            while i < ids.count && ids[i] < id { i += 1 }
            if i == ids.count || ids[i] != id { result.append(id) }
        }
        return result
    }

    /// The sum of `self` and `other`, or with `sign` -1 the difference, dropping ids whose count
    /// falls to half or below (counts are whole numbers, so what is left is exactly what was added).
    func combined(with other: SparseTerms, sign: Float = 1) -> SparseTerms {
        var outIds: [Int32] = [], outCounts: [Float] = []
        outIds.reserveCapacity(ids.count + (sign > 0 ? other.ids.count : 0))
        outCounts.reserveCapacity(outIds.capacity)
        func emit(_ id: Int32, _ count: Float) {
            if count > 0.5 { outIds.append(id); outCounts.append(count) }
        }
        var i = 0, j = 0
        while i < ids.count || j < other.ids.count {
            if j == other.ids.count || (i < ids.count && ids[i] < other.ids[j]) {
                emit(ids[i], counts[i]); i += 1
            } else if i == ids.count || other.ids[j] < ids[i] {
                emit(other.ids[j], sign * other.counts[j]); j += 1
            } else {
                emit(ids[i], counts[i] + sign * other.counts[j]); i += 1; j += 1
            }
        }
        return SparseTerms(ids: outIds, counts: outCounts)
    }

    /// The IDF weight of each id, at the same index as `ids`.
    func weights<Source: IDFSource>(_ idf: inout Source) -> [Float] {
        ids.map { idf.idf($0) }
    }
}

/// IDF weights of vocabulary ids.
protocol IDFSource {
    /// The inverse document frequency of `id`.
    mutating func idf(_ id: Int32) -> Float
}

/// IDF-weighted norms and cosines of sparse term counts.
enum Similarity {
    /// The Euclidean norm of `terms`, each weighted by `weights` at its index.
    static func norm(_ terms: SparseTerms, weights: [Float]) -> Double {
        var sum = 0.0
        for i in terms.ids.indices { let w = Double(terms.counts[i] * weights[i]); sum += w * w }
        return sum.squareRoot()
    }

    /// The Euclidean norm of `terms` weighted by `idf`.
    static func norm<Source: IDFSource>(_ terms: SparseTerms, idf: inout Source) -> Double {
        norm(terms, weights: terms.weights(&idf))
    }

    /// Cosine of an article's `a` (IDF `weights` at its indices, norm `aNorm`) and a story's `b`
    /// (norm `bNorm`). A story far larger than the article is searched rather than walked.
    static func cosine(_ a: SparseTerms, weights: [Float], _ aNorm: Double, _ b: SparseTerms, _ bNorm: Double) -> Double {
        guard aNorm > 0, bNorm > 0 else { return 0 }
        var dot = 0.0
        forEachShared(a, b) { i, j in
            let w = Double(weights[i])
            dot += Double(a.counts[i]) * Double(b.counts[j]) * w * w
        }
        return dot / (aNorm * bNorm)
    }

    /// The counts of `part` (a subset of `whole`'s ids) at `whole`'s indices, zero where `part` lacks the id.
    static func counts(of part: SparseTerms, alignedWith whole: SparseTerms) -> [Float] {
        var result = [Float](repeating: 0, count: whole.count)
        forEachShared(part, whole) { i, j in result[j] = part.counts[i] }
        return result
    }

    /// The cosines to a story's `b` (norm `bNorm`) of an article's `a` (IDF `weights` at its
    /// indices, norm `aNorm`) and of the part of `a` with `titleCounts` at the same indices (norm
    /// `titleNorm`), in one pass: the article's title+body and headline against the story's title+body.
    static func cosines(_ a: SparseTerms, weights: [Float], _ aNorm: Double, titleCounts: [Float], _ titleNorm: Double,
                        _ b: SparseTerms, _ bNorm: Double) -> (all: Double, title: Double) {
        guard aNorm > 0, bNorm > 0 else { return (0, 0) }
        var dot = 0.0, titleDot = 0.0
        forEachShared(a, b) { i, j in
            let w = Double(weights[i]), other = Double(b.counts[j])
            dot += Double(a.counts[i]) * other * w * w
            if titleCounts[i] > 0 { titleDot += Double(titleCounts[i]) * other * w * w }
        }
        return (dot / (aNorm * bNorm), titleNorm > 0 ? titleDot / (titleNorm * bNorm) : 0)
    }

    /// Calls `body` with the index in `a` and in `b` of every id both hold, in ascending id order.
    @inline(__always)
    static func forEachShared(_ a: SparseTerms, _ b: SparseTerms, _ body: (Int, Int) -> Void) {
        let aIds = a.ids, bIds = b.ids
        guard !aIds.isEmpty, !bIds.isEmpty else { return }
        if bIds.count > 4 * aIds.count {
            var low = 0
            for i in aIds.indices {
                let id = aIds[i]
                var high = bIds.count
                while low < high {
                    let mid = (low + high) / 2
                    if bIds[mid] < id { low = mid + 1 } else { high = mid }
                }
                if low == bIds.count { return }
                if bIds[low] == id { body(i, low) }
            }
            return
        }
        var i = 0, j = 0
        while i < aIds.count && j < bIds.count {
            let x = aIds[i], y = bIds[j]
            if x < y { i += 1 } else if y < x { j += 1 } else { body(i, j); i += 1; j += 1 }
        }
    }
}
