import NewsModels

/// Why one item could not become an article.
struct ItemFailure: Error, Sendable {
    var itemID: String?
    var reason: String
}

/// Gathers one document's articles in feed order and the items skipped on the way. An item whose
/// article id an earlier item already has is skipped and reported, never merged into it.
struct FeedArticleCollector {
    /// The articles kept, in feed order.
    private(set) var articles: [Article] = []
    /// The items skipped, in feed order.
    private(set) var problems: [ItemProblem] = []
    private var firstIndexOfID: [String: Int] = [:]

    /// Reserves room for `count` articles.
    init(expecting count: Int = 0) {
        articles.reserveCapacity(count)
    }

    /// Keeps the article of item `index` (made from `key`) unless an earlier item has its id.
    mutating func add(_ article: Article, index: Int, key: String?) {
        if let earlier = firstIndexOfID[article.id] {
            skip(index: index, ItemFailure(itemID: key.map(TextCleaning.line), reason: "same id as items[\(earlier)]"))
            return
        }
        firstIndexOfID[article.id] = index
        articles.append(article)
    }

    /// Reports item `index` as skipped for `failure`.
    mutating func skip(index: Int, _ failure: ItemFailure) {
        problems.append(ItemProblem(index: index, itemID: failure.itemID, reason: failure.reason))
    }

    /// Reports a problem that belongs to no single item (a cut-off document, too many items).
    mutating func note(_ problem: ItemProblem) {
        problems.append(problem)
    }
}
