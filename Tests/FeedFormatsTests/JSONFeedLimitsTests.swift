import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// A JSON Feed is read item by item within fixed caps, so what a feed may make the reader hold
    /// is bounded by its caps, never by how it is shaped.
    @Suite struct JSONFeedLimits {
        static func item(_ id: String, _ extra: String = "") -> String {
            #"{"id":"\#(id)","title":"Weir \#(id)","date_published":"2025-03-01T09:00:00Z"\#(extra)}"#
        }

        @Test func itemsPastTheCapAreNotReadAndOneProblemSaysSo() throws {
            let items = (0..<7).map { Self.item("i\($0)") }.joined(separator: ",")
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(items), JSONFeedParser(maxItems: 5))
            #expect(result.articles.map(\.title) == (0..<5).map { "Weir i\($0)" })
            #expect(result.problems.map(\.description) == ["items[5]: the feed has more than 5 items; the rest are not read"])
            #expect(JSONFeedParser().maxItems == 100_000)
            // Exactly at the cap: no problem.
            let atCap = try FeedFormatsTests.parse(FeedFormatsTests.feed(items), JSONFeedParser(maxItems: 7))
            #expect(atCap.articles.count == 7 && atCap.problems.isEmpty)
        }

        @Test func aUsedFieldWithTooManyValuesSkipsItsItemOnly() throws {
            let tags = (0..<10_001).map { "\"t\($0)\"" }.joined(separator: ",")
            let items = [Self.item("wide", #","tags":[\#(tags)]"#), Self.item("fine")].joined(separator: ",")
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(items))
            #expect(result.articles.map(\.title) == ["Weir fine"])
            #expect(result.problems.map(\.description) == [#"items[0] (id "wide"): tags: more than 10000 values nested in one field"#])
        }

        @Test func unknownMembersAreSkippedWhateverTheirShape() throws {
            // Wide and deep (below the nesting cap) unknown members cost nothing and lose nothing.
            let wide = "[" + Array(repeating: "{\"k\":[1,2,3]}", count: 20_000).joined(separator: ",") + "]"
            let deep = String(repeating: "[", count: 250) + String(repeating: "]", count: 250)
            let items = Self.item("odd", #","_wide":\#(wide),"_deep":\#(deep),"_x":{"a":"\u001b[2J"}"#)
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(items, extra: #","_feedwide":\#(wide)"#))
            #expect(result.articles.map(\.title) == ["Weir odd"] && result.problems.isEmpty)
        }

        @Test func nestingPastTheCapIsRefusedEvenInAnUnknownMember() {
            let deep = String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300)
            let json = FeedFormatsTests.feed(Self.item("deep", #","_ext":\#(deep)"#))
            #expect(throws: FeedFormatError.self) { try FeedFormatsTests.parse(json) }
            do {
                _ = try FeedFormatsTests.parse(json)
            } catch {
                #expect((error as? FeedFormatError)?.description.hasSuffix("nested deeper than 256 levels") == true)
            }
        }

        @Test func categoriesAreCappedAtTheFirstHundredDistinctTags() throws {
            let tags = (0..<150).map { "\"tag \($0 % 120)\"" }.joined(separator: ",")
            let article = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(Self.item("tagged", #","tags":[\#(tags)]"#))).articles.first)
            #expect(article.categories == (0..<100).map { "tag \($0)" })
        }

        @Test func sniffingSkipsMembersBeforeTheVersion() {
            let big = "[" + Array(repeating: "\"x\"", count: 50_000).joined(separator: ",") + "]"
            #expect(JSONFeedParser.isJSONFeed(Data(#"{"items":\#(big),"version":"https://jsonfeed.org/version/1.1"}"#.utf8)))
            #expect(!JSONFeedParser.isJSONFeed(Data(#"{"items":\#(big),"version":17}"#.utf8)))
        }
    }

    /// Feeds of several megabytes, generated here: a field over the string cap skips its item
    /// without stopping the feed. Large inputs run on their own (Tools/test.sh).
    @Suite(.serialized) struct JSONFeedLargeInputTests {
        @Test func aStringOverTheCapSkipsItsItemOnly() throws {
            let huge = String(repeating: "silt ", count: (8 << 20) / 5 + 1)  // just over 8 MiB
            let items = [
                JSONFeedLimits.item("huge", #","content_text":"\#(huge)""#),
                JSONFeedLimits.item("after", #","content_text":"The weir held.""#),
            ].joined(separator: ",")
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(items))
            #expect(result.articles.map(\.title) == ["Weir after"])
            #expect(result.problems.map(\.description) == [#"items[0] (id "huge"): content_text: more than 8388608 bytes of text in one field"#])
            // Just under the cap reads.
            let under = String(repeating: "silt ", count: (8 << 20) / 5 - 10)
            let fits = try FeedFormatsTests.parse(FeedFormatsTests.feed(JSONFeedLimits.item("under", #","content_text":"\#(under)""#)))
            #expect(fits.articles.count == 1 && fits.problems.isEmpty)
        }
    }
}
