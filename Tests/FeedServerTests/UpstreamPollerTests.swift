import FeedPolling
import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsModels
import Testing

extension FeedServerTests {
    /// `feed add` feeds: polled into the log, revalidated, backed off when failing.
    @Suite struct UpstreamPolling {
        static let url = "https://quay-ledger.example/feed.json"

        static func storage() throws -> SQLiteFeedStorage {
            try SQLiteFeedStorage(path: FileManager.default.temporaryDirectory.appendingPathComponent("upstream-\(UUID().uuidString).sqlite").path)
        }

        static func feed(_ title: String) -> Data {
            Data(#"""
                {"version": "https://jsonfeed.org/version/1.1", "title": "Quay Ledger", "home_page_url": "https://quay-ledger.example/",
                 "items": [{"id": "q-1", "title": "\#(title)", "date_published": "2026-11-20T09:00:00Z", "content_text": "Cranes idle for a day."},
                           {"id": "q-2", "title": "Undated harbour note", "content_text": "No date on this one."}]}
                """#.utf8)
        }

        static func poller(_ storage: SQLiteFeedStorage, _ responses: [CannedTransport.CannedResponse]) -> (UpstreamPoller, CannedTransport) {
            var logger = Logger(label: "upstream-test")
            logger.logLevel = .critical
            let transport = CannedTransport(responses)
            return (UpstreamPoller(storage: storage, transport: transport, logger: logger), transport)
        }

        @Test func importsRevalidatesAndRevises() async throws {
            let storage = try Self.storage()
            try storage.addUpstreamFeed(url: Self.url, interval: .seconds(900))
            let (poller, transport) = Self.poller(storage, [
                .reply(status: 200, headers: ["ETag": "\"e1\""], body: Self.feed("Cranes idle")),
                .reply(status: 304),
                .reply(status: 200, headers: ["ETag": "\"e2\""], body: Self.feed("Cranes idle after storm")),
            ])
            var results = try await poller.pollDue(all: true)
            #expect(results.first?.imported?.added == 2)
            results = try await poller.pollDue(all: true)
            #expect(results.first?.imported == nil && results.first?.error == nil)
            #expect(transport.requests[1].headers["If-None-Match"] == "\"e1\"")
            results = try await poller.pollDue(all: true)
            // Only the retitled item is revised; the undated one keeps its first date and is unchanged.
            let revision = try #require(results.first?.imported)
            #expect((revision.added, revision.revised, revision.unchanged) == (0, 1, 1))
            let feed = try #require(try storage.upstreamFeeds().first)
            #expect(feed.title == "Quay Ledger" && feed.memory.validators?.etag == "\"e2\"" && feed.failures == 0)
        }

        @Test func failuresBackOffAndHonourRetryAfter() async throws {
            let storage = try Self.storage()
            try storage.addUpstreamFeed(url: Self.url, interval: .seconds(600))
            let (poller, _) = Self.poller(storage, [
                .reply(status: 500, body: Data("oops".utf8)),
                .reply(status: 500, body: Data("oops".utf8)),
                .reply(status: 429, headers: ["Retry-After": "86400"]),
            ])
            // Each poll's due time is its own start plus the delay; bracket it by the times around the poll
            // (a loaded machine can take a while between them).
            func poll(expecting delay: Int64) async throws {
                let before = Timestamp.now().epochMilliseconds
                let result = try #require(try await poller.pollDue(all: true).first)
                let after = Timestamp.now().epochMilliseconds
                #expect(result.error != nil)
                #expect((before + delay...after + delay).contains(result.nextPollAt.epochMilliseconds))
            }
            try await poll(expecting: 1_200_000)
            #expect(try storage.dueUpstreamFeeds(at: .now()).isEmpty)
            try await poll(expecting: 2_400_000)
            try await poll(expecting: 86_400_000)
            let feed = try #require(try storage.upstreamFeeds().first)
            #expect(feed.failures == 3 && feed.lastError?.contains("429") == true)
        }
    }
}
