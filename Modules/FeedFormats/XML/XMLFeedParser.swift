import CLibXML2
import Foundation
import NewsModels

/// Reads RSS 2.0 (and 0.9x), RSS 1.0/RDF and Atom 1.0 (and 0.3) documents into articles, streaming
/// with libxml2's `xmlTextReader` (never a DOM).
///
/// Mapping: RSS `guid` (else `link`), RDF `rdf:about` (else `link`), Atom `id` (else the alternate
/// link) → article id via `FeedArticleID` (items sharing one told apart by `XMLItemKeys`); `link` → url
/// (else a permalink guid); title (else `media:title`; HTML titles and double-escaped RSS titles are
/// decoded); `content:encoded`/XHTML `body`/Atom `content` → blocks, with `description`/`summary` (else
/// `media:description`, `itunes:summary`, `itunes:subtitle`) → dek, or, without full content, → blocks;
/// `dc:creator`/`author`/Atom `author/name` (else `itunes:author`, else the Atom feed's) → byline
/// (`By A and B`, names only, never e-mail addresses); `category`/`dc:subject` →
/// categories; `pubDate`/`dc:date`/`published` → publishedAt and `atom:updated`/`dc:modified`/`updated`
/// → updatedAt (through `FeedDates`); `media:content`, `media:thumbnail` or an image `enclosure` →
/// image, with `media:title`/`media:description` as alt and caption; language from the item's
/// `dc:language`/`xml:lang`, else the channel's. Namespaces are matched by URI, not prefix.
///
/// Safety: the document is decoded to UTF-8 first (`XMLDecoding`); no entity expansion, no DTD loading,
/// no network, libxml2's size limits kept; a DOCTYPE that could declare entities is blanked before
/// parsing (undeclared references then stay as text) and the reader declares none anyway
/// (`XMLEntityGuard`), so a billion-laughs document parses in linear time and memory. Attributes past
/// `MarkupLimits` are blanked before libxml2 reads them. Fields are cut at 1 MiB, and items past
/// `XMLFeedScanner.maxItems` (100,000) are not read. Items become articles on every core
/// (`ParallelItems`), in feed order.
///
/// Broken documents: wrong or missing encodings, invalid UTF-8, stray `&` and `<`, HTML entities and
/// control characters are repaired silently (see `XMLRepair`). A document that stops being
/// well-formed part-way (cut off, or a tag mismatch) keeps the items that were complete before the
/// error; the error is reported as an `ItemProblem` at the item it hit (or just past the last item),
/// and only when no item was complete does parsing throw `invalidXML`.
public struct XMLFeedParser: Sendable {
    /// The default size cap: 64 MiB.
    public static let defaultMaxBytes = 64 * 1024 * 1024

    /// Attribute every article to this source instead of one derived from the feed's home page.
    /// Article ids include the source id, so use the same override on every import of a feed.
    public var source: Source?
    /// Documents larger than this many bytes are rejected with `FeedFormatError.tooLarge`.
    public var maxBytes: Int
    /// Publication time for items with no date at all; nil skips such items.
    public var undatedFallback: Timestamp?
    /// The http(s) address the document was fetched from: relative links resolve against it when the
    /// feed names no home page (a feed with no link of its own is named by `FeedOrigin`, not by this).
    public var location: String?
    /// Threads that turn items into articles (HTML to blocks, content hashes); the articles are the
    /// same for any number.
    var workers = ParallelItems.defaultWorkers

    /// Creates a parser.
    public init(
        source: Source? = nil, maxBytes: Int = XMLFeedParser.defaultMaxBytes, undatedFallback: Timestamp? = nil, location: String? = nil
    ) {
        self.source = source
        self.maxBytes = maxBytes
        self.undatedFallback = undatedFallback
        self.location = location
    }

