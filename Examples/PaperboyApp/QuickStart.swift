import Foundation
import NewsAccount
import NewsStore
import URLSessionTransport

/// The README's "Building an app on the core", compiled with the example app (and run by its
/// tests) so the README's code cannot rot. Returns how many articles are unread at the end.
public func quickStart(folder: URL, server: String, token: String, feed: String? = nil) async throws -> Int {
    let account = try NewsAccount(
        storePath: folder.appendingPathComponent("news.sqlite").path,
        // Your own server wherever it is; feeds from the open web only (no private IP literals).
        transports: AccountTransports(remotes: URLSessionTransport(configuration: .anyAddress), feeds: URLSessionTransport()),
        credentials: MemoryCredentialStore(),  // a Keychain-backed CredentialStore in a shipping app
        syncLock: ProcessSyncLock())
    try account.addRemote(name: "home", url: server, token: token)
    if let feed { _ = try await account.subscribe(url: feed) }  // fetched once now, then on every sync

    // A background refresh gets about 30 seconds; a sync cut short resumes next time.
    let report = try await account.sync(until: .now + .seconds(30)) { event in
        if case let .remoteFinished(name, .success(summary), _) = event { print("\(name): \(summary.inserted) new") }
    }
    print(report.stop == .completed ? "up to date" : "more next time")

    // A list view iterates this: the unread timeline now, and again after every sync or mark.
    for try await unread in account.store.timelineUpdates(TimelineQuery(unreadOnly: true)) {
        guard let newest = unread.first else { return 0 }
        _ = try account.store.set(.read, to: true, articleIds: [newest.id])  // offline; sent next sync
        return unread.count - 1
    }
    return 0
}
