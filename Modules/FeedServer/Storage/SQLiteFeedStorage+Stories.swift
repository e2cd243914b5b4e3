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
            var assigned: [(id: String, storedStory: String?, storyId: String)] = []
            var merges: [String: String] = [:]
            var batch: [(article: Article, storyId: String?)] = []
            func flush() throws {
                let result = try assigner.assign(batch.map(\.article)) { _ in [] }
                for (item, assignment) in zip(batch, result.assignments) {
                    if assignment.isNewStory { summary.stories += 1 }
                    assigned.append((item.article.id, item.storyId, assignment.storyId))
                }
                merges.merge(result.merges) { $1 }
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
            // A later batch can merge a story an earlier one assigned: follow every merge to its end.
            let final = StoryBatch(assignments: [], merges: merges).merges
            summary.stories -= Set(merges.keys).count
            var head = try Self.meta(db, "head") ?? 0
            let now = Timestamp.now().epochMilliseconds
            for item in assigned {
                let storyId = final[item.storyId] ?? item.storyId
                guard storyId != item.storedStory else { continue }
                try Self.moveArticle(db, id: item.id, toStory: storyId, head: &head, committedAt: now)
                summary.moved += 1
            }
            try Self.setMeta(db, "head", head)
            summary.head = head
            // The running index still holds the old stories: start over from the database.
            stories.reset()
            return summary
        }
    }

    /// Logs a new revision of the stored article `id` with `storyId` (`changedFields` naming it),
    /// so clients move it too.
    static func moveArticle(_ db: Database, id: String, toStory storyId: String, head: inout Int64, committedAt: Int64) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT rev, firstSeq, json FROM article WHERE id = ?", arguments: [id])
        else { return }
        let previous = try NewsJSON.decode(Article.self, from: row["json"] as Data)
        var article = previous
        article.storyId = storyId
        article.rev = (row["rev"] as Int) + 1
        article.changedFields = article.changedFields(comparedTo: previous)
        head += 1
        try writeArticle(db, article, seq: head, firstSeq: row["firstSeq"], committedAt: committedAt)
    }

    /// Moves the stored articles of each merged story into the story it was merged into, each as a
    /// new revision; returns how many moved.
    static func moveMergedStories(_ db: Database, _ merges: [String: String], head: inout Int64, committedAt: Int64) throws -> Int {
        var moved = 0
        for (from, into) in merges.sorted(by: { $0.key < $1.key }) {
            let ids = try String.fetchAll(db, sql: "SELECT id FROM article WHERE storyId = ? ORDER BY publishedAt, id", arguments: [from])
            for id in ids { try moveArticle(db, id: id, toStory: into, head: &head, committedAt: committedAt) }
            moved += ids.count
        }
        return moved
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
