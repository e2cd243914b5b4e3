import Foundation
import NewsModels

/// One story as grouping sees it: its articles, outlets and time span.
public struct StoryRecord: Sendable, Hashable, Codable {
    /// Stable id, derived from the id of the story's first article.
    public var id: String
    /// The headline shown for the story: the earliest non-empty title among its articles; when none
    /// has a title, the first sentence of the earliest one (then `headlineIsDerived` is true).
    public var headline: String
    /// Publication time of the earliest article.
    public var firstSeen: Timestamp
    /// Publication time of the latest article.
    public var lastSeen: Timestamp
    /// Ids of the outlets that covered it, sorted.
    public var sourceIds: [String]
    /// Ids of its articles, in the order they were assigned.
    public var articleIds: [String]
    /// Publication time of the article whose title is `headline`, to keep the earliest one on later joins.
    var headlineTime: Timestamp?
    /// Whether `headline` was derived from body text; optional so states encoded before it decode.
    var derived: Bool?

    /// True when no article of the story had a headline and `headline` is a first sentence.
    public var headlineIsDerived: Bool { derived ?? false }

    /// The story id for a story opened by the article `articleId`: a short hash, so ids have one shape.
    public static func storyId(firstArticleId articleId: String) -> String {
        "story-" + String(SHA256.hex(Array(articleId.utf8)).prefix(16))
    }

    init(first article: Article) {
        self.init(id: Self.storyId(firstArticleId: article.id), first: article)
    }

    init(id: String, first article: Article) {
        self.id = id
        headline = ""
        firstSeen = article.publishedAt
        lastSeen = article.publishedAt
        sourceIds = []
        articleIds = []
        add(article)
    }

    mutating func add(_ article: Article) {
        articleIds.append(article.id)
        if !sourceIds.contains(article.source.id) {
            sourceIds.append(article.source.id)
            sourceIds.sort()
        }
        firstSeen = min(firstSeen, article.publishedAt)
        lastSeen = max(lastSeen, article.publishedAt)
        let candidate = StoryHeadline(of: article)
        if prefers(candidate.text, derived: candidate.isDerived, at: article.publishedAt) {
            headline = candidate.text
            headlineTime = article.publishedAt
            derived = candidate.isDerived
        }
    }

    /// Whether a headline `text` from an article published at `time` should replace the current one:
    /// a real headline beats a derived one, then the earliest wins, then the smaller text, so the
    /// result does not depend on the order articles came in.
    private func prefers(_ text: String, derived isDerived: Bool, at time: Timestamp) -> Bool {
        guard !text.isEmpty else { return false }
        guard let current = headlineTime else { return true }
        if isDerived != headlineIsDerived { return !isDerived }
        return time < current || (time == current && text < headline)
    }

    /// Takes in every article of `other` (a story merged into this one).
    mutating func absorb(_ other: StoryRecord) {
        articleIds += other.articleIds
        sourceIds = Array(Set(sourceIds + other.sourceIds)).sorted()
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        if let time = other.headlineTime, prefers(other.headline, derived: other.headlineIsDerived, at: time) {
            headline = other.headline
            headlineTime = time
            derived = other.derived
        }
    }

    /// Whether the story was merged into another (it then holds no articles).
    var isMerged: Bool { articleIds.isEmpty }

    /// Empties the story once merged into another.
    mutating func markMerged() {
        articleIds = []
        sourceIds = []
    }

    /// The story in the shared model's shape (`NewsModels.Story`).
    public var story: Story {
        Story(id: id, headline: headline, firstSeen: firstSeen, lastSeen: lastSeen, sourceIds: sourceIds, articleCount: articleIds.count)
    }
}

/// Where `StoryGrouper.assign(_:)` put an article.
public struct StoryAssignment: Sendable, Hashable, Codable {
    /// The story the article now belongs to.
    public var storyId: String
    /// True when the article opened a new story.
    public var isNewStory: Bool
    /// The similarity score to the story it joined (0 for a new story).
    public var score: Double
    /// Ids of stories the article linked to this one, now merged into `storyId`; their articles
    /// belong to `storyId` from now on.
    public var merged: [String]

    /// Creates an assignment.
    public init(storyId: String, isNewStory: Bool, score: Double, merged: [String] = []) {
        self.storyId = storyId
        self.isNewStory = isNewStory
        self.score = score
        self.merged = merged
    }
}
