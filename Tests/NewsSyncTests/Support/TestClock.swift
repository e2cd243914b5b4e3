import Foundation
import NewsModels

/// A clock only the test moves: no real time passes on it. `advance` moves it; code that sleeps on it
/// (sync retries) moves it to the sleep's deadline at once and the wait is recorded, so backoff costs
/// nothing and can be checked. `wallNow` reads it as wall time for `NewsStore`'s `now`.
final class TestClock: Clock, @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`.
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var state = (now: Instant(offset: .zero), sleeps: [Duration]())
    /// The wall time the clock reads at its start.
    let epoch: Timestamp

    /// A clock reading `epoch` (a fixed day in November 2025) until moved.
    init(epoch: Timestamp = Timestamp(epochMilliseconds: 1_763_700_000_000, offsetMinutes: 0)) {
        self.epoch = epoch
    }

    var now: Instant { locked { $0.now } }
    var minimumResolution: Duration { .zero }

    /// Every wait code asked for on this clock, in order.
    var sleeps: [Duration] { locked { $0.sleeps } }

    /// The clock's reading as wall time.
    var wallNow: Timestamp {
        let offset = now.offset.components
        return Timestamp(epochMilliseconds: epoch.epochMilliseconds + offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000, offsetMinutes: 0)
    }

    /// Moves the clock forward.
    func advance(by duration: Duration) {
        locked { $0.now = $0.now.advanced(by: max(.zero, duration)) }
    }

    /// Records the wait and jumps to `deadline` (never backwards).
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        locked { state in
            state.sleeps.append(state.now.duration(to: deadline))
            state.now = max(state.now, deadline)
        }
    }

    private func locked<T>(_ body: (inout (now: Instant, sleeps: [Duration])) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}
