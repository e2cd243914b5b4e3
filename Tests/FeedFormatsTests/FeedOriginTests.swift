import FeedFormats
import Foundation
import NewsModels
import Testing

extension FeedFormatsTests {
    /// The outlet a feed's articles are filed under is bound to where the feed came from.
    @Suite struct FeedOriginBinding {
        static let lantern = Source(id: "marsh-lantern.example", name: "Marsh Lantern")
        static let document = Data(FeedFormatsTests.feed(
            #"{"id": "ml-1", "title": "Ferry moves", "date_published": "2025-04-12T08:30:00Z", "content_text": "Two crossings move."}"#).utf8)

        @Test func aHostSpeaksForItsOwnDomainAndItsParentsOnly() {
            #expect(FeedOrigin.url("https://www.marsh-lantern.example/feed.json").mayClaim("marsh-lantern.example"))
            #expect(FeedOrigin.url("https://feeds.marsh-lantern.example/rss").mayClaim("marsh-lantern.example"))
            #expect(FeedOrigin.url("http://MARSH-LANTERN.example.:8080/rss").mayClaim("marsh-lantern.example"))
            #expect(!FeedOrigin.url("https://spoof.example/feed.json").mayClaim("marsh-lantern.example"))
            #expect(!FeedOrigin.url("https://marsh-lantern.example.spoof.example/feed").mayClaim("marsh-lantern.example"))
            #expect(!FeedOrigin.url("https://evilmarsh-lantern.example/feed").mayClaim("marsh-lantern.example"))
            // A bare top-level name is no outlet: a host may not claim `example` for every host under it.
            #expect(!FeedOrigin.url("https://spoof.example/feed").mayClaim("example"))
            #expect(!FeedOrigin.file("lantern.json").mayClaim("marsh-lantern.example"))
        }

        @Test func anOriginsOwnKeyNamesTheSubscriptionAndNeverADomain() {
            #expect(FeedOrigin.url("https://www.Spoof.example/a/feed.xml?edition=uk#top").key == "spoof.example/a/feed.xml?edition=uk")
            #expect(FeedOrigin.url("http://127.0.0.1:8080/feed").key == "127.0.0.1:8080/feed")
            #expect(FeedOrigin.url("https://spoof.example").key == "spoof.example/")
            #expect(FeedOrigin.file("harbour.json").key == "file:harbour.json")
            let bound = FeedOrigin.url("https://spoof.example/feed.json").bind(Self.lantern)
            #expect(bound == Source(id: "spoof.example/feed.json", name: "Marsh Lantern", domain: "spoof.example", url: "https://spoof.example/feed.json"))
            #expect(FeedOrigin.url("https://spoof.example/feed.json").bind(bound) == bound)
            #expect(FeedOrigin.url("https://marsh-lantern.example/feed.json").bind(Self.lantern) == Self.lantern)
        }

        @Test func aFeedFromItsOwnHostKeepsTheIdsItAlwaysHad() throws {
            let unbound = try FeedDocument.parseFeed(Self.document)
            let own = try FeedDocument.parseFeed(Self.document, origin: .url("https://marsh-lantern.example/feed.json"))
            #expect(own == unbound)
            #expect(own.articles.first?.id == FeedArticleID.make(sourceID: "marsh-lantern.example", itemKey: "ml-1"))
            #expect(own.claimedIDs.isEmpty)
        }

        @Test func aFeedClaimingAnotherHostsOutletIsFiledUnderItsOrigin() throws {
            for origin in [FeedOrigin.url("https://spoof.example/feed.json"), .file("lantern.json")] {
                let result = try FeedDocument.parseFeed(Self.document, origin: origin)
                let article = try #require(result.articles.first)
                #expect(result.source.id == origin.key && article.source.id == origin.key && article.source.name == "Marsh Lantern")
                #expect(article.id == FeedArticleID.make(sourceID: origin.key, itemKey: "ml-1"))
                #expect(result.claimedIDs == [article.id: FeedArticleID.make(sourceID: "marsh-lantern.example", itemKey: "ml-1")])
            }
            // A source the caller vouches for still wins over the origin.
            let declared = try FeedDocument.parseFeed(Self.document, source: Self.lantern, origin: .file("lantern.json"))
            #expect(declared.articles.first?.source == Self.lantern)
        }
    }
}
