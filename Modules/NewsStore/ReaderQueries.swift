import Foundation
import GRDB
import NewsModels

/// A source with its totals, for `paperboy sources`.
public struct SourceSummary: Sendable, Hashable {
    /// The source.
    public var source: Source
    /// Stored articles from it.
    public var articles: Int
    /// Of those, not yet read.
    public var unread: Int
    /// Of those, starred.
    public var starred: Int
    /// Publication time of its newest stored article.
    public var latest: Timestamp?

    /// Creates a summary (for renderers and tests).
    public init(source: Source, articles: Int, unread: Int, starred: Int, latest: Timestamp?) {
        self.source = source; self.articles = articles; self.unread = unread; self.starred = starred; self.latest = latest
    }
}

/// A story with the short number people type (`paperboy story 7`) and its unread count.
public struct StorySummary: Sendable, Hashable {
    /// Stable for the story's life in this store.
    public var number: Int64
    /// The story: headline, outlets, article count, first and last publication.
    public var story: Story
    /// Its articles not yet read.
    public var unread: Int

    /// Creates a summary (for renderers and tests).
    public init(number: Int64, story: Story, unread: Int) {
        self.number = number; self.story = story; self.unread = unread
    }
}

/// What `mark read|unread` applies to besides single articles.
public enum MarkScope: Sendable, Hashable {
    /// Every stored article.
    case all
    /// Every stored article of one source id.
    case source(String)
    /// Every stored article of one story id.
    case story(String)
}

/// A remote with what `paperboy status` reports about it.
public struct RemoteStatus: Sendable, Hashable {
    /// Name and URL.
    public var remote: RemoteRecord
    /// The content-log position applied so far (nil before the first sync).
    public var cursor: Int64?
    /// When a sync with it last finished without error.
    public var lastSync: Timestamp?
    /// Articles stored from it.
    public var articles: Int
}

extension NewsStore {
    /// The `sync_meta` key holding when a remote's last sync finished (epoch milliseconds).
    public static let lastSyncKey = "last.sync"

