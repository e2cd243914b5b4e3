import Foundation
import GRDB
import NewsModels

extension NewsStore {
    /// How many stored articles are not yet searchable (a sync queues them; search indexes them).
    public func searchBacklog() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM search_backlog") ?? 0 }
    }

    /// Adds every queued article to the full-text index, `batchSize` per transaction, so an
    /// interrupted catch-up keeps what it did. `progress` gets (indexed so far, total at the start).
    /// Returns how many were indexed.
    @discardableResult
    public func indexForSearch(batchSize: Int = 2000, progress: (Int, Int) -> Void = { _, _ in }) throws(StoreError) -> Int {
        let total = try searchBacklog()
        guard total > 0 else { return 0 }
        var done = 0
        while true {
            let indexed = try write { db -> Int in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT b.num AS num, a.json AS json FROM search_backlog b LEFT JOIN article a ON a.num = b.num
                    ORDER BY b.num LIMIT ?
                    """, arguments: [max(1, batchSize)])
                guard let last = rows.last?["num"] as Int64? else { return 0 }
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO article_fts(rowid, title, dek, byline, body, source) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for row in rows {
                    // A queued number whose article is gone has nothing to index; it is just cleared.
                    guard let json = row["json"] as Data? else { continue }
                    let article = try NewsJSON.decode(Article.self, from: json)
                    try insert.execute(arguments: [
                        row["num"] as Int64, article.title, article.dek, article.byline, article.bodyText,
                        article.source.id + " " + article.source.name,
                    ])
                }
                try db.execute(sql: "DELETE FROM search_backlog WHERE num <= ?", arguments: [last])
                return rows.count
            }
            guard indexed > 0 else { break }
            done += indexed
            progress(done, max(total, done))
        }
        return done
    }
}
