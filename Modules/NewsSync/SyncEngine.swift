import Foundation
import HTTPTransport
import NewsModels
import NewsStore

/// Syncs one store with one remote: content first, then state. Store work runs through
/// `NewsStore.perform`, off the cooperative pool; waits between retries run on `SyncOptions.clock`.
public final class SyncEngine: Sendable {
    private let store: NewsStore
    private let transport: any HTTPTransport
    private let remote: SyncRemote
    private let options: SyncOptions

    /// Creates an engine; nothing happens until `sync` or `events`.
    public init(store: NewsStore, transport: any HTTPTransport, remote: SyncRemote, options: SyncOptions = SyncOptions()) {
        self.store = store
        self.transport = transport
        self.remote = remote
        self.options = options
    }

    /// Runs one sync, reporting progress to `onEvent` (called from the syncing task, in order).
    public func sync(onEvent: @escaping @Sendable (SyncEvent) -> Void = { _ in }) async throws(SyncError) -> SyncSummary {
        let traffic = TrafficCounter()
        let client = RemoteClient(
            remote: remote, transport: transport, options: options, traffic: traffic,
            budget: RequestBudget(attempts: options.maxAttempts), events: onEvent)
        var summary = SyncSummary()
        do {
            try await ContentSync(client: client, store: store, options: options).run(&summary)
            if remote.token != nil {
                try await StateSync(client: client, store: store, options: options).run(&summary)
            }
            // Read by `paperboy status`; only a sync that got all the way through counts.
            let remote = remote.name
            try await store.perform { store throws(StoreError) in
                try store.setSyncValues([NewsStore.lastSyncKey: String(store.now().epochMilliseconds)], remote: remote)
            }
        } catch {
            throw Self.syncError(error)
        }
        (summary.requests, summary.bytes) = traffic.totals
        onEvent(.finished(summary))
        return summary
    }

    /// Runs one sync as an async sequence of events ending with `.finished`; cancelling the
    /// consuming task cancels the sync.
    public func events() -> AsyncThrowingStream<SyncEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    _ = try await self.sync { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private static func syncError(_ error: any Error) -> SyncError {
        switch error {
        case let error as SyncError: error
        case let error as StoreError: .store(error)
        case is CancellationError: .cancelled
        default: .malformed(url: URL(fileURLWithPath: "/"), reason: "\(error)")
        }
    }
}
