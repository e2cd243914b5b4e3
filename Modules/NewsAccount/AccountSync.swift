import FeedPolling
import Foundation
import HTTPTransport
import NewsStore
import NewsSync

/// Progress of `NewsAccount.sync`, in the order things happen.
public enum AccountSyncEvent: Sendable {
    /// Another sync holds the store; this one waits for it.
    case waitingForLock
    /// A remote's sync begins.
    case remoteStarted(String)
    /// Progress inside a remote's sync.
    case remote(String, SyncEvent)
    /// A remote's sync ended, in `elapsed` on the account's clock.
    case remoteFinished(String, Result<SyncSummary, SyncError>, elapsed: Duration)
    /// Polling `count` followed feeds begins.
    case feedsStarted(count: Int)
    /// One feed's poll ended.
    case feed(SubscriptionPollReport)
    /// Every feed was polled (or the sync stopped), in `elapsed`.
    case feedsFinished([SubscriptionPollReport], elapsed: Duration)
}

/// Why a sync ended before it had done everything.
public enum SyncStop: Sendable, Hashable {
    /// It did everything it was asked to.
    case completed
    /// It reached its deadline; the next sync resumes where it stopped.
    case deadline
    /// Its task was cancelled; the next sync resumes where it stopped.
    case cancelled
}

/// What one `NewsAccount.sync` did.
public struct AccountSyncReport: Sendable {
    /// Each remote synced, in order, with its outcome.
    public var remotes: [(name: String, result: Result<SyncSummary, SyncError>)] = []
    /// Each feed polled, in subscription order.
    public var feeds: [SubscriptionPollReport] = []
    /// Remotes and feeds the sync never reached because it stopped.
    public var skipped = 0
    /// Whether the sync did everything, or why not.
    public var stop = SyncStop.completed

    /// Whether any remote failed for a reason other than the stop.
    public var anyRemoteFailed: Bool {
        remotes.contains {
            switch $0.result {
            case .success, .failure(.cancelled): false
            case .failure: true
            }
        }
    }
}

extension NewsAccount {
    /// Syncs every remote (or only `remote`), then every followed feed (when `feeds`), reporting progress to `onEvent`. One remote or feed failing does not stop
    /// the others; the report says how each went. Cancelling the calling task stops the sync
    /// cleanly: what was applied is kept and the next sync resumes there.
    ///
    /// Throws when nothing could start: the lock (`syncInProgress` when `waitForLock` is false),
    /// a named remote that does not exist, nothing to sync, or the store.
    public func sync(
        remote: String? = nil, feeds: Bool = true, waitForLock: Bool = true,
        onEvent: @escaping @Sendable (AccountSyncEvent) -> Void = { _ in }
    ) async throws(AccountError) -> AccountSyncReport {
        try await sync(remote: remote, feeds: feeds, waitForLock: waitForLock, within: nil, onEvent: onEvent)
    }

    /// Syncs as `sync(remote:feeds:waitForLock:onEvent:)`, stopping cleanly at `deadline` (an iOS
    /// background refresh gets about 30 seconds): the report's `stop` is then `.deadline`, and the
    /// next sync carries on from the stored cursors.
    public func sync(
        until deadline: ContinuousClock.Instant, remote: String? = nil, feeds: Bool = true, waitForLock: Bool = true,
        onEvent: @escaping @Sendable (AccountSyncEvent) -> Void = { _ in }
    ) async throws(AccountError) -> AccountSyncReport {
        let budget = ContinuousClock.now.duration(to: deadline)
        return try await sync(remote: remote, feeds: feeds, waitForLock: waitForLock, within: max(budget, .zero), onEvent: onEvent)
    }

    /// Syncs for at most `budget` on the account's clock (nil: no limit).
    public func sync(
        remote: String? = nil, feeds: Bool = true, waitForLock: Bool = true, within budget: Duration?,
        onEvent: @escaping @Sendable (AccountSyncEvent) -> Void = { _ in }
    ) async throws(AccountError) -> AccountSyncReport {
        let holder: any SyncLockHolder
        if let free = try syncLock.tryAcquire() {
            holder = free
        } else {
            guard waitForLock else { throw .syncInProgress }
            onEvent(.waitingForLock)
            holder = try await syncLock.acquire()
        }
        defer { holder.release() }
        let plan = try syncPlan(remote: remote, feeds: feeds)
        let transports = try self.transports.get()
        guard let budget else { return await run(plan, transports: transports, onEvent: onEvent) }
        let deadlineReached = DeadlineFlag()
        let clock = self.clock
        return await withTaskGroup(of: AccountSyncReport?.self) { group in
            group.addTask { await self.run(plan, transports: transports, onEvent: onEvent) }
            group.addTask {
                do { try await clock.sleep(for: budget) } catch { return nil }
                deadlineReached.set()
                return nil
            }
            var report = AccountSyncReport()
            for await finished in group {
                if let finished {
                    report = finished
                    group.cancelAll()
                } else if deadlineReached.isSet {
                    group.cancelAll()
                }
            }
            if deadlineReached.isSet && report.stop != .completed { report.stop = .deadline }
            return report
        }
    }

