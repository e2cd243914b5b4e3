import NewsModels

/// Settings for one feed server.
public struct FeedServerConfiguration: Sendable {
    /// A stable identifier for this feed, sent in the manifest.
    public var feedId: String = "paperboy"
    /// A human-readable title, sent in the manifest.
    public var title: String = "Paperboy"
    /// Changes per segment (PROTOCOL.md §2). Changing it for an existing log re-cuts every segment.
    public var segmentSize: Int64 = 1000
    /// The largest request body accepted (413 beyond).
    public var maxRequestBytes: Int = 1 << 20
    /// The most mutations one batch may carry (413 beyond).
    public var maxMutationsPerBatch: Int = 1000
    /// The most state changes one page returns, and the largest `limit` accepted.
    public var maxStatePageSize: Int = 1000
    /// How far ahead of the server's clock a client HLC may be before it is clamped, in milliseconds.
    public var maxClockSkewMillis: Int64 = 60_000

    /// Requests per second each device token may sustain on the state endpoints (0: unlimited).
    public var stateRequestsPerSecond: Double = 10
    /// Requests a device token may send at once before the per-second rate applies (429 beyond).
    public var stateRequestBurst: Int = 100
    /// Bytes of segment and snapshot bodies (with their compressed variants) kept in memory.
    public var bodyCacheBytes: Int = 256 << 20

    /// How long the cache warmer waits between looks for newly sealed segments and snapshots (imports
    /// and compactions may come from another process).
    public var cacheCheckInterval: Duration = .seconds(1)

    /// The clock the server waits and measures on (rate-limit refills, cache checks); tests pass a
    /// manual one.
    public var clock: any Clock<Duration> = ContinuousClock()
    /// The wall-clock time: the manifest's `serverTime`, the server's HLC and the skew limit.
    public var now: @Sendable () -> Timestamp = { Timestamp.now() }

    /// Deliberate failures for client testing (`nil`: none). Never set in production.
    public var faultInjection: FaultInjection? = nil

    /// The default configuration.
    public init() {}
}
