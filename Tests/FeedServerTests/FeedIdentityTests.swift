import FeedServer
import Foundation
import GRDB
import HTTPTransport
import Logging
import NewsModels
import Testing
import PaperboyTesting

extension FeedServerTests {
    /// An outlet's identity comes from where its feed is fetched, not from what the feed claims.
    @Suite struct FeedIdentity {
        static let outletURL = "https://harbor-courier.example/feed.json"
        static let spoofURL = "https://spoof.example/harbor.json"

        /// A JSON Feed naming Harbor Courier as its outlet, with items `hc-1` and `hc-2`.
        static func feed(_ titles: [String], link: String = "https://harbor-courier.example/") -> Data {
            let items = titles.enumerated().map { index, title in
                #"{"id": "hc-\#(index + 1)", "url": "\#(link)news/\#(index + 1)", "title": "\#(title)", "date_published": "2026-11-20T0\#(index):00:00Z", "content_text": "Harbour report \#(index)."}"#
            }
            return Data(#"{"version": "https://jsonfeed.org/version/1.1", "title": "Harbor Courier", "home_page_url": "\#(link)", "items": [\#(items.joined(separator: ","))]}"#.utf8)
        }

        static let outletTitles = ["Pilot boats return to the inner harbour", "Dredging starts at berth four"]
        static let spoofTitles = ["Harbour closed for good", "Berth four collapses"]

        /// Polls the feed at `url` once, answering with `body`.
        static func poll(_ storage: SQLiteFeedStorage, _ url: String, _ body: Data, clock: TestClock) async throws -> UpstreamPollResult {
            try storage.addUpstreamFeed(url: url, interval: .seconds(900), at: clock.timestamp)
            var logger = Logger(label: "identity-test")
            logger.logLevel = .critical
            let poller = UpstreamPoller(
                storage: storage, transport: CannedTransport([.reply(status: 200, body: body)]), concurrency: 1, logger: logger,
                clock: clock, now: { clock.timestamp })
            let results = try await poller.pollDue(now: clock.timestamp)
            #expect(results.map(\.url) == [url])
            return try #require(results.first)
        }

        @Test(arguments: [false, true])
        func aFeedOnAnotherHostNeverRevisesTheOutletsArticles(spoofFirst: Bool) async throws {
            let (storage, _) = try StoryIngest.storage()
            let clock = TestClock()
            let real = (Self.outletURL, Self.feed(Self.outletTitles))
            // Same item ids, the outlet's home page and links, new titles: only the host differs.
            let spoof = (Self.spoofURL, Self.feed(Self.spoofTitles))
            var spoofResult: UpstreamPollResult?
            for (url, body) in spoofFirst ? [spoof, real] : [real, spoof] {
                let result = try await Self.poll(storage, url, body, clock: clock)
                #expect(result.error == nil)
                if url == Self.spoofURL { spoofResult = result }
            }
            // Each feed's two items are articles of their own: nothing was revised.
            #expect(spoofResult?.imported?.added == 2 && spoofResult?.imported?.revised == 0)
            let logged = try StoryIngest.logged(storage)
            #expect(logged.count == 4 && logged.allSatisfy { $0.rev == 1 })
            let outlet = logged.filter { $0.source.id == "harbor-courier.example" }
            #expect(outlet.map(\.title).sorted() == Self.outletTitles.sorted())
            // The spoof keeps the name it gave itself but is filed under where it was fetched.
            let spoofed = logged.filter { $0.source.id != "harbor-courier.example" }
            #expect(spoofed.map(\.title).sorted() == Self.spoofTitles.sorted())
            #expect(Set(spoofed.map(\.source.id)) == ["spoof.example/harbor.json"])
            #expect(Set(spoofed.map(\.id)).isDisjoint(with: outlet.map(\.id)))
        }

        @Test func anArticleIdStoredUnderAnotherSourceIsRefused() throws {
            let (storage, _) = try StoryIngest.storage()
            let original = Fixture.article(1)
            _ = try storage.importArticles([original])
            // Same id under another source (an NDJSON line, say), and the same id twice in one batch.
            let foreign = Fixture.article(1, source: Fixture.other, title: "Ferry cancelled for good")
            let fresh = Fixture.article(2, source: Fixture.other), twin = Fixture.article(2, title: "Ferry twin")
            let summary = try storage.importArticles([foreign, fresh, twin])
            #expect(summary.refused == [original.id, twin.id] && summary.added == 1 && summary.revised == 0)
            #expect(summary.refusal == "refused 2 articles (first id tide-1): the id is stored under another source or feed, and only that one may revise it")
            let logged = try StoryIngest.logged(storage)
            #expect(logged.map(\.id) == [original.id, fresh.id])
            #expect(logged.first?.title == original.title && logged.first?.source == Fixture.source)
        }

        @Test func aFeedOnTheSameHostNeverRevisesAnotherFeedsArticles() async throws {
            let (storage, _) = try StoryIngest.storage()
            let clock = TestClock()
            // Two tenants of one host both name the host's home page, so both speak for `pages.example`.
            let alice = "https://pages.example/alice/feed.json", mallory = "https://pages.example/mallory/feed.json"
            _ = try await Self.poll(storage, alice, Self.feed(Self.outletTitles, link: "https://pages.example/"), clock: clock)
            let spoof = try await Self.poll(storage, mallory, Self.feed(Self.spoofTitles, link: "https://pages.example/"), clock: clock)
            #expect(spoof.imported?.refused.count == 2 && spoof.imported?.revised == 0)
            let logged = try StoryIngest.logged(storage)
            #expect(logged.map(\.title).sorted() == Self.outletTitles.sorted() && logged.allSatisfy { $0.rev == 1 })
        }

        @Test func articlesStoredBeforeFeedsOwnedThemStillTakeTheirFeedsRevisions() async throws {
            let (storage, path) = try StoryIngest.storage()
            let clock = TestClock()
            _ = try await Self.poll(storage, Self.outletURL, Self.feed(Self.outletTitles), clock: clock)
            // Back to the v4 schema, as a database written before articles had an origin.
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: """
                    ALTER TABLE article DROP COLUMN origin; DELETE FROM grdb_migrations WHERE identifier = 'v5-article-origin'
                    """)
            }
            let upgraded = try SQLiteFeedStorage(path: path)
            let origins = try await queue.read { db in try String?.fetchAll(db, sql: "SELECT origin FROM article") }
            #expect(origins == [nil, nil])
            // The outlet's own feed revises its stored articles and owns them from then on.
            let edited = ["Pilot boats return to the inner harbour at dawn", Self.outletTitles[1]]
            try upgraded.removeUpstreamFeed(url: Self.outletURL)
            let revision = try await Self.poll(upgraded, Self.outletURL, Self.feed(edited), clock: clock)
            #expect(revision.imported?.revised == 1 && revision.imported?.unchanged == 1)
            // The revised one is the feed's now; the unchanged one was not written and stays unowned.
            let owned = try await queue.read { db in try String?.fetchAll(db, sql: "SELECT origin FROM article") }
            #expect(owned.count == 2 && owned.compactMap { $0 } == [Self.outletURL])
        }
    }
}
