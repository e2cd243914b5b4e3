import Foundation
import NewsModels
import NewsStore
import SnapshotTesting
import Testing
@testable import TerminalUI

/// The rendered text, as a reader sees it, pinned by snapshot files in `__Snapshots__/`. A change in
/// layout shows up as a diff to review; delete the file to record it again.
struct RenderSnapshotTests {
    static let utc = TimeZone(identifier: "UTC")!

    func article(_ stored: StoredArticle, width: Int) -> String {
        ArticleRenderer(width: width, style: Style(colour: false), timeZone: Self.utc).render(stored).joined(separator: "\n")
    }

    @Test(arguments: [40, 100]) func everyBlockType(width: Int) {
        assertSnapshot(of: article(Fixtures.everyBlock, width: width), as: .lines, named: "width-\(width)")
    }

    @Test(arguments: [40, 100]) func wideCharactersAndEmoji(width: Int) {
        assertSnapshot(of: article(Fixtures.wide, width: width), as: .lines, named: "width-\(width)")
    }

    @Test(arguments: [40, 100]) func timeline(width: Int) {
        let lines = ListFormatter(width: width, style: Style(colour: false), now: Fixtures.now).lines(Fixtures.entries)
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines, named: "width-\(width)")
    }

    @Test(arguments: [40, 100]) func searchHits(width: Int) {
        let hits = [
            SearchHit(entry: Fixtures.entries[1], snippet: [
                SnippetPart(text: "… the harbour board voted on Monday to rewrite the ", isMatch: false),
                SnippetPart(text: "ferry", isMatch: true),
                SnippetPart(text: " timetable, the first full change in eleven years …", isMatch: false),
            ], score: 3.5),
            SearchHit(entry: Fixtures.entries[0], snippet: [
                SnippetPart(text: "台風10号は３日午後、関東地方の南の海上を北上しており、", isMatch: false),
                SnippetPart(text: "鉄道", isMatch: true),
                SnippetPart(text: "各社は夕方以降の運転を見合わせると発表した。", isMatch: false),
            ], score: 2.25),
        ]
        let lines = ListFormatter(width: width, style: Style(colour: false), now: Fixtures.now).lines(hits)
        assertSnapshot(of: lines.joined(separator: "\n"), as: .lines, named: "width-\(width)")
    }

    @Test(arguments: [40, 100]) func storyAndSources(width: Int) {
        let formatter = ListFormatter(width: width, style: Style(colour: false), now: Fixtures.now)
        let story = StorySummary(number: 12, story: Story(
            id: "story-ferry", headline: "Ferry timetable overhaul announced after a winter of cancelled crossings",
            firstSeen: Fixtures.entries[2].publishedAt, lastSeen: Fixtures.entries[0].publishedAt,
            sourceIds: Fixtures.entries.map(\.sourceId), articleCount: 4), unread: 3)
        let sources = [
            SourceSummary(source: Fixtures.kanto, articles: 1204, unread: 17, starred: 2, latest: Fixtures.entries[0].publishedAt),
            SourceSummary(source: Fixtures.harbour, articles: 88, unread: 0, starred: 0, latest: Fixtures.entries[3].publishedAt),
            SourceSummary(source: Source(id: "empty.example", name: "Quiet Desk"), articles: 0, unread: 0, starred: 0, latest: nil),
        ]
        let text = (formatter.lines([story]) + [""] + formatter.lines(story: story, articles: Fixtures.entries) + [""] + formatter.lines(sources))
        assertSnapshot(of: text.joined(separator: "\n"), as: .lines, named: "width-\(width)")
    }
}
