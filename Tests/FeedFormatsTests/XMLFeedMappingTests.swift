import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// The bytes of `Fixtures/feeds/<name>`.
    static func fixture(_ name: String) throws -> Data {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try Data(contentsOf: root.appendingPathComponent("Fixtures/feeds").appendingPathComponent(name))
    }

    /// Parses a fixture with the XML feed parser.
    static func parseXML(fixture name: String, _ parser: XMLFeedParser = XMLFeedParser()) throws -> FeedParseResult {
        try parser.parse(fixture(name))
    }

    /// Parses an XML feed written as a string.
    static func parseXML(_ xml: String, _ parser: XMLFeedParser = XMLFeedParser()) throws -> FeedParseResult {
        try parser.parse(Data(xml.utf8))
    }

    /// How RSS 2.0, Atom and RDF fields land in an `Article`.
    @Suite struct XMLFeedMapping {
        @Test func rssMapsEveryField() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "tidewater-gazette-rss.xml")
            #expect(result.problems.isEmpty)
            #expect(result.source == Source(
                id: "tidewater-gazette.example", name: "The Tidewater Gazette", domain: "tidewater-gazette.example",
                url: "https://www.tidewater-gazette.example/"))
            try #require(result.articles.count == 3)

            let dredging = result.articles[0]
            #expect(dredging.id == FeedArticleID.make(sourceID: "tidewater-gazette.example", itemKey: "tg-2025-0311-dredging"))
            #expect(dredging.url == "https://www.tidewater-gazette.example/2025/03/dredging")
            #expect(dredging.title == "Harbour dredging starts a week early")
            #expect(dredging.dek == "Crews moved the spoil barge into place on Sunday.")
            #expect(dredging.byline == "By Maren Oakhurst and Teodor Vale")
            #expect(dredging.categories == ["Harbour", "Boats"])
            #expect(dredging.language == "en-gb")
            #expect(dredging.publishedAt.rfc3339 == "2025-03-11T07:45:00Z")
            #expect(dredging.updatedAt?.rfc3339 == "2025-03-11T09:10:00Z")
            #expect(dredging.image == ImageRef(
                url: "https://www.tidewater-gazette.example/img/barge.jpg", alt: "The spoil barge at the harbour mouth",
                caption: "The barge arrived on the morning tide."))
            #expect(dredging.blocks == [
                .paragraph(text: "Crews moved the spoil barge into place on Sunday, a week ahead of the published schedule."),
                .heading(level: 2, text: "What changes for boat owners"),
                .list(ordered: false, items: ["The west pontoon closes until April.", "Visitors moor at the outer wall."]),
                .paragraph(
                    text: "The harbourmaster said the notice would be updated.",
                    citations: [Citation(url: "https://www.tidewater-gazette.example/notices/17", domain: "tidewater-gazette.example", label: "notice")]),
            ])
            #expect(dredging.readingMinutes == 1)

            let fares = result.articles[1]
            #expect(fares.id == FeedArticleID.make(sourceID: "tidewater-gazette.example", itemKey: "https://www.tidewater-gazette.example/2025/03/ferry-fares"))
            #expect(fares.title == "Ferry fares & timetable for spring")
            #expect(fares.dek == nil)
            #expect(fares.blocks == [
                .paragraph(text: "Return fares rise by 40p from 1 April."),
                .paragraph(text: "The first sailing moves to 06:50."),
            ])
            #expect(fares.byline == "By Ines Farrow")
            #expect(fares.image == ImageRef(url: "https://www.tidewater-gazette.example/img/ferry.png"))
            #expect(fares.publishedAt.rfc3339 == "2025-03-12T18:00:00Z")
            #expect(fares.updatedAt == nil)
            #expect(fares.categories.isEmpty)

            let lifeboat = result.articles[2]
            #expect(lifeboat.url == "https://www.tidewater-gazette.example/2025/03/lifeboat")  // permalink guid
            #expect(lifeboat.blocks == [
                .paragraph(text: "Four volunteers received long-service medals."),
                .paragraph(text: "One has served for thirty years."),
            ])
            #expect(lifeboat.image == ImageRef(url: "https://www.tidewater-gazette.example/img/medals.webp", alt: "Medal ceremony"))
            #expect(lifeboat.publishedAt.rfc3339 == "2025-03-13T12:30:00+01:00")
            #expect(lifeboat.byline == nil)
        }

        @Test func atomMapsEveryField() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "fenwick-review-atom.xml")
            #expect(result.problems.isEmpty)
            #expect(result.source == Source(
                id: "fenwick-review.example", name: "The Fenwick Review", domain: "fenwick-review.example",
                url: "https://www.fenwick-review.example/"))
            try #require(result.articles.count == 3)

            let bridge = result.articles[0]
            #expect(bridge.id == FeedArticleID.make(sourceID: "fenwick-review.example", itemKey: "tag:fenwick-review.example,2025:bridge-reopens"))
            #expect(bridge.url == "https://fenwick-review.example/2025/05/bridge-reopens")  // resolved against xml:base
            #expect(bridge.title == "Bridge reopens after repainting")
            #expect(bridge.dek == "The iron bridge carries traffic again from Friday.")
            #expect(bridge.blocks == [
                .paragraph(text: "Painters finished the last span on Tuesday."),
                .quote(text: "It looks new again."),
            ])
            #expect(bridge.byline == "By Odile Marchetti and Pim Asante")
            #expect(bridge.categories == ["Local news", "transport"])
            #expect(bridge.publishedAt.rfc3339 == "2025-05-01T08:15:00-04:00")
            #expect(bridge.updatedAt?.rfc3339 == "2025-05-01T11:40:30-04:00")
            #expect(bridge.image == ImageRef(url: "https://fenwick-review.example/img/bridge.jpg"))
            #expect(bridge.language == "en-US")

            let market = result.articles[1]
            #expect(market.title == "Le marché du samedi s'agrandit")
            #expect(market.language == "fr")
            #expect(market.publishedAt.rfc3339 == "2025-05-02T06:00:00Z")  // only <updated>
            #expect(market.updatedAt == nil)
            #expect(market.byline == "By The Review desk")  // inherited from the feed's <author>
            #expect(market.blocks == [
                .paragraph(text: "Douze nouveaux stands ouvrent ce week-end."),
                .paragraph(text: "Les horaires restent les mêmes & l'entrée est libre."),
            ])

            let notes = result.articles[2]
            #expect(notes.url == nil)
            #expect(notes.id == FeedArticleID.make(sourceID: "fenwick-review.example", itemKey: "tag:fenwick-review.example,2025:notes"))
            #expect(notes.blocks == [.paragraph(text: "Nothing much happened."), .paragraph(text: "The library extended its hours.")])
            #expect(notes.dek == nil)
        }

        @Test func rdfMapsEveryField() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "moorland-almanac-rdf.xml")
            #expect(result.problems.isEmpty)
            #expect(result.source == Source(
                id: "moorland-almanac.example", name: "Moorland Almanac", domain: "moorland-almanac.example",
                url: "https://moorland-almanac.example/"))
            try #require(result.articles.count == 2)
            let frost = result.articles[0]
            #expect(frost.id == FeedArticleID.make(sourceID: "moorland-almanac.example", itemKey: "https://moorland-almanac.example/2025/01/frost"))
            #expect(frost.url == "https://moorland-almanac.example/2025/01/frost")
            #expect(frost.title == "Hard frost on the high road")
            #expect(frost.blocks == [.paragraph(text: "Gritters worked through the night above the reservoir.")])
            #expect(frost.byline == "By Hester Plumb")
            #expect(frost.categories == ["Weather"])
            #expect(frost.publishedAt.rfc3339 == "2025-01-14T06:30:00Z")
            #expect(frost.language == "en")
            let wool = result.articles[1]
            #expect(wool.publishedAt.rfc3339 == "2025-01-15T00:00:00Z")
            #expect(wool.language == "en-GB")
            #expect(wool.categories == ["Farming"])
        }

        @Test func tenDateFormatsInOneFeed() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "date-formats-rss.xml")
            #expect(result.problems.isEmpty)
            #expect(result.articles.map(\.publishedAt.rfc3339) == [
                "2025-02-01T13:58:00+09:00",      // Sat, 01 Feb 2025 13:58:00 +0900
                "2025-02-01T13:58:00+09:00",      // 01 Feb 25 13:58 JST (dc:date)
                "2025-02-01T13:58:00.250+09:00",  // 2025-02-01T13:58:00.250+09:00
                "2025-02-01T04:58:00Z",           // 2025-02-01T04:58:00Z (dc:date)
                "2025-02-01T13:58:00+09:00",      // 2025-02-01 13:58:00+0900
                "2025-02-01T00:00:00Z",           // February 1, 2025 (dc:date)
                "2025-02-01T10:00:00Z",           // Feb 1, 2025 10:00 AM
                "2025-02-01T00:00:00Z",           // 1 Feb 2025 (dc:date)
                "2025-02-01T13:58:00+09:00",      // 13:58 JST, February 1, 2025
                "2025-02-01T13:58:00Z",           // 2025/02/01 13:58 (dc:date)
            ])
            #expect(result.articles[0].publishedAt.epochMilliseconds == result.articles[3].publishedAt.epochMilliseconds)
        }

        @Test func idsSurviveRetitlingAndReparsing() throws {
            let original = try String(decoding: FeedFormatsTests.fixture("tidewater-gazette-rss.xml"), as: UTF8.self)
            let edited = original
                .replacingOccurrences(of: "Harbour   dredging starts a week early", with: "Dredging starts early (updated)")
                .replacingOccurrences(of: "Lifeboat crew honoured", with: "Four lifeboat volunteers honoured")
            let first = try FeedFormatsTests.parseXML(original)
            let again = try FeedFormatsTests.parseXML(original)
            let retitled = try FeedFormatsTests.parseXML(edited)
            #expect(first == again)
            #expect(retitled.articles.map(\.id) == first.articles.map(\.id))
            #expect(retitled.articles[0].title == "Dredging starts early (updated)")
            #expect(retitled.articles[0].contentHash != first.articles[0].contentHash)
            let newGUID = try FeedFormatsTests.parseXML(original.replacingOccurrences(of: "tg-2025-0311-dredging", with: "tg-other"))
            #expect(newGUID.articles[0].id != first.articles[0].id)
        }

        @Test func callerSourceOverridesAndNamespacesGoByURI() throws {
            let mine = Source(id: "my-id", name: "Mine")
            let result = try FeedFormatsTests.parseXML(fixture: "moorland-almanac-rdf.xml", XMLFeedParser(source: mine))
            #expect(result.source == mine)
            #expect(result.articles.allSatisfy { $0.source == mine })
            #expect(result.articles[0].id == FeedArticleID.make(sourceID: "my-id", itemKey: "https://moorland-almanac.example/2025/01/frost"))

            // Unusual prefixes are fine; a familiar prefix bound to another namespace is not that vocabulary.
            let xml = """
                <rss xmlns:x="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://example.com/not-dublin-core"
                     xmlns:y="http://purl.org/dc/elements/1.1/"><channel><link>https://prefix-test.example/</link>
                <item><guid>p-1</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>Short.</description>
                <x:encoded>&lt;p&gt;Long body.&lt;/p&gt;</x:encoded><dc:creator>Not an author</dc:creator><y:creator>Real Author</y:creator></item>
                </channel></rss>
                """
            let article = try #require(try FeedFormatsTests.parseXML(xml).articles.first)
            #expect(article.blocks == [.paragraph(text: "Long body.")])
            #expect(article.dek == "Short.")
            #expect(article.byline == "By Real Author")
            #expect(article.source.name == "prefix-test.example")
        }

        @Test func sourceFallsBackToSelfLinkAndNeedsOne() throws {
            let selfOnly = """
                <feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://feeds.quill-post.example/all.atom"/>
                <entry><id>q-1</id><updated>2025-03-01T00:00:00Z</updated></entry></feed>
                """
            let result = try FeedFormatsTests.parseXML(selfOnly)
            #expect(result.source == Source(id: "feeds.quill-post.example", name: "feeds.quill-post.example",
                                            domain: "feeds.quill-post.example", url: "https://feeds.quill-post.example/"))
            let noLink = "<rss><channel><title>Nowhere</title></channel></rss>"
            #expect(throws: FeedFormatError.noFeedLink) { try FeedFormatsTests.parseXML(noLink) }
            #expect(try FeedFormatsTests.parseXML(noLink, XMLFeedParser(source: Source(id: "n", name: "N"))).articles.isEmpty)
        }

        @Test func sniffing() throws {
            for name in ["tidewater-gazette-rss.xml", "fenwick-review-atom.xml", "moorland-almanac-rdf.xml", "kawabe-shimbun-sjis.xml",
                         "billion-laughs.xml", "truncated-rss.xml"] {
                #expect(XMLFeedParser.looksLikeXMLFeed(try FeedFormatsTests.fixture(name)), "\(name)")
            }
            let prologue = "\u{FEFF}  <?xml version=\"1.0\"?>\n<!-- c --><?pi x?><!DOCTYPE rss PUBLIC \"-//x//EN\" \"rss.dtd\" [ <!ENTITY a \"]>\"> ]>\n<rss/>"
            #expect(XMLFeedParser.looksLikeXMLFeed(Data(prologue.utf8)))
            #expect(XMLFeedParser.looksLikeXMLFeed(Data("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>".utf16LittleEndianWithBOM)))
            #expect(!XMLFeedParser.looksLikeXMLFeed(try FeedFormatsTests.fixture("harbour-notes.json")))
            #expect(!XMLFeedParser.looksLikeXMLFeed(try FeedFormatsTests.fixture("subscriptions.opml")))
            #expect(!XMLFeedParser.looksLikeXMLFeed(Data("<!doctype html><html><body>Hi</body></html>".utf8)))
            #expect(!XMLFeedParser.looksLikeXMLFeed(Data()))
            #expect(!XMLFeedParser.looksLikeXMLFeed(Data("rss".utf8)))
        }
    }
}

extension String {
    /// The string as UTF-16LE bytes after a byte-order mark, for encoding tests.
    var utf16LittleEndianWithBOM: [UInt8] {
        [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    /// The string as UTF-16BE bytes after a byte-order mark.
    var utf16BigEndianWithBOM: [UInt8] {
        [0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
