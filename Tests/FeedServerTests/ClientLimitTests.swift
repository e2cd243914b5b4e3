@testable import FeedServer
import Foundation
import GRDB
import HTTPTransport
import NewsModels
import PaperboyTesting
import Testing

extension FeedServerTests {
    /// Bounds on what one client can make the server store or send back (PROTOCOL.md §5).
    @Suite struct ClientLimits {
        typealias State = FeedServerTests.State

        static func markAll(_ mid: Int, seq: Int, source: String? = nil, _ hlc: String) -> String {
            let source = source.map { #","sourceId":"\#($0)""# } ?? ""
            return #"{"mid":\#(mid),"op":"markReadUpTo","seq":\#(seq)\#(source),"hlc":"\#(hlc)"}"#
        }

        /// The stored state rows of every user, and their total bytes.
        static func stateBytes(_ storage: SQLiteFeedStorage) throws -> Int {
            try storage.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT IFNULL(SUM(LENGTH(articleId) + LENGTH(IFNULL(readHLC, '')) + LENGTH(IFNULL(starredHLC, ''))), 0) FROM article_state") ?? 0
            }
        }

        /// Every client id the server keeps a last mutation id for, in order.
        static func clientIds(_ storage: SQLiteFeedStorage) throws -> [String] {
            try storage.pool.read { try String.fetchAll($0, sql: "SELECT clientId FROM client_mid ORDER BY clientId") }
        }

        @Test func oversizedClientFieldsAreRefusedNamingTheFieldAndStoreNothing() async throws {
            let server = try await RunningServer.start(articles: (1...5).map { Fixture.article($0) })
            let token = try server.addUser("alice")
            let bigNode = String(repeating: "n", count: 20_000)
            let cases: [(body: String, field: String)] = [
                (State.batch("phone", [Self.markAll(1, seq: 5, State.hlc(1_000, bigNode))]), "mutations[0].hlc"),
                (State.batch("phone", [State.set(1, "tide-1", "read", true, State.hlc(1_000, "phone")),
                                       State.set(2, "tide-2", "read", true, State.hlc(1_001, "ph one"))]), "mutations[1].hlc"),
                (State.batch(String(repeating: "c", count: 65), []), "clientId"),
                (State.batch("phone\\u0000x", []), "clientId"),
                (State.batch("phone", [State.set(1, String(repeating: "a", count: 257), "read", true, State.hlc(1_000, "phone"))]),
                 "mutations[0].articleId"),
                (State.batch("phone", [Self.markAll(1, seq: 5, source: String(repeating: "s", count: 257), State.hlc(1_000, "phone"))]),
                 "mutations[0].sourceId"),
                (State.batch("phone", [Self.markAll(1, seq: -1, State.hlc(1_000, "phone"))]), "mutations[0].seq"),
            ]
            for (body, field) in cases {
                let response = try await server.post("/v1/state/mutations", token: token, json: body)
                #expect(response.status == 400, "\(field)")
                let detail = try Fixture.problem(response).detail ?? ""
                #expect(detail.hasPrefix(field + ":"), "\(detail)")
            }
            #expect(try Self.stateBytes(server.storage) == 0)
            #expect(try Self.clientIds(server.storage).isEmpty)
            // The largest of everything accepted goes through.
            let largest = State.batch(String(repeating: "c", count: 64), [
                State.set(1, "tide-1", "read", true, State.hlc(1_000, String(repeating: "N", count: 64))),
            ])
            #expect(try await server.post("/v1/state/mutations", token: token, json: largest).status == 200)
            await server.stop()
        }

        @Test func eachUserKeepsABoundedNumberOfClientsForgettingTheLongestIdle() async throws {
            let clock = TestClock()
            let server = try await RunningServer.start(articles: [Fixture.article(1)]) {
                $0.maxClientsPerUser = 3
                $0.now = { clock.timestamp }
            }
            let token = try server.addUser("alice")
            for (index, client) in ["a", "b", "c", "d", "e", "c"].enumerated() {
                clock.advance(by: .seconds(1))
                let body = State.batch(client, [State.set(index + 1, "tide-1", "read", index % 2 == 0, State.hlc(Int64(index + 1) * 1_000, client))])
                #expect(try await server.post("/v1/state/mutations", token: token, json: body).status == 200)
            }
            #expect(try Self.clientIds(server.storage) == ["c", "d", "e"])
            // A forgotten client that comes back with its old mutation applies it again: the newer
            // state stays, and it is acknowledged so its journal moves on.
            let before = try State.page(try await server.get("/v1/state", token: token)).changes
            let replay = try await server.post(
                "/v1/state/mutations", token: token, json: State.batch("a", [State.set(1, "tide-1", "read", true, State.hlc(1_000, "a"))]))
            #expect(try NewsJSON.decode(StateMutationAck.self, from: replay.body).appliedMid == 1)
            #expect(try State.page(try await server.get("/v1/state", token: token)).changes == before)
            await server.stop()
        }

