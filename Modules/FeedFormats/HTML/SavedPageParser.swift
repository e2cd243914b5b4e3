import Foundation
import NewsModels

/// Reads a saved HTML article page (what a browser's "Save page" writes) as one article: headline,
/// description, author, date and canonical URL from the page's metadata, the body as blocks.
public struct SavedPageParser: Sendable {
    /// The outlet to attribute the page to; nil takes the canonical URL's domain.
    public var source: Source?
    /// The date for a page whose metadata carries none (e.g. the file's modification time).
    public var publishedFallback: Timestamp

    /// Creates a parser.
    public init(source: Source? = nil, publishedFallback: Timestamp) {
        self.source = source
        self.publishedFallback = publishedFallback
    }

    /// Parses one page. The id comes from the canonical URL, else from `key` (the caller's stable name
    /// for the page, such as its file name), never from the headline.
    public func parse(_ data: Data, key: String) throws(FeedFormatError) -> FeedParseResult {
        let metadata = HTMLBlocks.pageMetadata(fromHTMLData: data)
        let canonical = metadata.canonicalURL
        guard let source = source ?? canonical.flatMap(WebAddress.domain).map({
            Source(id: $0, name: metadata.siteName ?? $0, domain: $0, url: "https://\($0)/")
        }) else { throw .noPageOutlet }
        let blocks = HTMLBlocks.blocks(fromHTMLData: data, baseURL: canonical)
        let words = blocks.reduce(0) { $0 + $1.plainText.split(whereSeparator: \.isWhitespace).count }
        let article = Article(
            id: FeedArticleID.make(sourceID: source.id, itemKey: canonical ?? key), url: canonical, source: source,
            title: metadata.title ?? "", dek: metadata.description,
            byline: metadata.author.map { $0.hasPrefix("By ") ? $0 : "By \($0)" },
            publishedAt: metadata.published ?? publishedFallback, readingMinutes: TextCleaning.readingMinutes(words: words),
            blocks: blocks)
        return FeedParseResult(source: source, articles: [article], problems: [])
    }
}
