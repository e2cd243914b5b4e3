import Foundation
import NewsModels

/// Reads a plain-text article dump (what a scraper or a "copy article text" export produces) into
/// articles, keeping its structure and dropping the page furniture.
///
/// - Header: markdown images before the headline (the first with a URL is the lead image, not repeated
///   as a block); the headline, a first short line that does not end like a sentence, or the first
///   segment of a `Headline/ Outlet/ CITY/ Author/ Edition/ summary` line (the place becomes the
///   dateline, the author the byline, the summary the dek; outlet and edition are recognised and left
///   out, the article keeps the caller's source); a dek, the one-paragraph summary right under the
///   headline when a blank line or header material follows it (none when there is no headline); meta
///   lines (`Coast, Ferries March 3, 2026 No Comments on …5 minute read` gives categories,
///   date and reading time); a dateline (`13:58 JST, April 3, 2026`, kept verbatim, offset
///   +09:00); a short label right above the date line is the byline when it is a name, else the caption
///   of a lost photo (an image block without URL).
/// - Body: see `DumpBodyBuilder` (headings, lists, numbered headings, images and captions, quotes,
///   social posts, paragraphs with glued source domains as citations). A reprint of the headline is
///   dropped, and alternative headlines stacked under it too, except the last, which heads the text after it.
/// - Boilerplate: see `DumpBoilerplate`. Headline lists (`POPULAR ARTICLE`, `ACCESS RANKING`) go whole.
/// - Side stories: stories after a comment footer or under a second slash header (read with their own
///   header), and off-topic sections found by `DumpSideStories` (headline and body only), become their
///   own articles with item keys `key#side-1`, `key#side-2`, …, same source, dated by their own header
///   or else like the main article. Content after a footer without a headline of its own is dropped.
/// - Dates: the dump's own date; else one inferred from what the text mentions (see
///   `DumpDateInference`: the latest full date, date path in an image or link address, or month and
///   year, never after `publishedFallback`, or after now without one), named with its reason in
///   `FeedParseResult.inferredDates`; else `publishedFallback`; else the article is not built and an
///   `ItemProblem` says why (a made-up "now" would change the content hash on every re-import). Side
///   stories without a date of their own take the main article's own date, else their own inferred one,
///   else the main article's inferred one. A date without a time is midnight UTC; a time without a
///   known zone is read as UTC.
/// - Reading time: the printed one, else from the word count.
public struct TextDumpParser: Sendable {
    /// Every article is attributed to this source; ids are made from its id and the dump's key.
    public var source: Source
    /// Publication time for dumps that print no date and mention none; the latest an inferred date may
    /// be. Nil reports such dumps as problems and bounds inferred dates by the current time.
    public var publishedFallback: Timestamp?
    /// Documents larger than this many bytes are rejected with `FeedFormatError.tooLarge`.
    public var maxBytes: Int

    /// Creates a parser for dumps from `source`.
    public init(source: Source, publishedFallback: Timestamp? = nil, maxBytes: Int = 8 << 20) {
        self.source = source
        self.publishedFallback = publishedFallback
        self.maxBytes = maxBytes
    }

    /// Whether `data` looks like a text dump: readable text (little binary, few bytes that are not
    /// UTF-8) that does not start like XML, HTML or JSON. Reads at most the first 64 KiB.
    public static func looksLikeTextDump(_ data: Data) -> Bool {
        DumpText.looksLikeTextDump(data)
    }

