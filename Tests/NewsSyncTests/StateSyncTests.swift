import FeedServer
import Foundation
import HTTPTransport
import NewsModels
import NewsStore
import NewsSync
import Testing

extension NewsSyncTests {
    /// State: the journal goes up, state comes down, and two devices converge.
    @Suite struct State {
        @Test(arguments: ClientTransport.allCases) func twoClientsOfOneUserConvergeAfterConflictingOfflineChanges(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...6))
            let phone = try harness.makeStore("phone")
            let laptop = try harness.makeStore("laptop")
            let phoneSync = harness.engine(phone, token: try harness.token(for: "ada"))
            let laptopSync = harness.engine(laptop, token: try harness.token(for: "ada"))
            _ = try await phoneSync.sync()
            _ = try await laptopSync.sync()

            // Offline, in this order on the stores' shared clock: the laptop stars 1 and reads 2; then
            // the phone unstars 1 and marks 2 unread (newer); then the laptop reads 3 (newest).
            try laptop.set(.starred, to: true, articleIds: ["tide-1"])
            try laptop.set(.read, to: true, articleIds: ["tide-2"])
            harness.clock.advance(by: .milliseconds(5))
            try phone.set(.starred, to: false, articleIds: ["tide-1"])
            try phone.set(.read, to: false, articleIds: ["tide-2"])
            harness.clock.advance(by: .milliseconds(5))
            try laptop.set(.read, to: true, articleIds: ["tide-3"])

            // The phone (holding the newer changes for 1 and 2) syncs last: newer wins both ways.
            let laptopPush = try await laptopSync.sync()
            #expect(laptopPush.statePushed == 3)
            let phonePush = try await phoneSync.sync()
            #expect(phonePush.statePushed == 2 && phonePush.statePulled >= 1)
            _ = try await laptopSync.sync()

            for store in [phone, laptop] {
                #expect(try store.state(articleId: "tide-1").starred?.value == false)
                #expect(try store.state(articleId: "tide-2").read?.value == false)
                #expect(try store.state(articleId: "tide-3").read?.value == true)
                #expect(try store.pendingMutations().isEmpty)
            }
            // Nothing left to say: an idle sync with a token is two 304s.
            let idle = try await phoneSync.sync()
            #expect(idle.requests == 2 && idle.statePushed == 0 && idle.statePulled == 0)
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func pagesCutShortByTheServersByteLimitAreAllPulledInOneSync(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client) { $0.maxStatePageBytes = 2_000 }
            _ = try harness.storage.importArticles(Corpus.articles(1...20))
            let phone = try harness.makeStore("phone")
            let laptop = try harness.makeStore("laptop")
            let laptopSync = harness.engine(laptop, token: try harness.token(for: "ada"))
            _ = try await laptopSync.sync()
            try laptop.set(.read, to: true, articleIds: (1...20).map { "tide-\($0)" })
            _ = try await laptopSync.sync()
            let pulled = try await harness.engine(phone, token: try harness.token(for: "ada")).sync()
            #expect(pulled.statePulled == 20)
            #expect(try (1...20).allSatisfy { try phone.state(articleId: "tide-\($0)").read?.value == true })
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func aPullNeverUndoesALocalChangeStillInFlight(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...3))
            let phone = try harness.makeStore("phone")
            let laptop = try harness.makeStore("laptop")
            let phoneSync = harness.engine(phone, token: try harness.token(for: "ada"))
            let laptopSync = harness.engine(laptop, token: try harness.token(for: "ada"))
            try laptop.set(.read, to: true, articleIds: ["tide-1"])
            _ = try await laptopSync.sync()
            harness.clock.advance(by: .milliseconds(5))
            // The phone marks it unread before ever hearing of the laptop's read.
            try phone.set(.read, to: false, articleIds: ["tide-1"])
            _ = try await phoneSync.sync()
            #expect(try phone.state(articleId: "tide-1").read?.value == false)
            _ = try await laptopSync.sync()
            #expect(try laptop.state(articleId: "tide-1").read?.value == false)
            await harness.stop()
        }

        @Test(arguments: ClientTransport.allCases) func aRevokedTokenStopsTheSyncWithAClearError(over client: ClientTransport) async throws {
            let harness = try await SyncHarness.start(client: client)
            _ = try harness.storage.importArticles(Corpus.articles(1...3))
            let token = try harness.token(for: "ada")
            _ = try harness.storage.revokeDeviceToken(tokenHash: DeviceToken.hash(token))
            let store = try harness.makeStore()
            try store.set(.starred, to: true, articleIds: ["tide-1"])
            await #expect {
                _ = try await harness.engine(store, token: token).sync()
            } throws: { error in
                guard let error = error as? SyncError, case .unauthorized = error else { return false }
                // It names the remote and the problem; the fix in a front end's words is the front end's.
                return error.description.contains("'main'") && !error.description.contains("paperboy ")
            }
            // Content still arrived, and the change waits in the journal for a good token.
            #expect(try store.articleRevisions(remote: "main").count == 3)
            #expect(try store.pendingMutations().count == 1)
            await harness.stop()
        }
    }
}
