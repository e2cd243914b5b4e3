import Foundation
import NewsModels
import NewsStore
import Testing
@testable import TerminalUI

/// Width rules that must hold at every width, not just the two the snapshots pin.
struct LayoutTests {
    @Test func noRenderedLineIsWiderThanTheTerminal() {
        for width in [20, 24, 33, 40, 57, 80, 100, 131] {
            for stored in [Fixtures.everyBlock, Fixtures.wide] {
                let lines = ArticleRenderer(width: width, timeZone: TimeZone(identifier: "UTC")!).render(stored)
                // Only a web address may run past the edge: it is never broken (see TerminalText.wrap).
                for line in lines where !line.contains("://") {
                    #expect(TerminalText.width(of: line) <= width, "width \(width): \(line)")
                }
            }
            let list = ListFormatter(width: max(30, width), now: Fixtures.now).lines(Fixtures.entries)
            for line in list { #expect(TerminalText.width(of: line) <= max(30, width), "list at \(width): \(line)") }
        }
    }

    @Test func timelineColumnsLineUpWhateverTheScript() {
        // Number (3 columns), marks (3) and the source (80 / 6 = 13 columns) end at column 21 on
        // every line, whether the source name is Latin, Japanese, Korean or has an emoji.
        let lines = ListFormatter(width: 80, now: Fixtures.now).lines(Fixtures.entries)
        for (line, age) in zip(lines, ["25m", "5h ", "9d ", "1y "]) {
            var columns = 0
            var rest = Substring(line)
            while columns < 21, let first = rest.first {
                columns += TerminalText.width(of: first)
                rest = rest.dropFirst()
            }
            #expect(columns == 21 && rest.hasPrefix(" " + age + " "), "\(line)")
            #expect(TerminalText.width(of: line) <= 80)
        }
    }

    @Test func anArticleWithoutAHeadlineIsListedAsUntitled() {
        var entries = Fixtures.entries
        entries[0].title = " \u{1B}[2J "
        for width in [40, 80] {
            let line = ListFormatter(width: width, style: Style(colour: false), now: Fixtures.now).lines(entries).joined(separator: "\n")
            #expect(line.contains("(untitled)"))
            #expect(!line.contains("\u{1B}"))
        }
        #expect(TerminalText.headline("Ferry\u{7}") == "Ferry")
    }

    @Test func wideCharactersAndEmojiTakeTwoColumns() {
        #expect(TerminalText.width(of: "台風") == 4)
        #expect(TerminalText.width(of: "한국어") == 6)
        #expect(TerminalText.width(of: "１") == 2)
        #expect(TerminalText.width(of: "🌀") == 2)
        #expect(TerminalText.width(of: "✈️") == 2)          // text-default symbol made emoji by VS16
        #expect(TerminalText.width(of: "👩‍👩‍👧") == 2)     // one ZWJ family
        #expect(TerminalText.width(of: "🇯🇵") == 2)         // one flag
        #expect(TerminalText.width(of: "é") == 1)           // e + combining acute
        #expect(TerminalText.truncate("台風10号、関東に接近", to: 9) == "台風10号…")
        #expect(TerminalText.wrap("鉄道各社は夕方以降", width: 8) == ["鉄道各社", "は夕方以", "降"])
    }

    @Test func footnotesNumberCitationsInReadingOrder() {
        let lines = ArticleRenderer(width: 100, timeZone: TimeZone(identifier: "UTC")!).render(Fixtures.everyBlock)
        #expect(lines.contains { $0.hasSuffix("years.[1]") })
        #expect(lines.contains { $0.hasSuffix("last week.[2][3]") })
        #expect(lines.suffix(3) == ["[1] Board minutes — board.example — https://board.example/minutes/march",
                                    "[2] board.example — https://board.example/figures", "[3] Coastguard log — coastguard.example"])
    }

    @Test func headerKeepsTheOutletsOwnTimeZone() {
        let lines = ArticleRenderer(width: 100, timeZone: TimeZone(identifier: "America/New_York")!).render(Fixtures.everyBlock)
        #expect(lines.contains("2025-03-03 00:05 EST (14:05 +09:00 local to source) · 4 min read"))
        #expect(lines.contains { $0.hasPrefix("Updated (revision 3) 2025-03-03 01:35 EST") && $0.hasSuffix("title, blocks changed") })
        let tokyo = ArticleRenderer(width: 100, timeZone: TimeZone(secondsFromGMT: 9 * 3600)!).render(Fixtures.everyBlock)
        #expect(tokyo.contains { $0.hasPrefix("2025-03-03 14:05 GMT+9 · 4 min read") })
    }

    @Test func agesReadNaturally() {
        let now = Fixtures.now
        func before(_ seconds: Int64) -> Timestamp { Timestamp(epochMilliseconds: now.epochMilliseconds - seconds * 1000) }
        let seconds: [Int64] = [0, 59, 60, 3599, 3600, 86_399, 86_400, 1_123_200, 1_209_600, 34_560_000]
        let ages = seconds.map { DateText.age(of: before($0), now: now) }
        #expect(ages == ["now", "now", "1m", "59m", "1h", "23h", "1d", "13d", "2w", "1y"])
        #expect(DateText.age(of: Timestamp(epochMilliseconds: now.epochMilliseconds + 5000), now: now) == "now") // clock skew
        #expect(DateText.ago(before(10), now: now) == "just now" && DateText.ago(before(7200), now: now) == "2h ago")
        #expect(DateText.span(from: before(30), to: now) == "<1m" && DateText.span(from: before(90_000), to: now) == "1d")
    }

    @Test func readingTimeIsEstimatedWhenTheOutletGaveNone() {
        var stored = Fixtures.everyBlock
        stored.article.readingMinutes = nil
        stored.article.blocks = [.paragraph(text: Array(repeating: "word", count: 700).joined(separator: " "))]
        let lines = ArticleRenderer(width: 100, timeZone: TimeZone(identifier: "UTC")!).render(stored)
        #expect(lines.contains { $0.hasSuffix("· 3 min read") })
    }

    @Test func colourOnlyWhenAskedAndNeverForNoColor() {
        #expect(Style.detect(isTerminal: true, environment: [:]).colour)
        #expect(!Style.detect(isTerminal: false, environment: [:]).colour)
        #expect(!Style.detect(isTerminal: true, environment: ["NO_COLOR": "1"]).colour)
        #expect(!Style.detect(isTerminal: true, environment: ["TERM": "dumb"]).colour)
        #expect(Style.detect(isTerminal: false, environment: ["NO_COLOR": "1"], mode: .always).colour)
        #expect(!Style.detect(isTerminal: true, environment: [:], mode: .never).colour)
        let plain = ListFormatter(width: 80, style: Style(colour: false), now: Fixtures.now).lines(Fixtures.entries)
        #expect(!plain.joined().contains("\u{1B}"))
        let coloured = ListFormatter(width: 80, style: Style(colour: true), now: Fixtures.now).lines(Fixtures.entries)
        #expect(coloured[0].contains("\u{1B}[36m"))
    }
}
