import CurlTransport
import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsAccount
import NewsModels
import NewsStore
import PaperboyTesting

/// An in-process feed server on loopback and accounts that sync with it, on a clock only the test moves.
final class AccountHarness: Sendable {
    let storage: SQLiteFeedStorage
    let server: BackgroundFeedServer
    let folder: URL
    let transport: CurlTransport
    /// The accounts' clock: sleepers (a sync's deadline, retries) wait until the test advances it.
    let clock = TestClock()

    static func start(segmentSize: Int64 = 10) async throws -> AccountHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsaccount-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let storage = try SQLiteFeedStorage(path: folder.appendingPathComponent("server.sqlite").path)
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = segmentSize
        configuration.stateRequestsPerSecond = 0
        let server = try await BackgroundFeedServer.start(
            storage: storage, configuration: configuration, logger: Logger(label: "newsaccount-test") { _ in SwiftLogNoOpLogHandler() })
        var transportConfiguration = CurlTransport.Configuration()
        transportConfiguration.addressPolicy = .anyAddress  // the server under test listens on loopback
        return AccountHarness(storage: storage, server: server, folder: folder, transport: try CurlTransport(configuration: transportConfiguration))
    }

    private init(storage: SQLiteFeedStorage, server: BackgroundFeedServer, folder: URL, transport: CurlTransport) {
        self.storage = storage
        self.server = server
        self.folder = folder
        self.transport = transport
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var baseURL: String { "http://127.0.0.1:\(server.port)" }

    /// An account on a store named `name` in the harness folder, fetching through `transport`
    /// (the plain loopback transport unless given).
    func account(_ name: String, transport: (any HTTPTransport)? = nil) throws -> NewsAccount {
        let clock = self.clock
        let path = folder.appendingPathComponent("\(name)/news.sqlite").path
        let http = transport ?? self.transport
        return try NewsAccount(
            storePath: path, transports: AccountTransports(remotes: http, feeds: http),
            credentials: FileCredentialStore(directory: folder.appendingPathComponent("\(name)/tokens").path),
            syncLock: FileSyncLock(storePath: path), clock: clock, now: { clock.timestamp })
    }

    /// An account as `account(_:transport:)` makes it, with the harness server added as remote "home".
    func accountWithHome(_ name: String, transport: (any HTTPTransport)? = nil, token: String? = nil) throws -> NewsAccount {
        let account = try self.account(name, transport: transport)
        try account.addRemote(name: "home", url: baseURL, token: token)
        return account
    }

    /// A device token for `user` (created on first use).
    func token(for user: String) throws -> String {
        if (try? storage.addUser(name: user)) != nil {}
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: user, tokenHash: DeviceToken.hash(token), label: nil)
        return token
    }

    /// The server's live set (article id → rev), read from its log (these tests never compact).
    func liveSet() throws -> [String: Int] {
        var live: [String: Int] = [:]
        let head = try storage.logBounds().head
        guard head > 0 else { return live }
        for line in try storage.logLines(in: 1...head) {
            switch try NewsJSON.decode(Change.self, from: line) {
            case let .put(_, article): live[article.id] = article.rev
            case let .del(_, id, _): live[id] = nil
            }
        }
        return live
    }
}

/// Passes requests through, except that segment requests at or past `firstHeld` wait until their
/// task is cancelled, as a connection that stops answering would; `held` counts those waiting.
final class HoldingTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: `waiting` is only touched under `lock`.
    let inner: any HTTPTransport
    let firstHeld: Int
    private let lock = NSLock()
    private var waiting = 0

    init(inner: any HTTPTransport, firstHeld: Int) {
        self.inner = inner
        self.firstHeld = firstHeld
    }

    var held: Int { lock.withLock { waiting } }

    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        if request.url.path.hasPrefix("/v1/segments/"), let index = Int(request.url.lastPathComponent), index >= firstHeld {
            lock.withLock { waiting += 1 }
            // Never resumes by itself; cancellation ends it.
            let stream = AsyncStream<Never> { _ in }
            for await _ in stream {}
            lock.withLock { waiting -= 1 }
            throw .cancelled
        }
        return try await inner.send(request)
    }

    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        try await inner.stream(request)
    }
}
