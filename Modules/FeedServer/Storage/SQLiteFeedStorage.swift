import Foundation
import GRDB
import NewsModels
import Stories

/// `FeedStorage` in one SQLite file through GRDB (WAL, one writer, many readers).
///
/// The log keeps each change's exact NDJSON bytes, so a segment is the concatenation of stored lines
/// and its bytes (and ETag) cannot drift once sealed.
public final class SQLiteFeedStorage: FeedStorage {
    let pool: DatabasePool
    /// Groups imported articles into stories; rebuilt from the stored articles around each batch.
    let stories: StoryAssigner

    /// Opens (creating and migrating if needed) the database at `path`.
    public init(path: String, storyConfiguration: StoryGrouper.Configuration = .init()) throws {
        stories = StoryAssigner(configuration: storyConfiguration)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        PrivateDatabaseFile.prepare(path)  // token hashes and users' reading history
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw FeedStorageError.notAServerDatabase(path)
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE source (id TEXT PRIMARY KEY, json BLOB NOT NULL);
                CREATE TABLE article (
                    id TEXT PRIMARY KEY, rev INTEGER NOT NULL, firstSeq INTEGER NOT NULL, seq INTEGER NOT NULL,
                    sourceId TEXT NOT NULL, storyId TEXT, contentHash TEXT NOT NULL, json BLOB NOT NULL);
                CREATE INDEX article_first_seq ON article(firstSeq);
                CREATE INDEX article_source_first_seq ON article(sourceId, firstSeq);
                CREATE TABLE log (
                    seq INTEGER PRIMARY KEY, op TEXT NOT NULL CHECK (op IN ('put', 'del')),
                    articleId TEXT NOT NULL, rev INTEGER, line BLOB NOT NULL, committedAt INTEGER NOT NULL);
                CREATE TABLE user (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,
                    stateSeq INTEGER NOT NULL DEFAULT 0, createdAt INTEGER NOT NULL);
                CREATE TABLE device_token (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, userId INTEGER NOT NULL REFERENCES user(id),
                    tokenHash TEXT NOT NULL UNIQUE, label TEXT, createdAt INTEGER NOT NULL, revokedAt INTEGER);
                CREATE TABLE article_state (
                    userId INTEGER NOT NULL, articleId TEXT NOT NULL,
                    read INTEGER, readHLC TEXT, starred INTEGER, starredHLC TEXT, stateSeq INTEGER NOT NULL,
                    PRIMARY KEY (userId, articleId));
                CREATE INDEX article_state_seq ON article_state(userId, stateSeq);
                CREATE TABLE client_mid (
                    userId INTEGER NOT NULL, clientId TEXT NOT NULL, lastMid INTEGER NOT NULL,
                    PRIMARY KEY (userId, clientId));
                INSERT INTO meta (key, value) VALUES ('head', '0'), ('oldest', '0');
                """)
        }
        migrator.registerMigration("v2-snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE snapshot_chunk (
                    seq INTEGER NOT NULL, chunk INTEGER NOT NULL, articles INTEGER NOT NULL, body BLOB NOT NULL,
                    PRIMARY KEY (seq, chunk));
                CREATE INDEX log_committed_at ON log(committedAt);
                """)
        }
        migrator.registerMigration("v3-upstream-feeds") { db in
            // Outlets' own feeds the server polls (`paperboy-server feed add`), with the validators of
            // the last good response and the backoff state of a failing feed.
            try db.execute(sql: """
                CREATE TABLE upstream_feed (
                    url TEXT PRIMARY KEY, intervalSeconds INTEGER NOT NULL, addedAt INTEGER NOT NULL,
                    title TEXT, etag TEXT, lastModified TEXT, validatorsAt INTEGER, bodyHash TEXT,
                    lastPolledAt INTEGER, lastSuccessAt INTEGER, nextPollAt INTEGER NOT NULL,
                    failures INTEGER NOT NULL DEFAULT 0, lastError TEXT);
                CREATE INDEX upstream_feed_due ON upstream_feed(nextPollAt);
                """)
        }
        migrator.registerMigration("v4-stories") { db in
            // Story grouping reads the articles published around each import, so the publication time
            // needs a column and an index; existing rows are filled from their JSON.
            try db.execute(sql: "ALTER TABLE article ADD COLUMN publishedAt INTEGER")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, json FROM article")
            let update = try db.makeStatement(sql: "UPDATE article SET publishedAt = ? WHERE id = ?")
            while let row = try rows.next() {
                let article = try NewsJSON.decode(Article.self, from: row["json"] as Data)
                try update.execute(arguments: [article.publishedAt.epochMilliseconds, row["id"] as String])
            }
            try db.execute(sql: "CREATE INDEX article_published ON article(publishedAt)")
        }
        migrator.registerMigration("v5-article-origin", migrate: registerArticleOrigin)
        registerClientLimitMigrations(&migrator)
        migrator.registerMigration("v6-app-apis", migrate: registerAppAPIs)
        return migrator
    }

    // MARK: Log

    public func logBounds() throws -> LogBounds {
        // Asked on every content request: one statement, and no transaction around it (a single
        // SELECT already sees one consistent state of the meta table).
        try pool.unsafeReentrantRead { db in
            var values: [String: Int64] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT key, value FROM meta WHERE key IN ('head', 'oldest', 'snapshotSeq', 'snapshotChunks')")
            while let row = try rows.next() {
                values[row[0]] = Int64(row[1] as String)
            }
            let snapshot = values["snapshotSeq"].map { ($0, Int(values["snapshotChunks"] ?? 0)) }
            return LogBounds(head: values["head"] ?? 0, oldest: values["oldest"] ?? 0, snapshot: snapshot)
        }
    }

    public func logLines(in range: ClosedRange<Int64>) throws -> [Data] {
        try pool.read { db in
            try Data.fetchAll(
                db, sql: "SELECT line FROM log WHERE seq BETWEEN ? AND ? ORDER BY seq",
                arguments: [range.lowerBound, range.upperBound])
        }
    }

    public func importArticles(_ articles: [Article]) throws -> ImportSummary {
        try importArticles(articles, keepingDatesOf: [])
    }

    /// `importArticles`, where the articles named in `undated` had no date in their feed (they carry
    /// the poll time): a stored copy keeps its first date, so such an item is not revised every poll.
    /// `origin` (an upstream feed's URL) owns the articles it stores: no other origin revises them.
    ///
    /// Every article gets its `storyId` from the story grouper. A stored article keeps its story; one
    /// whose story changes (it had none, or a new date moved it weeks away) is written as a new revision,
    /// so clients learn of the move through the log like any other edit.
    public func importArticles(_ articles: [Article], keepingDatesOf undated: Set<String>, origin: String? = nil) throws -> ImportSummary {
        // An id no client may send back in a mark (ClientFieldLimits) would leave that article's
        // read state stuck on every device: refuse the batch before anything is written.
        let limits = ClientFieldLimits()
        for article in articles {
            if article.id.utf8.count > limits.articleIdBytes {
                throw FeedStorageError.idTooLong(field: "id", value: article.id, bytes: article.id.utf8.count, limit: limits.articleIdBytes)
            }
            if article.source.id.utf8.count > limits.sourceIdBytes {
                throw FeedStorageError.idTooLong(field: "source id", value: article.source.id, bytes: article.source.id.utf8.count, limit: limits.sourceIdBytes)
            }
        }
        // Hashing is most of an import's work and needs nothing from the database: do it on every
        // core before taking the write lock.
        var prepared = Self.hashed(articles)
        return try pool.write { db in
            var summary = ImportSummary()
            var head = try Self.meta(db, "head") ?? 0
            let now = Timestamp.now().epochMilliseconds
            var sourcesWritten: [String: Source] = [:]
            // Dates first: stories are grouped by the date the article will be stored with.
            for index in prepared.indices where undated.contains(prepared[index].id) {
                if let published = try Self.storedPublishedAt(db, id: prepared[index].id) {
                    prepared[index].publishedAt = published
                    prepared[index].contentHash = prepared[index].computeContentHash()
                }
            }
            prepared = try Self.withoutForeignRevisions(db, prepared, origin: origin, refused: &summary.refused)
            try catchUpStories(db, head: head)
            let batch = try stories.assign(prepared) { range in try Self.groupedArticles(db, publishedIn: range) }
            for (var article, assignment) in zip(prepared, batch.assignments) {
                article.storyId = assignment.storyId
                // The stored JSON is read only for a real revision: re-imports are mostly unchanged.
                let stored = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT rev, firstSeq, contentHash, storyId FROM article WHERE id = ?"),
                    arguments: [article.id])
                var firstSeq = head + 1
                if let stored {
                    if (stored["contentHash"] as String) == article.contentHash, (stored["storyId"] as String?) == article.storyId {
                        summary.unchanged += 1
                        continue
                    }
                    let storedJSON = try Data.fetchOne(
                        db.cachedStatement(sql: "SELECT json FROM article WHERE id = ?"), arguments: [article.id]) ?? Data()
                    let previous = try NewsJSON.decode(Article.self, from: storedJSON)
                    article.rev = (stored["rev"] as Int) + 1
                    article.changedFields = article.changedFields(comparedTo: previous)
                    firstSeq = stored["firstSeq"]
                    summary.revised += 1
                } else {
                    article.rev = 1
                    summary.added += 1
                    if assignment.isNewStory { summary.newStories += 1 }
                }
                head += 1
                try Self.writeArticle(db, article, seq: head, firstSeq: firstSeq, committedAt: now, origin: origin)
                if sourcesWritten[article.source.id] != article.source {
                    sourcesWritten[article.source.id] = article.source
                    try db.cachedStatement(
                        sql: "INSERT INTO source (id, json) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json"
                    ).execute(arguments: [article.source.id, try NewsJSON.encode(article.source)])
                }
            }
            // After the batch, whose own articles already carry the surviving ids.
            summary.moved = try Self.moveMergedStories(db, batch.merges, head: &head, committedAt: now)
            summary.mergedStories = batch.merges.count
            try Self.setMeta(db, "head", head)
            stories.hostMark = head
            summary.head = head
            return summary
        }
    }

    /// Appends `article` to the log as `seq` and stores it (one encoding shared by both); a stored
    /// article keeps its `origin`, a new one takes `origin`.
    static func writeArticle(
        _ db: Database, _ article: Article, seq: Int64, firstSeq: Int64, committedAt: Int64, origin: String? = nil
    ) throws {
        let json = try NewsJSON.encode(article)
        try db.cachedStatement(
            sql: "INSERT INTO log (seq, op, articleId, rev, line, committedAt) VALUES (?, 'put', ?, ?, ?, ?)"
        ).execute(arguments: [seq, article.id, article.rev, putLine(seq: seq, articleJSON: json), committedAt])
        try db.cachedStatement(
            sql: """
                INSERT INTO article (id, rev, firstSeq, seq, sourceId, storyId, contentHash, json, publishedAt, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET rev = excluded.rev, seq = excluded.seq,
                    sourceId = excluded.sourceId, storyId = excluded.storyId,
                    contentHash = excluded.contentHash, json = excluded.json, publishedAt = excluded.publishedAt,
                    origin = COALESCE(article.origin, excluded.origin)
                """
        ).execute(arguments: [
            article.id, article.rev, firstSeq, seq, article.source.id, article.storyId, article.contentHash, json,
            article.publishedAt.epochMilliseconds, origin,
        ])
    }

    public func deleteArticle(id: String, reason: DeletionReason) throws -> Int64? {
        try pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [id]) != nil else { return nil }
            let seq = (try Self.meta(db, "head") ?? 0) + 1
            let line = try NewsJSON.encode(Change.del(seq: seq, id: id, reason: reason))
            try db.execute(
                sql: "INSERT INTO log (seq, op, articleId, rev, line, committedAt) VALUES (?, 'del', ?, NULL, ?, ?)",
                arguments: [seq, id, line, Timestamp.now().epochMilliseconds])
            try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [id])
            try Self.setMeta(db, "head", seq)
            return seq
        }
    }

    /// `articles` with `changedFields` cleared and `contentHash` computed, in parallel.
    private static func hashed(_ articles: [Article]) -> [Article] {
        var result = articles
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, articles.count / 64))
        result.withUnsafeMutableBufferPointer { buffer in
            let base = UnsafeMutableSendablePointer(buffer.baseAddress)
            let count = buffer.count
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                // Each worker owns a disjoint stride of indices, so no element is touched twice.
                for index in stride(from: worker, to: count, by: workers) {
                    guard let pointer = base.pointer?.advanced(by: index) else { continue }
                    pointer.pointee.changedFields = nil
                    pointer.pointee.contentHash = pointer.pointee.computeContentHash()
                }
            }
        }
        return result
    }

    // MARK: Clock

    public func newestStateHLC() throws -> HLC? {
        try pool.read { db in
            // HLC strings sort in clock order, so the text maximum is the newest reading.
            try String.fetchOne(
                db, sql: "SELECT MAX(MAX(IFNULL(readHLC, '')), MAX(IFNULL(starredHLC, ''))) FROM article_state"
            ).flatMap(HLC.init)
        }
    }

    // MARK: Helpers

    static func storedPublishedAt(_ db: Database, id: String) throws -> Timestamp? {
        let json = try Data.fetchOne(db.cachedStatement(sql: "SELECT json FROM article WHERE id = ?"), arguments: [id])
        return try json.map { try NewsJSON.decode(Article.self, from: $0).publishedAt }
    }

    static func meta(_ db: Database, _ key: String) throws -> Int64? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]).flatMap { Int64($0) }
    }

    static func setMeta(_ db: Database, _ key: String, _ value: Int64) throws {
        try db.execute(
            sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, String(value)])
    }
}

/// A buffer pointer handed to `concurrentPerform` workers that write disjoint elements (@unchecked:
/// no two workers touch one element, and the buffer outlives the call).
private struct UnsafeMutableSendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Article>?
    init(_ pointer: UnsafeMutablePointer<Article>?) { self.pointer = pointer }
}
