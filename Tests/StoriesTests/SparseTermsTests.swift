import Foundation
@testable import Stories
import Testing

extension StoriesTests {
    /// Sorted sparse term vectors give what dictionaries of counts give.
    @Suite struct SparseTermVectors {
        /// A seeded generator of id lists with repeats, some much longer than others.
        struct Lists {
            var state: UInt64 = 7
            mutating func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            mutating func ids() -> [Int32] { (0..<next(next(2) == 0 ? 12 : 400)).map { _ in Int32(next(300)) } }
        }

        static func dictionary(_ ids: [Int32]) -> [Int32: Float] { ids.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

        static func dictionary(_ terms: SparseTerms) -> [Int32: Float] {
            Dictionary(uniqueKeysWithValues: zip(terms.ids, terms.counts))
        }

        /// An IDF that is the same for an id however often it is asked.
        struct FixedWeights: IDFSource {
            func idf(_ id: Int32) -> Float { 1 + Float(id % 17) / 4 }
        }

        @Test func sumsDifferencesAndMissingIdsMatchDictionaries() {
            var lists = Lists()
            for _ in 0..<200 {
                let a = lists.ids(), b = lists.ids()
                let x = SparseTerms(counting: a), y = SparseTerms(counting: b)
                #expect(x.ids == x.ids.sorted() && Set(x.ids).count == x.count)
                #expect(Self.dictionary(x) == Self.dictionary(a))
                let sum = x.combined(with: y)
                #expect(Self.dictionary(sum) == Self.dictionary(a + b))
                #expect(sum.combined(with: y, sign: -1) == x, "taking out what was added leaves what was there")
                #expect(Set(x.missing(from: y)) == Set(b).subtracting(a))
                for id in Int32(0)..<300 { #expect(x.contains(id) == a.contains(id)) }
            }
        }

        @Test func dotProductsThroughTheArticleLookupMatchDictionaries() {
            var lists = Lists(state: 11)
            var idf = FixedWeights()
            var lookup = ArticleLookup()
            for _ in 0..<200 {
                // Some stories are far larger than the article (searched), some not (walked).
                let x = SparseTerms(counting: lists.ids()), y = SparseTerms(counting: lists.ids())
                let title = SparseTerms(counting: Array(x.ids.prefix(lists.next(6))))
                let dx = Self.dictionary(x), dy = Self.dictionary(y), dt = Self.dictionary(title)
                func reference(_ a: [Int32: Float], _ b: [Int32: Float]) -> Double {
                    a.reduce(0.0) { $0 + Double($1.value) * Double(b[$1.key] ?? 0) * pow(Double(idf.idf($1.key)), 2) }
                }
                lookup.load(x, vocabulary: 300)
                let dots = lookup.dots(y, ids: x.ids, first: x.counts, second: Similarity.counts(of: title, alignedWith: x), weights: x.weights(&idf))
                #expect(abs(dots.0 - reference(dx, dy)) < 1e-9 * max(1, dots.0))
                #expect(abs(dots.1 - reference(dt, dy)) < 1e-9 * max(1, dots.1))
                for id in Int32(0)..<300 { #expect((lookup.index(of: id) != nil) == x.contains(id)) }
            }
        }

        @Test func rarestTermsAreTheHighestWeightsWithTiesToTheHigherId() {
            var lists = Lists(state: 5)
            for _ in 0..<200 {
                let ids = SparseTerms(counting: lists.ids()).ids
                let weights = ids.map { _ in Float(lists.next(5)) }
                let expected = ids.indices.sorted { (weights[$0], ids[$0]) > (weights[$1], ids[$1]) }.prefix(8)
                #expect(CentroidGrouper.rarest(8, of: ids, weights: weights) == Array(expected))
            }
        }
    }
}
