/// A story: the coverage of one event by one or more outlets.
public struct Story: Sendable, Hashable, Codable {
    /// Stable story id.
    public var id: String
    /// The headline chosen to represent the story.
    public var headline: String
    /// Publication time of its earliest article.
    public var firstSeen: Timestamp
    /// Publication time of its latest article.
    public var lastSeen: Timestamp
    /// Ids of the sources that covered it.
    public var sourceIds: [String]
    /// How many articles it groups.
    public var articleCount: Int

    /// Creates a story.
    public init(id: String, headline: String, firstSeen: Timestamp, lastSeen: Timestamp, sourceIds: [String] = [], articleCount: Int = 0) {
        self.id = id
        self.headline = headline
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sourceIds = sourceIds
        self.articleCount = articleCount
    }
}