    /// Parses one dump. `key` is the caller's stable name for it (e.g. the file name without extension):
    /// the main article's id is `FeedArticleID.make(sourceID: source.id, itemKey: key)`, side stories use
    /// `key#side-N`. Throws for an empty document, one over `maxBytes`, or binary data; an article that
    /// cannot be built (no date, nothing but boilerplate) is an `ItemProblem` (index 0 for the main
    /// article, N for side story N).
    public func parse(_ data: Data, key: String) throws(FeedFormatError) -> FeedParseResult {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        let text = DumpText.decode(data)
        guard text.contains(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else { throw .empty }
        if let reason = DumpText.binaryReason(text) { throw .notAFeed(reason) }
        let lines = DumpText.lines(text)
        guard !lines.isEmpty else { throw .empty }

        let parts = DumpParts.split(lines)
        let header = DumpHeaderReader.read(parts[0])
        let body = DumpBodyBuilder.blocks(Array(parts[0][header.bodyStart...]), title: header.title)
        let (mainBlocks, inner) = DumpSideStories.split(body, title: header.title, dek: header.dek)
        var sides = inner
        for part in parts.dropFirst() where !part.isEmpty {
            let sideHeader = DumpHeaderReader.read(part)
            let blocks = sideHeader.blocks + DumpBodyBuilder.blocks(Array(part[sideHeader.bodyStart...]), title: sideHeader.title)
            guard !sideHeader.title.isEmpty, blocks.contains(where: Self.isText) else { continue }
            sides.append(DumpSideStory(headline: sideHeader.title, blocks: blocks, header: sideHeader))
        }

        // Only the bound reads the clock, and only without a fallback: with one (the server passes the
        // file's modification time) the date is a function of the bytes, so re-imports keep their hash.
        let bound = publishedFallback ?? .now()
        let mainInferred = header.published != nil ? nil : DumpDateInference.infer(
            from: DumpDateInference.evidence(title: header.title, dek: header.dek, dateline: header.dateline,
                                             image: header.leadImage, blocks: header.blocks + mainBlocks),
            notAfter: bound)
        let date = header.published ?? mainInferred?.timestamp ?? publishedFallback
        var inferredDates: [String: String] = [:]
        var articles: [Article] = []
        var problems: [ItemProblem] = []
        let main = header.blocks + mainBlocks
        if header.title.isEmpty, header.dek == nil, !main.contains(where: Self.isText) {
            problems.append(ItemProblem(index: 0, itemID: key, reason: "no article text: the dump holds only boilerplate"))
        } else if let date {
            let id = FeedArticleID.make(sourceID: source.id, itemKey: key)
            inferredDates[id] = mainInferred?.reason
            articles.append(Article(
                id: id,
                source: source,
                title: header.title,
                dek: header.dek,
                byline: header.byline,
                dateline: header.dateline,
                publishedAt: date,
                updatedAt: header.updated,
                categories: ArticleFields.distinct(header.categories),
                readingMinutes: header.readingMinutes ?? ArticleFields.readingMinutes(title: header.title, dek: header.dek, blocks: main),
                image: header.leadImage,
                blocks: main))
        } else {
            problems.append(ItemProblem(index: 0, itemID: key, reason: Self.undated))
        }
        for (n, side) in sides.enumerated() {
            let sideKey = "\(key)#side-\(n + 1)"
            let own = side.header
            let inferred = own?.published != nil || header.published != nil ? nil : DumpDateInference.infer(
                from: DumpDateInference.evidence(title: side.headline, dek: own?.dek, dateline: own?.dateline,
                                                 image: own?.leadImage, blocks: side.blocks),
                notAfter: bound) ?? mainInferred
            guard let sideDate = own?.published ?? header.published ?? inferred?.timestamp ?? publishedFallback else {
                problems.append(ItemProblem(index: n + 1, itemID: sideKey, reason: Self.undated))
                continue
            }
            let id = FeedArticleID.make(sourceID: source.id, itemKey: sideKey)
            inferredDates[id] = inferred?.reason
            articles.append(Article(
                id: id,
                source: source,
                title: side.headline,
                dek: own?.dek,
                byline: own?.byline,
                dateline: own?.dateline,
                publishedAt: sideDate,
                updatedAt: own?.updated,
                categories: ArticleFields.distinct(own?.categories ?? []),
                readingMinutes: own?.readingMinutes ?? ArticleFields.readingMinutes(title: side.headline, dek: own?.dek, blocks: side.blocks),
                image: own?.leadImage,
                blocks: side.blocks))
        }
        return FeedParseResult(source: source, articles: articles, problems: problems, inferredDates: inferredDates)
    }

    private static let undated = "no publication date in the dump or its text, and no publishedFallback was given"

    private static func isText(_ block: Block) -> Bool {
        switch block {
        case .paragraph, .quote, .list, .embed, .heading: return true
        case .image: return false
        }
    }
}
