import Foundation
import GRDB
import NewsModels

/// A feed the reader polls itself, with the bookkeeping its conditional GETs need.
public struct SubscriptionRecord: Sendable, Hashable {
    /// The feed's URL, as subscribed.
    public var url: String
    /// The feed's own title, once polled (or the OPML title before that).
    public var title: String?
    /// The site the feed belongs to.
    public var homePage: String?
    /// The folder path it is filed under, outermost first (OPML folders).
    public var categories: [String]
    /// The source its articles are attributed to, once polled.
    public var sourceId: String?
    /// The last `ETag` the feed sent.
    public var etag: String?
    /// The last `Last-Modified` the feed sent.
    public var lastModified: String?
    /// When the validators were received; old ones are dropped rather than trusted forever.
    public var validatorsAt: Timestamp?
    /// Hex SHA-256 of the last body that was parsed, to skip parsing an unchanged body.
    public var bodyHash: String?
    /// When it was subscribed.
    public var addedAt: Timestamp
    /// When it was last polled, successfully or not.
    public var lastPolledAt: Timestamp?
    /// When a poll last succeeded.
    public var lastSuccessAt: Timestamp?
    /// The last poll's error, one line; nil after a success.
    public var lastError: String?
    /// Polls that failed in a row.
    public var failures: Int

    /// Creates a record for a new subscription.
    public init(url: String, title: String? = nil, homePage: String? = nil, categories: [String] = [], addedAt: Timestamp = .now()) {
        self.url = url
        self.title = title
        self.homePage = homePage
        self.categories = categories
        self.addedAt = addedAt
        self.failures = 0
    }

    init(row: Row) {
        url = row["url"]
        title = row["title"]
        homePage = row["homePage"]
        categories = (try? JSONDecoder().decode([String].self, from: Data((row["categories"] as String? ?? "[]").utf8))) ?? []
        sourceId = row["sourceId"]
        etag = row["etag"]
        lastModified = row["lastModified"]
        validatorsAt = (row["validatorsAt"] as Int64?).map { Timestamp(epochMilliseconds: $0) }
        bodyHash = row["bodyHash"]
        addedAt = Timestamp(epochMilliseconds: row["addedAt"])
        lastPolledAt = (row["lastPolledAt"] as Int64?).map { Timestamp(epochMilliseconds: $0) }
        lastSuccessAt = (row["lastSuccessAt"] as Int64?).map { Timestamp(epochMilliseconds: $0) }
        lastError = row["lastError"]
        failures = row["failures"]
    }

