import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import PaperboyTesting
import Testing

extension NewsSyncTests {
    /// Whatever a server answers, a sync ends: an answer that cannot move it forward stops it with
    /// one line, and no run of answers gets more requests than the manifest's plan allows.
    @Suite struct NoProgress {
        static let base = URL(string: "http://feeds.paperboy.invalid")!

        static func sync(
            _ server: ScriptedServer, token: String? = nil, configure: (inout SyncOptions) -> Void = { _ in }
        ) async throws -> Result<SyncSummary, SyncError> {
            let clock = TestClock(sleepsAdvanceTheClock: true)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-progress-\(UUID().uuidString)/store.sqlite").path
            let store = try NewsStore(path: path, now: { clock.timestamp })
            var options = SyncOptions()
            options.clock = clock
            configure(&options)
            let engine = SyncEngine(store: store, transport: server, remote: SyncRemote(name: "main", baseURL: base, token: token), options: options)
            do {
                return .success(try await engine.sync())
            } catch {
                return .failure(error)
            }
        }

        static func path(_ request: HTTPRequest) -> String { request.url.path }

        @Test func aNotModifiedToAnUnconditionalManifestRequestStopsTheSync() async throws {
            let server = ScriptedServer { _ in .reply(status: 304) }
            let result = try await Self.sync(server)
            guard case let .failure(.noProgress(url, reason)) = result else {
                Issue.record("expected no progress, got \(result)")
                return
            }
            #expect(url.path == "/v1/manifest")
            #expect(reason == "304 Not Modified to a request sent without a validator")
            #expect(server.requests.count == 1)
            #expect(SyncError.noProgress(url: url, reason: reason).description
                == "the server made no progress at /v1/manifest: 304 Not Modified to a request sent without a validator; sync stopped, what it applied is kept")
        }

        @Test func aNotModifiedForAnOpenSegmentFetchedWithoutAValidatorStopsTheSync() async throws {
            let server = ScriptedServer { request in
                Self.path(request) == "/v1/manifest" ? .reply(status: 200, body: ScriptedServer.manifest(head: 5)) : .reply(status: 304)
            }
            let result = try await Self.sync(server)
            guard case let .failure(.noProgress(url, _)) = result else {
                Issue.record("expected no progress, got \(result)")
                return
            }
            #expect(url.path == "/v1/segments/0")
        }

        @Test func aFullStatePageThatLeavesTheCursorWhereItWasStopsTheSync() async throws {
            let page = try ScriptedServer.statePage(count: 2, stateSeq: 0)
            let server = ScriptedServer { request in
                Self.path(request) == "/v1/manifest" ? .reply(status: 200, body: ScriptedServer.manifest(head: 0)) : .reply(status: 200, body: page)
            }
            let result = try await Self.sync(server, token: "token") { $0.statePageSize = 2 }
            guard case let .failure(.noProgress(url, reason)) = result else {
                Issue.record("expected no progress, got \(result)")
                return
            }
            #expect(url.path == "/v1/state")
            #expect(reason == "a full page of state left the cursor at 0, not past 0")
        }

        @Test func aNotModifiedToAnUnconditionalStatePullStopsTheSync() async throws {
            let server = ScriptedServer { request in
                Self.path(request) == "/v1/manifest" ? .reply(status: 200, body: ScriptedServer.manifest(head: 0)) : .reply(status: 304)
            }
            let result = try await Self.sync(server, token: "token")
            guard case let .failure(.noProgress(url, _)) = result else {
                Issue.record("expected no progress, got \(result)")
                return
            }
            #expect(url.path == "/v1/state")
        }

        @Test func stateThatNeverEndsIsCutAtThePlanTheLogAllows() async throws {
            // Each page is full and moves the cursor on by one, forever: more state than a log of 4
            // changes can have (at most one record per article).
            let counter = PageCounter()
            let server = ScriptedServer { request in
                switch Self.path(request) {
                case "/v1/manifest": return .reply(status: 200, body: ScriptedServer.manifest(head: 4, segmentSize: 4))
                case "/v1/segments/0": return .reply(status: 200, body: ScriptedServer.segment(1...4))
                default: break
                }
                let n = counter.next()
                return .reply(status: 200, body: (try? ScriptedServer.statePage(count: 2, stateSeq: Int64(n), first: 2 * n)) ?? Data())
            }
            let result = try await Self.sync(server, token: "token") { $0.statePageSize = 2 }
            guard case let .failure(.requestLimit(remote, requests)) = result else {
                Issue.record("expected the request limit, got \(result)")
                return
            }
            // Manifest reads (6) and the one sealed segment plus the open one (2), then head/limit + 2
            // state pages (4), each with all 6 attempts.
            #expect(remote == "main" && requests == (6 + 2 + 4) * 6)
            #expect(server.requests.count == requests)
            #expect(SyncError.requestLimit(remote: "main", requests: 72).description
                == "sync with 'main' stopped after 72 requests, more than the server's manifest calls for; what it applied is kept")
        }

        @Test func aLogThatNeverEndsIsFetchedAtMostTheSegmentCapPerSync() async throws {
            let server = ScriptedServer { request in
                let path = Self.path(request)
                guard path.hasPrefix("/v1/segments/"), let index = Int64(path.dropFirst("/v1/segments/".count)) else {
                    return .reply(status: 200, body: ScriptedServer.manifest(head: 1_000_000_000_000, segmentSize: 1))
                }
                return .reply(status: 200, body: ScriptedServer.segment((index + 1)...(index + 1)))
            }
            let result = try await Self.sync(server) { $0.maxSegmentsPerSync = 25 }
            let summary = try result.get()
            #expect(summary.cursor == 25)
            #expect(server.requests.count == 26)
            #expect(SyncOptions().maxSegmentsPerSync == 10_000)
        }
    }
}

/// Numbers the pages a scripted server hands out.
final class PageCounter: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
