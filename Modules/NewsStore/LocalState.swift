import Foundation
import GRDB
import NewsModels

/// Per-user flags and the journal of local changes still to send.
enum LocalState {
    static func decodeState(_ row: Row, articleId: String) -> ArticleState {
        func value(_ flag: String, _ clock: String) -> StateValue? {
            guard let raw: Int = row[flag], let text: String = row[clock], let hlc = HLC(text) else { return nil }
            return StateValue(value: raw == 1, hlc: hlc)
        }
        return ArticleState(articleId: articleId, read: value("read", "readHLC"), starred: value("starred", "starredHLC"))
    }

    /// Writes one flag if `hlc` is newer than what is stored (last writer wins).
    static func write(_ db: Database, articleId: String, field: StateField, value: Bool, hlc: HLC) throws {
        let column = field == .read ? "read" : "starred"
        try db.execute(sql: """
            INSERT INTO article_state(articleId, \(column), \(column)HLC) VALUES (?, ?, ?)
            ON CONFLICT(articleId) DO UPDATE SET \(column) = excluded.\(column), \(column)HLC = excluded.\(column)HLC
            WHERE \(column)HLC IS NULL OR \(column)HLC < excluded.\(column)HLC
            """, arguments: [articleId, value ? 1 : 0, hlc.description])
        try notifyStateChanged(db)
    }

    /// article_state is a WITHOUT ROWID table, whose writes SQLite's update hook never reports, so
    /// observers (`timelineUpdates` and the rest) are told here; without observers it costs nothing.
    static func notifyStateChanged(_ db: Database) throws {
        try db.notifyChanges(in: Table("article_state"))
    }

    /// This store's client id, made once; it names the node of every HLC the store issues.
    static func clientId(_ db: Database) throws -> String {
        if let id = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'clientId'") { return id }
        let id = UUID().uuidString.lowercased()
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('clientId', ?)", arguments: [id])
        return id
    }

    /// Loads the clock from the store, so readings stay monotonic across processes and restarts.
    static func clock(_ db: Database) throws -> HybridLogicalClock {
        let node = try clientId(db)
        let last = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'hlc'").flatMap(HLC.init)
        return HybridLogicalClock(node: node, last: last)
    }

    /// Marks read, at `hlc`, every article the content log delivered up to `seq` (optionally of one
    /// source) and queues the one `markReadUpTo` mutation that tells the server; returns its `mid`.
    static func markReadUpTo(_ db: Database, seq: Int64, sourceId: String?, hlc: HLC) throws -> Int64 {
        var arguments: StatementArguments = [hlc.description, seq]
        var sourceFilter = ""
        if let sourceId { sourceFilter = "AND sourceId = ?"; arguments += [sourceId] }
        try db.execute(sql: """
            INSERT INTO article_state(articleId, read, readHLC)
            SELECT id, 1, ? FROM article WHERE seq <= ? \(sourceFilter)
            ON CONFLICT(articleId) DO UPDATE SET read = 1, readHLC = excluded.readHLC
            WHERE readHLC IS NULL OR readHLC < excluded.readHLC
            """, arguments: arguments)
        try db.execute(sql: """
            INSERT INTO state_journal(op, upToSeq, sourceId, hlc, createdAt) VALUES ('markReadUpTo', ?, ?, ?, ?)
            """, arguments: [seq, sourceId, hlc.description, hlc.wallMillis])
        let mid = db.lastInsertedRowID
        try notifyStateChanged(db)
        return mid
    }

    static func save(_ clock: HybridLogicalClock, _ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('hlc', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [clock.last.description])
    }

    /// Writes pulled flags (newer HLC wins) and advances the local clock past them; `now` reads the
    /// wall clock in epoch milliseconds.
    static func merge(_ db: Database, _ changes: [ArticleState], now: () -> Int64) throws {
        var clock = try LocalState.clock(db)
        for change in changes {
            for field in StateField.allCases {
                guard let value = change[field] else { continue }
                try LocalState.write(db, articleId: change.articleId, field: field, value: value.value, hlc: value.hlc)
                clock.observe(value.hlc, now: now())
            }
        }
        try LocalState.save(clock, db)
    }
}

