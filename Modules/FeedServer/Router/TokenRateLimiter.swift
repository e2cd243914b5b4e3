import Foundation

/// A token bucket per key: `burst` requests at once, refilled at `perSecond`. The state routes keep
/// one keyed by device token (requests) and one keyed by client address (failed token checks).
///
/// Keys are token hashes, so unknown tokens are limited too and a flood of guesses never reaches the
/// database. The table is bounded: when it grows past `maxKeys`, buckets that have refilled (their
/// clients went quiet) are forgotten, which loses nothing since a full bucket is the starting state.
actor TokenRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private let perSecond: Double
    private let burst: Double
    private let maxKeys: Int
    private var buckets: [String: Bucket] = [:]
    /// Time since the limiter was made, on the injected clock.
    private let elapsed: @Sendable () -> Duration

    /// The limit in words, for error messages.
    nonisolated let describedRate: String

    init(perSecond: Double, burst: Int, maxKeys: Int = 100_000, clock: any Clock<Duration> = ContinuousClock()) {
        elapsed = clock.stopwatch()
        self.perSecond = perSecond
        self.burst = Double(max(1, burst))
        self.maxKeys = maxKeys
        describedRate = "\(burst) requests at once or \(perSecond.formatted(.number.precision(.fractionLength(0...2)))) per second"
    }

    /// Takes one request from `key`'s bucket; returns nil if admitted, else the seconds until it would be.
    func admit(_ key: String) -> Double? {
        guard perSecond > 0 else { return nil }
        let now = elapsed()
        var bucket = refilled(key, now: now)
        defer {
            buckets[key] = bucket
            if buckets.count > maxKeys { forgetRefilled(now: now) }
        }
        guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / perSecond }
        bucket.tokens -= 1
        return nil
    }

    /// The seconds until `key`'s bucket would admit a request, or nil if it would now; takes nothing.
    func delay(_ key: String) -> Double? {
        guard perSecond > 0, buckets[key] != nil else { return nil }
        let bucket = refilled(key, now: elapsed())
        return bucket.tokens >= 1 ? nil : (1 - bucket.tokens) / perSecond
    }

    private func refilled(_ key: String, now: Duration) -> Bucket {
        var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
        let idle = now - bucket.updated
        let seconds = Double(idle.components.seconds) + Double(idle.components.attoseconds) / 1e18
        bucket.tokens = min(burst, bucket.tokens + seconds * perSecond)
        bucket.updated = now
        return bucket
    }

    private func forgetRefilled(now: Duration) {
        let refill = Duration.seconds(burst / perSecond)
        buckets = buckets.filter { now - $0.value.updated < refill }
    }
}

extension Clock where Duration == Swift.Duration {
    /// A reading of time passed since this call, so callers can keep plain durations instead of this
    /// clock's instants (which an existential clock cannot name).
    func stopwatch() -> @Sendable () -> Duration {
        let start = now
        return { start.duration(to: self.now) }
    }
}
