import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// The single heuristics of the dump reader, each on a small dump written for the case.
    @Suite struct TextDumpHeuristics {
        static func article(_ text: String, fallback: Timestamp? = TextDumps.fallback) throws -> Article {
            let result = try TextDumpParser(source: TextDumps.source, publishedFallback: fallback).parse(Data(text.utf8), key: "k")
            return try #require(result.articles.first)
        }

        static func blocks(_ body: String) throws -> [Block] {
            try article("Harbour Notes\n" + body).blocks
        }

        @Test(arguments: [
            ("13:58 JST, February 1, 2025", "2025-02-01T13:58:00+09:00"),
            ("Feb. 9, 2025", "2025-02-09T00:00:00Z"),
            ("9 February 2025", "2025-02-09T00:00:00Z"),
            ("February 1, 2025 at 1:58 p.m. EST", "2025-02-01T13:58:00-05:00"),
            ("Sept. 30th, 2025 08:05 UTC+2", "2025-09-30T08:05:00+02:00"),
            ("12:30 am AEDT, March 1, 2026", "2026-03-01T00:30:00+11:00"),
            ("2025-02-01T13:58:00+09:00", "2025-02-01T13:58:00+09:00"),
            ("2025-02-01 07:05Z", "2025-02-01T07:05:00Z"),
            ("2025-02-01", "2025-02-01T00:00:00Z"),
            ("TOKYO, Feb 1, 2025", "2025-02-01T00:00:00Z"),
        ])
        func datelines(line: String, expected: String) throws {
            let article = try Self.article("Harbour Notes\n\(line)\nThe ferry sailed at dawn.\nIt was full.", fallback: nil)
            #expect(article.publishedAt.rfc3339 == expected)
            #expect(article.dateline == line)
            #expect(article.blocks == [.paragraph(text: "The ferry sailed at dawn."), .paragraph(text: "It was full.")])
        }

        @Test func metaLines() throws {
            let byline = try Self.article("Harbour Notes\nBy Jane Roe and Sam Poe | May 2, 2025\nThe ferry sailed at dawn.", fallback: nil)
            #expect(byline.byline == "By Jane Roe and Sam Poe")
            #expect(byline.publishedAt.rfc3339 == "2025-05-02T00:00:00Z")
            #expect(byline.dateline == nil)
            let updated = try Self.article("Harbour Notes\nUpdated March 3, 2026\n3 min read\nThe ferry sailed at dawn.", fallback: nil)
            #expect(updated.publishedAt.rfc3339 == "2026-03-03T00:00:00Z" && updated.updatedAt == nil)
            #expect(updated.readingMinutes == 3)
            let both = try Self.article("Harbour Notes\nPosted on March 1, 2026\nUpdated March 3, 2026\nThe ferry sailed at dawn.", fallback: nil)
            #expect(both.publishedAt.rfc3339 == "2026-03-01T00:00:00Z" && both.updatedAt?.rfc3339 == "2026-03-03T00:00:00Z")
            let meta = try Self.article("Harbour Notes\nCoast, Ferries March 3, 2026 12 Comments 7-minute read\nThe ferry sailed at dawn.")
            #expect(meta.categories == ["Coast", "Ferries"] && meta.readingMinutes == 7)
            // An impossible date is not a date: the fallback is used and the line stays text.
            let invalid = try Self.article("Harbour Notes\nThe ferry sailed on February 30, 2025.\nIt was full.")
            #expect(invalid.publishedAt == TextDumps.fallback)
            // A headline with a date in it stays the headline; the date only dates the article as a
            // mention (noon), not as the dump's own date line (midnight).
            let dated = try Self.article("Ferry Timetable for March 3, 2026\nThe ferry sails at dawn.\nIt was full.")
            #expect(dated.title == "Ferry Timetable for March 3, 2026" && dated.publishedAt.rfc3339 == "2026-03-03T12:00:00Z")
            // A sentence with a date in the body is never a meta line.
            let body = try Self.article("Harbour Notes\n\nThe ferry first sailed on March 1, 2026, after repairs.\nIt was full.")
            #expect(body.publishedAt.rfc3339 == "2026-03-01T12:00:00Z" && body.blocks.count == 2)
        }

        @Test func numberedListsAndNumberedHeadings() throws {
            #expect(try Self.blocks("Follow these steps:\n1. Book a seat.\n2) Arrive early.\n3. Board.\nThat is all.") == [
                .paragraph(text: "Follow these steps:"), .list(ordered: true, items: ["Book a seat.", "Arrive early.", "Board."]), .paragraph(text: "That is all."),
            ])
            #expect(try Self.blocks("Intro text here.\n1. Timetables\nBoats leave hourly.\n2. Fares\nFares stay the same.") == [
                .paragraph(text: "Intro text here."), .heading(level: 2, text: "1. Timetables"), .paragraph(text: "Boats leave hourly."),
                .heading(level: 2, text: "2. Fares"), .paragraph(text: "Fares stay the same."),
            ])
            #expect(try Self.blocks("Intro text here.\n1. The first boat leaves at six.\nMore follow.") == [
                .paragraph(text: "Intro text here."), .paragraph(text: "1. The first boat leaves at six."), .paragraph(text: "More follow."),
            ])
        }

        @Test func bulletsHeadingsAndQuestions() throws {
            #expect(try Self.blocks("Intro text here.\nWhat changes\n• Later boats\n* Cheaper fares\n- Free bikes\nWhy Does It Matter?\nBecause of tides.\nhow it works\nLowercase lines are text.") == [
                .paragraph(text: "Intro text here."), .heading(level: 2, text: "What changes"),
                .list(ordered: false, items: ["Later boats", "Cheaper fares", "Free bikes"]),
                .heading(level: 2, text: "Why Does It Matter?"), .paragraph(text: "Because of tides."),
                .paragraph(text: "how it works"), .paragraph(text: "Lowercase lines are text."),
            ])
            // A sentence-case question and a lower-case colon line are text; the last line is never a heading.
            #expect(try Self.blocks("Intro text here.\nIs it enough?\nNobody knows.\nThe pier will get:\n- lights\nThe End") == [
                .paragraph(text: "Intro text here."), .paragraph(text: "Is it enough?"), .paragraph(text: "Nobody knows."),
                .paragraph(text: "The pier will get:"), .list(ordered: false, items: ["lights"]), .paragraph(text: "The End"),
            ])
        }

        @Test func gluedCitationsAndTheirLookalikes() throws {
            // nil: the line stays a plain paragraph.
            let cases: [(line: String, cited: Block?)] = [
                ("Boats left at dawn from the north quay.bbc.co.uk", .paragraph(text: "Boats left at dawn from the north quay.", citations: [Citation(domain: "bbc.co.uk")])),
                ("The ferry left on time from Tokyo.nhk.or.jp", .paragraph(text: "The ferry left on time from Tokyo.", citations: [Citation(domain: "nhk.or.jp")])),
                ("Crews said they were ready to sail.”www.harbourwire.com", .paragraph(text: "Crews said they were ready to sail.”", citations: [Citation(domain: "harbourwire.com")])),
                ("The new ferry was built in the U.S.", nil),
                // Lines of more than 14 words, so that ending without a period does not make them headings.
                ("Timetables for the spring and summer seasons are now posted every single week at news.harbourwire.com", nil),
                ("The skipper said the crew had worked through the night and in the end they made it.work.it", nil),
                ("Fares on the northern routes rose by a fifth last year and will rise again in the spring.Reuters.com", nil),
            ]
            for (line, cited) in cases {
                #expect(try Self.blocks("Intro text here.\n" + line + "\nClosing text here.")[1] == cited ?? .paragraph(text: line), "\(line)")
            }
        }

        @Test func quotesAndEmbeds() throws {
            #expect(try Self.blocks("Intro text here.\n“Tides wait for no one.”\n— Harbourmaster Ina Vell\n“Inline,” she said. “Not a block.”\n\"Straight quotes work too.\" - Ina Vell\n“No attribution at all.”\nEnd.") == [
                .paragraph(text: "Intro text here."),
                .quote(text: "Tides wait for no one.", attribution: "Harbourmaster Ina Vell"),
                .paragraph(text: "“Inline,” she said. “Not a block.”"),
                .quote(text: "Straight quotes work too.", attribution: "Ina Vell"),
                .paragraph(text: "“No attribution at all.”"),
                .paragraph(text: "End."),
            ])
            // A whole quotation before a bullet list is not attributed to the first item.
            #expect(try Self.blocks("Intro text here.\n“Three things changed.”\n- lights\n- rails") == [
                .paragraph(text: "Intro text here."), .paragraph(text: "“Three things changed.”"), .list(ordered: false, items: ["lights", "rails"]),
            ])
            #expect(try Self.blocks("Intro text here.\nThe boat is back! https://harbour.social/@ana/1107\n— Ana Kestrel (@ana@harbour.social) March 2, 2026\nEnd.")[1]
                == .embed(Embed(kind: "mastodon", author: "Ana Kestrel", handle: "@ana@harbour.social", date: "March 2, 2026", url: "https://harbour.social/@ana/1107", text: "The boat is back!")))
        }

        @Test func imagesAndCaptions() throws {
            let article = try Self.article("![](https://cdn.example/lead.jpg)\n![Gulls on the pier](https://cdn.example/gulls.jpg \"Gulls\")\nHarbour Notes\nThe pier reopened today.\nCrowds came early.\n![The pier](https://cdn.example/pier.jpg)\nThe pier\n![Relative](/img/x.jpg)\nPhoto: The old pier in 1950.\nEnd.")
            #expect(article.image == ImageRef(url: "https://cdn.example/lead.jpg"))
            #expect(article.dek == nil)
            #expect(article.blocks == [
                .image(ImageRef(url: "https://cdn.example/gulls.jpg", alt: "Gulls on the pier")),
                .paragraph(text: "The pier reopened today."),
                .paragraph(text: "Crowds came early."),
                .image(ImageRef(url: "https://cdn.example/pier.jpg", alt: "The pier", caption: "The pier")),
                .image(ImageRef(alt: "Relative", caption: "Photo: The old pier in 1950.")),
                .paragraph(text: "End."),
            ])
        }

        @Test func headlineRepeatsWrappedLinesAndBoundaries() throws {
            let article = try Self.article("""
            Harbour Notes
            Intro text that runs on for quite a while before the line
            is wrapped by the exporter in the middle of the sentence.
            Harbour Notes
            Other Ways to Say Harbour Notes
            The Last Variant Heads the Text
            Text after the variants.
            MOST READ
            Gulls Return to the Pier
            Tide Tables Printed Early

            Text after the list.
            Leave a comment
            Share your thoughts below.
            """)
            #expect(article.blocks == [
                .paragraph(text: "Intro text that runs on for quite a while before the line is wrapped by the exporter in the middle of the sentence."),
                .heading(level: 2, text: "The Last Variant Heads the Text"),
                .paragraph(text: "Text after the variants."),
                .paragraph(text: "Text after the list."),
            ])
            let result = try TextDumpParser(source: TextDumps.source, publishedFallback: TextDumps.fallback).parse(Data("""
            Harbour Notes
            Intro text here.
            Gull Count Falls/ Pier Post/ KEDDLE/ A. Vell/ Morning Edition/ Fewer gulls nested on the pier this spring.
            Counters found forty nests.
            """.utf8), key: "k")
            #expect(result.articles.map(\.title) == ["Harbour Notes", "Gull Count Falls"])
            #expect(result.articles[1].id == FeedArticleID.make(sourceID: TextDumps.source.id, itemKey: "k#side-1"))
            let side = result.articles[1]
            #expect(side.dek == "Fewer gulls nested on the pier this spring.")
            #expect(side.byline == "By A. Vell" && side.dateline == "KEDDLE")
            #expect(side.blocks == [.paragraph(text: "Counters found forty nests.")])
            // A picture between headline and body is a lead image; a paragraph right before it is the dek.
            let dek = try Self.article("Harbour Notes\nThe pier reopened today.\n![The pier](https://cdn.example/pier.jpg)\nThe pier\nCrowds came early.")
            #expect(dek.dek == "The pier reopened today.")
            #expect(dek.image == ImageRef(url: "https://cdn.example/pier.jpg", alt: "The pier", caption: "The pier"))
            #expect(dek.blocks == [.paragraph(text: "Crowds came early.")])
        }
    }
}
