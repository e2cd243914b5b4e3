import Foundation

/// The formats `FeedDocument` recognises, told apart by content rather than by file name.
public enum FeedDocumentKind: String, Sendable, Hashable, CaseIterable {
    /// JSON Feed 1.0 or 1.1.
    case jsonFeed = "JSON Feed"
    /// RSS 0.9x or 2.0 (`<rss>` root).
    case rss = "RSS"
    /// Atom 1.0 (`<feed>` root).
    case atom = "Atom"
    /// RSS 1.0 / RDF (`<rdf:RDF>` root).
    case rdf = "RDF"
    /// An OPML subscription list (`<opml>` root).
    case opml = "OPML"
    /// An HTML page (`<html>` root or an HTML doctype).
    case html = "HTML"
    /// Protocol NDJSON: one article object per line.
    case ndjson = "NDJSON"
    /// Plain text: an article copied out of a page.
    case plainText = "plain text"

    /// Whether it is a feed a reader can subscribe to and poll.
    public var isSubscribable: Bool { [.jsonFeed, .rss, .atom, .rdf].contains(self) }

    /// The kind of `data`, read from its first bytes; nil for binary data or an XML document whose
    /// root is none of the above. Never fails on malformed input.
    public static func sniff(_ data: Data) -> FeedDocumentKind? {
        let head = data.prefix(64 << 10)
        // The XML parser's own prologue reader, so import and parse never disagree about a root.
        let markup = (try? XMLDecoding.detected(head))??.data ?? Data(head)
        let prologue = markup.withUnsafeBytes { XMLPrologue($0) }
        guard !prologue.isEmpty else { return nil }
        if prologue.strayFirstByte == UInt8(ascii: "{") {
            if JSONFeedParser.isJSONFeed(head) { return .jsonFeed }
            return looksLikeNDJSON(head) ? .ndjson : nil
        }
        switch prologue.rootLocalName?.lowercased() {
        case "rss"?: return .rss
        case "feed"?: return .atom
        case "rdf"?: return .rdf
        case "opml"?: return .opml
        case "html"?, "head"?, "body"?: return .html
        case _? where isHTMLDoctype(prologue, markup): return .html
        case _?: return nil
        case nil: return TextDumpParser.looksLikeTextDump(head) ? .plainText : nil
        }
    }

    private static func isHTMLDoctype(_ prologue: XMLPrologue, _ markup: Data) -> Bool {
        guard let range = prologue.doctype else { return false }
        return String(decoding: markup[range].prefix(20), as: UTF8.self).lowercased().hasPrefix("<!doctype html")
    }

    private static func looksLikeNDJSON(_ bytes: Data) -> Bool {
        let firstLine = bytes.prefix(while: { $0 != UInt8(ascii: "\n") })
        return firstLine.range(of: Data("\"id\"".utf8)) != nil && firstLine.range(of: Data("\"source\"".utf8)) != nil
    }
}
