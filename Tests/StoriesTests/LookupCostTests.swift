import Foundation
import NewsModels
import Stories
import Testing

extension StoriesTests {
    /// The candidate lookup must not turn into an all-pairs scan: comparisons per article stay flat
    /// while the store grows many times over.
    @Suite struct LookupCost {
        /// A deterministic synthetic article: a few words shared by the whole corpus (so buckets do
        /// collide) plus words unique to the article.
        static func synthetic(_ n: Int, perDay: Int) -> Article {
            var state = UInt64(n) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            let common = (0..<6).map { _ in "topic\(next(40))" }
            let own = (0..<8).map { "word\(n)x\($0)" }
            let millis = Int64(n / perDay) * 86_400_000 + Int64(n % perDay) * 60_000
            return Article(id: "synthetic-\(n)", source: Source(id: "s\(n % 7)", name: "S"), title: (common.prefix(3) + own.prefix(3)).joined(separator: " "),
                           publishedAt: Timestamp(epochMilliseconds: 1_735_689_600_000 + millis),
                           blocks: [.paragraph(text: (common + own).joined(separator: " "))])
        }

        @Test func comparisonsPerAssignStayBoundedAsTheStoreGrows() {
            var grouper = StoryGrouper()
            var perAssign: [Int] = []
            let total = 3_000
            for n in 0..<total {
                _ = grouper.assign(Self.synthetic(n, perDay: 20))
                perAssign.append(grouper.lastComparisonCount)
            }
            let early = Double(perAssign[500..<700].reduce(0, +)) / 200
            let late = Double(perAssign[(total - 200)..<total].reduce(0, +)) / 200
            print("comparisons per assign: early \(early), late \(late), max \(perAssign.max() ?? 0), store \(total)")
            #expect(early > 0, "the synthetic corpus must make buckets collide, or the test shows nothing")
            #expect(late <= early * 1.5 + 1)
            #expect((perAssign.max() ?? 0) < total / 5)
            #expect(grouper.comparisonCount == perAssign.reduce(0, +))
        }
    }
}
