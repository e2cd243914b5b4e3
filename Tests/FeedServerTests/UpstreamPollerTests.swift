import FeedPolling
import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsModels
import Testing
import PaperboyTesting

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

        static func poller(
            _ storage: SQLiteFeedStorage, _ responses: [CannedTransport.CannedResponse], clock: TestClock = TestClock()
        ) -> (UpstreamPoller, CannedTransport) {
            var logger = Logger(label: "upstream-test")
            logger.logLevel = .critical
            let transport = CannedTransport(responses)
            let poller = UpstreamPoller(
                storage: storage, transport: transport, logger: logger, clock: clock, now: { clock.timestamp }, idle: .seconds(60))
            return (poller, transport)
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
            let clock = TestClock()
            let (poller, _) = Self.poller(storage, [
                .reply(status: 500, body: Data("oops".utf8)),
                .reply(status: 500, body: Data("oops".utf8)),
                .reply(status: 429, headers: ["Retry-After": "86400"]),
            ], clock: clock)
            // Each poll's due time is its start on the injected clock plus the delay.
            func poll(expecting delay: Int64) async throws {
                let result = try #require(try await poller.pollDue(all: true).first)
                #expect(result.error != nil)
                #expect(result.nextPollAt.epochMilliseconds == clock.timestamp.epochMilliseconds + delay)
            }
            try await poll(expecting: 1_200_000)
            #expect(try storage.dueUpstreamFeeds(at: clock.timestamp).isEmpty)
            try await poll(expecting: 2_400_000)
            try await poll(expecting: 86_400_000)
            let feed = try #require(try storage.upstreamFeeds().first)
            #expect(feed.failures == 3 && feed.lastError?.contains("429") == true)
        }

        @Test func runPollsWhenDueOnTheInjectedClockAndStopsWhenCancelled() async throws {
            let storage = try Self.storage()
            let clock = TestClock()
            try storage.addUpstreamFeed(url: Self.url, interval: .seconds(900), at: clock.timestamp)
            let (poller, transport) = Self.poller(storage, [
                .reply(status: 200, headers: ["ETag": "\"e1\""], body: Self.feed("Cranes idle")),
                .reply(status: 304),
            ], clock: clock)
            let running = Task { try await poller.run() }
            try await eventually("the first poll") { transport.requests.count == 1 && clock.sleeperCount == 1 }
            let feed = try #require(try storage.upstreamFeeds().first)
            #expect(feed.nextPollAt.epochMilliseconds == clock.timestamp.epochMilliseconds + 900_000)
            // Asleep until the idle limit (60 s), which comes before the feed is due again: no request.
            clock.advance(by: .seconds(60))
            try await eventually("the poller to sleep again") { clock.sleeperCount == 1 && clock.now.offset == .seconds(60) }
            #expect(transport.requests.count == 1)
            for _ in 0..<14 {
                clock.advance(by: .seconds(60))
                try await eventually("the poller to look again") { clock.sleeperCount == 1 }
            }
            try await eventually("the second poll") { transport.requests.count == 2 }
            #expect(transport.requests[1].headers["If-None-Match"] == "\"e1\"")
            running.cancel()
            try await running.value
        }
    }
}
