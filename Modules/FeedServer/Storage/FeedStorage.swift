import Foundation
import NewsModels

/// Everything the routes need from the server's database.
///
/// Routes depend only on this protocol so another backend (PostgreSQL) can be added without touching
/// them. Implementations must assign `seq` in commit order from a single writer, and must make every
/// state mutation batch one transaction together with the client's last applied `mid`.
public protocol FeedStorage: AppAPIStorage {
    /// The log's bounds and the latest snapshot, for the manifest.
    func logBounds() throws -> LogBounds

    /// Adds or revises articles. Unchanged content (same `contentHash`) writes nothing; changed
    /// content writes `rev + 1` with `changedFields`. The server assigns `rev`, `seq`, `contentHash`
    /// and `storyId` (grouping the articles into stories; a changed story is a new revision too). An
    /// article whose id is stored under another source id, or by another upstream feed, is refused
    /// (`ImportSummary.refused`): only the source and feed an article came from may revise it.
    func importArticles(_ articles: [Article]) throws -> ImportSummary

    /// Deletes an article, writing a tombstone to the log; returns its `seq`, or `nil` if unknown.
    func deleteArticle(id: String, reason: DeletionReason) throws -> Int64?

    /// The log lines (exact NDJSON bytes, no newline) with `seq` in `range`, in order.
    func logLines(in range: ClosedRange<Int64>) throws -> [Data]

    /// The log's segment size, fixed when first asked: `proposed` (or 1000) is stored then; later a
    /// different `proposed` throws `segmentSizeMismatch`, because clients and caches rely on it.
    func segmentSize(proposed: Int64?) throws -> Int64

    /// Writes a snapshot of every live article as of the head and moves `oldest` up to the last segment
    /// boundary whose changes were all committed before `cutoff` (every sealed segment when `nil`).
    /// Changes at or below the new `oldest` leave the log; the previous snapshot is kept for clients
    /// still loading it, older ones are dropped.
    func compact(policy: CompactionPolicy) throws -> CompactionSummary

    /// The NDJSON bytes of one snapshot chunk, or `nil` if that snapshot or chunk does not exist.
    func snapshotChunk(seq: Int64, chunk: Int) throws -> Data?

    /// Creates a user; throws `FeedStorageError.userExists` if the name is taken.
    func addUser(name: String) throws -> Int64

    /// Stores a device token's hash for a user (looked up by name).
    func addDeviceToken(userName: String, tokenHash: String, label: String?) throws

    /// Revokes the token with this hash; returns whether one was active.
    func revokeDeviceToken(tokenHash: String) throws -> Bool

    /// Every device token (of one user when `userName` is given), without secrets, by user and age.
    func deviceTokens(userName: String?) throws -> [DeviceTokenRecord]

    /// Revokes the one token whose public id starts with `id` and returns it (already revoked ones
    /// keep their time); throws `unknownToken` or `ambiguousToken` otherwise.
    func revokeDeviceToken(id: String) throws -> DeviceTokenRecord

    /// The user owning an active token with this hash.
    func userId(forTokenHash tokenHash: String) throws -> Int64?

    /// Applies a client's mutation batch for one user in one transaction and returns the client's
    /// last applied `mid`. Mutations with `mid` at or below it are skipped, so a replayed batch changes
    /// nothing; per field, the newer HLC wins. At most `maxClients` client ids are kept per user: a
    /// new one beyond them replaces the one that sent nothing for longest (`now` marks this one's use).
    func applyMutations(userId: Int64, batch: StateMutationBatch, keepingClients maxClients: Int, now: Timestamp) throws -> Int64

    /// State changes for a user after `stateSeq`, oldest first: at most `limit`, and no more than fit
    /// in `maxBytes` of JSON (at least one, so a page always moves on; `more` says it stopped early).
    func stateChanges(userId: Int64, after stateSeq: Int64, limit: Int, maxBytes: Int) throws -> StatePage

    /// The user's current state sequence number (the newest change's).
    func stateSeq(userId: Int64) throws -> Int64

    /// The newest HLC stored in any user's state, so a restarted server clock resumes after it.
    func newestStateHLC() throws -> HLC?
}

/// Where the log starts and ends.
public struct LogBounds: Sendable, Equatable {
    /// The last committed `seq` (0 for an empty log).
    public var head: Int64
    /// The compaction horizon: changes at or below it are gone from the log.
    public var oldest: Int64
    /// The latest snapshot's `seq` and chunk count, if one was written.
    public var snapshot: (seq: Int64, chunks: Int)?

