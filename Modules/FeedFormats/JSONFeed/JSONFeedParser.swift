import Foundation
import NewsModels

/// Reads a JSON Feed document (https://www.jsonfeed.org/version/1.1/, and 1.0's singular `author`)
/// into articles.
///
/// Mapping: `id` (else `url`) → article id via `FeedArticleID`; `title`; `summary` → dek; authors →
/// byline (`By A and B`); `language` (item, else feed); `date_published` → publishedAt and
/// `date_modified` → updatedAt; `tags` → categories; `image`/`banner_image` → image; `content_html`
/// (through `HTMLBlocks`) else `content_text` → blocks; `url`/`external_url` → url; reading time from
/// the word count. An item with no readable date is skipped (a made-up "now" would change its content
/// hash on every re-import) unless `undatedFallback` is set. Every field but `version`, `items` and an
/// item's `id`/`url` is optional: a wrongly typed one is dropped (a string `tags` is one tag, string
/// `authors` are names), never its item or the feed; dates are RFC 3339, else any shape `FeedDates` reads.
/// All text has control characters, escape sequences and bidi overrides removed.
public struct JSONFeedParser: Sendable {
    /// The default size cap: 64 MiB.
    public static let defaultMaxBytes = 64 * 1024 * 1024

    /// Attribute every article to this source instead of one derived from the feed's home page.
    /// Article ids include the source id, so use the same override on every import of a feed.
    public var source: Source?
    /// Documents larger than this many bytes are rejected with `FeedFormatError.tooLarge`.
    public var maxBytes: Int
    /// Publication time for items with no readable `date_published` or `date_modified`; nil skips such items.
    public var undatedFallback: Timestamp?

    /// Items past this many are not read; one problem reports the cut.
    public var maxItems: Int

    /// Creates a parser.
    public init(
        source: Source? = nil, maxBytes: Int = JSONFeedParser.defaultMaxBytes, undatedFallback: Timestamp? = nil,
        maxItems: Int = JSONFeedParser.defaultMaxItems
    ) {
        self.source = source
        self.maxBytes = maxBytes
        self.undatedFallback = undatedFallback
        self.maxItems = maxItems
    }

    /// The default item cap: 100,000, as for RSS and Atom.
    public static let defaultMaxItems = 100_000

    /// Whether `data` is a JSON object whose `version` starts with `https://jsonfeed.org/version/` (or `http://`)
    /// (content sniffing for importers); reads only as far as the `version` member, keeping nothing before it.
    public static func isJSONFeed(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            JSONReader.topLevelString("version", in: raw.bindMemory(to: UInt8.self)).map(isVersionURL) ?? false
        }
    }

    /// Parses a feed document. Whole-document problems throw; bad items are skipped and listed in
    /// `FeedParseResult.problems`. Invalid UTF-8 inside strings is repaired to U+FFFD.
    ///
    /// Memory: the document is read in place. A first pass checks its syntax and keeps only the
    /// feed's own fields; a second reads the items one at a time, keeping only the members an
    /// article is made from, each within `JSONLimits` (a field over a cap skips its item). Unknown
    /// members are never built, and nesting deeper than 256 levels anywhere is an error.
    public func parse(_ data: Data) throws(FeedFormatError) -> FeedParseResult {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        let outcome = data.withUnsafeBytes { raw in
            Result { () throws(FeedFormatError) -> FeedParseResult in try parse(raw.bindMemory(to: UInt8.self)) }
        }
        return try outcome.get()
    }

    private func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(FeedFormatError) -> FeedParseResult {
        let outline = try JSONFeedOutline.read(bytes)
        let members = outline.members
        switch members["version"] {
        case nil, .null?:
            throw .notJSONFeed(outline.overLimit?.field == "version" ? "version is too long" : "missing version")
        case let .string(version)?:
            guard Self.isVersionURL(version) else {
                throw .notJSONFeed("version \"\(TextCleaning.line(version).prefix(60))\" is not a jsonfeed.org version URL")
            }
        case let other?:
            throw .notJSONFeed("version is \(other.kindName), not a jsonfeed.org version URL")
        }
        guard let itemsOffset = outline.itemsOffset else {
            guard let kind = outline.itemsKind, kind != "null" else { throw .notJSONFeed("missing items") }
            throw .notJSONFeed("items is \(kind), not an array")
        }
        if let (field, reason) = outline.overLimit { throw .badFeedField(field: field, problem: reason) }

        // Every feed-level field is optional: one of the wrong type is dropped, never the feed.
        let feed = JSONFeedFields(members: members)
        let homePage = try? feed.line("home_page_url")
        guard let derived = source ?? Self.derivedSource(feed, homePage: homePage) else { throw .noSource }
        let mapper = JSONFeedItemMapper(
            source: derived, feedLanguage: try? feed.line("language"), feedAuthors: feed.authorNames() ?? [],
            homePage: homePage, undatedFallback: undatedFallback)

        var collector = FeedArticleCollector()
        do throws(JSONSyntaxError) {
            var items = try JSONFeedItemReader(bytes, itemsAt: itemsOffset)
            var index = 0
            while index < maxItems, let item = try items.next() {
                defer { index += 1 }
                do throws(ItemFailure) {
                    let (article, key) = try mapper.article(from: item.get())
                    collector.add(article, index: index, key: key)
                } catch {
                    collector.skip(index: index, error)
                }
            }
        } catch {
            // The first pass checked the whole document's syntax, so the second cannot fail.
            throw .invalidJSON(offset: error.offset, reason: error.reason)
        }
        if outline.itemCount > maxItems {
            collector.note(ItemProblem(index: maxItems, reason: "the feed has more than \(maxItems) items; the rest are not read"))
        }
        var result = FeedParseResult(source: mapper.source, articles: collector.articles, problems: collector.problems)
        result.feedTitle = try? feed.line("title")
        return result
    }

    static func isVersionURL(_ version: String) -> Bool {
        version.hasPrefix("https://jsonfeed.org/version/") || version.hasPrefix("http://jsonfeed.org/version/")
    }

    /// The source named by the feed: id and domain from `home_page_url` (else `feed_url`) without
    /// `www.`, name from `title` (else the domain); nil when neither URL has a host.
    static func derivedSource(_ feed: JSONFeedFields, homePage: String?) -> Source? {
        let feedURL = try? feed.line("feed_url")
        let title = try? feed.line("title")
        guard let domain = homePage.flatMap(WebAddress.domain) ?? feedURL.flatMap(WebAddress.domain) else { return nil }
        return Source(id: domain, name: title ?? domain, domain: domain, url: homePage ?? "https://\(domain)/")
    }
}
