import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// The project's own dumps in `Fixtures/dumps`, one per shape the seed files show, with exact values.
    @Suite struct TextDumps {
        static let source = Source(id: "harbourline.example", name: "Harbourline", domain: "harbourline.example", url: "https://harbourline.example/")
        static let fallback = Timestamp(rfc3339: "2026-04-20T09:00:00Z")!
        static let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/dumps")

        static func parse(_ name: String, fallback: Timestamp? = fallback) throws -> FeedParseResult {
            let data = try Data(contentsOf: folder.appendingPathComponent(name + ".txt"))
            return try TextDumpParser(source: source, publishedFallback: fallback).parse(data, key: name)
        }

        static func id(_ key: String) -> String { FeedArticleID.make(sourceID: source.id, itemKey: key) }

        @Test func gluedCitations() throws {
            let result = try Self.parse("glued-citations")
            #expect(result.source == Self.source)
            #expect(result.problems.isEmpty)
            let article = try #require(result.articles.first)
            #expect(result.articles.count == 1)
            #expect(article.id == Self.id("glued-citations"))
            #expect(article.title == "Vellmark and Ostrand Agree to Reopen the Saltway Ferry")
            #expect(article.dek == "Ministers from Vellmark and Ostrand met in the harbour town of Keddle to settle a two-year quarrel over the Saltway ferry. The talks ended with a timetable, a shared inspection regime and a promise to review port fees.")
            #expect(article.byline == nil && article.dateline == nil && article.image == nil && article.url == nil)
            #expect(article.publishedAt.rfc3339 == "2026-03-15T12:00:00Z")  // from "In March 2026"
            #expect(result.inferredDates == [article.id: "from 'March 2026' in the text"])
            #expect(article.categories.isEmpty)
            #expect(article.readingMinutes == 1)
            #expect(article.blocks == [
                .paragraph(text: "In March 2026, Vellmark's transport minister Ilse Darrow hosted her Ostrand counterpart Peder Vance-Holm for a day of talks at the old customs house in Keddle. Both delegations called the meeting overdue."),
                .heading(level: 2, text: "Timetable and Crossings"),
                .paragraph(
                    text: "The first crossings are due to resume in May, with two sailings a day in each direction. Officials said the schedule would grow to four sailings once the second vessel passes its safety survey.",
                    citations: [Citation(domain: "tidewatch.org")]),
                .paragraph(
                    text: "Freight operators welcomed the news but asked how lorries would be weighed at the ramp, a step that caused long queues before the service stopped.",
                    citations: [Citation(domain: "saltway-freight.co.uk")]),
                .heading(level: 2, text: "Port Fees"),
                .paragraph(
                    text: "Ostrand had wanted fees cut by a third. Ministers instead agreed to freeze them for two seasons while an independent panel studies the harbour accounts.",
                    citations: [Citation(domain: "northquay.news")]),
                .paragraph(text: "Updates on the panel's work will be posted at keddle-council.org every month."),
                .heading(level: 2, text: "Residents and Roads"),
                .paragraph(text: "Some residents of Keddle worry that the return of ferry traffic will clog the single road into town, which the council has promised to widen by the end of the year."),
                .paragraph(text: "The council said the new junction follows guidance published by a transport institute in Washington, D.C."),
                .heading(level: 2, text: "Conclusion"),
                .paragraph(text: "The agreement does not settle every question, but for the first time in two years the ferry has a date to sail again."),
            ])
        }

        @Test func imagesMetaLineEmbedAndFooter() throws {
            let result = try Self.parse("images-meta-embed")
            #expect(result.problems.isEmpty)
            try #require(result.articles.count == 2)
            let article = result.articles[0]
            let title = "Trams return to the Lindqvist Bridge after a winter of repairs"
            #expect(article.id == Self.id("images-meta-embed"))
            #expect(article.title == title)
            #expect(article.dek == nil)
            #expect(article.image == ImageRef(url: "https://media.harbourline.example/2026/03/tram-boarding.jpg?w=800&h=450", alt: title))
            #expect(article.categories == ["Transport", "City", "Weather"])
            #expect(article.publishedAt.rfc3339 == "2026-03-03T00:00:00Z")
            #expect(article.readingMinutes == 5)
            #expect(article.blocks == [
                .paragraph(text: "Port Anselm's number 4 tram crossed the Lindqvist Bridge on Monday morning for the first time since November, ending four months of diversions for commuters on the east bank."),
                .paragraph(text: "The bridge closed after a storm loosened two of its deck plates, and engineers found worn rails underneath when they lifted them."),
                .heading(level: 2, text: "Why the bridge closed"),
                .paragraph(text: "Inspectors had flagged the rails in a report two years ago, but repairs were postponed twice because of the cost."),
                .paragraph(text: "“It feels like the city has its spine back,” said commuter Tove Ashgrove, who rode the first tram at dawn. “I walked across that bridge every day this winter.”"),
                .embed(Embed(
                    kind: "x", author: "Port Anselm Transit", handle: "@PortAnselmTransit", date: "March 2, 2026",
                    url: "https://pic.twitter.com/Tr4mW4yB9k",
                    text: "“The first tram crossed at 6:02 this morning. Thank you to every welder, painter and signal engineer who made it happen.”")),
                .paragraph(text: "The transit company said the repairs came in slightly under budget."),
                .image(ImageRef(
                    url: "https://media.harbourline.example/2026/03/bridge-dusk.jpg", alt: "A tram crossing the bridge at dusk",
                    caption: "The tram crosses the Lindqvist Bridge at dusk on its first day back. (Photo: Ansel Wren)")),
                .quote(text: "We kept the old rails where we could and replaced the rest.", attribution: "Mara Ellingsen, chief engineer"),
                .heading(level: 2, text: "What riders should know"),
                .paragraph(text: "Trams will run every eight minutes at peak times and every fifteen minutes in the evening."),
            ])
            // The story after the comment footer is its own article, never part of the main one.
            let side = result.articles[1]
            #expect(side.id == Self.id("images-meta-embed#side-1"))
            #expect(side.title == "Library Extends Weekend Opening Hours")
            #expect(side.publishedAt == article.publishedAt)
            #expect(side.blocks == [
                .paragraph(text: "The central library in Port Anselm will stay open until eight on Saturday evenings from April."),
                .paragraph(text: "Staff said the change follows a survey in which most members asked for later hours."),
            ])
        }

        @Test func readoutWithoutTitleAndWithPhotoCaptions() throws {
            let result = try Self.parse("readout-captions")
            let article = try #require(result.articles.first)
            #expect(result.articles.count == 1 && result.problems.isEmpty)
            #expect(article.title == "")
            #expect(article.dek == nil)
            #expect(article.publishedAt.rfc3339 == "2026-04-15T12:00:00Z")  // from "In April 2026"
            #expect(article.blocks == [
                .paragraph(text: "In April 2026, Chancellor MARROW Edda of the Republic of Vellmark received President Tobias Quell of Ostrand for a working visit. The two leaders confirmed their shared aim of a stable and prosperous Northern Strait."),
                .image(ImageRef(caption: "Chancellor Marrow and President Quell at the start of the meeting. From left: Foreign Secretary LUND Maja, Chancellor MARROW Edda, President Tobias Quell and Ambassador Piet Harrow.")),
                .paragraph(text: "During the visit to Keddle, Chancellor Marrow held talks with President Quell on trade, fisheries and the shared power grid. The two leaders agreed to ask their energy ministers for a joint plan for the undersea cable by the end of the summer."),
                .paragraph(text: "Chancellor Marrow explained Vellmark's plan to double public investment in port facilities over five years, and President Quell welcomed the plan as good news for Ostrand's exporters."),
                .paragraph(text: "Furthermore, the two leaders confirmed that the reopened Saltway ferry would be inspected under a single shared regime, so that vessels need only one certificate for both harbours."),
                .image(ImageRef(caption: "After the talks, the two leaders visited the rebuilt harbour wall.")),
                .paragraph(text: "In addition, the two leaders exchanged views on the situation in the Northern Strait, including the safety of fishing boats during the winter storms, and agreed that their coast guards would hold a joint exercise in October."),
                .paragraph(text: "At the joint press appearance, the Chancellor summarized the talks as follows: “Today we agreed on more than I expected when the day began. [. . .] I look forward to welcoming President Quell again in the autumn.”"),
                .image(ImageRef(caption: "Chancellor Marrow also met representatives of the Ostrand business council.")),
            ])
        }

        @Test func slashHeaderListsNumberedHeadingsAndSideStory() throws {
            let result = try Self.parse("slash-header-side-story")
            #expect(result.problems.isEmpty)
            try #require(result.articles.count == 2)
            let article = result.articles[0]
            #expect(article.id == Self.id("slash-header-side-story"))
            #expect(article.title == "Quell Tells Marrow He Wants a Faster Grid Link")
            #expect(article.dek == "Ostrand's President Tobias Quell spent a day in Keddle pressing Vellmark to speed up the undersea power cable between the two countries. Chancellor Edda Marrow promised a decision on the route by summer.")
            #expect(article.byline == "By R. Quillfeather")
            #expect(article.dateline == "KEDDLE")
            #expect(article.source == Self.source)  // the outlet named in the header does not replace the caller's
            #expect(article.image == ImageRef(url: "https://img.straitcourier.example/2026/04/grid-talks-1024x683.jpg"))
            #expect(article.blocks == [
                .heading(level: 2, text: "Quell's Keddle Visit: Key Points"),
                .list(ordered: false, items: [
                    "Grid Link: Quell wants the undersea cable finished two years early.",
                    "Fisheries: Both sides agreed to share catch data for the herring season.",
                    "Ferries: The reopened Saltway service will add a night crossing.",
                ]),
                .heading(level: 2, text: "Inside the Talks: A Long Day in Keddle"),
                .paragraph(text: "The talks ran from breakfast until well after dark, with a short break for a walk along the harbour."),
                .paragraph(text: "“We have waited long enough for this cable,” Quell told reporters. “Our winters are cold and our bills are high.”"),
                .heading(level: 2, text: "Marrow's Offer"),
                .paragraph(text: "Marrow said Vellmark could commit money to the grid link but needed time to survey the seabed."),
                .paragraph(text: "The two teams set out the steps in order:"),
                .list(ordered: true, items: [
                    "Finish the seabed survey by June.", "Choose the landing site by September.", "Start laying cable the following spring.",
                ]),
                .heading(level: 2, text: "Key Issues in the Marrow-Quell Talks"),
                .heading(level: 2, text: "1. Grid Link Timing"),
                .list(ordered: false, items: ["Quell wants power flowing by 2028.", "Vellmark engineers say 2030 is more realistic."]),
                .heading(level: 2, text: "What's at Stake?"),
                .paragraph(text: "Quell needs cheaper power for Ostrand before the next election, and Marrow wants the cable built without cost overruns."),
                .heading(level: 2, text: "2. Herring Quotas"),
                .list(ordered: false, items: ["Catch data will be shared every week.", "A joint panel will set quotas each spring."]),
                .heading(level: 2, text: "Looking Ahead: Building the Grid Link"),
                .heading(level: 2, text: "Why the Cable Matters"),
                .list(ordered: false, items: ["Ostrand imports most of its winter power.", "Vellmark has surplus wind power on most nights."]),
                .paragraph(text: "“A cable is a handshake that lasts fifty years,” Marrow said after the talks."),
                .heading(level: 2, text: "What's Next?"),
                .paragraph(text: "Officials from both countries meet again in June to review the seabed survey and the grid link budget."),
            ])
            let side = result.articles[1]
            #expect(side.id == Self.id("slash-header-side-story#side-1"))
            #expect(side.title == "Keddle Marathon Draws Record Field Despite Rain")
            #expect(side.blocks.count == 3)
            #expect(side.blocks.first == .paragraph(text: "More than four thousand runners lined up on the seafront on Sunday for the city's spring marathon."))
            let mainText = article.blocks.map(\.plainText).joined(separator: "\n")
            #expect(!mainText.contains("Marathon") && !mainText.contains("Signe Halvard"))
            #expect(!mainText.contains("Ostrand Presses Vellmark"))  // an alternative headline
        }

        @Test func datelineCaptionAndHeadlineLists() throws {
            let result = try Self.parse("dateline-rankings", fallback: nil)
            #expect(result.problems.isEmpty)
            try #require(result.articles.count == 1)
            let article = result.articles[0]
            #expect(article.title == "Marrow and Quell to Meet in Keddle on Tuesday; Grid Link and Herring Quotas Top the Agenda")
            #expect(article.dek == nil && article.byline == nil)
            #expect(article.dateline == "07:45 CET, April 3, 2026")
            #expect(article.publishedAt.rfc3339 == "2026-04-03T07:45:00+01:00")
            #expect(article.blocks == [
                .image(ImageRef(caption: "Harbour Customs House in Old Town, Keddle")),
                .paragraph(text: "Chancellor Edda Marrow and President Tobias Quell are expected to hold talks in Keddle on Tuesday, according to officials in both capitals."),
                .paragraph(text: "Marrow hopes to agree on a timetable for the undersea power cable before the summer survey season begins."),
                .paragraph(text: "By agreeing on the agenda early, both sides hope to leave time for a visit to the rebuilt harbour wall."),
                .paragraph(text: "“I would like to talk about how we share the strait for the next fifty years,” Quell said at a press briefing on Thursday. “The cable is only the start.”"),
                .paragraph(text: "The last meeting between leaders of the two countries took place three years ago."),
            ])
        }

        @Test func reimportKeepsIdsAndHashes() throws {
            for name in ["glued-citations", "images-meta-embed", "readout-captions", "slash-header-side-story", "dateline-rankings"] {
                let first = try Self.parse(name), second = try Self.parse(name)
                #expect(first == second)
                #expect(Set(first.articles.map(\.id)).count == first.articles.count)
                #expect(first.articles.allSatisfy { $0.contentHash == $0.computeContentHash() && $0.rev == 1 })
            }
        }
    }
}
