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
    /// The most bytes one state page's changes may take; a page stops early (with `more`) beyond it.
    public var maxStatePageBytes: Int = 4 << 20
    /// Sizes of the fields a client sends in a mutation batch (400 beyond).
    public var clientFieldLimits = ClientFieldLimits()
    /// Client ids whose last mutation id each user's state keeps; the longest idle is forgotten beyond.
    public var maxClientsPerUser: Int = 64

    /// Failed token checks one client address may make (a bucket of `authFailureBurst`, refilled at
    /// this rate per second) before every state request from it gets 429 (0: unlimited).
    public var authFailuresPerSecond: Double = 0.2
    /// Failed token checks one client address may make at once.
    public var authFailureBurst: Int = 20

    /// Connections served at once; further connections wait in the listen backlog (nil: no cap).
    public var maxConnections: Int? = 512
    /// Connection timeouts: a new connection's first request head, a whole request after its head,
    /// and an idle keep-alive connection.
    public var timeouts = ConnectionTimeouts()

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
