/// The one way tests wait for something another thread or process does: look again until a
/// condition holds. A deadline only turns a condition that never comes into a failure instead of a
/// hang; it is never a measure of speed.
public enum Polling {
    /// Looks at `condition` every `interval` until it holds; returns whether it did within
    /// `deadline / interval` looks.
    ///
    /// The limit counts looks, not wall time. Every look first lets other tasks run, so on a starved
    /// machine (a busy CI host, the sanitizer, other suites holding every thread of the pool) the
    /// looks come later and the wait stretches with them, rather than expiring while the awaited task
    /// never had a turn. A condition that never comes still fails after a bounded number of looks.
    public static func until(
        every interval: Duration = .milliseconds(10), giveUpAfter deadline: Duration = .seconds(120),
        _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let looks = max(1, Int((deadline / interval).rounded(.up)))
        for _ in 0..<looks {
            if try await condition() { return true }
            do { try await Task.sleep(for: interval) } catch { return try await condition() }
        }
        return try await condition()
    }

    /// Samples with `sample` every `interval` until `condition` holds and returns that sample; at
    /// the last look (see `until`) returns nil and hands the last sample to `onGivingUp`.
    public static func sample<T>(
        every interval: Duration = .milliseconds(50), giveUpAfter deadline: Duration = .seconds(60),
        _ sample: () throws -> T, until condition: (T) -> Bool, onGivingUp: (T) -> Void
    ) async throws -> T {
        var last = try sample()
        let found = try await until(every: interval, giveUpAfter: deadline) {
            last = try sample()
            return condition(last)
        }
        if !found { onGivingUp(last) }
        return last
    }
}

/// A condition a test waited for never held.
public struct WaitFailure: Error, CustomStringConvertible {
    /// What was waited for.
    public let what: String
    /// Says what never came.
    public var description: String { "gave up waiting for \(what)" }
}

/// Waits until `condition` holds; throws `WaitFailure` naming `what` when it never does.
public func eventually(
    _ what: String, within limit: Duration = .seconds(30), _ condition: () async throws -> Bool
) async throws {
    guard try await Polling.until(every: .milliseconds(2), giveUpAfter: limit, condition) else { throw WaitFailure(what: what) }
}
