import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

/// Wraps a transport and spoils every third request in turn: 500, 429 with Retry-After, a stall, a
/// truncated body, a corrupt encoding, and a 200 whose JSON is cut in half.
final class FaultyTransport: HTTPTransport, @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var count = 0

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func stream(_ request: HTTPRequest) async throws(HTTPError) -> HTTPStreamingResponse {
        try await inner.stream(request)
    }

    func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let number = lock.withLock {
            count += 1
            return count
        }
        guard number % 3 == 0 else { return try await inner.send(request) }
        let head = { (status: Int, headers: HTTPHeaders) in
            HTTPResponseHead(status: status, headers: headers, url: request.url, version: .http1_1)
        }
        switch (number / 3) % 6 {
        case 0: return HTTPResponse(head: head(500, [:]), body: Data("boom".utf8))
        case 1: return HTTPResponse(head: head(429, ["Retry-After": "1"]), body: Data())
        case 2: throw .timedOut(.stalled, after: .seconds(30))
        case 3: throw .truncatedBody(received: 10, expected: 100)
        case 4: throw .network(detail: "corrupt gzip stream")
        default:
            let real = try await inner.send(request)
            guard real.head.status == 200, real.body.count > 4 else { return real }
            return HTTPResponse(head: real.head, body: real.body.prefix(real.body.count / 2))
        }
    }
}

extension NewsSyncTests {
    /// Failures on a third of requests: syncs retry and converge, nothing lost or duplicated.
    @Suite struct Faults {
        @Test func syncsConvergeDespiteFaultsOnEveryThirdRequest() async throws {
            let harness = try await SyncHarness.start(segmentSize: 7)
            _ = try harness.storage.importArticles(Corpus.articles(1...60))
            let store = try harness.makeStore()
            let token = try harness.token(for: "ada")
            let faulty = FaultyTransport(harness.transport)
            let engine = harness.engine(store, token: token, transport: faulty)
            let retries = RetryLog()
            try store.set(.starred, to: true, articleIds: ["tide-9", "tide-10"])

            _ = try await engine.sync { if case .retrying = $0 { retries.add() } }
            _ = try harness.storage.importArticles(Corpus.articles(61...75) + [Corpus.article(4, title: "Harbour notice 4, again")])
            _ = try harness.storage.deleteArticle(id: "tide-5", reason: .retracted)
            _ = try harness.storage.compact(policy: CompactionPolicy(segmentSize: 7, keepSince: nil, articlesPerChunk: 9))
            _ = try harness.storage.importArticles(Corpus.articles(76...80))
            for _ in 0..<3 { _ = try await engine.sync { if case .retrying = $0 { retries.add() } } }

            #expect(retries.count > 5)
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())
            #expect(try store.pendingMutations().isEmpty)
            let clean = try harness.makeStore()
            _ = try await harness.engine(clean, token: token).sync()
            #expect(try clean.state(articleId: "tide-9").starred?.value == true)
            #expect(try store.integrityCheck().isEmpty)
            await harness.stop()
        }
    }
}

/// Counts retry events from the sync's callback.
final class RetryLog: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var value = 0
    func add() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}
