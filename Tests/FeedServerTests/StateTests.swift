import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import Testing
import PaperboyTesting

extension FeedServerTests {
    /// Per-user state: authentication, isolation, idempotence and conflict rules (PROTOCOL.md §4).
    @Suite struct State {
        static func hlc(_ millis: Int64, _ node: String) -> String { HLC(wallMillis: millis, counter: 0, node: node).description }

        static func set(_ mid: Int, _ article: String, _ field: String, _ value: Bool, _ hlc: String) -> String {
            #"{"mid":\#(mid),"articleId":"\#(article)","field":"\#(field)","value":\#(value),"hlc":"\#(hlc)"}"#
        }

        static func batch(_ client: String, _ mutations: [String]) -> String {
            #"{"clientId":"\#(client)","mutations":[\#(mutations.joined(separator: ","))]}"#
        }

        static func page(_ response: HTTPResponse) throws -> StatePage {
            try NewsJSON.decode(StatePage.self, from: response.body)
        }

        @Test func missingOrRevokedTokensAreRefused() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)])
            let token = try server.addUser("alice")
            let none = try await server.get("/v1/state")
            #expect(none.status == 401)
            #expect(none.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
            #expect(try Fixture.problem(none).status == 401)
            #expect(try await server.get("/v1/state", token: "pb_not-a-real-token").status == 401)
            #expect(try await server.get("/v1/state", token: token).status == 200)
            #expect(try server.storage.revokeDeviceToken(tokenHash: DeviceToken.hash(token)))
            #expect(try await server.get("/v1/state", token: token).status == 401)
            let write = try await server.post("/v1/state/mutations", token: token, json: Self.batch("c", []))
            #expect(write.status == 401)
            await server.stop()
        }

        @Test func usersSeeOnlyTheirOwnState() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)])
            let alice = try server.addUser("alice")
            let bob = try server.addUser("bob")
            let ack = try await server.post(
                "/v1/state/mutations", token: alice, json: Self.batch("alice-phone", [Self.set(1, "tide-1", "starred", true, Self.hlc(1_000, "alice-phone"))]))
            #expect(ack.status == 200)
            #expect(ack.headers["Cache-Control"] == "private, no-cache")
            let alicePage = try Self.page(try await server.get("/v1/state", token: alice))
            #expect(alicePage.changes.map(\.articleId) == ["tide-1"])
            #expect(alicePage.changes.first?.isStarred == true)
            let bobPage = try Self.page(try await server.get("/v1/state", token: bob))
            #expect(bobPage.changes.isEmpty && bobPage.stateSeq == 0)
            // Bob's mutation with the same client id and mid touches only Bob's state.
            _ = try await server.post(
                "/v1/state/mutations", token: bob, json: Self.batch("alice-phone", [Self.set(1, "tide-1", "starred", false, Self.hlc(2_000, "x"))]))
            let aliceAfter = try Self.page(try await server.get("/v1/state", token: alice))
            #expect(aliceAfter.changes.first?.isStarred == true)
            await server.stop()
        }

        @Test func replayingABatchChangesNothing() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1), Fixture.article(2)])
            let token = try server.addUser("alice")
            let body = Self.batch("laptop", [
                Self.set(1, "tide-1", "read", true, Self.hlc(1_000, "laptop")),
                Self.set(2, "tide-2", "starred", true, Self.hlc(1_001, "laptop")),
                Self.set(3, "no-such-article", "read", true, Self.hlc(1_002, "laptop")),
            ])
            let first = try NewsJSON.decode(StateMutationAck.self, from: try await server.post("/v1/state/mutations", token: token, json: body).body)
            #expect(first.appliedMid == 3)  // the unknown article is acknowledged, not blocking
            let before = try await server.get("/v1/state", token: token)
            let second = try NewsJSON.decode(StateMutationAck.self, from: try await server.post("/v1/state/mutations", token: token, json: body).body)
            #expect(second.appliedMid == 3)
            #expect(second.hlc > first.hlc)
            let after = try await server.get("/v1/state", token: token)
            #expect(after.body == before.body)
            let etag = try #require(after.headers["ETag"])
            #expect(try await server.get("/v1/state", token: token, headers: ["If-None-Match": etag]).status == 304)
            await server.stop()
        }

        @Test func newerClockWinsWhateverTheArrivalOrder() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)])
            let token = try server.addUser("alice")
            let older = Self.batch("phone", [Self.set(1, "tide-1", "read", true, Self.hlc(5_000, "phone"))])
            let newer = Self.batch("laptop", [Self.set(1, "tide-1", "read", false, Self.hlc(6_000, "laptop"))])
            // The newer change arrives first; the older one must not overwrite it.
            _ = try await server.post("/v1/state/mutations", token: token, json: newer)
            _ = try await server.post("/v1/state/mutations", token: token, json: older)
            let page = try Self.page(try await server.get("/v1/state", token: token))
            #expect(page.changes.first?.read?.value == false)
            #expect(page.changes.first?.read?.hlc.node == "laptop")
            await server.stop()
        }

        @Test func clientClocksAheadOfTheServersAreClampedToItsInjectedTime() async throws {
            let clock = TestClock()
            let server = try await RunningServer.start(articles: [Fixture.article(1)]) { $0.now = { clock.timestamp } }
            let token = try server.addUser("alice")
            let now = clock.timestamp.epochMilliseconds
            let ahead = Self.batch("phone", [Self.set(1, "tide-1", "read", true, Self.hlc(now + 3_600_000, "phone"))])
            let response = try await server.post("/v1/state/mutations", token: token, json: ahead)
            let ack = try NewsJSON.decode(StateMutationAck.self, from: response.body)
            // Stored at most 60 s ahead of the server's time, and the ack comes right after it.
            let stored = try #require(try Self.page(try await server.get("/v1/state", token: token)).changes.first?.read?.hlc)
            #expect(stored.wallMillis == now + 60_000)
            #expect(ack.hlc > stored && ack.hlc.wallMillis == now + 60_000)
            await server.stop()
        }

        @Test func markReadUpToLeavesLaterArticlesUnread() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1), Fixture.article(2), Fixture.article(3, source: Fixture.other)])
            let token = try server.addUser("alice")
            _ = try server.storage.importArticles([Fixture.article(4)])
            let body = Self.batch("phone", [
                #"{"mid":1,"op":"markReadUpTo","seq":3,"hlc":"\#(Self.hlc(9_000, "phone"))"}"#,
                Self.set(2, "tide-2", "read", false, Self.hlc(9_500, "phone")),
            ])
            #expect(try await server.post("/v1/state/mutations", token: token, json: body).status == 200)
            let states = Dictionary(uniqueKeysWithValues: try Self.page(try await server.get("/v1/state", token: token)).changes.map { ($0.articleId, $0) })
            #expect(states["tide-1"]?.isRead == true)
            #expect(states["tide-2"]?.isRead == false)  // the later per-article "unread" wins
            #expect(states["tide-3"]?.isRead == true)
            #expect(states["tide-4"] == nil)  // arrived after seq 3
            await server.stop()
        }

        @Test func badBatchesAreProblems() async throws {
            let server = try await RunningServer.start(articles: [Fixture.article(1)])
            let token = try server.addUser("alice")
            let malformed = try await server.post("/v1/state/mutations", token: token, json: #"{"clientId":"c","mutations":[{"mid":0}]}"#)
            #expect(malformed.status == 400)
            #expect(try Fixture.problem(malformed).detail?.contains("mid") == true)
            let badAfter = try await server.get("/v1/state?after=minus", token: token)
            #expect(badAfter.status == 400)
            #expect(try Fixture.problem(badAfter).detail?.hasPrefix("after:") == true)
            let tooMany = try await server.get("/v1/state?limit=100000", token: token)
            #expect(tooMany.status == 400)
            await server.stop()
        }
    }
}
