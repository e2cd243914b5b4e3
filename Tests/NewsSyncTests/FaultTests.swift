import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

extension NewsSyncTests {
    /// A server that spoils a third of requests (`serve --inject-faults 3`) over a real socket: syncs
    /// retry and converge, with nothing lost or duplicated.
    @Suite struct Faults {
        /// The server stalls for 6 s; the client gives up on silence after 3 s. With 1 s, answers
        /// delayed by the whole suite running under ThreadSanitizer on two cores were taken for
        /// stalls often enough to use up a request's attempts, and a sync ended before converging.
        static let faults = FaultInjection(every: 3, stall: .seconds(6))

        @Test func eachInjectedFaultReachesTheClientAsTheFailureItImitates() async throws {
            // A 3 s silence counts as a stall: with 1 s, a plain answer delayed by a loaded machine
            // (the whole suite runs in parallel on two cores) was once taken for the stall fault.
            let harness = try await SyncHarness.start(
                faults: FaultInjection(every: 1, stall: .seconds(6)), stallTimeout: .seconds(3))
            _ = try harness.storage.importArticles(Corpus.articles(1...5))
            var outcomes: Set<String> = []
            for _ in FaultInjection.Fault.allCases {
                do {
                    let response = try await harness.transport.send(HTTPRequest(url: harness.baseURL.appendingPathComponent("v1/manifest")))
                    if response.head.status == 200 {
                        outcomes.insert((try? NewsJSON.decode(Manifest.self, from: response.body)) == nil ? "malformed" : "intact")
                    } else {
                        outcomes.insert("status \(response.head.status)\(response.head.headers["Retry-After"].map { " retry-after \($0)" } ?? "")")
                    }
                } catch {
                    switch error {
                    case .timedOut(.stalled, _): outcomes.insert("stalled")
                    case .truncatedBody: outcomes.insert("truncated")
                    case .badContentEncoding: outcomes.insert("bad encoding")
                    default: outcomes.insert("other: \(error)")
                    }
                }
            }
            #expect(outcomes == ["status 500", "status 429 retry-after 1", "stalled", "truncated", "bad encoding", "malformed"])
            #expect(try await harness.transport.send(HTTPRequest(url: harness.baseURL.appendingPathComponent("healthz"))).head.status == 200)
            await harness.stop()
        }

        @Test func syncsConvergeDespiteFaultsOnAThirdOfRequests() async throws {
            let harness = try await SyncHarness.start(segmentSize: 7, faults: Self.faults, stallTimeout: .seconds(3))
            _ = try harness.storage.importArticles(Corpus.articles(1...60))
            let store = try harness.makeStore()
            let token = try harness.token(for: "ada")
            let engine = harness.engine(store, token: token)
            let retries = RetryLog()
            try store.set(.starred, to: true, articleIds: ["tide-9", "tide-10"])

            _ = try await engine.sync { if case .retrying = $0 { retries.add() } }
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())
            _ = try harness.storage.importArticles(Corpus.articles(61...75) + [Corpus.article(4, title: "Harbour notice 4, again")])
            _ = try harness.storage.deleteArticle(id: "tide-5", reason: .retracted)
            _ = try harness.storage.compact(policy: CompactionPolicy(segmentSize: 7, keepSince: nil, articlesPerChunk: 9))
            _ = try harness.storage.importArticles(Corpus.articles(76...80))
            try store.set(.read, to: true, articleIds: ["tide-1", "tide-2", "tide-3"])
            try store.set(.starred, to: false, articleIds: ["tide-9"])
            for _ in 0..<3 { _ = try await engine.sync { if case .retrying = $0 { retries.add() } } }

            #expect(retries.count > 5)
            #expect(try store.articleRevisions(remote: "main") == harness.liveSet())
            #expect(try store.article(id: "tide-4")?.article.rev == 2)
            #expect(try store.pendingMutations().isEmpty)
            // A second client, syncing without faults, sees exactly the state the first one sent.
            let clean = try harness.makeStore()
            _ = try await harness.engine(clean, token: token).sync()
            #expect(try clean.state(articleId: "tide-9").starred?.value == false)
            #expect(try clean.state(articleId: "tide-10").starred?.value == true)
            #expect(try clean.state(articleId: "tide-2").read?.value == true)
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
