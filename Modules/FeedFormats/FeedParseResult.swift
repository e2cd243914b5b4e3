import NewsModels

/// What a feed parser produced: the articles it could build and the items it had to skip.
public struct FeedParseResult: Sendable, Hashable {
    /// The outlet every article was attributed to (derived from the feed, or the caller's override).
    public var source: Source
    /// One article per good item, in feed order.
    public var articles: [Article]
    /// One entry per skipped item, in feed order.
    public var problems: [ItemProblem]
    /// Articles whose document gave no date, dated from what their text mentions instead: article id →
    /// a short reason such as `from 'February 2025' in the text` (cleaned text, one line), so an
    /// importer can say so. Empty for formats that do not infer dates.
    public var inferredDates: [String: String]
    /// For a document filed under its origin rather than the outlet it claims (`FeedOrigin`): each
    /// article's id → the id the claim gave it. Empty when the claim was kept.
    public var claimedIDs: [String: String]
    /// The feed's own title, when the parser read one: what names a feed identified by its origin
    /// (`FeedOrigin`) because it names no outlet of its own.
    public var feedTitle: String?

    /// Creates a result.
    public init(
        source: Source, articles: [Article], problems: [ItemProblem], inferredDates: [String: String] = [:],
        claimedIDs: [String: String] = [:]
    ) {
        self.source = source
        self.articles = articles
        self.problems = problems
        self.inferredDates = inferredDates
        self.claimedIDs = claimedIDs
    }
}

/// An item that was skipped, which one and why; the rest of the feed still imports.
public struct ItemProblem: Sendable, Hashable, CustomStringConvertible {
    /// 0-based position of the item in the feed's `items` array.
    public var index: Int
    /// The item's `id` (or `url`) when it had one, to help find it in the document.
    public var itemID: String?
    /// What was wrong, e.g. `no id and no url`.
    public var reason: String

    /// Creates a problem report.
    public init(index: Int, itemID: String? = nil, reason: String) {
        self.index = index
        self.itemID = itemID
        self.reason = reason
    }

    /// One line, e.g. `items[3] (id "post-9"): title: expected a string, got a number`.
    public var description: String {
        let id = itemID.map { " (id \"\($0.prefix(80))\")" } ?? ""
        return "items[\(index)]\(id): \(reason)"
    }
}
