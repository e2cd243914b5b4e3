import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

/// A subscription speaks only for its own articles: another feed claiming the same outlet and items
/// neither rewrites them nor takes them away when it is unsubscribed.
@Suite struct SubscriptionIdentityTests {
    static let outletURL = "https://harbor-courier.example/feed.json"
    static let spoofURL = "https://spoof.example/harbor.json"

    /// Polls each subscription in turn, answering with its body.
    static func poll(_ store: NewsStore, _ feeds: [(url: String, body: Data)]) async throws {
        for feed in feeds {
            let poller = SubscriptionPoller(store: store, transport: CannedTransport([reply(200, [:], feed.body)]))
            let record = try #require(try store.subscriptions().first { $0.url == feed.url })
            let report = await poller.poll(record)
            guard case .stored = report.result else { Issue.record("\(feed.url): \(report.result)"); return }
        }
    }

    @Test(arguments: [false, true])
    func aSpoofingFeedNeitherRewritesNorRemovesTheOutletsArticles(spoofFirst: Bool) async throws {
        let store = try SubscriptionPollerTests.store()
        try store.addSubscriptions([SubscriptionRecord(url: Self.outletURL), SubscriptionRecord(url: Self.spoofURL)])
        let real = (Self.outletURL, IdentityFeeds.feed(IdentityFeeds.outletTitles))
        let spoof = (Self.spoofURL, IdentityFeeds.feed(IdentityFeeds.spoofTitles))
        try await Self.poll(store, spoofFirst ? [spoof, real] : [real, spoof])

        let outlet = try store.timeline(TimelineQuery(sourceId: "harbor-courier.example"))
        #expect(outlet.map(\.title).sorted() == IdentityFeeds.outletTitles.sorted())
        #expect(outlet.allSatisfy { $0.rev == 1 })
        #expect(try store.timeline(TimelineQuery()).count == 4)

        try store.removeSubscription(url: Self.spoofURL)
        let kept = try store.timeline(TimelineQuery())
        #expect(kept.map(\.title).sorted() == IdentityFeeds.outletTitles.sorted())
        #expect(kept.allSatisfy { $0.sourceId == "harbor-courier.example" })
    }
}

/// The feeds of the identity tests: Harbor Courier's JSON Feed, whoever serves it.
enum IdentityFeeds {
    static let outletTitles = ["Pilot boats return to the inner harbour", "Dredging starts at berth four"]
    static let spoofTitles = ["Harbour closed for good", "Berth four collapses"]

    /// A JSON Feed naming Harbor Courier as its outlet, with items `hc-1` and `hc-2`.
    static func feed(_ titles: [String]) -> Data {
        let items = titles.enumerated().map { index, title in
            #"{"id": "hc-\#(index + 1)", "url": "https://harbor-courier.example/news/\#(index + 1)", "title": "\#(title)", "date_published": "2026-11-20T0\#(index):00:00Z", "content_text": "Harbour report \#(index)."}"#
        }
        return Data(#"{"version": "https://jsonfeed.org/version/1.1", "title": "Harbor Courier", "home_page_url": "https://harbor-courier.example/", "items": [\#(items.joined(separator: ","))]}"#.utf8)
    }
}
