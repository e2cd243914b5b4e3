import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

/// Articles from feeds followed directly get their stories on the client, joining a server's stories.
@Suite struct SubscriptionStoryTests {
    static let summitDay = "2026-11-19T09:00:00Z"

    static func jsonFeed(_ items: [(id: String, title: String, text: String, date: String)]) -> Data {
        let encoded = items.map { item in
            #"{"id": "\#(item.id)", "title": "\#(item.title)", "content_text": "\#(item.text)", "date_published": "\#(item.date)"}"#
        }
        return Data(#"{"version": "https://jsonfeed.org/version/1.1", "title": "Quayside Post", "home_page_url": "https://quayside.example/", "items": [\#(encoded.joined(separator: ","))]}"#.utf8)
    }

    @Test func aFeedArticleJoinsTheServersStoryAndOthersOpenTheirOwn() async throws {
        let store = try SubscriptionPollerTests.store()
        // The server grouped one outlet's report of a harbour strike into a story.
        let server = Article(
            id: "server-strike", url: "https://dockside-daily.example/strike", source: Source(id: "dockside-daily.example", name: "Dockside Daily"),
            storyId: "story-harbour-strike", title: "Port of Vellmouth dockworkers strike over night shifts",
            publishedAt: Timestamp(rfc3339: Self.summitDay)!,
            blocks: [.paragraph(text: "Dockworkers at the Port of Vellmouth walked out on Wednesday after the Vellmouth Harbour Board extended night shifts, union leader Amara Osei said.")])
        try store.apply([.put(seq: 1, article: server)], remote: "https://server.example", cursor: 1)

        try store.addSubscriptions([SubscriptionRecord(url: "https://quayside.example/feed.json")])
        let feed = Self.jsonFeed([
            ("q-strike", "Vellmouth dockworkers stay out as Harbour Board talks stall",
             "The strike at the Port of Vellmouth entered its second day as union leader Amara Osei rejected the Vellmouth Harbour Board offer on night shifts.",
             "2026-11-20T10:00:00Z"),
            ("q-bakery", "Old mill bakery wins regional bread prize",
             "A family bakery in the restored Corran mill won the regional sourdough prize on Thursday, its third award in five years.",
             "2026-11-20T11:00:00Z"),
        ])
        let poller = SubscriptionPoller(store: store, transport: CannedTransport([reply(200, [:], feed)]))
        _ = try await poller.pollAll()

        // Feed article ids are hashes of the item's id, so they are found by title.
        let stories = Dictionary(uniqueKeysWithValues: try store.timeline(TimelineQuery(limit: 10)).map { ($0.title, $0.storyId) })
        #expect(stories["Vellmouth dockworkers stay out as Harbour Board talks stall"] == "story-harbour-strike")
        let bakery = try #require(stories["Old mill bakery wins regional bread prize"])
        #expect(bakery != nil && bakery != "story-harbour-strike")
        // Both show up as stories a reader can open.
        let summaries = try store.storySummaries(limit: 10)
        #expect(summaries.first { $0.story.id == "story-harbour-strike" }?.story.articleCount == 2)
        #expect(summaries.count == 2)
    }

    @Test func aLaterFeedArticleLinkingTwoStoriesMovesTheStoredOnes() async throws {
        let store = try SubscriptionPollerTests.store()
        try store.addSubscriptions([SubscriptionRecord(url: "https://quayside.example/feed.json")])
        let quay = ("quay", "Storm floods Harwick quay, ferries halted",
                    "A spring storm pushed seawater over the quay at Harwick on Tuesday morning, halting every ferry to the Corran islands. Harbour master Ilse Brandt said the pontoons would stay shut until engineers had checked the moorings.",
                    "2026-11-17T08:00:00Z")
        let shelter = ("shelter", "Corran islanders stranded as council opens emergency shelter",
                       "Islanders stranded on the mainland slept in a school hall that Harwick council opened as an emergency shelter on Tuesday night. Council leader Omar Siddiqui promised hot meals and said buses would take residents home once crossings resume.",
                       "2026-11-17T18:00:00Z")
        let link = ("link", "Harwick ferries still halted after storm floods quay; islanders in council shelter",
                    "Ferries to the Corran islands stayed halted on Wednesday after Tuesday's storm flooded the Harwick quay, harbour master Ilse Brandt said. Stranded islanders spent the night in an emergency shelter the council opened, council leader Omar Siddiqui said.",
                    "2026-11-18T07:00:00Z")
        let poller = SubscriptionPoller(store: store, transport: CannedTransport([
            reply(200, [:], Self.jsonFeed([quay, shelter])), reply(200, [:], Self.jsonFeed([link, quay, shelter])),
        ]))
        _ = try await poller.pollAll()
        func stories() throws -> [String: String?] {
            Dictionary(uniqueKeysWithValues: try store.timeline(TimelineQuery(limit: 10)).map { ($0.title, $0.storyId) })
        }
        let first = try stories()
        let quayStory = try #require(first[quay.1] ?? nil)
        #expect(first[shelter.1] != quayStory, "the two reports alone are too far apart to join")

        _ = try await poller.pollAll()
        let second = try stories()
        #expect(second[link.1] == quayStory)
        #expect(second[shelter.1] == quayStory, "the stored report of the merged story moved")
        // A move is not an edit: the moved article keeps its revision, and its stored JSON agrees.
        let moved = try #require(try store.timeline(TimelineQuery(limit: 10)).first { $0.title == shelter.1 })
        #expect(moved.rev == 1)
        #expect(try store.articles(inStory: quayStory).map(\.storyId) == [quayStory, quayStory, quayStory])
        #expect(try store.storySummaries(limit: 10).filter { $0.story.articleCount > 0 }.count == 1)
    }
}
