import Foundation

/// The server a store syncs with.
public struct SyncRemote: Sendable, Hashable {
    /// The name the store keeps the remote's cursor under.
    public var name: String
    /// The server's base URL (`http://host:port`, optionally with a path prefix).
    public var baseURL: URL
    /// The device token for the state endpoints; content syncs without one.
    public var token: String?

    /// Creates a remote.
    public init(name: String, baseURL: URL, token: String? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.token = token
    }

    /// The absolute URL of a protocol path such as `/v1/manifest`.
    func url(_ path: String) -> URL {
        let base = baseURL.absoluteString.hasSuffix("/") ? String(baseURL.absoluteString.dropLast()) : baseURL.absoluteString
        return URL(string: base + path) ?? baseURL
    }
}

/// How a sync behaves.
public struct SyncOptions: Sendable {
    /// Sealed segments (and snapshot chunks) in flight at once.
    public var parallelFetches = 4
    /// Attempts per request before the sync gives up (the first one included).
    public var maxAttempts = 6
    /// The first retry's delay; each later one doubles, with full jitter.
    public var baseDelay: Duration = .milliseconds(250)
    /// The longest wait between attempts (a server's `Retry-After` may ask for more, up to `maxRetryAfter`).
    public var maxDelay: Duration = .seconds(20)
    /// The longest `Retry-After` honoured; a server asking for more fails the sync instead of hanging it.
    public var maxRetryAfter: Duration = .seconds(120)
    /// State changes asked for per page.
    public var statePageSize = 1000
    /// Snapshot articles written per transaction, so a sync killed inside a chunk keeps most of it.
    public var snapshotTransactionSize = 1000
    /// Mutations sent per batch.
    public var mutationBatchSize = 500
    /// Sealed segments one sync fetches at most (10,000: ten million changes at the default
    /// segment size); past them the sync ends at that cursor and the next one carries on, so a
    /// manifest claiming an endless log cannot keep one sync going.
    public var maxSegmentsPerSync: Int64 = 10_000
    /// The clock retries wait on (backoff and `Retry-After`); tests pass one they drive themselves.
    public var clock: any Clock<Duration> = ContinuousClock()

    /// The default options.
    public init() {}
}
