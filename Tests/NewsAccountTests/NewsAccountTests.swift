import Foundation
import HTTPTransport
import NewsAccount
import NewsModels
import NewsStore
import NewsSync
import PaperboyTesting
import Testing

@Suite struct NewsAccountTests {
    @Suite struct Syncing {
        @Test func syncsEveryRemoteWithItsTokenAndReportsEach() async throws {
            let harness = try await AccountHarness.start()
            _ = try harness.storage.importArticles(SampleArticles.ferryTimetables(1...25))
            let account = try harness.accountWithHome("phone", token: try harness.token(for: "ada"))
            let events = EventLog()
            let report = try await account.sync { events.append($0) }
            #expect(report.stop == .completed && !report.anyRemoteFailed && report.remotes.map(\.name) == ["home"])
            #expect(try account.store.articleRevisions(remote: "home") == harness.liveSet())
            #expect(events.names.first == "remoteStarted" && events.names.last == "remoteFinished")
            #expect(try account.hasToken(remote: "home"))
            await harness.stop()
        }

        @Test func aDeadlineStopsTheSyncCleanlyAndTheNextOneResumes() async throws {
            let harness = try await AccountHarness.start(segmentSize: 10)
            _ = try harness.storage.importArticles(SampleArticles.ferryTimetables(1...45))
            // Segments 0 and 1 arrive; from segment 2 on the network goes silent.
            let holding = HoldingTransport(inner: harness.transport, firstHeld: 2)
            let account = try harness.accountWithHome("tablet", transport: holding)
            let sync = Task { try await account.sync(within: .seconds(30)) }
            try await eventually("two segments applied and the sync waiting on a silent one") {
                try holding.held > 0 && harness.clock.sleeperCount > 0 && account.store.remoteStatuses().first?.cursor == 20
            }
            harness.clock.advance(by: .seconds(30))
            let report = try await sync.value
            #expect(report.stop == .deadline)
            #expect(try account.store.remoteStatuses().first?.cursor == 20, "the two segments that arrived stay applied")

            let resumed = try harness.account("tablet")
            let finished = try await resumed.sync(within: .seconds(30))
            #expect(finished.stop == .completed && !finished.anyRemoteFailed)
            #expect(try resumed.store.articleRevisions(remote: "home") == harness.liveSet())
            await harness.stop()
        }

        @Test func cancellingTheTaskStopsTheSyncAndKeepsWhatArrived() async throws {
            let harness = try await AccountHarness.start(segmentSize: 10)
            _ = try harness.storage.importArticles(SampleArticles.ferryTimetables(1...35))
            let holding = HoldingTransport(inner: harness.transport, firstHeld: 1)
            let account = try harness.accountWithHome("laptop", transport: holding)
            let sync = Task { try await account.sync() }
            try await eventually("one segment applied and the sync waiting on a silent one") {
                try holding.held > 0 && account.store.remoteStatuses().first?.cursor == 10
            }
            sync.cancel()
            let report = try await sync.value
            #expect(report.stop == .cancelled)
            #expect(try account.store.remoteStatuses().first?.cursor == 10)
            await harness.stop()
        }
    }

    @Suite struct Locking {
        @Test func aSecondSyncRefusesOrWaitsForTheFirst() async throws {
            let harness = try await AccountHarness.start()
            _ = try harness.storage.importArticles(SampleArticles.ferryTimetables(1...5))
            let account = try harness.accountWithHome("desk")
            let held = try #require(try account.syncLock.tryAcquire())
            await #expect(throws: AccountError.self) { try await account.sync(waitForLock: false) }
            let events = EventLog()
            let waiting = Task { try await account.sync { events.append($0) } }
            try await eventually("the second sync to wait for the lock") { events.names.first == "waitingForLock" }
            held.release()
            #expect(try await waiting.value.stop == .completed)
            await harness.stop()
        }
    }

    @Suite struct Managing {
        @Test func badNamesAddressesAndTokensAreRefusedBeforeAnythingIsStored() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsaccount-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let transport = CannedTransport([])  // nothing here reaches the network
            let account = try NewsAccount(
                storePath: folder + "/news.sqlite", transports: AccountTransports(remotes: transport, feeds: transport),
                credentials: MemoryCredentialStore(), syncLock: ProcessSyncLock())
            #expect(throws: AccountError.self) { try account.addRemote(name: "no spaces", url: "http://example.com") }
            #expect(throws: AccountError.self) { try account.addRemote(name: "home", url: "ftp://example.com") }
            #expect(throws: AccountError.self) { try account.addRemote(name: "home", url: "http://example.com", token: "two words") }
            #expect(try account.remotes().isEmpty)
            try account.addRemote(name: "home", url: "http://example.com", token: "pb_token")
            #expect(try account.hasToken(remote: "home"))
            try account.removeRemote(name: "home")
            #expect(try !account.hasToken(remote: "home") && account.remotes().isEmpty)
            do {
                try account.removeRemote(name: "home")
                Issue.record("removing a missing remote succeeded")
            } catch AccountError.noSuchRemote(let name) {
                #expect(name == "home")
            }
            do {
                _ = try account.unsubscribe(url: "https://lantern.example/feed.xml")
                Issue.record("unsubscribing a missing feed succeeded")
            } catch AccountError.store(.subscriptionNotFound) {}
        }

        @Test func fileCredentialsArePrivateAndAFolderOthersMayWriteIsRefused() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsaccount-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let credentials = FileCredentialStore(directory: folder + "/tokens")
            try credentials.setToken("pb_secret", forRemote: "home")
            let attributes = try FileManager.default.attributesOfItem(atPath: credentials.file(forRemote: "home"))
            #expect(attributes[.posixPermissions] as? Int == 0o600)
            #expect(try FileManager.default.attributesOfItem(atPath: folder + "/tokens")[.posixPermissions] as? Int == 0o700)
            #expect(try credentials.token(forRemote: "home") == "pb_secret")
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder + "/tokens")
            #expect(throws: AccountError.self) { try credentials.token(forRemote: "home") }
        }
    }
}

/// Events a sync reported, by case name.
final class EventLog: @unchecked Sendable {
    // @unchecked: `events` is only touched under `lock`.
    private let lock = NSLock()
    private var events: [AccountSyncEvent] = []

    func append(_ event: AccountSyncEvent) { lock.withLock { events.append(event) } }

    var names: [String] {
        lock.withLock { events.map { String(describing: $0).prefix { $0 != "(" }.description } }
    }
}
