import Foundation
import GRDB
import NewsModels
import Testing
@testable import NewsStore

/// Direct feed subscriptions: bookkeeping, revisions from re-polls, and unsubscribing.
@Suite struct SubscriptionTests {
    static let feed = "https://tidewater.example/feed.xml"

    static func polled(_ store: NewsStore, etag: String = "\"v1\"") -> SubscriptionRecord {
        var record = try! #require(try store.subscriptions().first)
        record.title = "Tidewater Gazette"
        record.sourceId = "tidewater.example"
        record.etag = etag
        record.validatorsAt = Timestamp(epochMilliseconds: 1_740_000_000_000)
        record.bodyHash = "abc"
        return record
    }

    @Test func addListAndRefuseDuplicates() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed, categories: ["News", "Local"])])
        #expect(throws: StoreError.subscriptionExists(Self.feed)) {
            try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        }
        let added = try store.addSubscriptions(
            [SubscriptionRecord(url: Self.feed), SubscriptionRecord(url: "https://kettle.example/atom")], failIfExists: false)
        #expect(added == 1)
        let all = try store.subscriptions()
        #expect(all.map(\.url) == ["https://kettle.example/atom", Self.feed])
        #expect(all[1].categories == ["News", "Local"])
    }

    @Test func repollRevisesOnlyChangedArticles() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        var articles = (1...3).map { StoreFixtures.article($0, story: nil) }
        var summary = try store.recordPollSuccess(Self.polled(store), articles: articles)
        #expect((summary.inserted, summary.updated, summary.ignored) == (3, 0, 0))

        articles[1].title = "A corrected headline"
        articles[1].contentHash = articles[1].computeContentHash()
        summary = try store.recordPollSuccess(Self.polled(store, etag: "\"v2\""), articles: articles)
        #expect((summary.inserted, summary.updated, summary.ignored) == (0, 1, 2))

        let row = try store.pool.read { db in try Row.fetchOne(db, sql: "SELECT rev, json, feed FROM article WHERE id = ?", arguments: [articles[1].id]) }
        let stored = try NewsJSON.decode(Article.self, from: try #require(row)["json"] as Data)
        #expect(stored.rev == 2)
        #expect(stored.changedFields == ["title"])
        #expect(row?["feed"] == Self.feed)
        let record = try #require(try store.subscriptions().first)
        #expect(record.etag == "\"v2\"")
        #expect(record.failures == 0 && record.lastError == nil && record.lastSuccessAt != nil)
    }

    @Test func remoteArticlesAreLeftToTheRemote() throws {
        let store = try StoreFixtures.store()
        try store.apply([.put(seq: 1, article: StoreFixtures.article(1))], remote: "home", cursor: 1)
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        var edited = StoreFixtures.article(1)
        edited.title = "Feed's own version"
        edited.contentHash = edited.computeContentHash()
        let summary = try store.recordPollSuccess(Self.polled(store), articles: [edited])
        #expect(summary.ignored == 1)
        let rev = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT rev FROM article WHERE id = 'art-1'") }
        #expect(rev == 1)
    }

    @Test func failuresCountUpAndKeepValidators() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        try store.recordPollSuccess(Self.polled(store), articles: [])
        try store.recordPollFailure(url: Self.feed, error: "HTTP 503")
        try store.recordPollFailure(url: Self.feed, error: "timed out")
        let record = try #require(try store.subscriptions().first)
        #expect(record.failures == 2 && record.lastError == "timed out" && record.etag == "\"v1\"")
    }

    @Test func unsubscribeRemovesUnstarredArticlesOnly() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        let articles = (1...4).map { StoreFixtures.article($0, story: nil) }
        try store.recordPollSuccess(Self.polled(store), articles: articles)
        try store.set(.starred, to: true, articleIds: [articles[0].id])
        #expect(try store.removeSubscription(url: Self.feed) == 3)
        let left = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM article") }
        #expect(left == [articles[0].id])
        #expect(try StoreFixtures.ftsRowCount(store) == 1)
        #expect(throws: StoreError.subscriptionNotFound(Self.feed)) { try store.removeSubscription(url: Self.feed) }
        #expect(try store.integrityCheck() == [])
    }
}

extension SubscriptionTests {
    @Test func undatedItemsKeepTheirFirstDate() throws {
        let store = try StoreFixtures.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.feed)])
        var article = StoreFixtures.article(7, story: nil)
        try store.recordPollSuccess(Self.polled(store), articles: [article], undated: [article.id])
        article.publishedAt = Timestamp(epochMilliseconds: article.publishedAt.epochMilliseconds + 3_600_000)
        article.contentHash = article.computeContentHash()
        let summary = try store.recordPollSuccess(Self.polled(store), articles: [article], undated: [article.id])
        #expect(summary.ignored == 1 && summary.updated == 0)
    }
}
