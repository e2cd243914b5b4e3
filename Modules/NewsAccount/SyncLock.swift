import Foundation

/// One sync per store at a time. On Linux (and any POSIX system) `FileSyncLock` is an exclusive
/// `flock` on a file beside the store; an app whose syncs all run in one process may use
/// `ProcessSyncLock`.
public protocol SyncLock: Sendable {
    /// Takes the lock when it is free; nil when another holder has it.
    func tryAcquire() throws(AccountError) -> (any SyncLockHolder)?
    /// Waits until the lock is free, then takes it.
    func acquire() async throws(AccountError) -> any SyncLockHolder
}

/// A held sync lock.
public protocol SyncLockHolder: Sendable {
    /// Gives the lock back.
    func release()
}

/// A lock shared by the accounts of one process, for platforms where every sync runs in the app.
public final class ProcessSyncLock: SyncLock, @unchecked Sendable {
    // @unchecked: `held` and `waiters` are only touched under `lock`.
    private let lock = NSLock()
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A free lock.
    public init() {}

    /// Takes the lock when it is free.
    public func tryAcquire() throws(AccountError) -> (any SyncLockHolder)? {
        lock.withLock {
            if held { return nil }
            held = true
            return Holder(owner: self)
        }
    }

    /// Waits for the lock in turn.
    public func acquire() async throws(AccountError) -> any SyncLockHolder {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = lock.withLock {
                if held {
                    waiters.append(continuation)
                    return false
                }
                held = true
                return true
            }
            if free { continuation.resume() }
        }
        return Holder(owner: self)
    }

    private func handOver() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiters.isEmpty {
                held = false
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }

    private final class Holder: SyncLockHolder {
        let owner: ProcessSyncLock
        init(owner: ProcessSyncLock) { self.owner = owner }
        func release() { owner.handOver() }
    }
}