    /// Runs the sync as an async sequence of events; the sequence ends when the sync does, and
    /// ending the iteration early cancels it.
    public func syncEvents(remote: String? = nil, feeds: Bool = true, within budget: Duration? = nil) -> AsyncThrowingStream<AccountSyncEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    _ = try await self.sync(remote: remote, feeds: feeds, within: budget) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private struct SyncPlan: Sendable {
        var remotes: [(record: RemoteRecord, token: String?)]
        var feeds: [SubscriptionRecord]
    }

    private func syncPlan(remote: String?, feeds: Bool) throws(AccountError) -> SyncPlan {
        let remotes = try storeCall { store throws(StoreError) in try store.remotes() }.filter { remote == nil || $0.name == remote }
        if let remote, remotes.isEmpty { throw .noSuchRemote(remote) }
        let subscriptions = feeds ? try storeCall { store throws(StoreError) in try store.subscriptions() } : []
        guard !remotes.isEmpty || !subscriptions.isEmpty else { throw .nothingToSync }
        var planned: [(record: RemoteRecord, token: String?)] = []
        for record in remotes { planned.append((record, try credentials.token(forRemote: record.name))) }
        return SyncPlan(remotes: planned, feeds: subscriptions)
    }

    private func run(_ plan: SyncPlan, transports: AccountTransports.Pair, onEvent: @escaping @Sendable (AccountSyncEvent) -> Void) async -> AccountSyncReport {
        var report = AccountSyncReport()
        for (record, token) in plan.remotes {
            guard !Task.isCancelled else {
                report.skipped += 1
                continue
            }
            guard let url = URL(string: record.url) else { continue }
            let name = record.name
            let engine = SyncEngine(
                store: store, transport: transports.remotes, remote: SyncRemote(name: name, baseURL: url, token: token), options: syncOptions)
            onEvent(.remoteStarted(name))
            let (result, elapsed) = await measured { () async -> Result<SyncSummary, SyncError> in
                do throws(SyncError) {
                    return .success(try await engine.sync { onEvent(.remote(name, $0)) })
                } catch {
                    return .failure(error)
                }
            }
            onEvent(.remoteFinished(name, result, elapsed: elapsed))
            report.remotes.append((name, result))
        }
        if !plan.feeds.isEmpty {
            if Task.isCancelled {
                report.skipped += plan.feeds.count
            } else {
                report.feeds = await poll(plan.feeds, transport: transports.feeds, onEvent: onEvent)
                report.skipped += plan.feeds.count - report.feeds.count
            }
        }
        if Task.isCancelled { report.stop = .cancelled }
        return report
    }

    /// Polls `feeds`; once the task is cancelled, feeds not yet started are left for the next sync.
    private func poll(_ feeds: [SubscriptionRecord], transport: any HTTPTransport, onEvent: @escaping @Sendable (AccountSyncEvent) -> Void) async -> [SubscriptionPollReport] {
        onEvent(.feedsStarted(count: feeds.count))
        let poller = SubscriptionPoller(store: store, transport: transport)
        let (polled, elapsed) = await measured { () async -> [SubscriptionPollReport] in
            let reports = await PollBatch.run(feeds, width: poller.concurrency, { record -> SubscriptionPollReport? in
                if Task.isCancelled { return nil }
                return await poller.poll(record)
            }, finished: { report in if let report { onEvent(.feed(report)) } })
            return reports.compactMap { $0 }
        }
        onEvent(.feedsFinished(polled, elapsed: elapsed))
        return polled
    }

    /// Runs `body`, timing it on the account's clock.
    private func measured<T>(_ body: () async -> T) async -> (T, Duration) {
        var value: T?
        let elapsed = await clock.measure { value = await body() }
        // `measure` ran `body` to the end, so `value` is set.
        return (value!, elapsed)
    }
}

/// Set once, when a sync's deadline passes.
private final class DeadlineFlag: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

