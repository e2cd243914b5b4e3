#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value that only one thread at a time may read or change, guarded by a pthread mutex.
///
/// `Synchronization.Mutex` would express the same thing, but on Linux it locks with raw futex calls
/// that ThreadSanitizer cannot see, so every access it guards is reported as a race and
/// `swift test --sanitize=thread` becomes useless. ThreadSanitizer intercepts pthread mutexes, so
/// this lock keeps the race detector meaningful. The state is reachable only inside `withLock`,
/// which is what makes the `@unchecked Sendable` true.
final class LockedState<State: Sendable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    init(_ initial: State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        state = initial
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
