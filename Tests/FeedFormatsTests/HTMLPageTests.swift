import Foundation
import FeedFormats
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Whole saved pages as bytes: encodings from `<meta charset>` or a byte-order mark, and the head's metadata.
    @Suite struct HTMLPage {
        static func bytes(_ parts: Any...) -> Data {
            var data = Data()
            for part in parts {
                if let text = part as? String { data.append(contentsOf: Array(text.utf8)) }
                if let raw = part as? [Int] { data.append(contentsOf: raw.map { UInt8($0) }) }
            }
            return data
        }

        static let page = """
            <!DOCTYPE html>
            <html lang="en"><head>
            <meta charset="utf-8">
            <title>Ferry timetable changes | The Estuary Post</title>
            <meta property="og:title" content="Ferry timetable changes from June">
            <meta name="description" content="Three crossings move earlier.">
            <meta property="og:description" content="Three crossings move earlier; one is cut.">
            <meta name="author" content="Pell Arkwright">
            <meta property="article:published_time" content="2025-05-28T07:30:00+01:00">
            <meta property="og:site_name" content="The Estuary Post">
            <link rel="stylesheet" href="/site.css"><link rel="canonical" href="/2025/05/ferry-timetable">
            <base href="https://www.estuary-post.example/news/">
            <script>var edition = "<p>not text</p>";</script><style>p { margin: 0 }</style>
            </head><body>
            <nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
            <article><h1>Ferry timetable changes from June</h1><p>The first crossing leaves at 06:40, ten minutes earlier.</p>
            <img src="img/ferry.jpg" alt="The ferry at the slip"></article>
            </body></html>
            """

        @Test func savedPageMetadataAndBlocks() throws {
            let data = Data(Self.page.utf8)
            #expect(HTMLBlocks.pageMetadata(fromHTMLData: data) == HTMLPageMetadata(
                title: "Ferry timetable changes from June",
                description: "Three crossings move earlier; one is cut.",
                canonicalURL: "https://www.estuary-post.example/2025/05/ferry-timetable",
                author: "Pell Arkwright",
                published: try #require(Timestamp(rfc3339: "2025-05-28T07:30:00+01:00")),
                siteName: "The Estuary Post"))
            #expect(HTMLBlocks.blocks(fromHTMLData: data) == [
                .heading(level: 1, text: "Ferry timetable changes from June"),
                .paragraph(text: "The first crossing leaves at 06:40, ten minutes earlier."),
                .image(ImageRef(url: "https://www.estuary-post.example/news/img/ferry.jpg", alt: "The ferry at the slip")),
            ])
        }

        @Test func metadataFallbacks() {
            let plain = Data("""
                <title>  Quay   works
                 begin </title><meta property="og:url" content="https://quay.example/works">
                <meta property="article:published_time" content="last Tuesday"><p>Body text.</p><meta name="author" content="Too Late">
                """.utf8)
            #expect(HTMLBlocks.pageMetadata(fromHTMLData: plain, baseURL: "https://quay.example/")
                == HTMLPageMetadata(title: "Quay works begin", canonicalURL: "https://quay.example/works"))
            #expect(HTMLBlocks.pageMetadata(fromHTMLData: Data("<p>No head at all.</p>".utf8)) == HTMLPageMetadata())
            #expect(HTMLBlocks.pageMetadata(fromHTMLData: Data()) == HTMLPageMetadata())
            #expect(HTMLBlocks.blocks(fromHTMLData: Data()) == [])
        }

        @Test func declaredEncodingsAreHonoured() {
            let cp1252 = Self.bytes("<html><head><meta charset=\"windows-1252\"><title>Caf", [0xE9], "</title></head><body><p>",
                                    [0x93], "Quoted", [0x94], " ", [0x80], "5</p></body></html>")
            #expect(HTMLBlocks.blocks(fromHTMLData: cp1252) == [.paragraph(text: "\u{201C}Quoted\u{201D} \u{20AC}5")])
            #expect(HTMLBlocks.pageMetadata(fromHTMLData: cp1252).title == "Caf\u{E9}")
            // iso-8859-1 means Windows-1252 on the web, so 0x92 is a quotation mark, not a control.
            let latin1 = Self.bytes(#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Na"#, [0xEF], "ve", [0x92], "s</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: latin1) == [.paragraph(text: "Na\u{EF}ve\u{2019}s")])
            // Windows-1252's unassigned bytes must not stop the page (iconv rejects them).
            let unassigned = Self.bytes("<meta charset=windows-1252><p>Caf", [0xE9, 0x81], " au ", [0x8D], "lait</p><p>Next.</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: unassigned) == [.paragraph(text: "Caf\u{E9} au lait"), .paragraph(text: "Next.")])
            let koi8 = Self.bytes("<meta charset=koi8-r><p>", [0xED, 0xCF, 0xD2, 0xC5], "</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: koi8) == [.paragraph(text: "\u{41C}\u{43E}\u{440}\u{435}")])
            // Bytes another declared encoding cannot convert end the page there: libxml2 stops reading.
            let badShiftJIS = Self.bytes("<meta charset=shift_jis><p>Before</p><p>", [0x81, 0x20], "after</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: badShiftJIS) == [.paragraph(text: "Before")])
            // A <meta charset> inside a String is ignored: the text is already decoded.
            #expect(HTMLBlocks.blocks(fromHTML: "<meta charset=iso-8859-1><p>Gr\u{FC}\u{DF}e</p>") == [.paragraph(text: "Gr\u{FC}\u{DF}e")])
        }

        @Test func invalidUTF8AndUndeclaredPages() {
            let declaredUTF8 = Self.bytes("<meta charset=\"utf-8\"><p>Gr", [0xC3, 0xBC, 0xC3, 0x9F], "e ", [0xC3], " end</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: declaredUTF8) == [.paragraph(text: "Gr\u{FC}\u{DF}e \u{FFFD} end")])
            let mostlyUTF8 = Self.bytes("<p>Cr", [0xC3, 0xA8], "me ", [0xFF], " br", [0xC3, 0xBB], "l", [0xC3, 0xA9], "e</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: mostlyUTF8) == [.paragraph(text: "Cr\u{E8}me \u{FFFD} br\u{FB}l\u{E9}e")])
            let undeclaredLatin = Self.bytes("<p>Caf", [0xE9], " au lait ", [0x96], " ", [0xBD], " price</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: undeclaredLatin) == [.paragraph(text: "Caf\u{E9} au lait \u{2013} \u{BD} price")])
            let unknownLabel = Self.bytes("<meta charset=x-klingon><p>Plain ", [0xC3, 0xA9], "</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: unknownLabel) == [.paragraph(text: "Plain \u{E9}")])
        }

        @Test func byteOrderMarks() {
            var utf16 = Data([0xFF, 0xFE])
            for unit in "<p>Wide \u{E9}t\u{E9}</p>".utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
            #expect(HTMLBlocks.blocks(fromHTMLData: utf16) == [.paragraph(text: "Wide \u{E9}t\u{E9}")])
            let utf8 = Self.bytes([0xEF, 0xBB, 0xBF], "<meta charset=windows-1252><p>Bom ", [0xC3, 0xA9], "</p>")
            #expect(HTMLBlocks.blocks(fromHTMLData: utf8) == [.paragraph(text: "Bom \u{E9}")])
        }
    }
}
