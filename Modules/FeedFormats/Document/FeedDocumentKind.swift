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
        let head = Array(data.prefix(64 << 10))
        var bytes = ArraySlice(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // UTF-16: only XML is published that way; read the root from the ASCII bytes.
            return xmlRoot(ArraySlice(head.filter { $0 != 0 }.dropFirst(2)))
        }
        bytes = bytes.drop(while: isSpace)
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "{") {
            if JSONFeedParser.isJSONFeed(Data(bytes)) { return .jsonFeed }
            return looksLikeNDJSON(bytes) ? .ndjson : nil
        }
        if first == UInt8(ascii: "<") { return xmlRoot(bytes) ?? (looksLikeText(bytes) ? .plainText : nil) }
        return looksLikeText(bytes) ? .plainText : nil
    }

    /// The kind named by the first element after the prolog (declaration, comments, PIs, doctype).
    static func xmlRoot(_ input: ArraySlice<UInt8>) -> FeedDocumentKind? {
        var bytes = input.drop(while: isSpace)
        while bytes.first == UInt8(ascii: "<") {
            let rest = bytes.dropFirst()
            if rest.starts(with: Array("?".utf8)) {
                guard let end = find(Array("?>".utf8), in: rest) else { return nil }
                bytes = rest[end...].dropFirst(2).drop(while: isSpace)
            } else if rest.starts(with: Array("!--".utf8)) {
                guard let end = find(Array("-->".utf8), in: rest) else { return nil }
                bytes = rest[end...].dropFirst(3).drop(while: isSpace)
            } else if rest.starts(with: Array("!".utf8)) {
                let declaration = String(decoding: rest.prefix(40), as: UTF8.self).lowercased()
                if declaration.hasPrefix("!doctype html") { return .html }
                // A doctype may carry an internal subset in brackets; skip to the `>` after it.
                var depth = 0, index = rest.startIndex
                while index < rest.endIndex {
                    let byte = rest[index]
                    if byte == UInt8(ascii: "[") { depth += 1 }
                    if byte == UInt8(ascii: "]") { depth -= 1 }
                    if byte == UInt8(ascii: ">"), depth <= 0 { break }
                    index += 1
                }
                guard index < rest.endIndex else { return nil }
                bytes = rest[(index + 1)...].drop(while: isSpace)
            } else {
                let name = rest.prefix(while: { !isSpace($0) && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") })
                let local = String(decoding: name, as: UTF8.self).split(separator: ":").last.map { $0.lowercased() } ?? ""
                switch local {
                case "rss": return .rss
                case "feed": return .atom
                case "rdf": return .rdf
                case "opml": return .opml
                case "html", "head", "body": return .html
                default: return nil
                }
            }
        }
        return nil
    }

    private static func looksLikeNDJSON(_ bytes: ArraySlice<UInt8>) -> Bool {
        let firstLine = bytes.prefix(while: { $0 != UInt8(ascii: "\n") })
        return find(Array("\"id\"".utf8), in: firstLine) != nil && find(Array("\"source\"".utf8), in: firstLine) != nil
    }

    /// Mostly printable text: no NUL bytes and few other control bytes in the first 64 KiB.
    private static func looksLikeText(_ bytes: ArraySlice<UInt8>) -> Bool {
        var controls = 0
        for byte in bytes {
            if byte == 0 { return false }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { controls += 1 }
        }
        return controls * 100 <= bytes.count
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
