import FeedFormats
import NewsModels
import Testing

extension FeedFormatsTests {
    /// `content_html` to blocks through libxml2's HTML parser.
    @Suite struct HTML {
        static func blocks(_ html: String, base: String? = nil) -> [Block] {
            HTMLBlocks.blocks(fromHTML: html, baseURL: base)
        }

        @Test func wholeArticle() {
            let html = """
                <script>document.write("<p>never shown</p>")</script>
                Loose text before any tag.
                <h1>Quarry  reopens</h1>
                <p>The <a href="https://council.example/minutes/14">council minutes</a> confirm the date &mdash; 3&nbsp;June.
                   Residents said they &ldquo;can live with it&rdquo;&hellip;</p>
                <h3>What changes</h3>
                <ul><li>Lorries only <b>after</b> 9am</li><li>A new footpath &amp; fence</li></ul>
                <ol><li>Survey</li><li>Blasting</li></ol>
                <blockquote><p>We have waited a long time for a straight answer.</p><cite>Wren Tolley, parish clerk</cite></blockquote>
                <figure><img src="/img/quarry.jpg" alt="The quarry face at dusk"><figcaption>The north face, photographed in May.</figcaption></figure>
                <img src="https://pixel.example/t.gif" width="1" height="1" alt="">
                <style>p { color: red }</style>
                <div class="share-buttons"><a href="https://social.example/share">Share this</a></div>
                <iframe src="https://video.example/embed/1"></iframe>
                <p>Emoji &#x1F600; and &#8364;5 and &#146;quotes&#146; and &bogus; stay.</p>
                """
            #expect(Self.blocks(html, base: "https://www.quarry-post.example/2025/06/reopens") == [
                .paragraph(text: "Loose text before any tag."),
                .heading(level: 1, text: "Quarry reopens"),
                .paragraph(
                    text: "The council minutes confirm the date \u{2014} 3 June. Residents said they \u{201C}can live with it\u{201D}\u{2026}",
                    citations: [Citation(url: "https://council.example/minutes/14", domain: "council.example", label: "council minutes")]),
                .heading(level: 3, text: "What changes"),
                .list(ordered: false, items: ["Lorries only after 9am", "A new footpath & fence"]),
                .list(ordered: true, items: ["Survey", "Blasting"]),
                .quote(text: "We have waited a long time for a straight answer.", attribution: "Wren Tolley, parish clerk"),
                .image(ImageRef(url: "https://www.quarry-post.example/img/quarry.jpg", alt: "The quarry face at dusk",
                                caption: "The north face, photographed in May.")),
                .paragraph(text: "Emoji 😀 and \u{20AC}5 and \u{2019}quotes\u{2019} and &bogus; stay."),
            ])
        }

        @Test func quoteAttributionFromTrailingDash() {
            #expect(Self.blocks("<blockquote><p>The river does not care about our maps.</p><p>— Ines Farrow</p></blockquote>")
                == [.quote(text: "The river does not care about our maps.", attribution: "Ines Farrow")])
            #expect(Self.blocks("<blockquote>Keep the lamps lit.<br>– Harbour master</blockquote>")
                == [.quote(text: "Keep the lamps lit.", attribution: "Harbour master")])
            #expect(Self.blocks("<blockquote><p>— a lone dash line</p></blockquote>") == [.quote(text: "— a lone dash line")])
            #expect(Self.blocks("<figure><blockquote>Tides wait.</blockquote><figcaption>— Old saying</figcaption></figure>")
                == [.quote(text: "Tides wait.", attribution: "Old saying")])
        }

        @Test func listsNestAndFlatten() {
            let html = "<ul><li>Boats<ul><li>Dinghies</li><li>Skiffs</li></ul></li><li>Nets</li></ul>"
            #expect(Self.blocks(html) == [.list(ordered: false, items: ["Boats", "Dinghies", "Skiffs", "Nets"])])
            #expect(Self.blocks("<li>Stray item<li>Another") == [.list(ordered: false, items: ["Stray item", "Another"])])
        }

        @Test func breaksAndWhitespace() {
            #expect(Self.blocks("<p>Line one<br>line   two<br/><br> New paragraph</p>") == [
                .paragraph(text: "Line one\nline two"), .paragraph(text: "New paragraph"),
            ])
            #expect(Self.blocks("<p>&nbsp;</p><p>  </p><div>\n\t</div>") == [])
            #expect(Self.blocks("a<b>b</b> <i>c</i>d") == [.paragraph(text: "ab cd")])
        }

        @Test func linksAndImages() {
            let html = """
                <p><a href="javascript:alert(1)">Bad link</a>, <a href="#top">anchor</a>, <a href="mailto:desk@news.example">mail</a>,
                <a href="https://www.tidal.example/a">tides</a> and <a href="https://www.tidal.example/a">tides again</a>.</p>
                <p>Inline <img src="data:image/png;base64,AAAA" data-src="https://cdn.example/p.jpg" alt="A pier"> picture.</p>
                <img src="https://cdn.example/spacer.gif" style="display: none">
                <img src="https://cdn.example/t.gif" width="0">
                <img>
                <span class="social-links"><img src="https://cdn.example/icon.png" alt="Follow us"></span>
                """
            #expect(Self.blocks(html) == [
                .paragraph(text: "Bad link, anchor, mail, tides and tides again.", citations: [
                    Citation(url: "https://www.tidal.example/a", domain: "tidal.example", label: "tides"),
                ]),
                .paragraph(text: "Inline"),
                .image(ImageRef(url: "https://cdn.example/p.jpg", alt: "A pier")),
                .paragraph(text: "picture."),
            ])
        }

        @Test func droppedElementsTakeTheirContent() {
            let html = """
                <p>Kept.</p><form><input name="q"><p>Search the archive</p><button>Go</button></form>
                <noscript><img src="https://t.example/p.gif"></noscript><svg><text>icon</text></svg>
                <div class="post-share"><div>Share on <a href="https://x.example">X</a></div></div><p>Also kept.</p>
                <SCRIPT type="text/javascript">var s = "</p>";</SCRIPT ><p>Last.</p>
                """
            #expect(Self.blocks(html) == [.paragraph(text: "Kept."), .paragraph(text: "Also kept."), .paragraph(text: "Last.")])
        }

        @Test(arguments: [
            "", "<", "<<<>>>", "</", "</p", "<p", "<p class=\"x", "<p class='", "<!--", "<!-- never closed <p>text",
            "<![CDATA[", "&", "&#", "&#x;", "&#99999999999;", "&#0;", "text & more < less > done", "<a href=",
            "<ul><li>one<li>two", "<blockquote><blockquote>deep", "<figure><figcaption>only", "</li></ul></blockquote></figure></a>",
            "<h7>not a heading</h7>", "<script>never closed", "<div class=share>open", "<br><br><br>", "<img src=x",
            "\u{0}\u{1B}[2J<p>\u{202E}x</p>", "<p>\u{FFFD}</p>", String(repeating: "<div>", count: 50_000),
            String(repeating: "<ul><li>", count: 5_000) + "deep",
        ])
        func malformedHTMLNeverCrashes(_ html: String) {
            let blocks = Self.blocks(html)
            for block in blocks { #expect(!block.plainText.contains("\u{1B}")) }
        }

        @Test func malformedHTMLKeepsItsText() {
            #expect(Self.blocks("<p>Unclosed <b>bold and <i>italic") == [.paragraph(text: "Unclosed bold and italic")])
            #expect(Self.blocks("if a < b and c > d") == [.paragraph(text: "if a < b and c > d")])
            #expect(Self.blocks("<p>Cut off at <a href=\"https://x.example/") == [.paragraph(text: "Cut off at")])
            // CDATA markers in HTML come from feeds that escaped already-wrapped HTML: what is inside is markup.
            #expect(Self.blocks("<![CDATA[<p>Raw <b>bold</b></p>]]> after") == [.paragraph(text: "Raw bold"), .paragraph(text: "after")])
            #expect(Self.blocks("<h2>Heading<p>Body") == [.heading(level: 2, text: "Heading"), .paragraph(text: "Body")])
            #expect(Self.blocks("x &#0; y &#xD800; z") == [.paragraph(text: "x \u{FFFD} y \u{FFFD} z")])
        }
    }
}
