import Foundation
import GRDB
import NewsModels

/// What one `apply` did.
public struct ApplySummary: Sendable, Hashable {
    /// Articles stored for the first time.
    public var inserted = 0
    /// Articles replaced by a newer revision.
    public var updated = 0
    /// Articles removed by a tombstone.
    public var deleted = 0
    /// Changes that had no effect: a stale revision or a delete of a missing article.
    public var ignored = 0

    /// Creates an empty summary.
    public init() {}
}

extension NewsStore {
    /// Applies a batch of content-log changes and advances `remote`'s cursor to `cursor`, all in one
    /// transaction (PROTOCOL.md section 3): a `put` whose `rev` is not newer than the stored one, or
    /// whose source id is not the stored one's, is ignored, a `del` of a missing article is a no-op,
    /// state is never touched. Changes must be in increasing `seq` order and not beyond `cursor`. The
    /// cursor never moves backwards.
    @discardableResult
    public func apply(
        _ changes: [Change], remote: String, cursor: Int64, syncValues: [String: String?] = [:]
    ) throws(StoreError) -> ApplySummary {
        try apply(logged: changes.map { LoggedChange($0) }, remote: remote, cursor: cursor, syncValues: syncValues)
    }

    /// `apply` for changes read from log lines: each put's article JSON is stored as the line carried
    /// it rather than encoded again.
    @discardableResult
    public func apply(
        logged changes: [LoggedChange], remote: String, cursor: Int64, syncValues: [String: String?] = [:]
    ) throws(StoreError) -> ApplySummary {
        try write { db in
            var writer = try ChangeWriter(db, remote: remote)
            var previous: Int64 = 0
            for change in changes {
                guard change.seq > previous else {
                    throw StoreError.invalidChange(seq: change.seq, reason: "out of order after seq \(previous)")
                }
                guard change.seq <= cursor else {
                    throw StoreError.invalidChange(seq: change.seq, reason: "beyond the cursor \(cursor) the batch claims to cover")
                }
                previous = change.seq
                try writer.apply(change.change, articleJSON: change.articleJSON)
            }
            try SyncMeta.advanceCursor(db, remote: remote, to: cursor, at: nowMillis)
            try SyncMeta.set(db, remote: remote, syncValues)
            return writer.summary
        }
    }

    /// Stores articles that did not come through a content log (direct feeds, local imports): each one
    /// replaces the stored copy only when its `rev` is newer. No cursor moves.
    @discardableResult
    public func upsert(_ articles: [Article]) throws(StoreError) -> ApplySummary {
        try write { db in
            var writer = try ChangeWriter(db, remote: nil)
            for article in articles { try writer.put(article, seq: nil) }
            return writer.summary
        }
    }

    /// The last applied seq for `remote`, or nil before its first sync.
    public func cursor(for remote: String) throws(StoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM sync_cursor WHERE remote = ?", arguments: [remote]) }
    }
}

/// Writes changes with prepared statements reused across a batch: the hot path of every sync.
struct ChangeWriter {
    private let db: Database
    private let findArticle: Statement
    private let insertArticle: Statement
    private let updateArticle: Statement
    private let deleteArticle: Statement
    private let queueText: Statement
    private let unqueueText: Statement
    private let deleteText: Statement
    private let findTombstone: Statement
    private let insertTombstone: Statement
    private let deleteTombstone: Statement
    private let upsertSource: Statement
    private let upsertStory: Statement
    private let remote: String?
    private var knownSources: [String: Source] = [:]
    private(set) var summary = ApplySummary()

