import FeedFormats
import Foundation
import NewsModels
import Testing

/// `paperboy story` compares its outlets' coverage; `paperboy stories` lists by latest activity.
@Suite struct StoryComparisonTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static func line(_ article: Article) throws -> String { String(decoding: try NewsJSON.encode(article), as: UTF8.self) }

    static func article(_ sourceId: String, _ name: String, _ time: String, story: String, title: String, _ paragraphs: [String]) -> Article {
        Article(id: "\(sourceId)/\(story)", url: "https://\(sourceId)/\(story)", source: Source(id: sourceId, name: name), storyId: story,
                title: title, publishedAt: Timestamp(rfc3339: time)!, blocks: paragraphs.map { .paragraph(text: $0) })
    }

    /// Three invented outlets on a lighthouse sale (they disagree on the price, share a quote, and
    /// one names a buyer's partner nobody else does), plus an older story loaded after it.
    static func filled() async throws -> CLI {
        let cli = CLI()
        let loaded = try await cli.load([
            try line(article("lamp.example", "Lamp & Ledger", "2031-09-02T06:30:00Z", story: "lighthouse", title: "Old Skerry lighthouse sold", [
                "The Northern Lights Trust sold the Old Skerry lighthouse to a hotel group for £4.5 million on Monday.",
                "“A lighthouse that nobody visits is a lighthouse that nobody saves,” said trust director Halvard Brennock.",
            ])),
            try line(article("brine.example", "Brine Weekly", "2031-09-02T09:00:00Z", story: "lighthouse", title: "Hotel group buys Skerry light", [
                "A hotel group paid the Northern Lights Trust £4.9 million for the Old Skerry lighthouse, the trust confirmed.",
                "Halvard Brennock, the trust's director, said: “A lighthouse that nobody visits is a lighthouse that nobody saves.”",
                "The hotel group is backed by the Fenwick Maritime Fund, which bought two coastguard stations on Orkney last spring.",
            ])),
            try line(article("spray.example", "Spray Gazette", "2031-09-03T11:45:00Z", story: "lighthouse", title: "Skerry lighthouse to become a hotel", [
                "The Old Skerry lighthouse will open as a twelve-room hotel in 2033 after its sale by the Northern Lights Trust.",
            ])),
            try line(article("lamp.example", "Lamp & Ledger", "2031-08-20T10:00:00Z", story: "regatta", title: "Regatta postponed by gales", [
                "The autumn regatta was postponed after gales tore two moorings loose.",
            ])),
        ])
        #expect(loaded.status == 0, "\(loaded.stderr)")
        return cli
    }

    @Test func storyJSONCarriesTheComparisonWithOutletNames() async throws {
        let cli = try await Self.filled()
        let json = try #require(try JSONSerialization.jsonObject(with: await cli.run(["story", "lighthouse", "--json"]).stdout) as? [String: Any])
        let comparison = try #require(json["comparison"] as? [String: Any])
        let first = try #require(comparison["firstPublished"] as? [[String: Any]])
        #expect(first.map { $0["sourceName"] as? String } == ["Lamp & Ledger", "Brine Weekly", "Spray Gazette"])
        #expect(first.first?["publishedAt"] as? String == "2031-09-02T06:30:00Z" && first.first?["articleId"] as? String == "lamp.example/lighthouse")
        let figures = try #require(comparison["figureDisagreements"] as? [[String: Any]])
        let price = try #require(figures.first { $0["unit"] as? String == "GBP" })
        let reports = try #require(price["reports"] as? [[String: Any]])
        #expect(Set(reports.map { "\($0["sourceName"] as? String ?? "?"): \($0["figure"] as? String ?? "?")" })
                == ["Lamp & Ledger: £4.5 million", "Brine Weekly: £4.9 million"])
        #expect(reports.contains { $0["value"] as? Double == 4_900_000 && ($0["sentence"] as? String)?.hasPrefix("A hotel group paid") == true })
        let quotes = try #require(comparison["sharedQuotes"] as? [[String: Any]])
        #expect(quotes.count == 1 && quotes.first?["sourceNames"] as? [String] == ["Brine Weekly", "Lamp & Ledger"])
        #expect(quotes.first?["sourceIds"] as? [String] == ["brine.example", "lamp.example"])
        let exclusive = try #require(comparison["exclusiveFacts"] as? [[String: Any]])
        #expect(exclusive.contains { $0["sourceName"] as? String == "Brine Weekly" && ($0["sentence"] as? String)?.contains("Fenwick") == true })
        let plain = try #require(try JSONSerialization.jsonObject(with: await cli.run(["story", "lighthouse", "--json", "--no-compare"]).stdout) as? [String: Any])
        #expect(plain["comparison"] == nil && (plain["entries"] as? [Any])?.count == 3 && plain["outlets"] as? Int == 3)
    }

    @Test func storyTextShowsCoverageThenTheComparison() async throws {
        let cli = try await Self.filled()
        let story = await cli.run(["story", "lighthouse", "--width", "80"])
        #expect(story.status == 0, "\(story.stderr)")
        let lines = story.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let headings = ["First published", "Figures that disagree", "Quoted by more than one outlet", "Only in one outlet"]
        #expect(lines.filter(headings.contains) == headings)
        let start = try #require(lines.firstIndex(of: "First published"))
        #expect(lines[start - 1] == "" && lines[..<start].contains { $0.contains("Skerry lighthouse to become a hotel") })
        #expect(lines[start + 2].hasPrefix("Lamp & Ledger  ") && lines[start + 2].hasSuffix("first"))
        #expect(lines[start + 3].hasPrefix("Brine Weekly   ") && lines[start + 3].hasSuffix("+2h 30m"))
        #expect(lines[start + 4].hasSuffix("+1d 5h"))
        #expect(lines.contains("  Brine Weekly  £4.9 million") && lines.contains("  Lamp & Ledger  £4.5 million"))
        #expect(lines.contains("│ — Brine Weekly, Lamp & Ledger"))
        let coverageOnly = await cli.run(["story", "lighthouse", "--width", "80", "--no-compare"])
        #expect(coverageOnly.text == lines[..<(start - 1)].joined(separator: "\n") + "\n")
        let lonely = await cli.run(["story", "regatta"])
        #expect(lonely.text.hasSuffix("\n\none outlet so far: nothing to compare\n"))
    }

    @Test func storiesListsByLatestActivityWithOutletCounts() async throws {
        let cli = try await Self.filled()
        let stories = try #require(try JSONSerialization.jsonObject(with: await cli.run(["stories", "--json"]).stdout) as? [[String: Any]])
        #expect(stories.map { $0["id"] as? String } == ["lighthouse", "regatta"])
        #expect(stories.map { $0["outlets"] as? Int } == [3, 1] && stories.map { $0["articles"] as? Int } == [3, 1])
        let help = await cli.run(["story", "--help"])
        #expect(help.text.contains("--no-compare") && help.text.contains("figureDisagreements"))
    }

    /// The five seed dumps as one story: the Nippon Steel price is $15 billion in one outlet and
    /// $14.1 billion in two others, and `story` must say so by outlet name.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: seeds.path), "the seed dumps are not at ../shared/seeds"))
    func seedStoryNamesTheNipponSteelDisagreement() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
        try #require(names.count == 5, "expected five seeds, found \(names)")
        var lines: [String] = []
        for name in names {
            let key = String(name.dropLast(4))
            let source = Source(id: "seed-" + key.prefix(3), name: "Outlet \(key.prefix(3))")
            let parser = TextDumpParser(source: source, publishedFallback: Timestamp(rfc3339: "2025-02-10T00:00:00Z")!)
            var main = try #require(try parser.parse(Data(contentsOf: Self.seeds.appendingPathComponent(name)), key: key).articles.first)
            main.storyId = "summit"
            lines.append(try Self.line(main))
        }
        let cli = CLI()
        let loaded = try await cli.load(lines)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let story = await cli.run(["story", "summit", "--width", "100"])
        #expect(story.status == 0, "\(story.stderr)")
        let text = story.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let section = text.drop { $0 != "Figures that disagree" }.prefix { $0 != "Quoted by more than one outlet" && $0 != "Only in one outlet" }
        let steel = try #require(section.firstIndex { $0.contains("nippon") && $0.contains("(USD)") }, "\(story.text)")
        let reports = section[steel...].dropFirst().prefix { $0.hasPrefix("  ") }
        #expect(reports.contains("  Outlet 000  $15 billion"), "\(story.text)")
        // One outlet writes "$14.1 billion", another "$14.1B".
        #expect(reports.contains { $0.hasPrefix("  Outlet 001  $14.1") } && reports.contains { $0.hasPrefix("  Outlet 003  $14.1") }, "\(story.text)")
        #expect(text.filter { $0.hasPrefix("Outlet 0") }.count >= 5, "each outlet in First published")
    }
}
