import Foundation
import HTTPTransport
import NewsAccount
import NewsModels
import NewsStore
import NewsSync
import URLSessionTransport

/// A second front end on the core's public API alone: what an app's model layer holds. It opens the
/// account in the app's own folder, connects to a server, follows feeds, refreshes within a budget
/// (a background refresh's 30 seconds), marks articles and exposes the timeline as an async
/// sequence a list view iterates. No terminal, no libcurl, no argument parsing.
public final class ReaderModel: Sendable {
    /// The account the model drives.
    public let account: NewsAccount

    /// Opens the reader's account in `folder`: the store in `news.sqlite`, tokens in `credentials`
    /// (the Keychain in a shipping app), URLSession for every request unless `transports` says otherwise.
    public init(
        folder: URL, credentials: any CredentialStore, transports: AccountTransports? = nil,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Timestamp = { Timestamp.now() }
    ) throws(AccountError) {
        account = try NewsAccount(
            storePath: folder.appendingPathComponent("news.sqlite").path,
            transports: transports ?? AccountTransports(remotes: URLSessionTransport(configuration: .anyAddress), feeds: URLSessionTransport()),
            credentials: credentials, syncLock: ProcessSyncLock(), clock: clock, now: now)
    }

    /// Whether this is a first launch: nothing to sync yet.
    public var isFirstLaunch: Bool {
        get throws(AccountError) {
            guard try account.remotes().isEmpty else { return false }
            return try account.subscriptions().isEmpty
        }
    }

    /// Connects to the user's server as "home".
    public func connect(server: String, token: String) throws(AccountError) {
        try account.addRemote(name: "home", url: server, token: token)
    }

    /// Follows a feed; returns its title.
    public func follow(feed: String) async throws(AccountError) -> String? {
        try await account.subscribe(url: feed).title
    }

    /// Refreshes everything within `budget`; says whether it got through all of it.
    public func refresh(within budget: Duration) async throws(AccountError) -> RefreshOutcome {
        let report = try await account.sync(within: budget)
        let failures = report.remotes.compactMap { remote -> String? in
            switch remote.result {
            case .success, .failure(.cancelled): return nil
            case .failure(let error): return "\(remote.name): \(error)"
            }
        }
        return RefreshOutcome(complete: report.stop == .completed, failures: failures)
    }

    /// The newest articles, now and after every change, for a list view.
    public func timeline(unreadOnly: Bool = false) -> AsyncThrowingStream<[TimelineEntry], any Error> {
        account.store.timelineUpdates(TimelineQuery(unreadOnly: unreadOnly, limit: 100))
    }

    /// The unread count, now and after every change, for a badge.
    public func unreadCount() -> AsyncThrowingStream<Int, any Error> {
        let counts = account.store.countUpdates()
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await value in counts { continuation.yield(value.unread) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Marks an article read (or unread), offline; the next refresh sends it.
    public func markRead(_ articleId: String, _ read: Bool = true) throws(AccountError) {
        do { _ = try account.store.set(.read, to: read, articleIds: [articleId]) } catch { throw .store(error) }
    }

    /// Stars (or unstars) an article, offline.
    public func star(_ articleId: String, _ starred: Bool = true) throws(AccountError) {
        do { _ = try account.store.set(.starred, to: starred, articleIds: [articleId]) } catch { throw .store(error) }
    }
}

/// How a refresh went.
public struct RefreshOutcome: Sendable, Hashable {
    /// Whether everything was synced before the budget ran out.
    public var complete: Bool
    /// One line per remote that failed.
    public var failures: [String]
}
