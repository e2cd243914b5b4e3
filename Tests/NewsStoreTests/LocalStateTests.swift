import Foundation
import NewsModels
@testable import NewsStore
import Testing

@Suite struct LocalStateTests {
    @Test func settingAFlagWritesStateAndJournalTogether() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...3), remote: "main", cursor: 3)
        let written = try store.set(.read, to: true, articleIds: ["art-1", "art-2"])
        try store.set(.starred, to: true, articleIds: ["art-2"])
        try store.set(.read, to: false, articleIds: ["art-1"])
        let pending = try store.pendingMutations()
        #expect(pending.map(\.mid) == [1, 2, 3, 4])
        #expect(Array(pending.prefix(2)) == written)
        #expect(zip(pending, pending.dropFirst()).allSatisfy { $0.hlc < $1.hlc })
        #expect(try store.state(articleId: "art-1").isRead == false)
        #expect(try store.state(articleId: "art-2").isStarred)
        try store.acknowledgeMutations(through: 3)
        #expect(try store.pendingMutations().map(\.mid) == [4])
        // mids are never reused, even after the journal empties.
        try store.acknowledgeMutations(through: 4)
        #expect(try store.set(.read, to: true, articleIds: ["art-3"]).map(\.mid) == [5])
    }

    @Test func markReadUpToLeavesLaterArticlesUnread() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...5), remote: "main", cursor: 5)
        let mutation = try store.markRead(upToSeq: 5)
        try store.apply(StoreFixtures.puts(6...7), remote: "main", cursor: 7)
        #expect(try store.timeline(TimelineQuery(unreadOnly: true)).map(\.id) == ["art-7", "art-6"])
        guard case let .markReadUpTo(_, seq, nil, _) = mutation else { Issue.record("wrong mutation \(mutation)"); return }
        #expect(seq == 5)
        // A later "unread" wins over the bulk mark.
        try store.set(.read, to: false, articleIds: ["art-2"])
        #expect(try store.timeline(TimelineQuery(unreadOnly: true)).map(\.id) == ["art-7", "art-6", "art-2"])
    }

    @Test func pulledStateLosesToNewerLocalChange() throws {
        let store = try StoreFixtures.store()
        try store.apply(StoreFixtures.puts(1...1), remote: "main", cursor: 1)
        let local = try store.set(.starred, to: true, articleIds: ["art-1"])
        let olderRemote = HLC(wallMillis: local[0].hlc.wallMillis - 10_000, node: "phone")
        try store.mergeState([ArticleState(articleId: "art-1", starred: StateValue(value: false, hlc: olderRemote))])
        #expect(try store.state(articleId: "art-1").isStarred)
        let newerRemote = HLC(wallMillis: local[0].hlc.wallMillis + 10_000, node: "phone")
        try store.mergeState([ArticleState(articleId: "art-1", starred: StateValue(value: false, hlc: newerRemote))])
        #expect(try store.state(articleId: "art-1").isStarred == false)
        // The clock has observed the remote reading, so the next local write orders after it.
        #expect(try store.set(.starred, to: true, articleIds: ["art-1"])[0].hlc > newerRemote)
    }

    @Test func everyStampComesFromTheInjectedClock() async throws {
        let wall = Timestamp(epochMilliseconds: 1_763_700_000_000)
        let store = try StoreFixtures.store(now: { wall })
        try store.apply(StoreFixtures.puts(1...2), remote: "main", cursor: 2)
        try store.addRemote(RemoteRecord(name: "main", url: "http://127.0.0.1:8080"))
        let set = try store.set(.read, to: true, articleIds: ["art-1"])
        #expect(set.map(\.hlc.wallMillis) == [wall.epochMilliseconds])
        // Readings of the same millisecond still order: the logical counter moves on.
        let marked = try store.markRead(upToSeq: 2)
        #expect(marked.hlc.wallMillis == wall.epochMilliseconds && marked.hlc > set[0].hlc)
        try store.addSubscriptions([SubscriptionRecord(url: "https://lantern.example/feed.json", addedAt: wall)])
        try store.recordPollFailure(url: "https://lantern.example/feed.json", error: "refused")
        #expect(try store.subscriptions().first?.lastPolledAt == wall)
        // The async entry point runs the same API off the cooperative pool, errors included.
        #expect(try await store.perform { try $0.pendingMutations() }.count == 2)
        await #expect(throws: StoreError.self) {
            try await store.perform { try $0.removeSubscription(url: "https://nowhere.example/feed.json") }
        }
    }
}
