import Foundation
import GRDB
import HTTPTransport
import NewsModels
import FeedPolling

/// An outlet's feed the server polls itself, with its schedule and the last poll's memory.
public struct UpstreamFeed: Sendable, Equatable {
    /// The feed's URL.
    public var url: String
    /// The normal time between polls.
    public var interval: Duration
    /// The feed's title, once polled.
    public var title: String?
    /// What the next conditional GET needs.
    public var memory: FeedPollMemory
    /// When a poll last succeeded.
    public var lastSuccessAt: Timestamp?
    /// When the feed is due again.
    public var nextPollAt: Timestamp
    /// Polls that failed in a row (drives the backoff).
    public var failures: Int
    /// The last poll's error, one line; nil after a success.
    public var lastError: String?

    init(row: Row) {
        url = row["url"]
        interval = .seconds(row["intervalSeconds"] as Int64)
        title = row["title"]
        let etag: String? = row["etag"], lastModified: String? = row["lastModified"]
        memory = FeedPollMemory(
            validators: etag == nil && lastModified == nil ? nil : HTTPValidators(etag: etag, lastModified: lastModified),
            validatorsAt: (row["validatorsAt"] as Int64?).map { Timestamp(epochMilliseconds: $0) },
            bodyHash: row["bodyHash"])
        lastSuccessAt = (row["lastSuccessAt"] as Int64?).map { Timestamp(epochMilliseconds: $0) }
        nextPollAt = Timestamp(epochMilliseconds: row["nextPollAt"])
        failures = row["failures"]
        lastError = row["lastError"]
    }
}

extension SQLiteFeedStorage {
    /// Adds a feed to poll, due at `now`; returns false if it was already there (its interval is updated).
    @discardableResult
    public func addUpstreamFeed(url: String, interval: Duration, at time: Timestamp = .now()) throws -> Bool {
        try pool.write { db in
            let now = time.epochMilliseconds
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM upstream_feed WHERE url = ?", arguments: [url]) != nil
            try db.execute(
                sql: """
                    INSERT INTO upstream_feed (url, intervalSeconds, addedAt, nextPollAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(url) DO UPDATE SET intervalSeconds = excluded.intervalSeconds
                    """,
                arguments: [url, interval.components.seconds, now, now])
            return !existed
        }
    }

    /// Stops polling a feed (its articles stay in the log); returns whether it was there.
    @discardableResult
    public func removeUpstreamFeed(url: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM upstream_feed WHERE url = ?", arguments: [url])
            return db.changesCount > 0
        }
    }

    /// Every polled feed, by URL.
    public func upstreamFeeds() throws -> [UpstreamFeed] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM upstream_feed ORDER BY url").map(UpstreamFeed.init(row:)) }
    }

    /// Feeds due at `now`, soonest first.
    public func dueUpstreamFeeds(at now: Timestamp) throws -> [UpstreamFeed] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM upstream_feed WHERE nextPollAt <= ? ORDER BY nextPollAt, url", arguments: [now.epochMilliseconds]
            ).map(UpstreamFeed.init(row:))
        }
    }

    /// When the next feed is due, or nil with no feeds.
    public func nextUpstreamPoll() throws -> Timestamp? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(nextPollAt) FROM upstream_feed").map { Timestamp(epochMilliseconds: $0) }
        }
    }

    /// Records a good poll (after its articles were imported): new memory, failures reset, next due time.
    public func recordUpstreamSuccess(url: String, title: String?, memory: FeedPollMemory, at now: Timestamp, next: Timestamp) throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE upstream_feed SET title = COALESCE(?, title), etag = ?, lastModified = ?, validatorsAt = ?, bodyHash = ?,
                        lastPolledAt = ?, lastSuccessAt = ?, nextPollAt = ?, failures = 0, lastError = NULL
                    WHERE url = ?
                    """,
                arguments: [
                    title, memory.validators?.etag, memory.validators?.lastModified, memory.validatorsAt?.epochMilliseconds,
                    memory.bodyHash, now.epochMilliseconds, now.epochMilliseconds, next.epochMilliseconds, url,
                ])
        }
    }

    /// Records a failed poll: the error, one more failure in a row, and when to retry.
    public func recordUpstreamFailure(url: String, error: String, at now: Timestamp, next: Timestamp) throws {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE upstream_feed SET lastPolledAt = ?, lastError = ?, failures = failures + 1, nextPollAt = ? WHERE url = ?",
                arguments: [now.epochMilliseconds, error, next.epochMilliseconds, url])
        }
    }
}
