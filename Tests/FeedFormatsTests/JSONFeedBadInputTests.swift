import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Whole-document failures are typed errors; bad items are skipped and reported; text is cleaned.
    @Suite struct BadInput {
        static func error(_ bytes: Data, _ parser: JSONFeedParser = JSONFeedParser()) -> FeedFormatError? {
            do {
                _ = try parser.parse(bytes)
                return nil
            } catch {
                return error
            }
        }

        static func error(_ json: String) -> FeedFormatError? { error(Data(json.utf8)) }

        @Test func badItemsAreReportedWhileOthersImport() throws {
            let items = #"""
            {"id":"good-1","title":"Lock gates oiled","content_text":"Work finished early.","date_published":"2025-01-05T08:00:00Z"},
            {"title":"An item with no id or url","content_text":"It cannot be tracked.","date_published":"2025-01-05T09:00:00Z"},
            {"id":"typed","title":17,"content_text":"Title is a number: only the title is lost.","date_published":"2025-01-05T10:00:00Z"},
            "not an object",
            {"id":"tags","tags":"Weather","content_text":"A lone string is one tag.","date_published":"2025-01-05T11:00:00Z"},
            {"id":{"nested":true},"content_text":"Object id.","date_published":"2025-01-05T12:00:00Z"},
            {"id":"good-1","title":"Same id again","content_text":"A duplicate.","date_published":"2025-01-05T13:00:00Z"},
            {"id":"good-2","title":"Swans counted","content_text":"Nineteen on the mere.","date_published":"2025-01-05T14:00:00Z"}
            """#
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(items))
            #expect(result.articles.map(\.title) == ["Lock gates oiled", "", "", "Swans counted"])
            #expect(result.articles.map(\.categories) == [[], [], ["Weather"], []])
            #expect(result.problems.map(\.index) == [1, 3, 5, 6])
            #expect(result.problems[0].description == "items[1]: no id and no url")
            #expect(result.problems[1].reason == "expected an object, got a string")
            #expect(result.problems[2].reason == "id: expected a string or number, got an object")
            #expect(result.problems[3].description == #"items[6] (id "good-1"): same id as items[0]"#)
        }

        @Test func notJSON() {
            #expect(Self.error("Ferry news, plain text.") == .invalidJSON(offset: 0, reason: "unexpected character, expected a value"))
            let truncated = #"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"a"}"#
            #expect(Self.error(truncated) == .invalidJSON(offset: truncated.utf8.count, reason: "unexpected end of input inside an array"))
            #expect(Self.error(#"{"version" "x"}"#)?.description == "invalid JSON at byte 11: expected ':' after an object key")
            #expect(Self.error(#"{"a":1} trailing"#)?.description == "invalid JSON at byte 8: unexpected data after the JSON value")
            #expect(Self.error(#"{"a":"\q"}"#)?.description == "invalid JSON at byte 6: invalid escape in a string")
            #expect(Self.error(Data()) == .invalidJSON(offset: 0, reason: "unexpected end of input, expected a value"))
            let deep = String(repeating: "[", count: 100_000)
            #expect(Self.error(deep)?.description == "invalid JSON at byte 256: nested deeper than 256 levels")
        }

        @Test func notAJSONFeed() {
            #expect(Self.error(#"{"title":"Almost a feed","items":[]}"#)?.description == "not a JSON Feed: missing version")
            #expect(Self.error(#"{"version":"https://example.com/rss","items":[]}"#)?.description
                == #"not a JSON Feed: version "https://example.com/rss" is not a jsonfeed.org version URL"#)
            #expect(Self.error(#"{"version":1.1,"items":[]}"#)?.description == "not a JSON Feed: version is a number, not a jsonfeed.org version URL")
            #expect(Self.error(#"[{"version":"https://jsonfeed.org/version/1.1"}]"#)?.description == "not a JSON Feed: the document is an array, not an object")
            #expect(Self.error(#"{"version":"https://jsonfeed.org/version/1.1"}"#)?.description == "not a JSON Feed: missing items")
            #expect(Self.error(#"{"version":"https://jsonfeed.org/version/1.1","items":{}}"#)?.description == "not a JSON Feed: items is an object, not an array")
        }

        @Test func wrongFeedFieldsAreDroppedAndAMissingSourceIsNamed() throws {
            #expect(Self.error(FeedFormatsTests.feed("", extra: #","language":["en"]"#)) == nil)
            let noHome = #"{"version":"https://jsonfeed.org/version/1.1","title":"Nowhere Notes","items":[]}"#
            #expect(Self.error(noHome) == .noSource)
            #expect(FeedFormatError.noSource.description.contains("pass a source"))
            let withFeedURL = #"{"version":"https://jsonfeed.org/version/1.1","feed_url":"https://notes.nowhere.example/feed.json","items":[]}"#
            let result = try FeedFormatsTests.parse(withFeedURL)
            #expect(result.source == Source(id: "notes.nowhere.example", name: "notes.nowhere.example", domain: "notes.nowhere.example", url: "https://notes.nowhere.example/"))
            let given = Source(id: "nowhere", name: "Nowhere Notes")
            #expect(try FeedFormatsTests.parse(noHome, JSONFeedParser(source: given)).source == given)
        }

        @Test func invalidUTF8IsRepaired() throws {
            var bytes = Data(FeedFormatsTests.feed(#"{"id":"u","title":"Caf@ opens","content_text":"Menu @ here.","date_published":"2025-01-01T00:00:00Z"}"#).utf8)
            bytes = Data(bytes.map { $0 == UInt8(ascii: "@") ? 0xE9 : $0 })  // Latin-1 é: not valid UTF-8
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)               // and a byte order mark
            let article = try #require(try JSONFeedParser().parse(bytes).articles.first)
            #expect(article.title == "Caf\u{FFFD} opens")
            #expect(article.blocks == [.paragraph(text: "Menu \u{FFFD} here.")])
            let surrogate = #"{"id":"s","title":"Half \ud83d pair \ud83d\ude00","content_text":"x","date_published":"2025-01-01T00:00:00Z"}"#
            #expect(try FeedFormatsTests.parse(FeedFormatsTests.feed(surrogate)).articles.first?.title == "Half \u{FFFD} pair 😀")
        }

        @Test func controlCharactersAndEscapesAreStripped() throws {
            let item = #"""
            {"id":"esc","title":"Tide\u001b[31m tables\u0007 for\u202e May\u009b2J","summary":"Read\u001b]0;owned\u0007 this\r\nfirst",
             "content_text":"Line one\u0000 ends\u001bc here.\n\nSecond\t\u0085paragraph.","content_html":"",
             "authors":[{"name":"Ivo\u001b[1m Penhale"}],"tags":["Sea\u2066 level"],"date_published":"2025-01-01T00:00:00Z"}
            """#
            let article = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(item)).articles.first)
            #expect(article.title == "Tide tables for May")
            #expect(article.dek == "Read this first")
            #expect(article.byline == "By Ivo Penhale")
            #expect(article.categories == ["Sea level"])
            #expect(article.blocks == [.paragraph(text: "Line one ends here."), .paragraph(text: "Second paragraph.")])
            let html = #"{"id":"h","content_html":"<p>Bell\u0007 rang \u001b[2Jtwice</p>","date_published":"2025-01-01T00:00:00Z"}"#
            #expect(try FeedFormatsTests.parse(FeedFormatsTests.feed(html)).articles.first?.blocks == [.paragraph(text: "Bell rang twice")])
        }

        @Test func sizeCap() throws {
            let json = FeedFormatsTests.feed(#"{"id":"big","content_text":"\#(String(repeating: "reed ", count: 100))","date_published":"2025-01-01T00:00:00Z"}"#)
            let size = json.utf8.count
            #expect(Self.error(Data(json.utf8), JSONFeedParser(maxBytes: 200)) == .tooLarge(bytes: size, limit: 200))
            #expect(FeedFormatError.tooLarge(bytes: size, limit: 200).description == "feed is \(size) bytes, over the 200-byte limit")
            #expect(try JSONFeedParser(maxBytes: size).parse(Data(json.utf8)).articles.count == 1)
            #expect(JSONFeedParser().maxBytes == 64 * 1024 * 1024)
        }

        @Test func sniffing() {
            #expect(JSONFeedParser.isJSONFeed(Data(#"  {"version": "https://jsonfeed.org/version/1.1", "items": []}"#.utf8)))
            #expect(JSONFeedParser.isJSONFeed(Data(#"{"title":"T","version":"https://jsonfeed.org/version/1","items":[{"#.utf8)))
            #expect(!JSONFeedParser.isJSONFeed(Data(#"{"id":"fixture-1","rev":1}"#.utf8)))
            #expect(!JSONFeedParser.isJSONFeed(Data(#"{"title":"x","items":[]}"#.utf8)))
            #expect(!JSONFeedParser.isJSONFeed(Data("<rss version=\"2.0\"></rss>".utf8)))
            #expect(!JSONFeedParser.isJSONFeed(Data(#"["https://jsonfeed.org/version/1.1"]"#.utf8)))
        }
    }
}
