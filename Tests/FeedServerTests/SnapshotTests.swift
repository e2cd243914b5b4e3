import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing

extension FeedServerTests {
    /// Compaction: snapshot chunks, the moving horizon and 410 below it.
    @Suite struct Snapshots {
        static func policy(chunk: Int = 3, keepSince: Timestamp? = nil) -> CompactionPolicy {
            CompactionPolicy(segmentSize: 4, keepSince: keepSince, articlesPerChunk: chunk)
        }

        @Test func compactWritesSnapshotAndAnswersGoneBelowOldest() async throws {
            let server = try await RunningServer.start(articles: (1...9).map { Fixture.article($0) })
            _ = try server.storage.importArticles([Fixture.article(2, title: "Ferry timetable change 2, corrected")])
            _ = try server.storage.deleteArticle(id: "tide-5", reason: .retracted)
            // head 11: segments 0 and 1 sealed, segment 2 open.
            let before = try await server.get("/v1/segments/0")
            #expect(before.status == 200)

            let summary = try server.storage.compact(policy: Self.policy())
            #expect(summary.snapshotSeq == 11 && summary.articles == 8 && summary.chunks == 3)
            #expect(summary.oldestBefore == 0 && summary.oldest == 8 && summary.removedChanges == 8)

            let manifest = try NewsJSON.decode(Manifest.self, from: try await server.get("/v1/manifest").body)
            #expect(manifest.oldest == 8 && manifest.head == 11)
            let snapshot = try #require(manifest.snapshot)
            #expect(snapshot.seq == 11 && snapshot.chunks == ["/v1/snapshot/11/0", "/v1/snapshot/11/1", "/v1/snapshot/11/2"])

            for gone in ["/v1/segments/0", "/v1/segments/1"] {
                let response = try await server.get(gone)
                #expect(response.status == 410)
                #expect(try Fixture.problem(response).detail?.contains("snapshot") == true)
            }
            let open = try await server.get("/v1/segments/2")
            #expect(try NewsJSON.decodeLines(Change.self, from: open.body).map(\.seq) == [9, 10, 11])

            // The chunks hold exactly the live set, each article as its current put line.
            var live: [String: Int] = [:]
            for path in snapshot.chunks {
                let chunk = try await server.get(path)
                #expect(chunk.status == 200)
                #expect(chunk.headers["Cache-Control"] == "public, max-age=31536000, immutable")
                #expect(chunk.headers["Content-Type"] == "application/x-ndjson")
                let etag = try #require(chunk.headers["ETag"])
                #expect(try await server.get(path, headers: ["If-None-Match": etag]).status == 304)
                for change in try NewsJSON.decodeLines(Change.self, from: chunk.body) {
                    guard case let .put(seq, article) = change else { Issue.record("snapshot holds a del"); continue }
                    #expect(seq <= 11)
                    live[article.id] = article.rev
                }
            }
            #expect(live.count == 8 && live["tide-5"] == nil && live["tide-2"] == 2)
            await server.stop()
        }

        @Test func snapshotLinesAreTheLogsExactBytes() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString).sqlite").path
            let storage = try SQLiteFeedStorage(path: path)
            _ = try storage.importArticles((1...5).map { Fixture.article($0) })
            let logged = try storage.logLines(in: 1...5)
            // The log's lines are what encoding the change gives, byte for byte.
            for (index, line) in logged.enumerated() {
                var article = Fixture.article(index + 1)
                article.contentHash = article.computeContentHash()
                // The server adds the story it grouped the article into.
                guard case let .put(_, stored) = try NewsJSON.decode(Change.self, from: line) else { Issue.record("not a put"); continue }
                #expect(stored.storyId != nil)
                article.storyId = stored.storyId
                #expect(line == (try NewsJSON.encode(Change.put(seq: Int64(index + 1), article: article))))
            }
            _ = try storage.compact(policy: Self.policy(chunk: 10, keepSince: Timestamp(epochMilliseconds: 0)))
            let chunk = try #require(try storage.snapshotChunk(seq: 5, chunk: 0))
            let lines = chunk.split(separator: 0x0A).map { Data($0) }
            #expect(lines == logged)
            // Nothing was older than the cutoff, so the log keeps everything.
            #expect(try storage.logBounds().oldest == 0)
            #expect(try storage.logLines(in: 1...5).count == 5)
        }

        @Test func horizonFollowsTheCutoffAndNeverMovesBack() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("snap-\(UUID().uuidString).sqlite").path
            let storage = try SQLiteFeedStorage(path: path)
            _ = try storage.importArticles((1...6).map { Fixture.article($0) })
            // Everything so far is older than a cutoff in the future: the horizon stops at the last
            // segment boundary (4), leaving the open segment.
            let future = Timestamp(epochMilliseconds: Timestamp.now().epochMilliseconds + 60_000)
            #expect(try storage.compact(policy: Self.policy(keepSince: future)).oldest == 4)
            _ = try storage.importArticles((7...10).map { Fixture.article($0) })
            // A cutoff in the past keeps everything new and never lowers the horizon.
            #expect(try storage.compact(policy: Self.policy(keepSince: Timestamp(epochMilliseconds: 0))).oldest == 4)
            let full = try storage.compact(policy: Self.policy())
            #expect(full.oldest == 8 && full.snapshotSeq == 10)
            // Snapshots 6 and 10 remain (the previous one for clients mid-load); 4 was never written.
            #expect(try storage.snapshotChunk(seq: 6, chunk: 0) != nil)
            #expect(try storage.snapshotChunk(seq: 10, chunk: 0) != nil)
        }

        @Test func unknownSnapshotChunksAreProblems() async throws {
            let server = try await RunningServer.start(articles: (1...3).map { Fixture.article($0) })
            _ = try server.storage.compact(policy: Self.policy())
            #expect(try await server.get("/v1/snapshot/3/7").status == 404)
            #expect(try await server.get("/v1/snapshot/2/0").status == 404)
            let bad = try await server.get("/v1/snapshot/x/0")
            #expect(bad.status == 400)
            #expect(try Fixture.problem(bad).detail?.contains("snapshot seq") == true)
            #expect(try await server.get("/v1/snapshot/3/-1").status == 400)
            await server.stop()
        }
    }
}
