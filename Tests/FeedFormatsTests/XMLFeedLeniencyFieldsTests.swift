import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Feeds peers read although they bend the specs: every item and field a peer reader keeps is kept.
    @Suite struct XMLFeedLeniencyFields {
        static let date = "<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"

        static func rss(_ items: String, namespaces: String = "", channel: String = "<link>https://lenient.example/</link>") -> String {
            """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xhtml="http://www.w3.org/1999/xhtml" \(namespaces)>
            <channel>\(channel)\(items)</channel></rss>
            """
        }

        @Test func atom03Base64AndEscapedContentIsDecoded() throws {
            let body = Data("<p>Tide tables \u{2013} corrected</p>".utf8).base64EncodedString()
            let xml = """
                <feed version="0.3" xmlns="http://purl.org/atom/ns#"><link rel="alternate" type="text/html" href="https://old-atom.example/"/>
                <entry><id>a-1</id><title>One</title><modified>2004-01-01T00:00:00Z</modified>
                <content type="text/html" mode="base64">\(body)</content></entry>
                <entry><id>a-2</id><title>Two</title><modified>2004-01-01T00:00:00Z</modified>
                <content type="text/html" mode="escaped">&lt;p&gt;Ferry &lt;b&gt;late&lt;/b&gt;&lt;/p&gt;</content></entry></feed>
                """
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.map(\.blocks) == [[.paragraph(text: "Tide tables \u{2013} corrected")], [.paragraph(text: "Ferry late")]])
        }

        @Test func feedRootsAndRSSWithoutTheirNamespacesAreRead() throws {
            let atom = """
                <feed><title>Bare Atom</title><link href="https://bare-atom.example/"/>
                <entry><id>b-1</id><title>Plain entry</title><updated>2025-03-01T00:00:00Z</updated></entry></feed>
                """
            let result = try FeedFormatsTests.parseXML(atom)
            #expect(result.source.name == "Bare Atom")
            #expect(result.articles.map(\.title) == ["Plain entry"])

            let madeUp = """
                <rss xmlns="http://example.com/made-up-rss"><channel><title>Odd RSS</title><link>https://odd.example/</link>
                <item><guid>r-1</guid><title>Under a made-up namespace</title>\(Self.date)</item></channel></rss>
                """
            #expect(try FeedFormatsTests.parseXML(madeUp).articles.map(\.title) == ["Under a made-up namespace"])
        }

        @Test func mediaItunesAndXHTMLFieldsStandInForMissingOnes() throws {
            let xml = Self.rss("""
                <item><guid>m-1</guid>\(Self.date)<media:title>Harbour webcam</media:title>
                <media:description type="html">&lt;p&gt;Live from the &lt;b&gt;pier&lt;/b&gt;&lt;/p&gt;</media:description>
                <media:thumbnail url="https://cdn.lenient.example/cam.jpg"/></item>
                <item><guid>m-2</guid>\(Self.date)<title>Episode 4</title><itunes:subtitle>Short</itunes:subtitle>
                <itunes:summary>The long summary.</itunes:summary><itunes:author>Ann Host</itunes:author></item>
                <item><guid>m-3</guid>\(Self.date)<title>XHTML body</title>
                <xhtml:body><xhtml:p>Written as <xhtml:em>XHTML</xhtml:em>.</xhtml:p></xhtml:body></item>
                <item><guid>m-4</guid>\(Self.date)<media:group><media:content url="https://cdn.lenient.example/v.mp4" type="video/mp4">
                <media:title>Nested title</media:title><media:description>Nested text</media:description></media:content></media:group></item>
                """)
            let articles = try FeedFormatsTests.parseXML(xml).articles
            try #require(articles.count == 4)
            #expect(articles.map(\.title) == ["Harbour webcam", "Episode 4", "XHTML body", "Nested title"])
            #expect(articles[0].blocks == [.paragraph(text: "Live from the pier")])
            #expect(articles[0].image?.url == "https://cdn.lenient.example/cam.jpg")
            #expect(articles[1].blocks == [.paragraph(text: "The long summary.")])
            #expect(articles[1].byline == "By Ann Host")
            #expect(articles[2].blocks == [.paragraph(text: "Written as XHTML.")])
            #expect(articles[3].blocks == [.paragraph(text: "Nested text")])
        }

        @Test func bylinesShowTheNameNeverTheAddress() throws {
            let authors = [
                "<author>ed@lenient.example (Ed Rowe)</author>", "<author>Ed Rowe (ed@lenient.example)</author>",
                "<author>Ed Rowe &lt;ed@lenient.example&gt;</author>", "<dc:creator>Ed Rowe (ed@lenient.example)</dc:creator>",
                "<author>ed@lenient.example</author>", "<dc:creator>Ed Rowe (Reuters)</dc:creator>",
            ]
            let items = authors.enumerated().map { "<item><guid>p-\($0.offset)</guid><title>T</title>\(Self.date)\($0.element)</item>" }
            let articles = try FeedFormatsTests.parseXML(Self.rss(items.joined())).articles
            #expect(articles.map(\.byline) == ["By Ed Rowe", "By Ed Rowe", "By Ed Rowe", "By Ed Rowe", nil, "By Ed Rowe (Reuters)"])
        }

        @Test func relativeLinksResolveAgainstXMLBaseOrTheFeedsAddress() throws {
            let atom = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/news/"><link href="/"/>
                <entry><id>l-1</id><title>Rel</title><updated>2025-03-01T00:00:00Z</updated><link href="2025/tide.html"/></entry>
                <entry xml:base="archive/"><id>l-2</id><title>Nested</title><updated>2025-03-01T00:00:00Z</updated><link href="old.html"/></entry>
                <entry><id>l-3</id><title>Only XML</title><updated>2025-03-01T00:00:00Z</updated>
                <link rel="self" href="https://base.example/self.xml"/><link rel="alternate" type="application/xml" href="https://base.example/l-3.xml"/></entry>
                <entry><id>l-4</id><title>Both</title><updated>2025-03-01T00:00:00Z</updated>
                <link rel="enclosure" href="https://base.example/a.mp3"/><link href="https://base.example/l-4.html"/>
                <content type="html" xml:base="https://static.example/pages/">&lt;p&gt;See &lt;a href="map.html"&gt;the map&lt;/a&gt;&lt;/p&gt;</content>
                </entry></feed>
                """
            let articles = try FeedFormatsTests.parseXML(atom).articles
            try #require(articles.count == 4)
            let citations = articles[3].blocks.flatMap { block -> [Citation] in
                if case let .paragraph(_, citations) = block { return citations } else { return [] }
            }
            #expect(citations.map(\.url) == ["https://static.example/pages/map.html"])
            #expect(articles.map(\.url) == [
                "https://base.example/news/2025/tide.html", "https://base.example/news/archive/old.html",
                "https://base.example/l-3.xml", "https://base.example/l-4.html",
            ])

            let rss = Self.rss("<item><title>Rel</title><link>/2025/ferry.html</link>\(Self.date)</item>", channel: "<title>No link</title>")
            #expect(throws: FeedFormatError.noFeedLink) {
                try FeedFormatsTests.parseXML(rss, XMLFeedParser(location: "https://feeds.lenient.example/rss.xml"))
            }
            let result = try FeedDocument.parseFeed(Data(rss.utf8), origin: .url("https://feeds.lenient.example/rss.xml"))
            #expect(result.source.id == "feeds.lenient.example/rss.xml" && result.source.name == "No link")
            #expect(result.articles.map(\.url) == ["https://feeds.lenient.example/2025/ferry.html"])
        }

        @Test func itemsSharingALinkStayApartAndKeepTheirIds() throws {
            let link = "<link>https://lenient.example/live</link>"
            let older = "<item><title>Ferry delayed</title>\(link)\(Self.date)</item><item><title>Ferry sails</title>\(link)\(Self.date)</item>"
            let unique = "<item><title>Unique</title><link>https://lenient.example/u</link>\(Self.date)</item>"
            let first = try FeedFormatsTests.parseXML(Self.rss(older + unique))
            #expect(first.problems.isEmpty)
            try #require(first.articles.count == 3)
            #expect(first.articles.map(\.title) == ["Ferry delayed", "Ferry sails", "Unique"])
            #expect(first.articles[2].id == FeedArticleID.make(sourceID: "lenient.example", itemKey: "https://lenient.example/u"))

            let newer = "<item><title>Ferry docks</title>\(link)\(Self.date)</item>"
            let retitled = unique.replacingOccurrences(of: "Unique", with: "Unique, retitled")
            let second = try FeedFormatsTests.parseXML(Self.rss(newer + older + retitled))
            #expect(second.articles.map(\.title) == ["Ferry docks", "Ferry delayed", "Ferry sails", "Unique, retitled"])
            #expect(Array(second.articles.map(\.id).dropFirst()) == first.articles.map(\.id))
            #expect(Set(second.articles.map(\.id)).count == 4)

            let twins = "<item><title>Same</title>\(link)\(Self.date)</item><item><title>Same</title>\(link)\(Self.date)</item>"
            #expect(Set(try FeedFormatsTests.parseXML(Self.rss(twins)).articles.map(\.id)).count == 2)
        }
    }
}
