import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Encodings sniffed as XML 1.0 Appendix F and WHATWG describe, so no readable feed is refused.
    @Suite struct XMLFeedLeniencyEncoding {
        static let feed = """
            <rss version="2.0"><channel><title>Ōtsuka Dispatch</title><link>https://otsuka.example/</link>
            <item><guid>o-1</guid><title>Tram line 大塚 extended</title><pubDate>Mon, 03 Mar 2025 10:00:00 +0900</pubDate></item>
            </channel></rss>
            """

        static func utf16(_ text: String, bigEndian: Bool) -> Data {
            Data(text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        }

        static func utf32(_ text: String, bigEndian: Bool, byteOrderMark: Bool) -> Data {
            let scalars = (byteOrderMark ? [Unicode.Scalar(0xFEFF)!] : []) + Array(text.unicodeScalars)
            return Data(scalars.flatMap { scalar -> [UInt8] in
                let v = scalar.value
                let little = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
                return bigEndian ? little.reversed() : little
            })
        }

        @Test(arguments: [false, true])
        func utf16WithoutByteOrderMarkOrDeclaration(bigEndian: Bool) throws {
            for text in [Self.feed, "\n  " + Self.feed, "<!-- generated -->" + Self.feed] {
                let data = Self.utf16(text, bigEndian: bigEndian)
                #expect(FeedDocumentKind.sniff(data) == .rss)
                let result = try XMLFeedParser().parse(data)
                #expect(result.articles.map(\.title) == ["Tram line 大塚 extended"])
            }
        }

        @Test(arguments: [false, true])
        func utf32WithAndWithoutByteOrderMark(bigEndian: Bool) throws {
            for byteOrderMark in [false, true] {
                let text = #"<?xml version="1.0" encoding="UTF-32"?>"# + Self.feed
                let result = try XMLFeedParser().parse(Self.utf32(text, bigEndian: bigEndian, byteOrderMark: byteOrderMark))
                #expect(result.source.name == "Ōtsuka Dispatch")
                #expect(result.articles.map(\.title) == ["Tram line 大塚 extended"])
            }
        }

        @Test func unknownLabelIsReadAsUTF8WhenValidElseWindows1252() throws {
            let utf8 = #"<?xml version="1.0" encoding="x-klingon"?>"# + Self.feed
            #expect(try XMLFeedParser().parse(Data(utf8.utf8)).articles.map(\.title) == ["Tram line 大塚 extended"])

            let head = #"<?xml version="1.0" encoding="bogus"?><rss><channel><link>https://k.example/</link><item><guid>k-1</guid><title>Caf"#
            let tail = " d\u{E9}j\u{E0}</title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>"
            let windows1252 = Data(head.utf8) + Data([0xE9, 0x20, 0x93, 0x71, 0x94]) + Data(tail.unicodeScalars.map { UInt8($0.value) })
            #expect(try XMLFeedParser().parse(windows1252).articles.map(\.title) == ["Café \u{201C}q\u{201D} déjà"])
        }

        @Test func encodingsThatDoNotWriteMarkupAsASCIIAreStillRefused() {
            let xml = #"<?xml version="1.0" encoding="UTF-7"?><rss><channel><link>https://k.example/</link></channel></rss>"#
            #expect(throws: FeedFormatError.unsupportedEncoding("UTF-7")) { try FeedFormatsTests.parseXML(xml) }
            let ebcdic = #"<?xml version="1.0" encoding="IBM037"?><rss><channel><link>https://k.example/</link></channel></rss>"#
            #expect(throws: FeedFormatError.unsupportedEncoding("IBM037")) { try FeedFormatsTests.parseXML(ebcdic) }
        }

        @Test func c1CharactersAreReadAsWindows1252Punctuation() throws {
            let xml = """
                <rss><channel><link>https://quotes.example/</link>
                <item><guid>q-1</guid><title>don\u{92}t stop \u{93}now\u{94}</title><description>it&#146;s &#150; fine\u{81}</description>
                <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>
                """
            let article = try #require(try FeedFormatsTests.parseXML(xml).articles.first)
            #expect(article.title == "don\u{2019}t stop \u{201C}now\u{201D}")
            // U+0081 has no windows-1252 character: it stays a control and is removed.
            #expect(article.blocks == [.paragraph(text: "it\u{2019}s \u{2013} fine")])
        }
    }
}
