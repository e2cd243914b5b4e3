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
        /// A stalled request stays silent until the server stops; a client ends it on its stall timeout
        /// (a plain transport) or when the server announces the stall (the harness's engines).
        static let stall = Duration.seconds(3600)

        @Test func eachInjectedFaultReachesTheClientAsTheFailureItImitates() async throws {
            // Every request of the first server gets a fault other than the stall, in turn; the client
            // waits 30 s for silence, so a slow answer on a loaded machine is never taken for a stall.
            var others = FaultInjection.Fault.allCases
            others.removeAll { $0 == .stall }
            let spoiled = try await SyncHarness.start(faults: FaultInjection(every: 1, faults: others, stall: Self.stall))
            var outcomes = try await Self.outcomes(of: others.count, from: spoiled)
            // The second server stalls every request until it stops, so a 1 s stall timeout always
            // ends in a stall, however slow the machine.
            let stalling = try await SyncHarness.start(
                faults: FaultInjection(every: 1, faults: [.stall], stall: Self.stall), stallTimeout: .seconds(1))
            outcomes.formUnion(try await Self.outcomes(of: 1, from: stalling))
            #expect(outcomes == ["status 500", "status 429 retry-after 1", "stalled", "truncated", "bad encoding", "malformed"])
            await spoiled.stop()
            await stalling.stop()
        }

        /// How `count` manifest requests to `harness` ended; then checks the server still answers.
        static func outcomes(of count: Int, from harness: SyncHarness) async throws -> Set<String> {
            _ = try harness.storage.importArticles(Corpus.articles(1...5))
            var outcomes: Set<String> = []
            for _ in 0..<count {
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
            #expect(try await harness.transport.send(HTTPRequest(url: harness.baseURL.appendingPathComponent("healthz"))).head.status == 200)
            return outcomes
        }

        @Test func syncsConvergeDespiteFaultsOnAThirdOfRequests() async throws {
            let harness = try await SyncHarness.start(segmentSize: 7, faults: FaultInjection(every: 3, stall: Self.stall))
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
            // The sixth request is always stalled (every third is spoiled; the stall is the third fault).
            #expect(harness.stalls.count >= 1)
            // Every retry waited on the harness clock, within the backoff's bounds or as asked.
            #expect(harness.clock.sleeps.count == retries.count)
            #expect(harness.clock.sleeps.allSatisfy { $0 >= .milliseconds(125) && $0 <= .seconds(20) })
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
