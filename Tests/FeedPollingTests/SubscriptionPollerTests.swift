import FeedFormats
import FeedPolling
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

/// The reader's own polling of subscribed feeds, against scripted responses.
@Suite struct SubscriptionPollerTests {
    /// A store whose clock reads `FeedFetcherTests.now`.
    static func store() throws -> NewsStore {
        try NewsStore(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("poller-\(UUID().uuidString)/store.sqlite").path,
            now: { FeedFetcherTests.now })
    }

    @Test func pollStoresThenRevalidatesThenRevises() async throws {
        let store = try Self.store()
        let url = FeedFetcherTests.url
        try store.addSubscriptions([SubscriptionRecord(url: url, categories: ["Home"])])
        let first = FeedFetcherTests.feed(["Wick prices fall", "Night market returns"])
        let edited = FeedFetcherTests.feed(["Wick prices fall sharply", "Night market returns"])
        let transport = CannedTransport([
            reply(200, ["ETag": "\"v1\""], first),
            reply(304, [:], Data()),
            reply(200, ["ETag": "\"v2\""], edited),
        ])
        let poller = SubscriptionPoller(store: store, transport: transport)

        var reports = try await poller.pollAll()
        guard case let .stored(summary, skipped) = reports.first?.result else { Issue.record("\(reports)"); return }
        #expect(summary.inserted == 2 && skipped.isEmpty)
        #expect(reports.first?.title == "Lantern")

        reports = try await poller.pollAll()
        guard case .notModified = reports.first?.result else { Issue.record("\(reports)"); return }
        #expect(transport.requests[1].headers["If-None-Match"] == "\"v1\"")

        reports = try await poller.pollAll()
        guard case let .stored(revised, _) = reports.first?.result else { Issue.record("\(reports)"); return }
        #expect((revised.inserted, revised.updated, revised.ignored) == (0, 1, 1))
        let record = try #require(try store.subscriptions().first)
        #expect(record.etag == "\"v2\"" && record.sourceId == "lantern.example" && record.categories == ["Home"])
        // Polls are stamped by the store's clock.
        #expect(record.lastPolledAt == FeedFetcherTests.now && record.validatorsAt == FeedFetcherTests.now)
        let titles = try store.timeline(TimelineQuery()).map(\.title).sorted()
        #expect(titles == ["Night market returns", "Wick prices fall sharply"])
    }

    @Test func aFailingFeedKeepsItsArticlesAndTheOthersPoll() async throws {
        let store = try Self.store()
        try store.addSubscriptions([
            SubscriptionRecord(url: "https://a.lantern.example/feed.json"),
            SubscriptionRecord(url: "https://b.lantern.example/feed.json"),
        ])
        let transport = CannedTransport([reply(200, [:], FeedFetcherTests.feed(["Only story"])), reply(200, [:], Data("{\"version\": 3".utf8))])
        let poller = SubscriptionPoller(store: store, transport: transport, concurrency: 1)
        let reports = try await poller.pollAll()
        guard case .stored = reports[0].result, case let .failed(message) = reports[1].result else { Issue.record("\(reports)"); return }
        #expect(message.hasPrefix("not a feed") || message.hasPrefix("invalid JSON"))
        let failing = try #require(try store.subscriptions().first { $0.url.contains("//b.") })
        #expect(failing.failures == 1 && failing.lastError == message)
        #expect(try store.timeline(TimelineQuery()).count == 1)
    }
}
