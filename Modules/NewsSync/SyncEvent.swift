import Foundation

/// Progress of a running sync, in the order things happen.
public enum SyncEvent: Sendable, Hashable {
    /// The manifest was read: the server's head and where this store's cursor stands.
    case manifest(head: Int64, cursor: Int64?)
    /// A snapshot chunk was applied (`done` of `total`).
    case snapshotChunk(done: Int, total: Int, articles: Int)
    /// A segment was applied; the cursor now stands at `cursor`.
    case segment(index: Int64, changes: Int, cursor: Int64, head: Int64)
    /// A batch of local state changes was acknowledged by the server.
    case statePushed(count: Int)
    /// A page of state changes was merged.
    case statePulled(count: Int)
    /// A request failed and will be tried again after `delay`.
    case retrying(attempt: Int, delay: Duration, reason: String)
    /// The sync ended; the last event of every successful sync.
    case finished(SyncSummary)
}

/// What a finished sync did.
public struct SyncSummary: Sendable, Hashable {
    /// Articles stored for the first time.
    public var inserted = 0
    /// Articles replaced by a newer revision.
    public var updated = 0
    /// Articles removed (tombstones, or missing from a snapshot).
    public var deleted = 0
    /// Local state changes the server acknowledged.
    public var statePushed = 0
    /// State changes merged from the server.
    public var statePulled = 0
    /// HTTP requests made, retries included.
    public var requests = 0
    /// Response bytes as they came over the wire (compressed when the server compressed).
    public var bytes: Int64 = 0
    /// Whether the content came from a snapshot (first sync, or a compacted cursor).
    public var loadedSnapshot = false
    /// The content cursor after the sync.
    public var cursor: Int64 = 0
    /// The server's head as last seen.
    public var head: Int64 = 0

    /// Creates an empty summary.
    public init() {}
}
