import Foundation
import NewsModels

/// Miniflux's JSON shapes for users, feeds, the one category and entries.
enum MinifluxJSON {
    /// Every outlet sits in this one category.
    static let categoryId: Int64 = 1

    static func user(_ login: AppLogin) -> [String: Any] {
        [
            "id": login.userId, "username": login.name, "is_admin": false, "theme": "light_serif", "language": "en_US",
            "timezone": "UTC", "entry_sorting_direction": "desc", "entries_per_page": 100, "stylesheet": "",
        ]
    }

    static func category(userId: Int64) -> [String: Any] {
        ["id": categoryId, "title": "All", "user_id": userId, "hide_globally": false]
    }

    static func feed(_ feed: AppFeed, userId: Int64) -> [String: Any] {
        let address = GoogleReaderRoutes.address(of: feed.source)
        return [
            "id": feed.number, "user_id": userId, "title": feed.source.name, "feed_url": address, "site_url": address,
            "checked_at": Timestamp(epochMilliseconds: feed.newestPublished ?? 0).rfc3339, "category": category(userId: userId),
            "icon": NSNull(), "disabled": false, "hide_globally": false, "parsing_error_count": 0, "parsing_error_message": "",
        ]
    }

    static func entry(_ item: AppItem, feed: AppFeed?, userId: Int64) -> [String: Any] {
        let article = item.article
        let published = Timestamp(epochMilliseconds: article.publishedAt.epochMilliseconds).rfc3339
        var json: [String: Any] = [
            "id": item.number, "user_id": userId, "feed_id": item.feedNumber, "status": item.read ? "read" : "unread",
            "hash": article.contentHash, "title": article.title, "url": article.url.flatMap(AppHTML.webAddress) ?? "",
            "comments_url": "", "published_at": published, "created_at": Timestamp(epochMilliseconds: item.arrivedAt).rfc3339,
            "changed_at": Timestamp(epochMilliseconds: (article.updatedAt ?? article.publishedAt).epochMilliseconds).rfc3339,
            "content": AppHTML.render(article), "author": article.byline ?? "", "share_code": "", "starred": item.starred,
            "reading_time": article.readingMinutes ?? max(1, article.wordCount / 200), "enclosures": [] as [Any],
            "tags": item.storyLabel.map { [$0] } ?? [],
        ]
        if let feed { json["feed"] = Self.feed(feed, userId: userId) }
        return json
    }
}

/// The filters of `GET /v1/entries`: status, starred, limit, offset, order, direction, before/after
/// (and published_before/after), before_entry_id/after_entry_id, changed_after, category_id.
enum MinifluxQuery {
    static func parse(_ fields: [(key: String, value: String)], maxPage: Int) throws -> AppItemQuery {
        var query = AppItemQuery()
        query.limit = maxPage
        query.descending = false
        func number(_ key: String, _ raw: String) throws -> Int64 {
            guard let value = CanonicalInteger.parse(raw) else {
                throw MinifluxRoutes.failure(.badRequest, "\(key) must be a whole number, not '\(raw.prefix(40))'")
            }
            return value
        }
        var statuses: Set<String> = []
        for (key, raw) in fields {
            switch key {
            case "status":
                guard ["read", "unread", "removed"].contains(raw) else {
                    throw MinifluxRoutes.failure(.badRequest, "status must be read, unread or removed, not '\(raw.prefix(40))'")
                }
                statuses.insert(raw)
            case "starred":
                guard ["true", "1", "false", "0"].contains(raw) else { throw MinifluxRoutes.failure(.badRequest, "starred must be true or false") }
                query.starred = raw == "true" || raw == "1"
            case "limit": query.limit = Int(min(try number(key, raw), Int64(maxPage)))
            case "offset": query.offset = Int(min(try number(key, raw), Int64(Int32.max)))
            case "order":
                switch raw {
                case "id", "created_at": query.order = .number
                case "published_at", "status", "category_id", "category_title", "changed_at": query.order = .published
                default: throw MinifluxRoutes.failure(.badRequest, "order must be id, published_at, created_at or status")
                }
            case "direction":
                guard raw == "asc" || raw == "desc" else { throw MinifluxRoutes.failure(.badRequest, "direction must be asc or desc") }
                query.descending = raw == "desc"
            case "before", "published_before": query.publishedBefore = try number(key, raw) * 1000
            case "after", "published_after": query.publishedFrom = try number(key, raw) * 1000 + 1
            case "before_entry_id": query.numberBelow = try number(key, raw)
            case "after_entry_id": query.numberAbove = try number(key, raw)
            case "changed_after": query.changedAfter = try number(key, raw) * 1000
            case "category_id":
                if try number(key, raw) != MinifluxJSON.categoryId { query.numbers = [] }
            default: continue  // search, globally_visible and the like select no fewer entries here
            }
        }
        if statuses == ["read"] { query.read = true }
        if statuses == ["unread"] { query.read = false }
        if statuses == ["removed"] { query.numbers = [] }
        return query
    }
}
