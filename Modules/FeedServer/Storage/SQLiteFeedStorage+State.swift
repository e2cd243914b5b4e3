import Foundation
import GRDB
import NewsModels

extension SQLiteFeedStorage {
    // MARK: State

    public func applyMutations(userId: Int64, batch: StateMutationBatch, keepingClients maxClients: Int, now: Timestamp) throws -> Int64 {
        try pool.write { db in
            let known = try Int64.fetchOne(
                db, sql: "SELECT lastMid FROM client_mid WHERE userId = ? AND clientId = ?",
                arguments: [userId, batch.clientId])
            if known == nil { try Self.makeRoomForClient(db, userId: userId, keeping: maxClients) }
            var lastMid = known ?? 0
            var stateSeq = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            var marks: [ReadMark] = []
            for mutation in batch.mutations.sorted(by: { $0.mid < $1.mid }) where mutation.mid > lastMid {
                switch mutation {
                case let .set(_, articleId, field, value, hlc):
                    // An unknown article can never apply; it is still acknowledged so the client moves on.
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [articleId]) != nil {
                        stateSeq += 1
                        try Self.setField(db, userId: userId, articleId: articleId, field: field, value: value, hlc: hlc, stateSeq: stateSeq)
                    }
                case let .markReadUpTo(_, seq, sourceId, hlc):
                    marks.append(ReadMark(seq: seq, sourceId: sourceId, hlc: hlc))
                }
                lastMid = mutation.mid
            }
            stateSeq = try Self.markRead(db, userId: userId, marks: marks, after: stateSeq)
            try db.execute(sql: "UPDATE user SET stateSeq = ? WHERE id = ?", arguments: [stateSeq, userId])
            try db.execute(
                sql: """
                    INSERT INTO client_mid (userId, clientId, lastMid, lastSeenAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(userId, clientId) DO UPDATE SET lastMid = excluded.lastMid, lastSeenAt = excluded.lastSeenAt
                    """,
                arguments: [userId, batch.clientId, lastMid, now.epochMilliseconds])
            return lastMid
        }
    }

    /// Forgets the clients that sent nothing for longest until a new one fits under `limit`. A
    /// forgotten client that comes back has its journal applied again, which changes nothing: every
    /// mutation sets an absolute value and the newer HLC wins.
    private static func makeRoomForClient(_ db: Database, userId: Int64, keeping limit: Int) throws {
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM client_mid WHERE userId = ?", arguments: [userId]) ?? 0
        guard count >= max(1, limit) else { return }
        try db.execute(
            sql: """
                DELETE FROM client_mid WHERE userId = ? AND clientId IN (
                    SELECT clientId FROM client_mid WHERE userId = ? ORDER BY lastSeenAt, rowid LIMIT ?)
                """,
            arguments: [userId, userId, count - max(1, limit) + 1])
    }

    /// Sets one field if the stored value is older (HLC strings sort in clock order, and the client
    /// id at their end breaks ties).
    static func setField(
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

    /// One `markReadUpTo` of a batch.
    struct ReadMark {
        let seq: Int64
        let sourceId: String?
        let hlc: HLC
    }

    /// Marks read every article that entered the log at or before each mark's `seq` (optionally of
    /// one source), unless a newer read/unread choice is stored. Returns the new state sequence number.
    ///
    /// The newest mark wins wherever marks overlap, so they are applied newest first and each skips
    /// the articles a newer one already covered: however many marks a batch holds, an article's
    /// state row is written at most once, and each article is looked at at most twice.
    static func markRead(_ db: Database, userId: Int64, marks: [ReadMark], after stateSeq: Int64) throws -> Int64 {
        guard !marks.isEmpty else { return stateSeq }
        var stateSeq = stateSeq
        var coveredForAll: Int64 = 0
        var coveredBySource: [String: Int64] = [:]
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS mark_cover (sourceId TEXT PRIMARY KEY, upTo INTEGER NOT NULL)")
        try db.execute(sql: "DELETE FROM temp.mark_cover")
        for mark in marks.sorted(by: { $0.hlc > $1.hlc }) {
            let filter: String
            var arguments: StatementArguments
            if let sourceId = mark.sourceId {
                let floor = max(coveredForAll, coveredBySource[sourceId] ?? 0)
                guard mark.seq > floor else { continue }
                filter = "article.sourceId = ? AND article.firstSeq > ? AND article.firstSeq <= ?"
                arguments = [sourceId, floor, mark.seq]
                coveredBySource[sourceId] = mark.seq
                try db.execute(
                    sql: "INSERT INTO temp.mark_cover (sourceId, upTo) VALUES (?, ?) ON CONFLICT(sourceId) DO UPDATE SET upTo = excluded.upTo",
                    arguments: [sourceId, mark.seq])
            } else {
                guard mark.seq > coveredForAll else { continue }
                filter = "article.firstSeq > ? AND article.firstSeq <= ? AND (cover.upTo IS NULL OR article.firstSeq > cover.upTo)"
                arguments = [coveredForAll, mark.seq]
                coveredForAll = mark.seq
            }
            let leading: StatementArguments = [userId, mark.hlc.description, stateSeq]
            let from = "FROM article LEFT JOIN temp.mark_cover cover ON cover.sourceId = article.sourceId WHERE \(filter)"
            try db.execute(
                sql: """
                    INSERT INTO article_state (userId, articleId, read, readHLC, stateSeq)
                    SELECT ?, article.id, 1, ?, ? + ROW_NUMBER() OVER (ORDER BY article.firstSeq, article.id)
                    \(from)
                    ORDER BY article.firstSeq, article.id
                    ON CONFLICT(userId, articleId) DO UPDATE SET
                        read = 1, readHLC = excluded.readHLC, stateSeq = excluded.stateSeq
                    WHERE article_state.readHLC IS NULL OR article_state.readHLC < excluded.readHLC
                    """,
                arguments: leading + arguments)
            stateSeq += try Int64.fetchOne(db, sql: "SELECT COUNT(*) \(from)", arguments: arguments) ?? 0
        }
        return stateSeq
    }

    public func stateChanges(userId: Int64, after stateSeq: Int64, limit: Int, maxBytes: Int) throws -> StatePage {
        try pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT articleId, read, readHLC, starred, starredHLC, stateSeq FROM article_state
                    WHERE userId = ? AND stateSeq > ? ORDER BY stateSeq LIMIT ?
                    """,
                arguments: [userId, stateSeq, limit])
            var changes: [ArticleState] = []
            var bytes = 0
            var last: Int64?
            while let row = try rows.next() {
                let change = ArticleState(
                    articleId: row["articleId"],
                    read: Self.value(row["read"], row["readHLC"]),
                    starred: Self.value(row["starred"], row["starredHLC"]))
                bytes += Self.encodedSizeBound(change)
                if bytes > maxBytes, !changes.isEmpty {
                    return StatePage(changes: changes, stateSeq: max(last ?? stateSeq, stateSeq), more: true)
                }
                changes.append(change)
                last = row["stateSeq"] as Int64
            }
            let newest: Int64
            if changes.count == limit, let last {
                newest = last
            } else {
                newest = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            }
            return StatePage(changes: changes, stateSeq: max(newest, stateSeq))
        }
    }

    /// At least the bytes `change` takes in a page's JSON: every string byte may need a six-byte
    /// escape, and the keys, flags and punctuation take less than 96.
    private static func encodedSizeBound(_ change: ArticleState) -> Int {
        let strings = change.articleId.utf8.count + (change.read?.hlc.description.utf8.count ?? 0)
            + (change.starred?.hlc.description.utf8.count ?? 0)
        return 96 + 6 * strings
    }

    public func stateSeq(userId: Int64) throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0 }
    }

    private static func value(_ flag: Bool?, _ hlc: String?) -> StateValue? {
        guard let flag, let hlc = hlc.flatMap(HLC.init) else { return nil }
        return StateValue(value: flag, hlc: hlc)
    }

    // MARK: Migrations

    /// Schema for the limits on clients: when each client id last sent a batch, so the longest idle
    /// one is forgotten first once a user has too many. State written before client fields were
    /// bounded is brought within them: clocks keep their time and counter (all a conflict compares
    /// first) with a short node, and client ids no client may send any more are dropped.
    static func registerClientLimitMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-client-limits") { db in
            try db.execute(sql: "ALTER TABLE client_mid ADD COLUMN lastSeenAt INTEGER NOT NULL DEFAULT 0")
            let limits = ClientFieldLimits()
            try db.execute(sql: "DELETE FROM client_mid WHERE LENGTH(CAST(clientId AS BLOB)) > ?", arguments: [limits.clientIdBytes])
            // `<16 digits>-<6 digits>-` is 24 bytes; the node follows.
            let longest = 24 + limits.hlcNodeBytes
            for column in ["readHLC", "starredHLC"] {
                try db.execute(
                    sql: "UPDATE article_state SET \(column) = SUBSTR(\(column), 1, 24) || 'legacy' WHERE LENGTH(CAST(\(column) AS BLOB)) > ?",
                    arguments: [longest])
            }
        }
    }
}
