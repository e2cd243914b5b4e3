import Foundation
import GRDB
import NewsModels
import Testing
@testable import NewsStore

/// An article belongs to the source and the subscription that stored it.
@Suite struct ArticleOwnershipTests {
    static let outlet = "https://tidewater.example/feed.xml"
    static let other = "https://tidewater.example/sport.xml"

    static func polled(_ store: NewsStore, _ url: String) throws -> SubscriptionRecord {
        try #require(try store.subscriptions().first { $0.url == url })
    }

    @Test func aRevisionUnderAnotherSourceIsIgnored() throws {
        let store = try StoreFixtures.store()
        let original = StoreFixtures.article(1)
        try store.upsert([original])
        var foreign = StoreFixtures.article(1, rev: 2, title: "Rewritten")
        foreign.source = Source(id: "spoof.example/feed.xml", name: original.source.name)
        #expect(try store.upsert([foreign]).ignored == 1)
        try store.apply([.put(seq: 1, article: foreign)], remote: "home", cursor: 1)
        #expect(try store.timeline(TimelineQuery()).map(\.title) == [original.title])
    }

    @Test func onlyTheSubscriptionThatStoredAnArticleRevisesOrRemovesIt() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.outlet), SubscriptionRecord(url: Self.other)])
        let original = StoreFixtures.article(1)
        try store.recordPollSuccess(try Self.polled(store, Self.outlet), articles: [original])
        // The outlet's other feed carries the same item, edited: the copy stays the first feed's.
        let edited = StoreFixtures.article(1, title: "Edited elsewhere")
        #expect(try store.recordPollSuccess(try Self.polled(store, Self.other), articles: [edited]).ignored == 1)
        #expect(try store.removeSubscription(url: Self.other) == 0)
        #expect(try store.timeline(TimelineQuery()).map(\.title) == [original.title])
    }

    @Test func aCopyStoredUnderTheFeedsClaimMovesToItsBoundIdWithItsState() throws {
        let store = try StoreFixtures.store()
        let url = "http://127.0.0.1:8080/tidewater.xml"
        try store.addSubscriptions([SubscriptionRecord(url: url)])
        // Stored before ids were bound to where a feed comes from: under the outlet the feed claimed.
        let legacy = StoreFixtures.article(1)
        try store.recordPollSuccess(try Self.polled(store, url), articles: [legacy])
        try store.set(.starred, to: true, articleIds: [legacy.id])
        var bound = legacy
        bound.id = "bound-1"
        bound.source = Source(id: "127.0.0.1:8080/tidewater.xml", name: legacy.source.name, domain: "127.0.0.1", url: url)
        bound.contentHash = bound.computeContentHash()
        let summary = try store.recordPollSuccess(try Self.polled(store, url), articles: [bound], claimedIDs: [bound.id: legacy.id])
        #expect((summary.inserted, summary.updated) == (0, 0))
        let entries = try store.timeline(TimelineQuery())
        #expect(entries.map(\.id) == [bound.id] && entries.first?.rev == 1 && entries.first?.isStarred == true)
        #expect(entries.first?.sourceId == bound.source.id && entries.first?.sourceName == legacy.source.name)
        // Search finds it under the bound source, and the unsent star names the bound id.
        let word = legacy.title.split(separator: " ")[0]
        #expect(try store.search("\(word) source:127.0.0.1").map(\.entry.id) == [bound.id])
        let starred = try store.pendingMutations().compactMap { mutation -> String? in
            if case let .set(_, articleId, _, _, _) = mutation { return articleId }
            return nil
        }
        #expect(starred == [bound.id])
    }
}
