import FeedFormats
import Foundation
import NewsModels
import Testing

@Suite struct FeedFormatsTests {
    /// Parses a feed written as a string, failing the test on a whole-document error.
    static func parse(_ json: String, _ parser: JSONFeedParser = JSONFeedParser()) throws -> FeedParseResult {
        try parser.parse(Data(json.utf8))
    }

    /// A JSON Feed 1.1 document around the given items (already JSON).
    static func feed(_ items: String, extra: String = "") -> String {
        #"{"version":"https://jsonfeed.org/version/1.1","title":"Marsh Lantern","home_page_url":"https://www.marsh-lantern.example/"\#(extra),"items":[\#(items)]}"#
    }

    /// How each JSON Feed field lands in an `Article`.
    @Suite struct JSONFeedMapping {
        static let fullFeed = #"""
        {
          "version": "https://jsonfeed.org/version/1.1",
          "title": "Marsh Lantern Weekly",
          "home_page_url": "https://www.Marsh-Lantern.example/",
          "feed_url": "https://www.marsh-lantern.example/feed.json",
          "language": "en-GB",
          "authors": [{"name": "The Lantern desk"}],
          "items": [
            {
              "id": "ml-2025-0412-ferry",
              "url": "https://www.marsh-lantern.example/2025/04/ferry-timetable",
              "external_url": "https://ferries.example/notice/77",
              "title": "Ferry timetable   changes for the spring tides",
              "summary": "Two crossings move earlier from Monday.",
              "content_html": "<p>The first ferry will leave at 06:10 instead of 06:40.</p><h2>Why</h2><p>Higher tides shift the slipway &amp; the queue.</p>",
              "content_text": "This text is ignored because there is HTML.",
              "image": "https://www.marsh-lantern.example/img/ferry.jpg",
              "banner_image": "https://www.marsh-lantern.example/img/banner.jpg",
              "date_published": "2025-04-12T08:30:00+01:00",
              "date_modified": "2025-04-12T10:05:00+01:00",
              "authors": [{"name": "Ottilie Brackwater", "url": "https://www.marsh-lantern.example/ob"}, {"name": "Sefton Ruddle"}],
              "tags": ["Transport", "Tides", "Transport", "  "],
              "language": "cy"
            },
            {
              "id": 1042,
              "content_text": "Volunteers counted 212 avocets on the east lagoon.\nThat is the highest tally in six years.\n\nThe count resumes next month.",
              "date_published": "2025-04-13T18:00:00Z"
            }
          ]
        }
        """#

        @Test func fullFeedMapsEveryField() throws {
            let result = try FeedFormatsTests.parse(Self.fullFeed)
            #expect(result.problems.isEmpty)
            #expect(result.source == Source(
                id: "marsh-lantern.example", name: "Marsh Lantern Weekly", domain: "marsh-lantern.example",
                url: "https://www.Marsh-Lantern.example/"))
            try #require(result.articles.count == 2)

            let ferry = result.articles[0]
            #expect(ferry.id == FeedArticleID.make(sourceID: "marsh-lantern.example", itemKey: "ml-2025-0412-ferry"))
            #expect(ferry.id.count == 16)
            #expect(ferry.rev == 1)
            #expect(ferry.url == "https://www.marsh-lantern.example/2025/04/ferry-timetable")
            #expect(ferry.source == result.source)
            #expect(ferry.title == "Ferry timetable changes for the spring tides")
            #expect(ferry.dek == "Two crossings move earlier from Monday.")
            #expect(ferry.byline == "By Ottilie Brackwater and Sefton Ruddle")
            #expect(ferry.language == "cy")
            #expect(ferry.publishedAt.rfc3339 == "2025-04-12T08:30:00+01:00")
            #expect(ferry.updatedAt?.rfc3339 == "2025-04-12T10:05:00+01:00")
            #expect(ferry.categories == ["Transport", "Tides"])
            #expect(ferry.image == ImageRef(url: "https://www.marsh-lantern.example/img/ferry.jpg"))
            #expect(ferry.blocks == [
                .paragraph(text: "The first ferry will leave at 06:10 instead of 06:40."),
                .heading(level: 2, text: "Why"),
                .paragraph(text: "Higher tides shift the slipway & the queue."),
            ])
            #expect(ferry.readingMinutes == 1)
            #expect(ferry.contentHash == ferry.computeContentHash())

            let count = result.articles[1]
            #expect(count.id == FeedArticleID.make(sourceID: "marsh-lantern.example", itemKey: "1042"))
            #expect(count.url == nil)
            #expect(count.title == "")
            #expect(count.dek == nil)
            #expect(count.byline == "By The Lantern desk")
            #expect(count.language == "en-GB")
            #expect(count.updatedAt == nil)
            #expect(count.categories == [])
            #expect(count.image == nil)
            #expect(count.blocks == [
                .paragraph(text: "Volunteers counted 212 avocets on the east lagoon. That is the highest tally in six years."),
                .paragraph(text: "The count resumes next month."),
            ])
        }

        @Test func version10SingularAuthor() throws {
            let json = #"""
            {"version":"https://jsonfeed.org/version/1","title":"Fenwick Almanac","home_page_url":"http://fenwick-almanac.example",
             "author":{"name":"Maud Pellow"},
             "items":[
               {"id":"a1","title":"Frost came early","content_text":"Gardeners lost the last beans.","date_published":"2024-10-02T06:00:00-04:00",
                "author":{"name":"Edwin Calloway"}},
               {"id":"a2","title":"Seed swap on Saturday","content_text":"Bring labelled envelopes.","date_published":"2024-10-03T06:00:00-04:00"}
             ]}
            """#
            let result = try FeedFormatsTests.parse(json)
            #expect(result.problems.isEmpty)
            #expect(result.source.id == "fenwick-almanac.example")
            #expect(result.articles.map(\.byline) == ["By Edwin Calloway", "By Maud Pellow"])
            #expect(result.articles[0].publishedAt.offsetMinutes == -240)
        }

        @Test func bylineJoinsThreeOrMoreNames() throws {
            let item = #"{"id":"x","content_text":"Three hands wrote this.","date_published":"2025-01-01T00:00:00Z","authors":[{"name":"Ada Quill"},{"name":"Bo Strand"},{"url":"https://nameless.example"},{"name":"Cy Marr"}]}"#
            let article = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(item)).articles.first)
            #expect(article.byline == "By Ada Quill, Bo Strand and Cy Marr")
        }

        @Test func contentTextBecomesParagraphs() throws {
            let text = "  The harbour wall was repaired\r\nover the winter.  \n\n\n\tIt reopened to walkers on Friday.\n \nA plaque marks the work.\n"
            let item = #"{"id":"wall","content_text":\#(jsonString(text)),"date_published":"2025-03-01T12:00:00Z"}"#
            let article = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(item)).articles.first)
            #expect(article.blocks == [
                .paragraph(text: "The harbour wall was repaired over the winter."),
                .paragraph(text: "It reopened to walkers on Friday."),
                .paragraph(text: "A plaque marks the work."),
            ])
        }

        @Test func idFallsBackToURLAndStaysStable() throws {
            let url = "https://www.marsh-lantern.example/2025/05/heron-nest"
            let first = #"{"url":"\#(url)","title":"Herons nest by the sluice","content_text":"Four nests so far.","date_published":"2025-05-01T09:00:00Z"}"#
            let retitled = #"{"id":"","url":"\#(url)","title":"Herons return to nest by the old sluice","content_text":"Five nests now.","date_published":"2025-05-01T09:00:00Z"}"#
            let a = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(first)).articles.first)
            let b = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(retitled)).articles.first)
            #expect(a.id == FeedArticleID.make(sourceID: "marsh-lantern.example", itemKey: url))
            #expect(a.id == b.id)
            #expect(a.contentHash != b.contentHash)
        }

        @Test func idIgnoresTitleAndContentEdits() throws {
            let before = #"{"id":"tag:marsh-lantern.example,2025:311","title":"Bridge closes","content_text":"For two weeks.","date_published":"2025-06-01T09:00:00Z"}"#
            let after = #"{"id":"tag:marsh-lantern.example,2025:311","title":"Bridge closure extended","content_text":"For three weeks.","date_published":"2025-06-01T09:00:00Z","date_modified":"2025-06-03T09:00:00Z"}"#
            let a = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(before)).articles.first)
            let b = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(after)).articles.first)
            #expect(a.id == b.id)
            #expect(a.changedFields(comparedTo: b).contains("title"))
            let again = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(before)).articles.first)
            #expect(again == a)
        }

        @Test func sourceOverrideIsUsedForSourceAndIDs() throws {
            let override = Source(id: "lantern", name: "The Lantern", domain: "marsh-lantern.example")
            let item = #"{"id":"p1","content_text":"Short note.","date_published":"2025-01-01T00:00:00Z"}"#
            let result = try FeedFormatsTests.parse(FeedFormatsTests.feed(item), JSONFeedParser(source: override))
            #expect(result.source == override)
            #expect(result.articles.first?.source == override)
            #expect(result.articles.first?.id == FeedArticleID.make(sourceID: "lantern", itemKey: "p1"))
        }

        @Test func datesFallBackToModifiedOrCallerChoice() throws {
            let items = #"""
            {"id":"m","content_text":"Only modified.","date_modified":"2025-02-02T10:00:00+0530"},
            {"id":"none","content_text":"No date at all."},
            {"id":"bad","content_text":"Unreadable date.","date_published":"last Tuesday"},
            {"id":"badmod","content_text":"Unreadable modified date.","date_published":"2025-02-02T10:00:00Z","date_modified":"soon"}
            """#
            let strict = try FeedFormatsTests.parse(FeedFormatsTests.feed(items))
            #expect(strict.articles.map(\.publishedAt.rfc3339) == ["2025-02-02T10:00:00+05:30", "2025-02-02T10:00:00Z"])
            #expect(strict.articles.map(\.updatedAt) == [nil, nil])
            #expect(strict.problems.map(\.index) == [1, 2])
            #expect(strict.problems[0].reason.contains("date_published"))
            #expect(strict.problems[1].description.contains("last Tuesday"))

            let fallback = Timestamp(epochMilliseconds: 1_700_000_000_000)
            let lenient = try FeedFormatsTests.parse(FeedFormatsTests.feed(items), JSONFeedParser(undatedFallback: fallback))
            #expect(lenient.articles.count == 4, "an unreadable date loses the date, never the item")
            #expect(lenient.articles[1].publishedAt == fallback)
            #expect(lenient.articles[2].publishedAt == fallback)
        }

        @Test func relativeURLsResolveAgainstTheHomePage() throws {
            let item = #"{"id":"r","url":"/2025/07/regatta","image":"img/regatta.jpg","content_html":"<p>See <a href=\"results\">the results</a>.</p>","date_published":"2025-07-01T00:00:00Z"}"#
            let article = try #require(try FeedFormatsTests.parse(FeedFormatsTests.feed(item)).articles.first)
            #expect(article.url == "https://www.marsh-lantern.example/2025/07/regatta")
            #expect(article.image?.url == "https://www.marsh-lantern.example/img/regatta.jpg")
            #expect(article.blocks == [.paragraph(text: "See the results.", citations: [
                Citation(url: "https://www.marsh-lantern.example/2025/07/results", domain: "marsh-lantern.example", label: "the results"),
            ])])
        }
    }
}

/// `text` as a JSON string literal.
func jsonString(_ text: String) -> String {
    String(decoding: (try? JSONSerialization.data(withJSONObject: [text], options: [])) ?? Data("[\"\"]".utf8), as: UTF8.self)
        .dropFirst().dropLast().description
}