    var categoriesJSON: String {
        (try? JSONEncoder().encode(categories)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}

extension NewsStore {
    /// Adds subscriptions; throws `subscriptionExists` (adding none) if `failIfExists` and one is
    /// already there, else skips those. Returns how many were added.
    @discardableResult
    public func addSubscriptions(_ records: [SubscriptionRecord], failIfExists: Bool = true) throws(StoreError) -> Int {
        try write { db in
            var added = 0
            for record in records {
                try db.execute(
                    sql: """
                        INSERT INTO subscription(url, title, homePage, categories, addedAt) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(url) DO NOTHING
                        """,
                    arguments: [record.url, record.title, record.homePage, record.categoriesJSON, record.addedAt.epochMilliseconds])
                if db.changesCount == 0, failIfExists { throw StoreError.subscriptionExists(record.url) }
                added += db.changesCount
            }
            return added
        }
    }

    /// Every subscription, by folder path then title.
    public func subscriptions() throws(StoreError) -> [SubscriptionRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM subscription").map(SubscriptionRecord.init(row:))
        }.sorted { ($0.categories.lexicographicallyPrecedes($1.categories)) || ($0.categories == $1.categories && ($0.title ?? $0.url).lowercased() < ($1.title ?? $1.url).lowercased()) }
    }

    /// Removes a subscription. Its articles go too, except starred ones and any a remote also
    /// delivered (those stay, as local articles); `keepArticles` keeps all of them.
    /// Returns how many articles were removed.
    @discardableResult
    public func removeSubscription(url: String, keepArticles: Bool = false) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM subscription WHERE url = ?", arguments: [url])
            guard db.changesCount > 0 else { throw StoreError.subscriptionNotFound(url) }
            guard !keepArticles else {
                try db.execute(sql: "UPDATE article SET feed = NULL WHERE feed = ?", arguments: [url])
                return 0
            }
            let doomed = try Int64.fetchAll(db, sql: """
                SELECT num FROM article LEFT JOIN article_state ON article_state.articleId = article.id
                WHERE feed = ? AND remote IS NULL AND COALESCE(starred, 0) = 0
                """, arguments: [url])
            for num in doomed {
                try db.execute(sql: "DELETE FROM article_fts WHERE rowid = ?", arguments: [num])
                try db.execute(sql: "DELETE FROM search_backlog WHERE num = ?", arguments: [num])
                try db.execute(sql: "DELETE FROM article WHERE num = ?", arguments: [num])
            }
            try db.execute(sql: "UPDATE article SET feed = NULL WHERE feed = ?", arguments: [url])
            return doomed.count
        }
    }

    /// Records a failed poll at `time` (default: the store's `now`): the error and one more failure in
    /// a row; validators stay.
    public func recordPollFailure(url: String, error: String, at time: Timestamp? = nil) throws(StoreError) {
        let time = time ?? now()
        return try write { db in
            try db.execute(
                sql: "UPDATE subscription SET lastPolledAt = ?, lastError = ?, failures = failures + 1 WHERE url = ?",
                arguments: [time.epochMilliseconds, error, url])
        }
    }

    /// Records a successful poll and stores the feed's articles, in one transaction, so validators
    /// that would make the next poll a `304` are never saved without the articles they stand for.
    ///
    /// An article is new (rev 1), unchanged (same content hash: nothing written), or edited (stored
    /// as rev+1 with `changedFields`). Articles a remote also delivers are left to the remote, whose
    /// revisions are authoritative, and those another subscription stored, or stored under another
    /// source id, are left alone (counted as ignored). Read/starred state is untouched. `undated` names articles whose
    /// feed gave no date (their `publishedAt` is the poll time): a stored copy keeps its first date, so
    /// an undated item is not "edited" on every poll. `storyMerges` (a merged story's id → the story
    /// it went into, from the story grouper) moves the stored feed articles of merged stories.
    /// `claimedIDs` (an article's id → the id the feed's own claim gave it) finds this subscription's
    /// copies stored before ids were bound to where a feed comes from, and moves them to their id. The
    /// poll is stamped `time` (default: the store's `now`).
    @discardableResult
    public func recordPollSuccess(
        _ record: SubscriptionRecord, articles: [Article], undated: Set<String> = [], storyMerges: [String: String] = [:],
        claimedIDs: [String: String] = [:], at time: Timestamp? = nil
    ) throws(StoreError) -> ApplySummary {
        let time = time ?? now()
        return try write { db in
            try db.execute(
                sql: """
                    UPDATE subscription SET title = ?, homePage = ?, sourceId = ?, etag = ?, lastModified = ?,
                        validatorsAt = ?, bodyHash = ?, lastPolledAt = ?, lastSuccessAt = ?, lastError = NULL, failures = 0
                    WHERE url = ?
                    """,
                arguments: [
                    record.title, record.homePage, record.sourceId, record.etag, record.lastModified,
                    record.validatorsAt?.epochMilliseconds, record.bodyHash, time.epochMilliseconds, time.epochMilliseconds, record.url,
                ])
            guard db.changesCount > 0 else { throw StoreError.subscriptionNotFound(record.url) }
            var writer = try ChangeWriter(db, remote: nil)
            let find = try db.cachedStatement(
                sql: "SELECT rev, contentHash, remote, feed, sourceId, json, publishedAt, publishedOffset FROM article WHERE id = ?")
            let tag = try db.cachedStatement(sql: "UPDATE article SET feed = ? WHERE id = ? AND remote IS NULL")
            for var article in articles {
                if let claimed = claimedIDs[article.id] { try Self.adoptClaimedCopy(db, claimedID: claimed, as: article, feed: record.url) }
                if let stored = try Row.fetchOne(find, arguments: [article.id]) {
                    if undated.contains(article.id) {
                        article.publishedAt = Timestamp(epochMilliseconds: stored["publishedAt"], offsetMinutes: stored["publishedOffset"])
                        article.contentHash = article.computeContentHash()
                    }
                    let remote: String? = stored["remote"], hash: String = stored["contentHash"]
                    guard remote == nil, Self.mayRevise(stored, from: record.url, as: article.source.id), hash != article.contentHash else {
                        writer.noteIgnored()
                        continue
                    }
                    let previous = try? NewsJSON.decode(Article.self, from: stored["json"] as Data)
                    // An edit keeps the story the article was first grouped into: ids must not move
                    // under the reader (the grouper may not have had the stored copy at hand).
                    if let story = previous?.storyId { article.storyId = story }
                    article.rev = (stored["rev"] as Int) + 1
                    article.changedFields = previous.map { article.changedFields(comparedTo: $0) }
                }
                try writer.put(article, seq: nil)
                try tag.execute(arguments: [record.url, article.id])
            }
            try Self.moveFeedArticles(db, storyMerges)
            return writer.summary
        }
    }

    /// Whether the subscription `url` may revise the stored article `row` as source `sourceId`: only
    /// the subscription that stored it (or anyone for an article no subscription holds) and only under
    /// the same source id, so one feed never rewrites, or takes over and later deletes, another's article.
    static func mayRevise(_ row: Row, from url: String, as sourceId: String) -> Bool {
        let feed: String? = row["feed"], storedSource: String = row["sourceId"]
        return (feed == nil || feed == url) && storedSource == sourceId
    }

    /// Moves this subscription's copy of `article` stored under the id its feed's claim gave (before
    /// ids were bound to where a feed comes from) to the article's id and source, keeping its revision,
    /// read and starred state and unsent changes, so an upgrade neither duplicates nor loses it. Only
    /// a copy this feed stored moves, and only to an id not yet taken.
    static func adoptClaimedCopy(_ db: Database, claimedID: String, as article: Article, feed: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM article WHERE id = ?", arguments: [article.id]) == nil,
              let row = try Row.fetchOne(
                db, sql: "SELECT num, json FROM article WHERE id = ? AND feed = ? AND remote IS NULL AND sourceId != ?",
                arguments: [claimedID, feed, article.source.id])
        else { return }
        var copy = try NewsJSON.decode(Article.self, from: row["json"] as Data)
        copy.id = article.id
        copy.source = article.source
        copy.contentHash = copy.computeContentHash()
        let num: Int64 = row["num"]
        try db.execute(
            sql: "UPDATE article SET id = ?, sourceId = ?, contentHash = ?, json = ? WHERE num = ?",
            arguments: [copy.id, copy.source.id, copy.contentHash, try NewsJSON.encode(copy), num])
        try db.execute(
            sql: "INSERT INTO source(id, name, domain, url) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            arguments: [copy.source.id, copy.source.name, copy.source.domain, copy.source.url])
        try db.execute(sql: "UPDATE OR IGNORE article_state SET articleId = ? WHERE articleId = ?", arguments: [copy.id, claimedID])
        try LocalState.notifyStateChanged(db)
        try db.execute(sql: "UPDATE state_journal SET articleId = ? WHERE articleId = ?", arguments: [copy.id, claimedID])
        // The search index holds the old source: index the copy afresh.
        try db.execute(sql: "DELETE FROM article_fts WHERE rowid = ?", arguments: [num])
        try db.execute(sql: "INSERT OR IGNORE INTO search_backlog(num) VALUES (?)", arguments: [num])
    }

    /// Moves the feed articles of each merged story into the story it went into. Only articles no
    /// remote delivers move: a server's articles keep the story their server gives them, and move
    /// when it sends a new revision. The revision stays, so a move does not mark the article updated.
    static func moveFeedArticles(_ db: Database, _ merges: [String: String]) throws {
        guard !merges.isEmpty else { return }
        let find = try db.cachedStatement(sql: "SELECT num, json FROM article WHERE storyId = ? AND remote IS NULL")
        let move = try db.cachedStatement(sql: "UPDATE article SET storyId = ?, json = ? WHERE num = ?")
        let upsertStory = try db.cachedStatement(sql: """
            INSERT INTO story(id, headline, headlineAt) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, headlineAt = excluded.headlineAt
            WHERE excluded.headlineAt < story.headlineAt
            """)
        for (from, into) in merges.sorted(by: { $0.key < $1.key }) {
            for row in try Row.fetchAll(find, arguments: [from]) {
                var article = try NewsJSON.decode(Article.self, from: row["json"] as Data)
                article.storyId = into
                try move.execute(arguments: [into, try NewsJSON.encode(article), row["num"] as Int64])
                try upsertStory.execute(arguments: [into, article.title, article.publishedAt.epochMilliseconds])
            }
        }
    }

    /// The stored articles with a story published within `range` (milliseconds, inclusive), from
    /// remotes and feeds alike: what the story grouper reloads so a feed's articles can join stories
    /// the server or earlier polls formed.
    public func groupedArticles(publishedIn range: ClosedRange<Int64>) throws(StoreError) -> [(article: Article, storyId: String)] {
        try read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT json, storyId FROM article WHERE publishedAt BETWEEN ? AND ? AND storyId IS NOT NULL",
                arguments: [range.lowerBound, range.upperBound])
            var result: [(article: Article, storyId: String)] = []
            while let row = try rows.next() {
                result.append((try NewsJSON.decode(Article.self, from: row["json"] as Data), row["storyId"]))
            }
            return result
        }
    }
}
