import FeedFormats
import Foundation
import Testing

extension FeedFormatsTests {
    /// OPML 2.0 subscription lists: folders become category paths and come back as folders.
    @Suite struct OPML {
        static let fixtureSubscriptions = [
            OPMLSubscription(title: "Tidewater Gazette", feedURL: "https://www.tidewater-gazette.example/feed.rss",
                             homePageURL: "https://www.tidewater-gazette.example/"),
            OPMLSubscription(title: "Moorland Almanac", feedURL: "https://moorland-almanac.example/index.rdf",
                             homePageURL: "https://moorland-almanac.example/", categories: ["News", "Local"]),
            OPMLSubscription(title: "Saltmarsh Courier", feedURL: "https://saltmarsh-courier.example/rss?section=local&format=full",
                             categories: ["News", "Local"]),
            OPMLSubscription(title: "Fenwick Review", feedURL: "https://fenwick-review.example/atom.xml", categories: ["News"]),
            OPMLSubscription(title: "川辺新聞", feedURL: "https://kawabe-shimbun.example/rss.xml", categories: ["Japan"]),
        ]

        @Test func nestedFoldersBecomeCategoryPaths() throws {
            let document = try OPMLDocument.parse(FeedFormatsTests.fixture("subscriptions.opml"))
            #expect(document.title == "Reading list & more")
            #expect(document.subscriptions == Self.fixtureSubscriptions)
        }

        @Test func categoryAttributeGivesTopLevelFeedsTheirPath() throws {
            let xml = """
                <opml version="2.0"><head/><body>
                <outline text="Quill Post" xmlUrl="https://quill-post.example/feed" category="/Culture/Books, /Weekend"/>
                <outline text="Blank" xmlUrl="   "/>
                <outline text="No URL at all" htmlUrl="https://no-feed.example/"/>
                <outline xmlUrl="https://untitled.example/rss"/>
                </body></opml>
                """
            let document = try OPMLDocument.parse(Data(xml.utf8))
            #expect(document.title == nil)
            #expect(document.subscriptions == [
                OPMLSubscription(title: "Quill Post", feedURL: "https://quill-post.example/feed", categories: ["Culture", "Books"]),
                OPMLSubscription(title: "https://untitled.example/rss", feedURL: "https://untitled.example/rss"),
            ])
        }

        @Test func exportRenestsFoldersAndEscapes() {
            let document = OPMLDocument(title: "Mine & \"yours\"", subscriptions: [
                OPMLSubscription(title: "A <b>bold</b> feed\u{7}", feedURL: "https://a.example/rss?x=1&y=2", categories: ["News", "Local"]),
                OPMLSubscription(title: "Top", feedURL: "https://top.example/feed", homePageURL: "https://top.example/"),
                OPMLSubscription(title: "B", feedURL: "https://b.example/rss", categories: ["News"]),
                OPMLSubscription(title: "C", feedURL: "https://c.example/rss", categories: ["News", "Local"]),
            ])
            #expect(document.xml() == """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head>
                    <title>Mine &amp; &quot;yours&quot;</title>
                  </head>
                  <body>
                    <outline text="News" title="News">
                      <outline text="Local" title="Local">
                        <outline type="rss" text="A &lt;b&gt;bold&lt;/b&gt; feed" title="A &lt;b&gt;bold&lt;/b&gt; feed" xmlUrl="https://a.example/rss?x=1&amp;y=2"/>
                        <outline type="rss" text="C" title="C" xmlUrl="https://c.example/rss"/>
                      </outline>
                      <outline type="rss" text="B" title="B" xmlUrl="https://b.example/rss"/>
                    </outline>
                    <outline type="rss" text="Top" title="Top" xmlUrl="https://top.example/feed" htmlUrl="https://top.example/"/>
                  </body>
                </opml>

                """)
        }

        @Test func roundTrip() throws {
            let document = try OPMLDocument.parse(FeedFormatsTests.fixture("subscriptions.opml"))
            let again = try OPMLDocument.parse(Data(document.xml().utf8))
            #expect(again == document)
            let built = OPMLDocument(title: "Built", subscriptions: Self.fixtureSubscriptions)
            #expect(try OPMLDocument.parse(Data(built.xml().utf8)) == built)
        }

        @Test func badDocuments() {
            func error(_ text: String) -> FeedFormatError? {
                do {
                    _ = try OPMLDocument.parse(Data(text.utf8))
                    return nil
                } catch {
                    return error
                }
            }
            #expect(error("") == .empty)
            #expect(error("<rss><channel/></rss>") == .notAFeed("the root element is <rss>"))
            #expect(error("<opml><body><outline text=\"x\"></body></opml>")
                == .invalidXML(line: 1, reason: "Opening and ending tag mismatch: outline line 1 and body"))
            // A label no converter knows is read as browsers read it (UTF-8 here); UTF-7 is still refused.
            #expect(error(#"<?xml version="1.0" encoding="x-klingon"?><opml/>"#) == nil)
            #expect(error(#"<?xml version="1.0" encoding="UTF-7"?><opml/>"#) == .unsupportedEncoding("UTF-7"))
            // Billion laughs: the DOCTYPE is blanked and the reference stays text.
            let laughs = """
                <?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
                <opml><body><outline text="&b;" xmlUrl="https://laughs.example/rss"/></body></opml>
                """
            #expect((try? OPMLDocument.parse(Data(laughs.utf8)))?.subscriptions.map(\.title) == ["&b;"])
        }
    }
}