    /// Every source with article, unread and starred counts, by name.
    public func sourceSummaries() throws(StoreError) -> [SourceSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.name, s.domain, s.url, count(a.id) AS n,
                       sum(CASE WHEN a.id IS NOT NULL AND IFNULL(st.read, 0) = 0 THEN 1 ELSE 0 END) AS unread,
                       sum(CASE WHEN st.starred = 1 THEN 1 ELSE 0 END) AS starred, max(a.publishedAt) AS latest
                FROM source s LEFT JOIN article a ON a.sourceId = s.id LEFT JOIN article_state st ON st.articleId = a.id
                GROUP BY s.id ORDER BY s.name COLLATE NOCASE, s.id
                """).map { row in
                SourceSummary(
                    source: Source(id: row["id"], name: row["name"], domain: row["domain"], url: row["url"]),
                    articles: row["n"], unread: row["unread"] ?? 0, starred: row["starred"] ?? 0,
                    latest: (row["latest"] as Int64?).map { Timestamp(epochMilliseconds: $0) })
            }
        }
    }

    /// Finds a source from what a user typed: its id, a unique id prefix, or its name (any case).
    public func resolveSource(_ reference: String) throws(StoreError) -> Source {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        let sources = try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, domain, url FROM source ORDER BY id").map {
                Source(id: $0["id"], name: $0["name"], domain: $0["domain"], url: $0["url"])
            }
        }
        if let exact = sources.first(where: { $0.id == ref }) { return exact }
        let named = sources.filter { $0.name.caseInsensitiveCompare(ref) == .orderedSame }
        if named.count == 1 { return named[0] }
        let prefixed = ref.isEmpty ? [] : sources.filter { $0.id.hasPrefix(ref) }
        if prefixed.count == 1 { return prefixed[0] }
        if prefixed.count > 1 { throw .ambiguousSource(ref, candidates: prefixed.map(\.id)) }
        throw .sourceNotFound(ref)
    }

    /// Stories by latest publication, newest first, with their numbers and unread counts.
    public func storySummaries(limit: Int = 50) throws(StoreError) -> [StorySummary] {
        try read { db in try Self.fetchStories(db, where: "1", [], limit: limit) }
    }

    /// Finds a story from what a user typed: its number from `paperboy stories`, its id, or a
    /// unique id prefix.
    public func resolveStory(_ reference: String) throws(StoreError) -> StorySummary {
        let ref = reference.trimmingCharacters(in: .whitespaces)
        guard !ref.isEmpty else { throw .storyNotFound(reference) }
        let found: StorySummary? = try read { db in
            if let number = Int64(ref), number > 0, let hit = try Self.fetchStories(db, where: "s.rowid = ?", [number], limit: 1).first {
                return hit
            }
            if let hit = try Self.fetchStories(db, where: "s.id = ?", [ref], limit: 1).first { return hit }
            let ids = try String.fetchAll(db, sql: "SELECT id FROM story WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                                          arguments: [ref, ref + "\u{10FFFF}"])
            if ids.count > 1 { throw StoreError.ambiguousStory(ref, candidates: ids) }
            guard let id = ids.first else { return nil }
            return try Self.fetchStories(db, where: "s.id = ?", [id], limit: 1).first
        }
        guard let found else { throw .storyNotFound(ref) }
        return found
    }

    /// Every stored article of one story, earliest first: what a cross-source comparison reads.
    public func articles(inStory storyId: String) throws(StoreError) -> [Article] {
        try read { db in try Self.fetchStoryArticles(db, storyId: storyId) }
    }

    static func fetchStoryArticles(_ db: Database, storyId: String) throws -> [Article] {
        try Data.fetchAll(db, sql: "SELECT json FROM article WHERE storyId = ? ORDER BY publishedAt, num", arguments: [storyId])
            .map { json throws in try NewsJSON.decode(Article.self, from: json) }
    }

    private static func fetchStories(_ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int) throws -> [StorySummary] {
        // Stories without stored articles (all deleted) are left out: there is nothing to show.
        try Row.fetchAll(db, sql: """
            SELECT s.rowid AS num, s.id, s.headline, min(a.publishedAt) AS first, max(a.publishedAt) AS last, count(*) AS n,
                   group_concat(DISTINCT a.sourceId) AS sources, sum(CASE WHEN IFNULL(st.read, 0) = 0 THEN 1 ELSE 0 END) AS unread
            FROM story s JOIN article a ON a.storyId = s.id LEFT JOIN article_state st ON st.articleId = a.id
            WHERE \(condition) GROUP BY s.id ORDER BY last DESC, num DESC LIMIT ?
            """, arguments: arguments + [max(0, limit)]).map { row in
            let sources: String = row["sources"] ?? ""
            let story = Story(id: row["id"], headline: row["headline"], firstSeen: Timestamp(epochMilliseconds: row["first"]),
                              lastSeen: Timestamp(epochMilliseconds: row["last"]),
                              sourceIds: sources.split(separator: ",").map(String.init).sorted(), articleCount: row["n"])
            return StorySummary(number: row["num"], story: story, unread: row["unread"] ?? 0)
        }
    }

    /// Marks every article in `scope` read or unread, as stored now: articles that arrive later keep
    /// their own state. Returns how many articles changed.
    ///
    /// Marking a whole source (or everything) read from one server's log is one `markReadUpTo`
    /// mutation rather than thousands of flag writes. Articles from feeds followed directly are on no
    /// server, so their state is set without queueing anything to send.
    @discardableResult
    public func setRead(_ value: Bool, scope: MarkScope) throws(StoreError) -> Int {
        try write { db in
            var filter = "1"
            var arguments: StatementArguments = []
            switch scope {
            case .all: break
            case let .source(id): filter = "a.sourceId = ?"; arguments = [id]
            case let .story(id): filter = "a.storyId = ?"; arguments = [id]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.seq, a.remote FROM article a LEFT JOIN article_state st ON st.articleId = a.id
                WHERE \(filter) AND IFNULL(st.read, 0) != ?
                """, arguments: arguments + [value ? 1 : 0])
            guard !rows.isEmpty else { return 0 }
            var clock = try LocalState.clock(db)
            let fromServers = rows.filter { ($0["remote"] as String?) != nil && ($0["seq"] as Int64?) != nil }
            let remoteNames = Set(fromServers.map { $0["remote"] as String })
            let remoteCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM remote") ?? 0
            // One server's seqs mean nothing to another, so the log-position form is only used when
            // there is exactly one.
            let upToSeq = value && !isStory(scope) && remoteNames.count == 1 && remoteCount == 1
            var journalled = Set<String>()
            if upToSeq, let seq = fromServers.compactMap({ $0["seq"] as Int64? }).max() {
                var sourceId: String?
                if case let .source(id) = scope { sourceId = id }
                _ = try LocalState.markReadUpTo(db, seq: seq, sourceId: sourceId, hlc: clock.tick(now: nowMillis))
                journalled = Set(fromServers.map { $0["id"] as String })
            }
            let journal = try db.cachedStatement(sql: """
                INSERT INTO state_journal(op, articleId, field, value, hlc, createdAt) VALUES ('set', ?, 'read', ?, ?, ?)
                """)
            for row in rows {
                let id: String = row["id"]
                guard !journalled.contains(id) else { continue }
                let hlc = clock.tick(now: nowMillis)
                try LocalState.write(db, articleId: id, field: .read, value: value, hlc: hlc)
                if (row["remote"] as String?) != nil {
                    try journal.execute(arguments: [id, value ? 1 : 0, hlc.description, hlc.wallMillis])
                }
            }
            try LocalState.save(clock, db)
            return rows.count
        }
    }

    private func isStory(_ scope: MarkScope) -> Bool {
        if case .story = scope { return true }
        return false
    }

    /// Every remote with its cursor, last successful sync and stored article count.
    public func remoteStatuses() throws(StoreError) -> [RemoteStatus] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name, r.url, c.seq,
                       (SELECT value FROM sync_meta m WHERE m.remote = r.name AND m.key = ?) AS lastSync,
                       (SELECT count(*) FROM article a WHERE a.remote = r.name) AS n
                FROM remote r LEFT JOIN sync_cursor c ON c.remote = r.name ORDER BY r.name
                """, arguments: [Self.lastSyncKey]).map { row in
                RemoteStatus(remote: RemoteRecord(name: row["name"], url: row["url"]), cursor: row["seq"],
                             lastSync: (row["lastSync"] as String?).flatMap(Int64.init).map { Timestamp(epochMilliseconds: $0) },
                             articles: row["n"])
            }
        }
    }
}
