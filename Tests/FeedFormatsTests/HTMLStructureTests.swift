import FeedFormats
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Structures libxml2's parse lets the converter read: definition lists, tables, preformatted text,
    /// pictures, post embeds, quote footers, widgets and references.
    @Suite struct HTMLStructure {
        static func blocks(_ html: String, base: String? = nil) -> [Block] {
            HTMLBlocks.blocks(fromHTML: html, baseURL: base)
        }

        @Test func definitionListsBecomeTermItems() {
            let html = """
                <dl><dt>Slipway</dt><dd>A ramp for launching boats.</dd>
                <dt>Bollard</dt><dd>A short mooring post.</dd><dd>Also a post that keeps cars off a path.</dd>
                <dt>Fender</dt><dd>rope</dd><dd>rubber</dd></dl>
                <dl><dd>A definition without its term</dd></dl>
                """
            #expect(Self.blocks(html) == [
                .list(ordered: false, items: [
                    "Slipway: A ramp for launching boats.",
                    "Bollard: A short mooring post. Also a post that keeps cars off a path.",
                    "Fender: rope; rubber",
                ]),
                .list(ordered: false, items: ["A definition without its term"]),
            ])
        }

        @Test func tableRowsBecomeParagraphs() {
            let html = """
                <table><caption>Tide times</caption>
                <thead><tr><th>Day</th><th>High</th><th>Low</th></tr></thead>
                <tbody><tr><td>Monday</td><td>06:12</td><td>12:40</td></tr>
                <tr><td>Tuesday</td><td></td><td>13:25</td></tr></tbody></table>
                <table><tr><td><p>A layout cell.</p></td><td><p>Another cell.</p></td></tr></table>
                """
            #expect(Self.blocks(html) == [
                .paragraph(text: "Tide times"),
                .paragraph(text: "Day | High | Low"),
                .paragraph(text: "Monday | 06:12 | 12:40"),
                .paragraph(text: "Tuesday | 13:25"),
                .paragraph(text: "A layout cell."),
                .paragraph(text: "Another cell."),
            ])
        }

        @Test func preformattedTextKeepsLineBreaks() {
            let html = "<p>Run this:</p><pre>\nlaunch  --tide high\n  wait 6\n\nreturn</pre><p>Done.</p>"
            #expect(Self.blocks(html) == [
                .paragraph(text: "Run this:"), .paragraph(text: "launch --tide high\nwait 6\nreturn"), .paragraph(text: "Done."),
            ])
        }

        @Test func picturesSourceSetsAndLazyImages() {
            let html = """
                <figure><picture><source srcset="/img/harbour.avif 1x, /img/harbour@2x.avif 2x" type="image/avif">
                <img src="/img/harbour.jpg" alt="Boats at rest"></picture><figcaption>Low water at noon.</figcaption></figure>
                <picture><source srcset="https://cdn.example/gull-800.webp 800w, https://cdn.example/gull-1600.webp 1600w"><img alt="A gull"></picture>
                <picture><source srcset="https://cdn.example/only-source.webp"></picture>
                <img srcset="https://cdn.example/net-480.jpg 480w,https://cdn.example/net-960.jpg 960w, https://cdn.example/net-720.jpg 720w" alt="A net">
                <img src="https://cdn.example/placeholder.gif" data-src="https://cdn.example/real.jpg" alt="Lazy">
                <img data-srcset="rope.jpg 1x, rope-2x.jpg 2x" alt="Rope">
                <figure><img src="https://cdn.example/1.jpg" alt="One"><img src="https://cdn.example/2.jpg" alt="Two"><figcaption>Both piers.</figcaption></figure>
                """
            #expect(Self.blocks(html, base: "https://www.harbour.example/news/today") == [
                .image(ImageRef(url: "https://www.harbour.example/img/harbour.jpg", alt: "Boats at rest", caption: "Low water at noon.")),
                .image(ImageRef(url: "https://cdn.example/gull-1600.webp", alt: "A gull")),
                .image(ImageRef(url: "https://cdn.example/only-source.webp")),
                .image(ImageRef(url: "https://cdn.example/net-960.jpg", alt: "A net")),
                .image(ImageRef(url: "https://cdn.example/real.jpg", alt: "Lazy")),
                .image(ImageRef(url: "https://www.harbour.example/news/rope-2x.jpg", alt: "Rope")),
                .image(ImageRef(url: "https://cdn.example/1.jpg", alt: "One")),
                .image(ImageRef(url: "https://cdn.example/2.jpg", alt: "Two", caption: "Both piers.")),
            ])
        }

        @Test func postEmbedsBecomeEmbeds() {
            let html = """
                <p>Before.</p>
                <blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">The ferry is running late again.<br>Bring a coat.
                <a href="https://t.co/Zx81">pic.twitter.com/Zx81</a></p>&mdash; Marla Quince (@marlaquince)
                <a href="https://twitter.com/marlaquince/status/1790001112223334445?ref_src=twsrc%5Etfw">May 13, 2024</a></blockquote>
                <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
                <blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3kx"><p lang="en">Fog on the estuary this morning.</p>
                &mdash; Tobin Reyes (<a href="https://bsky.app/profile/did:plc:abc?ref_src=embed">@tobin.bsky.social</a>)
                <a href="https://bsky.app/profile/did:plc:abc/post/3kx?ref_src=embed">June 2, 2025 at 7:05 AM</a></blockquote>
                <blockquote class="twitter-tweet"><a href="https://x.com/dockwatch/status/42">Open the post</a></blockquote>
                <blockquote class="twitter-tweet"></blockquote>
                """
            #expect(Self.blocks(html) == [
                .paragraph(text: "Before."),
                .embed(Embed(
                    kind: "x", author: "Marla Quince", handle: "@marlaquince", date: "May 13, 2024",
                    url: "https://twitter.com/marlaquince/status/1790001112223334445",
                    text: "The ferry is running late again.\nBring a coat. pic.twitter.com/Zx81")),
                .embed(Embed(
                    kind: "bluesky", author: "Tobin Reyes", handle: "@tobin.bsky.social", date: "June 2, 2025 at 7:05 AM",
                    url: "https://bsky.app/profile/did:plc:abc/post/3kx", text: "Fog on the estuary this morning.")),
                .embed(Embed(kind: "x", url: "https://x.com/dockwatch/status/42", text: "Open the post")),
            ])
        }

        @Test func quoteFooterWithNestedCite() {
            let html = """
                <blockquote cite="https://speeches.example/1"><p>Ports are patient things.</p>
                <footer>&mdash; <cite>Dara Mensah</cite>, harbour board</footer></blockquote>
                """
            #expect(Self.blocks(html) == [.quote(text: "Ports are patient things.", attribution: "Dara Mensah, harbour board")])
        }

        @Test func widgetsPixelsAndCommentsAreDropped() {
            let html = """
                <div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><ul><li><a href="https://x.example/s">X</a></li></ul></div>
                <div id="social-bar">Follow the desk</div><ul class="addtoany_list"><li>Post it</li></ul>
                <img src="https://pixel.wp.com/g.gif?x=1" alt="Counter"><img src="https://feeds.feedburner.com/~r/harbour/~4/abc">
                <img hidden src="https://cdn.example/h.jpg" alt="Hidden"><img src="https://cdn.example/w.gif" width="1px" alt="Pixel">
                <p>Kept<!-- a note for editors --> paragraph.</p><!-- <p>never shown</p> -->
                <video src="https://cdn.example/v.mp4"><p>Your reader cannot play this.</p></video>
                """
            #expect(Self.blocks(html) == [.paragraph(text: "Kept paragraph.")])
        }

        @Test func linksResolveAndUnsafeSchemesDrop() {
            let html = """
                <p>See <a href="/reports/tides.pdf">the report</a>, <a href="//maps.example/pier">the map</a>,
                <a href="data:text/html,hi">a data link</a> and <a href=" JavaScript:void(0)">a script link</a>.</p>
                """
            #expect(Self.blocks(html, base: "https://www.harbour.example/news/today") == [
                .paragraph(text: "See the report, the map, a data link and a script link.", citations: [
                    Citation(url: "https://www.harbour.example/reports/tides.pdf", domain: "harbour.example", label: "the report"),
                    Citation(url: "https://maps.example/pier", domain: "maps.example", label: "the map"),
                ]),
            ])
        }

        @Test func referencesAsBrowsersReadThem() {
            #expect(Self.blocks("<p>Fish &amp chips &lt 3, &#150; &#x80;5, &#; and &#x; &ampere</p>")
                == [.paragraph(text: "Fish & chips < 3, \u{2013} \u{20AC}5, &#; and &#x; &ampere")])
            #expect(Self.blocks(#"<img src="https://cdn.example/a.jpg?w=1&amp;h=2" alt="Caf&#233; &#146;s">"#)
                == [.image(ImageRef(url: "https://cdn.example/a.jpg?w=1&h=2", alt: "Caf\u{E9} \u{2019}s"))])
        }

        @Test func controlCharactersNeverReachText() {
            #expect(Self.blocks("<p>Bell\u{07} rang \u{1B}[2Jtwice</p><p title=\"x\u{0}y\">a\u{0}b after</p>")
                == [.paragraph(text: "Bell rang twice"), .paragraph(text: "ab after")])
        }

        @Test func unicodeSpacesAndInvisibleControlsAreCleaned() {
            #expect(Self.blocks("<p>a\u{A0}b\u{2028}c\u{202E}d\u{3000}e\u{85}f&#xFFF9;g\u{9B}h \u{2066}i\u{2069}</p><h2>&#x202A;Plain</h2>")
                == [.paragraph(text: "a b cd efg i"), .heading(level: 2, text: "Plain")])
        }

        @Test func concurrentConversionsAgree() async {
            let pages = (0..<16).map { "<h2>Part \($0)</h2><p>Text of part <a href=\"/p/\($0)\">\($0)</a>.</p><ul><li>One</li></ul>" }
            let serial = pages.map { Self.blocks($0, base: "https://parts.example/") }
            let parallel = await withTaskGroup(of: (Int, [Block]).self) { group in
                for (index, page) in pages.enumerated() { group.addTask { (index, Self.blocks(page, base: "https://parts.example/")) } }
                var results = [[Block]](repeating: [], count: pages.count)
                for await (index, blocks) in group { results[index] = blocks }
                return results
            }
            #expect(parallel == serial)
            #expect(serial[3] == [
                .heading(level: 2, text: "Part 3"),
                .paragraph(text: "Text of part 3.", citations: [Citation(url: "https://parts.example/p/3", domain: "parts.example", label: "3")]),
                .list(ordered: false, items: ["One"]),
            ])
        }

        @Test func deepNestingStopsReadingInsteadOfOverflowing() {
            let deep = "<p>Before the pile.</p>" + String(repeating: "<div>", count: 100_000) + "Buried"
            #expect(Self.blocks(deep) == [.paragraph(text: "Before the pile.")])
            // Stray end tags each search the open elements; the depth cap keeps this linear.
            let stray = deep + String(repeating: "</span>", count: 100_000)
            #expect(Self.blocks(stray) == [.paragraph(text: "Before the pile.")])
            #expect(Self.blocks(String(repeating: "<ul><li>", count: 200) + "Floor") == [.list(ordered: false, items: ["Floor"])])
        }

    }

    /// A 50 MB body, run with the other large inputs on their own (Tools/test.sh).
    @Suite(.serialized) struct HTMLLargeInputTests {
        @Test func hugeBodyKeepsItsFirstFourMebibytesOfText() {
            let line = "Tide tables for the week ahead are printed below."
            let body = String(repeating: "<p>\(line)</p>", count: 900_000)  // about 50 MB
            #expect(body.utf8.count > 50_000_000)
            let blocks = HTMLStructure.blocks(body)
            let kept = blocks.count * line.utf8.count
            #expect(kept > 4 << 20 && kept < (4 << 20) + 2 * line.utf8.count, "\(blocks.count) blocks")
            #expect(blocks.allSatisfy { $0 == .paragraph(text: line) })
        }
    }
}
