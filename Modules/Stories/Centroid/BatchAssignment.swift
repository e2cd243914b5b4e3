import Foundation
import NewsModels

extension CentroidGrouper {
    /// Groups articles that arrived together (one import, one poll), in the order given. Each is
    /// placed as `assign(_:)` would; then one sweep takes every article of the batch out of its
    /// story and places it again, now that the whole batch is in: which article of a batch happened
    /// to be placed first no longer decides the stories the others form around it (a short side
    /// story placed first does not pull the day's main event into itself). Stories the batch
    /// opened are named after their earliest member. An id seen before keeps its story.
    public mutating func assign(batch articles: [Article]) -> [StoryAssignment] {
        let firstNew = centroids.count
        var placed: [(index: Int, scored: Scored)] = []
        for (i, article) in articles.enumerated() where storyOfArticle[article.id] == nil {
            let scored = score(article)
            place(scored, in: decide(scored)?.story)
            placed.append((i, scored))
        }
        var probability: [String: Double] = [:]
        for (_, first) in placed {
            let from = storyOfArticle[first.article.id]!
            takeOut(first, from: from)
            var again = first
            measure(&again)
            let join = decide(again)
            place(again, in: join?.story)
            probability[first.article.id] = join?.probability ?? 0
        }
        let openers = renameStories(from: firstNew, members: placed.map(\.scored))
        var isFirst = Set(placed.map(\.index))
        return articles.enumerated().map { i, article in
            let id = article.id, story = storyIds[storyOfArticle[id]!]
            // A repeated id, or one grouped before this batch, keeps its story and opened nothing.
            guard isFirst.remove(i) != nil else { return StoryAssignment(storyId: story, isNewStory: false, score: 0) }
            return StoryAssignment(storyId: story, isNewStory: openers.contains(id), score: openers.contains(id) ? 0 : probability[id] ?? 0)
        }
    }

    /// Takes a placed article out of story number `story`, leaving the document frequencies as they are.
    private mutating func takeOut(_ scored: Scored, from story: Int) {
        centroids[story].remove(scored.vectors, all: scored.all, allNorm: scored.allNorm, articleId: scored.article.id,
                                millis: scored.article.publishedAt.epochMilliseconds)
        storyOfArticle[scored.article.id] = nil
    }

    /// Gives each non-empty story numbered `first` or later (opened by this batch, so holding only
    /// `members`) the id of its earliest member (by time, then id), as if that member had opened
    /// it; returns those members' ids.
    private mutating func renameStories(from first: Int, members: [Scored]) -> Set<String> {
        guard first < centroids.count else { return [] }
        var earliest: [Int: (millis: Int64, id: String)] = [:]
        for member in members {
            guard let story = storyOfArticle[member.article.id], story >= first else { continue }
            let key = (member.article.publishedAt.epochMilliseconds, member.article.id)
            if let current = earliest[story], current <= key { continue }
            earliest[story] = key
        }
        for story in first..<centroids.count { storyNumbers[storyIds[story]] = nil }
        for (story, member) in earliest {
            storyIds[story] = StoryRecord.storyId(firstArticleId: member.id)
            storyNumbers[storyIds[story]] = story
        }
        return Set(earliest.values.map(\.id))
    }
}
