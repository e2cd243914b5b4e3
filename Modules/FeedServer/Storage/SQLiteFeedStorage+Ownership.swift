import GRDB
import NewsModels

/// Who may revise a stored article: the source it was stored under, and the upstream feed that stored it.
extension SQLiteFeedStorage {
    /// Adds `article.origin`: the upstream feed URL that first stored the article (NULL for articles
    /// imported from files or NDJSON, and for every article stored before this column existed, which
    /// the first feed of the same source to revise them then owns). Nothing stored changes.
    static func registerArticleOrigin(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE article ADD COLUMN origin TEXT")
    }

    /// `articles` without those whose id is stored (or earlier in the batch) under another source id,
    /// or owned by another origin than `origin`; their ids go to `refused`. Source ids are bound to
    /// where a feed was fetched (`FeedOrigin`) and an upstream feed owns what it stored, so no feed
    /// revises another's articles, even one on the same host.
    static func withoutForeignRevisions(
        _ db: Database, _ articles: [Article], origin: String?, refused: inout [String]
    ) throws -> [Article] {
        let find = try db.cachedStatement(sql: "SELECT sourceId, origin FROM article WHERE id = ?")
        var owners: [String: (source: String, origin: String?)] = [:]
        return try articles.filter { article in
            let owner = try owners[article.id]
                ?? Row.fetchOne(find, arguments: [article.id]).map { (source: $0["sourceId"], origin: $0["origin"]) }
                ?? (article.source.id, origin)
            owners[article.id] = (owner.source, owner.origin ?? origin)
            let allowed = owner.source == article.source.id && (owner.origin == nil || owner.origin == origin)
            if !allowed { refused.append(article.id) }
            return allowed
        }
    }
}
