import Foundation
import NewsModels

/// Turns captured RSS items and Atom entries into articles, given what the feed as a whole says.
struct XMLFeedItemMapper {
    /// The outlet every article is attributed to.
    let source: Source
    let format: XMLFeedFormat
    /// The channel's or feed's language, for items without their own.
    let feedLanguage: String?
    /// The feed's home page, else the address it was fetched from, for resolving relative URLs.
    let homePage: String?
    /// Publication time for items without any date; nil rejects them.
    let undatedFallback: Timestamp?
    /// Authors for items without their own (Atom feed-level `author`).
    var feedAuthors: [String] = []

    /// The article for one item, its id made from `key` (`XMLItemKeys`), or why there is none. A bad
    /// optional field (an unreadable date, a link that is no web address) loses that field, not the item.
    func article(from item: XMLRawItem, key: String?) throws(ItemFailure) -> Article {
        guard let key else {
            let reason: String
            switch format {
            case .rss: reason = "no guid, no link, no title and no text"
            case .rdf: reason = "no rdf:about, no link, no title and no text"
            case .atom: reason = "no id, no link, no title and no text"
            }
            throw ItemFailure(itemID: nil, reason: reason)
        }
        let shownID = TextCleaning.line(key)

        let permalink = item.guidIsPermaLink && format == .rss ? item.guid.flatMap { WebAddress.absoluteWebURL($0, base: nil) } : nil
        let url = webURL(item.link) ?? webURL(item.fallbackLink) ?? permalink ?? item.about.flatMap { WebAddress.absoluteWebURL($0, base: nil) }

        let updated = item.updated.flatMap(FeedDates.parse)
        let published = item.published.flatMap { FeedItemKey.hasText($0) ? $0 : nil }
        let dates: FeedItemDates
        do throws(FeedItemDates.Missing) {
            dates = try FeedItemDates.choose(published: published, updated: updated, fallback: undatedFallback, parse: FeedDates.parse)
        } catch {
            switch error {
            case let .unreadable(problem): throw ItemFailure(itemID: shownID, reason: "\(item.publishedField): \(problem)")
            case .absent: throw ItemFailure(itemID: shownID, reason: "no date: no \(Self.dateFields(format))")
            }
        }

        var blocks: [Block] = []
        var dek: String?
        if let content = item.content {
            blocks = Self.blocks(content, baseURL: item.contentBase ?? url ?? homePage)
        }
        if blocks.isEmpty, let summary = item.summary ?? item.fallbackSummary {
            blocks = Self.blocks(summary, baseURL: url ?? homePage)  // no full content: the summary is the body
        } else {
            dek = (item.summary ?? item.fallbackSummary).flatMap(Self.plainText)
        }

        let title = (item.title ?? item.mediaTitle).flatMap { field in
            field.kind == .text && (format == .atom || !Self.hasEntity(field.value))
                ? TextCleaning.nonEmptyLine(field.value)
                : Self.plainText(XMLTextField(value: field.value, kind: .html))
        }
        var authors = ArticleFields.distinct(item.authors.compactMap { TextCleaning.nonEmptyLine($0) })
        if authors.isEmpty { authors = item.itunesAuthor.map { [$0] } ?? feedAuthors }
        let categories = ArticleFields.distinct(item.categories.compactMap { TextCleaning.nonEmptyLine($0) })
        let language = TextCleaning.nonEmptyLine(item.language) ?? feedLanguage
        let image = item.image.flatMap { candidate -> ImageRef? in
            guard let imageURL = webURL(candidate.url) else { return nil }
            return ImageRef(
                url: imageURL,
                alt: candidate.alt.flatMap { Self.plainText(XMLTextField(value: $0, kind: .html)) },
                caption: candidate.caption.flatMap { Self.plainText(XMLTextField(value: $0, kind: .html)) })
        }

        var words = Self.wordCount(title ?? "") + Self.wordCount(dek ?? "")
        for block in blocks { words += Self.wordCount(block.plainText) }
        let article = Article(
            id: FeedArticleID.make(sourceID: source.id, itemKey: key),
            url: url,
            source: source,
            title: title ?? "",
            dek: dek,
            byline: ArticleFields.byline(authors),
            language: language,
            publishedAt: dates.publishedAt,
            updatedAt: dates.updatedAt,
            categories: categories,
            readingMinutes: blocks.isEmpty ? nil : TextCleaning.readingMinutes(words: words),
            image: image,
            blocks: blocks)
        return article
    }

    private static func dateFields(_ format: XMLFeedFormat) -> String {
        switch format {
        case .rss: return "pubDate, dc:date or atom:updated"
        case .rdf: return "dc:date"
        case .atom: return "published or updated"
        }
    }

    /// Body blocks of a text field: HTML through `HTMLBlocks`, plain text as paragraphs.
    static func blocks(_ field: XMLTextField, baseURL: String?) -> [Block] {
        if field.kind == .html, field.value.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) {
            return HTMLBlocks.blocks(fromHTML: field.value, baseURL: baseURL)
        }
        return TextCleaning.paragraphs(fromPlainText: field.value).map { .paragraph(text: $0) }
    }

    /// One cleaned line of text from a field, reading HTML (tags dropped, entities decoded) when it is HTML.
    static func plainText(_ field: XMLTextField) -> String? {
        guard field.kind == .html, field.value.utf8.contains(where: { $0 == 0x3C || $0 == 0x26 }) else {
            return TextCleaning.nonEmptyLine(field.value)
        }
        let text = HTMLBlocks.blocks(fromHTML: field.value).map(\.plainText).joined(separator: " ")
        return TextCleaning.nonEmptyLine(text)
    }

    /// Whether plain text still holds an HTML entity or character reference (`&amp;`, `&#8217;`), as
    /// RSS titles double-escaped by their generator do.
    static func hasEntity(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        while let amp = bytes[i...].firstIndex(of: 0x26) {
            var j = amp + 1
            if j < bytes.count, bytes[j] == 0x23 { j += 1 }
            let start = j
            while j < bytes.count, j - start < 32, (0x30...0x39).contains(bytes[j]) || (0x41...0x5A).contains(bytes[j] & 0xDF) { j += 1 }
            if j > start, j < bytes.count, bytes[j] == 0x3B { return true }
            i = amp + 1
        }
        return false
    }

    /// A cleaned URL, made absolute against the home page when it is relative.
    private func webURL(_ raw: String?) -> String? {
        guard let clean = TextCleaning.nonEmptyLine(raw) else { return nil }
        // Nearly every feed URL is already absolute; skip Foundation's URL parsing for those.
        if Self.isAbsoluteWebURL(clean) { return clean }
        return WebAddress.absoluteWebURL(clean, base: homePage)
    }

    /// Whether a cleaned (single-line, no spaces) URL starts with `http://` or `https://` and has a host.
    static func isAbsoluteWebURL(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        var scheme: [UInt8] = []
        while let b = bytes.next(), b != 0x3A, scheme.count < 6 { scheme.append(b | 0x20) }
        guard scheme == Array("http".utf8) || scheme == Array("https".utf8),
              bytes.next() == 0x2F, bytes.next() == 0x2F, let host = bytes.next(), host != 0x2F, host != 0x20
        else { return false }
        return !url.utf8.contains(0x20)
    }

    /// Words in `text`: runs of non-whitespace scalars.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
            if !isSpace, !inWord { count += 1 }
            inWord = !isSpace
        }
        return count
    }

}
