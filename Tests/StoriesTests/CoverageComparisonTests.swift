import Foundation
import NewsModels
import Stories
import Testing

extension StoriesTests {
    /// Cross-source comparison: shared quotes, disagreeing figures, exclusive facts and first publication.
    @Suite struct CoverageComparisonBehaviour {
        static func article(_ source: String, _ minute: Int, _ paragraphs: [String], quote: String? = nil) -> Article {
            var blocks = paragraphs.map { Block.paragraph(text: $0) }
            if let quote { blocks.append(.quote(text: quote, attribution: "Mayor Oda Lindqvist")) }
            let time = Timestamp(rfc3339: String(format: "2031-05-04T09:%02d:00Z", minute))!
            return Article(id: "\(source)-\(minute)", source: Source(id: source, name: source.capitalized), title: "Harbour bridge vote", publishedAt: time, blocks: blocks)
        }

        @Test(.needsSeeds) func seedCoverageShowsTheNipponSteelDisagreementAndSharedQuotes() throws {
            let mains = try StoryCorpus.seeds().filter(\.isSeedMain).map(\.article)
            #expect(mains.count == 5)
            let comparison = CoverageComparison(articles: mains)
            print(comparison.report)
            let steel = comparison.figureDisagreements.filter { $0.topic.contains("nippon") && $0.unit == "USD" }
            #expect(steel.count == 1, "expected one Nippon Steel disagreement, got \(comparison.figureDisagreements.map(\.topic))")
            let reports = try #require(steel.first).reports
            #expect(Set(reports.filter { $0.value == 15e9 }.map(\.sourceId)) == ["seed-000"])
            #expect(Set(reports.filter { $0.value == 14.1e9 }.map(\.sourceId)) == ["seed-001", "seed-003"])
            #expect(comparison.sharedQuotes.contains { Set($0.sourceIds).isSuperset(of: ["seed-001", "seed-003"]) })
            // The trade deficit is $68 billion everywhere and the investment pledge "$1 trillion" equals
            // "1 trillion dollars": neither may be reported as a disagreement.
            #expect(!comparison.figureDisagreements.contains { $0.reports.contains { $0.value == 68e9 || $0.value == 1e12 } })
            #expect(comparison.firstPublications.count == 5)
            #expect(comparison.firstPublications.first?.sourceId == "seed-004", "the preview a week ahead is first")
            #expect(Set(comparison.exclusiveFacts.map(\.sourceId)).count >= 2)
        }

        @Test func sharedQuoteMatchesAcrossStraightAndCurlyQuotes() {
            let a = Self.article("tidewater", 1, ["The mayor said \"we don't build bridges for one generation, we build them for five\" before the vote."])
            let b = Self.article("quayside", 2, ["“We don’t build bridges for one generation — we build them for five,” the mayor told reporters."])
            let c = Self.article("ferrypost", 3, ["Councillors called the plan “a gift to the next century” in a short statement."])
            let comparison = CoverageComparison(articles: [c, b, a])
            #expect(comparison.sharedQuotes.count == 1)
            #expect(comparison.sharedQuotes.first?.sourceIds == ["quayside", "tidewater"])
        }

        @Test func quoteInsideALongerQuoteWithAnElisionCounts() {
            let a = Self.article("tidewater", 1, [], quote: "The old crossing has served us well. Its time is over, and the harbour deserves better.")
            let b = Self.article("quayside", 2, ["She added: “The old crossing has served us well … the harbour deserves better.”"])
            let comparison = CoverageComparison(articles: [a, b])
            #expect(comparison.sharedQuotes.map(\.sourceIds) == [["quayside", "tidewater"]])
            #expect(comparison.sharedQuotes.first?.text.hasPrefix("The old crossing has served us well. Its time") == true)
        }

