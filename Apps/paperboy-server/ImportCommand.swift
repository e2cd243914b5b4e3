import ArgumentParser
import FeedFormats
import FeedServer
import Foundation
import HTTPTransport
import NewsModels

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add articles from files in any format outlets publish to the content log.",
        discussion: """
            The format is read from the content, not the file name:
              - RSS 2.0, Atom 1.0, RDF/RSS 1.0 and JSON Feed 1.0/1.1: every item becomes an article
                of --source, else of the file (source id file:NAME, the feed's title as its name): a
                file cannot prove which outlet wrote it, so the domain its links claim is not used.
                An item with no usable date is dated when first imported (a re-import keeps that
                date); one that cannot be used (no id or link) is reported and skipped; the rest
                import.
              - Plain-text article dumps (an article copied out of a page): headline, dek, byline,
                dateline, headings, lists, images, quotes, embedded posts and cited sources are
                recognised and page furniture dropped; side stories become their own articles.
                Needs --source (a dump does not say which outlet it is from). A dump without a date
                line is dated from the latest date its text mentions (a full date, a date path in an
                image or link address, or a month and year such as "February 2025"; never after the
                file's modification time), and the import says so; with no such mention its date is
                the file's modification time.
              - A saved HTML article page: title, description, author, date and canonical URL from
                its metadata, the body as blocks; its outlet is --source, else the file.
              - OPML: every feed in it is followed (as with `feed add`); `serve` polls them.
              - NDJSON: one article per line in protocol JSON (docs/JSON.md). A malformed line stops
                the import with its line number; batches before it stay imported.
            Article ids come from the GUID, id or canonical URL (for a dump or a page without one,
            the file name), never the headline, so re-importing an edited file revises articles
            instead of duplicating them; an id already stored under another source is refused
            (only the source an article came from may revise it). The server assigns rev, seq and
            contentHash: unchanged
            content writes nothing; changed content is logged as rev+1 with changedFields. Each
            article is grouped into a story (storyId) with other outlets' coverage of the same
            event, published up to three weeks apart; `regroup` redoes that for the whole log.
              paperboy-server import feed.xml ~/saved/article.html
              paperboy-server import --source apnews.com --source-name "Associated Press" story.txt
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Attribute the articles to this outlet (its domain, e.g. apnews.com).", valueName: "domain"))
    var source: String?

    @Option(help: ArgumentHelp("The outlet's display name for --source (default: the domain).", valueName: "name"))
    var sourceName: String?

    @Argument(help: "Files to import: RSS, Atom, RDF, JSON Feed, HTML, plain text, OPML or NDJSON.", completion: .file())
    var files: [String]

    /// The largest non-NDJSON file read (NDJSON streams and has no cap).
    static let maxDocumentBytes = FeedDocument.defaultMaxBytes

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        if let source, WebDomain.normalized(source) == nil {
            throw ValidationError("--source must be a domain such as apnews.com, got '\(source.prefix(80))'")
        }
        if sourceName != nil, source == nil { throw ValidationError("--source-name needs --source") }
    }

    func run() throws {
        let storage = try database.open()
        // Items with no usable date are dated when first seen: this import, once stored (a re-import
        // keeps the stored date, as the poller does), so they are never dropped.
        let importedAt = Timestamp.now()
        for file in files {
            do {
                let head = try Self.head(of: file)
                switch FeedDocumentKind.sniff(head) {
                case .ndjson?:
                    report(file, try importNDJSON(file, into: storage))
                case .opml?:
                    try followOPML(file, into: storage)
                case let kind?:
                    let data = try Self.document(file)
                    let result = try parse(data, kind: kind, file: file, undatedFallback: importedAt)
                    for problem in result.problems {
                        ServerOutput.warn("\(file): skipped \(problem.description)")
                    }
                    if let note = Self.inferredDateNote(result) { ServerOutput.say("\(file): \(note)") }
                    let undated = Set(result.articles.lazy.filter { $0.publishedAt.epochMilliseconds == importedAt.epochMilliseconds }.map(\.id))
                    report(file, try importBatches(result.articles, keepingDatesOf: undated, into: storage))
                case nil:
                    throw ServerFailure("\(file): not a format paperboy-server imports (RSS, Atom, RDF, JSON Feed, HTML, plain text, OPML, NDJSON)")
                }
            } catch let error as NewsJSONError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as FeedFormatError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as FeedStorageError {
                throw ServerFailure("\(file): \(error.description)")
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileNoSuchFile {
                throw ServerFailure("\(file): no such file")
            }
        }
    }

    private func report(_ file: String, _ summary: ImportSummary) {
        var stories = "\(summary.newStories) new stor\(summary.newStories == 1 ? "y" : "ies")"
        if summary.mergedStories > 0 {
            stories += ", \(summary.mergedStories) merged into others (\(summary.moved) stored article\(summary.moved == 1 ? "" : "s") moved)"
        }
        ServerOutput.say("\(file): \(summary.added) new, \(summary.revised) revised, \(summary.unchanged) unchanged; \(stories); log head \(summary.head)")
        if let refusal = summary.refusal { ServerOutput.warn("\(file): \(refusal)") }
    }

    /// `no date line; dated 2025-02-15 from 'February 2025' in the text` for a document whose
    /// articles were dated from what their text mentions (the first such article's date and reason, and
    /// how many there were when more than one), or nil. The reason is cleaned text from the parser.
    static func inferredDateNote(_ result: FeedParseResult) -> String? {
        let inferred = result.articles.filter { result.inferredDates[$0.id] != nil }
        guard let first = inferred.first, let reason = result.inferredDates[first.id] else { return nil }
        let count = inferred.count > 1 ? " (\(inferred.count) articles dated this way)" : ""
        return "no date line; dated \(first.publishedAt.rfc3339.prefix(10)) \(reason)\(count)"
    }

    /// The outlet named by --source, if any.
    private var sourceOverride: Source? {
        guard let source, let domain = WebDomain.normalized(source) else { return nil }
        return Source(id: domain, name: sourceName ?? domain, domain: domain, url: "https://\(domain)/")
    }

    private func parse(_ data: Data, kind: FeedDocumentKind, file: String, undatedFallback: Timestamp) throws -> FeedParseResult {
        switch kind {
        case .plainText:
            guard let source = sourceOverride else {
                throw ServerFailure("\(file): a plain-text dump does not say which outlet it is from; pass --source DOMAIN (e.g. --source apnews.com)")
            }
            return try TextDumpParser(source: source, publishedFallback: try Self.modified(file)).parse(data, key: Self.stem(file))
        case .html:
            let fallback = try Self.modified(file), key = Self.stem(file)
            if let source = sourceOverride { return try SavedPageParser(source: source, publishedFallback: fallback).parse(data, key: key) }
            return try FeedOrigin.file(Self.name(file)).parse { (bound) throws(FeedFormatError) in
                try SavedPageParser(source: bound, publishedFallback: fallback).parse(data, key: key)
            }
        default:
            return try FeedDocument.parseFeed(
                data, source: sourceOverride, origin: .file(Self.name(file)), undatedFallback: undatedFallback,
                maxBytes: Self.maxDocumentBytes)
        }
    }

    private func followOPML(_ file: String, into storage: SQLiteFeedStorage) throws {
        let document = try OPMLDocument.parse(try Self.document(file))
        var added = 0
        for subscription in document.subscriptions {
            guard HTTPRequest.webURL(subscription.feedURL) != nil else {
                ServerOutput.warn("\(file): skipped \(subscription.feedURL.prefix(120)): not an http(s) URL")
                continue
            }
            if try storage.addUpstreamFeed(url: subscription.feedURL, interval: .seconds(1800)) { added += 1 }
        }
        ServerOutput.say("\(file): following \(added) new feed\(added == 1 ? "" : "s") of \(document.subscriptions.count); `serve` or `feed poll` fetches them")
    }

    /// The first bytes of `path`, enough to tell its format.
    private static func head(of path: String) throws -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        return try handle.read(upToCount: 64 << 10) ?? Data()
    }

    /// The whole file, refusing one over the size cap before reading it.
    private static func document(_ path: String) throws -> Data {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxDocumentBytes else { throw FeedFormatError.tooLarge(bytes: size, limit: maxDocumentBytes) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// The file name without folder: what a document imported without --source is attributed to.
    private static func name(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }

    /// The file name without folder or extension: the stable key of a dump or page with no URL.
    private static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// The file's modification time: the date of an undated page, or of an undated dump whose text
    /// mentions no date, and the latest date a dump may be given from its text; stable across re-imports.
    private static func modified(_ path: String) throws -> Timestamp {
        let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        return Timestamp(date ?? Date(timeIntervalSince1970: 0))
    }

    private func importNDJSON(_ file: String, into storage: SQLiteFeedStorage) throws -> ImportSummary {
        var total = ImportSummary()
        var reader = try NDJSONReader(path: file)
        while case let batch = try reader.next(Article.self, count: 1000), !batch.isEmpty {
            total.add(try storage.importArticles(batch))
        }
        return total
    }

    private func importBatches(_ articles: [Article], keepingDatesOf undated: Set<String>, into storage: SQLiteFeedStorage) throws -> ImportSummary {
        var total = ImportSummary()
        var start = articles.startIndex
        repeat {
            let end = min(start + 1000, articles.endIndex)
            total.add(try storage.importArticles(Array(articles[start..<end]), keepingDatesOf: undated))
            start = end
        } while start < articles.endIndex
        return total
    }
}

extension ImportSummary {

    /// Adds another batch's counts; the head is the later batch's.
    mutating func add(_ other: ImportSummary) {
        added += other.added
        revised += other.revised
        unchanged += other.unchanged
        refused += other.refused
        newStories += other.newStories
        mergedStories += other.mergedStories
        moved += other.moved
        if other.head > 0 { head = other.head }
    }
}

/// A bare domain typed by the user, lowercased without scheme, `www.` or path.
enum WebDomain {
    static func normalized(_ text: String) -> String? {
        var value = text.trimmingCharacters(in: .whitespaces).lowercased()
        for prefix in ["https://", "http://"] where value.hasPrefix(prefix) { value.removeFirst(prefix.count) }
        value = String(value.prefix { $0 != "/" })
        if value.hasPrefix("www.") { value.removeFirst(4) }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard value.contains("."), !value.hasPrefix("."), !value.hasSuffix("."), value.allSatisfy(allowed.contains) else { return nil }
        return value
    }
}
