import Foundation
import GRDB
import NewsModels

/// Which articles a timeline shows. Filters combine (e.g. unread articles of one source).
public struct TimelineQuery: Sendable, Hashable {
    /// Only articles not marked read.
    public var unreadOnly = false
    /// Only starred articles.
    public var starredOnly = false
    /// Only articles from this source id.
    public var sourceId: String?
    /// Only articles of this story id.
    public var storyId: String?
    /// Only articles published at or after this time.
    public var since: Timestamp?
    /// Page size.
    public var limit = 50
    /// Continue after this entry (keyset paging: pass the last entry of the previous page).
    public var after: TimelineEntry.PageKey?

    /// Creates a query; the default is every article, newest first, 50 at a time.
    public init(unreadOnly: Bool = false, starredOnly: Bool = false, sourceId: String? = nil, storyId: String? = nil,
                since: Timestamp? = nil, limit: Int = 50, after: TimelineEntry.PageKey? = nil) {
        self.unreadOnly = unreadOnly
        self.starredOnly = starredOnly
        self.sourceId = sourceId
        self.storyId = storyId
        self.since = since
        self.limit = limit
        self.after = after
    }
}

/// One line of a timeline: enough to list an article without decoding its body.
public struct TimelineEntry: Sendable, Hashable {
    /// The short number people type (`paperboy read 42`); stable for the article's life in this store.
    public var number: Int64
    /// The article's protocol id.
    public var id: String
    /// Current revision.
    public var rev: Int
    /// Headline.
    public var title: String
    /// Source id.
    public var sourceId: String
    /// Source display name.
    public var sourceName: String
    /// Story id, when grouped.
    public var storyId: String?
    /// Publication time.
    public var publishedAt: Timestamp
    /// Whether it is marked read.
    public var isRead: Bool
    /// Whether it is starred.
    public var isStarred: Bool

    /// Where a page ended, to continue after it.
    public struct PageKey: Sendable, Hashable {
        let publishedAt: Int64
        let number: Int64
    }

    /// The key to pass as `TimelineQuery.after` for the next page.
    public var pageKey: PageKey { PageKey(publishedAt: publishedAt.epochMilliseconds, number: number) }

    /// Creates an entry (for renderers and tests; the store builds its own from rows).
    public init(number: Int64, id: String, rev: Int, title: String, sourceId: String, sourceName: String, storyId: String?,
                publishedAt: Timestamp, isRead: Bool, isStarred: Bool) {
        self.number = number; self.id = id; self.rev = rev; self.title = title; self.sourceId = sourceId
        self.sourceName = sourceName; self.storyId = storyId; self.publishedAt = publishedAt
        self.isRead = isRead; self.isStarred = isStarred
    }

    init(row: Row) {
        number = row["num"]
        id = row["id"]
        rev = row["rev"]
        title = row["title"]
        sourceId = row["sourceId"]
        sourceName = row["sourceName"] ?? row["sourceId"]
        storyId = row["storyId"]
        publishedAt = Timestamp(epochMilliseconds: row["publishedAt"], offsetMinutes: row["publishedOffset"])
        isRead = (row["read"] as Int?) == 1
        isStarred = (row["starred"] as Int?) == 1
    }

    static let columns = """
        a.num, a.id, a.rev, a.title, a.sourceId, s.name AS sourceName, a.storyId, a.publishedAt, a.publishedOffset,
        st.read, st.starred
        """
    static let joins = """
        LEFT JOIN source s ON s.id = a.sourceId
        LEFT JOIN article_state st ON st.articleId = a.id
        """
}

/// An article as stored, with its local number and state.
public struct StoredArticle: Sendable, Hashable {
    /// The short number people type.
    public var number: Int64
    /// The content-log seq that delivered this revision (nil for direct feeds).
    public var seq: Int64?
    /// The article.
    public var article: Article
    /// The user's flags for it.
    public var state: ArticleState

    /// Creates a stored article (for renderers and tests).
    public init(number: Int64, seq: Int64?, article: Article, state: ArticleState) {
        self.number = number; self.seq = seq; self.article = article; self.state = state
    }
}

extension NewsStore {
    /// A page of the timeline, newest first (ties broken by arrival order).
    public func timeline(_ query: TimelineQuery) throws(StoreError) -> [TimelineEntry] {
        try read { db in try Self.fetchTimeline(db, query) }
    }

