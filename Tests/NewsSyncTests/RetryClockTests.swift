import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing
import PaperboyTesting

extension NewsSyncTests {
    /// Retries wait on the clock the engine is given, and the times a sync records come from the store's.
    @Suite struct RetryClock {
        static let emptyManifest = Data("""
            {"protocol":1,"feedId":"paperboy","title":"Paperboy","segmentSize":10,"head":0,"oldest":0,"snapshot":null,\
            "serverTime":"2025-11-21T06:00:00.000Z"}
            """.utf8)

        @Test func backoffAndRetryAfterAreWaitedOnTheInjectedClock() async throws {
            let clock = TestClock(sleepsAdvanceTheClock: true)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("retry-clock-\(UUID().uuidString)/store.sqlite").path
            let store = try NewsStore(path: path, now: { clock.timestamp })
            let transport = CannedTransport([
                .reply(status: 503),
                .reply(status: 429, headers: ["Retry-After": "2"]),
                .failure(.timedOut(.stalled, after: .seconds(30))),
                .reply(status: 200, body: Self.emptyManifest),
            ])
            var options = SyncOptions()
            options.clock = clock
            let remote = SyncRemote(name: "main", baseURL: URL(string: "http://feeds.paperboy.invalid")!)
            let summary = try await SyncEngine(store: store, transport: transport, remote: remote, options: options).sync()

            #expect(summary.requests == 4 && transport.requests.count == 4)
            let sleeps = clock.sleeps
            try #require(sleeps.count == 3)
            // 250 ms doubling per attempt, with full jitter down to half; the server's Retry-After as asked.
            #expect(sleeps[0] >= .milliseconds(125) && sleeps[0] <= .milliseconds(250))
            #expect(sleeps[1] == .seconds(2))
            #expect(sleeps[2] >= .milliseconds(500) && sleeps[2] <= .seconds(1))
            // The sync is stamped by the store's clock, which the waits moved forward.
            #expect(try store.syncValue(NewsStore.lastSyncKey, remote: "main") == String(clock.timestamp.epochMilliseconds))
            #expect(clock.timestamp.epochMilliseconds > clock.epochMilliseconds + 2_000)
        }
    }
}
