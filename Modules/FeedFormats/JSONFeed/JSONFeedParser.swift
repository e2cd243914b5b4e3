import Foundation
import NewsModels

/// Reads a JSON Feed document (https://www.jsonfeed.org/version/1.1/, and 1.0's singular `author`)
/// into articles.
///
/// Mapping: `id` (else `url`) → article id via `FeedArticleID`; `title`; `summary` → dek; authors →
/// byline (`By A and B`); `language` (item, else feed); `date_published` → publishedAt and
/// `date_modified` → updatedAt; `tags` → categories; `image`/`banner_image` → image; `content_html`
/// (through `HTMLBlocks`) else `content_text` → blocks; `url`/`external_url` → url; reading time from
/// the word count. An item with neither date is skipped (a made-up "now" would change its content hash
/// on every re-import) unless `undatedFallback` is set; an unreadable `date_modified` is ignored.
/// All text has control characters, escape sequences and bidi overrides removed.
public struct JSONFeedParser: Sendable {
    /// The default size cap: 64 MiB.
    public static let defaultMaxBytes = 64 * 1024 * 1024

    /// Attribute every article to this source instead of one derived from the feed's home page.
    /// Article ids include the source id, so use the same override on every import of a feed.
    public var source: Source?
    /// Documents larger than this many bytes are rejected with `FeedFormatError.tooLarge`.
    public var maxBytes: Int
    /// Publication time for items with no `date_published` or `date_modified`; nil skips such items.
    public var undatedFallback: Timestamp?

    /// Creates a parser.
    public init(source: Source? = nil, maxBytes: Int = JSONFeedParser.defaultMaxBytes, undatedFallback: Timestamp? = nil) {
        self.source = source
        self.maxBytes = maxBytes
        self.undatedFallback = undatedFallback
    }

    /// Whether `data` is a JSON object whose `version` starts with `https://jsonfeed.org/version/` (or `http://`)
    /// (content sniffing for importers); reads only as far as the `version` member.
    public static func isJSONFeed(_ data: Data) -> Bool {
        JSONReader.topLevelString("version", in: Array(data)).map(isVersionURL) ?? false
    }

    /// Parses a feed document. Whole-document problems throw; bad items are skipped and listed in
    /// `FeedParseResult.problems`. Invalid UTF-8 inside strings is repaired to U+FFFD.
    public func parse(_ data: Data) throws(FeedFormatError) -> FeedParseResult {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        let root: JSONValue
        do {
            root = try JSONReader.parse(Array(data))
        } catch {
            throw .invalidJSON(offset: error.offset, reason: error.reason)
        }
        guard case let .object(members) = root else {
            throw .notJSONFeed("the document is \(root.kindName), not an object")
        }
        let feed = JSONFeedFields(members: members)

        switch members["version"] {
        case nil, .null?:
            throw .notJSONFeed("missing version")
        case let .string(version)?:
            guard Self.isVersionURL(version) else {
                throw .notJSONFeed("version \"\(TextCleaning.line(version).prefix(60))\" is not a jsonfeed.org version URL")
            }
        case let other?:
            throw .notJSONFeed("version is \(other.kindName), not a jsonfeed.org version URL")
        }
        let items: [JSONValue]
        switch members["items"] {
        case nil, .null?: throw .notJSONFeed("missing items")
        case let .array(elements)?: items = elements
        case let other?: throw .notJSONFeed("items is \(other.kindName), not an array")
        }

        let homePage: String?, derived: Source?, language: String?, authors: [String]?
        do throws(FieldError) {
            homePage = try feed.line("home_page_url")
            if let source { derived = source } else { derived = try Self.derivedSource(feed, homePage: homePage) }
            language = try feed.line("language")
            authors = try feed.authorNames()
        } catch {
            throw .badFeedField(field: error.field, problem: error.problem)
        }
        guard let derived else { throw .noSource }
        let mapper = JSONFeedItemMapper(
            source: derived, feedLanguage: language, feedAuthors: authors ?? [], homePage: homePage,
            undatedFallback: undatedFallback)

        var articles: [Article] = []
        var problems: [ItemProblem] = []
        var firstIndexOfID: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            do throws(ItemFailure) {
                let (article, key) = try mapper.article(from: item)
                if let earlier = firstIndexOfID[article.id] {
                    throw ItemFailure(itemID: TextCleaning.line(key), reason: "same id as items[\(earlier)]")
                }
                firstIndexOfID[article.id] = index
                articles.append(article)
            } catch {
                problems.append(ItemProblem(index: index, itemID: error.itemID, reason: error.reason))
            }
        }
        return FeedParseResult(source: mapper.source, articles: articles, problems: problems)
    }

    static func isVersionURL(_ version: String) -> Bool {
        version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/version/")
    }

    /// The source named by the feed: id and domain from `home_page_url` (else `feed_url`) without
    /// `www.`, name from `title` (else the domain); nil when neither URL has a host.
    static func derivedSource(_ feed: JSONFeedFields, homePage: String?) throws(FieldError) -> Source? {
        let feedURL = try feed.line("feed_url")
        let title = try feed.line("title")
        guard let domain = homePage.flatMap(WebAddress.domain) ?? feedURL.flatMap(WebAddress.domain) else { return nil }
        return Source(id: domain, name: title ?? domain, domain: domain, url: homePage ?? "https://\(domain)/")
    }
}
