import Foundation
import NewsModels

/// A clock that moves only when a test advances it; sleepers wake when it passes their deadline.
final class TestClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// Wall-clock milliseconds at offset zero, for `timestamp`.
    let epochMilliseconds: Int64
    // Guarded by `lock`.
    private var current = Instant(offset: .zero)
    private var sleepers: [UUID: Sleeper] = [:]
    private var cancelled: Set<UUID> = []
    private let lock = NSLock()

    init(epochMilliseconds: Int64 = 1_763_700_000_000) {
        self.epochMilliseconds = epochMilliseconds
    }

    var now: Instant { lock.withLock { current } }
    var minimumResolution: Duration { .zero }

    /// The wall-clock time this clock stands at, for `now: @Sendable () -> Timestamp` providers.
    var timestamp: Timestamp {
        let offset = now.offset.components
        return Timestamp(epochMilliseconds: epochMilliseconds + offset.seconds * 1000 + offset.attoseconds / 1_000_000_000_000_000)
    }

    /// Tasks asleep on this clock now.
    var sleeperCount: Int { lock.withLock { sleepers.count } }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
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
    func advance(by duration: Duration) {
        lock.lock()
        current = current.advanced(by: duration)
        let due = sleepers.filter { $0.value.deadline <= current }
        for id in due.keys { sleepers[id] = nil }
        lock.unlock()
        for sleeper in due.values { sleeper.continuation.resume() }
    }
}

/// Waits until `condition` holds; the wall-clock limit only turns a hang into a failure.
func eventually(
    _ what: String, within limit: Duration = .seconds(30), _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + limit
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw WaitFailure(what: what) }
        try await Task.sleep(for: .milliseconds(2))
    }
}

/// A condition a test waited for never held.
struct WaitFailure: Error, CustomStringConvertible {
    let what: String
    var description: String { "gave up waiting for \(what)" }
}