extension NewsStore {
    /// Sets one flag on articles (by protocol id) locally: for each, the state row and a journal entry
    /// are written in the same transaction, so a crash can never keep one without the other.
    @discardableResult
    public func set(_ field: StateField, to value: Bool, articleIds: [String]) throws(StoreError) -> [StateMutation] {
        try write { db in
            var clock = try LocalState.clock(db)
            var mutations: [StateMutation] = []
            for id in articleIds {
                let hlc = clock.tick(now: nowMillis)
                try LocalState.write(db, articleId: id, field: field, value: value, hlc: hlc)
                try db.execute(sql: """
                    INSERT INTO state_journal(op, articleId, field, value, hlc, createdAt) VALUES ('set', ?, ?, ?, ?, ?)
                    """, arguments: [id, field.rawValue, value ? 1 : 0, hlc.description, hlc.wallMillis])
                mutations.append(.set(mid: db.lastInsertedRowID, articleId: id, field: field, value: value, hlc: hlc))
            }
            try LocalState.save(clock, db)
            return mutations
        }
    }

    /// Marks read every article the content log delivered up to `seq` (optionally of one source), and
    /// queues one `markReadUpTo` mutation. Articles that arrive later stay unread.
    @discardableResult
    public func markRead(upToSeq seq: Int64, sourceId: String? = nil) throws(StoreError) -> StateMutation {
        try write { db in
            var clock = try LocalState.clock(db)
            let hlc = clock.tick(now: nowMillis)
            let mid = try LocalState.markReadUpTo(db, seq: seq, sourceId: sourceId, hlc: hlc)
            try LocalState.save(clock, db)
            return .markReadUpTo(mid: mid, seq: seq, sourceId: sourceId, hlc: hlc)
        }
    }

    /// The flags of one article (empty when never set). State may exist for articles not stored.
    public func state(articleId: String) throws(StoreError) -> ArticleState {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM article_state WHERE articleId = ?", arguments: [articleId]) else {
                return ArticleState(articleId: articleId)
            }
            return LocalState.decodeState(row, articleId: articleId)
        }
    }

    /// Merges state pulled from a server: per flag, the newer HLC wins. Unsent local changes carry
    /// newer clocks than anything the server saw, so a pull never overwrites a change still in flight.
    public func mergeState(_ changes: [ArticleState]) throws(StoreError) {
        try write { db in try LocalState.merge(db, changes, now: { nowMillis }) }
    }

    /// Queued local mutations in `mid` order, oldest first.
    public func pendingMutations(limit: Int = 500) throws(StoreError) -> [StateMutation] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM state_journal ORDER BY mid LIMIT ?", arguments: [limit]).compactMap { row in
                guard let hlc = HLC(row["hlc"] as String) else { return nil }
                let mid: Int64 = row["mid"]
                if (row["op"] as String) == "markReadUpTo" {
                    return .markReadUpTo(mid: mid, seq: row["upToSeq"], sourceId: row["sourceId"], hlc: hlc)
                }
                guard let field = StateField(rawValue: row["field"]) else { return nil }
                return .set(mid: mid, articleId: row["articleId"], field: field, value: (row["value"] as Int) == 1, hlc: hlc)
            }
        }
    }

    /// Drops journal entries the server has acknowledged (all with `mid` ≤ `mid`).
    public func acknowledgeMutations(through mid: Int64) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM state_journal WHERE mid <= ?", arguments: [mid]) }
    }

    /// This store's client id (made on first use).
    public func clientId() throws(StoreError) -> String {
        try write { db in try LocalState.clientId(db) }
    }
}
