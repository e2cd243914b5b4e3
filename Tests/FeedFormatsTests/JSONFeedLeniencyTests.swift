import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// A JSON Feed keeps every item a peer reader keeps: a wrongly typed optional field loses only
    /// itself, an unreadable date only the date, a feed without a home page is named by its origin.
    @Suite struct JSONFeedLeniency {
        static let fallback = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!

        static func parse(_ items: String, extra: String = "") throws -> FeedParseResult {
            try FeedFormatsTests.parse(FeedFormatsTests.feed(items, extra: extra), JSONFeedParser(undatedFallback: fallback))
        }

        @Test func wronglyTypedOptionalFieldsLoseOnlyThemselves() throws {
            let item = #"""
            {"id":"w1","url":17,"title":["Weir"],"summary":{"x":1},"image":false,"tags":[3,"Locks",null],
             "language":9,"content_text":"The weir holds.","date_published":"2025-01-05T08:00:00Z"}
            """#
            let result = try Self.parse(item)
            #expect(result.problems.isEmpty)
            let article = try #require(result.articles.first)
            #expect(article.url == nil && article.title == "" && article.dek == nil && article.image == nil)
            #expect(article.categories == ["Locks"])
            #expect(article.blocks.map(\.plainText) == ["The weir holds."])
        }

        @Test func unreadableDatesLoseTheDateNeverTheItem() throws {
            let items = #"""
            {"id":"d1","date_published":"2018-01-06T08:00"},
            {"id":"d2","date_published":"Seg, 24 Set 2018 10:00:00 -0300"},
            {"id":"d3","date_published":"next Tuesday","date_modified":"2025-02-01T10:00:00Z"},
            {"id":"d4","date_published":"soon"},
            {"id":"d5","date_published":42}
            """#
            let result = try Self.parse(items)
            #expect(result.problems.isEmpty)
            #expect(result.articles.map(\.publishedAt.rfc3339) == [
                "2018-01-06T08:00:00Z", "2018-09-24T10:00:00-03:00", "2025-02-01T10:00:00Z",
                Self.fallback.rfc3339, Self.fallback.rfc3339,
            ])
            let strict = try FeedFormatsTests.parse(FeedFormatsTests.feed(items))
            #expect(strict.articles.count == 3, "without a fallback date an undated item is reported, not made up")
        }

        @Test func authorsAsObjectsStringsOrOneObject() throws {
            let items = #"""
            {"id":"a1","authors":["Ada Quill",{"name":"Bo Strand"},7],"date_published":"2025-01-01T00:00:00Z"},
            {"id":"a2","author":{"name":"Cy Marr","url":"https://cy.example"},"date_published":"2025-01-01T00:00:00Z"},
            {"id":"a3","author":"Di Fenn","date_published":"2025-01-01T00:00:00Z"},
            {"id":"a4","authors":{"name":"Eve Lark"},"date_published":"2025-01-01T00:00:00Z"}
            """#
            let result = try Self.parse(items)
            #expect(result.articles.map(\.byline) == ["By Ada Quill and Bo Strand", "By Cy Marr", "By Di Fenn", "By Eve Lark"])
        }

        @Test func anItemWithoutContentKeepsItsTitleAndSummary() throws {
            let result = try Self.parse(#"{"id":"t1","title":"Ferry delayed","summary":"Fog on the estuary.","date_published":"2025-01-01T00:00:00Z"}"#)
            let article = try #require(result.articles.first)
            #expect(article.title == "Ferry delayed" && article.dek == "Fog on the estuary." && article.blocks.isEmpty)
        }

        @Test func aFeedWithoutAHomePageIsNamedByWhereItCameFrom() throws {
            let feed = Data(#"""
            {"version":"https://jsonfeed.org/version/1","title":"Nowhere Notes","items":[{"id":"n1","title":"First","content_text":"Hello."}]}
            """#.utf8)
            let fromFile = try FeedDocument.parseFeed(feed, origin: .file("notes.json"), undatedFallback: Self.fallback)
            #expect(fromFile.source == Source(id: "file:notes.json", name: "Nowhere Notes"))
            #expect(fromFile.articles.map(\.source) == [fromFile.source])
            #expect(fromFile.articles.first?.id == FeedArticleID.make(sourceID: "file:notes.json", itemKey: "n1"))
            #expect(fromFile.articles.first?.publishedAt == Self.fallback)
            let fetched = try FeedDocument.parseFeed(feed, origin: .url("https://www.nowhere.example/notes/feed.json"), undatedFallback: Self.fallback)
            #expect(fetched.source.id == "nowhere.example/notes/feed.json")
            #expect(fetched.source.name == "Nowhere Notes")
            let untitled = Data(#"{"version":"https://jsonfeed.org/version/1.1","items":[]}"#.utf8)
            #expect(try FeedDocument.parseFeed(untitled, origin: .file("bare.json")).source == Source(id: "file:bare.json", name: "bare.json"))
        }
    }
}
