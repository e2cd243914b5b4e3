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
        // Exactly the room needed: a story opened by this article keeps these arrays.
        let distinct = sorted.indices.reduce(0) { $0 + ($1 == 0 || sorted[$1 - 1] != sorted[$1] ? 1 : 0) }
        ids.reserveCapacity(distinct)
        counts.reserveCapacity(distinct)
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
        // A story's first member shares its vectors' storage rather than copying it.
        if other.ids.isEmpty { return self }
        if ids.isEmpty && sign > 0 { return other }
        var outIds: [Int32] = [], outCounts: [Float] = []
        // Exactly the room the result needs: a story keeps what it reserves.
        let room = sign > 0 ? ids.count + other.ids.count - Similarity.sharedCount(ids, other.ids) : ids.count
        outIds.reserveCapacity(room)
        outCounts.reserveCapacity(room)
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

    /// The counts of `part` (a subset of `whole`'s ids) at `whole`'s indices, zero where `part` lacks the id.
    static func counts(of part: SparseTerms, alignedWith whole: SparseTerms) -> [Float] {
        var result = [Float](repeating: 0, count: whole.count)
        forEachShared(part.ids, whole.ids) { i, j in result[j] = part.counts[i] }
        return result
    }

    /// `dot` over `aNorm` times `bNorm`, or 0 when either vector is empty.
    static func cosine(dot: Double, _ aNorm: Double, _ bNorm: Double) -> Double {
        aNorm > 0 && bNorm > 0 ? dot / (aNorm * bNorm) : 0
    }

    /// How many ids two ascending id lists share.
    static func sharedCount(_ aIds: [Int32], _ bIds: [Int32]) -> Int {
        var shared = 0
        forEachShared(aIds, bIds) { _, _ in shared += 1 }
        return shared
    }

    /// Calls `body` with the index in `a` and in `b` of every id both hold (ascending id lists), in
    /// ascending id order. A `b` far longer than `a` is searched rather than walked.
    @inline(__always)
    static func forEachShared(_ aIds: [Int32], _ bIds: [Int32], _ body: (Int, Int) -> Void) {
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
