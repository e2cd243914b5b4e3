@testable import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Elements with huge numbers of attributes: libxml2 checks each new attribute against every earlier
    /// one, so the parsers must never hand it more than `MarkupLimits.maxAttributes` per element.
    /// Work is shown by what libxml2 delivers (its work on an element grows with the square of that),
    /// never by timing.
    @Suite struct AttributeStorm {
        /// ` a0="" a1="" …` with `count` attributes.
        static func attributes(_ count: Int, valued: Bool = true) -> String {
            var out = ""
            out.reserveCapacity(count * 10)
            for index in 0..<count { out += valued ? " a\(index)=\"\"" : " a\(index)" }
            return out
        }

        static func rss(enclosure: String) -> String {
            """
            <?xml version="1.0"?><rss version="2.0"><channel><link>https://storm.example/</link>
            <item><guid>s-1</guid><title>Calm</title>\(enclosure)<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>
            <item><guid>s-2</guid><title>After</title><pubDate>Mon, 03 Mar 2025 11:00:00 GMT</pubDate></item>
            </channel></rss>
            """
        }

        /// The attribute count of each element libxml2's XML reader delivers, in document order (a read
        /// error ends the list: what was read is what libxml2 did).
        static func attributeCounts(_ xml: String) -> [Int] {
            var counts: [Int] = []
            let bytes = Array(xml.utf8)
            bytes.withUnsafeBytes { raw in
                do {
                    try XMLStreamReader.read(raw, encoding: "UTF-8") { reader throws(XMLReadError) in
                        while try reader.next() {
                            guard reader.nodeType == XMLNode.element else { continue }
                            var count = 0
                            reader.forEachAttribute { _, _, _ in count += 1 }
                            counts.append(count)
                        }
                    }
                } catch {}
            }
            return counts
        }

        /// The most attributes libxml2's XML reader delivers on one element of `xml`.
        static func mostAttributesRead(_ xml: String) -> Int {
            attributeCounts(xml).max() ?? 0
        }

        /// Records the largest attribute count of any element libxml2's HTML parser reports.
        final class AttributeCounter: HTMLEventReceiver {
            var most = 0
            var elements = 0
            func start(_ tag: HTMLTag, _ attributes: HTMLAttributes) {
                elements += 1
                var count = 0
                if let pairs = attributes.pairs { while pairs[count * 2] != nil { count += 1 } }
                most = max(most, count)
            }
            func end(_ tag: HTMLTag) {}
            func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
            var isDone: Bool { false }
        }

        static func mostAttributesRead(html: String) -> AttributeCounter {
            let counter = AttributeCounter()
            var html = html
            html.withUTF8 { _ = HTMLSAXParser.parse(UnsafeRawBufferPointer($0), encoding: "UTF-8", ignoreDeclaredEncoding: true, into: counter) }
            return counter
        }

        @Test func limitsAreTheDocumentedNumbers() {
            #expect(MarkupLimits.maxAttributes == 256)
            #expect(MarkupLimits.maxNamespacesInScope == 1_024)
        }

        @Test func attributesPastTheCapAreDroppedFromFeedElements() throws {
            let late = Self.attributes(MarkupLimits.maxAttributes) + #" url="https://storm.example/late.jpg" type="image/jpeg""#
            let result = try FeedFormatsTests.parseXML(Self.rss(enclosure: "<enclosure\(late)/>"))
            #expect(result.articles.map(\.title) == ["Calm", "After"])
            #expect(result.articles[0].image == nil)
            let early = #" url="https://storm.example/early.jpg" type="image/jpeg""# + Self.attributes(MarkupLimits.maxAttributes)
            let kept = try FeedFormatsTests.parseXML(Self.rss(enclosure: "<enclosure\(early)/>"))
            #expect(kept.articles[0].image?.url == "https://storm.example/early.jpg")
        }

        @Test func hundredThousandAttributesOnAFeedElement() throws {
            let storm = Self.attributes(100_000)
            let xml = Self.rss(enclosure: "<enclosure url=\"https://storm.example/a.jpg\" type=\"image/jpeg\"\(storm)/>")
            #expect(xml.utf8.count > 900_000)
            #expect(Self.mostAttributesRead(xml) == MarkupLimits.maxAttributes)
            let result = try FeedFormatsTests.parseXML(xml)
            #expect(result.articles.map(\.title) == ["Calm", "After"])
            #expect(result.articles[0].image?.url == "https://storm.example/a.jpg")
        }

        @Test func namespaceDeclarationsInScopeAreCapped() {
            var xml = "<r>"
            for depth in 0..<200 { xml += "<e" + (0..<200).map { " xmlns:n\(depth)x\($0)=\"urn:n\($0)\"" }.joined() + ">" }
            xml += String(repeating: "</e>", count: 200) + "</r>"
            let declared = Self.attributeCounts(xml).reduce(0, +)
            #expect(declared <= MarkupLimits.maxNamespacesInScope)
        }

        @Test func htmlAttributesPastTheCapEndTheDocument() {
            let late = HTMLBlocks.blocks(fromHTML: "<p>Before</p><img\(Self.attributes(MarkupLimits.maxAttributes, valued: false)) src=\"https://s.example/i.jpg\"><p>After</p>")
            #expect(late == [.paragraph(text: "Before")])
            let fine = HTMLBlocks.blocks(fromHTML: "<p>Before</p><img src=\"https://s.example/i.jpg\" alt=\"Quay\"\(Self.attributes(200))><p>After</p>")
            #expect(fine.count == 3)
        }

        @Test func twoHundredThousandAttributesOnAnHTMLPage() {
            let page = "<html><body><p>Lead</p><div\(Self.attributes(200_000, valued: false))>Body</div><p>Tail</p></body></html>"
            let counter = Self.mostAttributesRead(html: page)
            #expect(counter.most <= MarkupLimits.maxAttributes)
            let blocks = HTMLBlocks.blocks(fromHTMLData: Data(page.utf8))
            #expect(blocks.first == .paragraph(text: "Lead"))
        }

        @Test func stormsHiddenInScriptsAndQuotesAreStillSeen() {
            // libxml2 reads script bodies as raw text and lets quoted values hold `<` and `>`.
            let storm = "<p\(Self.attributes(5_000, valued: false))>x</p>"
            for page in [
                "<script>var s = \"</script>\(storm)",
                "<p title='<b a=\"'>\(storm)",
                "<!-- \" -->\(storm)",
                "<style>p{}</style><textarea>\(storm)</textarea>",
            ] {
                #expect(Self.mostAttributesRead(html: page).most <= MarkupLimits.maxAttributes, "\(page.prefix(40))")
            }
        }

        @Test func contentHTMLWithAnAttributeStorm() throws {
            let html = "<p>Kept</p><p\(Self.attributes(50_000))>Storm</p>"
            let json: [String: Any] = [
                "version": "https://jsonfeed.org/version/1.1", "title": "Storm", "home_page_url": "https://storm.example/",
                "items": [["id": "j-1", "title": "Storm", "content_html": html, "date_published": "2025-03-03T10:00:00Z"]],
            ]
            let data = try JSONSerialization.data(withJSONObject: json)
            let result = try JSONFeedParser().parse(data)
            #expect(result.articles.first?.blocks == [.paragraph(text: "Kept")])
            #expect(Self.mostAttributesRead(html: html).most <= MarkupLimits.maxAttributes)
        }

        @Test func deepNestingStopsLinearly() throws {
            let html = String(repeating: "<div>", count: 100_000) + "deep" + String(repeating: "</span>", count: 100_000)
            let counter = Self.mostAttributesRead(html: "<p>Top</p>" + html)
            #expect(counter.elements <= HTMLSAXParser.maxDepth + 2)
            let xml = Self.rss(enclosure: "<description>" + String(repeating: "<b>", count: 10_000) + "</description>")
            #expect(throws: FeedFormatError.invalidXML(line: 2, reason: "elements nest deeper than 256 levels")) {
                try FeedFormatsTests.parseXML(xml)
            }
        }
    }
}
