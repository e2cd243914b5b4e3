@testable import FeedServer
import Foundation
import NewsModels
import Testing
import PaperboyTesting

extension FeedServerTests {
    /// Sealed bodies are compressed in the background before anyone asks for them.
    @Suite struct CacheWarming {
        /// Whether the cache holds `key` with every coding the server offers.
        static func warmed(_ server: RunningServer, _ key: BodyKey) async -> Bool {
            await server.warmer.cache.body(key)?.encoded.count == ContentCoding.offered.count
        }

        @Test func freshlySealedSegmentIsCompressedBeforeItsFirstRequest() async throws {
            let clock = TestClock()
            let server = try await RunningServer.start(articles: (1...10).map { Fixture.article($0) }) { $0.clock = clock }
            // What was sealed when the server started is warmed at once, before any request.
            try await eventually("segments 0 and 1 warmed") {
                let first = await Self.warmed(server, .segment(0))
                let second = await Self.warmed(server, .segment(1))
                return first && second
            }
            #expect(await server.warmer.cache.body(.segment(2)) == nil)

            // Another writer seals segment 2; the warmer sees it on its next look.
            _ = try server.storage.importArticles((11...12).map { Fixture.article($0) })
            try await eventually("the warmer asleep") { clock.sleeperCount == 1 }
            let looks = await server.warmer.completedChecks
            clock.advance(by: .seconds(1))
            try await eventually("another look") { await server.warmer.completedChecks > looks }
            #expect(await Self.warmed(server, .segment(2)))

            // The first request gets the variant compressed in the background.
            let cached = try #require(await server.warmer.cache.body(.segment(2)))
            let response = try await server.get("/v1/segments/2", headers: ["Accept-Encoding": "br"])
            #expect(response.status == 200 && response.headers["Content-Encoding"] == "br")
            #expect(response.headers["ETag"] == ContentCoding.br.tag(cached.etag))
            #expect(response.headers["Content-Length"] == String(try #require(cached.encoded[.br] ?? nil).readableBytes))
            #expect(try NewsJSON.decodeLines(Change.self, from: response.body).map(\.seq) == [9, 10, 11, 12])
            await server.stop()
        }

        @Test func startupWarmsNewestFirstWithinTheCacheBudget() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("warm-\(UUID().uuidString).sqlite").path
            let storage = try SQLiteFeedStorage(path: path)
            _ = try storage.importArticles((1...9).map { Fixture.article($0) })
            let size = try #require(try ContentBodies.segment(storage, index: 1, size: 4, head: 9).identity).readableBytes
            // Room for the newest sealed segment with its variants, not for the one before it too.
            let server = try await RunningServer.start(articles: (1...9).map { Fixture.article($0) }) {
                $0.clock = TestClock()
                $0.bodyCacheBytes = size * 2
            }
            try await eventually("the first look") { await server.warmer.completedChecks >= 1 }
            #expect(await Self.warmed(server, .segment(1)))
            #expect(await server.warmer.cache.body(.segment(0)) == nil)
            await server.stop()
        }

        @Test func newSnapshotChunksAreWarmed() async throws {
            let clock = TestClock()
            let server = try await RunningServer.start(articles: (1...6).map { Fixture.article($0) }) { $0.clock = clock }
            try await eventually("the first look") { await server.warmer.completedChecks >= 1 && clock.sleeperCount == 1 }
            // As `paperboy-server compact` would, from another process.
            let summary = try server.storage.compact(policy: CompactionPolicy(segmentSize: 4, keepSince: nil, articlesPerChunk: 4))
            clock.advance(by: .seconds(1))
            try await eventually("the next look") { await server.warmer.completedChecks >= 2 }
            for chunk in 0..<summary.chunks {
                #expect(await Self.warmed(server, .snapshot(seq: summary.snapshotSeq, chunk: chunk)))
            }
            await server.stop()
        }
    }
}
