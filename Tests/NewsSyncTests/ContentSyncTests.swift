import FeedServer
import Foundation
import NewsModels
import NewsStore
import NewsSync
import Testing

@Suite struct NewsSyncTests {
    /// Content: first sync, incremental sync, edits, deletes, idle syncs and compaction.
    @Suite struct Content {
        @Test(arguments: ClientTransport.allCases) func firstSyncThenIncrementalWithEditsAndDeletes(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...25))
            let store = try harness.makeStore()
            let engine = harness.engine(store)

            let first = try await engine.sync()
            #expect(first.inserted == 25 && first.cursor == 25 && first.head == 25 && !first.loadedSnapshot)
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())

            _ = try harness.storage.importArticles(Corpus.articles(26...31) + [Corpus.article(3, title: "Harbour notice 3, corrected")])
            _ = try harness.storage.deleteArticle(id: "tide-7", reason: .retracted)
            let second = try await engine.sync()
            #expect(second.inserted == 6 && second.updated == 1 && second.deleted == 1 && second.cursor == 33)
            let revisions = try store.articleRevisions(remote: "main")
            #expect(revisions == (try harness.liveSet()))
            #expect(revisions["tide-3"] == 2 && revisions["tide-7"] == nil)
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func idleSyncIsOneConditionalRequest(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...15))
            let store = try harness.makeStore()
            let engine = harness.engine(store)
            _ = try await engine.sync()
            let idle = try await engine.sync()
            #expect(idle.requests == 1 && idle.inserted == 0 && idle.cursor == 15)
            // A change to the open segment costs the manifest and that segment, nothing else.
            _ = try harness.storage.importArticles([Corpus.article(16)])
            let small = try await engine.sync()
            #expect(small.requests == 2 && small.inserted == 1 && small.cursor == 16)
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func firstSyncLoadsTheSnapshotInChunks(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...47))
            _ = try harness.storage.deleteArticle(id: "tide-2", reason: .retracted)
            _ = try harness.storage.compact(policy: CompactionPolicy(segmentSize: 10, keepSince: nil, articlesPerChunk: 10))
            _ = try harness.storage.importArticles(Corpus.articles(48...52))
            let store = try harness.makeStore()
            var events: [SyncEvent] = []
            for try await event in harness.engine(store).events() { events.append(event) }
            guard case let .finished(summary)? = events.last else { Issue.record("no finished event"); return }
            #expect(summary.loadedSnapshot && summary.inserted == 51 && summary.cursor == 53)
            #expect(events.filter { if case .snapshotChunk = $0 { true } else { false } }.count == 5)
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func snapshotLoadResumesInsideAChunk(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...30))
            _ = try harness.storage.compact(policy: CompactionPolicy(segmentSize: 10, keepSince: nil, articlesPerChunk: 20))
            let snapshot = try #require(try harness.storage.logBounds().snapshot)
            let store = try harness.makeStore()
            // What a sync killed after its second transaction of 4 in chunk 0 leaves behind.
            let chunk = try NewsJSON.decodeLines(Change.self, from: try #require(try harness.storage.snapshotChunk(seq: snapshot.seq, chunk: 0)))
            _ = try store.applySnapshotChunk(
                Array(chunk.prefix(8)), remote: "main", snapshotSeq: snapshot.seq,
                syncValues: ["snapshot.seq": String(snapshot.seq), "snapshot.done": "0", "snapshot.lines": "8"])
            var options = harness.fast
            options.snapshotTransactionSize = 4
            let summary = try await harness.engine(store, options: options).sync()
            #expect(summary.loadedSnapshot && summary.inserted == 22)
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())
            #expect(try store.syncValue("snapshot.lines", remote: "main") == nil)
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func compactedCursorRecoversThroughTheSnapshot(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...12))
            let store = try harness.makeStore()
            let engine = harness.engine(store)
            _ = try await engine.sync()

            // While the client is away: a delete, an edit and new articles, then a compaction that
            // drops the tombstone from the log.
            _ = try harness.storage.deleteArticle(id: "tide-4", reason: .retracted)
            _ = try harness.storage.importArticles([Corpus.article(5, title: "Harbour notice 5, revised")] + Corpus.articles(13...40))
            _ = try harness.storage.compact(policy: CompactionPolicy(segmentSize: 10, keepSince: nil, articlesPerChunk: 8))
            #expect(try harness.storage.logBounds().oldest == 40)

            let recovered = try await engine.sync()
            #expect(recovered.loadedSnapshot && recovered.cursor == 42)
            let revisions = try store.articleRevisions(remote: "main")
            #expect(revisions == (try harness.liveSet()))
            #expect(revisions["tide-4"] == nil && revisions["tide-5"] == 2)
            #expect(try store.integrityCheck().isEmpty)
            await harness.stop()
        }
    }
}