    /// Whether `data` looks like an RSS, Atom or RDF document (content sniffing for importers): skips a
    /// byte-order mark, whitespace, the XML declaration, comments, processing instructions and DOCTYPE,
    /// then checks the root element's name (`rss`, `feed`, `rdf:RDF`). UTF-16 is recognised too.
    public static func looksLikeXMLFeed(_ data: Data) -> Bool {
        let head = (try? XMLDecoding.detected(data.prefix(256 * 1024)))??.data ?? data
        let prologue = head.withUnsafeBytes { XMLPrologue($0) }
        return prologue.rootLocalName.map(XMLPrologue.feedRoots.contains) ?? false
    }

    /// Parses a feed document. Whole-document problems throw; bad items are skipped and listed in
    /// `FeedParseResult.problems`.
    public func parse(_ data: Data) throws(FeedFormatError) -> FeedParseResult {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        var input = try XMLInput.prepare(data)
        var outcome = XMLScanOutcome.scan(input)
        if outcome.failure != nil, outcome.failure?.isUnsupportedEncoding == false, let repaired = input.repaired() {
            input = repaired
            outcome = XMLScanOutcome.scan(input)
        }
        if let failure = outcome.failure, failure.isUnsupportedEncoding {
            throw .unsupportedEncoding(TextCleaning.line(input.declaredEncoding ?? failure.message))
        }
        if let reason = outcome.notAFeed { throw .notAFeed(reason) }

        let cutOff = try Self.breakProblem(&outcome, input)
        let mapper = try mapper(for: outcome.feed)
        var collector = FeedArticleCollector(expecting: outcome.items.count)
        let items = outcome.items, keys = XMLItemKeys.assign(items)
        ParallelItems.forEach(count: items.count, workers: workers) { index in
            Result { () throws(ItemFailure) in try mapper.article(from: items[index], key: keys[index]) }
        } collect: { index, result in
            switch result {
            case let .success(article): collector.add(article, index: items[index].index, key: keys[index])
            case let .failure(failure): collector.skip(index: items[index].index, failure)
            }
        }
        if let cutOff { collector.note(cutOff) }
        var result = FeedParseResult(source: mapper.source, articles: collector.articles, problems: collector.problems)
        result.feedTitle = outcome.feed.title.flatMap(XMLFeedItemMapper.plainText)
        return result
    }

    /// The problem to report when the document stopped being readable part-way (or had too many
    /// items); throws `invalidXML` when no item was complete before the break.
    private static func breakProblem(_ outcome: inout XMLScanOutcome, _ input: XMLInput) throws(FeedFormatError) -> ItemProblem? {
        guard var failure = outcome.failure else {
            guard outcome.stoppedAtItemLimit else { return nil }
            return ItemProblem(index: XMLFeedScanner.maxItems, reason: "the feed has more than \(XMLFeedScanner.maxItems) items; the rest are not read")
        }
        outcome.salvage(input)
        if failure.code == Int32(XML_I18N_CONV_FAILED.rawValue) {
            let encoding = TextCleaning.line(input.declaredEncoding ?? "the declared encoding").prefix(40)
            failure.message = "bytes that are not valid \(encoding) (\(failure.message))"
        }
        let line = failure.line > 0 ? failure.line + input.lineOffset : 0
        // Cut off: the error is on the last line and the root element is never closed.
        let truncated = failure.code != Int32(XML_I18N_CONV_FAILED.rawValue)
            && (failure.line == 0 || failure.line >= input.lineCount) && !input.endsWithRootEndTag
        guard !outcome.items.isEmpty else {
            let root = input.rootName.map { " </\(TextCleaning.line($0).prefix(60))>" } ?? ""
            throw .invalidXML(line: line, reason: truncated ? "the document is cut off before its closing\(root)" : failure.message)
        }
        let place = line > 0 ? " at line \(line)" : ""
        if let open = outcome.openItem {
            let reason = truncated
                ? "the document is cut off inside this item\(place); the item is lost"
                : "invalid XML\(place): \(failure.message); this item and the rest of the document are skipped"
            return ItemProblem(index: open.index, itemID: open.key.map(TextCleaning.line), reason: reason)
        }
        let reason = truncated
            ? "the document is cut off after the last complete item\(place)"
            : "invalid XML\(place): \(failure.message); the rest of the document is skipped"
        return ItemProblem(index: outcome.itemsSeen, reason: reason)
    }