    /// Creates bounds.
    public init(head: Int64, oldest: Int64, snapshot: (seq: Int64, chunks: Int)? = nil) {
        self.head = head
        self.oldest = oldest
        self.snapshot = snapshot
    }

    public static func == (a: LogBounds, b: LogBounds) -> Bool {
        a.head == b.head && a.oldest == b.oldest && a.snapshot?.seq == b.snapshot?.seq
            && a.snapshot?.chunks == b.snapshot?.chunks
    }
}

/// How `compact` cuts the log.
public struct CompactionPolicy: Sendable {
    /// Changes per segment; `oldest` always lands on a multiple of it.
    public var segmentSize: Int64
    /// Changes committed at or after this time stay in the log (`nil`: keep only the open segment).
    public var keepSince: Timestamp?
    /// Articles per snapshot chunk.
    public var articlesPerChunk: Int

    /// Creates a policy.
    public init(segmentSize: Int64, keepSince: Timestamp?, articlesPerChunk: Int = 1000) {
        self.segmentSize = segmentSize
        self.keepSince = keepSince
        self.articlesPerChunk = articlesPerChunk
    }
}

/// What a compaction did.
public struct CompactionSummary: Sendable, Equatable {
    /// The snapshot's `seq` (the head when it was written; 0 if the log was empty and none was written).
    public var snapshotSeq: Int64 = 0
    /// Chunks in the snapshot.
    public var chunks = 0
    /// Live articles in the snapshot.
    public var articles = 0
    /// The compaction horizon before this compaction.
    public var oldestBefore: Int64 = 0
    /// The new compaction horizon.
    public var oldest: Int64 = 0
    /// Log changes removed.
    public var removedChanges = 0

    /// Creates an empty summary.
    public init() {}
}

/// What an import did.
public struct ImportSummary: Sendable, Equatable {
    /// Articles seen for the first time.
    public var added = 0
    /// Articles whose content changed (a new revision was logged).
    public var revised = 0
    /// Articles whose content was already stored (nothing written).
    public var unchanged = 0
    /// Ids of articles refused because the id is stored under another source or feed (nothing written).
    public var refused: [String] = []
    /// Stories the new articles opened (the rest joined stories already stored).
    public var newStories = 0
    /// Stories folded into another because a new article linked them.
    public var mergedStories = 0
    /// Stored articles moved into the surviving story of a merge (each logged as a new revision).
    public var moved = 0
    /// The log's head after the import.
    public var head: Int64 = 0

    /// Creates an empty summary.
    public init() {}

    /// `refused 2 articles (first id 3f…): the id is stored under another source or feed, and only that
    /// one may revise it`, or nil when nothing was refused.
    public var refusal: String? {
        guard let first = refused.first else { return nil }
        return "refused \(refused.count) article\(refused.count == 1 ? "" : "s") (first id \(first.prefix(80))): "
            + "the id is stored under another source or feed, and only that one may revise it"
    }
}

/// Storage failures a caller can act on.
public enum FeedStorageError: Error, Equatable, CustomStringConvertible {
    /// `paperboy-server user add` with a name already in use.
    case userExists(String)
    /// A token was added for a user that does not exist.
    case unknownUser(String)
    /// The database file is not a paperboy-server database.
    case notAServerDatabase(String)
    /// A segment size was asked for that differs from the one the log was cut with.
    case segmentSizeMismatch(stored: Int64, proposed: Int64)
    /// No device token has this id.
    case unknownToken(String)
    /// Several device tokens' ids start this way.
    case ambiguousToken(String)
    /// An imported article's id or source id is longer than a client may send back in a mark.
    case idTooLong(field: String, value: String, bytes: Int, limit: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .userExists(let name): "a user named '\(name)' already exists"
        case .unknownUser(let name): "no user named '\(name)'; add one with: paperboy-server user add \(name)"
        case .notAServerDatabase(let path): "\(path) is not a paperboy-server database"
        case .segmentSizeMismatch(let stored, let proposed):
            "this log is cut into segments of \(stored) changes; --segment-size \(proposed) would change every segment URL clients cached (omit it)"
        case .unknownToken(let id):
            "no device token has the id '\(id.prefix(40))'; see the ids with: paperboy-server token list"
        case .ambiguousToken(let id):
            "several device tokens have ids starting '\(id.prefix(40))'; give more of the id from: paperboy-server token list"
        case let .idTooLong(field, value, bytes, limit):
            "article \(field) '\(value.prefix(40))…' is \(bytes) bytes; at most \(limit) are stored, so that every client can mark it read"
        }
    }
}
