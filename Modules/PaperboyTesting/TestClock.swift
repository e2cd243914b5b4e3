import Foundation
import NewsModels

/// A clock that moves only when a test moves it, so code that sleeps or stamps times runs the same
/// however fast the machine is.
///
/// Two ways to treat sleepers: by default a sleeper waits until `advance` passes its deadline (to
/// step a poller or a warmer one round at a time); with `sleepsAdvanceTheClock` a sleep moves the
/// clock to its deadline at once (retries and backoff then cost nothing). Every sleep is recorded.
public final class TestClock: Clock, @unchecked Sendable {
    // @unchecked: every mutable property is touched only under `lock`.

    /// A point on the clock: how far it has moved since it was made.
    public struct Instant: InstantProtocol {
        /// Time since the clock's start.
        public var offset: Duration

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `a` comes before `b`.
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Wall-clock milliseconds at the clock's start, for `timestamp`.
    public let epochMilliseconds: Int64
    /// Whether a sleep moves the clock to its deadline instead of waiting for `advance`.
    public let sleepsAdvanceTheClock: Bool
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var sleepers: [UUID: Sleeper] = [:]
    private var cancelled: Set<UUID> = []
    private var recordedSleeps: [Duration] = []

    /// A clock reading `epochMilliseconds` (a fixed day in November 2025) until moved.
    public init(epochMilliseconds: Int64 = 1_763_700_000_000, sleepsAdvanceTheClock: Bool = false) {
        self.epochMilliseconds = epochMilliseconds
        self.sleepsAdvanceTheClock = sleepsAdvanceTheClock
    }

    /// Where the clock stands.
    public var now: Instant { lock.withLock { current } }
    /// The clock is exact.
    public var minimumResolution: Duration { .zero }

    /// The wall-clock time the clock stands at, for `now: @Sendable () -> Timestamp` providers.
    public var timestamp: Timestamp {
        let offset = now.offset.components
        return Timestamp(
            epochMilliseconds: epochMilliseconds + offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000, offsetMinutes: 0)
    }

    /// Tasks asleep on the clock now.
    public var sleeperCount: Int { lock.withLock { sleepers.count } }

    /// Every wait asked of the clock, in order.
    public var sleeps: [Duration] { lock.withLock { recordedSleeps } }

    /// Sleeps until `deadline`: at once when the clock is already there (or moves itself), otherwise
    /// until `advance` reaches it or the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                recordedSleeps.append(current.duration(to: deadline))
                if sleepsAdvanceTheClock { current = max(current, deadline) }
                if cancelled.remove(id) != nil {
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                } else if deadline <= current {
                    lock.unlock()
                    continuation.resume()
                } else {
                    sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let sleeper = sleepers.removeValue(forKey: id)
            if sleeper == nil { cancelled.insert(id) }
            lock.unlock()
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward and wakes every sleeper whose deadline it reached.
    public func advance(by duration: Duration) {
        lock.lock()
        current = current.advanced(by: max(.zero, duration))
        let due = sleepers.filter { $0.value.deadline <= current }
        for id in due.keys { sleepers[id] = nil }
        lock.unlock()
        for sleeper in due.values { sleeper.continuation.resume() }
    }
}
