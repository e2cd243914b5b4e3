/// Why a whole feed document could not be read. Problems with single items are `ItemProblem`s instead.
public enum FeedFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The document is larger than the caller's size cap.
    case tooLarge(bytes: Int, limit: Int)
    /// The bytes are not well-formed JSON; `offset` is the 0-based byte where reading stopped.
    case invalidJSON(offset: Int, reason: String)
    /// Well-formed JSON that is not a JSON Feed, e.g. no `version` or no `items` array.
    case notJSONFeed(String)
    /// A feed-level field has the wrong type, e.g. `title` is a number.
    case badFeedField(field: String, problem: String)
    /// The bytes are not well-formed XML (or HTML could not be read); `line` is 1-based, 0 when unknown.
    case invalidXML(line: Int, reason: String)
    /// The document declares an encoding that cannot be decoded, e.g. `encoding="x-klingon"`.
    case unsupportedEncoding(String)
    /// Well-formed XML that is not RSS, Atom, RDF or OPML, e.g. an XHTML page; names the root element.
    case notAFeed(String)
    /// The document has no content at all (empty, or only whitespace).
    case empty
    /// No source could be derived (no `home_page_url` or `feed_url` with a host) and the caller gave none.
    case noSource
    /// An RSS, RDF or Atom feed with no channel/feed link or self link that has a host, and no source was given.
    case noFeedLink
    /// A saved page names no canonical URL to tell its outlet by, and the caller gave no source.
    case noPageOutlet

    /// One line naming the problem, e.g. `not a JSON Feed: missing version`.
    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit):
            return "feed is \(bytes) bytes, over the \(limit)-byte limit"
        case let .invalidJSON(offset, reason):
            return "invalid JSON at byte \(offset): \(reason)"
        case let .notJSONFeed(reason):
            return "not a JSON Feed: \(reason)"
        case let .badFeedField(field, problem):
            return "bad JSON Feed: field '\(field)': \(problem)"
        case let .invalidXML(line, reason):
            return line > 0 ? "invalid XML at line \(line): \(reason)" : "invalid XML: \(reason)"
        case let .unsupportedEncoding(name):
            return "unsupported character encoding \"\(name)\""
        case let .notAFeed(what):
            return "not a feed: \(what)"
        case .empty:
            return "the document is empty"
        case .noSource:
            return "cannot tell the feed's source: it has no home_page_url or feed_url with a host; pass a source"
        case .noPageOutlet:
            return "cannot tell the page's outlet: it names no canonical URL; pass a source"
        case .noFeedLink:
            return "cannot tell the feed's source: it has no <link> to a home page or self link with a host; pass a source"
        }
    }
}
