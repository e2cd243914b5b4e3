import Foundation
import NewsModels

/// Reads any feed a reader can subscribe to, whatever its format, by looking at its content.
public enum FeedDocument {
    /// The size cap for a feed: 128 MiB. Real feeds are far smaller, but a 20,000-item archive feed
    /// with full bodies is about 70 MB, and parsing streams, so memory stays bounded by the articles.
    public static let defaultMaxBytes = 128 * 1024 * 1024

    /// Parses an RSS, Atom, RDF or JSON Feed document. `source` overrides the outlet the feed names (the
    /// caller vouches for it); else `origin` binds the outlet to where the feed came from (`FeedOrigin`),
    /// and with neither the feed's own claim is taken, which only a caller that stores nothing may do.
    /// Items with no date get `undatedFallback` (nil skips them). Other formats (OPML, HTML pages,
    /// plain text) are refused with `FeedFormatError.notAFeed` naming what the document is.
    public static func parseFeed(
        _ data: Data, source: Source? = nil, origin: FeedOrigin? = nil, undatedFallback: Timestamp? = nil,
        maxBytes: Int = defaultMaxBytes
    ) throws(FeedFormatError) -> FeedParseResult {
        if source == nil, let origin {
            return try origin.parse { (bound) throws(FeedFormatError) in
                try parseFeed(data, source: bound, undatedFallback: undatedFallback, maxBytes: maxBytes, location: origin.location)
            }
        }
        return try parseFeed(data, source: source, undatedFallback: undatedFallback, maxBytes: maxBytes, location: nil)
    }

    /// `location` is the address the document was fetched from: relative links resolve against it
    /// when the feed gives no base of its own.
    private static func parseFeed(
        _ data: Data, source: Source?, undatedFallback: Timestamp?, maxBytes: Int, location: String?
    ) throws(FeedFormatError) -> FeedParseResult {
        guard data.count <= maxBytes else { throw .tooLarge(bytes: data.count, limit: maxBytes) }
        guard data.contains(where: { $0 > 0x20 }) else { throw .empty }
        switch FeedDocumentKind.sniff(data) {
        case .jsonFeed?:
            return try JSONFeedParser(source: source, maxBytes: maxBytes, undatedFallback: undatedFallback).parse(data)
        case .rss?, .atom?, .rdf?:
            return try XMLFeedParser(source: source, maxBytes: maxBytes, undatedFallback: undatedFallback, location: location).parse(data)
        case .opml?:
            throw .notAFeed("this is an OPML subscription list; import it with import-opml")
        case .html?:
            throw .notAFeed("this is an HTML page, not RSS, Atom or JSON Feed")
        case let other?:
            throw .notAFeed("the content is \(other.rawValue), not RSS, Atom or JSON Feed")
        case nil:
            throw .notAFeed("the content is not RSS, Atom or JSON Feed")
        }
    }
}