        @Test func manyReadMarksInOneBatchWriteEachStateRowOnce() async throws {
            let articles = (1...20).map { Fixture.article($0, source: $0 % 2 == 0 ? Fixture.other : Fixture.source) }
            let server = try await RunningServer.start(articles: articles) { $0.stateRequestsPerSecond = 0 }
            let batched = try server.addUser("batched")
            let oneByOne = try server.addUser("one-by-one")
            // Marks whose clocks and seqs do not rise together, over both sources and all of them.
            var marks: [String] = []
            for index in 1...300 {
                let seq = (index * 7) % 23
                let source: String? = [nil, Fixture.source.id, Fixture.other.id][index % 3]
                marks.append(Self.markAll(index, seq: seq, source: source, State.hlc(Int64(10_000 + (index * 13) % 301), "phone")))
            }
            #expect(try await server.post("/v1/state/mutations", token: batched, json: State.batch("phone", marks)).status == 200)
            for mark in marks {
                #expect(try await server.post("/v1/state/mutations", token: oneByOne, json: State.batch("phone", [mark])).status == 200)
            }
            let batchedPage = try State.page(try await server.get("/v1/state?limit=50", token: batched))
            let separatePage = try State.page(try await server.get("/v1/state?limit=50", token: oneByOne))
            // Same outcome as one mark per request...
            let states = { (page: StatePage) in Dictionary(uniqueKeysWithValues: page.changes.map { ($0.articleId, $0.read) }) }
            #expect(states(batchedPage) == states(separatePage))
            #expect(batchedPage.changes.count == 20)
            // ...while the state sequence, which counts the rows a batch offers to write, grew by at
            // most one per article (one per article per mark, 6,000 here, before).
            #expect(batchedPage.stateSeq <= 20)
            await server.stop()
        }

        @Test func statePagesStayUnderTheByteLimitWhateverIsStored() async throws {
            let server = try await RunningServer.start(articles: (1...40).map { Fixture.article($0) }) {
                $0.maxStatePageBytes = 64 << 10
            }
            let token = try server.addUser("alice")
            let userId = try #require(try server.storage.userId(forTokenHash: DeviceToken.hash(token)))
            // Rows as an older server stored them, before client fields were bounded: 20 KB clocks.
            let node = String(repeating: "x", count: 20_000)
            let legacy = StateMutationBatch(clientId: "old", mutations: (1...40).map { index in
                .set(mid: Int64(index), articleId: "tide-\(index)", field: .read, value: true, hlc: HLC(wallMillis: 1_000, node: node))
            })
            _ = try server.storage.applyMutations(userId: userId, batch: legacy, keepingClients: 64, now: Timestamp.now())
            var after: Int64 = 0
            var seen: [String] = []
            while true {
                let response = try await server.get("/v1/state?after=\(after)", token: token)
                #expect(response.body.count <= 64 << 10)
                let page = try State.page(response)
                seen += page.changes.map(\.articleId)
                guard page.more == true else { break }
                #expect(page.changes.count >= 1 && page.stateSeq > after)
                after = page.stateSeq
            }
            #expect(Set(seen).count == 40 && seen.count == 40)
            await server.stop()
        }

        @Test func stateStoredBeforeTheLimitsIsBroughtWithinThemOnUpgrade() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-\(UUID().uuidString).sqlite").path
            let queue = try DatabaseQueue(path: path)
            try SQLiteFeedStorage.migrator.migrate(queue, upTo: "v4-stories")
            let node = String(repeating: "x", count: 100_000)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO user (name, createdAt) VALUES ('alice', 0)")
                try db.execute(
                    sql: "INSERT INTO article_state (userId, articleId, read, readHLC, stateSeq) VALUES (1, 'tide-1', 1, ?, 1)",
                    arguments: ["0000000000005000-000007-" + node])
                try db.execute(sql: "INSERT INTO client_mid (userId, clientId, lastMid) VALUES (1, ?, 3), (1, 'phone', 4)", arguments: [node])
            }
            try queue.close()
            let storage = try SQLiteFeedStorage(path: path)
            let page = try storage.stateChanges(userId: 1, after: 0, limit: 10, maxBytes: 1 << 20)
            #expect(page.changes.first?.read == StateValue(value: true, hlc: HLC(wallMillis: 5_000, counter: 7, node: "legacy")))
            #expect(try Self.clientIds(storage) == ["phone"])
        }

        /// An id longer than a mark may carry would leave its read state stuck on every device, so
        /// import refuses it before storing anything.
        @Test func importedIdsAreNoLongerThanAMarkMayCarry() throws {
            let (storage, _) = try StoryIngest.storage()
            var long = Fixture.article(1)
            long.id = String(repeating: "x", count: ClientFieldLimits().articleIdBytes + 1)
            #expect(throws: FeedStorageError.idTooLong(field: "id", value: long.id, bytes: 257, limit: 256)) {
                try storage.importArticles([Fixture.article(2), long])
            }
            var farSource = Fixture.article(3)
            farSource.source.id = String(repeating: "s", count: 300)
            #expect(throws: FeedStorageError.self) { try storage.importArticles([farSource]) }
            #expect(try StoryIngest.logged(storage).isEmpty)
            #expect(try storage.importArticles([Fixture.article(2)]).added == 1)
        }
    }
}
