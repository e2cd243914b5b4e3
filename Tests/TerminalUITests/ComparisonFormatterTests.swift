import Foundation
import NewsModels
import SnapshotTesting
import Stories
import Testing
@testable import TerminalUI

/// The cross-source comparison under `paperboy story`, rendered from invented coverage.
struct ComparisonFormatterTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func render(_ articles: [Article], width: Int, names: [String: String] = [:]) -> [String] {
        ComparisonFormatter(width: width, style: Style(colour: false), timeZone: utc).lines(CoverageComparison(articles: articles), sourceNames: names)
    }

    /// The layout as a reader sees it, pinned by files in `__Snapshots__/ComparisonFormatterTests/`.
    struct Snapshots {
        @Test(arguments: [40, 80]) func tramwayCoverage(width: Int) {
            let text = ComparisonFormatterTests.render(ComparisonFixtures.articles, width: width).joined(separator: "\n")
            assertSnapshot(of: text, as: .lines, named: "width-\(width)")
        }
    }

    /// What the sections must say whatever the layout.
    struct Content {
        @Test func everySectionNamesTheOutletsNotTheirIds() throws {
            let comparison = CoverageComparison(articles: ComparisonFixtures.articles)
            // The fixture must really exercise every section, or the snapshot proves little.
            let price = try #require(comparison.figureDisagreements.first { $0.unit == "USD" })
            #expect(Set(price.reports.map(\.value)) == [3.2e9, 3.4e9])
            #expect(comparison.sharedQuotes.map(\.sourceIds) == [[ComparisonFixtures.quayside.id, ComparisonFixtures.tidewater.id]])
            #expect(!comparison.exclusiveFacts.isEmpty)
            let text = ComparisonFormatterTests.render(ComparisonFixtures.articles, width: 80).joined(separator: "\n")
            for heading in ["First published", "Figures that disagree", "Quoted by more than one outlet", "Only in one outlet"] {
                #expect(text.contains(heading + "\n"), "\(heading)")
            }
            #expect(text.contains("— Quayside Post, Tidewater Courier"))
            #expect(text.contains("Quayside Post  $3.4 billion") && text.contains("Tidewater Courier  $3.2 billion"))
            #expect(text.contains("+2h 10m") && text.contains("+1d 1h 35m") == false && text.contains("+1d 1h"))
            #expect(!text.contains(".example"), "ids leaked: \(text)")
        }

        @Test func theStoresNamesWinOverTheArticles() {
            let text = ComparisonFormatterTests.render(ComparisonFixtures.articles, width: 80,
                                                       names: [ComparisonFixtures.quayside.id: "The Quayside Evening Post"])
            #expect(text.contains { $0.hasPrefix("The Quayside Evening Post") } && !text.joined().contains("Quayside Post "))
        }

        @Test func aSingleOutletHasNothingToCompare() {
            let one = Array(ComparisonFixtures.articles.prefix(1))
            #expect(ComparisonFormatterTests.render(one, width: 80) == [ComparisonFormatter.singleOutletNote])
        }

        @Test func twoOutletsWithNothingInCommonStillShowWhoWasFirst() {
            let a = ComparisonFixtures.article(ComparisonFixtures.tidewater, "2031-05-06T08:05:00Z", title: "Gulls", ["Gulls."])
            let b = ComparisonFixtures.article(ComparisonFixtures.quayside, "2031-05-06T08:50:00Z", title: "Gulls", ["Gulls again."])
            #expect(ComparisonFormatterTests.render([b, a], width: 80) == [
                "First published", "───────────────",
                "Tidewater Courier  2031-05-06 08:05 GMT  first",
                "Quayside Post      2031-05-06 08:50 GMT  +45m",
            ])
        }

        @Test func hostileTextIsSanitizedAndNoLineOverflows() {
            let esc = "\u{1B}"
            var articles = ComparisonFixtures.articles
            articles[1].source.name = "Quay\(esc)]0;pwned\u{07}side \(esc)[2JPost"
            articles[1].blocks.append(.paragraph(text: "The \(esc)[31mRed\(esc)[0m Lantern Guild of Marlow\u{9B}8m counted 912 lanterns on the quay last night."))
            for width in [30, 40, 57, 80, 120] {
                let lines = ComparisonFormatterTests.render(articles, width: width)
                for line in lines {
                    #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(line.debugDescription)")
                    #expect(TerminalText.width(of: line) <= max(30, width), "width \(width): \(line)")
                }
            }
            let coloured = ComparisonFormatter(width: 80, style: Style(colour: true), timeZone: ComparisonFormatterTests.utc)
                .lines(CoverageComparison(articles: articles))
            // With colour on, the only escapes are Style's own SGR codes.
            let stripped = coloured.joined(separator: "\n").replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(!stripped.contains(esc) && stripped.contains("Quay]0;pwnedside Post") == false && stripped.contains("Quayside Post"))
        }
    }

    /// The small text helpers the sections are built from.
    struct Helpers {
        @Test func elapsedTimeIsCompactAndToTheMinute() {
            let start = Timestamp(epochMilliseconds: 1_000_000_000_000)
            let after = { (minutes: Int64) in DateText.elapsed(from: start, to: Timestamp(epochMilliseconds: start.epochMilliseconds + minutes * 60_000 + 59_000)) }
            #expect([0, 45, 60, 130, 1440, 1535, 7 * 1440 + 180].map(after) == ["+0m", "+45m", "+1h", "+2h 10m", "+1d", "+1d 1h", "+7d 3h"])
        }

        @Test func excerptKeepsTheFigureAndCutsAtWords() {
            let sentence = "Long before the vote, and after a winter of rumours in every tea room of the old town, the board said the depot would cost $41 million to rebuild, far more than the insurers had reckoned in their first estimate."
            let excerpt = ComparisonFormatter.excerpt(sentence, around: "$41 million", columns: 60)
            #expect(excerpt.contains("$41 million") && excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
            #expect(TerminalText.width(of: excerpt) <= 60)
            #expect(sentence.contains(excerpt.dropFirst().dropLast()), "cut inside a word: \(excerpt)")
            #expect(ComparisonFormatter.excerpt("Short: $41 million.", around: "$41 million", columns: 60) == "Short: $41 million.")
        }
    }
}
