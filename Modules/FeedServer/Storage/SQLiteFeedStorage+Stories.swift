import Foundation
import GRDB
import NewsModels
import Stories

/// Story grouping against the database: what the grouper reads back, and regrouping everything.
extension SQLiteFeedStorage {
    /// Groups every live article afresh, oldest first, and logs a new revision (`changedFields`
    /// `["storyId"]`) for each one whose story changed, so clients move it too. For articles stored
    /// before grouping existed, or after the grouping rules changed.
    public func regroupStories() throws -> RegroupSummary {
        try pool.write { db in
            var summary = RegroupSummary()
            let assigner = StoryAssigner(configuration: stories.configuration)
            var moves: [(id: String, storyId: String)] = []
            var batch: [(article: Article, storyId: String?)] = []
            func flush() throws {
                let assignments = try assigner.assign(batch.map(\.article)) { _ in [] }
                for (item, assignment) in zip(batch, assignments) {
                    if assignment.isNewStory { summary.stories += 1 }
                    if item.storyId != assignment.storyId { moves.append((item.article.id, assignment.storyId)) }
                }
                summary.articles += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            // Rows are only read here and written after the cursor is done: SQLite does not promise
            // what a cursor sees of rows changed under it.
            let rows = try Row.fetchCursor(db, sql: "SELECT json, storyId FROM article ORDER BY publishedAt, id")
            while let row = try rows.next() {
                batch.append((try NewsJSON.decode(Article.self, from: row["json"] as Data), row["storyId"]))
                if batch.count == 1000 { try flush() }
            }
            try flush()
            var head = try Self.meta(db, "head") ?? 0
            let now = Timestamp.now().epochMilliseconds
            for move in moves {
                guard let row = try Row.fetchOne(db, sql: "SELECT rev, firstSeq, json FROM article WHERE id = ?", arguments: [move.id])
                else { continue }
                let previous = try NewsJSON.decode(Article.self, from: row["json"] as Data)
                var article = previous
                article.storyId = move.storyId
                article.rev = (row["rev"] as Int) + 1
                article.changedFields = article.changedFields(comparedTo: previous)
                head += 1
                try Self.writeArticle(db, article, seq: head, firstSeq: row["firstSeq"], committedAt: now)
            }
            try Self.setMeta(db, "head", head)
            summary.moved = moves.count
            summary.head = head
            // The running index still holds the old stories: start over from the database.
            stories.reset()
            return summary
        }
    }

    /// The stored articles with a story published within `range`, for the story grouper.
    static func groupedArticles(_ db: Database, publishedIn range: ClosedRange<Timestamp>) throws -> [GroupedArticle] {
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT json, storyId FROM article WHERE publishedAt BETWEEN ? AND ? AND storyId IS NOT NULL"),
            arguments: [range.lowerBound.epochMilliseconds, range.upperBound.epochMilliseconds])
        var result: [GroupedArticle] = []
        while let row = try rows.next() {
            result.append(GroupedArticle(article: try NewsJSON.decode(Article.self, from: row["json"] as Data), storyId: row["storyId"]))
        }
        return result
    }

    /// Restores into the story index the articles other processes wrote since this one last looked.
    func catchUpStories(_ db: Database, head: Int64) throws {
        defer { stories.hostMark = head }
        // The mark is the log head the index has seen: rows above it were written by another process.
        guard let seen = stories.hostMark, seen < head else { return }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT json, storyId FROM article WHERE seq > ? AND storyId IS NOT NULL", arguments: [seen])
        var items: [GroupedArticle] = []
        while let row = try rows.next() {
            items.append(GroupedArticle(article: try NewsJSON.decode(Article.self, from: row["json"] as Data), storyId: row["storyId"]))
        }
        stories.restore(items)
    }
}

/// What `regroupStories()` did.
public struct RegroupSummary: Sendable, Equatable {
    /// Live articles grouped.
    public var articles = 0
    /// Stories they formed.
    public var stories = 0
    /// Articles whose story changed (each logged as a new revision).
    public var moved = 0
    /// The log's head afterwards.
    public var head: Int64 = 0

    /// Creates an empty summary.
    public init() {}
}
