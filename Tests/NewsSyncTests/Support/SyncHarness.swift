import CurlTransport
import FeedServer
import Foundation
import HTTPTransport
import Logging
import NewsModels
import NewsStore
import NewsSync
import PaperboyTesting
import Testing
import URLSessionTransport

/// The HTTP stacks the sync engine is tested over: libcurl (Linux) and URLSession (Apple platforms,
/// FoundationNetworking on Linux).
enum ClientTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case curl, urlSession
    var testDescription: String { rawValue }
}

/// An in-process feed server on loopback plus helpers to fill it and compare stores against it.
///
/// Stores and engines made here run on `clock`, which only the test moves. Engines send through a
/// `StallAwareTransport`, so a stall the server injects ends the request when the server announces it.
final class SyncHarness: Sendable {
    let storage: SQLiteFeedStorage
    let server: BackgroundFeedServer
    /// The plain libcurl transport.
    let transport: CurlTransport
    /// The transport engines made here send through.
    let client: ClientTransport
    private let urlSession: URLSessionTransport
    let folder: URL
    let segmentSize: Int64
    let clock = TestClock(sleepsAdvanceTheClock: true)
    /// Stalls the server announced, and the requests they end.
    let stalls: StallSignals

    /// A server with `segmentSize`, misbehaving as `faults` says; the plain transport gives up on a
    /// silent response after `stallTimeout` (engines do not wait for it: see `stalls`).
    static func start(
        segmentSize: Int64 = 10, faults: FaultInjection? = nil, stallTimeout: Duration = .seconds(30), client: ClientTransport = .curl,
        configure: (inout FeedServerConfiguration) -> Void = { _ in }
    ) async throws -> SyncHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newssync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let storage = try SQLiteFeedStorage(path: folder.appendingPathComponent("server.sqlite").path)
        var configuration = FeedServerConfiguration()
        configuration.segmentSize = segmentSize
        configuration.stateRequestsPerSecond = 0
        configuration.faultInjection = faults
        configure(&configuration)
        let stalls = StallSignals()
        let logger = Logger(label: "newssync-test") { _ in FaultAnnouncementLogHandler(signals: stalls) }
        let server = try await BackgroundFeedServer.start(storage: storage, configuration: configuration, logger: logger)
        var transportConfiguration = CurlTransport.Configuration()
        transportConfiguration.stallTimeout = stallTimeout
        transportConfiguration.addressPolicy = .anyAddress  // the server under test listens on loopback
        var sessionConfiguration = URLSessionTransport.Configuration()
        sessionConfiguration.stallTimeout = stallTimeout
        sessionConfiguration.refuseLiteralPrivateAddresses = false  // the server under test listens on loopback
        return SyncHarness(
            storage: storage, server: server, transport: try CurlTransport(configuration: transportConfiguration),
            client: client, urlSession: URLSessionTransport(configuration: sessionConfiguration),
            folder: folder, segmentSize: segmentSize, stalls: stalls)
    }

    private init(
        storage: SQLiteFeedStorage, server: BackgroundFeedServer, transport: CurlTransport, client: ClientTransport,
        urlSession: URLSessionTransport, folder: URL, segmentSize: Int64, stalls: StallSignals
    ) {
        self.storage = storage
        self.server = server
        self.transport = transport
        self.client = client
        self.urlSession = urlSession
        self.folder = folder
        self.segmentSize = segmentSize
        self.stalls = stalls
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(server.port)")! }

    /// A fresh client store in the harness folder, reading the harness clock as its wall clock.
    func makeStore(_ name: String = UUID().uuidString) throws -> NewsStore {
        let clock = self.clock
        return try NewsStore(path: folder.appendingPathComponent("\(name).sqlite").path, now: { clock.timestamp })
    }

    /// A device token for `user` (created on first use).
    func token(for user: String) throws -> String {
        if (try? storage.addUser(name: user)) != nil {}
        let token = DeviceToken.generate()
        try storage.addDeviceToken(userName: user, tokenHash: DeviceToken.hash(token), label: nil)
        return token
    }

    /// Options for engines here: retries wait on the harness clock (no real time) and try a little
    /// longer than the default, since a third of requests may fail.
    var fast: SyncOptions {
        var options = SyncOptions()
        options.clock = clock
        options.maxAttempts = 8
        return options
    }

    func engine(_ store: NewsStore, token: String? = nil, options: SyncOptions? = nil) -> SyncEngine {
        let inner: any HTTPTransport = client == .curl ? transport : urlSession
        return SyncEngine(
            store: store, transport: StallAwareTransport(inner: inner, signals: stalls, stallTimeout: transport.configuration.stallTimeout),
            remote: SyncRemote(name: "main", baseURL: baseURL, token: token), options: options ?? fast)
    }

    /// The server's live set (article id → rev): the latest snapshot, if any, plus the log after it.
    func liveSet() throws -> [String: Int] {
        let bounds = try storage.logBounds()
        var live: [String: Int] = [:]
        if let snapshot = bounds.snapshot {
            for chunk in 0..<snapshot.chunks {
                let body = try storage.snapshotChunk(seq: snapshot.seq, chunk: chunk) ?? Data()
                for case let .put(_, article) in try NewsJSON.decodeLines(Change.self, from: body) { live[article.id] = article.rev }
            }
        }
        let from = (bounds.snapshot?.seq ?? 0) + 1
        guard bounds.head >= from else { return live }
        for line in try storage.logLines(in: from...bounds.head) {
            switch try NewsJSON.decode(Change.self, from: line) {
            case let .put(_, article): live[article.id] = article.rev
            case let .del(_, id, _): live[id] = nil
            }
        }
        return live
    }
}

enum Corpus {
    static let tide = Source(id: "tide-gazette.example", name: "Tide Gazette")

    static func article(_ index: Int, title: String? = nil) -> Article {
        Article(
            id: "tide-\(index)", source: tide, title: title ?? "Harbour notice \(index)",
            publishedAt: Timestamp(epochMilliseconds: 1_763_700_000_000 + Int64(index) * 60_000, offsetMinutes: 0),
            blocks: [.paragraph(text: "Notice \(index): the slipway closes for repairs at dawn.", citations: [])])
    }

    static func articles(_ range: ClosedRange<Int>) -> [Article] { range.map { article($0) } }
}
