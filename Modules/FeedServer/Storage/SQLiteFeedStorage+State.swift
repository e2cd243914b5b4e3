import Foundation
import GRDB
import NewsModels

extension SQLiteFeedStorage {
    // MARK: Users and device tokens

    public func addUser(name: String) throws -> Int64 {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE name = ?", arguments: [name]) == nil else {
                throw FeedStorageError.userExists(name)
            }
            try db.execute(
                sql: "INSERT INTO user (name, createdAt) VALUES (?, ?)",
                arguments: [name, Timestamp.now().epochMilliseconds])
            return db.lastInsertedRowID
        }
    }

    public func addDeviceToken(userName: String, tokenHash: String, label: String?) throws {
        try pool.write { db in
            guard let userId = try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE name = ?", arguments: [userName]) else {
                throw FeedStorageError.unknownUser(userName)
            }
            try db.execute(
                sql: "INSERT INTO device_token (userId, tokenHash, label, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [userId, tokenHash, label, Timestamp.now().epochMilliseconds])
        }
    }

    public func revokeDeviceToken(tokenHash: String) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE device_token SET revokedAt = ? WHERE tokenHash = ? AND revokedAt IS NULL",
                arguments: [Timestamp.now().epochMilliseconds, tokenHash])
            return db.changesCount > 0
        }
    }

    public func userId(forTokenHash tokenHash: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT userId FROM device_token WHERE tokenHash = ? AND revokedAt IS NULL", arguments: [tokenHash])
        }
    }

    // MARK: State

    public func applyMutations(userId: Int64, batch: StateMutationBatch) throws -> Int64 {
        try pool.write { db in
            var lastMid = try Int64.fetchOne(
                db, sql: "SELECT lastMid FROM client_mid WHERE userId = ? AND clientId = ?",
                arguments: [userId, batch.clientId]) ?? 0
            var stateSeq = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            for mutation in batch.mutations.sorted(by: { $0.mid < $1.mid }) where mutation.mid > lastMid {
                switch mutation {
                case let .set(_, articleId, field, value, hlc):
                    // An unknown article can never apply; it is still acknowledged so the client moves on.
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [articleId]) != nil {
                        stateSeq += 1
                        try Self.setField(db, userId: userId, articleId: articleId, field: field, value: value, hlc: hlc, stateSeq: stateSeq)
                    }
                case let .markReadUpTo(_, seq, sourceId, hlc):
                    stateSeq = try Self.markRead(db, userId: userId, upTo: seq, sourceId: sourceId, hlc: hlc, after: stateSeq)
                }
                lastMid = mutation.mid
            }
            try db.execute(sql: "UPDATE user SET stateSeq = ? WHERE id = ?", arguments: [stateSeq, userId])
            try db.execute(
                sql: """
                    INSERT INTO client_mid (userId, clientId, lastMid) VALUES (?, ?, ?)
                    ON CONFLICT(userId, clientId) DO UPDATE SET lastMid = excluded.lastMid
                    """,
                arguments: [userId, batch.clientId, lastMid])
            return lastMid
        }
    }

    /// Sets one field if the stored value is older (HLC strings sort in clock order, and the client
    /// id at their end breaks ties).
    private static func setField(
        _ db: Database, userId: Int64, articleId: String, field: StateField, value: Bool, hlc: HLC, stateSeq: Int64
    ) throws {
        let column = field == .read ? "read" : "starred"
        try db.execute(
            sql: """
                INSERT INTO article_state (userId, articleId, \(column), \(column)HLC, stateSeq) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(userId, articleId) DO UPDATE SET
                    \(column) = excluded.\(column), \(column)HLC = excluded.\(column)HLC, stateSeq = excluded.stateSeq
                WHERE article_state.\(column)HLC IS NULL OR article_state.\(column)HLC < excluded.\(column)HLC
                """,
            arguments: [userId, articleId, value, hlc.description, stateSeq])
    }

    /// Marks read every article that entered the log at or before `seq` (optionally of one source),
    /// unless a newer read/unread choice is stored. Returns the new state sequence number.
    private static func markRead(
        _ db: Database, userId: Int64, upTo seq: Int64, sourceId: String?, hlc: HLC, after stateSeq: Int64
    ) throws -> Int64 {
        let sourceFilter = sourceId == nil ? "" : "AND sourceId = ?"
        var arguments: StatementArguments = [userId, hlc.description, stateSeq, seq]
        if let sourceId { arguments += [sourceId] }
        try db.execute(
            sql: """
                INSERT INTO article_state (userId, articleId, read, readHLC, stateSeq)
                SELECT ?, id, 1, ?, ? + ROW_NUMBER() OVER (ORDER BY firstSeq, id)
                FROM article WHERE firstSeq <= ? \(sourceFilter)
                ORDER BY firstSeq, id
                ON CONFLICT(userId, articleId) DO UPDATE SET
                    read = 1, readHLC = excluded.readHLC, stateSeq = excluded.stateSeq
                WHERE article_state.readHLC IS NULL OR article_state.readHLC < excluded.readHLC
                """,
            arguments: arguments)
        let candidates = try Int64.fetchOne(
            db, sql: "SELECT COUNT(*) FROM article WHERE firstSeq <= ? \(sourceFilter)",
            arguments: sourceId.map { [seq, $0] } ?? [seq]) ?? 0
        return stateSeq + candidates
    }

    public func stateChanges(userId: Int64, after stateSeq: Int64, limit: Int) throws -> StatePage {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT articleId, read, readHLC, starred, starredHLC, stateSeq FROM article_state
                    WHERE userId = ? AND stateSeq > ? ORDER BY stateSeq LIMIT ?
                    """,
                arguments: [userId, stateSeq, limit])
            let changes = rows.map { row in
                ArticleState(
                    articleId: row["articleId"],
                    read: Self.value(row["read"], row["readHLC"]),
                    starred: Self.value(row["starred"], row["starredHLC"]))
            }
            let newest: Int64
            if rows.count == limit, let last = rows.last {
                newest = last["stateSeq"]
            } else {
                newest = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            }
            return StatePage(changes: changes, stateSeq: max(newest, stateSeq))
        }
    }

    public func stateSeq(userId: Int64) throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0 }
    }

    private static func value(_ flag: Bool?, _ hlc: String?) -> StateValue? {
        guard let flag, let hlc = hlc.flatMap(HLC.init) else { return nil }
        return StateValue(value: flag, hlc: hlc)
    }
}