    /// The item mapper for a feed: the caller's source, or one derived from the home page (else the
    /// self link): id and domain from its host without `www.`, name from the feed title.
    private func mapper(for feed: XMLRawFeed) throws(FeedFormatError) -> XMLFeedItemMapper {
        let location = TextCleaning.nonEmptyLine(location).flatMap { WebAddress.absoluteWebURL($0, base: nil) }
        let homePage = TextCleaning.nonEmptyLine(feed.homePage).flatMap { WebAddress.absoluteWebURL($0, base: location) }
        let resolved: Source
        if let source {
            resolved = source
        } else {
            let selfLink = TextCleaning.nonEmptyLine(feed.selfLink)
            // Where the feed was fetched from resolves its links but does not name its outlet: a feed
            // that names none is filed under its own address by `FeedOrigin`, so two such feeds on one
            // host never share a source.
            guard let domain = homePage.flatMap(WebAddress.domain) ?? selfLink.flatMap(WebAddress.domain)
            else {
                throw .noFeedLink
            }
            let title = feed.title.flatMap(XMLFeedItemMapper.plainText)
            resolved = Source(id: domain, name: title ?? domain, domain: domain, url: homePage ?? "https://\(domain)/")
        }
        let language = TextCleaning.nonEmptyLine(feed.language) ?? TextCleaning.nonEmptyLine(feed.xmlLang)
        return XMLFeedItemMapper(
            source: resolved, format: feed.format, feedLanguage: language, homePage: homePage ?? location, undatedFallback: undatedFallback,
            feedAuthors: feed.authors.compactMap { TextCleaning.nonEmptyLine($0) })
    }
}

/// What one pass of `XMLFeedScanner` over a prepared document produced.
struct XMLScanOutcome {
    var feed = XMLRawFeed()
    var items: [XMLRawItem] = []
    var openItem: XMLRawItem?
    var itemsSeen = 0
    var stoppedAtItemLimit = false
    var notAFeed: String?
    /// libxml2's error when the document stopped being readable.
    var failure: XMLReadError?

    /// After a failure, reads again only the bytes before the error. libxml2's reader gives up on a
    /// whole 512-byte chunk when it meets an error inside it, but an error at the very end (a cut-off
    /// document) still lets it hand out every node before; so the complete items just before the
    /// error are recovered. The cut is made at the `<` that starts the tag where the error was found.
    mutating func salvage(_ input: XMLInput) {
        guard let failure, let cut = input.offset(beforeTagAtLine: failure.line, column: failure.column) else { return }
        var prefix = input
        prefix.data = input.data[input.data.startIndex..<(input.data.startIndex + cut)]
        var again = XMLScanOutcome.scan(prefix)
        guard again.items.count > items.count, again.notAFeed == nil else { return }
        again.failure = failure
        self = again
    }

    /// Streams `input` through a scanner; never throws, a read error is kept in `failure`.
    static func scan(_ input: XMLInput) -> XMLScanOutcome {
        input.data.withUnsafeBytes { raw -> XMLScanOutcome in
            do throws(XMLReadError) {
                return try XMLStreamReader.read(raw, encoding: input.encoding) { reader throws(XMLReadError) -> XMLScanOutcome in
                    var scanner = XMLFeedScanner(reader: reader)
                    var failure: XMLReadError?
                    do throws(XMLReadError) { try scanner.scan() } catch { failure = error }
                    // Text that could not be decoded was cut off: the break is that, not the cut.
                    if let conversion = input.conversionFailure, failure.map({ $0.line >= input.lineCount }) ?? true {
                        failure = conversion
                    }
                    return XMLScanOutcome(
                        feed: scanner.feed, items: scanner.items, openItem: scanner.openItem, itemsSeen: scanner.itemsSeen,
                        stoppedAtItemLimit: scanner.stoppedAtItemLimit, notAFeed: scanner.notAFeed, failure: failure)
                }
            } catch {
                return XMLScanOutcome(failure: error)
            }
        }
    }
}
