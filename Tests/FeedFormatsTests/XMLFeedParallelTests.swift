@testable import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Items become articles on several threads; the result must not depend on how many.
    @Suite struct XMLFeedParallelMapping {
        /// `count` items of every kind the mapper handles differently: HTML bodies with links and lists,
        /// plain-text bodies, unreadable and missing dates (skipped without a fallback), reused guids
        /// and items keyed by title alone.
        static func mixedFeed(items count: Int) -> Data {
            var xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Quay Ledger</title><link>https://quay-ledger.example/</link>

                """
            for index in 0..<count {
                let date: String
                switch index % 11 {
                case 3: date = "<pubDate>not a date \(index)</pubDate>"
                case 7: date = ""
                default: date = "<pubDate>Tue, \(index % 28 + 1) Oct 2025 08:\(index % 60 < 10 ? "0" : "")\(index % 60):00 +0200</pubDate>"
                }
                let guid = index % 13 == 5 ? "<guid>reused</guid>" : index % 17 == 2 ? "" : "<guid>q-\(index)</guid>"
                let body = index % 2 == 0
                    ? "&lt;p&gt;Berth \(index) cleared &lt;a href=\"/berths/\(index)\"&gt;the log&lt;/a&gt;.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;crates \(index * 3)&lt;/li&gt;&lt;/ul&gt;"
                    : "Berth \(index) cleared at dawn.\n\nTide \(index % 5) metres."
                xml += "<item>\(guid)<title>Berth report \(index % 400)</title>\(date)<description>\(body)</description></item>\n"
            }
            return Data((xml + "</channel></rss>\n").utf8)
        }

        @Test(arguments: [2, 3, 8])
        func articlesAndProblemsMatchOneThread(workers: Int) throws {
            // More than two windows, and not a whole number of chunks, so every boundary is crossed.
            let count = ParallelItems.window * 2 + ParallelItems.chunk * 3 + 5
            let data = Self.mixedFeed(items: count)
            var sequential = XMLFeedParser()
            sequential.workers = 1
            var parallel = XMLFeedParser()
            parallel.workers = workers
            let expected = try sequential.parse(data)
            let result = try parallel.parse(data)
            #expect(expected.articles.count > count / 2)
            #expect(!expected.problems.isEmpty)
            #expect(result.articles.map(\.id) == expected.articles.map(\.id))
            #expect(result.problems == expected.problems)
            #expect(result == expected)
        }

        @Test func collectsInIndexOrderWhateverFinishesFirst() {
            let count = ParallelItems.window + 37
            var seen: [Int] = []
            ParallelItems.forEach(count: count, workers: 4) { index in
                // Uneven work: later items in each chunk are cheaper, so threads finish out of order.
                (0..<((count - index) % 50) * 100).reduce(index) { $0 &+ $1 } == Int.min ? -1 : index
            } collect: { index, output in
                #expect(output == index)
                seen.append(index)
            }
            #expect(seen == Array(0..<count))
        }
    }
}
