import Foundation
import GRDB
import NewsModels

extension SQLiteFeedStorage {
    // MARK: Schema

    /// Passwords for the app APIs, outlet numbers (a trigger numbers every new source, so imports need
    /// not know about them) and an index to find a story's reports.
    static func registerAppAPIs(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE user ADD COLUMN passwordHash TEXT;
            CREATE TABLE source_number (number INTEGER PRIMARY KEY AUTOINCREMENT, sourceId TEXT NOT NULL UNIQUE);
            INSERT INTO source_number (sourceId) SELECT id FROM source ORDER BY rowid;
            CREATE TRIGGER source_numbered AFTER INSERT ON source BEGIN
                INSERT OR IGNORE INTO source_number (sourceId) VALUES (NEW.id);
            END;
            CREATE INDEX article_story ON article(storyId);
            """)
    }

    // MARK: Passwords

    public func setPasswordHash(userName: String, hash: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE user SET passwordHash = ? WHERE name = ?", arguments: [hash, userName])
            guard db.changesCount > 0 else { throw FeedStorageError.unknownUser(userName) }
        }
    }

    public func passwordHash(userName: String) throws -> AppLogin? {
        try login(where: "name = ?", userName)
    }

    public func passwordHash(userId: Int64) throws -> AppLogin? {
        try login(where: "id = ?", userId)
    }

    private func login(where condition: String, _ value: some DatabaseValueConvertible) throws -> AppLogin? {
        let value = value.databaseValue
        return try pool.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name, passwordHash FROM user WHERE \(condition) AND passwordHash IS NOT NULL"),
                arguments: [value]
            ).map { AppLogin(userId: $0[0], name: $0[1], hash: $0[2]) }
        }
    }

    // MARK: Feeds and stories

    public func appFeeds(userId: Int64) throws -> [AppFeed] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.number, src.json,
                        (SELECT COUNT(*) FROM article a LEFT JOIN article_state s ON s.userId = ? AND s.articleId = a.id
                         WHERE a.sourceId = src.id AND IFNULL(s.read, 0) = 0) AS unread,
                        (SELECT MAX(publishedAt) FROM article a WHERE a.sourceId = src.id) AS newest
                    FROM source src JOIN source_number n ON n.sourceId = src.id
                    """,
                arguments: [userId])
            return try rows.map { row in
                AppFeed(
                    number: row["number"], source: try NewsJSON.decode(Source.self, from: row["json"] as Data),
                    unread: row["unread"], newestPublished: row["newest"])
            }.sorted { ($0.source.name.lowercased(), $0.number) < ($1.source.name.lowercased(), $1.number) }
        }
    }

    public func multiOutletStories(limit: Int) throws -> [AppStory] {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT storyId, MAX(publishedAt) AS latest FROM article WHERE storyId IS NOT NULL
                    GROUP BY storyId HAVING COUNT(DISTINCT sourceId) > 1 ORDER BY latest DESC, storyId LIMIT ?
                    """,
                arguments: [limit])
            return try rows.compactMap { row in
                let reports = try Row.fetchAll(
                    db.cachedStatement(sql: "SELECT firstSeq, json FROM article WHERE storyId = ? ORDER BY publishedAt, firstSeq LIMIT 50"),
                    arguments: [row["storyId"] as String]
                ).map { row in
                    let article = try NewsJSON.decode(Article.self, from: row["json"] as Data)
                    return (number: row["firstSeq"] as Int64, source: article.source.name, title: article.title, url: article.url)
                }
                guard let first = reports.first else { return nil }
                return AppStory(id: row["storyId"], headline: first.title, reports: reports, latest: row["latest"])
            }
        }
    }

    /// The label of `storyId` when more than one outlet covers it.
    private static func storyLabel(_ db: Database, storyId: String) throws -> String? {
        let outlets = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(DISTINCT sourceId) FROM article WHERE storyId = ?"), arguments: [storyId]) ?? 0
        guard outlets > 1,
            let json = try Data.fetchOne(
                db.cachedStatement(sql: "SELECT json FROM article WHERE storyId = ? ORDER BY publishedAt, firstSeq LIMIT 1"),
                arguments: [storyId])
        else { return nil }
        return "Story: " + (try NewsJSON.decode(Article.self, from: json).title)
    }

    // MARK: Items

    public func appItems(userId: Int64, query: AppItemQuery) throws -> [AppItem] {
        let (filter, arguments) = Self.itemFilter(query, userId: userId, positioned: true)
        let direction = query.descending ? "DESC" : "ASC"
        let order = query.order == .published
            ? "a.publishedAt \(direction), a.firstSeq \(direction)" : "a.firstSeq \(direction)"
        return try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.firstSeq, a.json, a.storyId, n.number, IFNULL(s.read, 0) AS read, IFNULL(s.starred, 0) AS starred,
                        IFNULL(f.committedAt, a.publishedAt) AS arrivedAt
                    \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [max(0, query.limit), max(0, query.offset)])
            var labels: [String: String?] = [:]
            return try rows.map { row in
                var label: String?
                if let storyId = row["storyId"] as String? {
                    if let known = labels[storyId] { label = known } else {
                        label = try Self.storyLabel(db, storyId: storyId)
                        labels[storyId] = label
                    }
                }
                return AppItem(
                    number: row["firstSeq"], article: try NewsJSON.decode(Article.self, from: row["json"] as Data),
                    feedNumber: row["number"], read: row["read"], starred: row["starred"], arrivedAt: row["arrivedAt"],
                    storyLabel: label)
            }
        }
    }

    public func appItemCount(userId: Int64, query: AppItemQuery) throws -> Int {
        let (filter, arguments) = Self.itemFilter(query, userId: userId, positioned: false)
        return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) \(filter)", arguments: arguments) ?? 0 }
    }

    /// The FROM and WHERE clauses selecting `query`'s items (with its continuation when `positioned`).
    private static func itemFilter(_ query: AppItemQuery, userId: Int64, positioned: Bool) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = [userId]
        func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
            conditions.append(condition)
            arguments += StatementArguments(values.map(\.databaseValue))
        }
        if let feed = query.feedNumber { add("n.number = ?", [feed]) }
        if let story = query.storyId { add("a.storyId = ?", [story]) }
        if let read = query.read { add("IFNULL(s.read, 0) = ?", [read]) }
        if let starred = query.starred { add("IFNULL(s.starred, 0) = ?", [starred]) }
        if let numbers = query.numbers {
            add("a.firstSeq IN (\(numbers.isEmpty ? "NULL" : Array(repeating: "?", count: numbers.count).joined(separator: ",")))", numbers)
        }
        if let from = query.publishedFrom { add("a.publishedAt >= ?", [from]) }
        if let before = query.publishedBefore { add("a.publishedAt < ?", [before]) }
        if let above = query.numberAbove { add("a.firstSeq > ?", [above]) }
        if let below = query.numberBelow { add("a.firstSeq < ?", [below]) }
        if let changed = query.changedAfter {
            // HLC text starts with the 16-digit wall time, so a padded time compares in clock order.
            let clock = String(repeating: "0", count: max(0, 16 - String(changed + 1).count)) + String(changed + 1)
            add("(IFNULL(c.committedAt, 0) > ? OR IFNULL(s.readHLC, '') >= ? OR IFNULL(s.starredHLC, '') >= ?)", [changed, clock, clock])
        }
        if positioned, let after = query.after {
            let (before, sign) = query.descending ? ("<", "<") : (">", ">")
            add("(a.publishedAt \(before) ? OR (a.publishedAt = ? AND a.firstSeq \(sign) ?))", [after.published, after.published, after.number])
        }
        let from = """
            FROM article a JOIN source_number n ON n.sourceId = a.sourceId
            LEFT JOIN article_state s ON s.userId = ? AND s.articleId = a.id
            LEFT JOIN log f ON f.seq = a.firstSeq
            \(query.changedAfter == nil ? "" : "LEFT JOIN log c ON c.seq = a.seq")
            """
        return (from + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")), arguments)
    }

    // MARK: Marks

    public func setAppState(userId: Int64, numbers: [Int64], field: StateField, value: Bool, hlc: HLC) throws -> Int {
        try pool.write { db in
            var stateSeq = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            var known = 0
            for number in Set(numbers).sorted() {
                guard let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM article WHERE firstSeq = ?"), arguments: [number])
                else { continue }
                known += 1
                stateSeq += 1
                try Self.setField(db, userId: userId, articleId: id, field: field, value: value, hlc: hlc, stateSeq: stateSeq)
            }
            try db.execute(sql: "UPDATE user SET stateSeq = ? WHERE id = ?", arguments: [stateSeq, userId])
            return known
        }
    }

    public func toggleAppStar(userId: Int64, number: Int64, hlc: HLC) throws -> Bool? {
        try pool.write { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM article WHERE firstSeq = ?", arguments: [number]) else { return nil }
            let starred = try Bool.fetchOne(
                db, sql: "SELECT starred FROM article_state WHERE userId = ? AND articleId = ?", arguments: [userId, id]) ?? false
            let stateSeq = (try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0) + 1
            try Self.setField(db, userId: userId, articleId: id, field: .starred, value: !starred, hlc: hlc, stateSeq: stateSeq)
            try db.execute(sql: "UPDATE user SET stateSeq = ? WHERE id = ?", arguments: [stateSeq, userId])
            return !starred
        }
    }

    public func markAppItemsRead(userId: Int64, feedNumber: Int64?, arrivedBy: Int64?, hlc: HLC) throws {
        try pool.write { db in
            let seq: Int64
            if let arrivedBy {
                seq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM log WHERE committedAt <= ?", arguments: [arrivedBy]) ?? 0
            } else {
                seq = try Self.meta(db, "head") ?? 0
            }
            var sourceId: String?
            if let feedNumber {
                sourceId = try String.fetchOne(db, sql: "SELECT sourceId FROM source_number WHERE number = ?", arguments: [feedNumber])
                guard sourceId != nil else { return }
            }
            let stateSeq = try Int64.fetchOne(db, sql: "SELECT stateSeq FROM user WHERE id = ?", arguments: [userId]) ?? 0
            let newSeq = try Self.markRead(db, userId: userId, marks: [ReadMark(seq: seq, sourceId: sourceId, hlc: hlc)], after: stateSeq)
            try db.execute(sql: "UPDATE user SET stateSeq = ? WHERE id = ?", arguments: [newSeq, userId])
        }
    }
}