    static func fetchTimeline(_ db: Database, _ query: TimelineQuery) throws -> [TimelineEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if query.unreadOnly { conditions.append("IFNULL(st.read, 0) = 0") }
        if query.starredOnly { conditions.append("st.starred = 1") }
        if let source = query.sourceId { conditions.append("a.sourceId = ?"); arguments += [source] }
        if let story = query.storyId { conditions.append("a.storyId = ?"); arguments += [story] }
        if let since = query.since { conditions.append("a.publishedAt >= ?"); arguments += [since.epochMilliseconds] }
        if let after = query.after {
            conditions.append("(a.publishedAt, a.num) < (?, ?)")
            arguments += [after.publishedAt, after.number]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(0, query.limit)]
        let sql = """
            SELECT \(TimelineEntry.columns) FROM article a \(TimelineEntry.joins)
            \(filter) ORDER BY a.publishedAt DESC, a.num DESC LIMIT ?
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(TimelineEntry.init)
    }

    /// The article with this protocol id, if stored.
    public func article(id: String) throws(StoreError) -> StoredArticle? {
        try read { db in try Self.fetchStored(db, where: "a.id = ?", [id]) }
    }

    /// Finds an article from what a user typed: its short number, its full id, or a unique id prefix.
    public func resolve(_ reference: String) throws(StoreError) -> StoredArticle {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        guard !ref.isEmpty else { throw .articleNotFound(reference) }
        let found: StoredArticle? = try read { db in
            if let number = Int64(ref), number > 0, let hit = try Self.fetchStored(db, where: "a.num = ?", [number]) { return hit }
            if let hit = try Self.fetchStored(db, where: "a.id = ?", [ref]) { return hit }
            // A unique prefix of the id; the range keeps the lookup on the id index.
            let ids = try String.fetchAll(db, sql: "SELECT id FROM article WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                                          arguments: [ref, ref + "\u{10FFFF}"])
            if ids.count > 1 { throw StoreError.ambiguousReference(ref, candidates: ids) }
            guard let id = ids.first else { return nil }
            return try Self.fetchStored(db, where: "a.id = ?", [id])
        }
        guard let found else { throw .articleNotFound(ref) }
        return found
    }

    private static func fetchStored(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> StoredArticle? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.num, a.seq, a.json, st.articleId AS stateId, st.read, st.readHLC, st.starred, st.starredHLC
            FROM article a LEFT JOIN article_state st ON st.articleId = a.id WHERE \(condition)
            """, arguments: arguments)
        else { return nil }
        let json: Data = row["json"]
        let article = try NewsJSON.decode(Article.self, from: json)
        return StoredArticle(number: row["num"], seq: row["seq"], article: article, state: LocalState.decodeState(row, articleId: article.id))
    }

    /// Counts for `paperboy status`.
    public func counts() throws(StoreError) -> StoreCounts {
        try read { db in try Self.fetchCounts(db) }
    }

    static func fetchCounts(_ db: Database) throws -> StoreCounts {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM article) AS articles,
                   (SELECT count(*) FROM article a JOIN article_state st ON st.articleId = a.id WHERE st.read = 1) AS read,
                   (SELECT count(*) FROM article a JOIN article_state st ON st.articleId = a.id WHERE st.starred = 1) AS starred,
                   (SELECT count(*) FROM source) AS sources,
                   (SELECT count(DISTINCT storyId) FROM article WHERE storyId IS NOT NULL) AS stories,
                   (SELECT count(*) FROM state_journal) AS pending
            """) else { return StoreCounts(articles: 0, unread: 0, starred: 0, sources: 0, stories: 0, pendingMutations: 0) }
        let articles: Int = row["articles"], read: Int = row["read"]
        return StoreCounts(articles: articles, unread: articles - read, starred: row["starred"], sources: row["sources"],
                           stories: row["stories"], pendingMutations: row["pending"])
    }
}

/// Totals over the whole store.
public struct StoreCounts: Sendable, Hashable {
    /// Stored articles.
    public var articles: Int
    /// Stored articles not marked read.
    public var unread: Int
    /// Stored articles starred.
    public var starred: Int
    /// Known sources.
    public var sources: Int
    /// Stories with at least one stored article.
    public var stories: Int
    /// Local state changes not yet acknowledged by a server.
    public var pendingMutations: Int
}
