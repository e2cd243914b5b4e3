@testable import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Documents whose declared or detected character encoding tries to hide a DTD from the byte scan
    /// that blanks it: whatever the encoding, no DOCTYPE takes effect and no entity is ever expanded.
    @Suite struct HostileEncoding {
        /// The text an entity would expand to; it must never appear in anything parsed.
        static let payload = String(repeating: "EXPANDED", count: 512)

        /// A feed with an internal DTD declaring `big`, used in an attribute and in text.
        static func feedWithEntity(encoding: String) -> String {
            """
            <?xml version="1.0" encoding="\(encoding)"?>
            <!DOCTYPE rss [ <!ENTITY big "\(payload)"> ]>
            <rss version="2.0"><channel><title>Hidden</title><link>https://hidden.example/</link>
            <item><guid isPermaLink="false">h-1</guid><title>Tide &big; report</title>
            <enclosure url="https://hidden.example/&big;.jpg" type="image/jpeg"/>
            <pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item></channel></rss>
            """
        }

        /// `text` in UTF-7, every character outside UTF-7's directly encoded set written in modified
        /// base64, so no `<`, `!`, `[` or `&` byte is left for a byte scan to see.
        static func utf7(_ text: String) -> Data {
            let direct = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'(),-./:? \t\r\n".unicodeScalars)
            var out = ""
            var pending: [UInt16] = []
            func flush() {
                guard !pending.isEmpty else { return }
                let bytes = pending.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                out += "+" + Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "") + "-"
                pending = []
            }
            for scalar in text.unicodeScalars {
                if direct.contains(scalar) {
                    flush()
                    out.unicodeScalars.append(scalar)
                } else {
                    pending.append(contentsOf: String(scalar).utf16)
                }
            }
            flush()
            return Data(out.utf8)
        }

        /// `text` as UTF-32, little- or big-endian, without a byte-order mark.
        static func utf32(_ text: String, bigEndian: Bool) -> Data {
            var bytes: [UInt8] = []
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let le = [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
                bytes += bigEndian ? le.reversed() : le
            }
            return Data(bytes)
        }

        /// Everything a parse produced, as one string, to look for the payload in.
        static func everything(_ result: FeedParseResult) -> String {
            String(describing: result.articles) + String(describing: result.problems)
        }

        /// The declaration in ASCII (so libxml2 can read it), everything after it in UTF-7.
        static func utf7Feed(label: String) -> Data {
            let feed = Self.feedWithEntity(encoding: label)
            let declarationEnd = feed.range(of: "?>")!.upperBound
            return Data(feed[..<declarationEnd].utf8) + Self.utf7(String(feed[declarationEnd...]))
        }

        @Test func utf7IsRefusedNamingTheEncoding() {
            let data = Self.utf7Feed(label: "UTF-7")
            #expect(!data.dropFirst(10).contains(UInt8(ascii: "<")))
            #expect(throws: FeedFormatError.unsupportedEncoding("UTF-7")) { try XMLFeedParser().parse(data) }
            #expect(throws: FeedFormatError.unsupportedEncoding("utf7")) {
                try XMLFeedParser().parse(Self.utf7Feed(label: "utf7"))
            }
            #expect(throws: FeedFormatError.unsupportedEncoding("UTF-7")) { try OPMLDocument.parse(data) }
        }

        @Test(arguments: [false, true]) func utf32WithoutByteOrderMarkIsReadWithTheDTDBlanked(bigEndian: Bool) throws {
            let data = Self.utf32(Self.feedWithEntity(encoding: "UTF-32"), bigEndian: bigEndian)
            let result = try XMLFeedParser().parse(data)
            #expect(!Self.everything(result).contains("EXPANDED"))
            #expect(result.articles.map(\.title) == ["Tide &big; report"])
        }

        @Test(arguments: [false, true]) func utf32WithByteOrderMarkIsReadWithTheDTDBlanked(bigEndian: Bool) throws {
            let data = Self.utf32("\u{FEFF}" + Self.feedWithEntity(encoding: "UTF-32"), bigEndian: bigEndian)
            let result = try XMLFeedParser().parse(data)
            #expect(!Self.everything(result).contains("EXPANDED"))
            #expect(result.articles.map(\.title) == ["Tide &big; report"])
        }

        @Test func utf16IsReadWithTheDTDBlanked() throws {
            var data = Data([0xFF, 0xFE])
            for unit in Self.feedWithEntity(encoding: "UTF-16").utf16 { data += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let result = try XMLFeedParser().parse(data)
            #expect(!Self.everything(result).contains("EXPANDED"))
            #expect(result.articles.map(\.title) == ["Tide &big; report"])
        }

        @Test func ebcdicIsRefusedNamingTheEncoding() {
            // `<?xml` in EBCDIC (code page 037), the signature XML's appendix F gives for it.
            let data = Data([0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40]) + Data(repeating: 0x40, count: 40)
            #expect(throws: FeedFormatError.unsupportedEncoding("EBCDIC")) { try XMLFeedParser().parse(data) }
            let labelled = Data(Self.feedWithEntity(encoding: "IBM037").utf8)
            #expect(throws: FeedFormatError.unsupportedEncoding("IBM037")) { try XMLFeedParser().parse(labelled) }
        }

        /// A declared encoding other than UTF-8 is decoded before the DOCTYPE is looked for.
        @Test func declaredLegacyEncodingIsDecodedBeforeTheScan() throws {
            let result = try FeedFormatsTests.parseXML(Self.feedWithEntity(encoding: "ISO-8859-2"))
            #expect(!Self.everything(result).contains("EXPANDED"))
            #expect(result.articles.map(\.title) == ["Tide &big; report"])
        }

        /// Attribute values and text libxml2's reader hands out for `xml`, given straight to it (no
        /// blanking in front), in document order; then `refused: …` when it stopped with an error.
        static func readStraight(_ xml: String) -> String {
            var seen = ""
            let bytes = Array(xml.utf8)
            bytes.withUnsafeBytes { raw in
                do {
                    try XMLStreamReader.read(raw, encoding: "UTF-8") { reader throws(XMLReadError) in
                        while try reader.next() {
                            if reader.nodeType == XMLNode.element { reader.forEachAttribute { _, _, value in seen += String(cString: value) } }
                            if reader.nodeType == XMLNode.text, let value = reader.value { seen += String(cString: value) }
                        }
                    }
                } catch {
                    seen += "refused: \(error)"
                }
            }
            return seen
        }

        /// The reader's own callbacks are in place (it does not fall back to refusing): a DTD that is
        /// declared but never used reads past, and the predefined entities still work.
        @Test func theReaderReadsPastAnUnusedInternalSubset() {
            #expect(Self.readStraight("<!DOCTYPE r [ <!ENTITY big \"\(Self.payload)\"> ]>\n<r a=\"x&amp;y\">t&lt;t</r>") == "x&yt<t")
        }

        /// Even when bytes reach libxml2 with an internal DTD, the reader declares no entity, so nothing
        /// is expanded, in an attribute or in text (refusing the document is as good as reading it unexpanded).
        @Test func theReaderItselfNeverDeclaresAnEntity() {
            let seen = Self.readStraight("<!DOCTYPE r [ <!ENTITY big \"\(Self.payload)\"> ]>\n<r a=\"x&big;y\">t&big;t</r>")
            #expect(!seen.contains("EXPANDED"))
        }
    }
}
