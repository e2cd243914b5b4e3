import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// A 50 MB feed, generated here rather than committed, streams through within the size cap. Large
    /// inputs run in their own process beside the other suites (Tools/test.sh).
    @Suite(.serialized) struct XMLFeedLargeInputTests {
        /// About 50 MB of RSS: `count` items of roughly 1 KB each.
        static func largeFeed(items count: Int) -> Data {
            var xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bulk Wire</title>
                <link>https://bulk-wire.example/</link><language>en</language>

                """
            xml.reserveCapacity(count * 1_100 + 1_000)
            let body = String(repeating: "Crates of oranges were counted at the quay before the night shift began. ", count: 11)
            for index in 0..<count {
                let day = index % 28 + 1
                xml += """
                    <item><guid isPermaLink="false">bulk-\(index)</guid><title>Cargo report number \(index)</title>\
                    <link>https://bulk-wire.example/cargo/\(index)</link><dc:creator>Desk \(index % 7)</dc:creator>\
                    <pubDate>Mon, \(day < 10 ? "0" : "")\(day) Sep 2025 10:00:00 +0000</pubDate>\
                    <description>\(body)</description></item>

                    """
            }
            xml += "</channel></rss>\n"
            return Data(xml.utf8)
        }

        @Test func fiftyMegabyteFeedParsesWithinTheCap() throws {
            let count = 48_000
            let data = Self.largeFeed(items: count)
            #expect(data.count > 50_000_000)
            #expect(data.count < XMLFeedParser.defaultMaxBytes)

            #expect(throws: FeedFormatError.tooLarge(bytes: data.count, limit: 50_000_000)) {
                _ = try XMLFeedParser(maxBytes: 50_000_000).parse(data)
            }
            let result = try XMLFeedParser().parse(data)
            #expect(result.problems.isEmpty)
            #expect(result.articles.count == count)
            #expect(Set(result.articles.map(\.id)).count == count)
            let last = try #require(result.articles.last)
            #expect(last.title == "Cargo report number \(count - 1)")
            #expect(last.byline == "By Desk \((count - 1) % 7)")
            #expect(last.blocks.count == 1)
        }
    }
}