    init(_ db: Database, remote: String?) throws {
        self.db = db
        self.remote = remote
        findArticle = try db.cachedStatement(sql: "SELECT num, rev, sourceId FROM article WHERE id = ?")
        insertArticle = try db.cachedStatement(sql: """
            INSERT INTO article(id, rev, seq, sourceId, storyId, title, publishedAt, publishedOffset, updatedAt, contentHash, json, remote)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateArticle = try db.cachedStatement(sql: """
            UPDATE article SET rev = ?, seq = ?, sourceId = ?, storyId = ?, title = ?, publishedAt = ?, publishedOffset = ?,
                updatedAt = ?, contentHash = ?, json = ?, remote = COALESCE(?, remote) WHERE num = ?
            """)
        deleteArticle = try db.cachedStatement(sql: "DELETE FROM article WHERE num = ?")
        findTombstone = try db.cachedStatement(sql: "SELECT rev FROM tombstone WHERE id = ?")
        insertTombstone = try db.cachedStatement(sql: "INSERT OR REPLACE INTO tombstone(id, rev, seq) VALUES (?, ?, ?)")
        deleteTombstone = try db.cachedStatement(sql: "DELETE FROM tombstone WHERE id = ?")
        queueText = try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_backlog(num) VALUES (?)")
        unqueueText = try db.cachedStatement(sql: "DELETE FROM search_backlog WHERE num = ?")
        deleteText = try db.cachedStatement(sql: "DELETE FROM article_fts WHERE rowid = ?")
        upsertSource = try db.cachedStatement(sql: """
            INSERT INTO source(id, name, domain, url) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, domain = excluded.domain, url = excluded.url
            """)
        // A story's headline is its earliest article's title until the stories module chooses better.
        upsertStory = try db.cachedStatement(sql: """
            INSERT INTO story(id, headline, headlineAt) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, headlineAt = excluded.headlineAt
            WHERE excluded.headlineAt < story.headlineAt
            """)
    }

    /// Applies one change; `articleJSON`, when given, is stored as the article's JSON as is.
    mutating func apply(_ change: Change, articleJSON: Data? = nil) throws {
        switch change {
        case let .put(seq, article): try put(article, seq: seq, json: articleJSON)
        case let .del(seq, id, _): try delete(id, seq: seq)
        }
    }

    mutating func put(_ article: Article, seq: Int64?, json given: Data? = nil) throws {
        guard !article.id.isEmpty, article.rev >= 1, !article.source.id.isEmpty else {
            throw StoreError.invalidChange(seq: seq ?? 0, reason: "article needs a non-empty id and source id and a revision of 1 or more")
        }
        let existing = try Row.fetchOne(findArticle, arguments: [article.id])
        let num: Int64
        if let existing {
            let storedRev: Int = existing["rev"], storedSource: String = existing["sourceId"]
            // An article id belongs to its source: a revision filed under another source is not its outlet's.
            guard article.rev > storedRev, storedSource == article.source.id else {
                summary.ignored += 1
                return
            }
            num = existing["num"]
            let json = try given ?? NewsJSON.encode(article)
            try updateArticle.execute(arguments: [
                article.rev, seq, article.source.id, article.storyId, article.title, article.publishedAt.epochMilliseconds,
                article.publishedAt.offsetMinutes, article.updatedAt?.epochMilliseconds, article.contentHash, json, remote, num,
            ])
            try deleteText.execute(arguments: [num])
            summary.updated += 1
        } else {
            if let deletedRev = try Int.fetchOne(findTombstone, arguments: [article.id]) {
                // Only a revision newer than the one that was deleted may bring an article back.
                guard article.rev > deletedRev else {
                    summary.ignored += 1
                    return
                }
                try deleteTombstone.execute(arguments: [article.id])
            }
            let json = try given ?? NewsJSON.encode(article)
            try insertArticle.execute(arguments: [
                article.id, article.rev, seq, article.source.id, article.storyId, article.title, article.publishedAt.epochMilliseconds,
                article.publishedAt.offsetMinutes, article.updatedAt?.epochMilliseconds, article.contentHash, json, remote,
            ])
            num = db.lastInsertedRowID
            summary.inserted += 1
        }
        try queueText.execute(arguments: [num])
        if knownSources[article.source.id] != article.source {
            try upsertSource.execute(arguments: [article.source.id, article.source.name, article.source.domain, article.source.url])
            knownSources[article.source.id] = article.source
        }
        if let storyId = article.storyId {
            try upsertStory.execute(arguments: [storyId, article.title, article.publishedAt.epochMilliseconds])
        }
    }

    /// Counts a change the caller decided to skip.
    mutating func noteIgnored() { summary.ignored += 1 }

    mutating func delete(_ id: String, seq: Int64) throws {
        guard let existing = try Row.fetchOne(findArticle, arguments: [id]) else {
            summary.ignored += 1
            return
        }
        let num: Int64 = existing["num"], rev: Int = existing["rev"]
        try insertTombstone.execute(arguments: [id, rev, seq])
        try deleteText.execute(arguments: [num])
        try unqueueText.execute(arguments: [num])
        try deleteArticle.execute(arguments: [num])
        summary.deleted += 1
    }
}
