import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// Undated dumps dated from what their own text mentions, on small dumps written for each case.
    @Suite struct TextDumpDateInference {
        static let fallback = Timestamp(rfc3339: "2026-04-20T09:00:00Z")!
        static let headline = "Lighthouse Keepers Vote to Keep the Night Watch"

        static func parse(_ text: String, fallback: Timestamp? = fallback) throws -> FeedParseResult {
            try TextDumpParser(source: TextDumps.source, publishedFallback: fallback).parse(Data(text.utf8), key: "k")
        }

        /// A dump of `headline` with `body` under it: the main article's date (RFC 3339) and inference reason.
        static func dated(_ body: String, fallback: Timestamp? = fallback) throws -> (date: String, reason: String?) {
            let result = try parse(headline + "\n" + body, fallback: fallback)
            let article = try #require(result.articles.first, "\(result.problems)")
            #expect(article.publishedAt.offsetMinutes == 0)
            return (article.publishedAt.rfc3339, result.inferredDates[article.id])
        }

        @Test(arguments: [
            ("The keepers met on March 4, 2026 to decide whether the lamp should still be tended by hand.", "March 4, 2026"),
            ("The keepers met on 4 March 2026 to decide whether the lamp should still be tended by hand.", "4 March 2026"),
            ("The keepers met on Mar. 4, 2026 to decide whether the lamp should still be tended by hand.", "Mar. 4, 2026"),
            ("The minutes of the meeting are dated 2026-03-04 and run to nine pages.", "2026-03-04"),
            ("- The vote closed at 18:30 CET, March 4, 2026, after a long debate.", "18:30 CET, March 4, 2026"),
        ])
        func fullDateInTheTextGivesNoonOfThatDay(body: String, quoted: String) throws {
            let found = try Self.dated(body + "\nMost keepers said the automatic lamp failed twice last winter.")
            #expect(found.date == "2026-03-04T12:00:00Z")
            #expect(found.reason == "from '\(quoted)' in the text")
        }

        @Test func datePathsInImageAndLinkAddresses() throws {
            let paragraph = "\nMost keepers said the automatic lamp failed twice last winter."
            let day = try Self.dated("![The lamp room](https://img.skerrypost.example/2026/03/07/lamp-room.jpg)" + paragraph)
            #expect(day.date == "2026-03-07T12:00:00Z")
            #expect(day.reason == "from '/2026/03/07/' in an image address")
            let month = try Self.dated("![](https://img.skerrypost.example/wp-content/uploads/2026/03/lamp-room-1024x683.jpg)" + paragraph)
            #expect(month.date == "2026-03-15T12:00:00Z")
            #expect(month.reason == "from '/2026/03/' in an image address")
            let link = try Self.dated("The full count is at skerrypost.example/votes/2026-03-09-night-watch for anyone who asks." + paragraph)
            #expect(link.date == "2026-03-09T12:00:00Z")
            #expect(link.reason == "from '/2026-03-09' in a link")
            // Numbers in an address that are not a year and a month, like image sizes, say nothing.
            let sizes = try Self.dated("![](https://img.skerrypost.example/fit/1024/68/lamp.jpg?v=2026-03-01)" + paragraph)
            #expect(sizes.date == Self.fallback.rfc3339 && sizes.reason == nil)
        }

        @Test func monthAndYearMentionsGiveTheFifteenth() throws {
            for (body, quoted) in [("In March 2026, the keepers met at the lamp house.", "March 2026"),
                                   ("The keepers last met in Mar. 2026 at the lamp house.", "Mar. 2026"),
                                   ("The vote of March, 2026 kept the night watch.", "March, 2026")] {
                let found = try Self.dated(body)
                #expect(found.date == "2026-03-15T12:00:00Z", "\(body)")
                #expect(found.reason == "from '\(quoted)' in the text", "\(body)")
            }
            // A month in lower case inside a sentence is a verb, not a date.
            let verb = try Self.dated("The keepers may 2026 rules rewrite, the chair said.")
            #expect(verb.date == Self.fallback.rfc3339 && verb.reason == nil)
        }

        @Test func theLatestEvidenceWins() throws {
            let latest = try Self.dated("""
                The keepers first complained on January 12, 2026, and again in February 2026.
                ![](https://img.skerrypost.example/2025/11/old-lamp.jpg)
                The lamp was installed in 2019 and has failed four times.
                """)
            #expect(latest.date == "2026-02-15T12:00:00Z")
            #expect(latest.reason == "from 'February 2026' in the text")
            // A day inside the latest month makes it precise.
            let refined = try Self.dated("In March 2026 the keepers met twice. The second meeting, on March 9, 2026, settled it.")
            #expect(refined.date == "2026-03-09T12:00:00Z")
            #expect(refined.reason == "from 'March 9, 2026' in the text")
            // A later month beats an earlier day; the same day in the text beats the same day in an address.
            let month = try Self.dated("The keepers met on March 30, 2026.\n![](https://img.skerrypost.example/2026/04/vote.jpg)")
            #expect(month.date == "2026-04-15T12:00:00Z")
            let tie = try Self.dated("![](https://img.skerrypost.example/2026/03/30/vote.jpg)\nThe keepers met on March 30, 2026.")
            #expect(tie.reason == "from 'March 30, 2026' in the text")
        }

        @Test func neverAfterTheFallback() throws {
            let fallback = Timestamp(rfc3339: "2026-03-10T00:00:00Z")!
            // May is after the fallback and is dropped; March holds the fallback, so the date is the middle
            // of March 1 to March 10.
            let found = try Self.dated("In March 2026 the keepers agreed to meet again on May 2, 2026.", fallback: fallback)
            #expect(found.date == "2026-03-05T12:00:00Z")
            #expect(found.reason == "from 'March 2026' in the text, not after 2026-03-10")
            let onlyLater = try Self.dated("The keepers will meet again on May 2, 2026.", fallback: fallback)
            #expect(onlyLater.date == fallback.rfc3339 && onlyLater.reason == nil)
        }

        @Test func withoutAFallbackNeverAfterNow() throws {
            let soon = Timestamp(Date().addingTimeInterval(2 * 86_400)).civil
            let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            let future = "\(months[soon.month - 1]) \(soon.day), \(soon.year)"
            let found = try Self.dated("The keepers met on June 3, 2025 and will meet again on \(future).", fallback: nil)
            #expect(found.date == "2025-06-03T12:00:00Z")
            let onlyFuture = try Self.parse(Self.headline + "\nThe keepers will meet again on \(future).", fallback: nil)
            #expect(onlyFuture.articles.isEmpty)
            #expect(onlyFuture.problems.map(\.reason) == ["no publication date in the dump or its text, and no publishedFallback was given"])
        }

        @Test func yearsOutsideASaneRangeAreIgnored() throws {
            let old = try Self.dated("The lamp house was built in March 1975 and first lit on June 3, 1981.")
            #expect(old.date == Self.fallback.rfc3339 && old.reason == nil)
            let mixed = try Self.dated("The lamp house was built in March 1975 and rewired in April 2026.")
            #expect(mixed.date == "2026-04-15T12:00:00Z")
        }

        @Test func aDumpsOwnDateLineIgnoresMentions() throws {
            let result = try Self.parse("""
                \(Self.headline)
                By Wren Talloway
                March 1, 2026
                The keepers will meet on March 9, 2026, and again in April 2026.
                """)
            let article = try #require(result.articles.first)
            #expect(article.publishedAt.rfc3339 == "2026-03-01T00:00:00Z")
            #expect(result.inferredDates.isEmpty)
        }

        @Test func noEvidenceFallsBack() throws {
            let found = try Self.dated("The keepers met on Tuesday and voted by a show of hands.\nThe lamp was installed in 2019.")
            #expect(found.date == Self.fallback.rfc3339 && found.reason == nil)
            let result = try Self.parse(Self.headline + "\nThe keepers met on Tuesday.")
            #expect(result.inferredDates.isEmpty)
        }

        @Test func sideStoriesTakeTheMainDateUnlessTheyHaveTheirOwn() throws {
            let result = try Self.parse("""
                \(Self.headline)
                In March 2026, the keepers of the Skerry Point light voted to keep tending the lamp by hand.
                Leave a comment
                Harbour Choir Sings at the Fish Market
                The choir sang for an hour and collected money for the lifeboat.
                Be the first to comment
                Ferry Timetable Changes for the Summer
                The new timetable, agreed on April 2, 2026, adds a crossing at dawn.
                """)
            try #require(result.articles.count == 3)
            #expect(result.articles.map(\.publishedAt.rfc3339) == ["2026-03-15T12:00:00Z", "2026-03-15T12:00:00Z", "2026-04-02T12:00:00Z"])
            #expect(result.articles.map { result.inferredDates[$0.id] } == [
                "from 'March 2026' in the text", "from 'March 2026' in the text", "from 'April 2, 2026' in the text",
            ])
        }

        @Test func reasonsAreCleanShortLines() throws {
            let result = try Self.parse(Self.headline + "\nThe keepers met in\u{1B}[31m March\u{202E} 2026 at the lamp house.")
            let reason = try #require(result.inferredDates.values.first)
            #expect(reason == "from 'March 2026' in the text")
            #expect(!reason.unicodeScalars.contains { $0.value < 0x20 || (0x202A...0x202E).contains($0.value) })
        }

        /// The three seeds that print no date carry enough in their text to be dated to the summit's month,
        /// even with a fallback far later (a copy's modification time).
        @Test(.needsSeeds) func undatedSeedsAreDatedFromTheirText() throws {
            let late = Timestamp(rfc3339: "2026-11-21T00:00:00Z")!
            for prefix in ["000", "002", "003"] {
                let (key, data) = try SeedImport.file(prefix)
                let result = try TextDumpParser(source: SeedImport.source, publishedFallback: late).parse(data, key: key)
                try #require(!result.articles.isEmpty, "\(prefix): \(result.problems)")
                for article in result.articles {
                    #expect(article.publishedAt.rfc3339.hasPrefix("2025-02-"), "\(prefix): \(article.publishedAt)")
                    #expect(result.inferredDates[article.id] != nil, "\(prefix): no reason for \(article.id)")
                }
                #expect(result.articles[0].publishedAt.rfc3339 == "2025-02-15T12:00:00Z", "\(prefix)")
            }
        }
    }
}