        @Test func differingBridgeCostsAreADisagreement() throws {
            let a = Self.article("tidewater", 1, ["The council approved the Kestrel Bridge, which will cost $2.3 billion to build."])
            let b = Self.article("quayside", 2, ["Building the Kestrel Bridge will cost $2.5 billion, the council said."])
            let comparison = CoverageComparison(articles: [a, b])
            let disagreement = try #require(comparison.figureDisagreements.first)
            #expect(comparison.figureDisagreements.count == 1)
            #expect(disagreement.unit == "USD")
            #expect(disagreement.topic.contains("kestrel"))
            #expect(disagreement.reports.map(\.sourceId) == ["quayside", "tidewater"])
            #expect(disagreement.reports.map(\.text) == ["$2.5 billion", "$2.3 billion"])
        }

        @Test func sameValueInDifferentFormatsIsNoDisagreement() {
            let a = Self.article("tidewater", 1, ["The Kestrel Bridge will cost $2.3bn to build, the council said."])
            let b = Self.article("quayside", 2, ["The Kestrel Bridge will cost 2.3 billion dollars to build."])
            let c = Self.article("ferrypost", 3, ["Building the Kestrel Bridge will cost US$2,300,000,000 in all."])
            #expect(CoverageComparison(articles: [a, b, c]).figureDisagreements.isEmpty)
        }

        @Test func unrelatedFiguresDoNotPair() {
            let a = Self.article("tidewater", 1, ["The Kestrel Bridge will cost $2.3 billion to build over six years."])
            let b = Self.article("quayside", 2, ["Separately, the port authority reported ferry ticket revenue of $2.1 billion last season."])
            let c = Self.article("ferrypost", 3, ["Around 25% of commuters use the ferry, and 1,200 workers will build the crossing."])
            let d = Self.article("gullnews", 4, ["The union expects 1,200 workers on the crossing, while 40% of commuters back the plan."])
            let comparison = CoverageComparison(articles: [a, b, c, d])
            #expect(comparison.figureDisagreements.isEmpty, "\(comparison.figureDisagreements)")
        }

        @Test func factsOnlyOneOutletReportsAreListed() {
            let a = Self.article("tidewater", 1, [
                "The council approved the Kestrel Bridge on Tuesday evening after a long debate.",
                "Engineers from Brandvik Consulting warned that the southern pier sits on soft clay.",
            ])
            let b = Self.article("quayside", 2, ["The council approved the Kestrel Bridge after a long debate on Tuesday evening."])
            let comparison = CoverageComparison(articles: [a, b])
            #expect(comparison.exclusiveFacts.map(\.sourceId) == ["tidewater"])
            #expect(comparison.exclusiveFacts.first?.sentence.hasPrefix("Engineers from Brandvik") == true)
            #expect(comparison.exclusiveFacts.first?.exclusiveTerms.contains("brandvik") == true)
            #expect(CoverageComparison(articles: [a]).exclusiveFacts.isEmpty, "one outlet alone has nothing to compare against")
        }

        @Test func firstPublicationsAreEarliestPerOutletInTimeOrder() {
            let articles = [
                Self.article("quayside", 30, ["Later update."]), Self.article("tidewater", 12, ["Report."]),
                Self.article("quayside", 5, ["First flash."]), Self.article("ferrypost", 12, ["Report."]),
            ]
            let comparison = CoverageComparison(articles: articles)
            #expect(comparison.firstPublications.map(\.sourceId) == ["quayside", "ferrypost", "tidewater"])
            #expect(comparison.firstPublications.first?.articleId == "quayside-5")
            #expect(CoverageComparison(articles: articles.reversed()) == comparison, "input order must not matter")
        }

        @Test func emptyInputGivesAnEmptyComparison() {
            let comparison = CoverageComparison(articles: [])
            #expect(comparison.sharedQuotes.isEmpty && comparison.figureDisagreements.isEmpty)
            #expect(comparison.exclusiveFacts.isEmpty && comparison.firstPublications.isEmpty)
        }
    }
}
