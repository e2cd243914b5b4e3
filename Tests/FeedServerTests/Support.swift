import CurlTransport
@testable import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsModels
import Testing

/// A feed server running in this process on an ephemeral loopback port, with a client for it.
final class RunningServer: Sendable {
    let port: Int
    let storage: SQLiteFeedStorage
    let transport: CurlTransport
    private let background: BackgroundFeedServer
    private let folder: URL

    static func start(
        segmentSize: Int64 = 4, articles: [Article] = [], configure: (inout FeedServerConfiguration) -> Void = { _ in }
    ) async throws -> RunningServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedserver-\(UUID().uuidString)")
        let storage = try SQLiteFeedStorage(path: folder.appendingPathComponent("server.sqlite").path)
        if !articles.isEmpty { _ = try storage.importArticles(articles) }
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = segmentSize
        configuration.maxStatePageSize = 50
        configure(&configuration)
        var logger = Logger(label: "feedserver-test")
        logger.logLevel = .critical
        let background = try await BackgroundFeedServer.start(storage: storage, configuration: configuration, logger: logger)
        var client = CurlTransport.Configuration()
        client.addressPolicy = .anyAddress  // the server under test listens on loopback
        return RunningServer(
            port: background.port, storage: storage, background: background, folder: folder,
            transport: try CurlTransport(configuration: client))
    }
    private init(port: Int, storage: SQLiteFeedStorage, background: BackgroundFeedServer, folder: URL, transport: CurlTransport) {
        self.port = port
        self.storage = storage
        self.background = background
        self.folder = folder
        self.transport = transport
    }

    /// The server's body cache warmer (and through it, the cache).
    var warmer: CacheWarmer { background.warmer }

    func stop() async {
        await background.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    func get(_ path: String, token: String? = nil, headers: HTTPHeaders = HTTPHeaders()) async throws -> HTTPResponse {
        var request = HTTPRequest(url: url(path), headers: headers)
        if let token { request.headers["Authorization"] = "Bearer \(token)" }
        return try await transport.send(request)
    }

    func post(_ path: String, token: String?, json: String) async throws -> HTTPResponse {
        var request = HTTPRequest(method: .post, url: url(path), headers: ["Content-Type": "application/json"], body: Data(json.utf8))
        if let token { request.headers["Authorization"] = "Bearer \(token)" }
        return try await transport.send(request)
    }

    /// Creates a user and returns a fresh device token for them.
    func addUser(_ name: String) throws -> String {
        _ = try storage.addUser(name: name)
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: name, tokenHash: DeviceToken.hash(token), label: nil)
        return token
    }
}

enum Fixture {
    static let source = Source(id: "tide-gazette.example", name: "Tide Gazette")
    static let other = Source(id: "quay-ledger.example", name: "Quay Ledger")

    static func article(_ index: Int, source: Source = source, title: String? = nil) -> Article {
        Article(
            id: "tide-\(index)", source: source, title: title ?? "Ferry timetable change \(index)",
            publishedAt: Timestamp(epochMilliseconds: 1_763_700_000_000 + Int64(index) * 60_000, offsetMinutes: 60),
            blocks: [.paragraph(text: "The north pier ferry leaves at \(index) past the hour from Monday.", citations: [])])
    }

    static func problem(_ response: HTTPResponse) throws -> Problem {
        #expect(response.headers["Content-Type"] == "application/problem+json")
        return try NewsJSON.decode(Problem.self, from: response.body)
    }
}
