import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads outside Swift's cooperative pool for work that blocks or runs long: SQLite, feed parsing,
/// story grouping and compression.
///
/// The cooperative pool has one thread per core; one synchronous SQLite write or a hostile feed on it
/// stalls every request in the process. Each lane is its own dispatch queue or thread, so a long job
/// in one (a two-minute parse, a cache warm-up) never queues a request's read behind it.
struct Offload: Sendable {
    private let submit: @Sendable (@escaping @Sendable () -> Void) -> Void

    private init(queue: DispatchQueue) {
        submit = { queue.async(execute: $0) }
    }

    /// A lane on its own thread at a lower scheduling priority, so its jobs take only the cores that
    /// requests leave idle (dispatch threads are shared between queues, so they cannot be reniced).
    private init(backgroundThread name: String) {
        let thread = WorkerThread(name: name)
        submit = { thread.enqueue($0) }
    }

    /// Database reads (many at once: SQLite's WAL lets readers run beside the writer).
    static let reads = Offload(queue: DispatchQueue(label: "paperboy.reads", attributes: .concurrent))
    /// Database writes, one at a time as SQLite takes them; story grouping runs inside them.
    static let writes = Offload(queue: DispatchQueue(label: "paperboy.writes"))
    /// Compression a waiting request needs.
    static let encoding = Offload(queue: DispatchQueue(label: "paperboy.encoding", attributes: .concurrent))
    /// Checking app API passwords: bcrypt takes tens of milliseconds by design.
    static let passwords = Offload(queue: DispatchQueue(label: "paperboy.passwords", attributes: .concurrent))
    /// Compressing sealed bodies before anyone asks for them.
    static let warming = Offload(backgroundThread: "paperboy.warming")
    /// Parsing polled feeds, which an outlet controls and can make arbitrarily slow.
    static let parsing = Offload(backgroundThread: "paperboy.parsing")

    /// Runs `work` on this lane and returns its result to the awaiting task.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            submit { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Runs side-effect-free `work` on this lane, but stops waiting for it when the task is cancelled
    /// (the result is dropped): a shutdown need not wait minutes for a hostile feed's parse.
    func runAbandoningOnCancel<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let waiter = Waiter<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard waiter.set(continuation) else { return }
                submit { waiter.resume(with: Result { try work() }) }
            }
        } onCancel: {
            waiter.resume(with: .failure(CancellationError()))
        }
    }

    /// Runs non-throwing `work` on this lane.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            submit { continuation.resume(returning: work()) }
        }
    }
}

/// A continuation resumed once, by whichever comes first: the work's result or the task's cancellation.
private final class Waiter<T: Sendable>: @unchecked Sendable {
    // @unchecked: every mutable property is touched only under `lock`.
    private var continuation: CheckedContinuation<T, any Error>?
    private var cancelled = false
    private let lock = NSLock()

    /// Keeps `continuation`; false (having resumed it) when the task was cancelled already.
    func set(_ continuation: CheckedContinuation<T, any Error>) -> Bool {
        lock.lock()
        guard !cancelled else {
            lock.unlock()
            continuation.resume(throwing: CancellationError())
            return false
        }
        self.continuation = continuation
        lock.unlock()
        return true
    }

    func resume(with result: Result<T, any Error>) {
        lock.lock()
        if case .failure(let error) = result, error is CancellationError { cancelled = true }
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(with: result)
    }
}

/// One thread running jobs in order, at nice 10 on Linux (where threads are scheduled one by one).
private final class WorkerThread: @unchecked Sendable {
    // @unchecked: every mutable property is touched only under `condition`.
    private var jobs: [@Sendable () -> Void] = []
    private let condition = NSCondition()

    init(name: String) {
        let thread = Thread { [self] in
            Self.lowerPriority()
            while true { nextJob()() }
        }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func nextJob() -> @Sendable () -> Void {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty { condition.wait() }
        return jobs.removeFirst()
    }

    private static func lowerPriority() {
        #if os(Linux)
        // On Linux, `who` 0 names the calling thread, not the whole process.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
