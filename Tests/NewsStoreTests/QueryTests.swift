import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct QueryTests {
    static func filled() throws -> NewsStore {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...30), remote: "main", cursor: 30)
        return store
    }

    @Test func timelineIsNewestFirstAndPagesWithoutGapsOrRepeats() throws {
        let store = try Self.filled()
        var seen: [String] = []
        var query = TimelineQuery(limit: 7)
        while true {
            let page = try store.timeline(query)
            if page.isEmpty { break }
            seen += page.map(\.id)
            query.after = page.last?.pageKey
        }
        #expect(seen == (1...30).reversed().map { "art-\($0)" })
    }

    @Test func filtersCombine() throws {
        let store = try Self.filled()
        try store.set(.read, to: true, articleIds: ["art-30", "art-27"])
        try store.set(.starred, to: true, articleIds: ["art-3", "art-27"])
        #expect(try store.timeline(TimelineQuery(unreadOnly: true, limit: 2)).map(\.id) == ["art-29", "art-28"])
        #expect(try store.timeline(TimelineQuery(starredOnly: true)).map(\.id) == ["art-27", "art-3"])
        #expect(try store.timeline(TimelineQuery(unreadOnly: true, starredOnly: true)).map(\.id) == ["art-3"])
        let ridgeline = try store.timeline(TimelineQuery(sourceId: "ridgeline.example", limit: 100))
        #expect(ridgeline.count == 10 && ridgeline.allSatisfy { $0.sourceName == "Ridgeline Post" })
        #expect(try store.timeline(TimelineQuery(storyId: "story-1", limit: 100)).map(\.id) == [29, 25, 21, 17, 13, 9, 5, 1].map { "art-\($0)" })
        let since = Timestamp(epochMilliseconds: 1_740_000_000_000 + 28 * 60_000)
        #expect(try store.timeline(TimelineQuery(since: since)).map(\.id) == ["art-30", "art-29", "art-28"])
    }

    @Test func referencesResolveByNumberIdOrUniquePrefix() throws {
        let store = try Self.filled()
        #expect(try store.resolve("5").article.id == "art-5")
        #expect(try store.resolve("art-12").article.id == "art-12")
        #expect(try store.resolve("art-1").article.id == "art-1")
        #expect(throws: StoreError.articleNotFound("NOSUCH")) { try store.resolve("NOSUCH") }
        #expect(throws: StoreError.articleNotFound("999")) { try store.resolve("999") }
        do {
            _ = try store.resolve("art-2")
        } catch {
            Issue.record("exact id must win over prefix matches: \(error)")
        }
        #expect(throws: StoreError.self) { try store.resolve("art") }
    }

    @Test func storiesAndSourcesAreListed() throws {
        let store = try Self.filled()
        let stories = try store.storySummaries().map(\.story)
        #expect(stories.count == 4)
        #expect(stories.first?.id == "story-2")
        #expect(stories.first(where: { $0.id == "story-1" })?.headline.hasPrefix("Council votes") == true)
        #expect(stories.allSatisfy { $0.sourceIds.count == 3 })
        #expect(try store.sourceSummaries().map(\.articles) == [10, 10, 10])
        let counts = try store.counts()
        #expect(counts.articles == 30 && counts.unread == 30 && counts.sources == 3)
    }
}
