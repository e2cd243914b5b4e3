import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct ApplyTests {
    @Test func applyingTheSameBatchTwiceLeavesTheStoreIdentical() throws {
        let store = try StoreFixtures.store()
        let batch = StoreFixtures.puts(1...40) + [.del(seq: 41, id: "art-3", reason: .retracted)]
        let first = try store.apply(batch, remote: "main", cursor: 41)
        #expect(first.inserted == 40 && first.deleted == 1)
        let before = try StoreFixtures.dump(store)
        let second = try store.apply(batch, remote: "main", cursor: 41)
        #expect(second.inserted == 0 && second.updated == 0 && second.deleted == 0)
        #expect(try StoreFixtures.dump(store) == before)
        #expect(try store.cursor(for: "main") == 41)
    }

    @Test func olderOrEqualRevisionIsIgnored() throws {
        let store = try StoreFixtures.store()
        let newer = StoreFixtures.article(1, rev: 2, title: "Corrected headline")
        try store.apply([.put(seq: 1, article: newer)], remote: "main", cursor: 1)
        let summary = try store.apply(
            [.put(seq: 2, article: StoreFixtures.article(1, rev: 1, title: "Old headline")),
             .put(seq: 3, article: StoreFixtures.article(1, rev: 2, title: "Same rev, other text"))],
            remote: "main", cursor: 3)
        #expect(summary.ignored == 2)
        #expect(try store.article(id: "art-1")?.article.title == "Corrected headline")
        #expect(try store.search("Old headline").isEmpty)
        // A newer revision replaces the row and its search text.
        try store.apply([.put(seq: 4, article: StoreFixtures.article(1, rev: 3, title: "Third take on ferries"))], remote: "main", cursor: 4)
        #expect(try store.search("\"third take\"").map(\.entry.id) == ["art-1"])
        #expect(try store.search("corrected").isEmpty)
        #expect(try StoreFixtures.ftsRowCount(store) == 1)
    }

    @Test func applyQueuesSearchIndexingAndSearchCatchesUp() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...5), remote: "main", cursor: 5)
        #expect(try store.searchBacklog() == 5)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM article_fts") } == 0)
        // Removing or replacing a queued article leaves nothing stale behind in the queue or index.
        try store.apply([.del(seq: 6, id: "art-5", reason: .retracted)], remote: "main", cursor: 6)
        #expect(try store.searchBacklog() == 4)
        var seen: [(Int, Int)] = []
        #expect(try store.indexForSearch(batchSize: 3) { seen.append(($0, $1)) } == 4)
        #expect(seen.map(\.0) == [3, 4] && seen.allSatisfy { $0.1 == 4 })
        #expect(try store.searchBacklog() == 0)
        try store.apply([.put(seq: 7, article: StoreFixtures.article(2, rev: 2, title: "Ferry timetable rewritten"))], remote: "main", cursor: 7)
        #expect(try store.searchBacklog() == 1)
        #expect(try store.search("timetable").map(\.entry.id) == ["art-2"])
        #expect(try store.searchBacklog() == 0)
        #expect(try StoreFixtures.ftsRowCount(store) == 4)
    }

    @Test func deleteRemovesArticleAndSearchTextButKeepsState() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...2), remote: "main", cursor: 2)
        try store.set(.starred, to: true, articleIds: ["art-1"])
        let summary = try store.apply([.del(seq: 3, id: "art-1", reason: .retracted)], remote: "main", cursor: 3)
        #expect(summary.deleted == 1)
        #expect(try store.article(id: "art-1") == nil)
        #expect(try StoreFixtures.ftsRowCount(store) == 1)
        #expect(try store.search("report").map(\.entry.id) == ["art-2"])
        #expect(try store.state(articleId: "art-1").isStarred)
        // Deleting again, or deleting something never stored, is a no-op.
        let again = try store.apply([.del(seq: 4, id: "art-1", reason: .retracted), .del(seq: 5, id: "never", reason: .expired)], remote: "main", cursor: 5)
        #expect(again.ignored == 2 && again.deleted == 0)
    }

    @Test func failureMidBatchStoresNeitherDataNorCursor() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...3), remote: "main", cursor: 3)
        let before = try StoreFixtures.dump(store)
        var broken = StoreFixtures.article(5)
        broken.id = ""
        let batch: [Change] = [.put(seq: 4, article: StoreFixtures.article(4)), .put(seq: 5, article: broken), .put(seq: 6, article: StoreFixtures.article(6))]
        #expect(throws: StoreError.invalidChange(seq: 5, reason: "article needs a non-empty id and source id and a revision of 1 or more")) {
            try store.apply(batch, remote: "main", cursor: 6)
        }
        #expect(try StoreFixtures.dump(store) == before)
        #expect(try store.cursor(for: "main") == 3)
        #expect(try store.article(id: "art-4") == nil)
    }

    @Test func batchOrderAndCursorCoverageAreChecked() throws {
        let store = try StoreFixtures.store()
        #expect(throws: StoreError.self) {
            try store.apply([.put(seq: 2, article: StoreFixtures.article(2)), .put(seq: 1, article: StoreFixtures.article(1))], remote: "main", cursor: 2)
        }
        #expect(throws: StoreError.self) { try store.apply(StoreFixtures.puts(1...5), remote: "main", cursor: 4) }
        #expect(try store.cursor(for: "main") == nil)
        #expect(try store.timeline(TimelineQuery()).isEmpty)
    }

    @Test func cursorNeverMovesBackAndRemotesAreIndependent() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...5), remote: "a", cursor: 5)
        try store.apply(StoreFixtures.puts(1...2), remote: "a", cursor: 2)
        try store.apply([], remote: "b", cursor: 9)
        #expect(try store.cursor(for: "a") == 5)
        #expect(try store.cursor(for: "b") == 9)
    }

    @Test func stateMayArriveBeforeItsArticle() throws {
        let store = try StoreFixtures.store()
        let hlc = HLC(wallMillis: 1_741_000_000_000, node: "other-device")
        try store.mergeState([ArticleState(articleId: "art-7", read: StateValue(value: true, hlc: hlc))])
        try store.apply(StoreFixtures.puts(7...8), remote: "main", cursor: 8)
        #expect(try store.timeline(TimelineQuery(unreadOnly: true)).map(\.id) == ["art-8"])
    }

    @Test func reopeningKeepsEverything() throws {
        let path = StoreFixtures.temporaryPath()
        do {
            let store = try NewsStore(path: path)
            try store.apply(StoreFixtures.puts(1...3), remote: "main", cursor: 3)
        }
        let reopened = try NewsStore(path: path)
        #expect(try reopened.timeline(TimelineQuery()).count == 3)
        #expect(try reopened.integrityCheck().isEmpty)
    }

    @Test func openingSomethingElseFailsClearly() throws {
        let path = StoreFixtures.temporaryPath()
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(String(repeating: "not a database, just some text\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notAStore(path: path)) { try NewsStore(path: path) }
        #expect(StoreError.notAStore(path: path).description.contains("not a Paperboy store"))
    }
}

@Suite struct TombstoneTests {
    @Test func reapplyingAnOldPutDoesNotResurrectADeletedArticle() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...2), remote: "main", cursor: 2)
        try store.apply([.del(seq: 3, id: "art-1", reason: .retracted)], remote: "main", cursor: 3)
        let replay = try store.apply(StoreFixtures.puts(1...2), remote: "main", cursor: 2)
        #expect(replay.ignored == 2 && replay.inserted == 0)
        #expect(try store.article(id: "art-1") == nil)
        // A newer revision published after the retraction does come back.
        try store.apply([.put(seq: 4, article: StoreFixtures.article(1, rev: 2, title: "Republished"))], remote: "main", cursor: 4)
        #expect(try store.article(id: "art-1")?.article.title == "Republished")
    }
}
