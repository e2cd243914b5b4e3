import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsAccount
import NewsModels
import NewsStore
import PaperboyApp
import PaperboyTesting
import Testing
import URLSessionTransport

/// The example app's life against an in-process paperboy-server, over URLSession: first launch, a
/// server and a feed, a refresh within a budget, the timeline changing, a mark made offline, and a
/// change another device made.
@Suite struct PaperboyAppTests {
    @Suite struct Life {
        @Test func firstLaunchToAChangeFromAnotherDevice() async throws {
            let server = try await AppServer.start()
            defer { server.removeFolder() }
            _ = try server.storage.importArticles(SampleArticles.ferryTimetables(1...4))
            let token = try server.token(for: "ada")
            let phone = try server.reader("phone")

            // First launch: nothing to show, nothing to sync.
            #expect(try phone.isFirstLaunch)
            let timeline = Latest(phone.timeline())
            let unread = Latest(phone.unreadCount())
            try await eventually("the empty first timeline") { timeline.value?.isEmpty == true }

            try phone.connect(server: server.baseURL, token: token)
            #expect(try await phone.follow(feed: AppServer.feedURL) == "The Tidewater Gazette")
            #expect(try !phone.isFirstLaunch)
            let feedArticles = try await eventually("the feed's articles", timeline) { $0.count > 0 }
            #expect(feedArticles.allSatisfy { $0.sourceId != SampleArticles.source.id }, "\(feedArticles.map(\.sourceId))")

            let refreshed = try await phone.refresh(within: .seconds(30))
            #expect(refreshed.complete && refreshed.failures.isEmpty, "\(refreshed.failures)")
            let all = try await eventually("the synced articles", timeline) { $0.contains { $0.id == "quay-4" } }
            try await eventually("every article unread") { unread.value == all.count }

            // Offline: read one; the badge drops at once, the server hears of it on the next refresh.
            try phone.markRead("quay-2")
            try await eventually("the unread count to drop") { unread.value == all.count - 1 }
            #expect(try await phone.refresh(within: .seconds(30)).complete)

            // Another device of the same user sees the mark, and stars an article.
            let tablet = try server.reader("tablet")
            try tablet.connect(server: server.baseURL, token: try server.token(for: "ada"))
            let tabletFirst = try await tablet.refresh(within: .seconds(30))
            #expect(tabletFirst.complete && tabletFirst.failures.isEmpty, "\(tabletFirst.failures)")
            #expect(try tablet.account.store.state(articleId: "quay-2").read?.value == true)
            try tablet.star("quay-3")
            let tabletSecond = try await tablet.refresh(within: .seconds(30))
            #expect(tabletSecond.complete && tabletSecond.failures.isEmpty, "\(tabletSecond.failures)")
            #expect(try tablet.account.store.pendingMutations().isEmpty, "the star was sent")

            let phoneLast = try await phone.refresh(within: .seconds(30))
            #expect(phoneLast.complete && phoneLast.failures.isEmpty, "\(phoneLast.failures)")
            #expect(try phone.account.store.state(articleId: "quay-3").starred?.value == true)
            _ = try await eventually("the star from the tablet", timeline) { $0.first { $0.id == "quay-3" }?.isStarred == true }
            timeline.stop()
            unread.stop()
            await server.stop()
        }

        @Test func theReadmeQuickStartRunsAgainstAServer() async throws {
            let server = try await AppServer.start()
            defer { server.removeFolder() }
            _ = try server.storage.importArticles(SampleArticles.ferryTimetables(1...3))
            let unread = try await quickStart(folder: server.folder.appendingPathComponent("readme"), server: server.baseURL, token: try server.token(for: "ada"))
            #expect(unread == 2)
            await server.stop()
        }
    }
}

/// A paperboy-server on loopback and readers on it.
final class AppServer: Sendable {
    let storage: SQLiteFeedStorage
    let server: BackgroundFeedServer
    let folder: URL
    let clock = TestClock()
    static let feedURL = "https://www.tidewater-gazette.example/feed.rss"

    static func start() async throws -> AppServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("paperboy-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let storage = try SQLiteFeedStorage(path: folder.appendingPathComponent("server.sqlite").path)
        var configuration = FeedServerConfiguration()
        configuration.stateRequestsPerSecond = 0
        let server = try await BackgroundFeedServer.start(
            storage: storage, configuration: configuration, logger: Logger(label: "paperboy-app-test") { _ in SwiftLogNoOpLogHandler() })
        return AppServer(storage: storage, server: server, folder: folder)
    }

    private init(storage: SQLiteFeedStorage, server: BackgroundFeedServer, folder: URL) {
        self.storage = storage
        self.server = server
        self.folder = folder
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    func stop() async { await server.stop() }

    func removeFolder() { try? FileManager.default.removeItem(at: folder) }

    /// A reader in its own folder: URLSession to the server on loopback (which the default refuses),
    /// and the repository's Tidewater Gazette fixture for the feed.
    func reader(_ name: String) throws -> ReaderModel {
        var configuration = URLSessionTransport.Configuration()
        configuration.refuseLiteralPrivateAddresses = false
        let clock = self.clock
        return try ReaderModel(
            folder: folder.appendingPathComponent(name), credentials: MemoryCredentialStore(),
            transports: AccountTransports(remotes: URLSessionTransport(configuration: configuration), feeds: FixtureFeed()),
            clock: clock, now: { clock.timestamp })
    }

    func token(for user: String) throws -> String {
        if (try? storage.addUser(name: user)) != nil {}
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: user, tokenHash: DeviceToken.hash(token), label: nil)
        return token
    }
}

/// Answers every request with the repository's Tidewater Gazette RSS fixture, read at run time.
struct FixtureFeed: HTTPTransport {
    static let body: Data = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? Data(contentsOf: repository.appendingPathComponent("Fixtures/feeds/tidewater-gazette-rss.xml"))) ?? Data()
    }()

    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        try await CannedTransport([.reply(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Self.body)]).send(request)
    }

    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        try await CannedTransport([.reply(status: 200, headers: ["Content-Type": "application/rss+xml"], body: Self.body)]).stream(request)
    }
}
