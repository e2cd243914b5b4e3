/// When to poll a feed next: its interval after a success; after failures, the interval doubled per
/// failure in a row, capped at a day, and never sooner than the server's `Retry-After`.
public struct PollBackoff: Sendable, Hashable {
    /// The normal time between polls.
    public var interval: Duration
    /// The longest wait between retries of a failing feed.
    public var ceiling: Duration

    /// Creates a policy.
    public init(interval: Duration, ceiling: Duration = .seconds(24 * 3600)) {
        self.interval = interval
        self.ceiling = max(ceiling, interval)
    }

    /// The wait before the next poll, given how many polls in a row have failed (0 after a success).
    public func delay(failures: Int, retryAfter: Duration? = nil) -> Duration {
        var delay = interval
        for _ in 0..<min(max(failures, 0), 20) where delay < ceiling { delay = delay * 2 }
        delay = min(delay, ceiling)
        if let retryAfter, retryAfter > delay { delay = min(retryAfter, ceiling * 7) }
        return delay
    }
}
