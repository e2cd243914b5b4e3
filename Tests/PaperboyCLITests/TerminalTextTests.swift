import Foundation
import NewsModels
import NewsStore
import Testing
@testable import TerminalUI

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain \u{1B}[31mred\u{1B}[0m text", "plain red text"),
        ("title\u{1B}]0;owned\u{07}after", "titleafter"),
        ("link \u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\ end", "link click end"),
        ("c1 \u{9B}2Jcsi and \u{9D}0;t\u{9C}osc", "c1 csi and osc"),
        ("bell\u{07} nul\u{00} del\u{7F} bs\u{08}", "bell nul del bs"),
        ("tab\there\nnext", "tab here next"),
        ("rtl \u{202E}evil\u{202C} text", "rtl evil text"),
        ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\done", "dcs done"),
        ("trailing escape \u{1B}", "trailing escape "),
        ("日本語 🎉 café", "日本語 🎉 café"),
        ("zero\u{200B}width\u{200C} join\u{200D}ers\u{2060} marks\u{200E}\u{200F}\u{061C}", "zerowidth joiners marks"),
        ("bom\u{FEFF} soft\u{00AD}hyphen isolates\u{2066}\u{2067}\u{2068}\u{2069}", "bom softhyphen isolates"),
        ("tags\u{E0001}\u{E0041}\u{E0062}\u{E007F} end", "tags end"),
        ("line\u{2028}para\u{2029}graph", "line para graph"),
    ])
    func sanitizeRemovesEveryControl(_ input: String, _ expected: String) {
        let clean = TerminalText.sanitize(input)
        #expect(clean == expected)
        #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!clean.unicodeScalars.contains(where: TerminalSafeText.isUnsafe))
    }

    @Test func aJoinerStaysOnlyInsideAnEmojiSequence() {
        #expect(TerminalText.sanitize("family 👩\u{200D}👩\u{200D}👧 skin 👩🏽\u{200D}💻 heart ❤\u{FE0F}\u{200D}🔥")
            == "family 👩\u{200D}👩\u{200D}👧 skin 👩🏽\u{200D}💻 heart ❤\u{FE0F}\u{200D}🔥")
        #expect(TerminalText.sanitize("pay\u{200D}pal 👩\u{200D}x a\u{200D}👧 \u{200D}👧") == "paypal 👩x a👧 👧")
    }

    @Test func colourCodesSurviveOnlyWhereStyledOutputAllowsThem() {
        let styled = "\u{1B}[1;33mTitle\u{1B}[0m \u{1B}[8mhidden\u{1B}[0m \u{1B}[2Jclear \u{1B}[5mblink\u{1B}[0m"
        #expect(TerminalSafeText.styledLines(styled) == "\u{1B}[1;33mTitle\u{1B}[0m hidden\u{1B}[0m clear blink\u{1B}[0m")
        #expect(TerminalSafeText.line(styled) == "Title hidden clear blink")
        #expect(TerminalSafeText.lines("one\u{1B}]0;t\u{07}\ntwo\u{202E}") == "one\ntwo")
    }

    @Test func jsonEscapesWhatATerminalWouldActOnOrHide() throws {
        let text = "rtl\u{202E} iso\u{2066}\u{2069} ls\u{2028}ps\u{2029} zw\u{200B} lrm\u{200E} alm\u{061C} c1\u{9B} tag\u{E0041} del\u{7F}"
        let json = TerminalSafeText.escapingJSON(try JSONEncoder().encode([text]))
        let printed = String(decoding: json, as: UTF8.self)
        #expect(!printed.unicodeScalars.contains(where: TerminalSafeText.isUnsafe))
        for escape in ["\\u202e", "\\u2066", "\\u2069", "\\u2028", "\\u2029", "\\u200b", "\\u200e", "\\u061c", "\\u009b", "\\udb40\\udc41", "\\u007f"] {
            #expect(printed.contains(escape), "\(escape) in \(printed)")
        }
        #expect(try JSONDecoder().decode([String].self, from: json) == [text])
    }

    @Test func widthsOfWideAndCombiningCharacters() {
        #expect(TerminalText.width(of: "abc") == 3)
        #expect(TerminalText.width(of: "日本") == 4)
        #expect(TerminalText.width(of: "🎉") == 2)
        #expect(TerminalText.width(of: "e\u{301}") == 1)
        #expect(TerminalText.width(of: "👩‍💻") == 2)
    }

    @Test func wrapRespectsWidthForWideText() {
        let text = "東京で首脳会談が開かれ、貿易と投資について話し合った。 The leaders also discussed shipbuilding 🚢 and energy."
        for width in [10, 20, 40] {
            let lines = TerminalText.wrap(text, width: width)
            #expect(lines.allSatisfy { TerminalText.width(of: $0) <= width }, "width \(width): \(lines)")
            #expect(lines.joined().filter { !$0.isWhitespace } == text.filter { !$0.isWhitespace })
        }
    }

    @Test func truncateAndPad() {
        #expect(TerminalText.truncate("Harbor news today", to: 8) == "Harbor …")
        #expect(TerminalText.width(of: TerminalText.truncate("日本語のニュース", to: 7)) <= 7)
        #expect(TerminalText.pad("日本", to: 6) == "日本  ")
    }

    @Test func colourOnlyOnATerminalWithoutNoColour() {
        #expect(Style.detect(isTerminal: true, environment: [:]).colour)
        #expect(!Style.detect(isTerminal: false, environment: [:]).colour)
        #expect(!Style.detect(isTerminal: true, environment: ["NO_COLOR": "1"]).colour)
        #expect(!Style.detect(isTerminal: true, environment: ["TERM": "dumb"]).colour)
    }
}

@Suite struct ListFormatterTests {
    @Test func searchSnippetsWrapWithinWidthAndHighlightMatches() {
        let entry = TimelineEntry(number: 7, id: "a", rev: 1, title: "Harbor cranes", sourceId: "s", sourceName: "Quay Ledger", storyId: nil,
                                  publishedAt: Timestamp(epochMilliseconds: 0), isRead: false, isStarred: false)
        let hit = SearchHit(entry: entry, snippet: [
            SnippetPart(text: "… the port said the ", isMatch: false), SnippetPart(text: "trade", isMatch: true),
            SnippetPart(text: " gap narrowed; an extraordinarilylongwordthatcannotfitonasinglelineatall ", isMatch: false),
            SnippetPart(text: "trade", isMatch: true), SnippetPart(text: " ends …", isMatch: false),
        ], score: -1)
        let plainLines = ListFormatter(width: 40, style: Style(colour: false), now: Timestamp(epochMilliseconds: 0)).lines([hit])
        #expect(plainLines.allSatisfy { TerminalText.width(of: $0) <= 40 }, "\(plainLines)")
        let coloured = ListFormatter(width: 40, style: Style(colour: true), now: Timestamp(epochMilliseconds: 0)).lines([hit]).joined(separator: "\n")
        #expect(coloured.components(separatedBy: "\u{1B}[1;33mtrade\u{1B}[0m").count == 3)
    }
}
