import Foundation
import NewsModels

/// Turns JSON Feed items into articles, given what the feed as a whole says.
struct JSONFeedItemMapper {
    /// The outlet every article is attributed to.
    let source: Source
    /// The feed's `language`, for items without their own.
    let feedLanguage: String?
    /// The feed's author names, for items without their own (JSON Feed 1.1 section "authors").
    let feedAuthors: [String]
    /// The feed's home page, for resolving relative URLs.
    let homePage: String?
    /// Publication time for items with no readable `date_published` or `date_modified`; nil rejects them.
    let undatedFallback: Timestamp?

    /// Categories kept per article, the first distinct tags in order: 100 (more is tag spam, and
    /// would let a feed's tags take far more memory than their bytes).
    static let maxCategories = 100

    /// The item's key for its article id: `id` (a number is used as written), else `url`; nil if neither.
    static func key(of item: JSONFeedFields) throws(FieldError) -> String? {
        var id: String?
        switch item.members["id"] {
        case nil, .null?: id = nil
        case let .string(text)?: id = text
        case let .number(text)?: id = text
        case let other?: throw FieldError(field: "id", problem: "expected a string or number, got \(other.kindName)")
        }
        return FeedItemKey.first([id, try? item.string("url")])
    }

    /// The article for one item with the key its id was made from, or why there is none.
    func article(from members: [String: JSONValue]) throws(ItemFailure) -> (article: Article, key: String) {
        let item = JSONFeedFields(members: members)
        let found: String?
        do throws(FieldError) {
            found = try Self.key(of: item)
        } catch {
            throw ItemFailure(itemID: nil, reason: error.message)
        }
        guard let key = found else { throw ItemFailure(itemID: nil, reason: "no id and no url") }
        do throws(FieldError) {
            return (try article(item, key: key), key)
        } catch {
            throw ItemFailure(itemID: TextCleaning.line(key), reason: error.message)
        }
    }

    /// Every field but the id is optional: one of the wrong type, or a date no reader can read, is
    /// dropped and the item kept (peer readers do the same).
    private func article(_ item: JSONFeedFields, key: String) throws(FieldError) -> Article {
        let url = webURL(try? item.string("url")) ?? webURL(try? item.string("external_url"))

        let publishedText = try? item.string("date_published")
        let modified = (try? item.string("date_modified")).flatMap(FeedItemDates.parseRFC3339First)
        let dates: FeedItemDates
        do throws(FeedItemDates.Missing) {
            dates = try FeedItemDates.choose(
                published: publishedText, updated: modified, fallback: undatedFallback, parse: FeedItemDates.parseRFC3339First)
        } catch {
            let problem = switch error {
            case let .unreadable(problem): problem
            case .absent: "missing"
            }
            throw FieldError(field: "date_published", problem: problem + ", and no readable date_modified either")
        }

        var blocks: [Block] = []
        if let html = try? item.string("content_html") {
            blocks = HTMLBlocks.blocks(fromHTML: html, baseURL: url ?? homePage)
        }
        if blocks.isEmpty, let text = try? item.string("content_text") {
            blocks = TextCleaning.paragraphs(fromPlainText: text).map { .paragraph(text: $0) }
        }

        let title = try? item.line("title")
        let dek = try? item.line("summary")
        let names = item.authorNames()
        let categories = (item.strings("tags") ?? []).compactMap { TextCleaning.nonEmptyLine($0) }
        let language = try? item.line("language")
        let imageURL = webURL(try? item.string("image")) ?? webURL(try? item.string("banner_image"))
        return Article(
            id: FeedArticleID.make(sourceID: source.id, itemKey: key),
            url: url,
            source: source,
            title: title ?? "",
            dek: dek,
            byline: ArticleFields.byline(names ?? feedAuthors),
            language: language ?? feedLanguage,
            publishedAt: dates.publishedAt,
            updatedAt: dates.updatedAt,
            categories: Array(ArticleFields.distinct(categories).prefix(Self.maxCategories)),
            readingMinutes: ArticleFields.readingMinutes(title: title ?? "", dek: dek, blocks: blocks),
            image: imageURL.map { ImageRef(url: $0) },
            blocks: blocks)
    }

    /// A cleaned URL, made absolute against the home page when it is relative.
    private func webURL(_ raw: String?) -> String? {
        guard let clean = TextCleaning.nonEmptyLine(raw) else { return nil }
        return WebAddress.absoluteWebURL(clean, base: homePage) ?? clean
    }
}
