import Foundation
import GRDB
import NewsModels

/// A server the store syncs with (`paperboy remote add`).
public struct RemoteRecord: Sendable, Hashable {
    /// The name the user gave it.
    public var name: String
    /// The server's base URL, e.g. `http://127.0.0.1:8080`.
    public var url: String

    /// Creates a record.
    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// Per-remote sync bookkeeping rows, written inside the transactions they describe.
enum SyncMeta {
    /// Moves `remote`'s content cursor forward to `seq` (never backwards), stamped `at` (epoch ms).
    static func advanceCursor(_ db: Database, remote: String, to seq: Int64, at millis: Int64) throws {
        try db.execute(
            sql: """
                INSERT INTO sync_cursor(remote, seq, updatedAt) VALUES (?, ?, ?)
                ON CONFLICT(remote) DO UPDATE SET seq = max(seq, excluded.seq), updatedAt = excluded.updatedAt
                """,
            arguments: [remote, seq, millis])
    }

    static func set(_ db: Database, remote: String, _ values: [String: String?]) throws {
        for (key, value) in values {
            if let value {
                try db.execute(
                    sql: "INSERT INTO sync_meta(remote, key, value) VALUES (?, ?, ?) ON CONFLICT(remote, key) DO UPDATE SET value = excluded.value",
                    arguments: [remote, key, value])
            } else {
                try db.execute(sql: "DELETE FROM sync_meta WHERE remote = ? AND key = ?", arguments: [remote, key])
            }
        }
    }
}

extension NewsStore {
    // MARK: Remotes

    /// Adds a remote; throws `remoteExists` if the name is taken.
    public func addRemote(_ remote: RemoteRecord) throws(StoreError) {
        try write { db in
            guard try String.fetchOne(db, sql: "SELECT name FROM remote WHERE name = ?", arguments: [remote.name]) == nil else {
                throw StoreError.remoteExists(remote.name)
            }
            try db.execute(
                sql: "INSERT INTO remote(name, url, addedAt) VALUES (?, ?, ?)",
                arguments: [remote.name, remote.url, nowMillis])
        }
    }

    /// Every remote, by name.
    public func remotes() throws(StoreError) -> [RemoteRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, url FROM remote ORDER BY name").map { RemoteRecord(name: $0["name"], url: $0["url"]) }
        }
    }

    /// Removes a remote and its sync bookkeeping; its articles stay readable (they become local).
    /// Returns whether it existed.
    @discardableResult
    public func removeRemote(named name: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM remote WHERE name = ?", arguments: [name])
            let existed = db.changesCount > 0
            try db.execute(sql: "DELETE FROM sync_meta WHERE remote = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM sync_cursor WHERE remote = ?", arguments: [name])
            try db.execute(sql: "UPDATE article SET remote = NULL, snapshotMark = NULL WHERE remote = ?", arguments: [name])
            return existed
        }
    }

    // MARK: Sync bookkeeping

    /// A stored sync value for `remote` (validators, state cursor, snapshot progress).
    public func syncValue(_ key: String, remote: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM sync_meta WHERE remote = ? AND key = ?", arguments: [remote, key])
        }
    }

    /// Stores (or, for nil, removes) sync values for `remote` in one transaction.
    public func setSyncValues(_ values: [String: String?], remote: String) throws(StoreError) {
        try write { db in try SyncMeta.set(db, remote: remote, values) }
    }

    // MARK: Snapshots

    /// Applies one snapshot chunk: every `put` is stored if newer and marked as listed by snapshot
    /// `snapshotSeq`; `syncValues` (the loader's progress) are written in the same transaction.
    @discardableResult
    public func applySnapshotChunk(
        _ changes: [Change], remote: String, snapshotSeq: Int64, syncValues: [String: String?]
    ) throws(StoreError) -> ApplySummary {
        try applySnapshotChunk(logged: changes.map { LoggedChange($0) }, remote: remote, snapshotSeq: snapshotSeq, syncValues: syncValues)
    }

    /// `applySnapshotChunk` for changes read from log lines, storing each article's JSON as carried.
    @discardableResult
    public func applySnapshotChunk(
        logged changes: [LoggedChange], remote: String, snapshotSeq: Int64, syncValues: [String: String?]
    ) throws(StoreError) -> ApplySummary {
        try write { db in
            var writer = try ChangeWriter(db, remote: remote)
            let mark = try db.cachedStatement(sql: "UPDATE article SET snapshotMark = ?, remote = ? WHERE id = ?")
            for logged in changes {
                guard case let .put(seq, article) = logged.change, seq <= snapshotSeq else {
                    throw StoreError.invalidChange(seq: logged.seq, reason: "a snapshot holds only puts at or below its seq \(snapshotSeq)")
                }
                try writer.apply(logged.change, articleJSON: logged.articleJSON)
                try mark.execute(arguments: [snapshotSeq, remote, article.id])
            }
            try SyncMeta.set(db, remote: remote, syncValues)
            return writer.summary
        }
    }

    /// Ends a snapshot load: deletes `remote`'s articles the snapshot did not list (their tombstones
    /// may have been compacted away), moves the cursor to `snapshotSeq`, and writes `syncValues`,
    /// all in one transaction. Returns how many articles were removed.
    @discardableResult
    public func finishSnapshot(remote: String, snapshotSeq: Int64, syncValues: [String: String?]) throws(StoreError) -> Int {
        try write { db in
            let stale = try String.fetchAll(
                db, sql: "SELECT id FROM article WHERE remote = ? AND (snapshotMark IS NULL OR snapshotMark <> ?)",
                arguments: [remote, snapshotSeq])
            // Retired like a logged delete, tombstone included.
            var writer = try ChangeWriter(db, remote: remote)
            for id in stale { try writer.delete(id, seq: snapshotSeq) }
            try SyncMeta.advanceCursor(db, remote: remote, to: snapshotSeq, at: nowMillis)
            try SyncMeta.set(db, remote: remote, syncValues)
            return writer.summary.deleted
        }
    }

    // MARK: State

    /// Merges a pulled state page (newer HLC wins per flag) and stores `syncValues` (the state cursor
    /// and validator) in the same transaction, so the cursor never runs ahead of the state it covers.
    public func mergeState(_ changes: [ArticleState], remote: String, syncValues: [String: String?]) throws(StoreError) {
        try write { db in
            try LocalState.merge(db, changes, now: { nowMillis })
            try SyncMeta.set(db, remote: remote, syncValues)
        }
    }

    /// The `(id, rev)` of every stored article that came from `remote`, for checks and tests.
    public func articleRevisions(remote: String) throws(StoreError) -> [String: Int] {
        try read { db in
            var result: [String: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, rev FROM article WHERE remote = ?", arguments: [remote])
            while let row = try rows.next() { result[row["id"]] = row["rev"] }
            return result
        }
    }
}
